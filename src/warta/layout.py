"""Source -> Article: the anatomy of a news article.

Headline, dateline (place, agency), body paragraphs, and every trailer or in-body boilerplate line
moved out of the body into its own field: related-article lines, credits, origin agencies, copyright
and rights notices, scraping noise. Labels and phrasings are data (``lang/*/layout.json``,
``outlets/*.toml``, ``agencies.json``); this module says how to apply them.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Iterable

from .lang import LANGUAGES, load_pack
from .read import Source, normalize_date
from .record import Credits, Dateline, Related, Rights

DASH = r"(?:\s*[-–—]+\s*|\s*:\s+)"
URL_RE = re.compile(r"https?://\S+")


@dataclass
class Outlet:
    key: str
    name: str
    language: str
    domains: tuple[str, ...]
    dateline_agencies: tuple[str, ...]


@dataclass
class Article:
    """What layout finds: the article's parts before any language analysis."""

    headline: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    paragraphs: list[str] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    sources: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    rights: Rights = field(default_factory=Rights)
    published: str | None = None
    published_basis: str | None = None
    outlet: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


# ---------------------------------------------------------------- data, loaded once


@cache
def outlets() -> tuple[Outlet, ...]:
    folder = resources.files("warta.outlets")
    found = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".toml"):
            data = tomllib.loads(item.read_text(encoding="utf-8"))
            found.append(
                Outlet(
                    key=item.name[:-5],
                    name=data["name"],
                    language=data.get("language", "id"),
                    domains=tuple(data.get("domains", ())),
                    dateline_agencies=tuple(data.get("dateline_agencies", ())),
                )
            )
    return tuple(found)


@cache
def agencies() -> dict[str, str]:
    """Every printed spelling of a news agency -> its canonical name."""
    data = json.loads(resources.files("warta").joinpath("agencies.json").read_text(encoding="utf-8"))
    spelled = {}
    for canonical, names in data.items():
        if canonical.startswith("_"):
            continue
        for n in [canonical, *names]:
            spelled[n.casefold()] = canonical
    return spelled


@dataclass(frozen=True)
class LayoutRules:
    credit_labels: dict[str, str]
    credit_line: re.Pattern
    credit_lead: tuple[re.Pattern, ...]
    source_line: re.Pattern
    source_inline: tuple[re.Pattern, ...]
    related_line: re.Pattern
    related_glued: re.Pattern
    copyright: tuple[re.Pattern, ...]
    rights_notice: re.Pattern
    ai_reservation: re.Pattern
    noise: re.Pattern
    trailer_split: re.Pattern
    agency_alt: str
    months: dict[str, int]
    weekdays: dict[str, int]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def rules() -> LayoutRules:
    """Merge the layout lexicons of every language: articles mix labels across languages."""
    credit_labels: dict[str, str] = {}
    lead, inline, related, copyright, notice, ai, noise, source_labels = [], [], [], [], [], [], [], []
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for lang in LANGUAGES:
        pack = load_pack(lang)
        lay = pack["layout"]
        credit_labels.update({k.casefold(): v for k, v in lay["credit_labels"].items()})
        lead += lay["credit_lead_patterns"]
        inline += lay["source_inline_patterns"]
        related += lay["related_labels"]
        copyright += lay["copyright_patterns"]
        notice += lay["rights_notice_patterns"]
        ai += lay["ai_reservation_patterns"]
        noise += lay["noise_patterns"]
        source_labels += lay["source_labels"]
        months.update(pack["calendar"]["months"])
        weekdays.update(pack["calendar"]["weekdays"])
    labels = _alt(k for k in credit_labels if k != "by")
    agency_names = set(agencies()) | {a.casefold() for o in outlets() for a in o.dateline_agencies}
    return LayoutRules(
        credit_labels=credit_labels,
        credit_line=re.compile(rf"^(?P<label>{labels})\s*:\s*(?P<names>.*)$", re.I),
        credit_lead=tuple(re.compile(p) for p in lead),
        source_line=re.compile(rf"^(?:{_alt(source_labels)})\s*:\s*(?P<names>.+)$", re.I),
        source_inline=tuple(re.compile(p) for p in inline),
        related_line=re.compile(rf"^(?P<label>{_alt(related)})\s*(?::|\s[-–—]|\.\.\.|»)?\s*(?P<title>.*)$", re.I),
        related_glued=re.compile(rf"(?<=[.!?\"”’])\s*(?=(?:{_alt(related)})\s*:)"),
        copyright=tuple(re.compile(p, re.I) for p in copyright),
        rights_notice=re.compile("|".join(f"(?:{p})" for p in notice), re.I),
        ai_reservation=re.compile("|".join(f"(?:{p})" for p in ai), re.I),
        noise=re.compile("|".join(f"(?:{p})" for p in noise), re.I),
        # A trailer glued to the end of a paragraph by a scraper: "... stabil. Pewarta: X Editor: Y".
        trailer_split=re.compile(
            rf"(?<=\S)\s+(?=(?:{_alt(k.title() for k in credit_labels if k != 'by')}|{_alt(l.title() for l in source_labels)}|Baca [Jj]uga|BACA JUGA|Copyright|COPYRIGHT)\s*(?::|©))"
        ),
        agency_alt=_alt(agency_names | {a.upper() for a in agency_names}),
        months=months,
        weekdays=weekdays,
    )


