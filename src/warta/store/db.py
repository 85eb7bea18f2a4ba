"""The SQLite store: connection, migrations, and writing records (idempotent, transactional).

One ``Store`` wraps one connection in autocommit mode; every write runs inside an explicit
``BEGIN IMMEDIATE ... COMMIT`` so that a batch of articles lands whole or not at all. The database
runs in WAL mode, so readers (the web server) keep answering while an ingest writes.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import StoreError
from ..read import Source
from ..record import Analysis
from .schema import LATEST, MIGRATIONS

DEFAULT_DB = "warta.db"
RESERVED_POLICIES = ("keep", "facts-only", "skip")
FACTS_ONLY_QUOTE_CHARS = 200


def input_key(source: Source) -> str:
    """Identity of an input before analysis: the hash of its URL and its text (or HTML)."""
    h = hashlib.sha256()
    for part in (source.url or "", source.text or "", source.html or ""):
        h.update(part.encode("utf-8", errors="replace"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


@dataclass
class Pending:
    """One analyzed input waiting to be written."""

    record: Analysis | None
    key: str | None = None
    path: str | None = None
    number: int | None = None
    rows: "RecordRows | None" = None  # record_rows(record, path, number), made by the worker that analyzed it


@dataclass
class RecordRows:
    """Every row one record adds to the store, made without the database (plain tuples, cheap to pickle):
    ingest's workers make them, so that the process holding the database only writes."""

    id: str
    article: tuple  # the articles row without its last column, ingested_at (set when written)
    entities: list[tuple]
    mentions: list[tuple]
    quotes: list[tuple]
    times: list[tuple]
    events: list[tuple]
    quantities: list[tuple]


def apply_rights_policy(rec: Analysis, policy: str) -> Analysis | None:
    """The ``--reserved`` policy for an article whose rights forbid AI use.

    keep: everything; facts-only: the extracted facts without the body, quotes cut to 200 characters;
    skip: nothing (None). Articles without the reservation pass unchanged.
    """
    if policy not in RESERVED_POLICIES:
        raise StoreError(f"unknown rights policy {policy!r} (use one of {', '.join(RESERVED_POLICIES)})")
    if not rec.rights.ai_use_reserved or policy == "keep":
        return rec
    if policy == "skip":
        return None
    rec = Analysis.from_dict(rec.to_dict())
    rec.body = ""
    rec.sentences = []
    for q in rec.quotes:
        if len(q.text) > FACTS_ONLY_QUOTE_CHARS:
            q.text = q.text[: FACTS_ONLY_QUOTE_CHARS - 1].rstrip() + "…"
    if "body withheld: the article's rights reserve it from AI use" not in rec.warnings:
        rec.warnings.append("body withheld: the article's rights reserve it from AI use")
    return rec


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_json(rec: Analysis) -> str:
    """The stored form of a record (the ``record`` column)."""
    return _json(rec.to_dict())


def record_rows(rec: Analysis, *, path: str | None = None, number: int | None = None) -> RecordRows:
    """The rows ``Store`` writes for one record; the input's path and number default to the record's source."""
    if not rec.id:
        raise StoreError("record has no id")
    if path is None and rec.source:
        path = rec.source.get("path")
        number = rec.source.get("record")
    aid = rec.id
    withheld = not rec.body
    article = (
        aid, rec.url, rec.outlet, rec.language, rec.headline, rec.published, rec.published_basis,
        rec.dateline.place, rec.dateline.agency, rec.dateline.text, rec.body or None, int(withheld),
        rec.rights.copyright_holder, rec.rights.copyright_year, int(bool(rec.rights.ai_use_reserved)), rec.rights.notice,
        _json(vars(rec.credits)), _json(rec.sources), _json(rec.warnings),
        str(path) if path is not None else None, number if isinstance(number, int) else None,
        len(rec.entities), len(rec.quotes), len(rec.events), record_json(rec),
    )
    entities, mentions = [], []
    seen_entities: set[str] = set()
    for ent in rec.entities:
        if ent.id in seen_entities:  # a malformed record: keep the first
            continue
        seen_entities.add(ent.id)
        entities.append((aid, ent.id, ent.name, ent.type, ent.country, ent.code, ent.role, ent.kb_id, len(ent.mentions)))
        mentions.extend((aid, ent.id, m.start, m.end, m.text) for m in ent.mentions)
    quotes = [
        (aid, n, q.text, int(bool(q.direct)), q.speaker.name, q.speaker.entity, q.speaker.role, q.cue, q.channel,
         None if withheld else q.start, None if withheld else q.end)
        for n, q in enumerate(rec.quotes)
    ]
    times = [(aid, n, t.text, t.value, t.type, t.mod, t.start, t.end) for n, t in enumerate(rec.times)]
    events = [_event_row(aid, n, e) for n, e in enumerate(rec.events)]
    quantities = [(aid, n, q.text, q.value, q.approx, q.counts, q.unit, q.start, q.end) for n, q in enumerate(rec.quantities)]
    return RecordRows(aid, article, entities, mentions, quotes, times, events, quantities)


