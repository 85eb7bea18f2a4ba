"""Export the store: JSON Lines (whole records), CSV or Parquet (one table), GDELT-style TSV (events).

Every format streams: records and rows are read from the database in batches, so memory stays
bounded whatever the size of the store.
"""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from .errors import UsageError
from .record import Analysis
from .store import TABLES, Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
PARQUET_BATCH = 2000


@contextmanager
def _text_out(out: str) -> Iterator[IO[str]]:
    if out == "-":
        yield sys.stdout
        return
    with open(out, "w", encoding="utf-8", newline="") as fh:
        yield fh


def export(store: Store, fmt: str, out: str, *, table: str = "articles") -> int:
    """Write the store to ``out`` ("-" for standard output) in ``fmt``; returns how many rows or records were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    if table not in TABLES:
        raise UsageError(f"unknown table {table!r} (use one of {', '.join(TABLES)})")
    if fmt == "parquet" and out == "-":
        raise UsageError("Parquet cannot go to standard output; give --out FILE.parquet")
    if out != "-":
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with _text_out(out) as fh:
            return write_jsonl(store, fh)
    if fmt == "csv":
        with _text_out(out) as fh:
            return write_csv(store, table, fh)
    if fmt == "parquet":
        return write_parquet(store, table, out)
    with _text_out(out) as fh:
        return write_gdelt_tsv(store, fh)


def write_jsonl(store: Store, fh: IO[str]) -> int:
    n = 0
    for record in store.iter_records():
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(store: Store, table: str, fh: IO[str]) -> int:
    columns = store.columns(table)
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in store.iter_rows(table):
        writer.writerow(row)
        n += 1
    return n


def write_parquet(store: Store, table: str, out: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, _arrow_type(decl)) for name, decl in _declared_types(store, table)])
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in store.iter_rows(table):
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _declared_types(store: Store, table: str) -> list[tuple[str, str]]:
    """Column names with their declared SQLite types; view columns take the type of their values."""
    info = [(r[1], (r[2] or "").upper()) for r in store.conn.execute(f"PRAGMA table_xinfo({table})")]
    if all(decl for _, decl in info):
        return info
    # A view: look at the first non-null value of each untyped column.
    typed: list[tuple[str, str]] = []
    for name, decl in info:
        if not decl:
            row = store.conn.execute(f'SELECT typeof("{name}") FROM {table} WHERE "{name}" IS NOT NULL LIMIT 1').fetchone()
            decl = {"integer": "INTEGER", "real": "REAL"}.get(row[0] if row else "", "TEXT")
        typed.append((name, decl))
    return typed


def _arrow_type(decl: str) -> Any:
    import pyarrow as pa

    if "INT" in decl:
        return pa.int64()
    if "REAL" in decl or "FLOA" in decl or "DOUB" in decl:
        return pa.float64()
    return pa.string()


def write_gdelt_tsv(store: Store, fh: IO[str]) -> int:
    """GDELT-style event rows, written by the events engineer's ``warta.gdelt.write_gdelt``."""
    try:
        from .gdelt import write_gdelt
    except ImportError as err:
        raise UsageError("the gdelt format is not available yet: warta.gdelt (the GDELT writer of the events stage) is missing") from err
    records = (Analysis.from_dict(r) for r in store.iter_records())
    written = write_gdelt(records, fh)
    return written if isinstance(written, int) else -1
