"""The one pipeline: read -> layout -> language -> nlp -> stages -> record.

``analyze()`` is the only entry into it; the CLI, the store, the HTTP API and the Spark job call it.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any, Iterable, Iterator

from .entities import find_entities
from .errors import InputError, WartaError
from .events import find_events
from .lang import LANGUAGES, load_pack
from .language import identify_language
from .layout import parse_article
from .nlp import make_doc
from .quantities import find_quantities
from .quotes import find_quotes
from .read import Source, iter_sources, source_from_text
from .record import Analysis, Sentence
from .times import find_times


def article_id(url: str | None, body: str) -> str:
    """Content id: hash of the canonical URL, else of the normalized body."""
    if url:
        canon = re.sub(r"^https?://(www\.)?", "", url.strip()).split("#")[0].rstrip("/").casefold()
        key = "url:" + canon
    else:
        key = "body:" + re.sub(r"\s+", " ", body).strip().casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def analyze(source: Source | str, *, lang: str = "auto", published: str | None = None, **meta: Any) -> Analysis:
    """Analyze one article, given as a ``Source`` or as its text (plain or HTML)."""
    if isinstance(source, str):
        source = source_from_text(source, kind="auto", published=published, **meta)
    elif published:
        source.published = published
    art = parse_article(source)
    rec = Analysis(
        source=source.origin or None,
        url=art.url,
        outlet=art.outlet,
        headline=art.headline,
        dateline=art.dateline,
        published=art.published,
        published_basis=art.published_basis,
        credits=art.credits,
        sources=art.sources,
        related=art.related,
        rights=art.rights,
        body=art.body,
        warnings=list(art.warnings),
    )
    rec.id = article_id(rec.url, rec.body)
    if not rec.body.strip():
        rec.language = lang if lang in LANGUAGES else (source.lang or "und")
        return rec
    if lang in LANGUAGES:
        rec.language = lang
    elif source.lang in LANGUAGES:
        rec.language = source.lang
    else:
        code, _share = identify_language(rec.body)
        rec.language = code
    if rec.language not in LANGUAGES:
        rec.warnings.append(f"language not supported (identified as {rec.language!r}); only layout was analyzed")
        return rec

    pack = load_pack(rec.language)
    doc = make_doc(rec.body, rec.language)
    rec.sentences = [Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents if s.text.strip()]
    anchor = date.fromisoformat(rec.published) if rec.published else None
    credit_names = frozenset(
        n for names in (art.credits.reporters, art.credits.writers, art.credits.translators, art.credits.editors, art.credits.photographers) for n in names
    )
    rec.times = find_times(doc, anchor, pack)
    rec.entities = find_entities(doc, pack, exclude_names=credit_names, dateline_place=rec.dateline.place)
    rec.quotes = find_quotes(doc, rec.entities, pack, warnings=rec.warnings)
    rec.quantities = find_quantities(doc, pack)
    rec.events = find_events(doc, rec.entities, rec.times, rec.quotes, rec.quantities, pack, anchor)
    return rec


def analyze_or_error(source: Source, *, lang: str = "auto", published: str | None = None) -> Analysis | WartaError:
    """``analyze()`` for batches: a failure of one article comes back as an error naming it, never raised."""
    try:
        return analyze(source, lang=lang, published=published)
    except WartaError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one bad article must not cost the batch
        return InputError(f"analysis failed ({type(err).__name__}: {err})", where=source.where)


def analyze_many(paths: Iterable[str], *, lang: str = "auto", published: str | None = None) -> Iterator[Analysis | WartaError]:
    """Analyze every article in the given paths, in input order; bad inputs come back as error items."""
    for item in iter_sources(paths):
        yield item if isinstance(item, InputError) else analyze_or_error(item, lang=lang, published=published)
