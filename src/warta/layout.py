"""Source -> Article: the anatomy of a news article.

Headline, dateline (place, agency), body paragraphs, and every trailer or in-body boilerplate line
moved out of the body into its own field: related-article lines, credits, origin agencies, copyright
and rights notices, scraping noise. Labels and phrasings are data (``lang/*/layout.json``,
``outlets/*.toml``, ``agencies.json``); this module says how to apply them.

The steps, in order: clean the text into lines (encoding damage, Markdown, hard wraps, placeholders);
classify every line (trailer, noise, credit, related, rights) and keep the rest; read the page head
(headline, byline, date line, site name); find the dateline; finish the body (closing initials,
Markdown links); name the outlet and the origin agencies; infer the publication date.
"""
from __future__ import annotations

import html as htmllib
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Iterable, Iterator

from .lang import LANGUAGES, load_pack
from .read import Source, normalize_date, repair_mojibake
from .record import Credits, Dateline, Related, Rights

DASH = r"(?:\s*[-–—]+\s*|\s*:\s+)"
URL_RE = re.compile(r"https?://[^\s)\]]+")
MD_LINK = re.compile(r"\[([^\]\n]*)\]\((https?://[^)\s]+)\)")
YEAR = r"(?:19|20)\d{2}"
CREDIT_ROLES = ("reporters", "writers", "translators", "editors", "photographers")


@dataclass
class Outlet:
    key: str
    name: str
    language: str
    domains: tuple[str, ...]
    dateline_agencies: tuple[str, ...]
    agency_patterns: tuple[re.Pattern, ...] = ()
    noise: tuple[re.Pattern, ...] = ()
    notices: tuple[re.Pattern, ...] = ()

    def prints_agency(self, agency: str) -> bool:
        a = agency.strip()
        return a.casefold() in {x.casefold() for x in self.dateline_agencies} or any(p.match(a) for p in self.agency_patterns)


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
    # Clues gathered on the way, not part of the record.
    page_date: str | None = field(default=None, repr=False)  # from a date line or a dated byline
    outlet_hint: str | None = field(default=None, repr=False)  # from a site-name line or outlet boilerplate

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


# ---------------------------------------------------------------- data, loaded once


