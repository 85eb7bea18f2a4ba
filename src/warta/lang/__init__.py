"""Language packs: what differs by language, as data files.

``src/warta/lang/<code>/`` holds the same JSON file names for every language (a test checks it).
Each file is a lexicon owned by one stage: ``times.json`` by times, ``speech_cues.json`` by quotes,
``event_triggers.json`` by events, and so on. ``load_pack(lang)`` reads the folder once.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

LANGUAGES = ("id", "en")


class LanguagePack:
    """The lexicons of one language, keyed by file stem: ``pack["times"]``, ``pack.get("titles")``."""

    def __init__(self, code: str, data: Mapping[str, Any]):
        self.code = code
        self._data = MappingProxyType(dict(data))

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self._data.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self._data

    @property
    def files(self) -> frozenset[str]:
        return frozenset(self._data)

    def __repr__(self) -> str:
        return f"LanguagePack({self.code!r}, files={sorted(self._data)})"


def date_names(calendar: Mapping[str, Any]) -> frozenset[str]:
    """Weekday and month names of a pack's ``calendar`` in lower case, without their abbreviations ("Agus"
    abbreviates Agustus and is a first name as often)."""
    out: set[str] = set()
    for key in ("weekdays", "months"):
        names = [k.lower() for k in (calendar.get(key) or {})]
        out |= {n for n in names if len(n) >= 3 and not any(o != n and o.startswith(n) for o in names)}
    return frozenset(out)


@cache
def load_pack(lang: str) -> LanguagePack:
    if lang not in LANGUAGES:
        raise ValueError(f"no language pack for {lang!r}")
    folder = resources.files("warta.lang").joinpath(lang)
    data = {}
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            data[item.name[: -len(".json")]] = json.loads(item.read_text(encoding="utf-8"))
    return LanguagePack(lang, data)
