"""Times stage: accuracy and speed, warta side by side with dateparser's ``search_dates``.

    python benchmarks/times.py            # everything
    python benchmarks/times.py --no-ugm   # skip the NER UGM recall (it runs dateparser over 2,343 sentences)

1. The expression table of the tests (tests/fixtures/times/expressions.tsv, both languages): accuracy and
   expressions per second (one call per row) for warta and for dateparser (languages ["id"]/["en"],
   RELATIVE_BASE = the row's anchor). A row is right when an expression overlapping the expected one
   carries the expected value; dateparser returns datetimes, so its value is compared at the granularity
   of the expected one (day, month, year, ISO week, minute; part of day by its date). Values it cannot
   express (durations, sets, decades, quarters) count as wrong; rows whose expected value is null count as
   right when the span is found. A row that names text that is not a time is right when nothing overlaps it.
2. Recall of warta's spans against the human-labelled TIME spans of ../shared/data/ner/indolem-nerugm
   (any overlap), with dateparser's for comparison.
3. Speed of the stage on an article and linearity on a text 100 times as long, per core (process time),
   with peak memory.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import resource
import sys
import time
from datetime import date, datetime
from pathlib import Path

import spacy

from warta.lang import load_pack
from warta.times import find_times

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
UGM = SHARED / "data" / "ner" / "indolem-nerugm" / "nerugm.txt"
SEED = SHARED / "seed" / "antara-qatar-defense.txt"


def load_table() -> list[dict]:
    spec = importlib.util.spec_from_file_location("times_table", REPO / "tests" / "test_times_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ROWS


def dateparser_value(dt: datetime, expected: str) -> str | None:
    """dateparser's datetime written at the granularity of the expected TIMEX3 value."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected):
        return dt.date().isoformat()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T(MO|MI|AF|EV|NI)", expected):
        return dt.date().isoformat() + expected[10:]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*", expected):
        return dt.strftime("%Y-%m-%dT%H:%M") + expected[16:]
    if re.fullmatch(r"\d{4}-\d{2}", expected):
        return dt.strftime("%Y-%m")
    if re.fullmatch(r"\d{4}", expected):
        return f"{dt.year:04d}"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", expected):
        y, w, _ = dt.isocalendar()
        return f"{y:04d}-W{w:02d}" + expected[8:]
    return None  # durations, sets, decades, quarters, seasons: nothing to compare with


def score_row(row: dict, found: list[tuple[int, int, str | None]], value_of) -> tuple[bool, bool]:
    """(right, span found) for one row; ``found`` holds (start, end, raw value)."""
    text, expr = row["sentence"], row["expression"]
    negative = expr.startswith("!")
    start = text.index(expr.lstrip("!"))
    end = start + len(expr.lstrip("!"))
    hits = [f for f in found if f[0] < end and start < f[1]]
    if negative:
        return not hits, not hits
    if not hits:
        return False, False
    if row["value"] is None:
        return True, True
    return any(value_of(raw, row["value"]) == row["value"] for _, _, raw in hits), True


def run_warta(rows, nlp):
    out = []
    for row in rows:
        doc = nlp[row["lang"]].make_doc(row["sentence"])
        out.append([(t.start, t.end, t.value) for t in find_times(doc, row["anchor"], load_pack(row["lang"]))])
    return out


def run_dateparser(rows):
    from dateparser.search import search_dates

    out = []
    for row in rows:
        settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True}
        if row["anchor"]:
            settings["RELATIVE_BASE"] = datetime.combine(row["anchor"], datetime.min.time())
        text = row["sentence"]
        try:
            found = search_dates(text, languages=[row["lang"]], settings=settings) or []
        except Exception:  # noqa: BLE001 - a peer's failure is a miss, not a crash of the benchmark
            found = []
        spans, pos = [], 0
        for sub, dt in found:
            i = text.find(sub, pos)
            if i < 0:
                i = text.find(sub)
            if i >= 0:
                spans.append((i, i + len(sub), dt))
                pos = i + len(sub)
        out.append(spans)
    return out


def timed(fn, *args):
    t = time.process_time()
    result = fn(*args)
    return result, time.process_time() - t


