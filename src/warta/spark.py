"""warta on a Spark cluster: the same ``analyze()`` over JSONL or Parquet articles, Parquet tables out.

    warta spark INPUT OUTPUT [--master local[*]]
    spark-submit --master yarn "$(python -c 'import warta.spark as m; print(m.__file__)')" INPUT OUTPUT

INPUT is a JSONL file or folder (one article per line, the fields ``warta analyze`` reads: text or
html, url, published, headline, outlet, lang and their aliases) or Parquet with the same columns.
OUTPUT receives one Parquet table per kind (``articles``, ``entities``, ``quotes``, ``events`` by
default), each partitioned by publication month (``published_month=2025-09``; ``unknown`` when the
date is not known). The rows are the rows of the SQLite store: every partition writes its records
into an in-memory ``warta.store.Store`` and reads the tables back, so ``warta spark`` and
``warta ingest`` followed by ``warta export`` give the same rows (without the store's ``seq`` and
``ingested_at``). Like ingest, an article id met twice is kept once (the first in input order).

The pipeline is loaded once per Python worker: ``get_nlp`` is cached in the worker process, and
Spark reuses its Python workers across tasks (``spark.python.worker.reuse``, on by default).

Absolute imports only: spark-submit runs this file as a script.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cache
from typing import Any, Iterator

DEFAULT_TABLES = ("articles", "entities", "quotes", "events")
OPTIONAL_TABLES = ("mentions", "times", "quantities")
STORE_ONLY_COLUMNS = ("seq", "ingested_at")  # the store's own bookkeeping, not part of the analysis
UNKNOWN_MONTH = "unknown"
_KIND, _ID, _ORDER, _MONTH = "_kind", "_article_id", "_order", "published_month"


@cache
def table_columns(tables: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, declared SQLite type)]}, read from the store's own schema."""
    from warta.store import Store

    with Store(":memory:") as store:
        return {
            t: [(r[1], (r[2] or "TEXT").upper()) for r in store.conn.execute(f"PRAGMA table_xinfo({t})") if r[1] not in STORE_ONLY_COLUMNS]
            for t in tables
        }


def output_schema(tables: tuple[str, ...]) -> Any:
    """Arrow schema of what each partition emits: one row per table row, tagged with its table and article."""
    import pyarrow as pa

    from warta.export import _arrow_type  # the same column types as `warta export --format parquet`

    fields = [pa.field(_KIND, pa.string()), pa.field(_ID, pa.string()), pa.field(_ORDER, pa.int64()), pa.field(_MONTH, pa.string())]
    for t, cols in table_columns(tables).items():
        fields.append(pa.field(t, pa.struct([pa.field(c, _arrow_type(d)) for c, d in cols])))
    fields.append(pa.field("errors", pa.struct([pa.field("where", pa.string()), pa.field("message", pa.string())])))
    return pa.schema(fields)