def _compile_all(patterns: Iterable[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


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
                    agency_patterns=tuple(re.compile(p) for p in data.get("agency_patterns", ())),
                    noise=_compile_all(data.get("noise", ())),
                    notices=_compile_all(data.get("notices", ())),
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
class CreditPattern:
    pattern: re.Pattern
    role: str
    head_only: bool


@dataclass(frozen=True)
class LayoutRules:
    credit_labels: dict[str, str]
    credit_line: re.Pattern
    credit_patterns: tuple[CreditPattern, ...]
    source_line: re.Pattern
    source_line_patterns: tuple[re.Pattern, ...]
    source_inline: tuple[re.Pattern, ...]
    related_line: re.Pattern
    related_inline: re.Pattern
    related_glued: re.Pattern
    copyright_start: re.Pattern
    rights_notice: re.Pattern
    prohibition: re.Pattern
    ai_reservation: re.Pattern
    noise: re.Pattern
    inline_noise: re.Pattern
    trailer_split: re.Pattern
    agency_alt: str
    months: dict[str, int]
    weekdays: dict[str, int]
    date_line_words: str
    glued_places: str


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _any(patterns: Iterable[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.I)


@cache
def rules() -> LayoutRules:
    """Merge the layout lexicons of every language: articles mix labels across languages."""
    credit_labels: dict[str, str] = {}
    credit_patterns: list[CreditPattern] = []
    merged: dict[str, list[str]] = {}
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for lang in LANGUAGES:
        pack = load_pack(lang)
        lay = pack["layout"]
        credit_labels.update({k.casefold(): v for k, v in lay["credit_labels"].items()})
        for item in lay["credit_patterns"]:
            credit_patterns.append(CreditPattern(re.compile(item["pattern"]), item["role"], bool(item.get("head_only"))))
        for key in ("glued_dateline_places", "source_labels", "source_line_patterns", "source_inline_patterns", "related_labels", "inline_related_labels", "copyright_markers",
                    "rights_notice_patterns", "prohibition_patterns", "ai_reservation_patterns", "noise_patterns",
                    "inline_noise_patterns", "date_line_words"):
            merged.setdefault(key, []).extend(lay[key])
        months.update(pack["calendar"]["months"])
        weekdays.update(pack["calendar"]["weekdays"])
    labels = _alt(credit_labels)
    related = _alt(merged["related_labels"])
    outlet_noise = [p.pattern for o in outlets() for p in (*o.noise, *o.notices)]
    # Agencies as printed in datelines: known spellings, outlet spellings, and any site domain ("Suara.com").
    agency_names = set(agencies()) | {a for o in outlets() for a in o.dateline_agencies}
    agency_alt = rf"(?i:{_alt(agency_names)}|[A-Za-z][A-Za-z0-9\-]*\.(?:com|co\.id|co|id|net))"
    split_labels = _alt(k.title() for k in credit_labels) + "|" + _alt(l.title() for l in merged["source_labels"])
    # Never split inside a label of several words: "Pewarta Foto:", "Alih bahasa:".
    label_heads = {k.split()[0] for k in credit_labels if " " in k}
    no_split_after = "".join(f"(?<!{re.escape(w)})" for h in label_heads for w in {h, h.title(), h.upper()})
    return LayoutRules(
        credit_labels=credit_labels,
        credit_line=re.compile(rf"^(?P<label>{labels})\s*:\s*(?P<names>.*)$", re.I),
        credit_patterns=tuple(credit_patterns),
        source_line=re.compile(rf"^(?:{_alt(merged['source_labels'])})\s*:\s*(?P<names>.+)$", re.I),
        source_line_patterns=_compile_all(merged["source_line_patterns"]),
        source_inline=tuple(re.compile(p) for p in merged["source_inline_patterns"]),
        # "Baca juga: title", "Lihat Juga :", "BACA JUGA", "Related News - title", "Baca juga [title](url)".
        related_line=re.compile(rf"^(?P<label>{related})(?:\s*(?P<sep>:|[-–—]|\.\.\.|»)\s*|\s+|$)(?P<title>.*)$", re.I),
        # "(Baca: title)" inside a paragraph (Kompas); the label needs the colon.
        related_inline=re.compile(rf"\s*\((?P<label>{_alt(merged['inline_related_labels'])})\s*:\s*(?P<title>[^()]{{5,200}})\)", re.I),
        related_glued=re.compile(rf"(?<=[.!?\"”’])\s*(?=(?:{related})\s*:)"),
        copyright_start=re.compile(rf"^(?:{_alt(merged['copyright_markers'])})(?=[\s\d©(]|$)", re.I),
        rights_notice=_any(merged["rights_notice_patterns"]),
        prohibition=_any(merged["prohibition_patterns"]),
        ai_reservation=_any(merged["ai_reservation_patterns"]),
        noise=_any(merged["noise_patterns"] + outlet_noise),
        inline_noise=_any(merged["inline_noise_patterns"]),
        # A trailer glued to the end of a paragraph by a scraper: "... stabil. Pewarta: X Editor: Y".
        # ... also with no space after the sentence's full stop: "... juara.Editor: Y".
        trailer_split=re.compile(rf"(?:(?<=\S){no_split_after}\s+|(?<=[a-z][.!?\"”]))(?=(?:{split_labels}|Baca [Jj]uga|BACA JUGA|Copyright|COPYRIGHT)\s*(?::|©))"),
        agency_alt=agency_alt,
        months=months,
        weekdays=weekdays,
        date_line_words=_alt(merged["date_line_words"]),
        glued_places=_alt(merged["glued_dateline_places"]) or r"(?!x)x",
    )


# ---------------------------------------------------------------- entry point


def parse_article(src: Source) -> Article:
    """The anatomy of one article. Never raises on odd text: oddities become warnings."""
    art = Article(url=src.url, warnings=list(src.warnings))
    text = src.text or ""
    meta: dict = {}
    if src.html is not None:
        text, meta = _html_to_text(src.html, art)
        art.url = art.url or meta.get("url")
        if not text.strip():
            art.warnings.append("no article text found in the HTML page")
    text, repaired = repair_mojibake(text)
    if _ENTITY.search(text):  # a scraper kept the page's character references: "&#039;", "&amp;"
        text = htmllib.unescape(text)
    if repaired:
        art.warnings.append("repaired characters that had been decoded with the wrong encoding (mojibake)")
    lines = _clean_lines(text, art)
    lines = _classify(lines, art)
    lines = _take_head(lines, art, src.headline or meta.get("title"))
    lines = _take_dateline(lines, art)
    lines = _finish_body(lines, art)
    art.paragraphs = [p for p in lines if p]
    art.outlet = _outlet_name(src, art)
    art.sources.extend(_own_agency_removed(_inline_sources(art), art))
    art.sources = list(dict.fromkeys(art.sources))
    for role in CREDIT_ROLES:
        names = getattr(art.credits, role)
        names[:] = list(dict.fromkeys(names))
    if not art.paragraphs:
        art.warnings.append("no body text left after removing boilerplate")

    given = _date_in(src.published_text) if src.published_text else None
    if src.published_text and not given:
        art.warnings.append(f"could not read the given publication date {src.published_text[:40]!r}")
    if src.published or given:
        published, basis = src.published or given, "metadata"
    elif meta.get("date"):
        published, basis = normalize_date(meta["date"]), "html-metadata"
    else:
        published, basis = infer_published(art)
    art.published, art.published_basis = published, basis if published else None
    return art


# ---------------------------------------------------------------- HTML pages


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"(?i)<(?:/p|/div|/li|/h\d|/td|/tr|br\s*/?|/footer|/section|/article)>")
_SCRIPT = re.compile(r"(?is)<(script|style|noscript)\b.*?</\1>")


def _html_to_text(html: str, art: Article) -> tuple[str, dict]:
    """Main text (trafilatura, with links kept as Markdown) and page metadata of a saved page.

    Trafilatura leaves out what it takes for page furniture; two things there still belong to the
    article: related-article links (often in a box of their own) and the page's rights notice.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                          include_links=True, favor_recall=True)
    except Exception as err:  # noqa: BLE001 - a page trafilatura cannot read is still an input, not a crash
        art.warnings.append(f"could not extract the page text ({type(err).__name__})")
        doc = None
    meta: dict = {}
    text = ""
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = data.get("text") or ""
        meta = {k: data.get(k) for k in ("title", "url", "date", "sitename", "author")}
    page_lines = _page_lines(html)
    _page_related(page_lines, text, art)
    _page_rights(page_lines, art)
    if meta.get("author") and not re.search(r"https?://|@", meta["author"]):
        art.credits.writers.extend(_split_names(meta["author"]))
    return text, meta


def _page_lines(html: str) -> list[str]:

    body = _SCRIPT.sub(" ", html)
    body = re.sub(r"""(?is)<a\b[^>]*href=["']([^"']+)["'][^>]*>(.*?)</a>""", lambda m: f"[{_TAG.sub('', m.group(2)).strip()}]({m.group(1)})", body)
    body = _BLOCK_END.sub("\n", body)
    text = htmllib.unescape(_TAG.sub(" ", body))
    return [re.sub(r"\s+", " ", line).strip() for line in text.split("\n") if line.strip()]


def _page_related(page_lines: list[str], text: str, art: Article) -> None:
    """Related links the main-text extractor dropped: 'Baca juga: [title](url)' anywhere in the page."""
    r = rules()
    for line in page_lines:
        m = r.related_line.match(line)
        if m and MD_LINK.search(m.group("title") or "") and MD_LINK.sub(r"\1", line) not in text and line not in text:
            _add_related(art, m.group("label"), m.group("title"))


def _page_rights(page_lines: list[str], art: Article) -> None:
    r = rules()
    for line in page_lines[-40:]:
        if r.ai_reservation.search(line) and r.prohibition.search(line) and len(line) < 400:
            art.rights.ai_use_reserved = True
            art.rights.notice = art.rights.notice or line


# ---------------------------------------------------------------- cleaning


_MD_ESCAPE = re.compile(r"\\([\"'\[\]*_()#\-.!<>])")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")


def _clean_lines(text: str, art: Article) -> list[str]:
    r = rules()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u2028", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    markdown = bool(re.match(r"\s*#{1,6}\s+\S", text) or re.search(r"(?m)^\|[-:| ]{3,}\|\s*$", text))
    if markdown or "**" in text or "\\\"" in text or "\\[" in text:
        text = _MD_ESCAPE.sub(r"\1", text.replace("**", ""))
    raw_lines = text.split("\n")
    if _hard_wrapped(raw_lines):
        raw_lines = _unwrap(raw_lines)
    out = []
    seen_body = False
    for raw in raw_lines:
        line = r.inline_noise.sub(" ", raw)
        for m in r.related_inline.finditer(line):
            _add_related(art, m.group("label"), m.group("title"))
        line = r.related_inline.sub("", line)
        line = re.sub(r"[ \t]+", " ", line).strip()
        line = re.sub(r"(?:\s*\\)+$", "", line)  # Markdown hard line breaks
        if not line:
            continue
        if _MD_IMAGE.match(line):
            continue
        if markdown:
            if re.fullmatch(r"-{3,}|\*{3,}|_{3,}", line) and seen_body:
                art.warnings.append("text after a horizontal rule was left out (not part of the article)")
                break
            if line.startswith("|") or re.fullmatch(r"[|:\- ]+", line):
                _markdown_table_row(line, art)
                continue
            line = re.sub(r"^#{1,6}(?:\s+|$)", "", line)
            if not line:
                continue
            line = re.sub(r"(?<!\w)\*(\S[^*]*?)\*(?!\w)", r"\1", line)
        seen_body = seen_body or len(line) > 80
        out.append(line)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (old wires, e-mail): most lines 40-80 characters, none much longer."""
    filled = [l.rstrip() for l in lines if l.strip()]
    if len(filled) < 3 or len(filled) < 5 and not any(re.match(r"\s{2,}\S", l) for l in filled):
        return False
    wrapped = sum(1 for l in filled if 40 <= len(l) <= 80)
    return max(len(l) for l in filled) <= 100 and wrapped / len(filled) >= 0.6


def _unwrap(lines: list[str]) -> list[str]:
    """Join wrapped lines; an indented line or a blank line starts a new paragraph."""
    out: list[str] = []
    joinable = False
    for line in lines:
        if not line.strip():
            out.append("")
            joinable = False
        elif joinable and not line[:1].isspace():
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
            joinable = True
    return out


def _markdown_table_row(line: str, art: Article) -> None:
    """A metadata table of a converted page: '| 👤 Author | Name |'."""
    cells = [c.strip() for c in line.strip("|").split("|")]
    if len(cells) >= 2 and cells[1]:
        key = re.sub(r"[^\w ]", "", cells[0]).strip().casefold()
        role = rules().credit_labels.get(key)
        if role:
            getattr(art.credits, role).extend(_split_names(cells[1]))


# ---------------------------------------------------------------- trailers and boilerplate


def _classify(lines: list[str], art: Article) -> list[str]:
    """Move every trailer and noise line out of the body; return the body lines."""
    r = rules()
    expanded: list[str] = []
    for line in lines:
        if ":" not in line and "©" not in line:  # every glued trailer has a label with a colon
            expanded.append(line)
            continue
        line = r.related_glued.sub("\n", line)
        for part in line.split("\n"):
            part = part.strip()
            if not part:
                continue
            rm = r.related_line.match(part)
            if rm and r.credit_line.match(rm.group("title")):  # "Baca juga:  Pewarta: X": an empty link, then the credits
                expanded.extend(p.strip() for p in (part[:rm.start("title")], *r.trailer_split.sub("\n", rm.group("title")).split("\n")) if p.strip())
            elif rm:
                expanded.append(part)
            else:
                expanded.extend(p.strip() for p in r.trailer_split.sub("\n", part).split("\n") if p.strip())
    body: list[str] = []
    notices: list[str] = []
    i = 0
    while i < len(expanded):
        line = expanded[i]
        kind = _trailer_kind(line, art, r, head=len(body) < 4, near_end=i >= len(expanded) - 4, is_last=i == len(expanded) - 1)
        if kind == "related-heading":
            i = _take_related_list(expanded, i, art, r)
            continue
        if kind == "notice":
            notices.append(line)
        elif kind is None:
            body.append(line)
        i += 1
    for line in notices:
        if r.ai_reservation.search(line):
            art.rights.ai_use_reserved = True
    if notices:
        art.rights.notice = " ".join([*([art.rights.notice] if art.rights.notice else []), *notices])
    return body


def _trailer_kind(line: str, art: Article, r: LayoutRules, *, head: bool, near_end: bool, is_last: bool) -> str | None:
    plain = MD_LINK.sub(r"\1", line)  # judged on the text a reader sees; related lines keep their links
    if r.noise.search(plain):
        _note_outlet_boilerplate(plain, art)
        return "noise"
    m = r.related_line.match(line)
    if m and _is_related(m):
        if not m.group("title").strip():
            return "related-heading"
        _add_related(art, m.group("label"), m.group("title"))
        return "related"
    line = plain
    if r.copyright_start.match(line) and _take_copyright(line, art, r):
        return "copyright"
    if r.rights_notice.search(line) or (r.ai_reservation.search(line) and r.prohibition.search(line) and len(line) < 400):
        _note_outlet_boilerplate(line, art)
        return "notice"
    m = r.credit_line.match(line)
    if m and len(m.group("names")) < 200:
        _add_credit(art, m.group("label"), m.group("names"), r)
        return "credit"
    for cp in r.credit_patterns:
        if cp.head_only and not head:
            continue
        m = cp.pattern.match(line)
        if m:
            getattr(art.credits, cp.role).extend(_split_names(m.group("names")))
            if "date" in m.groupdict() and m.group("date"):
                art.page_date = art.page_date or normalize_date(m.group("date"))
            return "credit"
    if _wire_credit(line, art, r):
        return "credit"
    m = r.source_line.match(line)
    if m and len(line) < 150:
        art.sources.extend(_agency_names(m.group("names")))
        return "source"
    for pat in r.source_line_patterns:
        m = pat.match(line)
        if m:
            art.sources.extend(_agency_names(m.group("agency")))
            return "source"
    if re.fullmatch(rf"\((?:{r.agency_alt})(?:/[A-Za-z]{{1,5}})*\)", line):
        art.sources.extend(_agency_names(line.strip("()").split("/")[0]))
        return "source"
    if near_end and (m := re.fullmatch(r"[(\[]?(?P<ini>[a-z]{2,5}(?:-[a-z]{2,5})?(?:/[a-z]{2,5}(?:-[a-z]{2,5})?)+)[)\]]?(?:\s+\((?P<ag>[A-Za-z]{2,8}(?:,\s*[A-Za-z]{2,8})*)\))?", line)):
        art.credits.initials.extend(m.group("ini").split("/"))
        if m.group("ag"):
            art.sources.extend(_agency_names(m.group("ag")))
        return "credit"
    if is_last and re.fullmatch(r"[(\[][a-z]{2,5}[)\]]", line):
        art.credits.initials.append(line[1:-1])
        return "credit"
    if is_last and re.fullmatch(r"\((?:[A-Z][a-zA-Z'.]+\s?){1,4}\)", line) and line.strip("() ").casefold() not in agencies():
        art.credits.editors.append(line.strip("() "))  # Okezone's closing editor: '(Name)'
        return "credit"
    return None


def _is_related(m: re.Match) -> bool:
    """A label opens a related line when a separator follows, or nothing, or a title (no sentence)."""
    title = m.group("title").strip()
    if m.group("sep") or not title:
        return True
    return len(title) <= 160 and not re.search(r"[.,;:]$", title) or bool(MD_LINK.match(title) or URL_RE.search(title))


def _take_related_list(lines: list[str], i: int, art: Article, r: LayoutRules) -> int:
    """A bare label ('Baca Juga', 'Lihat Juga :') and the title lines under it; none means the scraper dropped it."""
    label = r.related_line.match(lines[i]).group("label")
    j = i + 1
    while j < len(lines) and j - i <= 5 and _title_like(lines[j], r):
        _add_related(art, label, lines[j])
        j += 1
    if j == i + 1:
        art.related.append(Related(label=label, title=None, url=None))
    return j


def _title_like(line: str, r: LayoutRules) -> bool:
    if MD_LINK.fullmatch(line):
        return True
    if len(line) > 160 or len(line.split()) < 2 or re.search(r"[.,;:\"”’'»]$", line):
        return False
    if r.noise.search(line) or r.related_line.match(line) or r.credit_line.match(line) or r.copyright_start.match(line):
        return False
    return _match_dateline(line) is None


_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|amp|quot|apos|lt|gt|nbsp);")


def _add_related(art: Article, label: str, title: str) -> None:
    title = title.strip()
    url = None
    if lm := MD_LINK.search(title):
        url = lm.group(2)
        title = (title[: lm.start()] + lm.group(1) + title[lm.end():]).strip()
    elif um := URL_RE.search(title):
        url = um.group(0).rstrip(").,")
        title = (title[: um.start()] + title[um.end():]).strip()
    title = re.sub(r"\s*[-–|]\s*$|\(\s*\)$", "", title).strip()
    art.related.append(Related(label=label, title=title.strip(" \"“”'") or None, url=url))


def _note_outlet_boilerplate(line: str, art: Article) -> None:
    """Outlet-specific boilerplate names the outlet when nothing else does."""
    if art.outlet_hint:
        return
    for o in outlets():
        if any(p.search(line) for p in (*o.noise, *o.notices)):
            art.outlet_hint = o.name
            return


def _take_copyright(line: str, art: Article, r: LayoutRules) -> bool:
    """'Copyright © ANTARA 2025', 'COPYRIGHT © 2025 ANTARA', 'Copyright 2008 - 2025 PT. X. All Rights Reserved.',
    '© Agence France-Presse', 'Copyright 2025 The Associated Press. All rights reserved. This material ...'."""
    rest = r.copyright_start.sub("", line, count=1)
    while (m := r.copyright_start.match(rest.strip())) and rest.strip():
        rest = rest.strip()[m.end():]
    rest = rest.strip(" :,")
    ym = re.search(rf"(?P<y1>{YEAR})(?:\s*[-–]\s*(?P<y2>{YEAR}))?", rest)
    if ym:
        before, after = rest[: ym.start()].strip(" ,.-"), rest[ym.end():].strip(" ,")
        year = int(ym.group("y2") or ym.group("y1"))
    else:
        before, after, year = "", rest, None
    holder, notice = (before, after) if before else _holder_and_notice(after, r)
    if not holder and year is None:
        return False
    holder = re.sub(r"(?i)\b(?:copyright|hak cipta)\b", "", holder).strip(" ©,.-") or None
    if holder and len(holder) > 120:
        return False
    if art.rights.copyright_holder is None and art.rights.copyright_year is None:
        art.rights.copyright_holder, art.rights.copyright_year = holder, year
    notice = notice.strip(" .")
    if notice and not before:
        art.rights.notice = f"{art.rights.notice} {notice}".strip() if art.rights.notice else notice
        if r.ai_reservation.search(notice):
            art.rights.ai_use_reserved = True
    return True


def _holder_and_notice(text: str, r: LayoutRules) -> tuple[str, str]:
    """Split 'The Associated Press. All rights reserved. ...' into the holder and the notice after it."""
    for m in re.finditer(r"\.\s+", text):
        tail = text[m.end():]
        if r.rights_notice.match(tail) or r.prohibition.search(tail[:60]):
            return text[: m.start()].strip(), tail
    return text.strip(" ."), ""


def _add_credit(art: Article, label: str, names: str, r: LayoutRules) -> None:
    role = r.credit_labels.get(label.casefold(), "reporters")
    getattr(art.credits, role).extend(_split_names(names))


def _wire_credit(line: str, art: Article, r: LayoutRules) -> bool:
    """'(Reporting by X in Jakarta; Additional reporting by Y; Editing by Z and W)'."""
    m = re.fullmatch(r"\((?P<inner>[A-Z][a-z]+(?: [a-z]+)? by [^)]+)\)\.?", line)
    if not m:
        return False
    for part in re.split(r";\s*", m.group("inner")):
        pm = re.match(r"(?P<label>[A-Za-z ]+?) by (?P<names>.+)", part.strip())
        if not pm:
            continue
        label = pm.group("label").strip().casefold()
        role = r.credit_labels.get(label) or r.credit_labels.get(f"{label} by") or (
            "reporters" if "report" in label else "editors" if "edit" in label else "writers"
        )
        getattr(art.credits, role).extend(_split_names(pm.group("names")))
    return True


def _split_names(names: str) -> list[str]:
    names = re.sub(r"\s+", " ", names).strip(" .;")
    names = re.sub(r"\s+in\s+[A-Z][\w\-' ]*?(?=\s*(?:,|;|\band\b|$))", "", names)  # "X in Jakarta"
    parts = re.split(r"\s*(?:,|;|/|\||&|\band\b|\bdan\b)\s*", names)
    out = []
    for p in parts:
        p = p.strip(" .")
        if not p or len(p) >= 80:
            continue
        if p.isupper() and len(p) > 4:
            p = p.title()
        out.append(p)
    return out


def _agency_names(text: str) -> list[str]:
    known = agencies()
    out = []
    for part in re.split(r"\s*(?:,|;|/|\band\b|\bdan\b)\s*", text.strip(" .")):
        part = part.strip()
        if part:
            out.append(known.get(part.casefold(), part))
    return out


# ---------------------------------------------------------------- page head


def _take_head(lines: list[str], art: Article, given_headline: str | None) -> list[str]:
    """Headline, date line, site-name line at the top of the text."""
    if given_headline:
        art.headline = re.sub(r"\s+", " ", given_headline).strip()
        if lines and _norm(lines[0]) == _norm(art.headline):
            lines = lines[1:]
    elif lines and _headline_like(lines):
        art.headline, lines = lines[0], lines[1:]
    if art.headline:
        art.headline = _strip_site_suffix(art.headline, art)
    head, rest = [], list(lines)
    while rest and len(head) < 6:
        line = rest[0]
        if (d := _date_line(line)) is not None:
            art.page_date = art.page_date or d
        elif _match_dateline(line) or len(line) > 200:
            break
        elif site := _site_name(line):
            art.outlet_hint = art.outlet_hint or site
        else:
            head.append(line)
        rest.pop(0)
    return head + rest


def _headline_like(lines: list[str]) -> bool:
    first = lines[0]
    if len(lines) < 2 or len(first) > 200 or not 3 <= len(first.split()) <= 25:
        return False
    if _match_dateline(first) or _date_line(first) or _site_name(first):
        return False
    if re.search(r"[.,;:\"”]$|[.!?]\s+[A-Z]", first):  # a sentence, or two
        return False
    second_is_head = bool(_match_dateline(lines[1]) or _date_line(lines[1]))
    # A question or exclamation is a headline when a full paragraph follows it, not when it opens a quote.
    question_head = first[0] not in "\"“'‘" and len(lines[1]) > 150
    return second_is_head or question_head or not re.search(r"[!?]$", first)


def _strip_site_suffix(headline: str, art: Article) -> str:
    """A page title's site name: "Judul berita - ANTARA News", "Headline | Kompas.com"."""
    m = re.match(r"^(?P<head>.+?)\s+[-|–—]\s+(?P<site>[^-|–—]{2,40})$", headline)
    if not m:
        return headline
    site = m.group("site").strip()
    name = _site_name(site) or _site_name(re.sub(r"\s+(?:News|Online|Indonesia)$", "", site, flags=re.I))
    if not name:
        return headline
    art.outlet_hint = art.outlet_hint or name
    return m.group("head").strip()


@cache
def _site_names() -> dict[str, str]:
    """Every printed name of a known outlet (name, domain, dateline spelling) -> its name."""
    names = {}
    for o in outlets():
        for n in (o.name, *o.domains, *o.dateline_agencies):
            names.setdefault(n.casefold(), o.name)
    return names


def _site_name(line: str) -> str | None:
    return _site_names().get(line.strip().casefold())


@cache
def _date_pattern() -> str:
    mon = rf"(?<![A-Za-z])(?:{_alt(rules().months)})(?![A-Za-z])"
    return rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{mon})\.?\s+(?P<y1>{YEAR})|(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>{YEAR})|(?P<d3>\d{{1,2}})[/.\-](?P<m3>\d{{1,2}})[/.\-](?P<y3>{YEAR})|(?P<y4>{YEAR})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}}))"


