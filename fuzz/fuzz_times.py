"""Fuzz the times stage (``warta.times.find_times``) with atheris.

    python fuzz/fuzz_times.py -runs=20000 -max_len=2048 fuzz/seeds/times

Each input chooses a language, an anchor date (or none) and a text; the text is tokenized with
warta's spaCy pipeline without the NER (the times stage reads ``doc.text`` only). A crash is any
exception, or a broken invariant: expressions in text order and never overlapping, each inside the
text with ``text[start:end] == timex.text``, a TIMEX3 type, and a value that is None or a string
without spaces.
"""
from __future__ import annotations

import sys
from datetime import date

import atheris

with atheris.instrument_imports(include=["warta"]):
    from warta.lang import load_pack
    from warta.nlp import make_doc
    from warta.record import TIMEX_TYPES
    from warta.times import find_times


def check(text: str, found) -> None:
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text), f"[{t.start}, {t.end}) outside {len(text)} characters"
        assert text[t.start:t.end] == t.text, f"text[{t.start}:{t.end}] is {text[t.start:t.end]!r}, timex says {t.text!r}"
        assert t.start >= last_end, f"overlap or disorder at {t.start} (previous end {last_end})"
        assert t.type in TIMEX_TYPES, f"type {t.type!r}"
        assert t.value is None or (isinstance(t.value, str) and t.value and " " not in t.value), f"value {t.value!r}"
        last_end = t.end


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    lang = "en" if fdp.ConsumeBool() else "id"
    anchor = date(fdp.ConsumeIntInRange(1900, 2100), fdp.ConsumeIntInRange(1, 12), fdp.ConsumeIntInRange(1, 28)) \
        if fdp.ConsumeBool() else None
    text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", errors="replace")
    doc = make_doc(text, lang, with_ner=False)
    check(doc.text, find_times(doc, anchor, load_pack(lang)))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
