"""Queries over the store: articles, events, quotes and entities with filters, paged by a cursor.

Every statement is built from fixed SQL fragments; every value a user gives travels as a bound
parameter (LIKE patterns are escaped, full-text queries are rebuilt from quoted terms), so a filter
value can never change the shape of a statement.
"""
from __future__ import annotations

import base64
import binascii
import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from ..errors import StoreError

MAX_LIMIT = 200
DEFAULT_LIMIT = 20
KINDS = ("articles", "events", "quotes", "entities")
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"  # marks around matched words in snippets (private-use characters)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Filters:
    """What a query asks for. Every field is optional; they combine with AND."""

    text: str | None = None  # words (FTS for articles and quotes; name/label for entities and events)
    actor: str | None = None  # CAMEO actor code prefix, as source or target ("QAT", "USAGOV")
    source: str | None = None  # source actor code prefix
    target: str | None = None  # target actor code prefix
    code: str | None = None  # CAMEO event code prefix ("19", "195")
    root: str | None = None  # CAMEO root ("19")
    speaker: str | None = None  # speaker name contains
    entity: str | None = None  # entity name contains
    type: str | None = None  # entity type (PERSON, ORG, ...)
    since: str | None = None  # publication date from (ISO, inclusive)
    until: str | None = None  # publication date to (ISO, inclusive)
    outlet: str | None = None
    language: str | None = None
    article: str | None = None  # one article id

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> "Filters":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names and v not in (None, "")})

    def active(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    next: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "next": self.next}


# -- helpers ---------------------------------------------------------------------------------
def clean(value: str | None) -> str:
    return _CONTROL.sub(" ", value or "").strip()


