"""Train warta's Indonesian NER (PERSON, ORG, LOC) from the human-annotated sets in ../shared/data/ner.

    python training/train_ner.py              # rebuild the shipped model in src/warta/models/ner-id/
    python training/train_ner.py --fold nerui 3   # one cross-validation model, cached in training/work/

Which data trains which model (no evaluated sentence is ever trained on; see docs/models.md):

- shipped model: NER UI (all of it), IDNer train + dev, NERGrit train; minus every sentence that also occurs
  (after the README's normalisation) in IDNer test, NERGrit valid or NERP valid, the three sets it is scored on.
  NER UGM is left out: its text is IDNer's text under an older, less consistent annotation.
- NER UI fold k: the same, with NER UI reduced to ``train.0k`` + ``dev.0k`` and every sentence of ``test.0k`` removed.
- NER UGM fold k: NER UGM ``train.0k`` + ``dev.0k`` (TIME and QUANTITY dropped), NER UI, NERGrit train; minus every
  sentence of ``test.0k``. IDNer is left out: it re-annotates the same sentences differently.

Training is deterministic (fixed seed, one thread): the same data gives the same model.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from functools import cache
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from thinc.api import Adam, fix_random_seed

from warta.evaluate import LABELS, NER_DATA, REPO, WORK, Sentence, chunks, read_conll

MODEL_DIR = REPO / "src" / "warta" / "models" / "ner-id"
SEED = 1

# The speed/accuracy trade-off (docs/models.md): a small CNN keeps the NER at tens of thousands of words a second.
ARCH = {
    "width": 64,
    "depth": 2,
    "rows": 2000,
    "hidden": 64,
    "maxout": 2,
    "window": 1,
    "epochs": 20,
    "dropout": 0.15,
    "lower_share": 0.25,  # share of sentences added again in lower case (NERP-style text, all-lower headlines)
}


# --------------------------------------------------------------------------- data


@cache
def _read(folder: str, name: str) -> tuple[Sentence, ...]:
    return tuple(read_conll(NER_DATA / folder / name))


def _load(folder: str, name: str) -> list[Sentence]:
    return list(_read(folder, name))


def _without(sents: list[Sentence], banned: set[str]) -> list[Sentence]:
    return [s for s in sents if s.key not in banned]


def _keys(*groups: list[Sentence]) -> set[str]:
    return {s.key for g in groups for s in g}


def shipped_eval_sets() -> dict[str, list[Sentence]]:
    """The held-out sets the shipped model is scored on."""
    return {
        "idner-news-2k": _load("idner-news-2k", "test.txt"),
        "indonlu-nergrit": _load("indonlu-nergrit", "valid_preprocess.txt"),
        "indonlu-nerp": _load("indonlu-nerp", "valid_preprocess.txt"),
    }


def training_data(target: str = "shipped", fold: int | None = None) -> list[Sentence]:
    """Training sentences for the shipped model ("shipped") or for fold ``fold`` of "nerui" / "nerugm"."""
    banned = _keys(*shipped_eval_sets().values())
    nergrit = _load("indonlu-nergrit", "train_preprocess.txt")
    idner = _load("idner-news-2k", "train.txt") + _load("idner-news-2k", "dev.txt")
    if target == "shipped":
        nerui = _load("indolem-nerui", "nergithub.txt")
        data = nerui + idner + nergrit
    elif target == "nerui":
        test = _load("indolem-nerui", f"test.0{fold}.tsv")
        banned |= _keys(test)
        nerui = _load("indolem-nerui", f"train.0{fold}.tsv") + _load("indolem-nerui", f"dev.0{fold}.tsv")
        data = nerui + idner + nergrit
    elif target == "nerugm":
        test = _load("indolem-nerugm", f"test.0{fold}.tsv")
        banned = _keys(test)  # scored on its own test fold only
        nerugm = _load("indolem-nerugm", f"train.0{fold}.tsv") + _load("indolem-nerugm", f"dev.0{fold}.tsv")
        data = nerugm + _load("indolem-nerui", "nergithub.txt") + nergrit
    else:
        raise ValueError(f"unknown target {target!r}")
    return _without(data, banned)


def fingerprint(sents: list[Sentence], arch: dict | None = None) -> str:
    """What a model is built from (recipe, seed, every training token and tag): stored in its meta.json."""
    h = hashlib.sha256(json.dumps({"arch": {**ARCH, **(arch or {})}, "seed": SEED}, sort_keys=True).encode())
    for s in sents:
        h.update("\x1f".join(s.words).encode())
        h.update("\x1e".join(s.tags).encode())
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------- model


def ner_model_config(arch: dict) -> dict:
    """spaCy's transition-based NER with its own small CNN tok2vec (no listener to wire up when sourcing)."""
    rows = arch["rows"]
    ner_model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": arch["hidden"],
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": arch["width"],
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [rows, rows // 2, rows // 2, max(rows // 4, 50)],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": arch["width"],
                "depth": arch["depth"],
                "window_size": arch["window"],
                "maxout_pieces": arch["maxout"],
            },
        },
    }
    return ner_model


