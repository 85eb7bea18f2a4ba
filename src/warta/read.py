"""Inputs -> Source: the only place the pipeline touches files.

A path may be a ``.txt`` or ``.html`` article, a ``.jsonl`` or ``.csv`` batch, a folder (read
recursively) or ``-`` for standard input. ``iter_sources`` yields a ``Source`` for every article and
an ``InputError`` (not raised) for every bad input, so that a batch goes on past a bad record.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import InputError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html"}
BATCH_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

# Column names that batches from scrapers use for the same thing.
FIELD_ALIASES = {
    "text": ("text", "body", "content", "isi", "isi_berita", "Text Berita", "article", "Body"),
    "html": ("html", "raw_html"),
    "url": ("url", "link", "Link", "tautan", "URL"),
    "published": ("published", "date", "published_at", "tanggal", "Tanggal Rilis", "tanggal_publikasi", "pubdate"),
    "headline": ("headline", "title", "judul", "Title"),
    "outlet": ("outlet", "sumber", "source_name", "publisher"),
    "lang": ("lang", "language"),
}


@dataclass
class Source:
    """One article as it was given, before any analysis."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date from the input's metadata
    published_text: str | None = None  # a given date that is not numeric ("Rabu, 30 Des 2015 19:54 WIB"); layout reads it
    headline: str | None = None
    outlet: str | None = None
    lang: str | None = None
    origin: dict[str, Any] = field(default_factory=dict)  # {"path": ..., "record": N}
    warnings: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        path = self.origin.get("path", "<input>")
        rec = self.origin.get("record")
        return f"{path} record {rec}" if rec is not None else str(path)


def decode_bytes(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode article bytes: BOMs first, then UTF-8, then cp1252 or latin-1 with a warning."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), warnings
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), warnings
    if looks_binary(data):
        raise InputError("binary data, not an article (it holds NUL or control bytes)", where=where)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        warnings.append("input is not UTF-8; decoded as cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("input is not UTF-8; decoded as latin-1")
    return text, warnings


# Two or more characters that UTF-8 bytes become when read as cp1252 or latin-1: "Ã©", "â€œ", "Ø±Ù".
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _as_single_bytes(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # the five bytes cp1252 leaves undefined come through latin-1
    return bytes(out)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 text that was decoded as cp1252 or latin-1 somewhere upstream ("CafÃ©" -> "Café").

    Every run of non-ASCII characters is turned back into bytes and decoded as UTF-8; a run that is
    not valid UTF-8 that way (real accented text such as "Café") is left as it is.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text, False
    changed = False

    def fix(m: re.Match) -> str:
        nonlocal changed
        raw = _as_single_bytes(m.group(0))
        if raw is None:
            return m.group(0)
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group(0)
        changed = changed or fixed != m.group(0)
        return fixed

    repaired = _NON_ASCII_RUN.sub(fix, text)
    return repaired, changed


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and _utf16_without_bom(head):
        return False  # UTF-16 without a BOM: every other byte is NUL in Latin text
    # NUL counts as a control byte: a stray NUL in a scraped article is removed later, with a warning.
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def _utf16_without_bom(head: bytes) -> bool:
    if len(head) < 4:
        return False
    even_nul = head[1::2].count(0) / max(1, len(head[1::2]))
    odd_nul = head[0::2].count(0) / max(1, len(head[0::2]))
    return even_nul > 0.9 or odd_nul > 0.9


def _decode_any(data: bytes, where: str) -> tuple[str, list[str]]:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, where)
    if b"\x00" in data[:8192] and _utf16_without_bom(data[:8192]):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding, errors="replace"), [f"input has no byte-order mark; decoded as {encoding}"]
    return decode_bytes(data, where)


