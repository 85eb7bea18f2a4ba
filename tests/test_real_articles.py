"""Real articles from ../shared/data/news (evaluation only, never copied into the repo).

A fixed sample across all seven sets, read the way their README describes: every sampled record must
give an analysis without error, and no body may keep a credit, copyright, related-article, noise or
dateline line. The detectors below are written independently of the layout lexicons on purpose: they
say what a leak looks like, not how layout finds trailers. Skips when ../shared is absent.
"""
from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from warta.errors import InputError
from warta.layout import parse_article
from warta.pipeline import analyze
from warta.read import Source, iter_sources, source_from_record

ANALYZED_PER_SET = 45  # through the whole pipeline
LAID_OUT_PER_SET = 300  # through layout only (fast): a wider net for leaks

SETS = (
    "antara-id-basketball",
    "detik-2025",
    "kompas-markdown",
    "multi-outlet-2025",
    "indonesian-news-corpus-2015",
    "antara-en",
    "reuters-21578",
)

LEAKS = {
    "credit": re.compile(
        r"(?im)^(?:pewarta(?: foto)?|penulis|reporter|wartawan|penerjemah|editor|redaktur|penyunting|fotografer|"
        r"translator|rep|red)\s*:"
        r"|^\((?:additional )?(?:reporting|writing|editing) by\b"
        r"|^laporan (?:wartawan|reporter) (?:[\w.]+\.com|tribun)\b"
        r"|\bcontributed to this report\.?$"
        r"|[(\[][a-z]{2,5}(?:/[a-z]{2,5})+[)\]]\s*\Z"
    ),
    "copyright": re.compile(r"(?im)^(?:copyright|hak cipta)\b|©|\ball rights reserved\b|^dilarang keras mengambil|hak cipta dilindungi"),
    "related": re.compile(
        r"(?im)^(?:baca juga|simak juga|lihat juga|read also|also read|related news|baca selengkapnya|berita terkait|"
        r"artikel terkait|pilihan editor|editor's choice)\b"
    ),
    "noise": re.compile(
        r"(?im)scroll to (?:continue|resume) with content|^advertisement$|^iklan$"
        r"|\\?\[(?:video|img|image|foto|embed)[.\s_-]?\d*\\?\]|^(?:simak|tonton|saksikan|lihat) (?:juga )?video\b"
        r"|gambas:|\breuters?\s*\Z|^sign up here|trust principles|^!\[|^\|.*\|$|^\s*\*\*|^#+ "
    ),
    "dateline": re.compile(
        r"\A(?:[A-Z][\w.'’ -]{1,40},\s*)?(?:[A-Z][\w.'’ -]{1,40})?\s*\((?:ANTARA|Reuters|AP|AFP|AA)\)\s*[-–—]"
        r"|\A[A-Z][A-Za-z.\s]{1,30},\s*(?:KOMPAS\.com|CNN Indonesia|detik\w+)\s*[-–—]"
        r"|\A(?:REPUBLIKA\.CO\.ID|TRIBUNNEWS\.COM|TEMPO\.CO|Liputan6\.com|Merdeka\.com|VIVA\.co\.id)\b"
    ),
}


def leaks(body: str) -> list[str]:
    found = []
    for kind, pattern in LEAKS.items():
        m = pattern.search(body)
        if m:
            found.append(f"{kind}: {body[max(0, m.start() - 40):m.end() + 40]!r}")
    return found


# ---------------------------------------------------------------- reading the sets as their README says


def _every(items: list, n: int) -> list:
    step = max(1, len(items) // n)
    return items[::step][:n]


def _csv_records(path: Path) -> list[Source]:
    return [s for s in iter_sources([str(path)]) if isinstance(s, Source)]


def _reuters(folder: Path) -> list[Source]:
    out = []
    for sgm in sorted(folder.glob("reut2-*.sgm")):
        for n, doc in enumerate(re.findall(r"<REUTERS[^>]*>.*?</REUTERS>", sgm.read_text(encoding="latin-1"), re.S), 1):
            body = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if not body:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S)
            dateline = re.search(r"<DATELINE>(.*?)</DATELINE>", doc, re.S)
            stamp = re.search(r"<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})", doc)
            text = html.unescape((dateline.group(1).strip() + " " if dateline else "") + body.group(1)).replace("\x03", "")
            record = {
                "text": text,
                "headline": html.unescape(title.group(1)) if title else None,
                "published": datetime.strptime(stamp.group(1).title(), "%d-%b-%Y").date().isoformat() if stamp else None,
            }
            out.append(source_from_record(record, {"path": str(sgm), "record": n}))
    return out


