"""Crash safety of the store: an ingest of 500 articles is killed with SIGKILL at random points, then
resumed; every article ends up stored exactly once, the database passes its integrity checks, and
readers (the HTTP API) keep answering while the ingest writes.

To stay fast, the pipeline is loaded once in this process and each killed ingest is a fork of it
(the same ``warta ingest`` command, killed for real); the final resume runs the installed command in
a fresh interpreter.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient
from store_support import short_articles

from warta.api import create_app
from warta.read import iter_sources
from warta.store import Store, input_key

N_ARTICLES = 500
KILLS = 6


def _fork_ingest(folder, db) -> int:
    pid = os.fork()
    if pid == 0:  # the child: run the real command, never return into pytest
        code = 1
        try:
            from click.testing import CliRunner

            from warta.cli import main

            result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--workers", "1", "--lang", "id", "--quiet"])
            code = result.exit_code
        finally:
            os._exit(code)
    return pid


def _stored(db) -> int:
    with Store(db, readonly=True, migrate=False) as s:
        return s.count()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_points_then_resume_stores_each_article_once(tmp_path):
    folder = short_articles(tmp_path / "articles", N_ARTICLES)
    db = tmp_path / "crash.db"
    Store(db).close()
    from warta.pipeline import analyze
    from warta.store.ingest import _init_worker

    _init_worker("id", None)  # load the pipeline once; every fork starts warm
    analyze("Jakarta (ANTARA) - Pemanasan.", lang="id")
    reader = TestClient(create_app(db))
    rng = random.Random(20250916)
    history = [0]
    answers = 0
    for _ in range(KILLS):
        target = min(N_ARTICLES - 1, history[-1] + rng.randint(1, N_ARTICLES // (KILLS + 1)))
        pid = _fork_ingest(folder, db)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            r = reader.get("/api/articles", params={"limit": 1})
            assert r.status_code == 200, r.text  # readers keep answering during the ingest
            answers += 1
            if r.json()["total"] >= target:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.25))  # somewhere inside the next batch, maybe mid-transaction
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == 0
        count = _stored(db)
        assert count >= history[-1], "a committed article was lost"
        history.append(count)
        with Store(db) as s:
            assert s.integrity() == "ok"
    assert any(0 < c < N_ARTICLES for c in history[1:]), f"no kill landed mid-ingest: {history}"

    done = subprocess.run([sys.executable, "-m", "warta", "ingest", str(folder), "--db", str(db), "--workers", "1", "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    with Store(db) as s:
        assert s.integrity() == "ok"
        assert s.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert s.count() == N_ARTICLES
        assert s.conn.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == N_ARTICLES
        keys = {input_key(src) for src in iter_sources([str(folder)])}
        stored_keys = [r[0] for r in s.conn.execute("SELECT input_key FROM ingested_inputs")]
        assert len(stored_keys) == len(set(stored_keys)) == N_ARTICLES and set(stored_keys) == keys
        # children match their article's counts, and the full-text indexes match their tables
        assert s.conn.execute("SELECT sum(n_quotes) FROM articles").fetchone()[0] == s.count("quotes")
        assert s.conn.execute("SELECT sum(n_entities) FROM articles").fetchone()[0] == s.count("entities")
        s.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        s.conn.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
        assert s.query("articles", None).total == N_ARTICLES
        assert s.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'rapat'").fetchone()[0] == N_ARTICLES
    print(f"stored after each kill: {history[1:]}; reader answers during the ingests: {answers}")