# ---------------------------------------------------------------- entry point


def parse_article(src: Source) -> Article:
    """The anatomy of one article. Never raises on odd text: oddities become warnings."""
    art = Article(url=src.url, warnings=list(src.warnings))
    text = src.text or ""
    meta_date = None
    if src.html is not None:
        text, html_meta = _html_to_text(src.html)
        art.headline = html_meta.get("title")
        art.url = art.url or html_meta.get("url")
        meta_date = normalize_date(html_meta.get("date"))
        if not text.strip():
            art.warnings.append("no article text found in the HTML page")
    lines = _clean_lines(text, art)
    if src.headline:
        art.headline = src.headline.strip()
        if lines and _norm(lines[0]) == _norm(art.headline):
            lines = lines[1:]
    elif lines and art.headline is None:
        art.headline, lines = _take_headline(lines)
    elif lines and art.headline and _norm(lines[0]) == _norm(art.headline):
        lines = lines[1:]

    body_lines = _classify(lines, art)
    body_lines = _take_dateline(body_lines, art)
    art.outlet = _outlet_name(src, art)
    _inline_sources(body_lines, art)
    art.paragraphs = [p for p in body_lines if p]
    art.sources = list(dict.fromkeys(art.sources))
    if not art.paragraphs:
        art.warnings.append("no body text left after removing boilerplate")

    published, basis = (src.published, "metadata") if src.published else (meta_date, "html-metadata")
    if not published:
        published, basis = infer_published(art)
    art.published, art.published_basis = published, basis if published else None
    return art


# ---------------------------------------------------------------- steps


def _html_to_text(html: str) -> tuple[str, dict]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True, as_dict=True
    )
    if not doc:
        return "", {}
    return doc.get("text") or "", {k: doc.get(k) for k in ("title", "url", "date", "sitename", "author")}


_MD_ESCAPE = re.compile(r"\\([\"'\[\]*_()#\-.!])")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_lines(text: str, art: Article) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u2028", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    markdown = bool(re.match(r"\s*# \S", text))
    if markdown or "**" in text or "\\\"" in text:
        text = _MD_ESCAPE.sub(r"\1", text.replace("**", ""))
    out = []
    seen_body = False
    for raw in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        if not line:
            continue
        if markdown:
            if line.startswith("|") or re.fullmatch(r"[|:\- ]+", line):
                _markdown_table_row(line, art)
                continue
            if re.fullmatch(r"-{3,}|\*{3,}|_{3,}", line) and seen_body:
                art.warnings.append("text after a horizontal rule was left out (not part of the article)")
                break
            line = re.sub(r"^#{1,6}\s+", "", line)
            line = re.sub(r"(?<!\w)\*(\S[^*]*?)\*(?!\w)", r"\1", line)
        seen_body = True
        out.append(line)
    return out