@cache
def _date_line_pattern() -> re.Pattern:
    r = rules()
    wd, d = _alt(r.weekdays), _date_pattern()
    t = r"(?:(?:pukul\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:WIB|WITA|WIT|GMT|UTC|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST)(?:\s*[+\-]\s*\d{1,2}(?::?\d{2})?)?)?)"
    site = r"(?:[A-Za-z][\w\-]*(?:\.[A-Za-z]+)+\s*[-–|]\s*)"
    return re.compile(
        rf"^{site}?(?:(?:{r.date_line_words})\s*:?\s*)?(?:{t}\s*[,|-]?\s*)?(?:(?:{wd})\s*,?\s*)?{d}(?:\s*[,|-]?\s*{t})?\s*$",
        re.I,
    )


def _date_line(line: str) -> str | None:
    """A line that is only a date (and time): 'Selasa, 16 Sep 2025 09:12 WIB', 'Kompas.com - 04/03/2025, 08:15 WIB'."""
    if len(line) > 90 or not re.search(r"\d", line):
        return None
    m = _date_line_pattern().match(line)
    return _date_of(m.groupdict()) if m else None


def _date_in(text: str) -> str | None:
    """The first date anywhere in a metadata string (", Jurnalis-Rabu, 18 Juni 2025 |10:05 WIB")."""
    m = re.search(_date_pattern(), text, re.I)
    return _date_of(m.groupdict()) if m else None


