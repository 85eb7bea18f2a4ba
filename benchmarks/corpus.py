"""The benchmark corpus: real articles from ../shared/data/news, or a generated corpus when it is absent.

Every article is a plain dict in the shape of a warta batch record (``text``, ``headline``, ``url``,
``published``, ``outlet``, ``lang``) plus ``set`` (which data set it came from), so that
``warta.read.source_from_record`` turns it into the same ``Source`` that ``warta analyze batch.jsonl``
would read. The real articles are used for measurement only; nothing here copies them anywhere but
into temporary files that the benchmarks delete.
"""
from __future__ import annotations

import csv
import html
import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))
NEWS = SHARED / "data" / "news"

_MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}


def _csv_rows(path: Path) -> Iterator[dict]:
    csv.field_size_limit(1 << 26)
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as fh:
        yield from csv.DictReader(fh)


def _unique_by_url(rows: Iterator[dict]) -> Iterator[dict]:
    seen: set[str] = set()
    for row in rows:
        key = row.get("url") or row["text"][:200]
        if key in seen or not (row.get("text") or "").strip():
            continue
        seen.add(key)
        yield row


def _antara_id() -> Iterator[dict]:
    for r in _csv_rows(NEWS / "antoniusayodya__indo_news_scrapper" / "content_rungkad.csv"):
        yield {"text": r["Text Berita"], "headline": r["Title"], "url": r["Link"], "published": r["Tanggal Rilis"], "lang": "id"}


def _detik() -> Iterator[dict]:
    path = NEWS / "gabriellaclairine__indonesian-news-summarization-dataset" / "data_berita.csv"
    for r in _csv_rows(path):
        yield {"text": r["isi_berita"], "headline": r["judul"], "url": r["tautan"], "published": r["tanggal"], "lang": "id"}