def _antara_en(path: Path) -> list[Source]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [source_from_record({"text": d["content"], "url": d["link"]}, {"path": str(path), "record": n}) for n, d in enumerate(data, 1)]


def _load(news: Path, name: str, n: int) -> list[Source]:
    if name == "antara-id-basketball":
        return _every(_csv_records(news / "antoniusayodya__indo_news_scrapper" / "content_rungkad.csv"), n)
    if name == "detik-2025":
        return _every(_csv_records(news / "gabriellaclairine__indonesian-news-summarization-dataset" / "data_berita.csv"), n)
    if name == "kompas-markdown":
        files = sorted((news / "Naandalist__trending-news-diggest").rglob("*.md"))
        return [s for s in iter_sources([str(f) for f in _every(files, n)]) if isinstance(s, Source)]
    if name == "multi-outlet-2025":
        return _every([s for f in sorted((news / "gikirima__indonews-scrapper").rglob("*.csv")) for s in _csv_records(f)], n)
    if name == "indonesian-news-corpus-2015":
        return _every(_csv_records(news / "GuavaPopper__PBA_Scrapping" / "hasil_scraping_berita.csv"), n)
    if name == "antara-en":
        return _every(_antara_en(news / "alifnurhadi__Scrape_antaraNews" / "data" / "raw" / "scrapeResult.json"), n)
    if name == "reuters-21578":
        return _every(_reuters(news / "wuodar__reuters_text_classification" / "data"), n)
    raise ValueError(name)


@pytest.fixture(scope="module")
def news(shared_dir: Path) -> Path:
    folder = shared_dir / "data" / "news"
    if not folder.is_dir():
        pytest.skip("../shared/data/news is not present")
    return folder


_CACHE: dict[tuple[str, int], list[Source]] = {}


def sample(news: Path, name: str, n: int) -> list[Source]:
    if (name, n) not in _CACHE:
        _CACHE[(name, n)] = _load(news, name, n)
    return _CACHE[(name, n)]


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("name", SETS)
def test_every_sampled_record_gives_an_analysis(news: Path, name: str):
    records = sample(news, name, ANALYZED_PER_SET)
    assert records, f"{name}: nothing read"
    failures, leaked = [], []
    for src in records:
        try:
            rec = analyze(src).to_dict()
        except InputError as err:
            failures.append(f"{src.where}: {err}")
            continue
        except Exception as err:  # noqa: BLE001 - report every failing record, not just the first
            failures.append(f"{src.where}: {type(err).__name__}: {err}")
            continue
        assert rec["schema"] == "warta/1"
        leaked += [f"{src.where}: {x}" for x in leaks(rec["body"])]
    assert not failures, "\n".join(failures[:20])
    assert not leaked, "\n".join(leaked[:20])


@pytest.mark.parametrize("name", SETS)
def test_no_body_keeps_boilerplate(news: Path, name: str):
    leaked = []
    records = sample(news, name, LAID_OUT_PER_SET)
    for src in records:
        art = parse_article(src)
        leaked += [f"{src.where}: {x}" for x in leaks(art.body)]
    assert not leaked, f"{len(leaked)} of {len(records)} records leak:\n" + "\n".join(leaked[:20])


@pytest.mark.parametrize("name", ["antara-id-basketball", "kompas-markdown", "indonesian-news-corpus-2015", "reuters-21578"])
def test_datelines_are_found_where_the_sets_print_them(news: Path, name: str):
    """These sets keep their datelines (README): nearly every record must give one."""
    records = sample(news, name, LAID_OUT_PER_SET)
    missing = [src.where for src in records if not parse_article(src).dateline.text]
    assert len(missing) <= 0.12 * len(records), f"{len(missing)} of {len(records)} without a dateline, e.g. {missing[:5]}"


def test_antara_trailers_are_read(news: Path):
    """The ANTARA set ends every record with Pewarta/Editor and COPYRIGHT © ANTARA (README)."""
    records = sample(news, "antara-id-basketball", LAID_OUT_PER_SET)
    arts = [parse_article(s) for s in records]
    assert sum(1 for a in arts if a.credits.editors) >= 0.95 * len(arts)
    assert sum(1 for a in arts if a.rights.copyright_holder == "ANTARA") >= 0.95 * len(arts)
    assert sum(1 for a in arts if a.related) >= 0.8 * len(arts)
