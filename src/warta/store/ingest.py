"""Ingest: read inputs, analyze them (in this process or in N workers), and store them in batches.

Exactly once: an input already handled (``ingested_inputs``) is not analyzed again, an article
already stored (same id) is not stored again, and each batch is one transaction that writes the
articles together with the marks of their inputs. An ingest killed at any point and run again
therefore stores every article exactly once.
"""
from __future__ import annotations

import multiprocessing
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..errors import InputError, WartaError
from ..read import Source, iter_sources
from ..record import Analysis
from .db import Pending, Store, apply_rights_policy, input_key, record_rows

BATCH_ARTICLES = 50  # articles per transaction
BATCH_SECONDS = 1.0  # ... or fewer, when this long has passed since the batch began


@dataclass
class IngestReport:
    seen: int = 0  # inputs read
    stored: int = 0  # new articles written
    replaced: int = 0
    duplicates: int = 0  # articles already stored (same id from another input or an earlier run)
    already: int = 0  # inputs handled by an earlier run
    reserved: int = 0  # articles whose rights reserve them from AI use
    reserved_skipped: int = 0
    reserved_withheld: int = 0  # stored without their body (facts-only)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, message)
    seconds: float = 0.0

    @property
    def analyzed(self) -> int:
        return self.stored + self.replaced + self.duplicates + self.reserved_skipped

    def to_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen, "stored": self.stored, "replaced": self.replaced, "duplicates": self.duplicates,
            "already": self.already, "reserved": self.reserved, "reserved_skipped": self.reserved_skipped,
            "reserved_withheld": self.reserved_withheld, "failed": [{"where": w, "message": m} for w, m in self.failed],
            "seconds": round(self.seconds, 3),
        }


# -- the work done for one input (in a worker process or in this one) ---------------------------
_WORKER_OPTIONS: dict[str, Any] = {}


def _init_worker(lang: str, published: str | None, reserved: str = "keep") -> None:
    """Load the pipeline before the first article: spaCy and the language packs, and every stage's lexicons
    (one short sample article per language, ``lang/<code>/warm_up.json``). Runs in each worker, and in the
    ingest process before it forks its workers, which then share the warm pipeline instead of each
    loading it again (about a CPU second each)."""
    _WORKER_OPTIONS.update(lang=lang, published=published, reserved=reserved)
    from ..lang import load_pack
    from ..pipeline import analyze

    for code in (lang,) if lang in ("id", "en") else ("id", "en"):
        try:
            analyze(load_pack(code)["warm_up"]["text"], lang=code)
        except Exception:  # noqa: BLE001 - a missing pack shows up on the articles that need it
            pass


def _analyze_chunk(sources: list[Source]) -> list[tuple[str, Any]]:
    """Analyze a few articles as one batch (the NER reads them together); one outcome per article, in order:
    ("ok", record) or ("error", (where, message))."""
    from ..pipeline import analyze_batch

    out: list[tuple[str, Any]] = []
    records = analyze_batch(sources, lang=_WORKER_OPTIONS.get("lang", "auto"), published=_WORKER_OPTIONS.get("published"))
    for source, rec in zip(sources, records):
        if isinstance(rec, WartaError):
            out.append(("error", (rec.where or source.where, rec.message)))
            continue
        rec.warnings[:0] = [w for w in source.warnings if w not in rec.warnings]
        out.append(("ok", rec))
    return out


def _analyze_chunk_rows(sources: list[Source]) -> list[tuple[str, Any]]:
    """``_analyze_chunk`` as ingest needs it: the ``--reserved`` policy applied and the store's rows made, here
    in the worker. ("ok", (rights reserved?, body withheld?, rows or None when skipped)) per article."""
    reserved = _WORKER_OPTIONS.get("reserved", "keep")
    out: list[tuple[str, Any]] = []
    for source, (status, payload) in zip(sources, _analyze_chunk(sources)):
        if status == "error":
            out.append((status, payload))
            continue
        rec = payload
        flagged = bool(rec.rights.ai_use_reserved)
        kept = apply_rights_policy(rec, reserved)
        rows = None if kept is None else record_rows(kept, path=source.origin.get("path"), number=source.origin.get("record"))
        out.append(("ok", (flagged, kept is not None and flagged and reserved == "facts-only", rows)))
    return out


