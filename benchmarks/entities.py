"""Speed of the entities stage alone: articles per second on one core, and peak memory.

    python benchmarks/entities.py                 # up to 500 real articles from ../shared/data/news
    python benchmarks/entities.py --limit 200 --lang id

The spaCy Docs are made first (that is the nlp stage's cost, reported apart); then only
``find_entities`` is timed over them, after one warm-up call that builds the lexicon (the one-off
cost is reported too). Falls back to the written fixtures in tests/fixtures/entities when
../shared is absent. Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DETIK = SHARED / "data" / "news" / "gabriellaclairine__indonesian-news-summarization-dataset" / "data_berita.csv"


def _bodies(limit: int, lang: str) -> tuple[list[str], str]:
    if lang == "id" and DETIK.is_file():
        csv.field_size_limit(10**9)
        with DETIK.open(encoding="utf-8") as fh:
            rows = [r["isi_berita"] for r in csv.DictReader(fh) if r.get("isi_berita", "").strip()]
        return rows[:limit], f"{DETIK.relative_to(SHARED.parent)} ({min(limit, len(rows))} articles)"
    fixtures = sorted((REPO / "tests" / "fixtures" / "entities").glob("*.txt"))
    bodies = [p.read_text(encoding="utf-8") for p in fixtures]
    return bodies, f"tests/fixtures/entities ({len(bodies)} articles, all languages read as {lang})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--lang", default="id", choices=("id", "en"))
    ap.add_argument("--repeat", type=int, default=3, help="passes over the articles; the best is reported")
    a = ap.parse_args(argv)

    from warta.entities import find_entities
    from warta.lang import load_pack
    from warta.nlp import get_nlp, make_doc

    bodies, what = _bodies(a.limit, a.lang)
    pack = load_pack(a.lang)
    t0 = time.perf_counter()
    get_nlp(a.lang)
    docs = [make_doc(b, a.lang) for b in bodies]
    nlp_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    find_entities(docs[0], pack)
    warm_s = time.perf_counter() - t0
    best = float("inf")
    n_ents = 0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        n_ents = sum(len(find_entities(d, pack)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    tokens = sum(len(d) for d in docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ner = "with" if "ner" in get_nlp(a.lang).pipe_names else "without"
    print(f"input: {what}; {tokens / len(docs):.0f} tokens per article; {ner} the trained NER")
    print(f"entities stage: {len(docs) / best:.0f} articles/s per core ({best / len(docs) * 1000:.2f} ms/article, {n_ents / len(docs):.1f} entities/article)")
    print(f"one-off lexicon build: {warm_s:.2f} s; nlp stage for comparison: {len(docs) / nlp_s:.0f} articles/s")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