def _date_of(g: dict) -> str | None:
    months = rules().months
    try:
        if g["d1"]:
            dt = date(int(g["y1"]), months[g["m1"].casefold()], int(g["d1"]))
        elif g["m2"]:
            dt = date(int(g["y2"]), months[g["m2"].casefold()], int(g["d2"]))
        elif g["d3"]:
            a, b = int(g["d3"]), int(g["m3"])
            day, month = (a, b) if b <= 12 else (b, a)  # day first, as Indonesian and most sites print it
            dt = date(int(g["y3"]), month, day)
        else:
            dt = date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    except (ValueError, KeyError):
        return None
    return dt.isoformat()


# ---------------------------------------------------------------- dateline


@cache
def _dateline_patterns() -> tuple[re.Pattern, ...]:
    r = rules()
    ag = r.agency_alt
    mon = _alt(r.months)
    # Capitalised words, with the particles of place names: "Deir al-Balah", "Rio de Janeiro".
    place = r"[A-Z][A-Za-z\u00C0-\u024F.'’\-]*(?:[ ](?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F.'’\-]*|(?:de|da|do|del|di|al|el|la|le|van|von|bin)(?:-[A-Za-z]+)?)){0,3}"
    upper_place = r"[A-Z][A-Z\u00C0-\u00DE.'’\-]+(?:[ ][A-Z\u00C0-\u00DE.'’\-]+){0,3}"
    upper_site = r"[A-Z][A-Z0-9\-]*\.(?:COM|CO\.ID|CO|ID)"  # TRIBUNNEWS.COM, REPUBLIKA.CO.ID
    return (
        # Istanbul (ANTARA) -   /  WASHINGTON, Sept 16 (Reuters) -  /  GAZA CITY, Gaza Strip (AP) —
        re.compile(rf"^(?P<place>{place})(?:,\s*(?P<extra>[^()\n]{{2,40}}?))?\s*\((?P<agency>{ag}(?:/[A-Za-z. ]{{2,20}})?)\)\s*[-–—]+\s*"),
        # JAKARTA, KOMPAS.com -  /  Jakarta, CNN Indonesia --  /  Semarang, detikJateng -
        re.compile(rf"^(?P<place>{place}),\s*(?P<agency>{ag}){DASH}"),
        # REPUBLIKA.CO.ID, JAMBI --  /  Liputan6.com, Jakarta -  /  REPUBLIKA.CO.ID, TANJUNG LESUNG, BANTEN --
        re.compile(rf"^(?P<agency>{ag}),\s*(?P<place>{place}?)(?:,\s*[A-Z][A-Za-z.'’\- ]{{2,30}}?)?{DASH}"),
        # TRIBUNNEWS.COM, JAKARTA Ribuan ...  (a scraper lost the dash; the place is in capitals)
        re.compile(rf"^(?P<agency>{upper_site}),\s*(?P<place>{upper_place})\s+(?=[A-Z][a-z])"),
        # Liputan6.com, JakartaKita ...  /  Liputan6.com, Jakartasensual ...  (the place glued to the first word)
        re.compile(r"^(?P<agency>[A-Za-z0-9]+\.com),\s*(?P<place>[A-Z][a-z]+)(?=[A-Z\"“])"),
        re.compile(rf"^(?P<agency>[A-Za-z0-9]+\.com),\s*(?P<place>{r.glued_places})(?=[a-z])"),
        # VIVA.co.id -  /  Merdeka.com -
        re.compile(rf"^(?P<agency>{ag}){DASH}"),
        # (the patterns above may also be found glued in the middle of a line)
        # TRIBUNNEWS.COM.SURABAYA,  /  TRIBUNNEWS.COM.JAKARTA-
        re.compile(rf"^(?P<agency>[A-Z][A-Z0-9\-]*\.(?:COM|CO\.ID))\.(?P<place>{upper_place})\s*(?:,|[-–—]+)\s*"),
        # TRIBUNNEWS.COM Lupakan ...  /  REPUBLIKA.CO.ID, Gula biasa ...  (no place, the dash lost)
        re.compile(rf"^(?P<agency>{upper_site})\s+(?=[A-Z\"“])"),
        re.compile(rf"^(?P<agency>{ag}),\s*(?=[A-Z\"“])"),
        # TOKYO, March 3 -  /  PORTLAND, Ore., Feb 26 -   (the wire without an agency)
        re.compile(rf"^(?P<place>{place})(?:,?\s*[A-Z][A-Za-z.]{{1,15}}(?: [A-Z][A-Za-z.]*)?)?,\s*(?P<extra>(?i:{mon})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{mon}))\s*[-–—]+\s*"),
        # Jakarta -  /  JAKARTA–  (detik, Okezone)
        re.compile(r"^(?P<place>[A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+){0,2})\s*[-–—]{1,2}\s+(?=[\"“A-Z0-9])"),
        re.compile(r"^(?P<place>[A-Z]{3,}(?: [A-Z]{2,}){0,2})\s*[–—]\s*(?=[\"“A-Z0-9])"),
    )


