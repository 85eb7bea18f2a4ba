"""Tell Indonesian from English (and from anything else) by their function words."""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .lang import LANGUAGES, load_pack

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")  # Latin-script words: quoted Arabic verses must not outvote the text


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    """Function words of the analyzed languages (from their packs) and of some others (named only)."""
    words = {lang: frozenset(load_pack(lang)["stopwords"]["words"]) for lang in LANGUAGES}
    others = json.loads(resources.files("warta.lang").joinpath("other_languages.json").read_text(encoding="utf-8"))
    words.update({code: frozenset(ws) for code, ws in others.items() if not code.startswith("_")})
    return words


def identify_language(text: str, *, sample: int = 4000) -> tuple[str, float]:
    """Return (code, share of function words). ``"und"`` when neither pack's words dominate."""
    words = [w.casefold() for w in _WORD.findall(text[:sample])]
    if not words:
        return "und", 0.0
    shares = {lang: sum(1 for w in words if w in sw) / len(words) for lang, sw in _stopwords().items()}
    ranked = sorted(shares, key=shares.get, reverse=True)
    lang, second = ranked[0], shares[ranked[1]]
    # Few function words (Arabic verses quoted, lists, glued words) still decide when one language clearly leads.
    if shares[lang] < 0.08 and not (shares[lang] >= 0.03 and shares[lang] >= 3 * second):
        return "und", shares[lang]
    return lang, shares[lang]  # another language's code when its words dominate
