"""The entities stage with the shipped NER: the model's spans are kept whole, the rules add KB links and roles."""
import pytest

from warta.entities import find_entities
from warta.lang import load_pack
from warta.nlp import get_nlp


def ents(text, lang="id"):
    return find_entities(get_nlp(lang)(text), load_pack(lang))


def by_name(out, name):
    return next((e for e in out if e.name == name), None)


@pytest.mark.parametrize("text,name,typ,country", [
    # a country or city named in the other language links through the KB
    ("Ekonomi Germany melambat tahun ini, kata para analis.", "Jerman", "GPE", "DEU"),
    ("The minister flew to Jerman on Monday.", "Germany", "GPE", "DEU"),
    # the model's longer name is kept whole, not cut at a KB prefix
    ("Kementerian Hukum dan Hak Asasi Manusia sudah menyiapkan aturan baru.",
     "Kementerian Hukum dan Hak Asasi Manusia", "ORG", None),
    # lower-cased text: the model's spans are trusted, the KB links them
    ("presiden joko widodo bertemu megawati di jakarta .", "joko widodo", "PERSON", None),
    ("presiden joko widodo bertemu megawati di jakarta .", "DKI Jakarta", "GPE", "IDN"),
])
def test_ner_spans_with_kb(text, name, typ, country):
    e = by_name(ents(text, "en" if text.startswith("The ") else "id"), name)
    assert e is not None, [x.name for x in ents(text)]
    assert (e.type, e.country) == (typ, country)


def test_place_after_an_office_is_not_its_holder():
    out = ents("Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Lumajang, Wahyu Hidayat, "
               "mengatakan hujan deras turun sejak pagi.")
    assert not any(e.type == "PERSON" and e.name == "Lumajang" for e in out)
    person = by_name(out, "Wahyu Hidayat")
    assert person is not None and person.type == "PERSON"
    assert person.role.endswith("Lumajang") and person.country == "IDN"


@pytest.mark.parametrize("text,name", [
    ("Jokowi mengatakan pemerintah akan menambah anggaran.", "Jokowi"),
    ("Emir Qatar Sheikh Tamim bin Hamad Al Thani menerima tamunya di Doha.", "Tamim bin Hamad Al Thani"),
])
def test_single_and_split_names_are_kept(text, name):
    out = ents(text)
    assert by_name(out, name) is not None, [x.name for x in out]
