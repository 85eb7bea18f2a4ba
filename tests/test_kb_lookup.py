"""The knowledge base answers lookups by printed name, in Indonesian and English."""
from __future__ import annotations

import re

import pytest

from warta import kb
from warta.lang import LANGUAGES, load_pack

CAMEO_ROLES = set(
    "GOV MIL COP JUD LEG OPP REB SEP SPY UAF INS AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB MED REF MOD RAD SET "
    "NGO IGO PTY SPO".split()
)


@pytest.mark.parametrize(
    "name, lang, kb_id, code",
    [
        ("Amerika Serikat", "id", "USA", "USA"),
        ("AS", "id", "USA", "USA"),
        ("Amerika", "id", "USA", "USA"),
        ("U.S.", "en", "USA", "USA"),
        ("Inggris", "id", "GBR", "GBR"),
        ("Britania Raya", "id", "GBR", "GBR"),
        ("UK", "en", "GBR", "GBR"),
        ("Tiongkok", "id", "CHN", "CHN"),
        ("RRT", "id", "CHN", "CHN"),
        ("Korea Selatan", "id", "KOR", "KOR"),
        ("Korsel", "id", "KOR", "KOR"),
        ("Mesir", "id", "EGY", "EGY"),
        ("Katar", "id", "QAT", "QAT"),
        ("Belanda", "id", "NLD", "NLD"),
        ("Jalur Gaza", "id", "area:gaza", "PSE"),
        ("Gaza Strip", "en", "area:gaza", "PSE"),
        ("PBB", "id", "org:un", "IGOUNO"),
        ("UN", "en", "org:un", "IGOUNO"),
        ("ASEAN", "id", "org:asean", "IGOSEAASN"),
        ("OKI", "id", "org:oic", "IGOMOSOIC"),
        ("NATO", "en", "org:nato", "IGOWSTNAT"),
        ("Uni Eropa", "id", "org:eu", "IGOEUREEC"),
        ("Liga Arab", "id", "org:arab-league", "IGOARBARL"),
        ("WHO", "id", "org:who", "IGOUNOHLHWHO"),
        ("IMF", "en", "org:imf", "IGOBUSIMF"),
        ("DPR", "id", "org:dpr", "IDNLEG"),
        ("KPK", "id", "org:kpk", "IDNJUD"),
        ("Polri", "id", "org:polri", "IDNCOP"),
        ("TNI", "id", "org:tni", "IDNMIL"),
        ("BMKG", "id", "org:bmkg", "IDNGOVENV"),
        ("Kemenlu", "id", "org:kemlu", "IDNGOV"),
        ("Gerindra", "id", "org:gerindra", "IDNPTY"),
        ("PDIP", "id", "org:pdip", "IDNPTY"),
        ("Hamas", "id", "org:hamas", "PSEREBHMS"),
        ("Hizbullah", "id", "org:hezbollah", "LBNREBHEZ"),
        ("KKB", "id", "org:kkb", "IDNSEP"),
        ("Gedung Putih", "id", "org:white-house", "USAGOV"),
        ("Diwan Emir", "id", "org:amiri-diwan", "QATGOV"),
    ],
)
def test_kb_lookup_by_printed_name(name, lang, kb_id, code):
    entry = kb.lookup(name, lang)
    assert entry is not None, name
    assert (entry.id, entry.code) == (kb_id, code)


@pytest.mark.parametrize(
    "name, lang, canonical, etype, country",
    [
        ("AS", "id", "Amerika Serikat", "GPE", "USA"),
        ("AS", "en", None, None, None),  # "AS" is no English alias
        ("Jawa Barat", "id", "Jawa Barat", "GPE", "IDN"),
        ("Jabar", "id", "Jawa Barat", "GPE", "IDN"),
        ("Surabaya", "id", "Surabaya", "GPE", "IDN"),
        ("Kabupaten Bogor", "id", "Bogor", "GPE", "IDN"),
        ("Kabupaten Batang", "id", "Kabupaten Batang", "GPE", "IDN"),
        ("Batang", "id", None, None, None),  # a common word: only with "Kabupaten"
        ("Timur Tengah", "id", "Timur Tengah", "LOC", None),
        ("Doha", "id", "Doha", "GPE", "QAT"),
        ("Kairo", "id", "Kairo", "GPE", "EGY"),
    ],
)
def test_kb_lookup_gives_canonical_name_type_and_country(name, lang, canonical, etype, country):
    entry = kb.lookup(name, lang)
    if canonical is None:
        assert entry is None
        return
    assert (entry.name, entry.type, entry.country) == (canonical, etype, country)


def test_kb_lookup_forgives_case_and_spacing():
    assert kb.lookup("amerika  serikat", "id").id == "USA"


@pytest.mark.parametrize("name, lang, state", [("Washington", "id", "USA"), ("Doha", "id", "QAT"), ("Kremlin", "en", "RUS"), ("Gedung Putih", "id", "USA")])
def test_kb_capitals_and_seats_act_for_their_state(name, lang, state):
    assert kb.acting_state(name, lang).id == state


def test_kb_cities_that_are_not_capitals_act_for_no_state():
    assert kb.acting_state("Surabaya", "id") is None
    assert kb.acting_state("Istanbul", "id") is None


def test_kb_demonyms():
    assert kb.demonym_index("en")["Israeli"].id == "ISR"
    assert kb.demonym_index("en")["Palestinians"].id == "PSE"


def test_kb_every_country_has_names_in_both_languages():
    countries = [e for e in kb.entries("id") if e.kind == "country"]
    assert len(countries) >= 249
    for e in countries:
        assert kb.get(e.id, "en").name and e.name
        assert e.code == e.id == e.country and re.fullmatch(r"[A-Z]{3}", e.id)


def test_kb_organization_codes_follow_cameo_blocks():
    for e in kb.entries("id"):
        if e.kind != "organization":
            continue
        code = e.code or ""
        assert len(code) % 3 == 0 and code, e.id
        head = code[:3]
        assert head in ("IGO", "NGO", "IMG") or head == e.country, f"{e.id}: {code} vs country {e.country}"
        blocks = [code[i:i + 3] for i in range(3, len(code), 3)]
        assert not blocks or blocks[0] in CAMEO_ROLES or head in ("IGO", "NGO", "IMG"), f"{e.id}: {code}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_titles_carry_known_cameo_role_codes(lang):
    titles = load_pack(lang)["titles"]
    for t in titles["titles"]:
        assert t["forms"] and t["role"], t
        assert t.get("code") is None or t["code"] in CAMEO_ROLES, t
        assert t.get("country") is None or kb.country(t["country"], lang) is not None, t
    for group in titles["ranks"]:
        assert group["code"] in CAMEO_ROLES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entity_rules_codes_are_known(lang):
    rules = load_pack(lang)["entity_rules"]
    for table in ("org_heads", "org_words"):
        for head, code in rules[table].items():
            assert code is None or code in CAMEO_ROLES, (table, head, code)
    assert rules["default_country"] is None or kb.country(rules["default_country"], lang) is not None


@pytest.mark.parametrize("role", ["president", "foreign_minister", "spokesperson", "emir", "governor", "mayor", "coach"])
def test_titles_share_role_keys_across_languages(role):
    keys = {lang: {t["role"] for t in load_pack(lang)["titles"]["titles"]} for lang in LANGUAGES}
    assert all(role in k for k in keys.values())
