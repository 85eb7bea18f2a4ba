"""Helpers shared by the store, API, web, browser and crash tests (not a test module)."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from warta.record import Analysis, Entity, Mention, Quote, Rights, Sentence, Speaker

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
RECORDS = FIXTURES / "records"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

HOSTILE_BODY = (
    "<script>window.__pwned = 1; document.title = 'pwned'</script> opened the statement.\n\n"
    "A reader posted <img src=x onerror=\"window.__pwned = 2\"> and a link <a href=\"javascript:window.__pwned=3\">click</a>.\n\n"
    "Entities &amp; &lt;b&gt;bold&lt;/b&gt; stay text; so do </p></span>\"'` and {{ 7*7 }}."
)


def hand_records() -> list[Analysis]:
    """The hand-written records with every list filled in."""
    return [Analysis.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(RECORDS.glob("*.record.json"))]


def hostile_record() -> Analysis:
    """An article whose text is made of HTML and script, with spans over the worst parts."""
    body = HOSTILE_BODY
    s = body.index("<script>")
    img = body.index("<img")
    return Analysis(
        id="b0b0b0b0b0b0b0b0", url="javascript:alert(1)", outlet="<b>Outlet</b>", language="en",
        headline="<script>window.__pwned = 4</script><img src=x onerror=alert(1)>", published="2025-01-01",
        body=body, sentences=[Sentence(0, body.index("\n\n"))],
        entities=[Entity("e1", "<script>alert(5)</script>", "PERSON", mentions=[Mention(s, s + 8, "<script>")]),
                  Entity("e2", "x\" onmouseover=\"alert(6)", "ORG", mentions=[Mention(img, img + 4, "<img")])],
        quotes=[Quote("<img src=x onerror=\"window.__pwned = 2\">", True, Speaker("<i>someone</i>", "e1", "<u>role</u>"), "posted",
                      start=img, end=body.index(">", img) + 1)],
        rights=Rights("<b>holder</b>", 2025, True, "<script>window.__pwned = 7</script>"),
    )


def short_articles(folder: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` short, distinct articles (one per file) in the style of a wire desk."""
    rng = random.Random(seed)
    cities = ["Jakarta", "Surabaya", "Medan", "Makassar", "Denpasar", "Bandung", "Semarang", "Palembang"]
    topics = ["harga cabai", "jadwal kereta", "perbaikan jalan", "vaksinasi anak", "festival budaya", "pasokan listrik"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city, topic = rng.choice(cities), rng.choice(topics)
        text = (f"{city} (ANTARA) - Pemerintah daerah {city} membahas {topic} dalam rapat nomor {i} pada Senin (3/3).\n"
                f"“Kami akan menyelesaikan {topic} bulan ini,” kata Wali Kota {city}.\n"
                f"Editor: Redaksi {i % 13}\n")
        (folder / f"article-{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def copy_fixtures(dest: Path) -> Path:
    """The article fixtures (not the hand-made records) in a fresh folder."""
    dest.mkdir(parents=True, exist_ok=True)
    for p in FIXTURES.iterdir():
        if p.is_file():
            shutil.copy(p, dest / p.name)
    return dest