def normalize_date(value: Any) -> str | None:
    """Turn a metadata date ("2025-09-16T10:00:00+07:00", "2025/09/16", "9/16/2025 10:00") into ISO."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        y, mo, d = map(int, m.groups())
    elif m := re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", s):
        # Slashes: month first (US metadata) unless the first number cannot be a month.
        a, b, y = map(int, m.groups())
        mo, d = (b, a) if a > 12 else (a, b)
    elif m := re.match(r"(\d{1,2})[.-](\d{1,2})[.-](\d{4})", s):
        # Dots or dashes: day first ("16.09.2025", "16-09-2025").
        d, mo, y = map(int, m.groups())
    else:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _pick(record: dict[str, Any], name: str) -> Any:
    for key in FIELD_ALIASES[name]:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def source_from_record(record: Any, origin: dict[str, Any]) -> Source:
    """A batch record (a dict from JSONL or CSV) -> Source, or raise InputError."""
    where = f"{origin.get('path')} record {origin.get('record')}"
    if not isinstance(record, dict):
        raise InputError("record is not a JSON object", where=where)
    text, html = _pick(record, "text"), _pick(record, "html")
    if not isinstance(text, (str, type(None))) or not isinstance(html, (str, type(None))):
        raise InputError("'text' and 'html' must be strings", where=where)
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputError("record has no 'text' or 'html'", where=where)
    raw = (text or html or "").encode("utf-8", errors="replace")
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(f"article is {len(raw) / 1e6:.1f} MB; the limit is {MAX_ARTICLE_BYTES // (1024 * 1024)} MB", where=where)
    src = Source(
        text=text if text and text.strip() else None,
        html=html if not (text and text.strip()) else None,
        url=_str_or_none(_pick(record, "url")),
        headline=_str_or_none(_pick(record, "headline")),
        outlet=_str_or_none(_pick(record, "outlet")),
        lang=_str_or_none(_pick(record, "lang")),
        origin=origin,
    )
    given = _pick(record, "published")
    if given is not None:
        src.published = normalize_date(given)
        if src.published is None:
            src.published_text = str(given)[:200]
    return _without_surrogates(src)


def _str_or_none(v: Any) -> str | None:
    return str(v).strip() or None if v is not None else None


def source_from_text(text: str, *, kind: str = "text", origin: dict[str, Any] | None = None, **meta: Any) -> Source:
    """An article given as a string (the library and HTTP entry point)."""
    origin = origin or {"path": "<text>"}
    where = str(origin.get("path"))
    if not text or not text.strip():
        raise InputError("empty article (nothing but whitespace)", where=where)
    if len(text.encode("utf-8", errors="replace")) > MAX_ARTICLE_BYTES:
        raise InputError(f"article is over the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB limit", where=where)
    if kind == "auto":
        kind = "html" if re.match(r"\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", text, re.I) else "text"
    src = Source(origin=origin, **{k: v for k, v in meta.items() if k in {"url", "headline", "outlet", "lang"}})
    if meta.get("published"):
        src.published = normalize_date(meta["published"])
        if src.published is None:
            src.published_text = str(meta["published"])[:200]
    if kind == "html":
        src.html = text
    else:
        src.text = text
    return _without_surrogates(src)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(src: Source) -> Source:
    """Lone surrogates (a JSON "\\ud800" escape, a str built in Python) cannot be encoded: U+FFFD instead."""
    for name in ("text", "html", "url", "headline", "outlet", "lang"):
        value = getattr(src, name)
        if value and _SURROGATE.search(value):
            setattr(src, name, _SURROGATE.sub("\ufffd", value))
            if "lone surrogate code points replaced with U+FFFD" not in src.warnings:
                src.warnings.append("lone surrogate code points replaced with U+FFFD")
    return src


def iter_sources(paths: Iterable[str]) -> Iterator[Source | InputError]:
    """Every article in the given paths, in order; bad inputs come as InputError items."""
    for p in paths:
        if p == "-":
            yield from _read_stream(sys.stdin.buffer.read(), "<stdin>")
            continue
        path = Path(p)
        if not path.exists():
            yield InputError("no such file or folder", where=p)
        elif path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and _kind(f) and not f.name.startswith("."))
            files = [f for f in files if not f.name.endswith(".expected.json")]
            if not files:
                yield InputError("folder holds no articles (.txt, .html, .jsonl, .csv)", where=p)
            for f in files:
                yield from _read_file(f)
        else:
            yield from _read_file(path)


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return ARTICLE_SUFFIXES.get(suffix) or BATCH_SUFFIXES.get(suffix)


def _read_file(path: Path) -> Iterator[Source | InputError]:
    where = str(path)
    kind = _kind(path) or "text"
    try:
        size = path.stat().st_size
        if kind in ("jsonl", "csv"):
            yield from (_read_jsonl if kind == "jsonl" else _read_csv)(path)
            return
        if size > MAX_ARTICLE_BYTES:
            yield InputError(f"file is {size / 1e6:.1f} MB; an article may be at most {MAX_ARTICLE_BYTES // (1024 * 1024)} MB", where=where)
            return
        data = path.read_bytes()
    except OSError as err:
        yield InputError(f"cannot read: {err.strerror or err}", where=where)
        return
    yield from _read_article_bytes(data, where, kind)


def _read_article_bytes(data: bytes, where: str, kind: str) -> Iterator[Source | InputError]:
    if not data.strip():
        yield InputError("empty file (nothing but whitespace)", where=where)
        return
    try:
        text, warnings = _decode_any(data, where)
    except InputError as err:
        yield err
        return
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append("NUL characters removed")
    if not text.strip():
        yield InputError("empty file (nothing but whitespace)", where=where)
        return
    src = source_from_text(text, kind=kind if kind != "text" else "auto", origin={"path": where})
    src.warnings.extend(warnings)
    yield src


def _read_stream(data: bytes, where: str) -> Iterator[Source | InputError]:
    """Standard input: one article, or JSON Lines when every line is a JSON object."""
    if len(data) > MAX_ARTICLE_BYTES and not data.lstrip().startswith(b"{"):
        yield InputError(f"input is {len(data) / 1e6:.1f} MB; an article may be at most 5 MB", where=where)
        return
    stripped = data.strip()
    if stripped.startswith(b"{") and stripped.endswith(b"}"):
        yield from _read_jsonl_lines(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace"), where)
        return
    yield from _read_article_bytes(data, where, "text")


def _read_jsonl(path: Path) -> Iterator[Source | InputError]:
    with path.open("r", encoding="utf-8-sig", errors="replace") as fh:
        yield from _read_jsonl_lines(fh, str(path))


def _read_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Source | InputError]:
    seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen = True
        origin = {"path": where, "record": n}
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"malformed JSON ({err.msg} at column {err.colno})", where=f"{where} line {n}")
            continue
        try:
            yield source_from_record(record, origin)
        except InputError as err:
            yield err
    if not seen:
        yield InputError("empty batch (no JSON lines)", where=where)


def _read_csv(path: Path) -> Iterator[Source | InputError]:
    where = str(path)
    csv.field_size_limit(MAX_ARTICLE_BYTES * 2)
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh, strict=True)  # strict: an unterminated quote is an error, not a swallowed file
        if not reader.fieldnames:
            yield InputError("empty CSV (no header row)", where=where)
            return
        known = {a for names in (FIELD_ALIASES["text"], FIELD_ALIASES["html"]) for a in names}
        if not known & set(reader.fieldnames):
            yield InputError(f"CSV has no 'text' or 'html' column (columns: {', '.join(reader.fieldnames[:8])})", where=where)
            return
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                n += 1
                yield InputError(f"malformed CSV row: {err}", where=f"{where} row {n}")
                continue
            n += 1
            if None in row:  # more cells than header columns
                yield InputError("malformed CSV row: more cells than columns", where=f"{where} row {n}")
                continue
            try:
                yield source_from_record(row, {"path": where, "record": n})
            except InputError as err:
                yield err
