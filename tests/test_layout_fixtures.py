"""Whole-article fixtures: every anatomy field their expectation states.

Each ``tests/fixtures/articles/<outlet>/NAME.txt`` (or ``.html``) is an article written for these
tests in the style of one outlet; ``NAME.expected.json`` beside it says what its record must hold, in
the format of ``../shared/seed/*.expected.json``. Matching follows ``score_layout`` of
``../shared/eval/score.py`` (lenient on case, spacing and quote marks, strict on substance), plus a
few keys that score.py does not read: ``headline``, ``outlet``, ``published_basis``,
``related_urls`` and ``paragraphs``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest

from warta.errors import InputError
from warta.language import identify_language
from warta.layout import parse_article
from warta.read import iter_sources

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
PAIRS = sorted(p for p in ARTICLES.rglob("*.expected.json"))
ANATOMY_KEYS = ("headline", "dateline", "credits", "sources", "related", "rights", "published", "published_basis", "outlet", "url", "warnings")


def norm(s) -> str:
    """score.py's normalisation: NFKC, curly quotes straightened, quote marks dropped, spaces squeezed."""
    s = unicodedata.normalize("NFKC", str(s or ""))
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\"'`]", "", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def article_of(expected: Path) -> Path:
    gold = json.loads(expected.read_text(encoding="utf-8"))
    return expected.with_name(gold["file"])


def analyze_file(path: Path) -> dict:
    """The anatomy part of the record: reading, layout and language identification only, so that a
    fault in a later stage does not hide what these fixtures test (the whole pipeline runs over them in
    test_fixture_record_is_valid)."""
    items = list(iter_sources([str(path)]))
    assert len(items) == 1, f"{path.name}: expected one article, got {len(items)}"
    assert not isinstance(items[0], InputError), str(items[0])
    art = parse_article(items[0])
    data = {k: v for k, v in asdict(art).items() if k in ANATOMY_KEYS}
    data["body"] = art.body
    data["language"] = identify_language(art.body)[0] if art.body.strip() else None
    return data


def layout_problems(pred: dict, gold: dict) -> list[str]:
    """Every way ``pred`` falls short of ``gold``, as readable lines (empty when it passes)."""
    bad: list[str] = []

    def check(name: str, ok: bool, got) -> None:
        if not ok:
            bad.append(f"{name}: got {got!r}")

    if "language" in gold:
        check("language", norm(pred.get("language")) == norm(gold["language"]), pred.get("language"))
    if "headline" in gold:
        got = pred.get("headline")
        ok = got is None if gold["headline"] is None else norm(got) == norm(gold["headline"])
        check("headline", ok, got)
    if "outlet" in gold:
        got = pred.get("outlet")
        ok = got is None if gold["outlet"] is None else norm(got) == norm(gold["outlet"])
        check("outlet", ok, got)
    for key in ("place", "agency"):
        if key in gold.get("dateline", {}):
            got = (pred.get("dateline") or {}).get(key)
            check(f"dateline.{key}", norm(got) == norm(gold["dateline"][key]), got)
    if "published" in gold:
        got = str(pred.get("published") or "")[:10]
        check("published", got in gold["published"]["any_of"], pred.get("published"))
    if "published_basis" in gold:
        check("published_basis", pred.get("published_basis") == gold["published_basis"], pred.get("published_basis"))
    for role, names in gold.get("credits", {}).items():
        if role.endswith("_optional"):
            continue
        got = sorted(norm(x) for x in (pred.get("credits") or {}).get(role) or [])
        check(f"credits.{role}", set(got) == {norm(x) for x in names}, got)
    if "sources" in gold:
        got = sorted(norm(x) for x in pred.get("sources") or [])
        check("sources", set(got) == {norm(x) for x in gold["sources"]}, got)
    if "related" in gold:
        related = pred.get("related") or []
        titles = [norm(r.get("title") if isinstance(r, dict) else r) for r in related]
        for title in gold["related"]:
            check(f"related {title!r}", norm(title) in titles, titles)
        check("related.count", len(titles) == len(gold["related"]), titles)
        if "related_urls" in gold:
            urls = [r.get("url") for r in related if isinstance(r, dict)]
            check("related.urls", sorted(u for u in urls if u) == sorted(gold["related_urls"]), urls)
    for key, want in gold.get("rights", {}).items():
        got = (pred.get("rights") or {}).get(key)
        ok = norm(got) == norm(want) if isinstance(want, str) else got == want
        check(f"rights.{key}", ok, got)
    body = norm(pred.get("body"))
    for s in gold.get("body_must_include", []):
        check(f"body includes {s!r}", norm(s) in body, None)
    raw_body = pred.get("body") or ""
    for s in gold.get("body_must_exclude", []):
        # Exclusions that are whitespace or punctuation only are checked on the raw body.
        found = s in raw_body if not re.search(r"\w", s) else norm(s) in body
        check(f"body excludes {s!r}", not found, None)
    if "paragraphs" in gold:
        count = len([p for p in raw_body.split("\n\n") if p.strip()])
        check("paragraphs", count == gold["paragraphs"], count)
    return bad


def test_there_are_fixtures_for_every_outlet():
    outlets = {p.parent.name for p in PAIRS}
    want = {"antara", "antara-en", "kompas", "detik", "tempo", "cnnindonesia", "republika", "liputan6", "okezone",
            "tribunnews", "merdeka", "viva", "reuters", "ap", "afp", "anadolu"}
    assert want <= outlets, sorted(want - outlets)
    for outlet in want:
        assert sum(1 for p in PAIRS if p.parent.name == outlet) >= 2, outlet


@pytest.mark.parametrize("expected", PAIRS, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.expected.json')}")
def test_fixture_anatomy(expected: Path):
    gold = json.loads(expected.read_text(encoding="utf-8"))
    pred = analyze_file(article_of(expected))
    problems = layout_problems(pred, gold)
    assert not problems, f"{expected.parent.name}/{gold['file']}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("expected", PAIRS, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.expected.json')}")
def test_fixture_body_has_no_boilerplate_paragraph(expected: Path):
    """Whatever the expectation lists, no paragraph of the body may be a trailer or noise line."""
    pred = analyze_file(article_of(expected))
    boilerplate = re.compile(
        r"^(?:baca juga|lihat juga|simak juga|read also|related news|pewarta|penulis|editor|reporter|penerjemah|"
        r"copyright|advertisement|scroll to continue|\[gambas|sumber\s*:|source\s*:)\b",
        re.I,
    )
    leaked = [p for p in (pred.get("body") or "").split("\n\n") if boilerplate.match(p.strip())]
    assert not leaked, leaked


@pytest.mark.parametrize("expected", PAIRS, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.expected.json')}")
def test_fixture_record_is_valid(expected: Path):
    """The whole pipeline over the fixture: a valid warta/1 record whose anatomy is layout's."""
    import jsonschema

    from warta.pipeline import analyze
    from warta.schema import SCHEMA_FILE

    (src,) = list(iter_sources([str(article_of(expected))]))
    record = analyze(src).to_dict()
    jsonschema.validate(record, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    anatomy = analyze_file(article_of(expected))
    for key in ("headline", "dateline", "credits", "sources", "related", "rights", "published", "published_basis", "outlet", "body"):
        assert record[key] == anatomy[key], key