def build_nlp(arch: dict, lang: str = "id") -> spacy.Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("ner", config={"model": ner_model_config(arch)})
    return nlp


def save(ner_bytes: bytes, arch: dict, meta: dict, out_dir: Path) -> Path:
    """Save the NER alone in a language-neutral ("xx") pipeline.

    warta's nlp.py sources the ``ner`` pipe into its own ``id`` pipeline, so the saved pipeline needs no
    Indonesian tokenizer: building spaCy's (16k exceptions) would cost seconds at every load. The features
    (NORM, PREFIX, SUFFIX, SHAPE) are the same under either language. Only the labels go into the strings.
    """
    shipped = build_nlp(arch, lang="xx")
    shipped.get_pipe("ner").from_bytes(ner_bytes, exclude=["vocab"])
    shipped.meta.update(meta)
    out_dir = Path(out_dir)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    shipped.to_disk(tmp)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    return out_dir


def to_example(nlp: spacy.Language, sent: Sentence, lower: bool = False) -> Example:
    words = [w.lower() for w in sent.words] if lower else sent.words
    ref = Doc(nlp.vocab, words=words)
    ref.ents = [Span(ref, s, e, label=lab) for s, e, lab in sorted(chunks(sent.tags))]
    return Example(Doc(nlp.vocab, words=words), ref)


def train(sents: list[Sentence], out_dir: Path, arch: dict | None = None, *, log=print) -> Path:
    """Train on ``sents`` for a fixed number of epochs; save the averaged weights (see ``save``)."""
    arch = {**ARCH, **(arch or {})}
    fix_random_seed(SEED)
    rng = random.Random(SEED)
    nlp = build_nlp(arch)
    examples = [to_example(nlp, s) for s in sents]
    n_lower = int(len(examples) * arch["lower_share"])
    if n_lower:
        examples += [to_example(nlp, s, lower=True) for s in rng.sample(sents, n_lower)]
    ner = nlp.get_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    optimizer = Adam(0.001, L2=0.01, grad_clip=1.0, use_averages=True)
    nlp.initialize(lambda: examples[:500], sgd=optimizer)
    started = time.perf_counter()
    cpu_started = time.process_time()
    for epoch in range(arch["epochs"]):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        size = 8 if epoch < 2 else 16 if epoch < 5 else 32
        for i in range(0, len(examples), size):
            nlp.update(examples[i : i + size], drop=arch["dropout"], sgd=optimizer, losses=losses)
        log(f"epoch {epoch + 1:>2}/{arch['epochs']}  loss {losses.get('ner', 0):9.1f}  {time.perf_counter() - started:6.0f}s")
    with nlp.use_params(optimizer.averages):
        ner_bytes = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
    meta = {
        "name": "warta_ner_id",
        "version": "0.1.0",
        "description": "warta's Indonesian NER (PERSON, ORG, LOC), trained by training/train_ner.py",
        "labels": {"ner": list(LABELS)},
        "warta_training": {
            "language": "id",
            "sentences": len(sents),
            "seed": SEED,
            "arch": arch,
            "fingerprint": fingerprint(sents, arch),
            "cpu_seconds": round(time.process_time() - cpu_started),
        },
    }
    return save(ner_bytes, arch, meta, out_dir)


def fold_model_dir(target: str, fold: int) -> Path:
    return WORK / f"ner-{target}-fold{fold}"


def model_is_current(path: Path, sents: list[Sentence]) -> bool:
    """A saved model exists and was trained with the current recipe on exactly ``sents``."""
    meta = Path(path) / "meta.json"
    if not meta.is_file():
        return False
    info = json.loads(meta.read_text()).get("warta_training", {})
    return info.get("fingerprint") == fingerprint(sents)


def fold_model_is_current(path: Path, target: str, fold: int) -> bool:
    return model_is_current(path, training_data(target, fold))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fold", nargs=2, metavar=("SET", "K"), help="train one CV model: SET is nerui or nerugm, K in 1..5")
    ap.add_argument("--out", type=Path, help="where to save (default: the shipped model folder, or training/work/)")
    ap.add_argument("--quiet", action="store_true", help="no per-epoch log")
    ap.add_argument("--arch", type=json.loads, default=None, help="JSON overrides of ARCH (experiments only)")
    args = ap.parse_args(argv)
    if args.arch:
        ARCH.update(args.arch)
    if args.fold:
        target, k = args.fold[0], int(args.fold[1])
        sents = training_data(target, k)
        out = args.out or fold_model_dir(target, k)
    else:
        sents = training_data("shipped")
        out = args.out or MODEL_DIR
    log = (lambda m: None) if args.quiet else (lambda m: print(m, flush=True))
    log(f"{len(sents)} training sentences, {sum(len(s.words) for s in sents)} tokens -> {out}")
    train(sents, out, log=log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
