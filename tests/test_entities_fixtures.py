"""Whole written articles: the entities they must hold, and the words that must not become entities."""
from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES
from warta.entities import find_entities
from warta.lang import load_pack
from warta.nlp import make_doc

CASES = sorted((FIXTURES / "entities").glob("*.expected.json"))


def _analyze(text: str, lang: str, exclude=frozenset()):
    doc = make_doc(text, lang)
    return doc, find_entities(doc, load_pack(lang), exclude_names=frozenset(exclude))


def _find(ents, name):
    return next((e for e in ents if e.name == name), None)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.replace(".expected.json", ""))
def test_entities_fixture(case):
    gold = json.loads(case.read_text(encoding="utf-8"))
    text = case.with_name(case.name.replace(".expected.json", ".txt")).read_text(encoding="utf-8")
    doc, ents = _analyze(text, gold["lang"])
    for g in gold["entities"]:
        e = _find(ents, g["name"])
        assert e is not None, f"missing {g['name']!r}; got {[x.name for x in ents]}"
        assert e.type == g["type"], (g["name"], e.type)
        if "country" in g:
            assert e.country == g["country"], (g["name"], e.country)
        if "code" in g:
            assert e.code == g["code"], (g["name"], e.code)
        if "role" in g:
            assert e.role == g["role"], (g["name"], e.role)
        texts = [m.text for m in e.mentions]
        for m in g.get("mentions", []):
            assert m in texts, f"{g['name']}: no mention {m!r} in {texts}"
    for word in gold["absent"]:
        # no entity of its own, and no mention of a place, organization or people (a role-only mention of a
        # person, "Menlu Mesir", is fine)
        for e in ents:
            assert e.name.casefold() != word.casefold(), f"{word!r} became an entity: {e}"
            if e.type != "PERSON":
                assert word.casefold() not in {m.text.casefold() for m in e.mentions}, f"{word!r} is a mention of {e}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.replace(".expected.json", ""))
def test_entities_fixture_mentions_point_into_the_body(case):
    gold = json.loads(case.read_text(encoding="utf-8"))
    text = case.with_name(case.name.replace(".expected.json", ".txt")).read_text(encoding="utf-8")
    doc, ents = _analyze(text, gold["lang"])
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    for e in ents:
        assert e.mentions
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def _seed_body(shared_dir):
    """The seed article's body, cut the way the layout stage cuts it (dateline and trailer lines off)."""
    lines = (shared_dir / "seed" / "antara-qatar-defense.txt").read_text(encoding="utf-8").splitlines()
    trailer = re.compile(r"^(Baca juga|Sumber|Penerjemah|Editor|Copyright|Dilarang)\b")
    body = [re.sub(r"^\w+ \(ANTARA\) - ", "", line) for line in lines if line.strip() and not trailer.match(line)]
    return "\n\n".join(body)


def test_entities_on_the_seed_article(shared_dir):
    gold = json.loads((shared_dir / "seed" / "antara-qatar-defense.expected.json").read_text(encoding="utf-8"))
    doc, ents = _analyze(_seed_body(shared_dir), "id", exclude={"Kuntum Khaira Riswan", "M Razi Rahman"})

    def names(e):
        return {e.name.casefold()} | {m.text.casefold() for m in e.mentions}

    for g in gold["entities"]:
        aliases = {a.casefold() for a in g["aliases"]}
        e = next((e for e in ents if names(e) & aliases), None)
        assert e is not None, g["name"]
        assert e.type == g["type"] or {e.type, g["type"]} <= {"GPE", "LOC"}, (g["name"], e.type)
        if g.get("country"):
            assert e.country == g["country"], (g["name"], e.country)
    allowed = {a.casefold() for g in gold["entities"] + gold["entities_optional"] for a in g["aliases"]}
    unexpected = [e.name for e in ents if not names(e) & allowed]
    assert len(unexpected) <= 0.2 * len(ents), unexpected
    for c in gold["coref"]:
        g = next(x for x in gold["entities"] if x["name"] == c["entity"])
        aliases = {a.casefold() for a in g["aliases"]}
        assert any(names(e) & aliases and c["mention"].casefold() in {m.text.casefold() for m in e.mentions} for e in ents), c