def _markdown_table_row(line: str, art: Article) -> None:
    cells = [c.strip() for c in line.strip("|").split("|")]
    if len(cells) >= 2:
        key, value = cells[0].casefold(), cells[1]
        if key in ("author", "penulis", "reporter") and value:
            art.credits.reporters.extend(_split_names(value))
        elif key == "editor" and value:
            art.credits.editors.extend(_split_names(value))


def _take_headline(lines: list[str]) -> tuple[str | None, list[str]]:
    first = lines[0]
    if len(lines) < 2 or len(first) > 200 or len(first.split()) > 25:
        return None, lines
    if re.search(r"[.!?:;,\"”]$", first) or _match_dateline(first):
        return None, lines
    r = rules()
    if r.related_line.match(first) or r.credit_line.match(first) or r.noise.search(first):
        return None, lines
    if not _match_dateline(lines[1]) and len(lines[1]) < 80 and not re.search(r"[.!?\"”]$", lines[1]):
        # A description or standfirst under a headline also counts as a line of the page head.
        return first, lines[1:]
    return first, lines[1:]


def _classify(lines: list[str], art: Article) -> list[str]:
    """Move every trailer and noise line out of the body; return the body lines."""
    r = rules()
    expanded: list[str] = []
    for line in lines:
        line = r.related_glued.sub("\n", line)
        expanded.extend(p.strip() for p in r.trailer_split.sub("\n", line).split("\n") if p.strip())
    body: list[str] = []
    notices: list[str] = []
    for i, line in enumerate(expanded):
        kind = _trailer_kind(line, art, r, is_last=i == len(expanded) - 1, near_end=i >= len(expanded) - 4)
        if kind == "notice":
            notices.append(line)
        elif kind is None:
            line = _strip_trailing_initials(line, art) if i >= len(expanded) - 3 else line
            if line:
                body.append(line)
    for line in notices:
        if r.ai_reservation.search(line):
            art.rights.ai_use_reserved = True
    if notices:
        art.rights.notice = " ".join(notices)
    return body


def _trailer_kind(line: str, art: Article, r: LayoutRules, *, is_last: bool, near_end: bool) -> str | None:
    if r.noise.search(line):
        return "noise"
    m = r.related_line.match(line)
    if m and (m.group("label").casefold() != "watch" or len(line) < 120):
        label = m.group("label")
        title = m.group("title").strip()
        url = None
        um = URL_RE.search(title)
        if um:
            url = um.group(0).rstrip(").,")
            title = (title[: um.start()] + title[um.end():]).strip(" -–|()")
        art.related.append(Related(label=label, title=title.strip(" \"“”'") or None, url=url))
        return "related"
    for pat in r.copyright:
        cm = pat.match(line)
        if cm:
            art.rights.copyright_holder = _clean_holder(cm.group("holder"))
            art.rights.copyright_year = int(cm.group("year"))
            if r.ai_reservation.search(line):
                art.rights.ai_use_reserved = True
            rest = line[cm.end():].strip(" .")
            if rest:
                art.rights.notice = ((art.rights.notice or "") + " " + rest).strip()
            return "copyright"
    if r.rights_notice.search(line) or (near_end and r.ai_reservation.search(line) and len(line) < 400 and _looks_like_notice(line)):
        return "notice"
    m = r.credit_line.match(line)
    if m and len(m.group("names")) < 200:
        _add_credit(art, m.group("label"), m.group("names"), r)
        return "credit"
    for pat in r.credit_lead:
        m = pat.match(line)
        if m:
            art.credits.reporters.extend(_split_names(m.group("name")))
            return "credit"
    if _reuters_credit(line, art, r):
        return "credit"
    m = r.source_line.match(line)
    if m and len(line) < 150:
        art.sources.extend(_agency_names(m.group("names")))
        return "source"
    if re.fullmatch(rf"\((?:{r.agency_alt})(?:/[A-Za-z]{{1,5}})*\)", line):
        art.sources.extend(_agency_names(line.strip("()").split("/")[0]))
        return "source"
    if near_end and re.fullmatch(r"\(?[a-z]{2,5}(?:/[a-z]{2,5})+\)?", line):
        art.credits.initials.extend(line.strip("()").split("/"))
        return "credit"
    if is_last and re.fullmatch(r"\((?:[A-Z][a-zA-Z'.]+\s?){1,4}\)", line):
        art.credits.editors.append(line.strip("() "))
        return "credit"
    if near_end and (m := re.match(r"^(?:The )?Associated Press (?:writers?|reporters?) (?P<names>.+?) contributed(?: to this report)?\.?$", line)):
        art.credits.reporters.extend(_split_names(re.sub(r"\s+in\s+[A-Z][\w ,]+?(?=,| and |$)", "", m.group("names"))))
        return "credit"
    return None


