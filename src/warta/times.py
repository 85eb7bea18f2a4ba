"""Times: every temporal expression in the body, resolved against the publication date (TIMEX3 values).

How it works, in three passes over ``doc.text``:

1. **Atoms.** One regular expression per language pack, built once from the pack's lexicons
   (``times.json``, ``numbers.json``, ``calendar.json``), finds the atoms from left to right:
   dates ("Selasa (16/9)", "16 September 2025"), weekdays, relative days ("kemarin"), parts of the day,
   clock times, relative periods ("pekan lalu"), durations, sets, decades, centuries, holidays...
   Its alternatives are ordered from the most specific to the least, so at any position the longest
   reading wins, and matches never overlap.
2. **Merge.** Adjacent day-level atoms combine: weekday + date ("Selasa" + "(16/9)"), day + part of
   day ("Selasa" + "pagi" -> 2025-09-16TMO), day + clock time ("Senin (15/9)" + "pukul 10.00 WIB").
3. **Resolve.** Each expression gets its TIMEX3 value from the anchor (the publication date): a bare
   weekday is the most recent such day not after the anchor unless the wording points ahead; "pekan lalu"
   is the ISO week of the anchor minus one. Bare months and years are kept only in date-like context
   (a cue word such as "pada", "sejak", "in", or a neighbouring date). Without an anchor, expressions
   that depend on it are still reported, with value ``None``.

The stage is a pure function: no clock, no I/O beyond the packaged lexicons, loaded once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Callable

from spacy.tokens import Doc

from .lang import LanguagePack
from .record import Timex

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19,
         "xx": 20, "xxi": 21, "xxii": 22}
TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}  # duration units written after the T of ISO 8601
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
MIN_YEAR, MAX_YEAR = 1000, 2199
BARE_YEARS = (1800, 2100)  # a bare four-digit number in this range is a year unless it counts something
CUE_WINDOW = 32  # characters looked at before an expression for a cue word
FUTURE_WINDOW = 80  # characters looked at before a weekday for a word that points ahead


# --------------------------------------------------------------------------- building the patterns

def _key(word: str | None) -> str:
    """The lookup form of a lexicon entry or a matched word: case-folded, single spaces, plain apostrophe."""
    return re.sub(r"\s+", " ", word.casefold()).replace("’", "'").rstrip(".") if word else ""


def _fold(d: dict) -> dict:
    return {_key(k): v for k, v in d.items()}


def _atoms(word: str) -> list[str]:
    """A lexicon entry as pattern pieces: a space matches any whitespace, both apostrophes match."""
    out = []
    for c in word:
        if c.isspace():
            if out and out[-1] == r"\s+":
                continue
            out.append(r"\s+")
        elif c in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(c))
    return out


def _trie(seqs: list[list[str]]) -> str:
    """One pattern for many words, sharing prefixes (much faster to try than a flat alternation)."""
    root: dict = {}
    for seq in seqs:
        node = root
        for a in seq:
            node = node.setdefault(a, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [a + emit(child) for a, child in sorted(node.items(), key=lambda kv: kv[0]) if a]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        if len(alts) == 1 and end and not body.startswith("(?:"):
            body = "(?:" + body + ")"
        return body + "?" if end else body

    return emit(root)


def _words(words, title: frozenset[str] | bool = frozenset()) -> str:
    """Alternation of words, longest reading first. Words in ``title`` (or all, when True) need a capital first letter."""
    words = {w for w in words if w}
    if not words:
        return "(?!)"
    free = [_atoms(w.casefold()) for w in words if not (title is True or (title and w.casefold() in title))]
    capital: dict[str, list[list[str]]] = {}
    for w in words:
        if title is True or (title and w.casefold() in title):
            capital.setdefault(w[0].upper(), []).append(_atoms(w[1:].casefold()))
    parts = []
    if free:
        parts.append(f"(?i:{_trie(free)})")
    for first, rests in sorted(capital.items()):
        rest = _trie([r for r in rests])
        parts.append(re.escape(first) + (f"(?i:{rest})" if rest else ""))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _first_words(words) -> set[str]:
    """The first word of each entry, as the dispatcher sees it (``\\w+``, case-folded)."""
    out = set()
    for w in words:
        m = re.match(r"\w+", w.casefold().replace("’", "'"))
        if m:
            out.add(m.group())
    return out


def _abbreviations(names: dict[str, int]) -> set[str]:
    """Names that abbreviate another name with the same number ("sept" of "september", "agt" of "agustus")."""
    longest: dict[int, str] = {}
    for name, num in names.items():
        if len(name) > len(longest.get(num, "")):
            longest[num] = name
    out = set()
    for name, num in names.items():
        full = longest[num]
        if name != full and (full.startswith(name) or len(name) <= len(full) - 3):
            out.add(name)
    return out


@dataclass(frozen=True)
class _Rules:
    patterns: dict[str, re.Pattern]  # kind -> pattern of that atom
    by_word: dict[str, tuple[str, ...]]  # first word -> kinds of atoms that can start with it, in priority order
    digit_kinds: tuple[str, ...]  # kinds of atoms that can start with a digit
    group_names: dict[str, frozenset[str]]
    lex: dict[str, Any]
    f: dict[str, dict]  # every mapping of the lexicon, keys folded with _key
    months: dict[str, int]
    month_abbr: frozenset[str]
    weekdays: dict[str, int]
    unit_weekdays: frozenset[str]  # weekday names that are also a unit ("minggu": Sunday or week)
    units: dict[str, str]
    period_units: dict[str, str]
    numbers: dict[str, Any]
    one_words: frozenset[str]
    span_single: frozenset[str]
    cue_before: re.Pattern
    weekday_cue: re.Pattern
    holiday_cue: re.Pattern
    clock_cue_before: re.Pattern
    duration_one_cue: re.Pattern
    future_cue: re.Pattern
    past_cue: re.Pattern
    chain_gap: re.Pattern
    link_gap: re.Pattern
    bad_year_before: re.Pattern
    bad_year_after: re.Pattern
    title_words: frozenset[str]


TOKEN = re.compile(r"(?:['’](?=\d))?\w+")


@cache
def _rules(code: str, pack: LanguagePack) -> _Rules:
    lex = pack["times"]
    cal = pack["calendar"]
    nums = pack.get("numbers") or {}
    title = frozenset(w.casefold() for w in lex.get("capitalised_only", []))
    names_title: frozenset[str] | bool = True if lex.get("names_need_capital") else title
    months = {k.casefold(): v for k, v in cal["months"].items()}
    weekdays = {k.casefold(): v for k, v in cal["weekdays"].items()}
    month_abbr = _abbreviations(months)
    weekday_abbr = _abbreviations(weekdays)
    mon = (f"(?:{_words([m for m in months if m not in month_abbr], names_title)}(?!\\w)"
           f"|{_words(month_abbr, names_title)}(?:\\.|(?!\\w)))")
    wd_all = (f"(?:{_words([w for w in weekdays if w not in weekday_abbr], names_title)}(?!\\w)"
              f"|{_words(weekday_abbr, names_title)}(?:\\.|(?!\\w)))")
    number_words = list(nums.get("units", {})) + list(nums.get("teens", {})) + list(nums.get("multipliers", {}))
    nw = _words(number_words)
    lists = {  # placeholder -> the words it stands for (also what the dispatcher looks for)
        "MON": list(months), "WD": list(weekdays), "WDF": [w for w in weekdays if w not in weekday_abbr],
        "WDPRE": lex["weekday_prefixes"], "NUMW": number_words, "APW": list(nums.get("approximate", {})),
        "VAGUE": list(nums.get("vague", [])), "ONE": lex["one_words"], "UNIT": list(lex["units"]),
        "SUNIT": list(lex["single_units"]), "PUNIT": list(lex["period_units"]), "SHB": list(lex["shift_before"]),
        "SHA": list(lex["shift_after"]), "REFB": lex["reference_shifts_before"], "REFA": lex["reference_shifts_after"],
        "REFP": lex["reference_phrases"], "AGO": list(lex["ago_after"]), "SPB": lex["span_before"], "SPA": lex["span_after"],
        "MOD": list(lex["modifiers"]), "APX": list(lex["approximators"]), "YPRE": lex["year_prefixes"],
        "YCA": lex["year_cues_after"], "MPRE": lex["month_prefixes"], "PART": list(lex["day_parts"]),
        "PPH": list(lex["day_part_phrases"]), "RELD": list(lex["relative_days"]), "DCUE": lex["day_cues"],
        "CLOCKW": lex["clock_words"], "CSUF": list(lex["clock_suffixes"]), "FIXCLK": list(lex["fixed_clock"]),
        "LOCAL": lex["local_time"], "DECPRE": lex["decade_prefixes"], "DECW": lex["decade_words"],
        "CENW": lex["century_words"], "POS": list(lex["positions"]), "QU": list(lex["quarter_units"]),
        "SEASON": list(lex["seasons"]), "HOL": list(lex["holidays"]), "SETB": lex["set_before"],
        "SETW": list(lex["set_words"]), "VDUR": list(lex["vague_durations"]), "RANGE": lex["range_connectors"],
        "THE": ["the"], "QCODE": ["q1", "q2", "q3", "q4"],
    }
    W = {k: _words(v) for k, v in lists.items()}
    W.update({
        "MON": mon, "WD": wd_all, "WDF": _words(lists["WDF"], names_title), "HOL": _words(lists["HOL"], title),
        "NUM": rf"(?:(?<![\d.,/])\d{{1,4}}(?:[.,]\d+)?(?![\d/])|{nw}(?:[\s-]+{nw})*)",
        "ZONE": "(?:" + "|".join(re.escape(z) for z in sorted(lex["zones"], key=len, reverse=True)) + ")",
        "DECSUF": "(?:" + "|".join("".join(_atoms(s)) for s in sorted(lex["decade_suffixes"], key=len, reverse=True)) + ")",
        "ORDB": _words(lex["ordinal_before"]),
        "ORDA": "(?:" + "|".join(lex["ordinal_after"]) + ")" if lex["ordinal_after"] else "",
        "ROMAN": r"(?:XXII|XXI|XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)",
        "YU": _words([u for u, c in lex["period_units"].items() if c == "Y"]),
    })
    multi_units = [u for u in lex["period_units"] if " " in u]
    W["NOTUNIT"] = f"(?!{_words(multi_units)}(?!\\w))" if multi_units else ""
    md_order = lex.get("numeric_date_order") == "mdy"
    specs = _alternatives(md_order, bool(lex["ordinal_after"]))
    names = sorted(W, key=len, reverse=True)
    word_re = re.compile(r"\b(" + "|".join(names) + r")\b")
    alts: dict[str, str] = {}
    by_word: dict[str, set[str]] = {}
    digit_kinds: list[str] = []
    for kind, template, starts in specs:
        body = word_re.sub(lambda m: W[m.group(1)], template).replace("(?P<@", f"(?P<{kind}__")
        alts[kind] = body
        for start in starts:
            if start == "DIGIT":
                digit_kinds.append(kind)
                continue
            for w in _first_words(lists["NUMW"] if start == "NUM" else lists[start]):
                by_word.setdefault(w, set()).add(kind)
            if start == "NUM":
                digit_kinds.append(kind)
    order = {k: i for i, k in enumerate(alts)}
    f = {k: _fold(v) for k, v in lex.items() if isinstance(v, dict)}
    rng = _words(lex["range_connectors"])
    return _Rules(
        patterns={k: re.compile(v) for k, v in alts.items()},
        by_word={w: tuple(sorted(ks, key=order.__getitem__)) for w, ks in by_word.items()},
        digit_kinds=tuple(sorted(set(digit_kinds), key=order.__getitem__)),
        group_names={k: frozenset(g[len(k) + 2:] for g in re.findall(r"\(\?P<(" + k + r"__\w+)>", v)) for k, v in alts.items()},
        lex=lex,
        f=f,
        months=months,
        month_abbr=frozenset(month_abbr),
        weekdays=weekdays,
        unit_weekdays=frozenset(w for w in weekdays if w in f["units"] or w in f["period_units"]),
        units=f["units"],
        period_units=f["period_units"],
        numbers={"units": _fold(nums.get("units", {})), "teens": _fold(nums.get("teens", {})),
                 "multipliers": _fold(nums.get("multipliers", {}))},
        one_words=frozenset(w.casefold() for w in lex["one_words"]),
        span_single=frozenset(_key(w) for w in lex["span_before_single"]),
        cue_before=re.compile(rf"(?<!\w){_words(lex['date_cues'])}\s*[,(]?\s*$"),
        weekday_cue=re.compile(rf"(?<!\w){_words(lex['weekday_cues'])}\s+$"),
        holiday_cue=re.compile(rf"(?<!\w){_words(lex['holiday_cues'])}\s+$"),
        clock_cue_before=re.compile(rf"(?<!\w){_words(lex['clock_cues'])}\s+$"),
        duration_one_cue=re.compile(rf"(?<!\w){_words(lex['duration_one_cues'])}\s+$"),
        future_cue=re.compile(rf"(?<!\w){_words(lex['future_cues'])}(?!\w)"),
        past_cue=re.compile(rf"^\s*{_words(lex['past_cues'])}(?!\w)"),
        chain_gap=re.compile(rf"^\s*(?:,\s*)?(?:{rng}|{_words(['dan', 'atau', 'and', 'or'])})?\s*$"),
        link_gap=re.compile(rf"^[\s,]*(?:{_words(lex['link_words'])}\s+)?$"),
        bad_year_before=re.compile(rf"(?<!\w){_words(lex['year_blockers_before'])}\s*$"),
        bad_year_after=re.compile(rf"^\s*{_words(lex['year_blockers_after'])}(?!\w)"),
        title_words=title,
    )


def _relyear(g: str) -> str:
    """A relative year after a month or a date: "tahun lalu", "last year" (shift in group ``g``)."""
    return rf"(?:(?:of\s+)?(?P<@{g}b>SHB)\s+YU|YU\s+(?P<@{g}a>SHA))(?!\w)"


def _datebody(g: str, md_order: bool) -> str:
    """A date with a day: "16/9", "16/9/2025", "16 September 2025", and in English "Sept. 16, 2025"."""
    numeric = rf"(?<![\d/.,])(?P<@{g}n1>\d{{1,2}})/(?P<@{g}n2>\d{{1,2}})(?:/(?P<@{g}n3>\d{{4}}|\d{{2}}))?(?![\d/]|[.,]\d)"
    dm = (rf"(?<![\d.,])(?P<@{g}td>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<@{g}tm>MON)"
          rf"(?:,?\s+(?:YPRE\s+)?(?P<@{g}ty>\d{{4}})(?![\d%]|[.,]\d)|\s+{_relyear(g + 'r')})?")
    body = f"(?:{numeric}|{dm}"
    if md_order:
        body += (rf"|(?P<@{g}em>MON)\s+(?P<@{g}ed>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.]\d|\w)"
                 rf"(?:,?\s+(?P<@{g}ey>\d{{4}})(?![\d%]|[.,]\d))?")
    return body + ")"


def _alternatives(md_order: bool, ordinal_after: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    """The atoms, most specific first: (kind, pattern, what the first word can be).

    Placeholders in capitals stand for lexicon word lists; ``@`` in a group name is replaced by the kind.
    """
    B = r"(?<![\w])"
    E = r"(?!\w)"
    YEND = r"(?![\d%]|[.,]\d)"
    MODP = r"(?:NOTUNIT(?P<@mod>MOD)(?:\s+|-))?"
    NUMS = ("APX", "NUM", "APW", "VAGUE")
    alts = [
        ("iso", r"(?<![\d/])(?P<@y>\d{4})-(?P<@m>\d{2})-(?P<@d>\d{2})(?![\d])", ("DIGIT",)),
        ("dmrange", rf"{B}(?P<@d1>\d{{1,2}})(?:\s+(?P<@m1>MON))?\s*RANGE\s*(?P<@d2>\d{{1,2}})\s+(?P<@m2>MON)"
                    rf"(?:,?\s+(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND})?", ("DIGIT",)),
    ]
    if md_order:
        alts.append(("mdrange", rf"{B}(?P<@m1>MON)\s+(?P<@d1>\d{{1,2}})(?:st|nd|rd|th)?\s*RANGE\s*(?:(?P<@m2>MON)\s+)?"
                                rf"(?P<@d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<@y>\d{{4}}){YEND})?", ("MON",)))
    alts += [
        ("mrange", rf"{B}(?P<@m1>MON)\s*RANGE\s*(?P<@m2>MON)(?:,?\s+(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND}|,?\s+{_relyear('r')})",
         ("MON",)),
        ("yrange", rf"{B}(?:(?P<@yp>YPRE)\s+)?(?P<@y1>[12]\d{{3}})\s*(?:[-–—/]|RANGE)\s*(?P<@y2>[12]\d{{3}}|\d{{2}}){YEND}(?!\w)",
         ("YPRE", "DIGIT")),
        ("wddate", rf"{B}(?:(?P<@shb>SHB)\s+)?(?:WDPRE\s+)?(?P<@wd>WD)(?:\s+(?P<@p1>PART))?[\s,]*\(?\s*"
                   + _datebody("b", md_order) + r"(?:\s*\))?(?:\s+(?P<@p2>PART)(?!\w))?(?:\s+(?P<@sha>SHA)(?!\w))?",
         ("SHB", "WDPRE", "WD")),
        ("date", rf"{B}(?:(?P<@dcue>DCUE)\s+)?" + _datebody("b", md_order)
                 + r"(?:\s*\))?(?:\s+(?P<@p2>PART)(?!\w))?(?:\s+(?P<@sha>SHA)(?!\w))?",
         ("DCUE", "DIGIT", "MON") if md_order else ("DCUE", "DIGIT")),
        ("daynum", rf"{B}(?P<@cue>DCUE)\s+(?P<@d>\d{{1,2}})(?![\d/]|[.:]\d|\w)", ("DCUE",)),
        ("relday", rf"{B}(?P<@r>RELD){E}", ("RELD",)),
        ("phrase_ref", rf"{B}(?P<@r>REFP){E}", ("REFP",)),
    ]
    if ordinal_after:
        alts.append(("century", rf"{B}(?:THE\s+)?(?:(?P<@dpos>POS)\s+(?P<@dw>DECW)\s+of\s+(?:THE\s+)?)?"
                                rf"(?:(?P<@mod>MOD)(?:\s+|-))?(?:THE\s+)?(?P<@cn>\d{{1,2}})ORDA[\s-](?P<@cw>CENW){E}",
                     ("THE", "POS", "MOD", "DIGIT")))
    else:
        alts.append(("century", rf"{B}(?:(?P<@dw>DECW)\s+(?P<@dpos>POS)\s+)?(?:(?P<@mod>MOD)\s+)?(?P<@cw>CENW)\s+"
                                rf"(?:ORDB\s*)?(?P<@cn>\d{{1,2}}|ROMAN){E}", ("DECW", "MOD", "CENW")))
    alts += [
        ("decade", rf"{B}(?:(?P<@mod>MOD)(?:\s+|-))?(?:(?P<@pre>DECPRE)\s+)?(?:(?P<@c>[12]\d)(?P<@d>\d)0|(?:(?P<@ap>['’])\s?)?(?P<@s>\d)0)DECSUF{E}",
         ("MOD", "DECPRE", "DIGIT")),
        ("qcode", rf"{B}(?P<@q>QCODE)(?:\s+(?P<@y>\d{{4}}){YEND})?{E}", ("QCODE",)),
    ]
    if ordinal_after:
        alts.append(("quarter", rf"{B}(?:(?P<@mod>MOD)\s+)?(?:THE\s+)?(?P<@qp>POS)[\s-](?P<@qu>QU)"
                                rf"(?:\s+of\s+(?:(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND}|(?:THE\s+)?(?:(?P<@rb>SHB)\s+)?YU))?{E}",
                     ("MOD", "THE", "POS")))
    else:
        alts.append(("quarter", rf"{B}(?:(?P<@mod>MOD)\s+)?(?P<@qu>QU)\s+(?:(?P<@qr>ROMAN)|(?:ORDB\s*)?(?P<@qn>[1-4])|(?P<@qp>POS))(?!\w)"
                                rf"(?:,?\s+(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND}|\s+{_relyear('r')})?", ("MOD", "QU")))
    alts += [
        ("holiday", rf"{B}{MODP}(?:(?P<@shb>SHB)\s+)?(?P<@h>HOL)(?!\w)(?:\s+(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND}|\s+{_relyear('r')})?",
         ("MOD", "SHB", "HOL")),
        ("season", rf"{B}{MODP}(?:(?P<@shb>SHB)\s+)?(?P<@sn>SEASON)(?!\w)(?:,?\s+(?:of\s+)?(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND}"
                   rf"|\s+{_relyear('r')}|\s+(?P<@sha>SHA)(?!\w))?", ("MOD", "SHB", "SEASON")),
        ("phrase", rf"{B}(?P<@ph>PPH){E}", ("PPH",)),
        ("relperiod", rf"{B}(?:(?P<@apx>APX)\s+)?{MODP}(?:(?P<@shb>SHB)\s+|(?P<@refb>REFB)\s+)?(?:(?P<@art>THE)\s+)?(?P<@u>PUNIT)"
                      rf"(?!\w)(?!\s+(?:\d|MON))(?:\s+(?P<@sha>SHA)(?!\w)|\s+(?P<@refa>REFA)(?!\w))?",
         ("APX", "MOD", "SHB", "REFB", "THE", "PUNIT")),
        ("ago", rf"{B}(?:(?P<@apx>APX)\s+)?(?:(?:(?P<@n>NUM)|(?P<@aw>APW)|(?P<@v>VAGUE)|(?P<@one>ONE))[\s-]+(?P<@u>UNIT)|(?P<@su>SUNIT))"
                rf"\s+(?:(?P<@ago>AGO)|(?P<@refa>REFA)){E}", NUMS + ("ONE", "SUNIT")),
        ("span", rf"{B}(?:(?P<@apx>APX)\s+)?(?:(?P<@spb>SPB)\s+(?:(?:(?P<@n>NUM)|(?P<@aw>APW)|(?P<@v>VAGUE))[\s-]+)?(?P<@u>UNIT)"
                 rf"|(?:(?:(?P<@n2>NUM)|(?P<@aw2>APW)|(?P<@v2>VAGUE))[\s-]+(?P<@u2>UNIT)|(?P<@su>SUNIT))\s+(?P<@spa>SPA)){E}",
         NUMS + ("SPB", "SUNIT")),
        ("set", rf"{B}(?P<@sb>SETB)\s+(?:(?P<@n>NUM)\s+)?(?:(?P<@wd>WDF)|(?P<@p>PART)|(?P<@pu>PUNIT)|(?P<@u>UNIT)){E}|{B}(?P<@sw>SETW){E}",
         ("SETB", "SETW")),
        ("duration", rf"{B}(?:(?P<@apx>APX)\s+)?(?:(?:(?P<@n>NUM)|(?P<@aw>APW)|(?P<@v>VAGUE)|(?P<@one>ONE))[\s-]+(?P<@u>UNIT)"
                     rf"|(?P<@su>SUNIT)|(?P<@vd>VDUR)){E}", NUMS + ("ONE", "SUNIT", "VDUR")),
        ("clock", rf"{B}(?:(?P<@apx>APX)\s+)?(?:(?P<@cw>CLOCKW)\s*)?(?<![\d.,:/])(?P<@h>\d{{1,2}})(?:[.:](?P<@mi>\d{{2}}))?(?![\d]|[.,:/]\d)"
                  rf"(?:\s*(?P<@suf>CSUF)(?!\w))?(?:\s*[-–]\s*(?P<@h2>\d{{1,2}})[.:](?P<@mi2>\d{{2}})(?:\s*(?P<@suf2>CSUF)(?!\w))?)?"
                  rf"(?:\s+(?P<@p>PART)(?!\w))?(?:\s*\(?(?P<@z>ZONE)\)?(?![\w])|\s+(?P<@lt>LOCAL)(?!\w))?",
         ("APX", "CLOCKW", "DIGIT")),
        ("fixclock", rf"{B}(?P<@fx>FIXCLK){E}", ("FIXCLK",)),
        ("weekday", rf"{B}(?:(?P<@shb>SHB)\s+)?(?:(?P<@pre>WDPRE)\s+)?(?P<@wd>WDF)(?!\w)(?:\s+(?P<@sha>SHA)(?!\w))?",
         ("SHB", "WDPRE", "WDF")),
        ("daypart", rf"{B}(?P<@p>PART){E}", ("PART",)),
        ("monthname", rf"{B}(?:(?P<@apx>APX)\s+)?{MODP}(?:(?P<@shb>SHB)\s+)?(?:(?P<@mp>MPRE)\s+)?(?P<@m>MON)"
                      rf"(?:,?\s+(?:of\s+)?(?:YPRE\s+)?(?P<@y>\d{{4}}){YEND}(?!\w)|,?\s+{_relyear('r')}|\s+(?P<@sha>SHA)(?!\w))?",
         ("APX", "MOD", "SHB", "MPRE", "MON")),
        ("yearnum", rf"{B}(?:(?P<@apx>APX)\s+)?(?:(?P<@mod>MOD)(?:\s+|-))?(?:(?P<@yp>YPRE)\s+)?(?P<@y>\d{{3,4}}){YEND}(?!\w)"
                    rf"(?:\s+(?P<@yca>YCA)(?!\w)|(?P<@ycs>['’]s)(?!\w))?", ("APX", "MOD", "YPRE", "DIGIT")),
    ]
    return alts


@cache
def _holiday_dates() -> dict[str, dict[str, str]]:
    raw = resources.files("warta.kb").joinpath("holidays.json").read_text(encoding="utf-8")
    return json.loads(raw)["dates"]


# --------------------------------------------------------------------------- pieces

@dataclass
class _Piece:
    start: int
    end: int
    kind: str  # "day" (merges with parts and clocks), "part", "clock", "done"
    # a day: a date with day/month/year (explicit), a weekday, or an offset from the anchor
    d: int | None = None
    m: int | None = None
    y: int | None = None
    yshift: int | None = None
    wd: int | None = None
    wdshift: int | None = None
    offset: int | None = None
    part: str | None = None
    clock: tuple[int, int] | None = None
    zone: str | None = None
    # everything else arrives resolved
    value: str | None = None
    type: str = "DATE"
    mod: str | None = None
    needs_cue: bool = False
    bare_year: bool = False  # a four-digit year alone: kept unless a count word is next to it


def _num(text: str | None, r: _Rules) -> float | None:
    """A count in digits or words: "3", "2,5", "tiga", "dua puluh lima", "twenty-five"."""
    if not text:
        return None
    t = text.strip()
    if t[0].isdigit():
        try:
            return float(t.replace(",", "."))
        except ValueError:
            return None
    units, teens, mult = r.numbers["units"], r.numbers["teens"], r.numbers["multipliers"]
    total = cur = last = 0.0
    for w in re.split(r"[\s-]+", t.casefold()):
        if w in units:
            cur += units[w]
            last = units[w]
        elif w in teens:
            cur += teens[w]
            last += teens[w]
        elif w in mult:
            k = mult[w]
            if k >= 1000:
                total += (cur or 1) * k
                cur = last = 0.0
            else:
                cur = cur - last + (last or 1) * k
                last = (last or 1) * k
        else:
            return None
    return total + cur


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _unit(code: str) -> tuple[float, str]:
    m = re.fullmatch(r"(\d*)([A-Z]+)", code)
    return (float(m.group(1)) if m.group(1) else 1.0), m.group(2)


def _duration(n: float | None, code: str) -> str:
    k, base = _unit(code)
    count = "X" if n is None else _fmt_num(n * k)
    if base in TIME_UNITS:
        return f"PT{count}{TIME_UNITS[base]}"
    return f"P{count}{base}"


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _period(anchor: date, unit: str, shift: int) -> str | None:
    """The value of the period ``shift`` units from the anchor's: W, WE, M, Y, DE, CE, Q, H."""
    value = _period_value(anchor, unit, shift)
    return None if value is None or value.startswith("-") or len(value.split("-")[0]) > 4 else value