_GLUED_PATTERNS = 7  # the first patterns name an agency: safe to look for in the middle of a line


def _match_dateline(line: str) -> re.Match | None:
    for pat in _dateline_patterns():
        m = pat.match(line)
        if m:
            return m
    return None


def _glued_datelines(line: str) -> Iterator[tuple[int, re.Match]]:
    """Datelines in the middle of a line: after a pull-quote ('...masa depanJakarta (ANTARA) - ') or a
    lead credit ('Laporan Wartawan Tribun Jateng, Name TRIBUNNEWS.COM, REMBANG - ')."""
    for pos in (m.start() for m in re.finditer(r"(?<=[a-z.!?\"”’ ])(?=[A-Z])", line)):
        if pos == 0:
            continue
        for pat in _dateline_patterns()[:_GLUED_PATTERNS]:
            m = pat.match(line[pos:])
            if m and m.group("agency"):
                yield pos, m
                break


_STANDALONE_PLACE = re.compile(r"^[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][A-Za-z.'’\- ]{2,30})?$")


def _take_dateline(lines: list[str], art: Article) -> list[str]:
    r = rules()
    for i, line in enumerate(lines[:3]):
        m = _match_dateline(line)
        if not m:
            for start, glued in _glued_datelines(line):
                if _credit_prefix(line[:start].strip(), art, r):
                    m, line = glued, line[start:]
                    break
                if line[start - 1] != " ":  # glued without a space: a pull-quote of the page
                    art.warnings.append("a pull-quote glued before the dateline was removed")
                    m, line = glued, line[start:]
                    break
        if not m:
            if _STANDALONE_PLACE.match(line) and i + 1 < len(lines) and len(lines[i + 1]) > 60:
                art.dateline.place = _place_case(line.split(",")[0])
                art.dateline.text = line
                return [*lines[:i], *lines[i + 1:]]
            continue
        gd = m.groupdict()
        place, agency = gd.get("place"), gd.get("agency")
        if agency and "/" in agency:
            agency, *origin = agency.split("/")
            art.sources.extend(_agency_names(" / ".join(origin)))
        if gd.get("extra"):
            art.dateline.date = _dateline_date(gd["extra"])
        art.dateline.place = _place_case(place) if place else None
        art.dateline.agency = agency.strip() if agency else None
        art.dateline.text = line[m.start():m.end()].strip(" -–—:")
        rest = line[m.end():]
        before = lines[:i]
        if before and all(len(b) < 200 for b in before):
            art.warnings.append("a standfirst or pull-quote before the dateline was removed")
            before = []
        return [*before, rest, *lines[i + 1:]]
    return lines