def _looks_like_notice(line: str) -> bool:
    return bool(re.search(r"dilarang|tanpa izin|without (?:prior )?(?:written )?permission|prohibited|forbidden|reserved|not permitted", line, re.I))


def _clean_holder(holder: str) -> str:
    holder = re.sub(r"(?i)\b(copyright|hak cipta|all rights reserved)\b", "", holder)
    return holder.strip(" ©,.-") or holder.strip()


def _add_credit(art: Article, label: str, names: str, r: LayoutRules) -> None:
    role = r.credit_labels.get(label.casefold(), "reporters")
    getattr(art.credits, role).extend(_split_names(names))


def _reuters_credit(line: str, art: Article, r: LayoutRules) -> bool:
    m = re.fullmatch(r"\((?P<inner>(?:[A-Z][a-z]+(?: [a-z]+)? by [^)]+))\)\.?", line)
    if not m:
        return False
    for part in re.split(r";\s*", m.group("inner")):
        pm = re.match(r"(?P<label>[A-Za-z ]+?) by (?P<names>.+)", part.strip())
        if not pm:
            continue
        label = pm.group("label").strip()
        role = r.credit_labels.get(label.casefold()) or r.credit_labels.get(label.split()[-1].casefold() + " by") or (
            "reporters" if "report" in label.casefold() else "editors" if "edit" in label.casefold() else "writers"
        )
        names = re.sub(r"\s+in\s+[A-Z][\w\- ]*?(?=,|;| and |$)", "", pm.group("names"))
        getattr(art.credits, role).extend(_split_names(names))
    return True


def _split_names(names: str) -> list[str]:
    names = re.sub(r"\s+", " ", names).strip(" .;")
    parts = re.split(r"\s*(?:,|;|/|\||&|\band\b|\bdan\b)\s*", names)
    return [p.strip(" .") for p in parts if p and p.strip(" .") and len(p) < 80]


def _strip_trailing_initials(line: str, art: Article) -> str:
    m = re.search(r"\s*\((?P<ini>[a-z]{2,5}(?:/[a-z]{2,5})+)\)\s*$", line)
    if m:
        art.credits.initials.extend(m.group("ini").split("/"))
        return line[: m.start()].rstrip()
    r = rules()
    m = re.search(rf"\s*\((?P<ag>{r.agency_alt})\)\s*$", line)
    if m:
        art.sources.extend(_agency_names(m.group("ag")))
        return line[: m.start()].rstrip()
    return line


def _agency_names(text: str) -> list[str]:
    known = agencies()
    out = []
    for part in re.split(r"\s*(?:,|;|/|\band\b|\bdan\b)\s*", text.strip(" .")):
        part = part.strip()
        if part:
            out.append(known.get(part.casefold(), part))
    return out