def analyze_lines(
    rows: Iterator[tuple[str, int, str | None]],
    *,
    tables: tuple[str, ...] = DEFAULT_TABLES,
    lang: str = "auto",
    published: str | None = None,
    reserved: str = "keep",
) -> Iterator[dict[str, Any]]:
    """(JSON text of one article, input order, input path) -> output rows; the heart of the Spark job, plain Python.

    The work per article is ingest's: ``warta.store.ingest._analyze_chunk`` (analyze 16 at a time, keep the input's
    warnings), the ``--reserved`` rights policy, then the store's row layout.
    """
    from warta.errors import InputError
    from warta.read import source_from_record
    from warta.store import Store, apply_rights_policy
    from warta.pipeline import BATCH_SIZE
    from warta.store.ingest import _WORKER_OPTIONS, _analyze_chunk

    _WORKER_OPTIONS.update(lang=lang, published=published)
    columns = table_columns(tables)

    def emit(batch: list[tuple[int, str, Any]]) -> Iterator[dict[str, Any]]:
        """Analyze the read articles as one batch (the NER reads them together), then give their rows."""
        for (order, where, _source), (status, payload) in zip(batch, _analyze_chunk([b[2] for b in batch])):
            if status == "error":
                yield _error_row(order, where, payload[1])
                continue
            rec = apply_rights_policy(payload, reserved)
            if rec is None:
                continue
            store.put(rec)  # an id met twice is settled across partitions by run_job (first in input order)
            month = rec.published[:7] if rec.published else UNKNOWN_MONTH
            for table, cols in columns.items():
                key = "id" if table == "articles" else "article_id"
                names = ", ".join(f'"{c}"' for c, _ in cols)
                for row in store.conn.execute(f"SELECT {names} FROM {table} WHERE {key} = ?", (rec.id,)):
                    yield {_KIND: table, _ID: rec.id, _ORDER: order, _MONTH: month, table: dict(row)}
            store.conn.execute("DELETE FROM articles WHERE id = ?", (rec.id,))  # cascades to the other tables

    with Store(":memory:") as store:
        batch: list[tuple[int, str, Any]] = []
        for text, order, path in rows:
            where = f"{path or '<input>'} record {order}"
            try:
                record = json.loads(text)
                source = source_from_record(record, {"path": path})
            except json.JSONDecodeError as err:
                yield from emit(batch)
                batch = []
                yield _error_row(order, where, f"malformed JSON ({err.msg} at column {err.colno})")
                continue
            except InputError as err:
                yield from emit(batch)
                batch = []
                yield _error_row(order, where, err.message)
                continue
            batch.append((order, where, source))
            if len(batch) >= BATCH_SIZE:
                yield from emit(batch)
                batch = []
        yield from emit(batch)


def _error_row(order: int, where: str, message: str) -> dict[str, Any]:
    return {_KIND: "errors", _ID: None, _ORDER: order, _MONTH: UNKNOWN_MONTH, "errors": {"where": where, "message": message}}


def _partition_function(tables: tuple[str, ...], lang: str, published: str | None, reserved: str, batch_rows: int = 500):
    """The function handed to ``DataFrame.mapInArrow``; it runs in the Python workers of the executors."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        schema = output_schema(tables)

        def rows() -> Iterator[tuple[str, int, str | None]]:
            for batch in batches:
                cols = batch.to_pydict()
                yield from zip(cols["value"], cols[_ORDER], cols["_path"])

        out: list[dict[str, Any]] = []
        for row in analyze_lines(rows(), tables=tables, lang=lang, published=published, reserved=reserved):
            out.append(row)
            if len(out) >= batch_rows:
                yield pa.RecordBatch.from_pylist(out, schema=schema)
                out = []
        if out:
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return run


def read_articles(spark: Any, path: str, fmt: str = "auto") -> Any:
    """A DataFrame of (value: JSON text of one article, _path, _order: position in input order)."""
    from pyspark.sql import functions as F

    if fmt == "auto":
        fmt = "parquet" if _looks_parquet(path) else "jsonl"
    if fmt == "parquet":
        df = spark.read.parquet(path)
        df = df.select(F.to_json(F.struct(*[F.col(f"`{c}`") for c in df.columns])).alias("value"))
    else:
        df = spark.read.text(path).where(F.trim(F.col("value")) != "")
    return df.withColumn("_path", F.input_file_name()).withColumn(_ORDER, F.monotonically_increasing_id())


def _looks_parquet(path: str) -> bool:
    if path.rstrip("/").endswith(".parquet"):
        return True
    if os.path.isdir(path):
        names = [n for n in os.listdir(path) if not n.startswith((".", "_"))]
        return any(n.endswith(".parquet") for n in names) or any(os.path.isdir(os.path.join(path, n)) and "=" in n for n in names)
    return False


def run_job(
    spark: Any,
    input_path: str,
    output_path: str,
    *,
    fmt: str = "auto",
    tables: tuple[str, ...] = DEFAULT_TABLES,
    lang: str = "auto",
    published: str | None = None,
    reserved: str = "keep",
    partitions: int | None = None,
) -> dict[str, int]:
    """Analyze INPUT on the cluster and write one Parquet table per kind under OUTPUT; returns rows written per table."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    articles = read_articles(spark, input_path, fmt)
    # A small input file is one partition: spread it so that every core analyzes.
    partitions = partitions or max(articles.rdd.getNumPartitions(), spark.sparkContext.defaultParallelism)
    if partitions != articles.rdd.getNumPartitions():
        articles = articles.repartition(partitions)
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(output_schema(tables))
    analyzed = articles.mapInArrow(_partition_function(tables, lang, published, reserved), schema)
    analyzed = analyzed.persist(StorageLevel.MEMORY_AND_DISK)  # analyze once, write several tables
    try:
        # The same article id in two partitions: keep the first in input order, as ingest does.
        first = (analyzed.where(F.col(_KIND) == "articles").groupBy(_ID).agg(F.min(_ORDER).alias(_ORDER)))
        counts: dict[str, int] = {}
        for table in tables:
            rows = analyzed.where(F.col(_KIND) == table).join(first, [_ID, _ORDER], "left_semi")
            rows = rows.select(f"{table}.*", _MONTH)
            rows.write.mode("overwrite").partitionBy(_MONTH).parquet(f"{output_path.rstrip('/')}/{table}")
            counts[table] = rows.count()
        errors = analyzed.where(F.col(_KIND) == "errors").select("errors.*")
        counts["errors"] = errors.count()
        if counts["errors"]:
            errors.write.mode("overwrite").parquet(f"{output_path.rstrip('/')}/errors")
        return counts
    finally:
        analyzed.unpersist()


