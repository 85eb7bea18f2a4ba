"""The entities stage, case by case: small written sentences and what must (not) come out of them."""
from __future__ import annotations

import pytest

from warta.entities import find_entities
from warta.lang import load_pack
from warta.nlp import make_doc


def ents(text: str, lang: str = "id", exclude=()):
    doc = make_doc(text, lang)
    out = find_entities(doc, load_pack(lang), exclude_names=frozenset(exclude))
    for e in out:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    return out


def by_name(out, name):
    hit = [e for e in out if e.name == name]
    assert hit, f"no {name!r} in {[e.name for e in out]}"
    return hit[0]


def mentions(e):
    return [m.text for m in e.mentions]


@pytest.mark.parametrize(
    "text, lang, name, etype, country, code",
    [
        ("Presiden Prabowo Subianto meresmikan bendungan itu.", "id", "Prabowo Subianto", "PERSON", "IDN", "IDNGOV"),
        ("Menteri Luar Negeri Jepang Takeshi Iwaya tiba di Jakarta.", "id", "Takeshi Iwaya", "PERSON", "JPN", "JPNGOV"),
        ("Kapolri Jenderal Polisi Listyo Sigit Prabowo meninjau lokasi.", "id", "Listyo Sigit Prabowo", "PERSON", "IDN", "IDNCOP"),
        ("Sekjen PBB Antonio Guterres menyerukan gencatan senjata.", "id", "Antonio Guterres", "PERSON", None, "IGOUNO"),
        ("Pelatih timnas Indonesia Patrick Kluivert memanggil 28 pemain.", "id", "Patrick Kluivert", "PERSON", "IDN", "IDNSPO"),
        ("Anggota DPR Rieke Diah Pitaloka mengkritik kebijakan itu.", "id", "Rieke Diah Pitaloka", "PERSON", "IDN", "IDNLEG"),
        ("Emir Kuwait Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah menerima tamunya.", "id", "Mishal Al-Ahmad Al-Jaber Al-Sabah", "PERSON", "KWT", "KWTGOV"),
        ("Gubernur Jawa Timur Khofifah Indar Parawansa membuka pameran.", "id", "Khofifah Indar Parawansa", "PERSON", "IDN", "IDNGOV"),
        ("Warga Palestina mengungsi ke selatan.", "id", "Warga Palestina", "NORP", "PSE", "PSE"),
        ("Komisi Pemberantasan Korupsi (KPK) menahan tersangka.", "id", "KPK", "ORG", "IDN", "IDNJUD"),
        ("Hizbullah menembakkan roket ke Israel utara.", "id", "Hizbullah", "ORG", "LBN", "LBNREBHEZ"),
        ("U.S. Secretary of State Marco Rubio arrived in Doha on Monday.", "en", "Marco Rubio", "PERSON", "USA", "USAGOV"),
        ("Qatari foreign ministry spokesman Majed al-Ansari spoke to reporters.", "en", "Majed al-Ansari", "PERSON", "QAT", "QATGOV"),
        ("Israeli strikes killed 20 Palestinians in Gaza.", "en", "Israeli", "NORP", "ISR", "ISR"),
    ],
)
def test_entity_type_country_and_code(text, lang, name, etype, country, code):
    e = by_name(ents(text, lang), name)
    assert (e.type, e.country, e.code) == (etype, country, code)


def test_all_mentions_of_a_state_form_one_entity():
    out = ents("Amerika Serikat menolak usulan itu. Namun AS tetap membuka dialog, kata pejabat Amerika.")
    us = by_name(out, "Amerika Serikat")
    assert mentions(us) == ["Amerika Serikat", "AS", "Amerika"]
    assert [e for e in out if e.country == "USA"] == [us]


def test_a_person_is_linked_from_surname_and_role():
    out = ents(
        "Menteri Luar Negeri AS, Marco Rubio, tiba di Doha. Rubio bertemu Emir Qatar. "
        "Sementara itu, Menlu AS menegaskan dukungannya."
    )
    rubio = by_name(out, "Marco Rubio")
    assert mentions(rubio) == ["Marco Rubio", "Rubio", "Menlu AS"]
    assert rubio.role == "Menteri Luar Negeri AS"
    assert not [e for e in out if e.name in ("Menlu AS", "Emir Qatar", "Emir")]


