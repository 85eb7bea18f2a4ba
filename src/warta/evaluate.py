"""Evaluation against human-annotated data in ../shared (run ``python -m warta.evaluate ner --help``).

``ner``: entity-level precision, recall and F1 (seqeval-style micro average over PERSON, ORG and LOC chunks)
on every labelled Indonesian NER set in ``../shared/data/ner``, for two systems side by side:

- ``spacy``: the plain statistical NER (spaCy transition-based NER trained by ``training/train_ner.py``),
  with neither knowledge base nor rules;
- ``warta``: the same NER inside warta's pipeline followed by the entities stage (knowledge base, rules).

NER UI and NER UGM are scored over their 5 cross-validation folds with one model per fold (cached under
``training/work/``, trained when missing); IDNer test, NERGrit valid and NERP valid are scored with the shipped
model, which never saw their sentences (see docs/models.md).
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

def _find_repo() -> Path:
    """The checkout: beside the source when installed in editable mode, else the working directory."""
    for candidate in (Path(__file__).resolve().parents[2], Path.cwd()):
        if (candidate / "training").is_dir():
            return candidate
    return Path.cwd()


REPO = _find_repo()
SHARED = Path(os.environ["WARTA_SHARED"]) if os.environ.get("WARTA_SHARED") else REPO.parent / "shared"
NER_DATA = SHARED / "data" / "ner"
WORK = REPO / "training" / "work"

LABELS = ("PERSON", "ORG", "LOC")
# Dataset tags -> warta's three NER labels. Anything else (TIME, QUANTITY, IND, EVT, FNB) becomes O.
LABEL_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "PPL": "PERSON",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "PLC": "LOC",
}


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # IOB2 over LABELS, after mapping and repair

    @property
    def key(self) -> str:
        return sentence_key(self.words)


def sentence_key(words: Iterable[str]) -> str:
    """The README's normalisation for overlap checks: lower-case, keep only [0-9a-z]."""
    return re.sub(r"[^0-9a-z]", "", " ".join(words).lower())


def read_conll(path: Path) -> list[Sentence]:
    """Token per line, label in the last column, blank line between sentences; tags mapped to LABELS, IOB2."""
    sents: list[Sentence] = []
    words: list[str] = []
    raw: list[str] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    sents.append(Sentence(words, to_iob2(raw)))
                    words, raw = [], []
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            words.append(cols[0])
            raw.append(cols[-1])
    if words:
        sents.append(Sentence(words, to_iob2(raw)))
    return sents