# ---------------------------------------------------------------- dateline


@cache
def _dateline_patterns() -> tuple[re.Pattern, ...]:
    ag = rules().agency_alt
    place = r"[A-Z][A-Za-z\u00C0-\u024F.'’\-]*(?:[ ][A-Za-z\u00C0-\u024F.'’\-]+){0,3}"
    return (
        # Istanbul (ANTARA) -   /  WASHINGTON, Sept 16 (Reuters) -  /  GAZA CITY, Gaza Strip (AP) —
        re.compile(rf"^(?P<place>{place})(?:,\s*(?P<extra>[^()\n]{{2,40}}?))?\s*\((?P<agency>(?:{ag})(?:/[A-Za-z. ]{{2,20}})?)\)\s*[-–—]+\s*"),
        # JAKARTA, KOMPAS.com -  /  Jakarta, CNN Indonesia --
        re.compile(rf"^(?P<place>{place}),\s*(?P<agency>{ag}){DASH}"),
        # REPUBLIKA.CO.ID, JAMBI --  /  Liputan6.com, Jakarta -
        re.compile(rf"^(?P<agency>{ag}),\s*(?P<place>{place}?){DASH}"),
        # Liputan6.com, JakartaKita ...  (a scraper glued the place to the first word)
        re.compile(rf"^(?P<agency>[A-Za-z0-9]+\.com),\s*(?P<place>[A-Z][a-z]+)(?=[A-Z][a-z])"),
        # VIVA.co.id -  /  Merdeka.com -
        re.compile(rf"^(?P<agency>{ag}){DASH}"),
        # Jakarta -  /  JAKARTA–  (detik, Okezone)
        re.compile(rf"^(?P<place>[A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+){{0,2}})\s*[-–—]{{1,2}}\s+(?=[\"“A-Z0-9])"),
    )


def _match_dateline(line: str) -> re.Match | None:
    for pat in _dateline_patterns():
        m = pat.match(line)
        if m:
            return m
    return None


def _take_dateline(lines: list[str], art: Article) -> list[str]:
    for i, line in enumerate(lines[:3]):
        m = _match_dateline(line)
        glued = None
        if not m:
            # A pull-quote glued before the dateline: "...masa depanJakarta (ANTARA) - ..."
            pat = _dateline_patterns()[0]
            glued = re.search(rf"(?<=[a-z.!?\"”’])(?={pat.pattern[1:]})", line)
            if glued:
                m = pat.match(line, glued.end())
        if not m:
            continue
        gd = m.groupdict()
        place = gd.get("place")
        agency = gd.get("agency")
        if agency and "/" in agency:
            agency, *origin = agency.split("/")
            art.sources.extend(_agency_names(" / ".join(origin)))
        if place and place.isupper() and len(place) > 3:
            place = place.title()
        extra = gd.get("extra")
        if extra:
            resolved = _dateline_date(extra)
            if resolved:
                art.dateline.date = resolved
        art.dateline.place = place
        art.dateline.agency = agency.strip() if agency else None
        art.dateline.text = line[m.start():m.end()].strip(" -–—:")
        if glued or (i > 0 and _is_pull_quote(lines[:i])):
            art.warnings.append("a pull-quote before the dateline was removed")
            rest = line[m.end():]
            return [rest, *lines[i + 1:]]
        rest = line[m.end():]
        return [*lines[:i], rest, *lines[i + 1:]]
    return lines


def _is_pull_quote(lines: list[str]) -> bool:
    return all(len(l) < 200 for l in lines)


def _dateline_date(extra: str) -> str | None:
    m = re.match(r"(?P<mon>[A-Za-z]{3,9})\.? (?P<day>\d{1,2})$", extra.strip())
    if m and m.group("mon").casefold() in rules().months:
        return f"--{rules().months[m.group('mon').casefold()]:02d}-{int(m.group('day')):02d}"
    return None