def _credit_prefix(prefix: str, art: Article, r: LayoutRules) -> bool:
    for cp in r.credit_patterns:
        m = cp.pattern.match(prefix)
        if m:
            getattr(art.credits, cp.role).extend(_split_names(m.group("names")))
            return True
    return False


def _place_case(place: str) -> str:
    place = place.strip()
    if place.isupper() and len(place) > 3:
        return re.sub(r"(?<=[-'’ ])([a-z])", lambda m: m.group(1).upper(), place.title().replace("'S", "'s"))
    return place


def _dateline_date(extra: str) -> str | None:
    months = rules().months
    m = re.match(r"(?P<mon>[A-Za-z]{3,9})\.? (?P<day>\d{1,2})$", extra.strip()) or re.match(r"(?P<day>\d{1,2}) (?P<mon>[A-Za-z]{3,9})$", extra.strip())
    if m and m.group("mon").casefold() in months:
        return f"--{months[m.group('mon').casefold()]:02d}-{int(m.group('day')):02d}"
    return None


# ---------------------------------------------------------------- body, outlet, sources


def _finish_body(lines: list[str], art: Article) -> list[str]:
    lines = [MD_LINK.sub(r"\1", l).strip() for l in lines]
    lines = [l for l in lines if l]
    if lines:
        lines[-1] = _strip_trailing_initials(lines[-1], art)
    return [l for l in lines if l]


