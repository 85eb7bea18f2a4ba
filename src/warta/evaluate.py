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
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
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
