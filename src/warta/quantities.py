"""Quantities: numbers with what they count ("hampir 65.000 warga Palestina")."""
from __future__ import annotations

from spacy.tokens import Doc

from .lang import LanguagePack
from .record import Quantity


def find_quantities(doc: Doc, pack: LanguagePack) -> list[Quantity]:
    """Not built yet."""
    return []