def make_session(master: str | None = None, app_name: str = "warta") -> Any:
    from pyspark.sql import SparkSession

    # The executors' Python must be the one that has warta installed (local mode: this one).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel(os.environ.get("WARTA_SPARK_LOG_LEVEL", "WARN"))
    return spark


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="warta spark", description="Analyze articles on Spark; write Parquet tables partitioned by month.")
    ap.add_argument("input", help="JSONL or Parquet articles (a file or a folder; any URI Spark reads: s3a://, gs://, abfss://, hdfs://)")
    ap.add_argument("output", help="folder that receives articles/, entities/, quotes/, events/ (overwritten)")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    ap.add_argument("--format", dest="fmt", choices=("auto", "jsonl", "parquet"), default="auto")
    ap.add_argument("--tables", default=",".join(DEFAULT_TABLES),
                    help=f"tables to write, comma separated, from {', '.join(DEFAULT_TABLES + OPTIONAL_TABLES)}")
    ap.add_argument("--lang", choices=("auto", "id", "en"), default="auto")
    ap.add_argument("--published", default=None, metavar="YYYY-MM-DD")
    ap.add_argument("--reserved", choices=("keep", "facts-only", "skip"), default="keep",
                    help="articles whose rights reserve them from AI use (as in warta ingest)")
    ap.add_argument("--partitions", type=int, default=None, help="repartition the input into this many tasks")
    args = ap.parse_args(argv)
    tables = tuple(t.strip() for t in args.tables.split(",") if t.strip())
    unknown = [t for t in tables if t not in DEFAULT_TABLES + OPTIONAL_TABLES]
    if unknown:
        ap.error(f"unknown table(s): {', '.join(unknown)}")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("warta spark: PySpark is not installed (pip install 'warta[spark]')", file=sys.stderr)
        return 2
    in_submit = "SPARK_ENV_LOADED" in os.environ or "PYSPARK_GATEWAY_PORT" in os.environ
    spark = make_session(args.master or (None if in_submit else "local[*]"))
    master = spark.sparkContext.master
    try:
        counts = run_job(spark, args.input, args.output, fmt=args.fmt, tables=tables, lang=args.lang,
                         published=args.published, reserved=args.reserved, partitions=args.partitions)
    finally:
        spark.stop()
    print(json.dumps({"output": args.output, "master": master, "rows": counts}), file=sys.stderr)
    return 1 if counts.get("errors") else 0


if __name__ == "__main__":
    # spark-submit runs this file as __main__; hand over to the installed module so that the functions
    # shipped to the executors are pickled by reference to ``warta.spark``, which they import.
    from warta.spark import main as installed_main

    sys.exit(installed_main())
