"""The anatomy data: outlet files, agency names, layout lexicons, and the reader's decoding rules."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from warta.layout import agencies, outlets, rules
from warta.lang import LANGUAGES, load_pack
from warta.read import normalize_date, repair_mojibake

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def test_every_outlet_of_the_issue_has_a_data_file():
    keys = {o.key for o in outlets()}
    assert {"antara", "antara-en", "kompas", "detik", "tempo", "cnnindonesia", "republika", "liputan6", "okezone",
            "tribunnews", "merdeka", "viva", "reuters", "ap", "afp", "anadolu"} <= keys


@pytest.mark.parametrize("outlet", outlets(), ids=lambda o: o.key)
def test_outlet_files_are_complete(outlet):
    assert outlet.name and outlet.language in LANGUAGES
    assert outlet.domains and all("/" not in d and "." in d for d in outlet.domains)
    assert outlet.dateline_agencies
    assert (FIXTURES / outlet.key).is_dir(), f"no fixtures for {outlet.key}"


def test_outlet_names_are_unique_per_language():
    seen = {}
    for o in outlets():
        assert (o.name, o.language) not in seen, (o.key, seen.get((o.name, o.language)))
        seen[(o.name, o.language)] = o.key


@pytest.mark.parametrize(("printed", "canonical"), [("AA", "Anadolu"), ("Anadolu Agency", "Anadolu"), ("Thomson Reuters", "Reuters"),
                                                    ("Agence France-Presse", "AFP"), ("The Associated Press", "AP"), ("aljazeera", "Al Jazeera")])
def test_agency_spellings(printed, canonical):
    assert agencies()[printed.casefold()] == canonical


@pytest.mark.parametrize("lang", LANGUAGES)
def test_layout_lexicons_have_every_key_and_valid_patterns(lang):
    layout = load_pack(lang)["layout"]
    assert set(layout) == set(load_pack(LANGUAGES[0])["layout"]), "layout.json keys differ between languages"
    for key, value in layout.items():
        if key.endswith("_patterns") and key != "credit_patterns":
            for pattern in value:
                re.compile(pattern)
    for item in layout["credit_patterns"]:
        assert "names" in re.compile(item["pattern"]).groupindex and item["role"] in {"reporters", "writers", "translators", "editors", "photographers"}
    assert set(layout["credit_labels"].values()) <= {"reporters", "writers", "translators", "editors", "photographers"}


def test_rules_merge_both_languages():
    r = rules()
    assert r.credit_labels["pewarta"] == "reporters" and r.credit_labels["editing by"] == "editors"
    assert r.related_line.match("Baca juga: x") and r.related_line.match("Read also: x")


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Nims CafÃ©, Jakarta", "Nims Café, Jakarta"),
        ("â€œHaloâ€\x9d katanya", "“Halo” katanya"),
        ("AtlÃ©tico de Madrid", "Atlético de Madrid"),
        ("Reform and Opening Up (æ\x94¹é\x9d©å¼\x80æ\x94¾)", "Reform and Opening Up (改革开放)"),
    ],
)
def test_mojibake_is_repaired(broken, fixed):
    assert repair_mojibake(broken) == (fixed, True)


@pytest.mark.parametrize("text", ["Café naïve", "Türkiye dan Azerbaijan", "“Kami siap,” katanya.", "Rp50.000 — naik 5%", "東京"])
def test_correct_text_is_left_alone(text):
    assert repair_mojibake(text) == (text, False)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-09-16T10:00:00+07:00", "2025-09-16"),
        ("2025/09/16", "2025-09-16"),
        ("9/16/2025 10:00", "2025-09-16"),
        ("16/9/2025", "2025-09-16"),
        ("16.09.2025", "2025-09-16"),
        ("16-09-2025", "2025-09-16"),
        ("2025-02-30", None),
        ("kemarin", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, iso):
    assert normalize_date(value) == iso
