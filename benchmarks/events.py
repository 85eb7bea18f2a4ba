"""Events benchmark: accuracy on the written fixtures (tests/fixtures/events) and speed.

    python benchmarks/events.py            # tables: triples and full codes, per root, per language; speed
    python benchmarks/events.py --json     # the same numbers as one JSON object on the last line
    python benchmarks/events.py --misses   # also list every missed and every unexpected event

Each fixture NAME.txt has NAME.events.json with the events a correct analysis holds ("events") and those it
may hold ("events_optional"). An event is matched on its (source country, target country, root) triple,
where a gold "*" matches anything (also no actor) and "symmetric" lets source and target swap.
- triple recall: gold events matched by a predicted event; triple precision: predicted events that match a
  gold or optional event.
- code recall: gold events with a "code" whose matched prediction has exactly that CAMEO code; code
  precision: predicted events that match a gold event with the same code, or an optional event.
- dates, locations, fatalities and injured: checked on matched gold events that state them.
Speed: the whole pipeline (``warta.analyze``) and the events stage alone, articles per second on one core,
and peak memory.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "events"


@dataclass
class Fixture:
    name: str
    text: str
    language: str
    published: str | None
    events: list[dict]
    optional: list[dict]


def load_fixtures(folder: Path = FIXTURES) -> list[Fixture]:
    out = []
    for exp in sorted(folder.glob("*.events.json")):
        gold = json.loads(exp.read_text(encoding="utf-8"))
        name = exp.name[: -len(".events.json")]
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        out.append(Fixture(name, text, gold["language"], gold.get("published"), gold.get("events", []), gold.get("events_optional", [])))
    return out


def country(actor) -> str:
    if actor is None:
        return ""
    code = actor.get("code") if isinstance(actor, dict) else getattr(actor, "code", None)
    return str(code or "")[:3].upper()


def matches(pred: dict, gold: dict) -> bool:
    if str(pred.get("code") or "")[:2] != gold["root"]:
        return False
    s, t = country(pred.get("source")), country(pred.get("target"))

    def fits(p: str, want: str) -> bool:
        return want == "*" or p == want

    return (fits(s, gold["source"]) and fits(t, gold["target"])) or (
        bool(gold.get("symmetric")) and fits(t, gold["source"]) and fits(s, gold["target"])
    )


@dataclass
class Tally:
    hit: dict = field(default_factory=dict)
    total: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)

    def add(self, key: str, ok: bool) -> None:
        self.total[key] = self.total.get(key, 0) + 1
        self.hit[key] = self.hit.get(key, 0) + int(ok)

    def ratio(self, key: str) -> float | None:
        t = self.total.get(key, 0)
        return None if t == 0 else self.hit.get(key, 0) / t


def score_fixture(fx: Fixture, predicted: list[dict], t: Tally) -> None:
    used: set[int] = set()
    tags = ("all", fx.language)
    for g in fx.events:
        found = next((i for i, e in enumerate(predicted) if i not in used and matches(e, g)), None)
        for tag in tags + (f"root:{g['root']}",):
            t.add(f"triple_recall:{tag}", found is not None)
        if found is None:
            t.misses.append(f"{fx.name}: missed {g['source']}->{g['target']} {g['root']} ({g.get('code', '')})")
            continue
        used.add(found)
        e = predicted[found]
        if g.get("code"):
            ok = e.get("code") == g["code"]
            for tag in tags + (f"root:{g['root']}",):
                t.add(f"code_recall:{tag}", ok)
            if not ok:
                t.misses.append(f"{fx.name}: {g['root']} coded {e.get('code')} not {g['code']}")
        for key, field_ in (("date", "date"), ("fatalities", "fatalities"), ("injured", "injured")):
            if key in g:
                got = str(e.get(field_))
                ok = got == str(g[key]) or (key == "date" and got[:10] == str(g[key]))  # "2025-05-06TEV" is that day
                t.add(key, ok)
                if not ok:
                    t.misses.append(f"{fx.name}: {g['root']} {key} {e.get(field_)!r} not {g[key]!r}")
        if "location_country" in g:
            loc = e.get("location") or {}
            ok = (loc.get("country") or "") == g["location_country"]
            t.add("location", ok)
            if not ok:
                t.misses.append(f"{fx.name}: {g['root']} location {loc!r} not in {g['location_country']}")
    allowed = fx.events + fx.optional
    for i, e in enumerate(predicted):
        root = str(e.get("code") or "")[:2]
        ok = i in used or any(matches(e, g) for g in allowed)
        code_ok = (i in used and any(matches(e, g) and g.get("code") in (None, e.get("code")) for g in fx.events)) or (
            i not in used and any(matches(e, g) for g in fx.optional)
        )
        for tag in tags + (f"root:{root}",):
            t.add(f"triple_precision:{tag}", ok)
            t.add(f"code_precision:{tag}", code_ok)
        if not ok:
            t.misses.append(
                f"{fx.name}: unexpected {country(e.get('source')) or '-'}->{country(e.get('target')) or '-'} {e.get('code')} "
                f"{e.get('trigger')!r} (sentence {e.get('sentence')})"
            )


def analyze_fixture(fx: Fixture) -> dict:
    from warta import analyze

    rec = analyze(fx.text, lang=fx.language, published=fx.published)
    return rec.to_dict()


def evaluate(fixtures: list[Fixture]) -> tuple[Tally, dict[str, list[dict]]]:
    t = Tally()
    outputs = {}
    for fx in fixtures:
        rec = analyze_fixture(fx)
        outputs[fx.name] = rec["events"]
        score_fixture(fx, rec["events"], t)
    return t, outputs


def speed(fixtures: list[Fixture], rounds: int = 5) -> dict[str, float]:
    from datetime import date

    from warta import analyze
    from warta.entities import find_entities
    from warta.events import find_events
    from warta.lang import load_pack
    from warta.nlp import make_doc
    from warta.quantities import find_quantities
    from warta.quotes import find_quotes
    from warta.times import find_times

    for fx in fixtures:  # warm up: models and lexicons load once
        analyze(fx.text, lang=fx.language, published=fx.published)
    start = time.process_time()
    n = 0
    for _ in range(rounds):
        for fx in fixtures:
            analyze(fx.text, lang=fx.language, published=fx.published)
            n += 1
    pipeline = n / (time.process_time() - start)
    prepared = []
    for fx in fixtures:
        pack = load_pack(fx.language)
        rec = analyze(fx.text, lang=fx.language, published=fx.published)
        doc = make_doc(rec.body, fx.language)
        anchor = date.fromisoformat(fx.published) if fx.published else None
        ents = find_entities(doc, pack)
        prepared.append((doc, ents, find_times(doc, anchor, pack), find_quotes(doc, ents, pack), find_quantities(doc, pack), pack, anchor))
    start = time.process_time()
    n = 0
    for _ in range(rounds * 4):
        for args in prepared:
            find_events(*args)
            n += 1
    stage = n / (time.process_time() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pipeline_articles_per_s": pipeline, "events_stage_articles_per_s": stage, "peak_memory_mb": peak_mb}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    a = ap.parse_args(argv)
    fixtures = load_fixtures()
    t, _ = evaluate(fixtures)
    metrics: dict[str, object] = {"fixtures": len(fixtures)}
    for key in sorted(t.total):
        metrics[key] = t.ratio(key)
    if not a.no_speed:
        metrics.update(speed(fixtures))
    if a.json:
        print(json.dumps(metrics, sort_keys=True))
        return 0
    print(f"events benchmark: {len(fixtures)} written fixtures in tests/fixtures/events")

    def show(key: str) -> str:
        r = t.ratio(key)
        return "   -  " if r is None else f"{r:6.3f}"

    print(f"{'':10s} {'triple P':>9s} {'triple R':>9s} {'code P':>8s} {'code R':>8s}   gold")
    for tag in ["all", "id", "en"] + [f"root:{r:02d}" for r in range(1, 21)]:
        gold_n = t.total.get(f"triple_recall:{tag}", 0)
        print(f"{tag:10s} {show('triple_precision:' + tag):>9s} {show('triple_recall:' + tag):>9s} "
              f"{show('code_precision:' + tag):>8s} {show('code_recall:' + tag):>8s}   {gold_n}")
    for key in ("date", "location", "fatalities", "injured"):
        if key in t.total:
            print(f"{key:10s} {t.ratio(key):.3f} ({t.hit[key]}/{t.total[key]})")
    if not a.no_speed:
        print(f"pipeline: {metrics['pipeline_articles_per_s']:.1f} articles/s per core; "
              f"events stage alone: {metrics['events_stage_articles_per_s']:.1f} articles/s; "
              f"peak memory {metrics['peak_memory_mb']:.0f} MB")
    if a.misses:
        for m in t.misses:
            print(m)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
