"""The times stage on a table of expressions in context (tests/fixtures/times/expressions.tsv).

Each row gives a sentence, the publication date it is read against, the expression that must be found
(exactly that span) and its TIMEX3 value and type; a row whose expression starts with "!" names text that
must NOT be part of any time expression.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy

from warta.lang import load_pack
from warta.times import find_times

TABLE = Path(__file__).resolve().parent / "fixtures" / "times" / "expressions.tsv"


def load_table() -> list[dict]:
    rows = []
    header = None
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        row["anchor"] = None if row["anchor"] == "-" else date.fromisoformat(row["anchor"])
        row["value"] = None if row["value"] == "-" else row["value"]
        row["type"] = None if row["type"] == "-" else row["type"]
        rows.append(row)
    return rows


ROWS = load_table()


@pytest.fixture(scope="module")
def blank():
    return {lang: spacy.blank(lang) for lang in ("id", "en")}


def times_of(blank, lang, text, anchor):
    doc = blank[lang].make_doc(text)
    return find_times(doc, anchor, load_pack(lang))


def test_times_table_is_large_and_bilingual():
    assert len(ROWS) >= 300
    assert {r["lang"] for r in ROWS} == {"id", "en"}
    for r in ROWS:
        assert r["expression"].lstrip("!") in r["sentence"], r


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['lang']}-{i}-{r['expression'][:24]}" for i, r in enumerate(ROWS)])
def test_times_table(row, blank):
    text = row["sentence"]
    found = times_of(blank, row["lang"], text, row["anchor"])
    for t in found:
        assert text[t.start:t.end] == t.text
    expr = row["expression"]
    if expr.startswith("!"):
        start = text.index(expr[1:])
        end = start + len(expr) - 1
        hits = [t for t in found if t.start < end and start < t.end]
        assert not hits, f"{expr[1:]!r} must not be a time: {hits}"
        return
    start = text.index(expr)
    end = start + len(expr)
    hits = [t for t in found if t.start < end and start < t.end]
    assert hits, f"missed {expr!r} in {text!r}; found {[t.text for t in found]}"
    t = hits[0]
    assert (t.text, t.value) == (expr, row["value"]), f"{text!r}: {t}"
    if row["type"]:
        assert t.type == row["type"]