def _period_value(anchor: date, unit: str, shift: int) -> str | None:
    try:
        if unit in ("W", "WE"):
            v = _iso_week(anchor + timedelta(weeks=shift))
            return v + "-WE" if unit == "WE" else v
        if unit == "M":
            y, m = _month_shift(anchor.year, anchor.month, shift)
            return f"{y:04d}-{m:02d}"
        if unit == "Y":
            return f"{anchor.year + shift:04d}"
        if unit == "DE":
            return f"{anchor.year // 10 + shift:03d}"
        if unit == "CE":
            return f"{anchor.year // 100 + shift:02d}"
        if unit in ("Q", "H"):
            size = 3 if unit == "Q" else 6
            i = anchor.year * (12 // size) + (anchor.month - 1) // size + shift
            return f"{i // (12 // size):04d}-{unit}{i % (12 // size) + 1}"
    except (OverflowError, ValueError):
        return None
    return None


def _ago(anchor: date, n: float, code: str, direction: int) -> str | None:
    """The date ``n`` units before (direction -1) or after (+1) the anchor, at the unit's granularity."""
    k, base = _unit(code)
    total = n * k
    if not float(total).is_integer():
        return None
    total = int(total) * direction
    if base in TIME_UNITS:
        return anchor.isoformat()
    if base == "D":
        try:
            return (anchor + timedelta(days=total)).isoformat()
        except OverflowError:
            return None
    return _period(anchor, base, total)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(anchor: date, m: int, d: int, wd: int | None) -> int | None:
    """The year that puts day d of month m nearest the anchor; with a weekday, one where it falls on it."""
    cands = [(y, _safe_date(y, m, d)) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    cands = [(y, x) for y, x in cands if x]
    if not cands:
        return None
    if wd is not None:
        # the weekday picks among years only within half a year of the anchor: a weekday that is off by a
        # day ("Jumat (1/11)" when 1 November is a Saturday) is a slip, not a date a year away
        same = [(y, x) for y, x in cands if x.isoweekday() == wd and abs((x - anchor).days) <= 183]
        if same:
            cands = same
    return min(cands, key=lambda c: abs((c[1] - anchor).days))[0]


def _weekday_date(anchor: date, wd: int, shift: int | None, ahead: bool) -> date:
    """Bare weekday: most recent such day not after the anchor; ahead: the next one not before it.
    "lalu/last" (-1): the most recent before the anchor; "depan/next" (+1): that day of next week;
    "ini/this" (0): that day of the anchor's week."""
    delta = wd - anchor.isoweekday()
    if shift == -1:
        return anchor - timedelta(days=(-delta) % 7 or 7)
    if shift == 1:
        return anchor + timedelta(days=delta + 7)
    if shift == 0:
        return anchor + timedelta(days=delta)
    if ahead:
        return anchor + timedelta(days=delta % 7)
    return anchor - timedelta(days=(-delta) % 7)


def _year2(y: int, anchor: date | None) -> int:
    if y >= 100:
        return y
    pivot = (anchor.year % 100 + 10) if anchor else 30
    return 2000 + y if y <= pivot else 1900 + y


def _sentence_window(text: str, start: int, width: int) -> str:
    w = text[max(0, start - width):start]
    cut = max(w.rfind(". "), w.rfind("! "), w.rfind("? "), w.rfind("\n"))
    return w[cut + 1:] if cut >= 0 else w


# --------------------------------------------------------------------------- atoms -> pieces

class _Reader:
    """Turns one match of the master pattern into pieces."""

    def __init__(self, text: str, anchor: date | None, r: _Rules):
        self.text = text
        self.anchor = anchor
        self.r = r
        self.lex = r.lex
        self.f = r.f

    def pieces(self, kind: str, m: re.Match) -> list[_Piece]:
        handler: Callable = getattr(self, "_" + kind)
        g = _Groups(m, kind, self.r.group_names[kind])
        return handler(g, m.start(), m.end()) or []

    # -- helpers
    def _shift(self, g: "_Groups", before="shb", after="sha") -> int | None:
        if g[before]:
            return self.f["shift_before"].get(_key(g[before]))
        if g[after]:
            return self.f["shift_after"].get(_key(g[after]))
        return None

    def _mod(self, g: "_Groups") -> str | None:
        return self.f["modifiers"].get(_key(g["mod"])) if g["mod"] else None

    def _apx(self, g: "_Groups") -> str | None:
        return self.f["approximators"].get(_key(g["apx"])) if g["apx"] else None

    def _month(self, word: str) -> int | None:
        return self.r.months.get(word.casefold().rstrip("."))

    def _relyear(self, g: "_Groups", name: str) -> int | None:
        if g[name + "b"]:
            return self.f["shift_before"].get(_key(g[name + "b"]))
        if g[name + "a"]:
            return self.f["shift_after"].get(_key(g[name + "a"]))
        return None

    def _datebody(self, g: "_Groups", p: _Piece) -> bool:
        """Fill d/m/y from a date body; False when it is no valid date."""
        if g["bn1"]:
            a, b = int(g["bn1"]), int(g["bn2"])
            if self.lex.get("numeric_date_order") == "mdy" and not (a > 12 >= b):
                a, b = b, a
            elif self.lex.get("numeric_date_order") != "mdy" and b > 12 >= a:
                a, b = b, a
            p.d, p.m = a, b
            p.y = _year2(int(g["bn3"]), self.anchor) if g["bn3"] else None
        elif g["btd"]:
            p.d, p.m = int(g["btd"]), self._month(g["btm"])
            p.y = int(g["bty"]) if g["bty"] else None
            p.yshift = self._relyear(g, "br")
        elif g["bed"]:
            p.d, p.m = int(g["bed"]), self._month(g["bem"])
            p.y = int(g["bey"]) if g["bey"] else None
        else:
            return False
        if not p.m or not (1 <= p.m <= 12) or not (1 <= p.d <= 31):
            return False
        if p.y is not None and not (MIN_YEAR <= p.y <= MAX_YEAR):
            return False
        return _safe_date(p.y or 2000, p.m, p.d) is not None

    def _part(self, word: str | None) -> str | None:
        return self.f["day_parts"].get(_key(word)) if word else None

    # -- dates
    def _iso(self, g, s, e):
        p = _Piece(s, e, "day", d=int(g["d"]), m=int(g["m"]), y=int(g["y"]))
        return [p] if _safe_date(p.y, p.m, p.d) else []

    def _dmrange(self, g, s, e):
        m2 = self._month(g["m2"])
        m1 = self._month(g["m1"]) if g["m1"] else m2
        y = int(g["y"]) if g["y"] else None
        d1, d2 = int(g["d1"]), int(g["d2"])
        if not (1 <= d1 <= 31 and 1 <= d2 <= 31) or not _safe_date(y or 2000, m1, d1) or not _safe_date(y or 2000, m2, d2):
            return []
        if m1 == m2 and d2 <= d1:
            return []
        y1 = y - 1 if y and m1 > m2 else y
        e1 = g.end("m1") if g["m1"] else g.end("d1")
        return [_Piece(s, e1, "day", d=d1, m=m1, y=y1), _Piece(g.start("d2"), e, "day", d=d2, m=m2, y=y)]

    def _mdrange(self, g, s, e):
        m1 = self._month(g["m1"])
        m2 = self._month(g["m2"]) if g["m2"] else m1
        y = int(g["y"]) if g["y"] else None
        d1, d2 = int(g["d1"]), int(g["d2"])
        if not _safe_date(y or 2000, m1, d1) or not _safe_date(y or 2000, m2, d2) or (m1 == m2 and d2 <= d1):
            return []
        s2 = g.start("m2") if g["m2"] else g.start("d2")
        return [_Piece(s, g.end("d1"), "day", d=d1, m=m1, y=y), _Piece(s2, e, "day", d=d2, m=m2, y=y)]

    def _mrange(self, g, s, e):
        m1, m2 = self._month(g["m1"]), self._month(g["m2"])
        if g["y"]:
            y = int(g["y"])
        elif self.anchor is not None:
            y = self.anchor.year + (self._relyear(g, "r") or 0)
        else:
            y = None
        if (y is not None and not MIN_YEAR <= y <= MAX_YEAR) or not m1 or not m2:
            return []
        y1 = y - 1 if y is not None and m1 > m2 else y
        return [_Piece(s, g.end("m1"), "done", value=f"{y1:04d}-{m1:02d}" if y1 else None),
                _Piece(g.start("m2"), e, "done", value=f"{y:04d}-{m2:02d}" if y else None)]

    def _yrange(self, g, s, e):
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if len(g["y2"]) == 4 else (y1 // 100) * 100 + int(g["y2"])
        if not (1800 <= y1 < y2 <= MAX_YEAR) or y2 - y1 > 200:
            return []
        if self.r.bad_year_before.search(self.text[max(0, s - 8):s]):
            return []
        return [_Piece(s, g.end("y1"), "done", value=f"{y1:04d}"), _Piece(g.start("y2"), e, "done", value=f"{y2:04d}")]

    def _wddate(self, g, s, e):
        p = _Piece(s, e, "day", wd=self.r.weekdays.get(g["wd"].casefold().rstrip(".")))
        if not self._datebody(g, p):
            return self._weekday_only(g, s)
        p.part = self._part(g["p1"]) or self._part(g["p2"])
        return [p]

    def _weekday_only(self, g, s):
        """A weekday-and-date atom whose date is not valid: keep the weekday alone."""
        end = g.end("wd")
        return [_Piece(s, end, "day", wd=self.r.weekdays.get(g["wd"].casefold().rstrip(".")), wdshift=self._shift(g, after=""))]

    def _date(self, g, s, e):
        p = _Piece(s, e, "day")
        if not self._datebody(g, p):
            return []
        p.part = self._part(g["p2"])
        if g["bn1"] and g["bn3"] is None and not g["dcue"] and not re.search(r"\(\s*$", self.text[max(0, s - 3):s]):
            return []  # a bare "16/9" is kept only in parentheses, after "tanggal" or with a year
        return [p]

    def _daynum(self, g, s, e):
        d = int(g["d"])
        if not 1 <= d <= 31:
            return []
        p = _Piece(s, e, "day", d=d)
        return [p]

    def _phrase_ref(self, g, s, e):
        return [_Piece(s, e, "done", value=None)]

    # -- decades, centuries, quarters, holidays, seasons
    def _century(self, g, s, e):
        cn = g["cn"]
        n = int(cn) if cn.isdigit() else ROMAN.get(cn.casefold())
        if not n or not 1 <= n <= 22:
            return []
        value = f"{n - 1:02d}"
        if g["dpos"]:
            pos = self.f["positions"].get(_key(g["dpos"]))
            if pos is None or pos == 0 or pos > 10:
                return []
            value += str(9 if pos < 0 else pos - 1)
        return [_Piece(s, e, "done", value=value, mod=self._mod(g))]

    def _decade(self, g, s, e):
        if g["c"]:
            value = g["c"] + g["d"]
        else:
            if not (g["ap"] or g["pre"]):
                return []
            d = int(g["s"])
            value = f"20{d}" if d == 0 else f"19{d}"
        return [_Piece(s, e, "done", value=value, mod=self._mod(g))]

    def _qcode(self, g, s, e):
        y = int(g["y"]) if g["y"] else (self.anchor.year if self.anchor else None)
        q = g["q"][-1]
        return [_Piece(s, e, "done", value=f"{y:04d}-Q{q}" if y else f"XXXX-Q{q}")]

    def _quarter(self, g, s, e):
        unit = self.f["quarter_units"].get(_key(g["qu"]))
        size = {"Q": 4, "H": 2}.get(unit)
        if not size:
            return []
        if g["qr"]:
            n = ROMAN.get(g["qr"].casefold())
        elif g["qn"]:
            n = int(g["qn"])
        else:
            n = self.f["positions"].get(_key(g["qp"]))
            n = size if n == -1 else n
        if not n or not 1 <= n <= size:
            return []
        if g["y"]:
            y = int(g["y"])
        else:
            shift = self._relyear(g, "r")
            y = self.anchor.year + (shift or 0) if self.anchor else None
        value = f"{y:04d}-{unit}{n}" if y else None
        return [_Piece(s, e, "done", value=value, mod=self._mod(g))]

    def _holiday(self, g, s, e):
        key = self.f["holidays"].get(_key(g["h"]))
        if not key:
            return []
        if " " not in g["h"].strip() and not (g["mod"] or g["shb"]) and (
                self._after_name(s) or (not g["y"] and re.match(r"\s+[A-Z]", self.text[e:e + 2]))):
            return []  # "Aditya Ramadhan", "Mandailing Natal", "Christmas Island": part of a name
        shift = self._relyear(g, "r")
        wshift = self.f["shift_before"].get(_key(g["shb"])) if g["shb"] else None
        if g["y"]:
            year = int(g["y"])
            value = _holiday_value(key, year)
        elif shift is not None and self.anchor:
            value = _holiday_value(key, self.anchor.year + shift)
        elif self.anchor:
            ahead = wshift == 1 or (wshift is None and self._ahead(s))
            behind = wshift == -1 or bool(self.r.past_cue.match(self.text[e:e + 16]))
            value = _holiday_nearest(key, self.anchor, ahead, behind)
        else:
            value = f"XXXX-{key}" if re.fullmatch(r"\d\d-\d\d", key) else None
        return [_Piece(s, e, "done", value=value, mod=self._mod(g))]

    def _season(self, g, s, e):
        code = self.f["seasons"].get(_key(g["sn"]))
        shift = self._shift(g)
        rel = self._relyear(g, "r")
        if g["y"]:
            y = int(g["y"])
        elif rel is not None and self.anchor:
            y = self.anchor.year + rel
        elif shift is not None and self.anchor:
            start = SEASON_START[code]
            if shift == -1:
                y = self.anchor.year if start + 3 <= self.anchor.month else self.anchor.year - 1
            elif shift == 1:
                y = self.anchor.year if start > self.anchor.month else self.anchor.year + 1
            else:
                y = self.anchor.year
        elif shift is not None or rel is not None:
            y = None
        else:
            return []  # a bare season name is rarely a date
        return [_Piece(s, e, "done", value=f"{y:04d}-{code}" if y else None, mod=self._mod(g))]

    # -- relative expressions
    def _phrase(self, g, s, e):
        offset, part = self.f["day_part_phrases"][_key(g["ph"])]
        return [_Piece(s, e, "day", offset=offset, part=part)]

    def _relday(self, g, s, e):
        return [_Piece(s, e, "day", offset=self.f["relative_days"][_key(g["r"])])]

    def _relperiod(self, g, s, e):
        word = g["u"]
        unit = self.r.period_units.get(_key(word))
        mod = self._mod(g)
        if g["refa"] or g["refb"]:
            return [_Piece(s, e, "done", value=None, mod=mod)]
        shift = self._shift(g)
        folded = _key(word)
        if folded in self.r.unit_weekdays and word[0].isupper() and not g["mod"] and self.r.weekday_cue.search(
                self.text[max(0, s - CUE_WINDOW):s]):
            # "pada Minggu lalu": Sunday, not last week
            return [_Piece(s, e, "day", wd=self.r.weekdays[folded], wdshift=shift)]
        if shift is None:
            if not mod:
                return []
            if g["art"] is None and self.lex["period_articles"]:
                return []  # English "end of year" without "the" is not anchored
            shift = 0
        if self.anchor is None:
            return [_Piece(s, e, "done", value=None, mod=mod)]
        return [_Piece(s, e, "done", value=_period(self.anchor, unit, shift), mod=mod or self._apx(g))]

    def _count(self, g, n="n", aw="aw", v="v", one="one") -> tuple[float | None, bool]:
        """(count, known): a number, or None with known=False for "beberapa", "belasan"."""
        if g[n]:
            x = _num(g[n], self.r)
            return x, x is not None
        if one in g.names and g[one]:
            return 1.0, True
        return None, False

    def _unit_code(self, g, u="u", su="su") -> tuple[str | None, float | None]:
        if g[u]:
            return self.r.units.get(_key(g[u])), None
        if su in g.names and g[su]:
            return self.f["single_units"].get(_key(g[su])), 1.0
        return None, None

    def _ago(self, g, s, e):
        code, single = self._unit_code(g)
        n, known = (single, True) if single is not None else self._count(g)
        if not code:
            return []
        if g["refa"] or not known or self.anchor is None:
            return [_Piece(s, e, "done", value=None, mod=self._apx(g))]
        direction = self.f["ago_after"].get(_key(g["ago"]), -1)
        return [_Piece(s, e, "done", value=_ago(self.anchor, n, code, direction), mod=self._apx(g))]

    def _span(self, g, s, e):
        if g["spb"]:
            code = self.r.units.get(_key(g["u"]))
            n, known = self._count(g)
            if not g["n"] and not g["aw"] and not g["v"]:
                if _key(g["spb"]) not in {_key(w) for w in self.lex["span_before_single"]}:
                    return []
                n, known = 1.0, True
        else:
            code, single = self._unit_code(g, "u2")
            n, known = (single, True) if single is not None else self._count(g, "n2", "aw2", "v2")
        if not code:
            return []
        return [_Piece(s, e, "done", value=_duration(n if known else None, code), type="DURATION", mod=self._apx(g))]

    def _set(self, g, s, e):
        if g["sw"]:
            return [_Piece(s, e, "done", value=self.f["set_words"][_key(g["sw"])], type="SET")]
        n = _num(g["n"], self.r) if g["n"] else 1.0
        if n is None:
            return []
        if g["wd"]:
            return [_Piece(s, e, "done", value=f"XXXX-WXX-{self.r.weekdays[g['wd'].casefold()]}", type="SET")]
        if g["p"]:
            return [_Piece(s, e, "done", value=f"XXXX-XX-XX{self._part(g['p'])}", type="SET")]
        if g["pu"]:
            unit = self.r.period_units.get(_key(g["pu"]))
            if unit == "WE":
                return [_Piece(s, e, "done", value="XXXX-WXX-WE", type="SET")]
            code = self.r.units.get(_key(g["pu"])) or ({"Q": "3M", "H": "6M"}.get(unit))
        else:
            code = self.r.units.get(_key(g["u"]))
        if not code:
            return []
        return [_Piece(s, e, "done", value=_duration(n, code), type="SET")]

    def _weekday_follows(self, e: int) -> bool:
        m = re.match(r"\s+(\w+)", self.text[e:e + 20])
        return bool(m and m.group(1)[0].isupper() and m.group(1).casefold() in self.r.weekdays)

    def _duration(self, g, s, e):
        if g["vd"]:
            code = self.f["vague_durations"][_key(g["vd"])]
            return [_Piece(s, e, "done", value=_duration(None, code), type="DURATION")]
        code, single = self._unit_code(g)
        if not code:
            return []
        if single is not None:
            n, known = single, True
        else:
            n, known = self._count(g)
            one_words = {w.casefold() for w in self.lex["one_words"]}
            if (g["one"] or (g["n"] and g["n"].casefold() in one_words)) and not self.r.duration_one_cue.search(
                    self.text[max(0, s - CUE_WINDOW):s]):
                return []  # "a day", "one day" alone are rarely durations
            if g["n"] and g["n"][0].isdigit() and self.r.bad_year_before.search(self.text[max(0, s - 8):s]):
                return []
            if g["n"] and re.fullmatch(r"1[89]\d\d|20\d\d", g["n"]) and self._weekday_follows(e):
                return []  # "Piala Dunia 2023 hari Minggu (10/9)": a year, then "hari Minggu"
        return [_Piece(s, e, "done", value=_duration(n if known else None, code), type="DURATION", mod=self._apx(g))]

    def _clock(self, g, s, e):
        h = int(g["h"])
        mi = int(g["mi"]) if g["mi"] else 0
        has_cue = bool(g["cw"] or g["suf"] or g["z"] or g["lt"])
        if not has_cue:  # "at 10:30": a cue word and a colon (a point would be a decimal: "at 5.50 dlrs")
            if not (g["mi"] and self.text[g.end("h")] == ":" and self.r.clock_cue_before.search(self.text[max(0, s - CUE_WINDOW):s])):
                return []
        if not g["cw"] and not g["mi"] and not g["suf"]:
            return []  # "10 WIB" alone is too thin
        part = self._part(g["p"])
        zone = self.lex["zones"].get(g["z"]) if g["z"] else None
        first = _hour(h, mi, self.f["clock_suffixes"].get(_key(g["suf"] or g["suf2"] or "")), part)
        if first is None:
            return []
        if g["h2"]:
            second = _hour(int(g["h2"]), int(g["mi2"]), self.f["clock_suffixes"].get(_key(g["suf2"] or "")), part)
            if second is None:
                return []
            return [_Piece(s, g.end("mi"), "clock", clock=first, zone=zone, mod=self._apx(g)),
                    _Piece(g.start("h2"), e, "clock", clock=second, zone=zone)]
        return [_Piece(s, e, "clock", clock=first, zone=zone, mod=self._apx(g))]

    def _fixclock(self, g, s, e):
        hh, mm = (int(x) for x in self.f["fixed_clock"][_key(g["fx"])].split(":"))
        return [_Piece(s, e, "clock", clock=(hh, mm))]

    def _weekday(self, g, s, e):
        word = g["wd"]
        folded = word.casefold()
        if folded in self.r.unit_weekdays and word[0].islower() and not g["pre"]:
            return []  # "minggu" in lower case is a week
        wd = self.r.weekdays.get(folded)
        if wd is None:
            return []
        return [_Piece(s, e, "day", wd=wd, wdshift=self._shift(g))]

    def _daypart(self, g, s, e):
        return [_Piece(s, e, "part", part=self._part(g["p"]))]

    def _monthname(self, g, s, e):
        m = self._month(g["m"])
        if not m:
            return []
        mod = self._mod(g) or self._apx(g)
        if g["y"]:
            y = int(g["y"])
            if not MIN_YEAR <= y <= MAX_YEAR:
                return []
            return [_Piece(s, e, "done", value=f"{y:04d}-{m:02d}", mod=mod)]
        word = g["m"].casefold().rstrip(".")
        rel = self._relyear(g, "r")
        shift = self._shift(g)
        if word in self.r.month_abbr and not (rel is not None or shift is not None):
            return []
        p = _Piece(s, e, "done", mod=mod)
        if self.anchor is None:
            p.value = None if (rel is not None or shift is not None) else f"XXXX-{m:02d}"
        elif rel is not None:
            p.value = f"{self.anchor.year + rel:04d}-{m:02d}"
        elif shift is not None:
            y = self.anchor.year
            if shift == -1:
                y = y if m < self.anchor.month else y - 1
            elif shift == 1:
                y = y if m > self.anchor.month else y + 1
            p.value = f"{y:04d}-{m:02d}"
        else:
            ahead = self._ahead(s)
            y = self.anchor.year
            if ahead and m < self.anchor.month:
                y += 1
            elif not ahead and m > self.anchor.month + 2:
                y -= 1
            p.value = f"{y:04d}-{m:02d}"
        p.needs_cue = not (g["mod"] or g["apx"] or g["shb"] or g["mp"] or g["sha"] or rel is not None)
        return [p]

    def _yearnum(self, g, s, e):
        y = int(g["y"])
        if not g["yp"] and (len(g["y"]) != 4 or not MIN_YEAR <= y <= MAX_YEAR):
            return []
        if g["yp"] and not 1 <= y <= MAX_YEAR:
            return []
        ys, ye = g.start("y"), g.end("y")
        if not g["yp"] and (self.r.bad_year_before.search(self.text[max(0, ys - 16):ys]) or "/" in self.text[ys - 1:ye + 1]
                            or self.r.bad_year_after.match(self.text[ye:ye + 24])):
            return []  # "Rp 2000", "No. 1945", "TPK/2025/PN", "2000 troops" are not years
        p = _Piece(s, e, "done", value=f"{y:04d}", mod=self._mod(g) or self._apx(g))
        p.needs_cue = not (g["yp"] or g["mod"] or g["apx"] or g["yca"] or g["ycs"])
        p.bare_year = p.needs_cue and BARE_YEARS[0] <= y <= BARE_YEARS[1]
        return [p]

    def _after_name(self, start: int) -> bool:
        """The word before ``start`` is capitalised and is no cue word: "Aditya Ramadhan"."""
        prev = re.search(r"(?:^|(?<=[^\w]))(\w[\w'’-]*)\s+$", self.text[max(0, start - 40):start])
        if not prev or not prev.group(1)[0].isupper():
            return False
        word = prev.group(1) + " "
        return not (self.r.cue_before.search(word) or self.r.weekday_cue.search(word) or self.r.holiday_cue.search(word))

    def _ahead(self, start: int) -> bool:
        return bool(self.r.future_cue.search(_sentence_window(self.text, start, FUTURE_WINDOW)))


class _Groups:
    """Named groups of one atom: ``g["wd"]`` reads the group ``<kind>__wd``."""

    __slots__ = ("m", "prefix", "names")

    def __init__(self, m: re.Match, kind: str, names: frozenset[str]):
        self.m = m
        self.prefix = kind + "__"
        self.names = names

    def __getitem__(self, name: str) -> str | None:
        if name not in self.names:
            return None
        return self.m.group(self.prefix + name)

    def start(self, name: str) -> int:
        return self.m.start(self.prefix + name)

    def end(self, name: str) -> int:
        return self.m.end(self.prefix + name)


def _hour(h: int, mi: int, suffix: str | None, part: str | None) -> tuple[int, int] | None:
    if suffix == "pm" and h < 12:
        h += 12
    elif suffix == "am" and h == 12:
        h = 0
    elif suffix is None and part in ("TAF", "TEV") and h < 12:
        h += 12 if h >= 1 else 0
    elif suffix is None and part == "TMI" and h <= 5:
        h += 12
    if part == "TEV" and h == 12:
        h = 24
    if h > 24 or mi > 59 or (h == 24 and mi):
        return None
    return h, mi


def _holiday_value(key: str, year: int) -> str | None:
    d = _holiday_date(key, year)
    if d is None:
        return None
    if key == "ramadan":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _holiday_date(key: str, year: int) -> date | None:
    """The (first) day of a holiday in a year; for Ramadan, its middle (to name its month)."""
    if re.fullmatch(r"\d\d-\d\d", key):
        return _safe_date(year, int(key[:2]), int(key[3:]))
    table = _holiday_dates()
    if key == "ramadan":
        eid = table["eid_al_fitr"].get(str(year))
        return date.fromisoformat(eid) - timedelta(days=15) if eid else None
    if key == "easter":
        gf = table["good_friday"].get(str(year))
        return date.fromisoformat(gf) + timedelta(days=2) if gf else None
    found = table.get(key, {}).get(str(year))
    return date.fromisoformat(found) if found else None


def _holiday_nearest(key: str, anchor: date, ahead: bool, behind: bool) -> str | None:
    cands = [(y, _holiday_date(key, y)) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    cands = [(y, d) for y, d in cands if d]
    if ahead:
        cands = [(y, d) for y, d in cands if d >= anchor - timedelta(days=15)]
    elif behind:
        cands = [(y, d) for y, d in cands if d <= anchor]
    if not cands:
        return None
    y = min(cands, key=lambda c: abs((c[1] - anchor).days))[0]
    return _holiday_value(key, y)


# --------------------------------------------------------------------------- merge and resolve

def _merge(q: _Piece, p: _Piece, gap: str, r: _Rules) -> _Piece | None:
    """Two adjacent pieces that form one expression, or None."""
    if q.kind == "day" and p.kind == "day":
        if (q.wd is not None and q.m is None and q.offset is None and q.clock is None
                and p.wd is None and p.m is not None and re.fullmatch(r"[\s,]*\(?\s*", gap)):
            p.start, p.wd, p.part = q.start, q.wd, p.part or q.part
            return p
        return None
    if q.kind == "day" and p.kind == "part" and q.part is None and q.clock is None and re.fullmatch(r"\s+", gap):
        q.part, q.end = p.part, p.end
        return q
    if q.kind == "day" and p.kind == "clock" and q.clock is None and r.link_gap.match(gap):
        q.clock, q.zone, q.end, q.mod = p.clock, p.zone, p.end, p.mod
        return q
    if q.kind == "clock" and p.kind == "day" and p.clock is None and r.link_gap.match(gap):
        p.clock, p.zone, p.start, p.mod = q.clock, q.zone, q.start, q.mod
        return p
    return None


def _day_value(p: _Piece, anchor: date | None, reader: _Reader) -> tuple[str | None, date | None]:
    """The date a day piece names (ISO string, and the date when fully known)."""
    if p.m is not None and p.d is not None:
        y = p.y
        if y is None and p.yshift is not None:
            y = anchor.year + p.yshift if anchor else None
        if y is None and anchor is not None:
            y = _nearest_year(anchor, p.m, p.d, p.wd)
        if y is None:
            return f"XXXX-{p.m:02d}-{p.d:02d}", None
        d = _safe_date(y, p.m, p.d)
        return (d.isoformat(), d) if d else (None, None)
    if anchor is None:
        return None, None
    if p.d is not None:  # "tanggal 16": the day in the anchor's month, or the nearest month
        y = _nearest_year(anchor, anchor.month, p.d, None) if _safe_date(anchor.year, anchor.month, p.d) else None
        d = _safe_date(y, anchor.month, p.d) if y else None
        return (d.isoformat(), d) if d else (None, None)
    if p.offset is not None:
        d = anchor + timedelta(days=p.offset)
        return d.isoformat(), d
    if p.wd is not None:
        d = _weekday_date(anchor, p.wd, p.wdshift, p.wdshift is None and reader._ahead(p.start))
        return d.isoformat(), d
    return None, None


def _time_suffix(p: _Piece) -> str:
    if p.clock is not None:
        h, mi = p.clock
        return f"T{h:02d}:{mi:02d}" + (p.zone or "")
    if p.part:
        return p.part
    return ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop an unbalanced parenthesis (and the spaces next to it) at either end of a span."""
    span = text[start:end]
    if span.count("(") > span.count(")") and span.startswith("("):
        start += 1
        while start < end and text[start].isspace():
            start += 1
    span = text[start:end]
    if span.count(")") > span.count("(") and not span.endswith(")"):
        opening = re.search(r"\(\s*$", text[max(0, start - 4):start])
        if opening:  # "(16/9) pagi": take the opening parenthesis in
            start -= len(opening.group())
            span = text[start:end]
    if span.count(")") > span.count("(") and span.endswith(")"):
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return start, end


def find_times(doc: Doc, anchor: date | None, pack: LanguagePack) -> list[Timex]:
    """Every temporal expression in ``doc.text`` with its TIMEX3 type and value, in text order, never overlapping."""
    text = doc.text if isinstance(doc, Doc) else str(doc)
    if not text:
        return []
    try:
        r = _rules(pack.code, pack)
    except (KeyError, TypeError, re.error):
        return []
    reader = _Reader(text, anchor, r)
    pieces: list[_Piece] = []
    by_word, digit_kinds, patterns = r.by_word, r.digit_kinds, r.patterns
    done = 0  # atoms never overlap: the scan resumes after the last one
    for tok in TOKEN.finditer(text):
        pos = tok.start()
        if pos < done:
            continue
        word = tok.group()
        kinds = digit_kinds if word[0].isdigit() or word[0] in "'’" else by_word.get(word.casefold())
        if not kinds:
            continue
        found = []
        for kind in kinds:  # most specific first; a rejected atom lets the next one try
            m = patterns[kind].match(text, pos)
            if m is None:
                continue
            try:
                found = reader.pieces(kind, m)
            except (ValueError, KeyError, TypeError, OverflowError):
                found = []
            if found:
                done = m.end()
                break
        for p in found:
            if pieces:
                merged = _merge(pieces[-1], p, text[pieces[-1].end:p.start], r)
                if merged is not None:
                    pieces[-1] = merged
                    continue
            pieces.append(p)
    return _resolve(pieces, text, anchor, reader)


def _resolve(pieces: list[_Piece], text: str, anchor: date | None, reader: _Reader) -> list[Timex]:
    out: list[Timex] = []
    last_end = -1
    last_day: tuple[int, date | None] | None = None  # (end, date) of the latest day-level expression
    for p in pieces:
        try:
            timex, day = _resolve_one(p, text, anchor, reader, last_end, last_day)
        except (ValueError, OverflowError):  # an anchor at the end of the calendar
            continue
        if p.kind == "day":
            last_day = (p.end, day)
        if timex is not None:
            out.append(timex)
            last_end = timex.end
    return out


def _resolve_one(p: _Piece, text: str, anchor: date | None, reader: _Reader, last_end: int,
                 last_day: tuple[int, date | None] | None) -> tuple[Timex | None, date | None]:
    """One piece as a Timex (None when it is dropped), and the day it names."""
    day = None
    if p.kind == "part":
        return None, None
    if p.kind == "day":
        try:
            base, day = _day_value(p, anchor, reader)
        except (ValueError, OverflowError):  # an anchor at the end of the calendar
            base, day = None, None
        suffix = _time_suffix(p)
        value = base + suffix if base and (day or base.startswith("XXXX")) else base
        kind = "TIME" if suffix else "DATE"
    elif p.kind == "clock":  # on the day named earlier in the sentence, else on the anchor
        if last_day and last_day[1] and not re.search(r"[.!?]\s|\n", text[last_day[0]:p.start]):
            on = last_day[1]
        else:
            on = anchor
        value = on.isoformat() + _time_suffix(p) if on else None
        kind = "TIME"
    else:
        if p.needs_cue and not _has_cue(p, text, last_end, reader.r):
            return None, None
        value, kind = p.value, p.type
    start, end = _trim(text, p.start, p.end)
    if end <= start:
        return None, day
    return Timex(text=text[start:end], value=value, type=kind, start=start, end=end, mod=p.mod), day


def _has_cue(p: _Piece, text: str, last_end: int, r: _Rules) -> bool:
    """A bare month or year is a time only in date-like context."""
    if p.bare_year:
        return True
    before = text[max(0, p.start - CUE_WINDOW):p.start]
    if r.cue_before.search(before):
        return True
    if last_end >= 0 and p.start - last_end < 24 and r.chain_gap.match(text[last_end:p.start]):
        return True
    return False
