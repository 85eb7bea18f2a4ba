"""The SQLite store: schema and migrations, idempotent writes, FTS kept in sync, the rights policy."""
from __future__ import annotations

import sqlite3

import pytest
from store_support import hand_records

from warta.errors import StoreError
from warta.record import Analysis, Quote, Rights, Speaker
from warta.store import SCHEMA_VERSION, TABLES, Pending, Store, apply_rights_policy
from warta.store.schema import MIGRATIONS


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.db") as s:
        yield s


def fts_hits(store: Store, table: str, word: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (word,)).fetchone()[0]


def test_new_database_has_every_table_view_and_migration(store):
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(TABLES) <= names
    assert {"articles_fts", "quotes_fts", "schema_migrations", "ingested_inputs"} <= names
    rows = store.conn.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    assert all(r[2] for r in rows)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_no_migration_twice(tmp_path):
    path = tmp_path / "t.db"
    Store(path).close()
    with Store(path) as again:
        assert again.migrate() == []
        assert again.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "t.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a warta database"):
        Store(path)


def test_put_is_idempotent_by_id_and_fills_every_table(store):
    rec = hand_records()[0]
    assert store.put(rec) == "stored"
    assert store.put(rec) == "duplicate"
    assert store.count("articles") == 1
    assert store.count("entities") == len(rec.entities)
    assert store.count("mentions") == sum(len(e.mentions) for e in rec.entities)
    assert store.count("quotes") == len(rec.quotes)
    assert store.count("times") == len(rec.times)
    assert store.count("events") == len(rec.events)
    assert store.get(rec.id) == rec.to_dict()
    assert store.integrity() == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_replace_rewrites_children_and_the_fts_index(store):
    rec = hand_records()[0]
    store.put(rec)
    assert fts_hits(store, "articles_fts", "Patimban") == 1
    assert fts_hits(store, "quotes_fts", "mempercepat") == 1
    changed = Analysis.from_dict(rec.to_dict())
    changed.body = changed.body.replace("Patimban", "Tanjung Priok")
    changed.headline = "Judul baru tentang dermaga"
    changed.quotes = [Quote("Kalimat yang sama sekali lain", True, Speaker("Budi Santoso", "e1"))]
    assert store.put(changed, replace=True) == "replaced"
    assert store.count("articles") == 1
    assert store.count("quotes") == 1
    assert fts_hits(store, "articles_fts", "Patimban") == 0
    assert fts_hits(store, "articles_fts", "dermaga") == 1
    assert fts_hits(store, "quotes_fts", "mempercepat") == 0
    assert fts_hits(store, "quotes_fts", "sekali") == 1
    assert store.integrity() == "ok"


def test_delete_cascades_to_children_and_fts(store):
    rec = hand_records()[0]
    store.put(rec)
    assert store.delete(rec.id)
    for table in ("articles", "entities", "mentions", "quotes", "times", "events", "quantities"):
        assert store.count(table) == 0, table
    assert fts_hits(store, "articles_fts", "pelabuhan") == 0
    assert fts_hits(store, "quotes_fts", "mempercepat") == 0
    assert not store.delete(rec.id)


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO quotes(article_id, quote_no, text, direct) VALUES ('nope', 0, 'x', 1)")


def test_a_batch_lands_whole_or_not_at_all(store):
    good, other = hand_records()
    broken = Analysis.from_dict(other.to_dict())
    broken.entities[0].type = None  # violates NOT NULL
    with pytest.raises(sqlite3.IntegrityError):
        store.put_batch([Pending(good, key="k1"), Pending(broken, key="k2")])
    assert store.count("articles") == 0
    assert store.known_inputs(["k1", "k2"]) == set()
    assert store.put_batch([Pending(good, key="k1"), Pending(other, key="k2"), Pending(good, key="k3")]) == ["stored", "stored", "duplicate"]
    assert store.put_batch([Pending(good, key="k1")]) == ["already"]
    assert store.known_inputs(["k1", "k2", "k3", "k4"]) == {"k1", "k2", "k3"}


def test_a_record_without_id_is_refused(store):
    with pytest.raises(StoreError):
        store.put(Analysis(body="no id"))


def _reserved(quote_len: int = 500) -> Analysis:
    rec = hand_records()[0]
    rec.rights = Rights("ANTARA", 2025, True, "Dilarang keras ...")
    rec.quotes[0].text = "kata " * (quote_len // 5)
    return rec


@pytest.mark.parametrize("policy", ["keep", "facts-only", "skip"])
def test_rights_policy(policy):
    rec = _reserved()
    kept = apply_rights_policy(rec, policy)
    if policy == "skip":
        assert kept is None
        return
    assert kept is not None
    if policy == "keep":
        assert kept.body == rec.body and kept.quotes[0].text == rec.quotes[0].text
    else:
        assert kept.body == "" and kept.sentences == []
        assert all(len(q.text) <= 200 for q in kept.quotes)
        assert [e.name for e in kept.entities] == [e.name for e in rec.entities]
        assert len(kept.events) == len(rec.events)
        assert rec.body, "the policy must not change the record it was given"


def test_rights_policy_leaves_unreserved_articles_alone():
    rec = hand_records()[1]
    assert not rec.rights.ai_use_reserved
    assert apply_rights_policy(rec, "skip") is rec


def test_unknown_rights_policy_is_an_error():
    with pytest.raises(StoreError):
        apply_rights_policy(hand_records()[0], "sometimes")


def test_facts_only_article_is_stored_without_body(store):
    kept = apply_rights_policy(_reserved(), "facts-only")
    store.put(kept)
    row = store.conn.execute("SELECT body, body_withheld, ai_use_reserved FROM articles").fetchone()
    assert tuple(row) == (None, 1, 1)
    assert fts_hits(store, "articles_fts", "nelayan") == 0
    assert store.count("events") == len(kept.events)


def test_export_iterators_stream_every_row(store):
    for rec in hand_records():
        store.put(rec)
    assert [r["id"] for r in store.iter_records(batch=1)] == [r.id for r in hand_records()]
    assert sum(1 for _ in store.iter_rows("events", batch=1)) == store.count("events")
    assert "char_start" in store.columns("mentions")
    with pytest.raises(StoreError):
        list(store.iter_rows("sqlite_master"))


def test_docs_describe_every_table_and_view():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "store.md").read_text(encoding="utf-8")
    missing = [t for t in (*TABLES, "ingested_inputs", "schema_migrations", "articles_fts", "quotes_fts") if f"`{t}`" not in doc]
    assert not missing, f"docs/store.md does not describe {missing}"