def _chunks(sources: Iterable[tuple[Source, str]], size: int) -> Iterator[list[tuple[Source, str]]]:
    chunk: list[tuple[Source, str]] = []
    for item in sources:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(sources: Iterable[tuple[Source, str]], workers: int) -> Iterator[tuple[Source, str, tuple[str, Any]]]:
    """Analyze in input order, a chunk of articles at a time; with workers > 1 a bounded window of chunks is in flight."""
    from ..pipeline import BATCH_SIZE

    if workers <= 1:
        for chunk in _chunks(sources, BATCH_SIZE):
            for (src, key), outcome in zip(chunk, _analyze_chunk_rows([s for s, _k in chunk])):
                yield src, key, outcome
        return
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_init_worker,
                  initargs=(_WORKER_OPTIONS.get("lang", "auto"), _WORKER_OPTIONS.get("published"), _WORKER_OPTIONS.get("reserved", "keep"))) as pool:
        window: deque = deque()

        def finished():
            chunk, res = window.popleft()
            for (src, key), outcome in zip(chunk, res.get()):
                yield src, key, outcome

        for chunk in _chunks(sources, BATCH_SIZE):
            window.append((chunk, pool.apply_async(_analyze_chunk_rows, ([s for s, _k in chunk],))))
            if len(window) >= workers * 2:
                yield from finished()
        while window:
            yield from finished()


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int = 1,
    reserved: str = "keep",
    lang: str = "auto",
    published: str | None = None,
    replace: bool = False,
    progress: Callable[[IngestReport], None] | None = None,
    batch_articles: int = BATCH_ARTICLES,
) -> IngestReport:
    """Analyze and store every article in ``paths``; bad inputs are reported, never fatal."""
    apply_rights_policy(Analysis(), reserved)  # checks the policy name before any work
    report = IngestReport()
    started = time.monotonic()
    _WORKER_OPTIONS.update(lang=lang, published=published, reserved=reserved)
    if workers <= 1 or "fork" in multiprocessing.get_all_start_methods():
        _init_worker(lang, published, reserved)  # forked workers inherit it

    def fresh_sources() -> Iterator[tuple[Source, str]]:
        for item in iter_sources(paths):
            report.seen += 1
            if isinstance(item, InputError):
                report.failed.append((item.where or "<input>", item.message))
                continue
            key = input_key(item)
            if not replace and store.has_input(key):
                report.already += 1
                if progress:
                    progress(report)
                continue
            yield item, key

    batch: list[Pending] = []
    batch_started = time.monotonic()

    def flush() -> None:
        nonlocal batch, batch_started
        if batch:
            for outcome in store.put_batch(batch, replace=replace):
                _count(report, outcome)
            batch = []
        batch_started = time.monotonic()

    for src, key, (status, payload) in _results(fresh_sources(), workers):
        if status == "error":
            report.failed.append(payload)
        else:
            flagged, withheld, rows = payload
            report.reserved += flagged
            report.reserved_withheld += withheld
            batch.append(Pending(None, key=key, path=src.origin.get("path"), number=src.origin.get("record"), rows=rows))
        if len(batch) >= batch_articles or time.monotonic() - batch_started >= BATCH_SECONDS:
            flush()
        report.seconds = time.monotonic() - started
        if progress:
            progress(report)
    flush()
    report.seconds = time.monotonic() - started
    if progress:
        progress(report)
    return report


def _count(report: IngestReport, outcome: str) -> None:
    if outcome == "stored":
        report.stored += 1
    elif outcome == "replaced":
        report.replaced += 1
    elif outcome == "duplicate":
        report.duplicates += 1
    elif outcome == "skipped-reserved":
        report.reserved_skipped += 1
    elif outcome == "already":
        report.already += 1