class Store:
    """A warta database. ``Store(path)`` creates it when missing and applies pending migrations."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, timeout: float = 30.0, migrate: bool = True):
        self.path = str(path)
        self.readonly = readonly
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise StoreError(f"cannot open the database: {err}", where=self.path) from err
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal" and self.path != ":memory:":
                    raise StoreError(f"the database cannot use WAL mode (journal mode is {mode})", where=self.path)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            if migrate and not readonly:
                self.migrate()
            if readonly:
                self.conn.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"not a warta database ({err})", where=self.path) from err

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").fetchone()
        if not exists:
            return 0
        return self.conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    def migrate(self) -> list[int]:
        """Apply every pending migration, each in its own transaction; return the versions applied."""
        applied: list[int] = []
        current = self.schema_version()
        if current > LATEST:
            raise StoreError(f"the database has schema version {current}, newer than this warta ({LATEST}); upgrade warta", where=self.path)
        if current == LATEST:
            return applied
        for m in MIGRATIONS:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                if self.conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (m.version,)).fetchone():
                    self.conn.execute("COMMIT")
                    continue
                for statement in _statements(m.sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)", (m.version, m.name, _now()))
                self.conn.execute(f"PRAGMA user_version = {int(m.version)}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            applied.append(m.version)
        return applied

    # -- writing -----------------------------------------------------------------------------
    def known_inputs(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT input_key FROM ingested_inputs WHERE input_key IN ({marks})", chunk))
        return found

    def has_input(self, key: str) -> bool:
        return bool(self.known_inputs([key]))

    def put(self, rec: Analysis, *, replace: bool = False) -> str:
        """Store one record in its own transaction; returns "stored", "replaced" or "duplicate"."""
        return self.put_batch([Pending(rec)], replace=replace)[0]

    def put_batch(self, items: list[Pending], *, replace: bool = False) -> list[str]:
        """Store several analyzed inputs in ONE transaction: all of them land, or none.

        An article whose id is already stored is a "duplicate" (left as it is) unless ``replace``.
        An item with ``record=None`` (skipped by the rights policy) only marks its input as handled.
        """
        outcomes: list[str] = []
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for item in items:
                if item.key is not None and not replace and self.conn.execute(
                    "SELECT 1 FROM ingested_inputs WHERE input_key = ?", (item.key,)
                ).fetchone():
                    outcomes.append("already")
                    continue
                rows = item.rows
                if rows is None and item.record is not None:
                    rows = record_rows(item.record, path=item.path, number=item.number)
                outcome = "skipped-reserved" if rows is None else self._write(rows, replace=replace)
                if item.key is not None:
                    self.conn.execute(
                        "INSERT OR REPLACE INTO ingested_inputs(input_key, article_id, outcome, input_path, input_record) VALUES (?, ?, ?, ?, ?)",
                        (item.key, rows.id if rows else None, outcome, item.path, item.number),
                    )
                outcomes.append(outcome)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return outcomes

    def delete(self, article_id: str) -> bool:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            n = self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
            self.conn.execute("DELETE FROM ingested_inputs WHERE article_id = ?", (article_id,))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return n > 0

    def _write(self, rows: RecordRows, *, replace: bool) -> str:
        aid = rows.id
        exists = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone()
        if exists and not replace:
            return "duplicate"
        if exists:
            self.conn.execute("DELETE FROM articles WHERE id = ?", (aid,))
        self.conn.execute(
            """INSERT INTO articles(id, url, outlet, language, headline, published, published_basis,
                   dateline_place, dateline_agency, dateline_text, body, body_withheld,
                   rights_holder, rights_year, ai_use_reserved, rights_notice, credits, sources, warnings,
                   input_path, input_record, n_entities, n_quotes, n_events, record, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows.article + (_now(),),
        )
        self.conn.executemany(
            "INSERT INTO entities(article_id, entity_id, name, type, country, code, role, kb_id, n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.entities,
        )
        self.conn.executemany(
            "INSERT INTO mentions(article_id, entity_id, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)", rows.mentions
        )
        self.conn.executemany(
            """INSERT INTO quotes(article_id, quote_no, text, direct, speaker_name, speaker_entity, speaker_role, cue, channel, char_start, char_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows.quotes,
        )
        self.conn.executemany(
            "INSERT INTO times(article_id, time_no, text, value, type, mod, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows.times,
        )
        self.conn.executemany(
            """INSERT INTO events(article_id, event_no, code, root, label, quad_class, goldstein,
                   source_name, source_code, source_entity, source_country, target_name, target_code, target_entity, target_country,
                   location_name, location_country, location_entity, date, modality, trigger, sentence, in_quote, quoted_by,
                   fatalities, injured, char_start, char_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows.events,
        )
        self.conn.executemany(
            "INSERT INTO quantities(article_id, quantity_no, text, value, approx, counts, unit, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.quantities,
        )
        return "replaced" if exists else "stored"

    # -- reading -----------------------------------------------------------------------------
    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored record (its ``to_dict()`` form), or None."""
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def count(self, table: str = "articles") -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def iter_records(self, *, batch: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored record in storage order, read in batches (bounded memory)."""
        last = 0
        while True:
            rows = self.conn.execute("SELECT seq, record FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield json.loads(row["record"])
            last = rows[-1]["seq"]

    def iter_rows(self, table: str, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every row of one table (or view), as dicts, in batches."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r} (use one of {', '.join(TABLES)})")
        cur = self.conn.execute(f"SELECT * FROM {table}")
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                return
            for row in rows:
                yield dict(row)

    def columns(self, table: str) -> list[str]:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        return [r[1] for r in self.conn.execute(f"PRAGMA table_xinfo({table})")]

    def query(self, kind: str, filters: Any = None, *, limit: int | None = None, cursor: str | None = None) -> Any:
        """A page of articles, events, quotes or entities (see ``warta.store.query``)."""
        from .query import Filters, run_query

        return run_query(self.conn, kind, filters or Filters(), limit=limit, cursor=cursor)

    def integrity(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


# Tables and views a user may list or export (a fixed set: names are never taken from input into SQL).
TABLES = (
    "articles", "entities", "mentions", "quotes", "times", "events", "quantities",
    "events_in_articles", "quotes_with_speakers", "entity_mentions", "entity_index", "actor_pairs",
)


def _event_row(aid: str, n: int, e: Any) -> tuple:
    src, tgt, loc = e.source, e.target, e.location
    return (
        aid, n, e.code, e.root, e.label, e.quad_class, e.goldstein,
        src.name if src else None, src.code if src else None, src.entity if src else None, src.country if src else None,
        tgt.name if tgt else None, tgt.code if tgt else None, tgt.entity if tgt else None, tgt.country if tgt else None,
        loc.name if loc else None, loc.country if loc else None, loc.entity if loc else None,
        e.date, e.modality, e.trigger, e.sentence, int(bool(e.quote)), e.quoted_by, e.fatalities, e.injured, e.start, e.end,
    )


def _statements(sql: str) -> Iterator[str]:
    """Split a migration script into complete statements (trigger bodies hold semicolons)."""
    buf: list[str] = []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        text = "\n".join(buf)
        if sqlite3.complete_statement(text):
            if text.strip():
                yield text
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        yield rest
