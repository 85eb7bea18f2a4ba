"""The store's commands: ingest (idempotent, bad inputs reported, rights policy, workers), query, search, export."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from store_support import copy_fixtures

from warta.cli import main
from warta.store import Store

N_FIXTURES = 6  # four .txt articles and two JSONL records in tests/fixtures/store


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    return copy_fixtures(tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def db(tmp_path_factory, articles):
    path = tmp_path_factory.mktemp("db") / "cli.db"
    result = CliRunner().invoke(main, ["ingest", str(articles), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


class Ran:
    """What a command printed, with the one-line error that ``warta.cli.run`` prints for a WartaError."""

    def __init__(self, result):
        self.exit_code = result.exit_code
        self.output = result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            self.output += f"warta: {result.exception}\n"


def run(*args: str, ok: bool = True) -> Ran:
    result = Ran(CliRunner().invoke(main, list(args), env={"COLUMNS": "240"}))
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_ingest_stores_every_fixture(db):
    with Store(db) as s:
        assert s.count() == N_FIXTURES
        assert s.integrity() == "ok"
        assert s.conn.execute("SELECT count(*) FROM ingested_inputs").fetchone()[0] == N_FIXTURES


def test_ingest_again_stores_nothing_new(db, articles):
    result = run("ingest", str(articles), "--db", str(db))
    assert "0 stored" in result.output and f"{N_FIXTURES} inputs done by an earlier run" in result.output
    with Store(db) as s:
        assert s.count() == N_FIXTURES


def test_bad_inputs_are_reported_in_a_table_and_the_batch_goes_on(tmp_path, articles):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (bad / "broken.jsonl").write_text('{"text": "Jakarta - Satu berita pendek untuk diuji."}\n{not json\n')
    db = tmp_path / "b.db"
    result = run("ingest", str(bad), str(articles), "--db", str(db), ok=False)
    assert result.exit_code == 1
    assert "3 bad inputs" in result.output
    for where in ("empty.txt", "binary.txt", "broken.jsonl line 2"):
        assert where in result.output
    with Store(db) as s:
        assert s.count() == N_FIXTURES + 1


@pytest.mark.parametrize("policy, stored, body_withheld", [("keep", N_FIXTURES, 0), ("facts-only", N_FIXTURES, 1), ("skip", N_FIXTURES - 1, 0)])
def test_rights_policy(tmp_path, articles, policy, stored, body_withheld):
    db = tmp_path / f"{policy}.db"
    result = run("ingest", str(articles), "--db", str(db), "--reserved", policy)
    assert "1 article reserves its text from AI use" in result.output
    with Store(db) as s:
        assert s.count() == stored
        assert s.conn.execute("SELECT count(*) FROM articles WHERE body_withheld = 1").fetchone()[0] == body_withheld
    again = run("ingest", str(articles), "--db", str(db), "--reserved", policy)
    assert "0 stored" in again.output


def test_workers_store_the_same_articles(tmp_path, articles, db):
    other = tmp_path / "w.db"
    run("ingest", str(articles), "--db", str(other), "--workers", "2", "--quiet")
    with Store(db) as a, Store(other) as b:
        rows = "SELECT id, headline, body, n_entities, n_quotes FROM articles ORDER BY id"
        assert [tuple(r) for r in a.conn.execute(rows)] == [tuple(r) for r in b.conn.execute(rows)]


def test_query_formats(db):
    data = json.loads(run("query", "articles", "--db", str(db), "--format", "json").output)
    assert data["total"] == N_FIXTURES and set(data) == {"items", "total", "next"}
    rows = list(csv.DictReader(io.StringIO(run("query", "articles", "--db", str(db), "--format", "csv", "--lang", "en").output)))
    assert {r["language"] for r in rows} == {"en"} and len(rows) == 2
    table = run("query", "articles", "--db", str(db), "--limit", "2").output
    assert f"articles: 2 of {N_FIXTURES}" in table and "more: --cursor" in table
    quotes = json.loads(run("query", "quotes", "--db", str(db), "--format", "json", "--limit", "200").output)
    assert quotes["total"] == len(quotes["items"])


def test_search(db):
    data = json.loads(run("search", "pompa", "air", "--db", str(db), "--format", "json").output)
    assert data["total"] == 1 and "Semarang" in data["items"][0]["snippet"]
    assert json.loads(run("search", "'; DROP TABLE articles; --", "--db", str(db), "--format", "json").output)["total"] == 0
    assert json.loads(run("query", "articles", "--db", str(db), "--format", "json").output)["total"] == N_FIXTURES


def test_query_errors_are_one_line(db, tmp_path):
    result = run("query", "articles", "--db", str(tmp_path / "missing.db"), ok=False)
    assert result.exit_code == 1 and "no such database" in result.output
    result = run("query", "articles", "--db", str(db), "--since", "last week", ok=False)
    assert result.exit_code == 1 and "must be a date" in result.output


def test_export_jsonl_csv_parquet(db, tmp_path):
    run("export", "--db", str(db), "--format", "jsonl", "--out", str(tmp_path / "a.jsonl"))
    records = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert len(records) == N_FIXTURES and all(r["schema"] == "warta/1" for r in records)

    run("export", "--db", str(db), "--format", "csv", "--table", "quotes", "--out", str(tmp_path / "q.csv"))
    with Store(db) as s:
        n_quotes = s.count("quotes")
    assert len(list(csv.DictReader((tmp_path / "q.csv").open()))) == n_quotes

    pq = pytest.importorskip("pyarrow.parquet")
    for table in ("articles", "events_in_articles", "entity_index"):
        out = tmp_path / f"{table}.parquet"
        run("export", "--db", str(db), "--format", "parquet", "--table", table, "--out", str(out))
        t = pq.read_table(out)
        assert "article_id" in t.column_names or "id" in t.column_names or "name" in t.column_names
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == N_FIXTURES


def test_export_refuses_unknown_table_and_parquet_to_stdout(db):
    assert "unknown table" in run("export", "--db", str(db), "--format", "csv", "--table", "sqlite_master", "--out", "-", ok=False).output
    assert "standard output" in run("export", "--db", str(db), "--format", "parquet", "--out", "-", ok=False).output


def test_export_gdelt(db, tmp_path):
    out = tmp_path / "events.tsv"
    result = run("export", "--db", str(db), "--format", "gdelt", "--out", str(out), ok=False)
    try:
        import warta.gdelt  # noqa: F401
    except ImportError:
        assert result.exit_code == 1 and "gdelt format is not available yet" in result.output
        return
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_serve_refuses_a_public_bind_without_token(db, monkeypatch):
    monkeypatch.delenv("WARTA_TOKEN", raising=False)
    result = run("serve", "--db", str(db), "--host", "0.0.0.0", ok=False)
    assert result.exit_code == 2 and "without a token" in result.output
