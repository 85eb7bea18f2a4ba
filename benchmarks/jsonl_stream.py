"""A 100,000-line JSONL batch streams through warta in bounded memory.

    python benchmarks/jsonl_stream.py                 # 100,000 lines through `warta analyze --format jsonl`
    python benchmarks/jsonl_stream.py --mode read     # the same lines through warta.read.iter_sources only
    python benchmarks/jsonl_stream.py --lines 10000 --json

The batch is written to a temporary file from the benchmark corpus (each line its own URL). By default
each line holds the lead of an article (its first paragraphs, up to about 600 characters) so that
100,000 analyses take minutes, not an hour; ``--full`` writes whole articles. The resident memory of
the process is sampled as it goes and printed at 10 %, 50 % and 100 % of the lines with the peak: a
stream is bounded when the memory at the end is about the memory near the start.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load_articles  # noqa: E402


def rss_mb(pid: int | None = None) -> float:
    """Current resident memory of a process (Linux /proc), in MB."""
    try:
        with open(f"/proc/{pid or 'self'}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def write_batch(path: Path, lines: int, full: bool) -> int:
    articles, _ = load_articles(2400)
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            a = articles[i % len(articles)]
            text = a["text"]
            if not full:
                lead, n = [], 0
                for para in text.split("\n"):
                    if para.strip():
                        lead.append(para)
                        n += len(para)
                    if n > 400:
                        break
                text = "\n\n".join(lead)[:800]
            rec = {"url": f"https://bench.example/{i}", "text": text, "published": a.get("published"), "lang": a["lang"]}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
    return size


def stream_cli(path: Path, lines: int, say) -> dict:
    """Run ``warta analyze FILE --format jsonl``, count its output lines, sample its memory."""
    cmd = [sys.executable, "-m", "warta", "analyze", str(path), "--format", "jsonl"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1 << 16)
    marks = {max(1, lines // 10): "10%", max(1, lines // 2): "50%"}
    samples: dict[str, float] = {}
    peak, done, last = 0.0, 0, float("nan")
    assert proc.stdout is not None
    for _ in proc.stdout:
        done += 1
        if done % 200 == 0 or done in marks:
            now = rss_mb(proc.pid)
            if now == now:  # not NaN: the process was still there
                peak, last = max(peak, now), now
            if done in marks:
                samples[marks[done]] = now
                say(f"  {done:>7,} lines  {time.perf_counter() - t0:7.1f} s  RSS {now:6.0f} MB")
    samples["100%"] = last  # the last sample taken while the process ran
    proc.wait()
    elapsed = time.perf_counter() - t0
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mode": "cli", "lines_out": done, "seconds": round(elapsed, 1), "articles_per_second": round(done / elapsed, 1),
            "peak_rss_mb": round(max(peak, child_peak), 1), "rss_mb_at": {k: round(v, 1) for k, v in samples.items()},
            "exit_code": proc.returncode}


def stream_read(path: Path, lines: int, say) -> dict:
    """warta.read.iter_sources over the file in this process: the reader alone."""
    from warta.read import iter_sources

    base = rss_mb()
    t0 = time.perf_counter()
    marks = {max(1, lines // 10): "10%", max(1, lines // 2): "50%"}
    samples, n = {}, 0
    for _ in iter_sources([str(path)]):
        n += 1
        if n in marks:
            samples[marks[n]] = rss_mb()
            say(f"  {n:>7,} sources  RSS {samples[marks[n]]:6.0f} MB")
    samples["100%"] = rss_mb()
    elapsed = time.perf_counter() - t0
    return {"mode": "read", "sources": n, "seconds": round(elapsed, 2), "rss_mb_before": round(base, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_mb_at": {k: round(v, 1) for k, v in samples.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--mode", choices=("cli", "read"), default="cli")
    ap.add_argument("--full", action="store_true", help="whole articles on each line, not their leads")
    ap.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
    args = ap.parse_args(argv)
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print

    with tempfile.TemporaryDirectory(prefix="warta-stream-") as tmp:
        path = Path(tmp) / "batch.jsonl"
        size = write_batch(path, args.lines, args.full)
        say(f"{args.lines:,} lines, {size / 1e6:.1f} MB of JSONL ({'whole articles' if args.full else 'article leads'})")
        result = (stream_cli if args.mode == "cli" else stream_read)(path, args.lines, say)
    result.update(lines=args.lines, jsonl_mb=round(size / 1e6, 1))
    at = result["rss_mb_at"]
    bounded = "10%" in at and at["100%"] <= at["10%"] * 1.25 + 25
    result["bounded"] = bounded
    say(f"peak RSS {result['peak_rss_mb']:.0f} MB; at 10% / 50% / 100%: "
        + " / ".join(f"{at.get(k, float('nan')):.0f}" for k in ("10%", "50%", "100%"))
        + f" MB -> {'bounded' if bounded else 'GROWING'}"
        + (f"; {result['articles_per_second']} articles/s" if "articles_per_second" in result else ""))
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