def _strip_trailing_initials(line: str, art: Article) -> str:
    """'... kata dia. (ams/apl)', '... tunjangan kinerja. [bal]', '... pada Senin. (AFP)', '... 55.8 (33.7). REUTER'."""
    m = re.search(r"(?:(?<=[.!?\"”’)])\s*|\s+(?=[(\[][a-z]{2,5}/))[(\[](?P<ini>[a-z]{2,5}(?:/[a-z]{2,5})*)[)\]]\s*$", line)
    if m:
        art.credits.initials.extend(m.group("ini").split("/"))
        return line[: m.start()].rstrip()
    r = rules()
    m = re.search(rf"\s*\((?P<ag>{r.agency_alt})\)\s*$", line)
    if m:
        art.sources.extend(_agency_names(m.group("ag")))
        return line[: m.start()].rstrip()
    m = re.search(r"(?<=[.!?\"”’)])\s+(?:REUTERS?|Reuters?)\s*$", line)
    if m:
        art.outlet_hint = art.outlet_hint or "Reuters"
        return line[: m.start()].rstrip()
    return line


def _outlet_name(src: Source, art: Article) -> str | None:
    if src.outlet:
        return _site_name(src.outlet) or src.outlet
    url = (src.url or art.url or "").casefold()
    for o in outlets():
        if url and any(re.search(rf"(?:^|[/.]){re.escape(d)}(?:[/:]|$)", url) for d in o.domains):
            return o.name
    agency = art.dateline.agency or ""
    for o in outlets():
        if agency and o.prints_agency(agency):
            return o.name
    return art.outlet_hint


