"""The knowledge base: countries, places and organizations with their names in Indonesian and English,
their country (ISO3) and CAMEO actor code. Built by ``training/build_kb.py``; never edit the JSON by hand.

    from warta.kb import lookup
    lookup("AS", "id")          # KBEntry(id='USA', name='Amerika Serikat', type='GPE', country='USA', code='USA', ...)
    lookup("Washington", "en")  # the capital; .acts_for == 'USA': when it acts, it is the state
    acting_state("Washington", "en")  # the state's entry, or None when the name is no capital or seat

Every file is read once per process (functools.cache); lookups are dict hits.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterator

KB_FILES = ("countries", "places", "organizations")
LANGS = ("id", "en")
# when one printed name belongs to several entries, the first kind here wins ("Gorontalo" the province,
# "Jakarta" the capital, "Singapore" the country)
KIND_PRIORITY = ("country", "organization", "capital", "province", "area", "city", "regency")


@dataclass(frozen=True)
class KBEntry:
    id: str
    name: str  # canonical name in the language asked for
    type: str  # GPE, LOC, ORG, NORP ...
    kind: str  # country, capital, city, province, regency, area, organization
    country: str | None  # ISO 3166-1 alpha-3
    code: str | None  # CAMEO actor code
    acts_for: str | None = None  # ISO3 of the state a capital or seat of government stands for when it acts
    province: str | None = None


@cache
def _raw(stem: str) -> dict:
    text = resources.files("warta.kb").joinpath(f"{stem}.json").read_text(encoding="utf-8")
    return json.loads(text)


def meta(stem: str) -> dict:
    """The ``_meta`` block of one generated file: builder, source versions, input hash."""
    return dict(_raw(stem).get("_meta", {}))


@cache
def _entries() -> tuple[dict, ...]:
    out = []
    for stem in KB_FILES:
        out.extend(_raw(stem).get("entries", []))
    return tuple(out)


def _entry(raw: dict, lang: str) -> KBEntry:
    return KBEntry(
        id=raw["id"],
        name=raw["name"].get(lang) or raw["name"].get("en") or raw["id"],
        type=raw["type"],
        kind=raw["kind"],
        country=raw.get("country"),
        code=raw.get("code"),
        acts_for=raw.get("acts_for"),
        province=raw.get("province"),
    )


@cache
def _by_id(lang: str) -> dict[str, KBEntry]:
    return {raw["id"]: _entry(raw, lang) for raw in _entries()}


@cache
def alias_index(lang: str) -> dict[str, KBEntry]:
    """Printed name (case-sensitive) -> entry, for one language; ties broken by KIND_PRIORITY, then file order."""
    if lang not in LANGS:
        lang = "en"
    rank = {k: i for i, k in enumerate(KIND_PRIORITY)}
    best: dict[str, tuple[int, int, KBEntry]] = {}
    entries = _by_id(lang)
    for order, raw in enumerate(_entries()):
        entry = entries[raw["id"]]
        r = rank.get(raw["kind"], len(rank))
        for alias in raw["aliases"].get(lang, []):
            held = best.get(alias)
            if held is None or (r, order) < held[:2]:
                best[alias] = (r, order, entry)
    return {alias: held[2] for alias, held in best.items()}


@cache
def folded_index(lang: str) -> dict[str, KBEntry]:
    """Case-folded printed name -> entry: the forgiving index behind ``lookup``."""
    out: dict[str, KBEntry] = {}
    for alias, entry in alias_index(lang).items():
        out.setdefault(alias.casefold(), entry)
    return out


@cache
def demonym_index(lang: str) -> dict[str, KBEntry]:
    """Demonym or people noun as printed ("Israeli", "Palestinians") -> the country's entry."""
    entries = _by_id(lang)
    out: dict[str, KBEntry] = {}
    for raw in _entries():
        for word in raw.get("demonyms", {}).get(lang, []):
            out.setdefault(word, entries[raw["id"]])
    return out


def lookup(name: str, lang: str = "id") -> KBEntry | None:
    """The entry printed as ``name`` in ``lang`` (exact spelling first, then case-insensitive), or None."""
    if not name:
        return None
    name = " ".join(name.split())
    hit = alias_index(lang).get(name)
    if hit is None:
        hit = folded_index(lang).get(name.casefold())
    return hit


def get(kb_id: str, lang: str = "id") -> KBEntry | None:
    return _by_id(lang if lang in LANGS else "en").get(kb_id)


def country(iso3: str | None, lang: str = "id") -> KBEntry | None:
    """The country entry for an ISO3 code."""
    return get(iso3, lang) if iso3 else None


def acting_state(name: str, lang: str = "id") -> KBEntry | None:
    """For a capital or seat of government (Washington, Gedung Putih, Kremlin): the state it stands for."""
    entry = lookup(name, lang)
    if entry is None or not entry.acts_for:
        return None
    return country(entry.acts_for, lang)


def entries(lang: str = "id") -> Iterator[KBEntry]:
    yield from _by_id(lang if lang in LANGS else "en").values()


@cache
def max_alias_words(lang: str) -> int:
    """Longest alias in whitespace-separated words, a bound for n-gram matching."""
    return max((len(a.split()) for a in alias_index(lang)), default=1)
