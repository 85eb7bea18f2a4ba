"""The Spark job gives the same tables as ``warta ingest`` then ``warta export``.

PySpark in local[2] mode over 200 articles built from the written fixture articles (each with its own
URL and a publication date spread over several months), plus one duplicate and one malformed line.
Skips cleanly when PySpark or Java is missing. About a minute on a 2-core machine, most of it the
start of the JVM and of two Python workers that each load the pipeline.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
TABLES = ("articles", "entities", "quotes", "events")
N_ARTICLES = 200
# Columns that say where an input came from, which the two paths spell differently (the Spark job
# reads lines without their numbers); everything else must match.
PROVENANCE = {"input_path", "input_record"}


def _java_available() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (java_home and Path(java_home, "bin", "java").exists()))


def _batch(path: Path) -> None:
    texts = sorted(p for p in FIXTURES.glob("*/*.txt"))
    if not texts:
        pytest.skip("no fixture articles under tests/fixtures/articles")
    lines = []
    for i in range(N_ARTICLES):
        src = texts[i % len(texts)]
        month = 1 + i % 6
        lines.append(json.dumps({
            "url": f"https://example.org/{src.parent.name}/{src.stem}-{i}",
            "published": f"2025-{month:02d}-{1 + i % 27:02d}",
            "text": src.read_text(encoding="utf-8"),
        }, ensure_ascii=False))
    lines.insert(50, lines[10])  # the same article again: stored once by both paths
    lines.insert(120, "{not json")  # a bad line: reported by both, fatal to neither
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _comparable(row: dict) -> str:
    row = {k: v for k, v in row.items() if k not in PROVENANCE and k != "published_month"}
    if "record" in row and row["record"]:
        record = json.loads(row["record"])
        record.pop("source", None)
        row["record"] = record
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def _read_parquet_rows(path: Path) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(str(path), format="parquet", partitioning="hive").to_table().to_pylist()


@pytest.fixture(scope="module")
def spark_and_store(tmp_path_factory):
    pytest.importorskip("pyspark")
    if not _java_available():
        pytest.skip("Java is not installed (PySpark needs a JVM)")
    from warta.spark import make_session, run_job

    tmp = tmp_path_factory.mktemp("spark")
    batch = tmp / "batch.jsonl"
    _batch(batch)

    spark = make_session("local[2]", app_name="warta-test")
    try:
        counts = run_job(spark, str(batch), str(tmp / "out"))
    finally:
        spark.stop()

    db = tmp / "warta.db"
    cli = [sys.executable, "-m", "warta"]
    ingest = subprocess.run([*cli, "ingest", str(batch), "--db", str(db), "--quiet"], capture_output=True, text=True)
    assert ingest.returncode in (0, 1), ingest.stderr  # 1: the malformed line was reported
    exported = {}
    for table in TABLES:
        out = tmp / f"{table}.parquet"
        proc = subprocess.run([*cli, "export", "--db", str(db), "--format", "parquet", "--table", table, "--out", str(out)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        exported[table] = _read_parquet_rows(out)
    return counts, tmp / "out", exported


def test_every_table_is_written_partitioned_by_month(spark_and_store):
    counts, out, _ = spark_and_store
    for table in TABLES:
        assert (out / table / "_SUCCESS").exists()
    months = sorted(p.name for p in (out / "articles").iterdir() if p.is_dir())
    assert months == [f"published_month=2025-{m:02d}" for m in range(1, 7)]
    assert counts["articles"] == N_ARTICLES
    assert counts["errors"] == 1


def test_articles_sit_in_the_partition_of_their_month(spark_and_store):
    _, out, _ = spark_and_store
    rows = _read_parquet_rows(out / "articles")
    assert rows and all(r["published_month"] == r["published"][:7] for r in rows)


@pytest.mark.parametrize("table", TABLES)
def test_spark_tables_hold_the_same_rows_as_ingest_then_export(spark_and_store, table):
    _, out, exported = spark_and_store
    from_spark = sorted(_comparable(r) for r in _read_parquet_rows(out / table))
    from_store = sorted(_comparable({k: v for k, v in r.items() if k not in ("seq", "ingested_at")}) for r in exported[table])
    assert len(from_spark) == len(from_store)
    assert from_spark == from_store


def test_entities_and_quotes_were_found_at_all(spark_and_store):
    counts, _, _ = spark_and_store
    # Not an accuracy check: only that the stages ran inside the executors.
    assert counts["entities"] > 0