def _inline_sources(art: Article) -> list[str]:
    """Agencies a story is taken from, named in the text: 'seperti dikutip dari Reuters', 'Xinhua reported'."""
    r = rules()
    known = agencies()
    stop = set(r.weekdays) | set(r.months)
    found: list[str] = []
    for line in art.paragraphs:
        for pat in r.source_inline:
            for m in pat.finditer(line):
                words = m.group("agency").strip(" .,").split()
                for k in range(len(words), 0, -1):
                    cand = " ".join(words[:k]).strip(" .,")
                    if cand.casefold() in known:
                        # "CNN Indonesia" is not CNN: the next capitalised word must not extend the name.
                        if k == len(words) or words[k].strip(" .,").casefold() in stop:
                            found.append(known[cand.casefold()])
                        break
    return found


def _own_agency_removed(sources: list[str], art: Article) -> list[str]:
    """A story's own agency is not a source it was taken from ('kata X kepada ANTARA')."""
    own = {agencies().get(a.casefold(), a).casefold() for a in (art.dateline.agency, art.outlet) if a}
    return [s for s in sources if s.casefold() not in own]


# ---------------------------------------------------------------- publication date


def infer_published(art: Article) -> tuple[str | None, str | None]:
    """A cascade of named strategies over the text; the first that finds a date wins."""
    for name, strategy in (
        ("date-line", lambda a: a.page_date),
        ("dateline-date", _dateline_full_date),
        ("weekday-date", _weekday_date),
        ("explicit-date", _newest_explicit_date),
    ):
        found = strategy(art)
        if found:
            return found, name
    return None, None


def _stated_years(art: Article) -> list[int]:
    years = []
    if art.rights.copyright_year:
        years.append(art.rights.copyright_year)
    for p in art.paragraphs:
        years.extend(int(y) for y in re.findall(rf"\b({YEAR})\b", p))
    return years


def _dateline_full_date(art: Article) -> str | None:
    """A dateline's month and day ('TOKYO, March 3 -') with the year the article supports:
    one whose calendar agrees with a weekday named in the lead, else the copyright year. A year the text
    merely mentions ("a 1951 treaty") is not the year of publication, so it never decides alone."""
    md = art.dateline.date
    if not md or not md.startswith("--"):
        return None
    month, day = int(md[2:4]), int(md[5:7])
    years = list(dict.fromkeys(_stated_years(art)))
    lead = art.paragraphs[0] if art.paragraphs else ""
    r = rules()
    named = {r.weekdays[m.group("wd").casefold()] for m in _weekday_word().finditer(lead)}
    if named:
        agreeing = [y for y in years if (dt := _safe_date(y, month, day)) and dt.isoweekday() in named]
        if agreeing:
            return _safe_date(max(agreeing), month, day).isoformat()
    if art.rights.copyright_year and (dt := _safe_date(art.rights.copyright_year, month, day)):
        return dt.isoformat()
    return None


@cache
def _weekday_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    r = rules()
    wd, mon = _alt(r.weekdays), _alt(r.months)
    numeric = re.compile(rf"\b(?P<wd>{wd})\b,?\s*\(?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\)?", re.I)
    named = re.compile(
        rf"\b(?P<wd>{wd})\b,?\s*\(?(?:(?P<d>\d{{1,2}})\s+(?P<m>{mon})\.?|(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}}),?)\s+(?P<y>{YEAR})\)?", re.I
    )
    explicit = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{mon})\.?\s+(?P<y>{YEAR})\b|\b(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}}),\s+(?P<y2>{YEAR})\b", re.I)
    return numeric, named, explicit


@cache
def _weekday_word() -> re.Pattern:
    return re.compile(rf"\b(?P<wd>{_alt(rules().weekdays)})\b", re.I)


def _weekday_date(art: Article) -> str | None:
    """'Selasa (16/9)' whose weekday agrees with a stated year; 'Rabu, 20 November 2024'; 'Tuesday, Sept. 30, 2025'."""
    r = rules()
    numeric, named, _ = _weekday_patterns()
    found = []
    for pi, p in enumerate(art.paragraphs):
        for m in numeric.finditer(p):
            y = m.group("y")
            year = (int(y) + (2000 if len(y) == 2 else 0)) if y else None
            found.append((pi, r.weekdays[m.group("wd").casefold()], int(m.group("d")), int(m.group("m")), year))
        for m in named.finditer(p):
            day = int(m.group("d") or m.group("d2"))
            month = r.months[(m.group("m") or m.group("m2")).casefold()]
            found.append((pi, r.weekdays[m.group("wd").casefold()], day, month, int(m.group("y"))))
    if not found:
        return None
    dated = [(pi, dt) for pi, wdy, d, mo, y in found if y and (dt := _safe_date(y, mo, d)) and dt.isoweekday() == wdy]
    candidates = list(dict.fromkeys(_stated_years(art)))
    best_year, best_hits = None, 0
    for year in candidates:
        hits = sum(1 for _, wdy, d, mo, y in found if y is None and (dt := _safe_date(year, mo, d)) and dt.isoweekday() == wdy)
        if hits > best_hits:
            best_year, best_hits = year, hits
    if best_year is not None:
        for pi, wdy, d, mo, y in found:
            dt = _safe_date(best_year, mo, d) if y is None else None
            if dt and dt.isoweekday() == wdy:
                dated.append((pi, dt))
    if not dated:
        return None
    first_paragraph = min(pi for pi, _ in dated)
    lead = [dt for pi, dt in dated if pi == first_paragraph]
    return (lead[0] if first_paragraph == 0 else max(dt for _, dt in dated)).isoformat()


def _newest_explicit_date(art: Article) -> str | None:
    r = rules()
    pat = _weekday_patterns()[2]
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