@pytest.mark.parametrize(
    "text, lang, capital, state",
    [
        ("Washington dan Beijing sepakat menurunkan tarif.", "id", "Washington", "Amerika Serikat"),
        ("Kesepakatan antara Tokyo dengan Seoul diteken kemarin.", "id", "Tokyo", "Jepang"),
        ("Moskwa mengecam sanksi baru itu.", "id", "Moskwa", "Rusia"),
        ("Manila and Tokyo signed the deal.", "en", "Manila", "Philippines"),
    ],
)
def test_a_capital_that_acts_is_its_state(text, lang, capital, state):
    e = by_name(ents(text, lang), state)
    assert capital in mentions(e)


@pytest.mark.parametrize(
    "text, lang, capital",
    [
        ("Delegasi itu tiba di Washington pada Senin.", "id", "Washington"),
        ("Rapat digelar di Tokyo, Jepang.", "id", "Tokyo"),
        ("The talks were held in Doha.", "en", "Doha"),
    ],
)
def test_a_capital_as_a_place_is_a_city(text, lang, capital):
    e = by_name(ents(text, lang), capital)
    assert e.type == "GPE" and mentions(e) == [capital]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Sementara itu, hujan turun sejak Senin pagi hingga Oktober.", "id"),
        ("Pada Selasa, Presiden mengatakan bahwa harga turun.", "id"),
        ("Menurut dia, Menteri harus bertanggung jawab.", "id"),
        ("Kunjungan itu dilakukan setelah pertemuan.", "id"),
        ("However, the President said on Monday that prices would fall in March.", "en"),
        ("We are ready, the spokesman told reporters.", "en"),
    ],
)
def test_no_entities_from_common_capitalised_words(text, lang):
    assert ents(text, lang) == []


def test_credit_names_are_not_entities():
    text = "Wartawan Budi Santoso melaporkan dari lokasi. Gubernur Jawa Tengah Ahmad Luthfi meninjau banjir."
    names = [e.name for e in ents(text, exclude={"Budi Santoso"})]
    assert "Budi Santoso" not in names and "Ahmad Luthfi" in names


def test_office_without_country_takes_the_state_that_speaks_in_the_lead():
    out = ents(
        "Iran pada Senin mengatakan siap berunding.\n\n"
        "\u201cKami terbuka,\u201d kata juru bicara Kementerian Luar Negeri, Esmaeil Baqaei."
    )
    assert by_name(out, "Esmaeil Baqaei").country == "IRN"


def test_office_without_country_is_the_home_country_when_it_is_named():
    out = ents("Menteri Keuangan Purbaya Yudhi Sadewa menyebut ekonomi Indonesia tumbuh 5 persen, di atas AS.")
    assert by_name(out, "Purbaya Yudhi Sadewa").country == "IDN"


def test_event_and_organization_heads():
    out = ents("KTT ASEAN ke-47 digelar di Kuala Lumpur. Kementerian Perdagangan Malaysia menyiapkan forum bisnis.")
    assert by_name(out, "KTT ASEAN ke-47").type == "EVENT"
    ministry = by_name(out, "Kementerian Perdagangan Malaysia")
    assert (ministry.type, ministry.country, ministry.code) == ("ORG", "MYS", "MYSGOVBUS")


def test_speech_cue_makes_a_bare_name_a_person():
    out = ents("Harga beras naik lagi, kata Sutrisno kepada wartawan di Pasar Induk.")
    assert by_name(out, "Sutrisno").type == "PERSON"


def test_ner_spans_are_used_when_a_model_tags_them():
    from spacy.tokens import Span

    doc = make_doc("Dalam acara itu hadir pula Siti Nurhaliza dan Raisa Andriana.", "id")
    doc.ents = [Span(doc, 5, 7, label="PER"), Span(doc, 8, 10, label="PERSON")]
    names = {e.name: e.type for e in find_entities(doc, load_pack("id"))}
    assert names == {"Siti Nurhaliza": "PERSON", "Raisa Andriana": "PERSON"}


def test_ner_does_not_override_the_knowledge_base():
    from spacy.tokens import Span

    doc = make_doc("Pasukan Israel menyerang Doha.", "id")
    doc.ents = [Span(doc, 3, 4, label="PERSON")]
    out = find_entities(doc, load_pack("id"))
    assert by_name(out, "Doha").type == "GPE"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "(((", "A", "12345 67890", "ÅÅÅ ÆÆÆ ØØØ", "Presiden", "Menteri Luar Negeri AS,"])
def test_odd_input_never_crashes(text):
    assert isinstance(ents(text), list)
