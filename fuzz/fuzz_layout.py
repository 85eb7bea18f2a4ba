"""Fuzz the anatomy stage (``warta.layout.parse_article``) with atheris.

    python fuzz/fuzz_layout.py -runs=20000 -max_len=4096 fuzz/seeds/layout

Each input is decoded as UTF-8 (invalid bytes replaced) and given to ``parse_article`` as plain text,
with a headline, URL and publication date drawn from the same bytes. A crash is any exception, or a
broken invariant: the body is the paragraphs joined by blank lines, no paragraph is empty or holds a
NUL or other C0 control character, the published date (when any) is ISO ``YYYY-MM-DD``, and every
credit, source and related title is a non-empty string. ``-timeout`` (set by run.sh) turns a
super-linear input into a finding too.
"""
from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports(include=["warta"]):
    from warta.layout import parse_article
    from warta.read import Source

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check(art) -> None:
    assert art.body == "\n\n".join(art.paragraphs), "body is not the paragraphs joined"
    for p in art.paragraphs:
        assert p, "empty paragraph"
        assert not CONTROL.search(p), f"control character left in a paragraph: {p[:60]!r}"
    if art.published is not None:
        assert ISO_DATE.fullmatch(art.published), f"published {art.published!r} is not ISO"
    for names in vars(art.credits).values():
        assert all(isinstance(n, str) and n.strip() for n in names), f"empty credit in {names!r}"
    assert all(isinstance(s, str) and s.strip() for s in art.sources), f"empty source in {art.sources!r}"
    for rel in art.related:
        assert rel.title is None or rel.title.strip(), "empty related title"


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    headline = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 60)) if fdp.ConsumeBool() else None
    url = "https://" + fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40)) if fdp.ConsumeBool() else None
    published = f"{fdp.ConsumeIntInRange(1900, 2100)}-{fdp.ConsumeIntInRange(1, 12):02d}-{fdp.ConsumeIntInRange(1, 28):02d}" \
        if fdp.ConsumeBool() else None
    text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", errors="replace")
    check(parse_article(Source(text=text, headline=headline, url=url, published=published)))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
