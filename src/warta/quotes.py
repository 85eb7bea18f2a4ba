"""Quotes: direct and indirect speech with speaker, role, cue and channel."""
from __future__ import annotations

from spacy.tokens import Doc

from .lang import LanguagePack
from .record import Entity, Quote


def find_quotes(doc: Doc, entities: list[Entity], pack: LanguagePack) -> list[Quote]:
    """Not built yet: the quotes stage lands with its own issue."""
    return []