def like_pattern(value: str, *, prefix_only: bool = False) -> str:
    """A LIKE pattern matching ``value`` literally (with ESCAPE '\\')."""
    v = clean(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return v + "%" if prefix_only else "%" + v + "%"


def fts_query(text: str | None) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word (or "quoted phrase") becomes a
    quoted FTS string, joined by AND; a trailing * keeps its prefix meaning. None when nothing is left."""
    text = clean(text)
    terms: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        term = phrase if phrase else word
        prefix = bool(word) and word.endswith("*") and len(word) > 1
        term = term.rstrip("*") if prefix else term
        if not re.search(r"\w", term):
            continue
        terms.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " AND ".join(terms) if terms else None


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise StoreError("invalid cursor (pass the 'next' value of a previous answer)") from None
    m = re.fullmatch(r"o:(\d{1,9})", raw)
    if not m:
        raise StoreError("invalid cursor (pass the 'next' value of a previous answer)")
    return int(m.group(1))


def _limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    return max(1, min(int(limit), MAX_LIMIT))


class _Where:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _date_value(value: str, name: str) -> str:
    v = clean(value)
    if not _DATE.fullmatch(v):
        raise StoreError(f"{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got {v[:20]!r})")
    return v


def _article_filters(w: _Where, f: Filters, a: str = "a") -> None:
    """Filters on the article (publication date, outlet, language, id) for any kind."""
    if f.since:
        w.add(f"{a}.published >= ?", _date_value(f.since, "since"))
    if f.until:
        until = _date_value(f.until, "until")  # a month or a year includes all of it
        w.add(f"substr({a}.published, 1, ?) <= ?", len(until), until)
    if f.outlet:
        w.add(f"{a}.outlet = ? COLLATE NOCASE", clean(f.outlet))
    if f.language:
        w.add(f"{a}.language = ?", clean(f.language).lower())
    if f.article:
        w.add(f"{a}.id = ?", clean(f.article))


def _event_filters(w: _Where, f: Filters, e: str = "e") -> None:
    if f.actor:
        p = like_pattern(f.actor.upper(), prefix_only=True)
        w.add(f"({e}.source_code LIKE ? ESCAPE '\\' OR {e}.target_code LIKE ? ESCAPE '\\')", p, p)
    if f.source:
        w.add(f"{e}.source_code LIKE ? ESCAPE '\\'", like_pattern(f.source.upper(), prefix_only=True))
    if f.target:
        w.add(f"{e}.target_code LIKE ? ESCAPE '\\'", like_pattern(f.target.upper(), prefix_only=True))
    if f.code:
        w.add(f"{e}.code LIKE ? ESCAPE '\\'", like_pattern(f.code, prefix_only=True))
    if f.root:
        w.add(f"{e}.root = ?", clean(f.root).zfill(2))


def _run(conn: sqlite3.Connection, count_sql: str, select_sql: str, params: list[Any], limit: int | None, cursor: str | None) -> Page:
    offset = decode_cursor(cursor)
    n = _limit(limit)
    total = conn.execute(count_sql, params).fetchone()[0]
    rows = [dict(r) for r in conn.execute(select_sql + " LIMIT ? OFFSET ?", [*params, n, offset])]
    nxt = encode_cursor(offset + n) if offset + n < total else None
    return Page(rows, total, nxt)


# -- articles --------------------------------------------------------------------------------
ARTICLE_COLUMNS = (
    "a.id, a.headline, a.published, a.outlet, a.language, a.url, a.dateline_place, "
    "a.n_entities AS entities, a.n_quotes AS quotes, a.n_events AS events, a.ai_use_reserved, a.body_withheld, "
    "substr(coalesce(a.body, ''), 1, 240) AS lead"
)


def articles(conn: sqlite3.Connection, f: Filters, *, limit: int | None = None, cursor: str | None = None) -> Page:
    w = _Where()
    _article_filters(w, f)
    if f.entity:
        w.add("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id AND en.name LIKE ? ESCAPE '\\')", like_pattern(f.entity))
    if f.type:
        w.add("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id AND en.type = ?)", clean(f.type).upper())
    if f.speaker:
        w.add("EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.speaker_name LIKE ? ESCAPE '\\')", like_pattern(f.speaker))
    if any((f.actor, f.source, f.target, f.code, f.root)):
        ew = _Where()
        _event_filters(ew, f)
        w.add("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND " + " AND ".join(ew.parts) + ")", *ew.params)
    match = fts_query(f.text)
    if f.text and match is None:
        return Page([], 0, None)  # nothing searchable in what was typed
    if match is None:
        order = " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC"
        return _run(conn, "SELECT count(*) FROM articles a" + w.sql(), f"SELECT {ARTICLE_COLUMNS} FROM articles a" + w.sql() + order, w.params, limit, cursor)
    hits = (
        "WITH hits AS ("
        " SELECT rowid AS seq, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH ?"
        " UNION ALL"
        " SELECT a2.seq, bm25(quotes_fts) + 0.5 AS score FROM quotes_fts"
        " JOIN quotes q ON q.seq = quotes_fts.rowid JOIN articles a2 ON a2.id = q.article_id WHERE quotes_fts MATCH ?"
        "), best AS (SELECT seq, min(score) AS score FROM hits GROUP BY seq) "
    )
    params = [match, match, *w.params]
    base = " FROM articles a JOIN best ON best.seq = a.seq" + w.sql()
    page = _run(conn, hits + "SELECT count(*)" + base, hits + f"SELECT {ARTICLE_COLUMNS}, a.seq AS _seq" + base + " ORDER BY best.score, a.seq DESC", params, limit, cursor)
    _add_snippets(conn, page.items, match)
    return page


def _add_snippets(conn: sqlite3.Connection, items: list[dict[str, Any]], match: str) -> None:
    if not items:
        return
    seqs = [it.pop("_seq") for it in items]
    marks = ",".join("?" * len(seqs))
    snippets: dict[int, str] = {}
    for row in conn.execute(
        f"SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', 24) FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
        [HIT_OPEN, HIT_CLOSE, match, *seqs],
    ):
        snippets[row[0]] = row[1]
    for row in conn.execute(
        "SELECT a.seq, snippet(quotes_fts, 0, ?, ?, '…', 24) FROM quotes_fts JOIN quotes q ON q.seq = quotes_fts.rowid"
        f" JOIN articles a ON a.id = q.article_id WHERE quotes_fts MATCH ? AND a.seq IN ({marks})",
        [HIT_OPEN, HIT_CLOSE, match, *seqs],
    ):
        snippets.setdefault(row[0], "“" + row[1] + "”")
    for seq, it in zip(seqs, items):
        it["snippet_marked"] = snippets.get(seq)


def strip_marks(text: str | None) -> str | None:
    return text.replace(HIT_OPEN, "").replace(HIT_CLOSE, "") if text is not None else None


def split_marks(text: str | None) -> list[tuple[str, bool]]:
    """A marked snippet as (text, is_hit) parts, for a template to render (and escape)."""
    if not text:
        return []
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", text)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts


# -- events ----------------------------------------------------------------------------------
EVENT_COLUMNS = (
    "e.article_id, e.event_no, e.code, e.root, e.label, e.quad_class, e.goldstein, "
    "e.source_name, e.source_code, e.source_entity, e.source_country, e.target_name, e.target_code, e.target_entity, e.target_country, "
    "e.location_name, e.location_country, e.date, e.modality, e.trigger, e.sentence, e.in_quote, e.quoted_by, "
    "e.fatalities, e.injured, a.headline, a.published, a.outlet, a.language"
)


def events(conn: sqlite3.Connection, f: Filters, *, limit: int | None = None, cursor: str | None = None) -> Page:
    w = _Where()
    _article_filters(w, f)
    _event_filters(w, f)
    if f.text:
        p = like_pattern(f.text)
        w.add("(e.label LIKE ? ESCAPE '\\' OR e.trigger LIKE ? ESCAPE '\\' OR e.source_name LIKE ? ESCAPE '\\' OR e.target_name LIKE ? ESCAPE '\\')", p, p, p, p)
    if f.entity:
        p = like_pattern(f.entity)
        w.add("(e.source_name LIKE ? ESCAPE '\\' OR e.target_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entities en WHERE en.article_id = e.article_id"
              " AND en.entity_id IN (e.source_entity, e.target_entity) AND en.name LIKE ? ESCAPE '\\'))", p, p, p)
    if f.speaker:
        w.add("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = e.article_id AND en.entity_id = e.quoted_by AND en.name LIKE ? ESCAPE '\\')", like_pattern(f.speaker))
    base = " FROM events e JOIN articles a ON a.id = e.article_id" + w.sql()
    order = " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC, e.event_no"
    return _run(conn, "SELECT count(*)" + base, f"SELECT {EVENT_COLUMNS}" + base + order, w.params, limit, cursor)


# -- quotes ----------------------------------------------------------------------------------
QUOTE_COLUMNS = (
    "q.article_id, q.quote_no, q.text, q.direct, q.speaker_name, q.speaker_entity, q.speaker_role, q.cue, q.channel, "
    "en.name AS speaker_entity_name, en.type AS speaker_entity_type, en.country AS speaker_country, a.headline, a.published, a.outlet, a.language"
)


def quotes(conn: sqlite3.Connection, f: Filters, *, limit: int | None = None, cursor: str | None = None) -> Page:
    w = _Where()
    _article_filters(w, f)
    if f.speaker:
        p = like_pattern(f.speaker)
        w.add("(q.speaker_name LIKE ? ESCAPE '\\' OR en.name LIKE ? ESCAPE '\\')", p, p)
    if f.entity:
        p = like_pattern(f.entity)
        w.add("(en.name LIKE ? ESCAPE '\\' OR q.speaker_name LIKE ? ESCAPE '\\')", p, p)
    if any((f.actor, f.source, f.target, f.code, f.root)):
        ew = _Where()
        _event_filters(ew, f)
        w.add("EXISTS (SELECT 1 FROM events e WHERE e.article_id = q.article_id AND " + " AND ".join(ew.parts) + ")", *ew.params)
    match = fts_query(f.text)
    if f.text and match is None:
        return Page([], 0, None)
    if match:
        w.add("q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", match)
    base = (
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN entities en ON en.article_id = q.article_id AND en.entity_id = q.speaker_entity" + w.sql()
    )
    order = " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC, q.quote_no"
    return _run(conn, "SELECT count(*)" + base, f"SELECT {QUOTE_COLUMNS}" + base + order, w.params, limit, cursor)


# -- entities --------------------------------------------------------------------------------
def entities(conn: sqlite3.Connection, f: Filters, *, limit: int | None = None, cursor: str | None = None) -> Page:
    """Entities across articles, one item per (name, type), most written about first."""
    w = _Where()
    _article_filters(w, f)
    name = f.entity or f.text
    if name:
        w.add("en.name LIKE ? ESCAPE '\\'", like_pattern(name))
    if f.type:
        w.add("en.type = ?", clean(f.type).upper())
    if f.actor:
        w.add("en.code LIKE ? ESCAPE '\\'", like_pattern(f.actor.upper(), prefix_only=True))
    base = " FROM entities en JOIN articles a ON a.id = en.article_id" + w.sql() + " GROUP BY en.name, en.type"
    select = (
        "SELECT en.name, en.type, max(en.country) AS country, max(en.code) AS code, count(DISTINCT en.article_id) AS articles,"
        " sum(en.n_mentions) AS mentions, min(a.published) AS first_seen, max(a.published) AS last_seen" + base +
        " ORDER BY articles DESC, mentions DESC, en.name"
    )
    return _run(conn, "SELECT count(*) FROM (SELECT 1" + base + ")", select, w.params, limit, cursor)


QUERIES = {"articles": articles, "events": events, "quotes": quotes, "entities": entities}


def run_query(conn: sqlite3.Connection, kind: str, f: Filters, *, limit: int | None = None, cursor: str | None = None) -> Page:
    if kind not in QUERIES:
        raise StoreError(f"unknown kind {kind!r} (use one of {', '.join(KINDS)})")
    page = QUERIES[kind](conn, f, limit=limit, cursor=cursor)
    for item in page.items:
        if "snippet_marked" in item:
            item["snippet"] = strip_marks(item["snippet_marked"])
    return page


# -- entity profile and network --------------------------------------------------------------
def entity_profile(conn: sqlite3.Connection, name: str, etype: str | None = None, *, limit: int = 200) -> dict[str, Any] | None:
    """One entity across the store: its articles, its quotes, its events, and a timeline by date."""
    w = _Where()
    w.add("en.name = ?", clean(name))
    if etype:
        w.add("en.type = ?", clean(etype).upper())
    rows = [dict(r) for r in conn.execute(
        "SELECT en.article_id, en.entity_id, en.name, en.type, en.country, en.code, en.role, en.n_mentions,"
        " a.headline, a.published, a.outlet, a.language FROM entities en JOIN articles a ON a.id = en.article_id" + w.sql() +
        " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC LIMIT ?", [*w.params, limit])]
    if not rows:
        return None
    pairs = [(r["article_id"], r["entity_id"]) for r in rows]
    keys = _pairs_values(pairs)
    quote_rows = [dict(r) for r in conn.execute(
        f"WITH ents(article_id, entity_id) AS (VALUES {keys[0]}) "
        "SELECT q.article_id, q.quote_no, q.text, q.direct, q.speaker_name, q.speaker_role, q.cue, a.headline, a.published"
        " FROM quotes q JOIN ents ON ents.article_id = q.article_id AND ents.entity_id = q.speaker_entity"
        " JOIN articles a ON a.id = q.article_id ORDER BY a.published IS NULL, a.published DESC, q.quote_no LIMIT ?",
        [*keys[1], limit])]
    event_rows = [dict(r) for r in conn.execute(
        f"WITH ents(article_id, entity_id) AS (VALUES {keys[0]}) "
        f"SELECT DISTINCT {EVENT_COLUMNS} FROM events e JOIN ents ON ents.article_id = e.article_id"
        " AND ents.entity_id IN (e.source_entity, e.target_entity)"
        " JOIN articles a ON a.id = e.article_id ORDER BY a.published IS NULL, a.published DESC, e.event_no LIMIT ?",
        [*keys[1], limit])]
    timeline: dict[str, dict[str, int]] = {}
    for r in rows:
        if r["published"]:
            timeline.setdefault(r["published"], {"articles": 0, "quotes": 0, "events": 0})["articles"] += 1
    for r in quote_rows:
        if r["published"]:
            timeline.setdefault(r["published"], {"articles": 0, "quotes": 0, "events": 0})["quotes"] += 1
    for r in event_rows:
        day = _event_day(r)
        if day:
            timeline.setdefault(day, {"articles": 0, "quotes": 0, "events": 0})["events"] += 1
    first = rows[0]
    return {
        "name": first["name"],
        "type": first["type"],
        "country": next((r["country"] for r in rows if r["country"]), None),
        "code": next((r["code"] for r in rows if r["code"]), None),
        "roles": sorted({r["role"] for r in rows if r["role"]}),
        "articles": [{k: r[k] for k in ("article_id", "entity_id", "headline", "published", "outlet", "language", "n_mentions")} for r in rows],
        "quotes": quote_rows,
        "events": event_rows,
        "timeline": [{"date": d, **c} for d, c in sorted(timeline.items())],
    }


def _event_day(row: dict[str, Any]) -> str | None:
    """The day an event is charted on: its own date when it is a full ISO date, else its article's."""
    d = row.get("date") or ""
    return d[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", d) else row.get("published")


def _pairs_values(pairs: list[tuple[str, str]]) -> tuple[str, list[str]]:
    return ",".join("(?, ?)" for _ in pairs), [v for p in pairs for v in p]


QUAD_BY_ROOT = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
                **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}  # GDELT QuadClass of each CAMEO root


def network(conn: sqlite3.Connection, f: Filters, *, max_edges: int = 300) -> dict[str, Any]:
    """Events between actors: nodes are actor codes (or names), edges are counted per QuadClass."""
    w = _Where()
    _article_filters(w, f)
    _event_filters(w, f)
    w.add("coalesce(e.source_code, e.source_name) IS NOT NULL")
    w.add("coalesce(e.target_code, e.target_name) IS NOT NULL")
    rows = conn.execute(
        "SELECT coalesce(e.source_code, e.source_name) AS source, coalesce(e.target_code, e.target_name) AS target,"
        " e.quad_class, e.root, count(*) AS n, group_concat(DISTINCT e.code) AS codes"
        " FROM events e JOIN articles a ON a.id = e.article_id" + w.sql() +
        " GROUP BY 1, 2, 3, 4 ORDER BY n DESC LIMIT ?", [*w.params, max_edges * 4]).fetchall()
    edges: dict[tuple[str, str, int | None], dict[str, Any]] = {}
    for r in rows:
        quad = r["quad_class"] or QUAD_BY_ROOT.get(r["root"])
        key = (r["source"], r["target"], quad)
        edge = edges.setdefault(key, {"source": r["source"], "target": r["target"], "quad_class": quad, "events": 0, "codes": []})
        edge["events"] += r["n"]
        edge["codes"] = sorted(set(edge["codes"]) | set((r["codes"] or "").split(",")) - {""})
    kept = sorted(edges.values(), key=lambda e: -e["events"])[:max_edges]
    weight: dict[str, int] = {}
    for e in kept:
        weight[e["source"]] = weight.get(e["source"], 0) + e["events"]
        weight[e["target"]] = weight.get(e["target"], 0) + e["events"]
    nodes = [{"id": n, "events": c} for n, c in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": kept}


def facets(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Values for the search form's choices."""
    outlets = [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet LIMIT 200")]
    languages = [r[0] for r in conn.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language")]
    return {"outlets": outlets, "languages": languages}
