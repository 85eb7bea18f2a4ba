"""How the cost of each stage grows with article length: 1x, 10x and 100x the median article.

    python benchmarks/scaling.py [--json] [--lang id|en|both] [--quick]

Two ways to make a long article, both in the article's language:
- ``distinct``: the clean bodies of other real articles appended until the text is N times the median
  article (new names, new quotes, new dates: what a long report looks like);
- ``repeated``: the median article repeated N times (the same names and quotes over and over: the case
  that exposes quadratic coreference or de-duplication).

For every stage it prints CPU milliseconds per call (CPU time, so that other processes on a shared
machine do not blur the picture) at 1x, 10x and 100x and the growth factors 10x/1x and
100x/10x. Linear cost gives about 10; issue 9 asks for at most about 15. A stage whose 1x cost is
under 0.05 ms is too small to judge (timer noise) and is marked so. This is a benchmark, not a test:
nothing here fails a build, but the verdict column says where to look.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load_articles  # noqa: E402
from stages import StageTimer  # noqa: E402

from warta.pipeline import analyze  # noqa: E402
from warta.read import source_from_record  # noqa: E402

LIMIT_GROWTH = 15.0
TOO_SMALL_MS = 0.05
FACTORS = (1, 10, 100)


def build_texts(articles: list[dict], lang: str) -> tuple[dict[str, dict[int, str]], str | None]:
    """{"distinct": {1: text, 10: text, 100: text}, "repeated": {...}} and the publication date to anchor on."""
    bodies = []
    for i, a in enumerate(articles):
        if a["lang"] != lang:
            continue
        rec = analyze(source_from_record({k: v for k, v in a.items() if k != "set" and v is not None}, {"path": "scaling", "record": i}))
        if rec.language == lang and len(rec.body) > 200:
            bodies.append((rec.body, rec.published))
    if not bodies:
        return {}, None
    by_len = sorted(bodies, key=lambda b: len(b[0]))
    base, published = by_len[len(by_len) // 2]
    texts: dict[str, dict[int, str]] = {"distinct": {1: base}, "repeated": {1: base}}
    for factor in FACTORS[1:]:
        target = factor * len(base)
        parts, size, k = [base], len(base), 0
        while size < target:
            body = bodies[k % len(bodies)][0]
            k += 1
            if body == base:
                continue
            parts.append(body)
            size += len(body) + 2
        texts["distinct"][factor] = "\n\n".join(parts)[:target].rsplit(" ", 1)[0]
        texts["repeated"][factor] = "\n\n".join([base] * factor)
    return texts, published


def measure(text: str, lang: str, published: str | None, repeats: int, timer: StageTimer) -> dict[str, float]:
    """Median milliseconds per stage (and for the whole call) over ``repeats`` calls."""
    rows: list[dict[str, float]] = []
    for _ in range(repeats):
        timer.take()
        t0 = time.process_time()
        analyze(text, lang=lang, published=published)
        total = time.process_time() - t0
        row = timer.take()
        row["analyze"] = total
        rows.append(row)
    stages = {k for r in rows for k in r}
    return {k: 1000 * statistics.median(r.get(k, 0.0) for r in rows) for k in stages}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
    ap.add_argument("--lang", choices=("id", "en", "both"), default="both")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and no 100x of the repeated text")
    args = ap.parse_args(argv)
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    articles, origin = load_articles(1200)
    say(f"corpus: {origin}")
    langs = ("id", "en") if args.lang == "both" else (args.lang,)
    repeats = {1: 9 if args.quick else 21, 10: 3 if args.quick else 5, 100: 1 if args.quick else 3}
    result: dict = {"corpus": origin, "limit_growth": LIMIT_GROWTH, "languages": {}}
    worst = 0.0
    for lang in langs:
        texts, published = build_texts(articles, lang)
        if not texts:
            say(f"\n{lang}: no articles")
            continue
        analyze(texts["distinct"][1], lang=lang, published=published)  # warm
        result["languages"][lang] = {}
        with StageTimer() as timer:
            for mode, by_factor in texts.items():
                say(f"\n{lang} / {mode}: 1x = {len(by_factor[1]):,} characters")
                ms = {f: measure(t, lang, published, repeats[f], timer) for f, t in by_factor.items()
                      if not (args.quick and mode == "repeated" and f == 100)}
                stages = sorted({k for m in ms.values() for k in m}, key=lambda k: (k == "analyze", -ms[1].get(k, 0.0)))
                say(f"  {'stage':<11} {'1x ms':>9} {'10x ms':>10} {'100x ms':>11} {'10x/1x':>7} {'100x/10x':>9}  verdict")
                rows = {}
                for st in stages:
                    t = [ms[f].get(st, 0.0) if f in ms else None for f in FACTORS]
                    g1 = t[1] / t[0] if t[0] and t[1] is not None else None
                    g2 = t[2] / t[1] if t[1] and t[2] is not None else None
                    if t[0] < TOO_SMALL_MS and (t[1] or 0) < 10 * TOO_SMALL_MS:
                        verdict = "too small to judge"
                    else:
                        over = [g for g in (g1, g2) if g is not None and g > LIMIT_GROWTH]
                        verdict = "SUPER-LINEAR" if over else "linear"
                        worst = max([worst, *(g for g in (g1, g2) if g is not None)])
                    fmt = lambda v, w: f"{v:>{w}.3f}" if v is not None else f"{'-':>{w}}"  # noqa: E731
                    gf = lambda v, w: f"{v:>{w}.1f}" if v is not None else f"{'-':>{w}}"  # noqa: E731
                    say(f"  {st:<11} {fmt(t[0], 9)} {fmt(t[1], 10)} {fmt(t[2], 11)} {gf(g1, 7)} {gf(g2, 9)}  {verdict}")
                    rows[st] = {"ms": t, "growth_10x": g1, "growth_100x_over_10x": g2, "verdict": verdict}
                result["languages"][lang][mode] = {"chars_1x": len(by_factor[1]), "stages": rows}
    result["worst_growth"] = round(worst, 2)
    say(f"\nworst growth factor of any judged stage: {worst:.1f} (linear is about 10; the limit is {LIMIT_GROWTH:.0f})")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
