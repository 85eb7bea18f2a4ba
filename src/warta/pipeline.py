"""The one pipeline: read -> layout -> language -> nlp -> stages -> record.

``analyze()`` is the only entry into it; the CLI, the store, the HTTP API and the Spark job call it.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from .entities import find_entities
from .errors import InputError, WartaError
from .events import find_events
from .lang import LANGUAGES, load_pack
from .language import identify_language
from .layout import Article, parse_article
from .nlp import make_doc, make_docs
from .quantities import find_quantities
from .quotes import find_quotes
from .read import Source, iter_sources, source_from_text
from .record import Analysis, Sentence
from .times import find_times


# Articles analyzed together by ``analyze_many`` and ingest: the NER reads their bodies as one batch.
BATCH_SIZE = 16


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
    rec, art = read_article(source, lang=lang, published=published, **meta)
    if art is None:
        return rec
    return analyze_body(rec, art, make_doc(rec.body, rec.language))


def read_article(source: Source | str, *, lang: str = "auto", published: str | None = None, **meta: Any) -> tuple[Analysis, Article | None]:
    """read -> layout -> language: the record so far, and the article when its body goes on to the NLP stages."""
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
        return rec, None
    if lang in LANGUAGES:
        rec.language = lang
    elif source.lang in LANGUAGES:
        rec.language = source.lang
    else:
        code, _share = identify_language(rec.body)
        rec.language = code
    if rec.language not in LANGUAGES:
        rec.warnings.append(f"language not supported (identified as {rec.language!r}); only layout was analyzed")
        return rec, None
    return rec, art


def analyze_body(rec: Analysis, art: Article, doc: Doc) -> Analysis:
    """The NLP stages over the body's Doc (from ``make_doc`` or ``make_docs``): times, entities, quotes,
    quantities, events."""
    pack = load_pack(rec.language)
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


def _guarded(fn, source: Source, *args, **kwargs):
    """Run one article's step; a failure comes back as an error naming the article, never raised."""
    try:
        return fn(*args, **kwargs)
    except WartaError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one bad article must not cost the batch
        return InputError(f"analysis failed ({type(err).__name__}: {err})", where=source.where)


def analyze_batch(sources: list[Source], *, lang: str = "auto", published: str | None = None) -> list[Analysis | WartaError]:
    """``analyze_or_error`` for several articles at once, in order: the NER reads their bodies as one batch,
    which costs less per article than one at a time (docs/performance.md)."""
    read = [_guarded(read_article, src, src, lang=lang, published=published) for src in sources]
    out: list[Analysis | WartaError] = [r if isinstance(r, WartaError) else r[0] for r in read]
    todo = [i for i, r in enumerate(read) if not isinstance(r, WartaError) and r[1] is not None]
    for language in sorted({read[i][0].language for i in todo}):
        group = [i for i in todo if read[i][0].language == language]
        try:
            docs = make_docs([read[i][0].body for i in group], language)
        except Exception:  # noqa: BLE001 - some article broke the batch: take them one by one
            docs = [_guarded(make_doc, sources[i], read[i][0].body, language) for i in group]
        for i, doc in zip(group, docs):
            rec, art = read[i]
            out[i] = doc if isinstance(doc, WartaError) else _guarded(analyze_body, sources[i], rec, art, doc)
    return out


def analyze_or_error(source: Source, *, lang: str = "auto", published: str | None = None) -> Analysis | WartaError:
    """``analyze()`` for batches: a failure of one article comes back as an error naming it, never raised."""
    return _guarded(analyze, source, source, lang=lang, published=published)


def analyze_many(
    paths: Iterable[str], *, lang: str = "auto", published: str | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis | WartaError]:
    """Analyze every article in the given paths, in input order; bad inputs come back as error items."""
    return analyze_stream(iter_sources(paths), lang=lang, published=published, batch_size=batch_size)


def analyze_stream(
    items: Iterable[Source | InputError], *, lang: str = "auto", published: str | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis | WartaError]:
    """Analyze read items (``iter_sources``' output) a batch at a time, in order; an input error passes through."""
    batch: list[Source] = []
    for item in items:
        if isinstance(item, InputError):
            yield from analyze_batch(batch, lang=lang, published=published)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from analyze_batch(batch, lang=lang, published=published)
            batch = []
    yield from analyze_batch(batch, lang=lang, published=published)
