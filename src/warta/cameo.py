"""The CAMEO code book as data: event codes (label, root, GDELT QuadClass, Goldstein) and actor codes.

The data live in ``kb/cameo_events.json`` and ``kb/cameo_actors.json`` (built by ``training/build_cameo.py``);
this module only reads them, once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    root: str
    base: str
    quad_class: int
    goldstein: float

    @property
    def root_label(self) -> str:
        return _events()["roots"][self.root]["label"]


@cache
def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("warta.kb").joinpath(name).read_text(encoding="utf-8"))


def _events() -> dict[str, Any]:
    return _load("cameo_events.json")


def actors_data() -> dict[str, Any]:
    """The parsed ``kb/cameo_actors.json``: codes, countries, names per language, places."""
    return _load("cameo_actors.json")


@cache
def lookup(code: str | None) -> CameoCode | None:
    """The CAMEO event code, or None when ``code`` is not one (roots such as "19" are codes too)."""
    if not code:
        return None
    data = _events()
    entry = data["codes"].get(code) or data["roots"].get(code)
    if entry is None:
        return None
    return CameoCode(code, entry["label"], entry["root"], entry["base"], entry["quad_class"], entry["goldstein"])


def all_codes() -> list[str]:
    """Every event code below the roots, in code-book order."""
    return list(_events()["codes"])


def roots() -> dict[str, str]:
    """Root code -> root label ("19" -> "FIGHT")."""
    return {code: entry["label"] for code, entry in _events()["roots"].items()}


def label(code: str) -> str | None:
    c = lookup(code)
    return c.label if c else None


def root(code: str) -> str | None:
    c = lookup(code)
    return c.root if c else None


def quad_class(code: str) -> int | None:
    c = lookup(code)
    return c.quad_class if c else None


def goldstein(code: str) -> float | None:
    c = lookup(code)
    return c.goldstein if c else None


def quad_class_name(quad: int) -> str | None:
    return _events()["quad_classes"].get(str(quad))


def actor_code_meaning(block: str) -> dict[str, str] | None:
    """A 3-character actor block ("GOV", "UNO", "MEA") -> {"kind", "label"}; countries give kind "country"."""
    data = actors_data()
    if block in data["codes"]:
        return data["codes"][block]
    country = data["countries"].get(block)
    if country:
        return {"kind": "country", "label": country["name"]}
    return None


def split_actor_code(code: str | None) -> list[str]:
    """A raw CAMEO actor code split into its 3-character blocks ("USAGOVMIL" -> ["USA", "GOV", "MIL"])."""
    if not code:
        return []
    return [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def country(iso3: str | None) -> dict[str, Any] | None:
    """ISO3 -> {"name", "iso2", "fips", "capital"}."""
    if not iso3:
        return None
    return actors_data()["countries"].get(iso3)


def place(name: str | None) -> dict[str, Any] | None:
    """A known place name -> {"country", "lat", "lon", "capital"}."""
    if not name:
        return None
    return actors_data()["places"].get(name)
