"""Store benchmark: ingest rate (articles/second, per core), query latency, database size, peak memory.

    python benchmarks/store.py [--articles 1000] [--workers 1 2]

Articles are generated (short wire-style Indonesian items) in a temporary folder; nothing is asserted.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from warta.store import Filters, Store, ingest


def write_articles(folder: Path, n: int) -> None:
    rng = random.Random(1)
    cities = ["Jakarta", "Surabaya", "Medan", "Makassar", "Denpasar", "Bandung", "Semarang", "Palembang"]
    topics = ["harga beras", "banjir rob", "jadwal kereta", "vaksinasi", "pasokan listrik", "perbaikan jalan"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city, topic = rng.choice(cities), rng.choice(topics)
        paragraphs = [
            f"{city} (ANTARA) - Pemerintah Provinsi membahas {topic} bersama DPRD {city} pada Senin (3/3) dalam rapat ke-{i}.",
            f"“Kami menargetkan masalah {topic} selesai sebelum Lebaran,” kata Gubernur dalam konferensi pers di {city}.",
            f"Menurut data dinas terkait, sekitar {rng.randint(100, 9000)} warga terdampak sejak pekan lalu.",
            f"Editor: Redaksi {i % 17}",
        ]
        (folder / f"a{i:05d}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="warta-bench-store-"))
    write_articles(tmp / "articles", args.articles)
    for workers in args.workers:
        db = tmp / f"w{workers}.db"
        with Store(db) as store:
            t0 = time.perf_counter()
            report = ingest([str(tmp / "articles")], store, workers=workers, lang="id")
            seconds = time.perf_counter() - t0
            rate = report.stored / seconds
            print(f"ingest workers={workers}: {report.stored} articles in {seconds:.1f}s = {rate:.1f} articles/s "
                  f"({rate / workers:.1f} per core, pipeline load included)")
            t0 = time.perf_counter()
            again = ingest([str(tmp / "articles")], store, workers=workers, lang="id")
            print(f"  re-ingest (all already stored): {again.already} inputs skipped in {time.perf_counter() - t0:.2f}s")
            for kind, f in (("articles", Filters(text="banjir rob")), ("articles", Filters(outlet="ANTARA", since="2025")),
                            ("quotes", Filters(text="Lebaran")), ("entities", Filters()), ("events", Filters(actor="IDN"))):
                times = []
                for _ in range(20):
                    t0 = time.perf_counter()
                    page = store.query(kind, f)
                    times.append(time.perf_counter() - t0)
                print(f"  query {kind} {f.active()}: {page.total} found, median {statistics.median(times) * 1000:.1f} ms")
        print(f"  database: {db.stat().st_size / 1e6:.1f} MB for {args.articles} articles")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB (main), {children:.0f} MB (largest worker)", file=sys.stdout)


if __name__ == "__main__":
    main()
