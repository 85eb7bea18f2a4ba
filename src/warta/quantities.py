"""Quantities: numbers with what they count ("hampir 65.000 warga Palestina" -> 65000, under).

Numbers in digits (Indonesian "65.000" and "1,5"; English "65,000" and "1.5"), with scale words
("Rp1,5 triliun", "2.3 billion"), number words ("tiga", "ratusan", "dozens"), an approximation word
before them ("hampir", "more than") and a unit or the noun phrase they count after them. Years,
dates, clock times and ordinals are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from .lang import LanguagePack
from .record import Quantity

MAX_COUNT_WORDS = 3


@dataclass(frozen=True)
class _Rules:
    number: re.Pattern
    approx: dict[str, str]
    approx_re: re.Pattern
    units_before: dict[str, str]
    units_after: dict[str, str]
    unit_after_re: re.Pattern
    scales: dict[str, float]
    scale_re: re.Pattern
    number_words: dict[str, float]
    counts_stop: frozenset[str]
    verb_like: re.Pattern
    decimal_comma: bool
    money_after: frozenset[str]
    counts_link: frozenset[str]
    vague_words: frozenset[str]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _rules(lang: str, pack: LanguagePack) -> _Rules:
    data = pack["quantities"]
    numbers = pack.get("numbers") or {}
    number_words = dict(data["number_words"])
    number_words.update({k: v for k, v in (numbers.get("units") or {}).items() if isinstance(v, (int, float))})
    scales = dict(data["scales"])
    scales.update({k: v for k, v in (numbers.get("multipliers") or {}).items() if isinstance(v, (int, float))})
    before = _alt(data["units_before"])
    digits = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    words = _alt(number_words)
    number = re.compile(
        rf"(?<![\w/.,:-])(?P<unit>{before})?\s?(?:(?P<digits>{digits})|(?P<word>(?i:{words})))(?![\w/]|[.,:]\d)"
    )
    return _Rules(
        number=number,
        approx=data["approx"],
        approx_re=re.compile(rf"(?:^|(?<=\W))(?P<approx>{_alt(data['approx'])})\s+$", re.I),
        units_before=data["units_before"],
        units_after=data["units_after"],
        unit_after_re=re.compile(rf"^\s?(?P<unit>{_alt(data['units_after'])})(?!\w)"),
        scales=scales,
        scale_re=re.compile(rf"^\s?(?P<scale>{_alt(scales)})(?!\w)"),
        number_words={k.casefold(): v for k, v in number_words.items()},
        counts_stop=frozenset(w.casefold() for w in data["counts_stop"]),
        verb_like=re.compile(rf"{data['verb_like_pattern']}|^(?:{_alt(data['verb_like'])})$", re.I),
        decimal_comma=bool(data.get("decimal_comma")),
        counts_link=frozenset(w.casefold() for w in data.get("counts_link", [])),
        vague_words=frozenset(w.casefold() for w in (numbers.get("approximate") or {})),
        money_after=frozenset(data["units_before"].values()),  # a currency code printed after the number too ("5 dollars")
    )


def parse_number(text: str, decimal_comma: bool) -> float | None:
    """'65.000' -> 65000 (Indonesian), '65,000' -> 65000 (English), '1,5' -> 1.5 (Indonesian)."""
    t = text.strip()
    group, dec = (".", ",") if decimal_comma else (",", ".")
    if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(dec)}\d+)?", t):
        t = t.replace(group, "")
    elif re.fullmatch(rf"\d{{1,3}}(?:{re.escape(dec)}\d{{3}})+", t) and not decimal_comma:
        t = t.replace(dec, "")
    t = t.replace(dec, ".")
    try:
        return float(t)
    except ValueError:
        return None


_YEAR = re.compile(r"(?:19|20)\d{2}")


def find_quantities(doc: Doc, pack: LanguagePack) -> list[Quantity]:
    text = doc.text
    r = _rules(pack.code, pack)
    found: list[Quantity] = []
    for m in r.number.finditer(text):
        digits, word, unit = m.group("digits"), m.group("word"), m.group("unit")
        start, end = (m.start() if unit else m.start("digits" if digits else "word")), m.end()
        if word and not word[0].islower() and word.casefold() not in r.number_words:
            continue
        if digits:
            if _is_time_or_date(text, start, end, digits, pack) or _is_list_marker(text, start, end):
                continue
            value = parse_number(digits, r.decimal_comma)
        else:
            value = r.number_words.get(word.casefold())
        if value is None:
            continue
        unit_code = r.units_before.get(unit) if unit else None
        sm = r.scale_re.match(text[end:end + 16])
        if sm:
            value *= r.scales[sm.group("scale")]
            end += sm.end()
        um = r.unit_after_re.match(text[end:end + 24])
        if um:
            unit_code = unit_code or r.units_after[um.group("unit")]
            end += um.end()
        if digits and not unit_code and not sm and _YEAR.fullmatch(digits):
            continue  # a bare year
        approx = None
        am = r.approx_re.search(text[max(0, start - 30):start])
        if am:
            approx = r.approx.get(am.group("approx").casefold())
            if approx == "exact":
                approx = None
            start = start - (len(text[max(0, start - 30):start]) - am.start("approx"))
        # a percentage or a sum of money counts nothing: "Rp 71 triliun ditambah ...", "Rp 115.000 menjadi ..."
        money = bool(unit) or unit_code in r.money_after
        counts, counts_end = (None, end) if unit_code == "percent" or money else _counted(text, end, r, link=bool(word) and word.casefold() in r.vague_words)
        if digits is None and counts is None and unit_code is None:
            continue  # a bare number word ("satu", "one") is rarely a quantity
        value = int(value) if float(value).is_integer() else value
        found.append(Quantity(text=text[start:counts_end], value=value, start=start, end=counts_end, approx=approx, counts=counts, unit=unit_code))
    return _drop_overlaps(found)


def _counted(text: str, end: int, r: _Rules, link: bool = False) -> tuple[str | None, int]:
    """The noun phrase right after a number, up to a function word or punctuation ("dozens of people":
    a link word after a vague number word is skipped)."""
    words = []
    pos = end
    for m in re.finditer(r"[^\S\n]+(?P<w>[^\W\d](?:[^\W\d]|['’-])*)(?!\w)|(?P<stop>\S|\n)", text[end:end + 80]):
        w = m.group("w")
        if link and not words and w and w.casefold() in r.counts_link:
            link = False
            continue
        if not w or w.casefold() in r.counts_stop or (words and r.verb_like.match(w)):
            break
        words.append(w)
        pos = end + m.end()
        if len(words) >= MAX_COUNT_WORDS:
            break
    if not words:
        return None, end
    return " ".join(words), pos


def _is_time_or_date(text: str, start: int, end: int, digits: str, pack: LanguagePack) -> bool:
    before = text[max(0, start - 12):start].casefold()
    after = text[end:end + 12]
    if re.search(r"(?:^|\W)(?:pukul|jam|at|no\.|nomor)\s*$|ke-$", before):
        return True
    if re.match(r"\s?(WIB|WITA|WIT|GMT|UTC|a\.m\.|p\.m\.|am\b|pm\b|waktu setempat|local time)", text[end:end + 16]):
        return True
    if start > 0 and text[start - 1] in "-/" or after[:1] in "/":
        return True
    months = pack.get("calendar", {}).get("months", {})
    nxt = re.match(r"\s?([A-Za-z]+)", after)
    prev = re.search(r"([A-Za-z]+)\.?\s?$", text[max(0, start - 12):start])
    if nxt and nxt.group(1).casefold() in months and len(digits) <= 2:
        return True
    if prev and prev.group(1).casefold() in months:
        return True
    return False


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """An item number: "1." or "1)" opening a line, or "(1)" in running text."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and text[end:end + 1] in (".", ")") and not text[end + 1:end + 2].isdigit():
        return True
    return text[start - 1:start] == "(" and text[end:end + 1] == ")" and end - start <= 2


def _drop_overlaps(qs: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in sorted(qs, key=lambda q: (q.start, -(q.end - q.start))):
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out