def table_report(rows, nlp) -> None:
    print(f"== expression table: {len(rows)} rows ({sum(r['lang'] == 'id' for r in rows)} id, "
          f"{sum(r['lang'] == 'en' for r in rows)} en), {sum(r['expression'].startswith('!') for r in rows)} negatives")
    systems = {
        "warta": (run_warta, (rows, nlp), lambda raw, exp: raw),
        "dateparser": (run_dateparser, (rows,), lambda raw, exp: dateparser_value(raw, exp)),
    }
    print(f"{'system':<12}{'lang':<6}{'accuracy':>10}{'found':>8}{'expr/s':>10}")
    for name, (fn, args, value_of) in systems.items():
        found, seconds = timed(fn, *args)
        for lang in ("id", "en", "all"):
            idx = [i for i, r in enumerate(rows) if lang == "all" or r["lang"] == lang]
            scores = [score_row(rows[i], found[i], value_of) for i in idx]
            acc = sum(s[0] for s in scores) / len(idx)
            hit = sum(s[1] for s in scores) / len(idx)
            rate = f"{len(rows) / seconds:,.0f}" if lang == "all" else ""
            print(f"{name:<12}{lang:<6}{acc:>10.3f}{hit:>8.3f}{rate:>10}")


def ugm_sentences() -> list[tuple[str, list[tuple[int, int]]]]:
    sents, cur = [], []
    for line in UGM.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        cur.append((parts[0], parts[-1].strip()))
    if cur:
        sents.append(cur)
    out = []
    for sent in sents:
        text, spans, start, end, prev = "", [], None, 0, "O"
        for tok, tag in sent:
            text += (" " if text else "") + tok
            is_time = tag.endswith("TIME")
            if is_time and (tag.startswith("B-") or not prev.endswith("TIME")):
                if start is not None:
                    spans.append((start, end))
                start = len(text) - len(tok)
            if is_time:
                end = len(text)
            elif start is not None:
                spans.append((start, end))
                start = None
            prev = tag
        if start is not None:
            spans.append((start, end))
        out.append((text, spans))
    return out


def ugm_report(nlp, with_dateparser: bool) -> None:
    if not UGM.is_file():
        print("== NER UGM: ../shared/data/ner/indolem-nerugm is not present, skipped")
        return
    data = ugm_sentences()
    gold = sum(len(s) for _, s in data)
    rows = [{"lang": "id", "sentence": text, "anchor": None} for text, _ in data]
    print(f"== NER UGM TIME spans: {gold} in {len(data)} sentences (no publication date: spans only)")
    systems = {"warta": lambda: run_warta(rows, nlp)}
    if with_dateparser:
        systems["dateparser"] = lambda: run_dateparser(rows)
    print(f"{'system':<12}{'recall':>8}{'overlap':>9}{'predicted':>11}{'sent/s':>9}")
    for name, fn in systems.items():
        found, seconds = timed(fn)
        hit = sum(any(f[0] < b and a < f[1] for f in fs) for (_, spans), fs in zip(data, found) for a, b in spans)
        pred = sum(len(fs) for fs in found)
        on_gold = sum(any(f[0] < b and a < f[1] for a, b in spans) for (_, spans), fs in zip(data, found) for f in fs)
        print(f"{name:<12}{hit / gold:>8.3f}{on_gold / max(pred, 1):>9.3f}{pred:>11}{len(data) / seconds:>9,.0f}")
    print("   (overlap: share of predicted spans that touch a labelled TIME span; the labels miss many durations)")


def speed_report(nlp) -> None:
    text = SEED.read_text(encoding="utf-8") if SEED.is_file() else (
        "Qatar pada Selasa (16/9) mengatakan bahwa serangan pada pekan lalu mempercepat kebutuhan. " * 20)
    pack = load_pack("id")
    anchor = date(2025, 9, 16)
    doc = nlp["id"].make_doc(text)
    find_times(doc, anchor, pack)
    n = 300
    body = doc.text
    t = time.process_time()
    for _ in range(n):
        find_times(body, anchor, pack)
    per = (time.process_time() - t) / n
    long_text = "\n\n".join([text] * 100)
    t = time.process_time()
    long_found = find_times(long_text, anchor, pack)
    long_seconds = time.process_time() - t
    print(f"== speed (one core, process time), article of {len(text):,} characters")
    print(f"times stage: {per * 1000:.3f} ms per article = {1 / per:,.0f} articles/second per core "
          f"({len(find_times(body, anchor, pack))} expressions)")
    print(f"100x text ({len(long_text):,} characters): {long_seconds * 1000:.1f} ms = {long_seconds / per:.0f}x one article, "
          f"{len(long_found)} expressions")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-ugm", action="store_true", help="skip the NER UGM recall")
    ap.add_argument("--no-dateparser-ugm", action="store_true", help="NER UGM recall for warta only")
    args = ap.parse_args(argv)
    nlp = {lang: spacy.blank(lang) for lang in ("id", "en")}
    table_report(load_table(), nlp)
    if not args.no_ugm:
        ugm_report(nlp, with_dateparser=not args.no_dateparser_ugm)
    speed_report(nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
