"""Ingest's workers make the store rows and the record's dict form; the results equal the slow, plain ways."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from warta.lang import LANGUAGES, load_pack
from warta.pipeline import analyze
from warta.store import Store
from warta.store.db import Pending, record_json, record_rows
from warta.store.ingest import _WORKER_OPTIONS, _analyze_chunk_rows, _init_worker

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def records():
    paths = sorted((FIXTURES / "antara").glob("*.txt")) + sorted((FIXTURES / "reuters").glob("*.txt"))
    assert paths
    return [analyze(p.read_text(encoding="utf-8")) for p in paths]


def test_to_dict_equals_dataclasses_asdict(records):
    for rec in records:
        assert rec.to_dict() == dataclasses.asdict(rec)


def _dump(db: Path) -> dict[str, list]:
    conn = sqlite3.connect(db)
    out = {}
    for table in ("entities", "mentions", "quotes", "times", "events", "quantities"):
        out[table] = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    out["articles"] = sorted(tuple(r[:-1]) for r in conn.execute(
        "SELECT id, url, headline, body, record, n_entities, n_quotes, n_events, ingested_at FROM articles"))
    conn.close()
    return out


def test_rows_made_apart_store_the_same_as_the_record(tmp_path, records):
    with Store(tmp_path / "a.db") as a:
        for rec in records:
            assert a.put(rec) == "stored"
    with Store(tmp_path / "b.db") as b:
        assert b.put_batch([Pending(None, rows=record_rows(rec)) for rec in records]) == ["stored"] * len(records)
        assert b.put_batch([Pending(None, rows=record_rows(records[0]))]) == ["duplicate"]
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")
    assert record_rows(records[0]).article[-1] == record_json(records[0])


def test_the_worker_applies_the_rights_policy_before_making_rows():
    from warta.read import source_from_text

    text = (FIXTURES / "antara" / "turki-bantuan-gaza.txt").read_text(encoding="utf-8")
    text += "\n\nDilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini tanpa izin tertulis dari Kantor Berita ANTARA."
    try:
        for policy, expect in (("keep", "body"), ("facts-only", "withheld"), ("skip", None)):
            _init_worker("id", None, policy)
            [(status, (flagged, withheld, rows))] = _analyze_chunk_rows([source_from_text(text, kind="text")])
            assert status == "ok" and flagged
            if expect is None:
                assert rows is None
            elif expect == "withheld":
                assert withheld and rows.article[10] is None  # the body column
            else:
                assert not withheld and rows.article[10]
    finally:
        _WORKER_OPTIONS.update(reserved="keep")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_a_warm_up_article(lang):
    text = load_pack(lang)["warm_up"]["text"]
    rec = analyze(text, lang=lang)
    assert rec.entities and rec.quotes and rec.times
