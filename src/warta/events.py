"""Events: who did what to whom, where and when, coded in CAMEO."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from .lang import LanguagePack
from .record import Entity, Event, Quantity, Quote, Timex


def find_events(
    doc: Doc,
    entities: list[Entity],
    times: list[Timex],
    quotes: list[Quote],
    quantities: list[Quantity],
    pack: LanguagePack,
    anchor: date | None,
) -> list[Event]:
    """Not built yet: the events stage lands with its own issue."""
    return []