def _outlet_name(src: Source, art: Article) -> str | None:
    if src.outlet:
        return src.outlet
    url = (src.url or art.url or "").casefold()
    agency = (art.dateline.agency or "").casefold()
    for o in outlets():
        if url and any(d in url for d in o.domains):
            return o.name
    for o in outlets():
        if agency and agency in {a.casefold() for a in o.dateline_agencies}:
            return o.name
    return None


def _inline_sources(lines: list[str], art: Article) -> None:
    r = rules()
    known = agencies()
    for line in lines:
        for pat in r.source_inline:
            for m in pat.finditer(line):
                name = m.group("agency").strip(" .,")
                # keep the longest known prefix: "Reuters pada Senin" -> "Reuters"
                words = name.split()
                for k in range(len(words), 0, -1):
                    cand = " ".join(words[:k])
                    if cand.casefold() in known:
                        art.sources.append(known[cand.casefold()])
                        break


# ---------------------------------------------------------------- publication date


def infer_published(art: Article) -> tuple[str | None, str | None]:
    """A cascade of named strategies over the text; the first that finds a date wins."""
    for name, strategy in (("weekday-date", _weekday_date), ("explicit-date", _newest_explicit_date)):
        found = strategy(art)
        if found:
            return found, name
    return None, None


def _stated_years(art: Article) -> list[int]:
    years = []
    if art.rights.copyright_year:
        years.append(art.rights.copyright_year)
    for p in art.paragraphs:
        years.extend(int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", p))
    return years


def _weekday_date(art: Article) -> str | None:
    r = rules()
    wd = _alt(r.weekdays)
    pat = re.compile(rf"\b(?P<wd>{wd})\b,?\s*\(?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\)?", re.I)
    found = []
    for pi, p in enumerate(art.paragraphs):
        for m in pat.finditer(p):
            weekday = r.weekdays[m.group("wd").casefold()]
            d, mo = int(m.group("d")), int(m.group("m"))
            y = m.group("y")
            found.append((pi, weekday, d, mo, int(y) + (2000 if len(y) == 2 else 0) if y else None))
    if not found:
        return None
    dated = [(pi, _safe_date(y, mo, d)) for pi, wdy, d, mo, y in found if y and _safe_date(y, mo, d)]
    dated = [(pi, dt) for pi, dt in dated if dt.isoweekday() == next(w for p2, w, d2, m2, y2 in found if p2 == pi)]
    candidates = list(dict.fromkeys(_stated_years(art)))
    best_year, best_hits = None, 0
    for year in candidates:
        hits = sum(1 for _, wdy, d, mo, y in found if y is None and (dt := _safe_date(year, mo, d)) and dt.isoweekday() == wdy)
        if hits > best_hits:
            best_year, best_hits = year, hits
    if best_year is not None:
        for pi, wdy, d, mo, y in found:
            dt = _safe_date(y or best_year, mo, d)
            if dt and dt.isoweekday() == wdy:
                dated.append((pi, dt))
    if not dated:
        return None
    lead = [dt for pi, dt in dated if pi == 0]
    return (lead[0] if lead else max(dt for _, dt in dated)).isoformat()


def _newest_explicit_date(art: Article) -> str | None:
    r = rules()
    months = _alt(r.months)
    pat = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{months})\.?\s+(?P<y>(?:19|20)\d{{2}})\b|\b(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}}),\s+(?P<y2>(?:19|20)\d{{2}})\b", re.I)
    best = None
    for p in art.paragraphs:
        for m in pat.finditer(p):
            if m.group("d"):
                dt = _safe_date(int(m.group("y")), r.months[m.group("m").casefold()], int(m.group("d")))
            else:
                dt = _safe_date(int(m.group("y2")), r.months[m.group("m2").casefold()], int(m.group("d2")))
            if dt and (best is None or dt > best):
                best = dt
    return best.isoformat() if best else None


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().casefold()
