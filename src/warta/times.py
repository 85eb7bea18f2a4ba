"""Times: every temporal expression in the body, resolved against the publication date (TIMEX3 values)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from .lang import LanguagePack
from .record import Timex


def find_times(doc: Doc, anchor: date | None, pack: LanguagePack) -> list[Timex]:
    """Not built yet: the times stage lands with its own issue."""
    return []