def to_iob2(raw: list[str]) -> list[str]:
    """Map types to LABELS (others to O) and repair I- after O or another type into B- (conlleval reading)."""
    out: list[str] = []
    prev = "O"
    for tag in raw:
        if tag == "O" or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, _, typ = tag.partition("-")
        label = LABEL_MAP.get(typ.upper())
        if label is None:
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev in (f"B-{label}", f"I-{label}"):
            cur = f"I-{label}"
        else:
            cur = f"B-{label}"
        out.append(cur)
        prev = cur
    return out


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity chunks (start, end, label) of an IOB2 sequence."""
    found = set()
    start = None
    label = None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag.startswith("I-") and label == tag[2:]:
            continue
        if label is not None:
            found.add((start, i, label))
            start = label = None
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return found


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    by_label: dict = field(default_factory=dict)

    def add(self, gold: set, pred: set) -> None:
        tp = gold & pred
        self.tp += len(tp)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        for label in LABELS:
            row = self.by_label.setdefault(label, [0, 0, 0])
            row[0] += sum(1 for c in tp if c[2] == label)
            row[1] += sum(1 for c in pred - gold if c[2] == label)
            row[2] += sum(1 for c in gold - pred if c[2] == label)

    def merge(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for label, row in other.by_label.items():
            mine = self.by_label.setdefault(label, [0, 0, 0])
            for i in range(3):
                mine[i] += row[i]

    def prf(self) -> dict[str, float]:
        return prf(self.tp, self.fp, self.fn)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# --------------------------------------------------------------------------- datasets

@dataclass(frozen=True)
class NerSet:
    folder: str
    title: str
    split: str  # "cv" (5 folds, one model each) or the file scored with the shipped model
    labels: tuple[str, ...] = LABELS
    published: tuple[tuple[str, float, str], ...] = ()  # (system, F1 in %, how it was measured)


NER_SETS = (
    NerSet("indolem-nerui", "NER UI (5-fold CV)", "cv",
           published=(("IndoBERT", 90.1, "micro, 5-fold"), ("BiLSTM", 82.2, "micro, 5-fold"))),
    NerSet("indolem-nerugm", "NER UGM (5-fold CV)", "cv",
           published=(("IndoBERT", 74.9, "micro, 5-fold"), ("BiLSTM", 70.9, "micro, 5-fold"))),
    NerSet("idner-news-2k", "IDNer test", "test.txt"),
    NerSet("indonlu-nergrit", "NERGrit valid", "valid_preprocess.txt",
           published=(("NusaBERT-large", 79.86, "macro over types, valid"),)),
    # NERP has no organisation class and is lower-cased: only PERSON and LOC are scored.
    NerSet("indonlu-nerp", "NERP valid (lower-cased; PERSON, LOC)", "valid_preprocess.txt", labels=("PERSON", "LOC"),
           published=(("NusaBERT-large", 85.12, "macro over 5 types, valid"),)),
)
FOLDS = (1, 2, 3, 4, 5)
CV_TARGET = {"indolem-nerui": "nerui", "indolem-nerugm": "nerugm"}
SHIPPED_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def _train_module():
    """training/train_ner.py of this checkout (the fold recipes live there)."""
    import importlib.util

    path = REPO / "training" / "train_ner.py"
    if not path.is_file():
        raise SystemExit(f"{path} not found: cross-validation needs a source checkout")
    spec = importlib.util.spec_from_file_location("warta_train_ner", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ensure_fold_models(jobs: list[tuple[str, int]], *, parallel: int = 2) -> dict[tuple[str, int], Path]:
    """Cached per-fold models, training the missing ones (``parallel`` single-threaded processes at a time)."""
    import os
    import subprocess

    trainer = _train_module()
    paths = {job: trainer.fold_model_dir(*job) for job in jobs}
    missing = [job for job in jobs if not trainer.fold_model_is_current(paths[job], *job)]
    if missing:
        print(f"training {len(missing)} fold model(s) into {WORK} (about 3 minutes each, {parallel} at a time) ...",
              file=sys.stderr, flush=True)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    running: list[tuple[tuple[str, int], subprocess.Popen, float]] = []
    queue = list(missing)
    while queue or running:
        while queue and len(running) < parallel:
            target, fold = queue.pop(0)
            cmd = [sys.executable, str(REPO / "training" / "train_ner.py"), "--fold", target, str(fold), "--quiet"]
            running.append(((target, fold), subprocess.Popen(cmd, env=env), time.perf_counter()))
        time.sleep(0.5)
        for item in list(running):
            job, proc, started = item
            if proc.poll() is not None:
                running.remove(item)
                if proc.returncode != 0:
                    raise SystemExit(f"training {job} failed (exit {proc.returncode})")
                print(f"  {job[0]} fold {job[1]}: trained in {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    return paths


# --------------------------------------------------------------------------- systems

class Systems:
    """Predicts chunks for one sentence with the plain NER and with warta (NER + entities stage)."""

    def __init__(self, model_dir: Path | None):
        import spacy

        from .lang import load_pack
        from .nlp import NamesNearCapitals, get_nlp

        self.nlp = get_nlp("id")
        self.pack = load_pack("id")
        if model_dir is None:
            if "ner" not in self.nlp.pipe_names:
                raise SystemExit("no shipped NER in src/warta/models/ner-id: run python training/train_ner.py")
            self.ner = self.nlp.get_pipe("ner").ner  # the trained pipe itself, without warta's windows
        else:
            # the saved pipeline is language-neutral ("xx"): only its ner runs, on docs of warta's id vocab
            self.ner = spacy.load(model_dir).get_pipe("ner")
        # warta runs the NER on the windows around capitalised words (nlp.NamesNearCapitals)
        if "ner" in self.nlp.pipe_names:
            self.names = self.nlp.get_pipe("ner").with_model(self.ner)
        else:
            self.names = NamesNearCapitals(self.ner)
        self.stage_errors = 0
        self.stage_entities = 0

    def _doc(self, words: list[str]):
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=words, spaces=[True] * len(words))

    def plain(self, sents: list[Sentence]) -> list[set]:
        docs = self.ner.pipe((self._doc(s.words) for s in sents), batch_size=256)
        return [{(e.start, e.end, e.label_) for e in doc.ents} for doc in docs]

    def warta(self, sents: list[Sentence]) -> list[set]:
        from .entities import find_entities

        out = []
        for sent in sents:
            doc = self._doc(sent.words)
            for name, proc in self.nlp.pipeline:
                doc = self.names(doc) if name == "ner" else proc(doc)
            if "ner" not in self.nlp.pipe_names:
                doc = self.names(doc)
            found = set()
            try:
                entities = find_entities(doc, self.pack)
            except Exception:  # the stage must never raise; count it and score what we have
                self.stage_errors += 1
                entities = []
            for ent in entities:
                label = SHIPPED_TYPES.get(ent.type)
                if label is None:
                    continue
                for m in ent.mentions:
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None:
                        self.stage_entities += 1
                        found.add((span.start, span.end, label))
            out.append(found)
        return out


def score(sents: list[Sentence], preds: list[set], labels: tuple[str, ...]) -> Counts:
    counts = Counts()
    for sent, pred in zip(sents, preds):
        gold = {c for c in chunks(sent.tags) if c[2] in labels}
        counts.add(gold, {c for c in pred if c[2] in labels})
    return counts


def macro_f1(counts: Counts, labels: tuple[str, ...]) -> float:
    return round(statistics.mean(prf(*counts.by_label.get(lab, [0, 0, 0]))["f1"] for lab in labels), 4)


# --------------------------------------------------------------------------- speed


def news_bodies(limit: int) -> list[str]:
    """Indonesian article bodies from ../shared/data/news (detik set), for timing only."""
    import csv

    path = SHARED / "data" / "news" / "gabriellaclairine__indonesian-news-summarization-dataset" / "data_berita.csv"
    if not path.is_file():
        return []
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as fh:
        bodies = [row["isi_berita"] for row in csv.DictReader(fh) if row.get("isi_berita", "").strip()]
    return bodies[:limit]


def measure_speed(limit: int) -> dict[str, float]:
    """Articles per second per core (CPU time of this process): make_doc with the NER, and NER + entities stage."""
    from .entities import find_entities
    from .lang import load_pack
    from .nlp import get_nlp, make_doc, make_docs
    from .pipeline import BATCH_SIZE

    bodies = news_bodies(limit)
    if not bodies:
        return {}
    get_nlp("id")
    pack = load_pack("id")
    for body in bodies[:5]:
        make_doc(body, "id")
    words = 0
    # CPU time of this process: articles per second per core, even when other work shares the machine
    t0 = time.process_time()
    docs = []
    for i in range(0, len(bodies), BATCH_SIZE):  # as the pipeline runs it: a batch of articles at a time
        docs.extend(make_docs(bodies[i : i + BATCH_SIZE], "id"))
    words = sum(len(doc) for doc in docs)
    t_ner = time.process_time() - t0
    t1 = time.process_time()
    for doc in docs:
        try:
            find_entities(doc, pack)
        except Exception:
            pass
    t_stage = time.process_time() - t1
    return {
        "articles": len(bodies),
        "tokens_per_article": round(words / len(bodies), 1),
        "nlp_words_per_s": round(words / t_ner),
        "nlp_articles_per_s": round(len(bodies) / t_ner, 1),
        "entities_stage_articles_per_s": round(len(bodies) / (t_ner + t_stage), 1),
    }


# --------------------------------------------------------------------------- the ner command


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.mean(r[k] for r in rows), 4) for k in ("precision", "recall", "f1")}


def evaluate_set(spec: NerSet, *, folds: tuple[int, ...], models: dict, systems: dict) -> dict:
    """Scores of both systems on one set; CV sets give the mean over folds of the per-fold micro scores."""
    def system_for(model_dir):
        key = str(model_dir)
        if key not in systems:
            systems[key] = Systems(model_dir)
        return systems[key]

    if spec.split == "cv":
        parts = [(read_conll(NER_DATA / spec.folder / f"test.0{k}.tsv"), models[(CV_TARGET[spec.folder], k)]) for k in folds]
    else:
        parts = [(read_conll(NER_DATA / spec.folder / spec.split), None)]
    result: dict = {}
    for name in ("spacy", "warta"):
        per_part, pooled = [], Counts()
        started = time.process_time()
        n_tokens = 0
        for sents, model_dir in parts:
            sysm = system_for(model_dir)
            preds = sysm.plain(sents) if name == "spacy" else sysm.warta(sents)
            counts = score(sents, preds, spec.labels)
            per_part.append(counts.prf())
            pooled.merge(counts)
            n_tokens += sum(len(s.words) for s in sents)
        result[name] = {
            **_mean(per_part),
            "macro_f1": macro_f1(pooled, spec.labels),
            "by_label": {lab: prf(*pooled.by_label.get(lab, [0, 0, 0]))["f1"] for lab in spec.labels},
            "folds": len(parts) if spec.split == "cv" else None,
            "words_per_s": round(n_tokens / max(time.process_time() - started, 1e-9)),
        }
    return result


def run_ner(args: argparse.Namespace) -> int:
    if not NER_DATA.is_dir():
        print(f"{NER_DATA} not found: the NER evaluation needs ../shared beside the repository", file=sys.stderr)
        return 2
    folds = (1,) if args.quick else FOLDS
    specs = [s for s in NER_SETS if not args.sets or s.folder in args.sets]
    models: dict = {}
    jobs = [(CV_TARGET[s.folder], k) for s in specs if s.split == "cv" for k in folds]
    if jobs:
        if args.quick:
            trainer = _train_module()
            cached = {job: trainer.fold_model_dir(*job) for job in jobs}
            models = {job: p for job, p in cached.items() if trainer.fold_model_is_current(p, *job)}
            skipped = [s for s in specs if s.split == "cv" and any(j[0] == CV_TARGET[s.folder] and j not in models for j in jobs)]
            for s in skipped:
                print(f"--quick: no cached fold-1 model for {s.folder}; run without --quick once to train it", file=sys.stderr)
            specs = [s for s in specs if s not in skipped]
        else:
            models = ensure_fold_models(jobs, parallel=args.jobs)
    systems: dict = {}
    results = {spec.folder: evaluate_set(spec, folds=folds, models=models, systems=systems) for spec in specs}
    speed = measure_speed(50 if args.quick else 300)
    stage_found = sum(s.stage_entities for s in systems.values())
    stage_errors = sum(s.stage_errors for s in systems.values())

    print("Indonesian NER: entity-level P / R / F1 (seqeval-style micro over PERSON, ORG, LOC; CV sets: mean of folds)")
    print("  spacy = the plain trained spaCy NER, no knowledge base, no rules; warta = NER + entities stage")
    head = f"{'set':<38} {'system':<6} {'P':>6} {'R':>6} {'F1':>6} {'macro':>6}  published F1"
    print(head)
    print("-" * len(head))
    for spec in specs:
        res = results[spec.folder]
        pub = "; ".join(f"{n} {v:.1f} ({how})" for n, v, how in spec.published) or "-"
        title = spec.title + (" [fold 1 only]" if spec.split == "cv" and args.quick else "")
        for i, name in enumerate(("spacy", "warta")):
            r = res[name]
            print(f"{title if i == 0 else '':<38} {name:<6} {100 * r['precision']:6.1f} {100 * r['recall']:6.1f} "
                  f"{100 * r['f1']:6.1f} {100 * r['macro_f1']:6.1f}  {pub if i == 0 else ''}")
    if stage_found == 0:
        print("note: the entities stage returned no PERSON/ORG/GPE/LOC mention at all (not built yet?)")
    if stage_errors:
        print(f"note: the entities stage raised on {stage_errors} sentence(s); they were scored as empty")
    if speed:
        print(f"speed (this process, one core, {speed['articles']} detik articles, {speed['tokens_per_article']:.0f} tokens each): "
              f"nlp with NER {speed['nlp_words_per_s']:,} words/s = {speed['nlp_articles_per_s']} articles/s; "
              f"NER + entities stage {speed['entities_stage_articles_per_s']} articles/s")
    if args.json:
        # top level: warta (NER + entities stage); the plain NER and the per-label scores are nested
        out = {folder: {**{k: res["warta"][k] for k in ("precision", "recall", "f1")}, "spacy": res["spacy"], "warta": res["warta"]}
               for folder, res in results.items()}
        print(json.dumps({"speed": speed}, sort_keys=True))
        print(json.dumps(out, sort_keys=True))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m warta.evaluate", description="Evaluate warta against the annotated data in ../shared.")
    sub = ap.add_subparsers(dest="command", required=True)
    ner = sub.add_parser(
        "ner",
        help="entity-level P/R/F1 on the Indonesian NER sets",
        description="Entity-level P/R/F1 on the Indonesian NER sets in ../shared/data/ner, plain spaCy NER vs warta. "
        "The full run trains the 10 missing cross-validation models into training/work/ "
        "(about 3 minutes each on one core, two at a time: about 15 minutes) and then scores in a minute or two.",
    )
    ner.add_argument("--json", action="store_true", help="end with one JSON line keyed by dataset folder name")
    ner.add_argument("--quick", action="store_true", help="fold 1 only, cached fold models only (never trains), fewer articles timed")
    ner.add_argument("--sets", nargs="*", metavar="FOLDER", help="only these dataset folders")
    ner.add_argument("--jobs", type=int, default=2, help="fold models trained at once (default 2)")
    args = ap.parse_args(argv)
    if args.command == "ner":
        return run_ner(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