def _kompas_md() -> Iterator[dict]:
    folder = NEWS / "Naandalist__trending-news-diggest" / "archive"
    for path in sorted(folder.glob("*/*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        # Past the first line that is only "---" comes a machine-written summary, not Kompas text.
        text = re.split(r"(?m)^---\s*$", text, maxsplit=1)[0]
        m = re.fullmatch(r"(\d{2})([A-Z][a-z]{2})(\d{4})", path.parent.name)
        published = f"{m[3]}-{_MONTHS[m[2]]:02d}-{m[1]}" if m and m[2] in _MONTHS else None
        yield {"text": text, "published": published, "outlet": "Kompas", "lang": "id"}


def _multi_outlet() -> Iterator[dict]:
    folder = NEWS / "gikirima__indonews-scrapper" / "Dataset new"
    for path in sorted(folder.glob("*.csv")):
        for r in _csv_rows(path):
            # tanggal_publikasi is the outlet's own date string ("Diperbarui 18 Jun 2025"); the file name holds the day.
            day = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
            yield {"text": r["isi_berita"], "headline": r["judul"], "url": r["url"], "published": day[1] if day else None, "lang": "id"}


def _corpus_2015() -> Iterator[dict]:
    for r in _csv_rows(NEWS / "GuavaPopper__PBA_Scrapping" / "hasil_scraping_berita.csv"):
        yield {"text": r["isi"], "headline": r["judul"], "url": r["link"], "published": r["tanggal"], "lang": "id"}


def _antara_en() -> Iterator[dict]:
    path = NEWS / "alifnurhadi__Scrape_antaraNews" / "data" / "raw" / "scrapeResult.json"
    for r in json.loads(path.read_text(encoding="utf-8")):
        yield {"text": r["content"], "url": r["link"], "lang": "en"}


_REUTERS = re.compile(r"<REUTERS.*?</REUTERS>", re.S)


def _tag(block: str, name: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    return m[1] if m else None


def _reuters() -> Iterator[dict]:
    folder = NEWS / "wuodar__reuters_text_classification" / "data"
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for m in _REUTERS.finditer(raw):
            block = m[0]
            body = _tag(block, "BODY")
            if not body:
                continue
            # Wire copy: paragraphs start with an indent; lines inside a paragraph are hard-wrapped.
            paras = [" ".join(p.split()) for p in re.split(r"\n\s{3,}", html.unescape(body).replace("\x03", ""))]
            dateline = " ".join(html.unescape(_tag(block, "DATELINE") or "").split())
            text = "\n\n".join(p for p in paras if p)
            if dateline:
                text = f"{dateline} {text}"
            date = _tag(block, "DATE") or ""
            dm = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", date)
            published = f"{dm[3]}-{_MONTHS[dm[2].title()]:02d}-{int(dm[1]):02d}" if dm and dm[2].title() in _MONTHS else None
            title = _tag(block, "TITLE")
            yield {"text": text, "headline": html.unescape(title) if title else None, "published": published, "outlet": "Reuters", "lang": "en"}


SETS = {
    "antara-id": _antara_id,
    "detik": _detik,
    "kompas-md": _kompas_md,
    "multi-outlet-2025": _multi_outlet,
    "corpus-2015": _corpus_2015,
    "antara-en": _antara_en,
    "reuters-1987": _reuters,
}


def real_articles(limit: int) -> list[dict]:
    """Up to ``limit`` unique articles, taken round-robin from every set so that each outlet and both languages are in."""
    streams = []
    for name, fn in SETS.items():
        def tagged(name=name, fn=fn):
            for row in _unique_by_url(fn()):
                yield {**row, "set": name}
        streams.append(tagged())
    out: list[dict] = []
    for row in itertools.chain.from_iterable(itertools.zip_longest(*streams)):
        if row is None:
            continue
        out.append(row)
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- generated corpus (no ../shared)

_ID_PLACES = ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Denpasar", "Yogyakarta", "Semarang"]
_ID_NAMES = ["Budi Santoso", "Siti Rahayu", "Agus Wibowo", "Dewi Lestari", "Rudi Hartono", "Rina Kusuma"]
_ID_ROLES = ["Menteri Keuangan", "Gubernur", "Kepala Dinas Kesehatan", "juru bicara kepolisian", "Ketua DPRD"]
_ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_ID_SENTENCES = [
    "{role} {name} mengatakan pemerintah akan menambah anggaran sebesar Rp{n}.000 miliar pada tahun depan.",
    "\"Kami berkomitmen menyelesaikan program ini sebelum akhir {month},\" kata {name} di {place}, {day} ({d}/{m}).",
    "Menurut {name}, sebanyak {n}.000 warga terdampak banjir yang melanda {place} sejak pekan lalu.",
    "Polisi menangkap {n} tersangka dalam operasi gabungan di {place} pada {day} malam.",
    "Rapat koordinasi itu dihadiri perwakilan kementerian, pemerintah daerah, dan lembaga swadaya masyarakat.",
    "Harga beras di pasar tradisional {place} naik {n} persen dibandingkan bulan lalu.",
]
_EN_PLACES = ["London", "Washington", "Tokyo", "Jakarta", "Geneva", "Nairobi"]
_EN_NAMES = ["John Miller", "Sarah Chen", "Ahmed Hassan", "Maria Lopez", "David Okafor"]
_EN_SENTENCES = [
    "{name}, the finance minister, said the government would raise spending by {n} billion dollars next year.",
    "\"We will not accept these terms,\" {name} told reporters in {place} on {day}.",
    "About {n},000 people were evacuated from {place} after the floods, officials said.",
    "Police arrested {n} suspects in {place} on {day} night, according to a statement.",
    "The talks were attended by delegations from twelve countries and the United Nations.",
]
_MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


def generated_articles(limit: int, seed: int = 8) -> list[dict]:
    """News-like articles written from templates: about 85% Indonesian, 15% English, lengths like the real sets."""
    rng = random.Random(seed)
    out = []
    for i in range(limit):
        english = i % 7 == 6
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        paras = []
        for _ in range(max(2, int(rng.lognormvariate(2.0, 0.5)))):
            sents = []
            for _ in range(rng.randint(1, 3)):
                tpl = rng.choice(_EN_SENTENCES if english else _ID_SENTENCES)
                sents.append(tpl.format(
                    name=rng.choice(_EN_NAMES if english else _ID_NAMES), role=rng.choice(_ID_ROLES),
                    place=rng.choice(_EN_PLACES if english else _ID_PLACES), day=rng.choice(_ID_DAYS) if not english else "Tuesday",
                    n=rng.randint(2, 95), d=day, m=month, month=_MONTHS_ID[month - 1],
                ))
            paras.append(" ".join(sents))
        place = rng.choice(_EN_PLACES if english else _ID_PLACES)
        lead = f"{place.upper()}, Sept {day} (Reuters) - " if english else f"{place} (ANTARA) - "
        text = lead + "\n\n".join(paras)
        if not english:
            text += "\n\nPewarta: " + rng.choice(_ID_NAMES) + "\nEditor: " + rng.choice(_ID_NAMES)
        out.append({"text": text, "headline": f"Generated article {i}", "published": f"2025-{month:02d}-{day:02d}",
                    "lang": "en" if english else "id", "set": "generated"})
    return out


def load_articles(limit: int) -> tuple[list[dict], str]:
    """(articles, description of where they came from)."""
    if NEWS.is_dir():
        arts = real_articles(limit)
        if arts:
            return arts, f"real articles from {NEWS}"
    return generated_articles(limit), "generated corpus (../shared/data/news is absent)"


def to_html(article: dict) -> str:
    """The article as a simple news web page: what a scraper would have fetched."""
    esc = html.escape
    title = esc(article.get("headline") or "")
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", article["text"]) if p.strip()]
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    meta = f'<meta property="article:published_time" content="{esc(article["published"])}">' if article.get("published") else ""
    return (
        f'<!doctype html><html lang="{article.get("lang") or "id"}"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f'<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
        f"<main><article><h1>{title}</h1>\n{body}\n</article></main>"
        f"<footer><p>Copyright 2025. All rights reserved.</p></footer></body></html>"
    )
