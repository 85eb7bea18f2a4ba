"""The entities stage next to the trained NER: the model's spans and types stand unless the knowledge base or a
rule has strong evidence. Sentences written for the test; where the outcome depends on what the model reads, the
model's spans are set by hand so the test checks the stage, not the model."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from warta.entities import find_entities
from warta.lang import load_pack
from warta.nlp import make_doc


def ents(text: str, lang: str = "id"):
    return find_entities(make_doc(text, lang), load_pack(lang))


def with_model(text: str, spans: list[tuple[str, str]], lang: str = "id"):
    """Entities of ``text`` when the model read exactly ``spans`` (surface text, label)."""
    doc = make_doc(text, lang)
    out = []
    for surface, label in spans:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        out.append(span)
    doc.ents = out
    return find_entities(doc, load_pack(lang))


def mentions(out, typ=None):
    return {(m.text, e.type) for e in out for m in e.mentions if typ is None or e.type == typ}


# titles, offices and ranks read as the role, never glued into the name
@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Menko Polhukam Darmawan Saputra membuka rapat koordinasi.", "Darmawan Saputra", "Menko Polhukam"),
        ("Rapat itu dihadiri Menkominfo Bagus Pranoto di Jakarta.", "Bagus Pranoto", "Menkominfo"),
        ("Menteri Komunikasi dan Informatika Sri Rahmawati meninjau pusat data.", "Sri Rahmawati",
         "Menteri Komunikasi dan Informatika"),
        ("Sekretaris Perusahaan PT Kereta Nusantara, Rina Wulandari, menjelaskan jadwal baru.", "Rina Wulandari",
         "Sekretaris Perusahaan PT Kereta Nusantara"),
        ("Wakil Rektor Universitas Andalas, Hendra Gunawan, membuka seminar.", "Hendra Gunawan",
         "Wakil Rektor Universitas Andalas"),
        # a body's name that ends in a KB name stops there when a name follows
        ("Sekretaris Perusahaan PT Kereta Api Indonesia Rina Wulandari menjelaskan jadwal baru.", "Rina Wulandari",
         "Sekretaris Perusahaan PT Kereta Api Indonesia"),
    ],
)
def test_office_is_the_role(text, name, role):
    person = [e for e in ents(text) if e.type == "PERSON"]
    assert [(e.name, e.role) for e in person] == [(name, role)], [(e.name, e.role) for e in person]


def test_police_rank_without_dot_stays_out_of_the_name():
    out = with_model("Kapolda itu, Irjen Pol Bambang Sutejo, meninjau lokasi.", [("Bambang Sutejo", "PERSON")])
    assert ("Bambang Sutejo", "PERSON") in mentions(out)
    assert not any(m.startswith("Pol") for m, _ in mentions(out))


def test_body_the_model_tags_after_a_title_belongs_to_the_office():
    out = with_model("Dirut Sinarmas Budi Hartono membantah kabar itu.", [("Sinarmas", "ORG"), ("Budi Hartono", "PERSON")])
    person = next(e for e in out if e.type == "PERSON")
    assert (person.name, person.role) == ("Budi Hartono", "Dirut Sinarmas")
    assert ("Sinarmas", "ORG") in mentions(out)


def test_model_span_longer_than_the_titled_name_wins():
    out = with_model("Kapolri Jenderal Bagus Haiti meninjau lokasi.", [("Bagus Haiti", "PERSON")])
    assert mentions(out, "PERSON") == {("Bagus Haiti", "PERSON")}


def test_title_inside_a_street_name_is_no_person():
    out = with_model("Kantor itu berada di Jl Sultan Hasanuddin, Makassar.", [("Jl Sultan Hasanuddin", "LOC"), ("Makassar", "LOC")])
    assert not mentions(out, "PERSON")
    assert ("Jl Sultan Hasanuddin", "LOC") in mentions(out)


def test_office_whose_name_the_model_reads_as_a_place():
    out = with_model("Ia pernah menjabat Gubernur New South Wales selama dua tahun.", [("New South Wales", "LOC")])
    assert not mentions(out, "PERSON")
    assert ("New South Wales", "LOC") in mentions(out)


# events and bodies: a name the model finds inside stays a mention of its own
def test_place_inside_an_event_is_a_mention():
    out = with_model("Kubu hasil Munas Bali menolak putusan itu.", [("Bali", "LOC")])
    assert {("Munas Bali", "EVENT"), ("Bali", "GPE")} <= mentions(out)


def test_home_body_joined_to_its_place_follows_the_model():
    out = with_model("Pemkot Surabaya menutup jalan itu selama sepekan.", [("Surabaya", "LOC")])
    assert mentions(out) == {("Surabaya", "GPE")}


def test_state_body_of_a_named_country_keeps_both():
    out = ents("Kementerian Luar Negeri Qatar mengecam serangan itu.")
    assert ("Qatar", "GPE") in mentions(out)


@pytest.mark.parametrize("text", [
    "Saham PT Pos Nusantara Indonesia naik dua persen.",
    "Mahasiswa Universitas Indonesia menggelar aksi damai.",
])
def test_country_inside_a_company_or_school_name_is_no_mention(text):
    assert "Indonesia" not in {e.name for e in ents(text)}


# the model's type where a KB name names the other thing
def test_city_read_as_a_club():
    out = with_model("Madrid menang 2-1 atas tamunya.", [("Madrid", "ORG")])
    assert mentions(out) == {("Madrid", "ORG")}
    assert all(e.kb_id is None for e in out)


def test_capital_that_acts_stays_its_state():
    out = with_model("Washington dan Beijing sepakat menurunkan tarif.", [("Washington", "ORG"), ("Beijing", "LOC")])
    assert ("Washington", "GPE") in mentions(out)
    assert any(e.name == "Amerika Serikat" for e in out)


def test_body_read_as_the_place_it_sits():
    out = with_model("Pelantikan itu berlangsung di Istana Negara, Jakarta.", [("Istana Negara", "LOC"), ("Jakarta", "LOC")])
    assert ("Istana Negara", "LOC") in mentions(out)


# the model's boundaries
def test_lower_case_place_word_stays_in_the_name():
    out = with_model("Desa itu masuk wilayah kecamatan Pajangan sejak lama.", [("kecamatan Pajangan", "LOC")])
    assert ("kecamatan Pajangan", "LOC") in mentions(out)


def test_kind_of_place_follows_the_model():
    out = with_model("Banjir melanda Provinsi Aceh sejak Minggu.", [("Aceh", "LOC")])
    aceh = next(e for e in out if e.type == "GPE")
    assert [m.text for m in aceh.mentions] == ["Aceh"] and aceh.kb_id is not None


def test_closing_bracket_stays_with_its_opening_one():
    out = with_model("Anak usaha PT PLN (Persero) itu menambah pembangkit.", [("PT PLN (Persero)", "ORG")])
    assert ("PT PLN (Persero)", "ORG") in mentions(out)


def test_honorific_the_model_reads_stays():
    out = with_model("Pendapat itu pernah disampaikan Gus Dur di Jakarta.", [("Gus Dur", "PERSON"), ("Jakarta", "LOC")])
    assert ("Gus Dur", "PERSON") in mentions(out)


def test_month_like_first_name_after_a_speech_verb():
    out = with_model("\u201cKami siap,\u201d kata Agus.", [("Agus", "PERSON")])
    assert ("Agus", "PERSON") in mentions(out)


def test_acronyms_in_a_list_are_not_shouting():
    out = with_model("Saham SMGR, BRI (BBRI) dan TLKM naik.", [("BRI", "ORG")])
    assert ("BRI", "ORG") in mentions(out)


def test_office_word_after_a_title_is_no_person():
    out = with_model("Putusan itu dibacakan Hakim Konstitusi pada Senin.", [])
    assert not mentions(out, "PERSON")


# knowledge the stage adds: news outlets, and KB names that name something else
@pytest.mark.parametrize("text, outlet", [
    ("Hal itu dikatakan Budi kepada detikcom, Senin (12/5/2025).", "detikcom"),
    ("Seperti dikutip detikINET dari laman resminya, ponsel itu dijual bulan depan.", "detikINET"),
])
def test_outlet_in_body_text_is_an_organization(text, outlet):
    assert (outlet, "ORG") in mentions(ents(text))


@pytest.mark.parametrize("text, name", [
    ("Harga minyak naik menjadi 80 dolar AS per barel.", "Amerika Serikat"),
    ("Antara lain, warga meminta jalan diperbaiki.", "ANTARA"),
    ("Kuota solar turun menjadi 46 juta KL tahun ini.", "Kuala Lumpur"),
])
def test_kb_name_that_names_something_else(text, name):
    assert name not in {e.name for e in ents(text)}
