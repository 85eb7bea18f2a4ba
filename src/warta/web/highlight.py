"""Cut an article body into pieces for the article page: each piece knows its paragraph, its sentence,
the quote it sits in and the entity mention it belongs to. The template renders the pieces as plain
text (Jinja escapes every one of them); nothing here produces HTML.

Spans come from the record and may be odd (out of the body, overlapping): a span that does not fit
is dropped, never trusted.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC")


@dataclass
class Piece:
    text: str
    sentence: int | None = None
    sentence_start: bool = False  # the first piece of its sentence carries the anchor
    quote: int | None = None
    quote_start: bool = False  # the first piece of its quote carries the speaker
    entity: dict[str, Any] | None = None  # {"id", "name", "type"}


@dataclass
class Paragraph:
    pieces: list[Piece] = field(default_factory=list)


def _valid(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", body):
        text = m.group(0)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            spans.append((m.start() + lead, m.start() + len(text.rstrip())))
    return spans


def body_pieces(record: dict[str, Any]) -> list[Paragraph]:
    body: str = record.get("body") or ""
    n = len(body)
    sentences = [(s.get("start"), s.get("end")) for s in record.get("sentences") or [] if isinstance(s, dict)]
    sentences = [(s, e) for s, e in sentences if _valid(s, e, n)]
    sentence_starts = [s for s, _ in sentences]

    quotes = []
    for i, q in enumerate(record.get("quotes") or []):
        if isinstance(q, dict) and _valid(q.get("start"), q.get("end"), n):
            quotes.append((q["start"], q["end"], i))
    quotes = _non_overlapping(quotes)

    mentions = []
    for ent in record.get("entities") or []:
        if not isinstance(ent, dict):
            continue
        info = {"id": ent.get("id"), "name": ent.get("name"), "type": ent.get("type") if ent.get("type") in ENTITY_TYPES else "MISC"}
        for m in ent.get("mentions") or []:
            if isinstance(m, dict) and _valid(m.get("start"), m.get("end"), n):
                mentions.append((m["start"], m["end"], info))
    mentions = _non_overlapping(mentions)
    quote_starts = [q[0] for q in quotes]
    mention_starts = [m[0] for m in mentions]

    paragraphs: list[Paragraph] = []
    seen_sentences: set[int] = set()
    seen_quotes: set[int] = set()
    for p_start, p_end in paragraph_spans(body):
        cuts = {p_start, p_end}
        for spans in (sentences, quotes, mentions):
            for s, e, *_ in spans:
                for c in (s, e):
                    if p_start < c < p_end:
                        cuts.add(c)
        points = sorted(cuts)
        para = Paragraph()
        for a, b in zip(points, points[1:]):
            piece = Piece(body[a:b])
            si = bisect_right(sentence_starts, a) - 1
            if si >= 0 and sentences[si][0] <= a < sentences[si][1]:
                piece.sentence = si
                if si not in seen_sentences:
                    piece.sentence_start = True
                    seen_sentences.add(si)
            q = _containing(quotes, quote_starts, a)
            if q is not None:
                piece.quote = q[2]
                if q[2] not in seen_quotes:
                    piece.quote_start = True
                    seen_quotes.add(q[2])
            m = _containing(mentions, mention_starts, a)
            if m is not None:
                piece.entity = m[2]
            para.pieces.append(piece)
        paragraphs.append(para)
    return paragraphs


def _non_overlapping(spans: list[tuple]) -> list[tuple]:
    kept: list[tuple] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _containing(spans: list[tuple], starts: list[int], pos: int) -> tuple | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def safe_url(url: Any) -> str | None:
    """A URL from an article that may become a link: http(s) only, no javascript:, data: or the like."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if re.match(r"https?://[^\s<>\"']+$", u, re.I) and not any(ord(c) < 32 for c in u):
        return u
    return None
