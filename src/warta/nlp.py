"""The spaCy pipeline: a blank ``id`` or ``en`` language, our tokenizer exceptions, sentence
boundaries, and (when shipped) the trained NER. Every spaCy registration of warta lives here."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.lang.char_classes import ALPHA, ALPHA_UPPER, HYPHENS
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from .lang import load_pack

MODEL_DIRS = {"id": "ner-id", "en": "ner-en"}


@Language.component("warta_sentences")
def warta_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? (and after a closing quote that follows them) and at paragraph breaks.

    Abbreviations ("Jl.", "Menlu.") are single tokens from the tokenizer exceptions, so they never end a sentence.
    Numbers such as "65.000" and "10.00" are one token as well.
    """
    ends = {".", "!", "?", "…"}
    closers = {"”", '"', "’", "'", ")", "»"}
    if len(doc) == 0:
        return doc
    # Collected, then written in one from_array call: Token.is_sent_start's setter scans the whole Doc
    # (has_annotation("DEP")) on every call, which made this loop quadratic in the article's length.
    starts = [1] * len(doc)
    for i in range(1, len(doc)):
        tok = doc[i]
        prev = doc[i - 1]
        start = False
        if tok.is_space:
            start = False
        elif prev.is_space and "\n" in prev.text:
            start = True
        elif prev.text in ends or (prev.text in closers and i >= 2 and doc[i - 2].text in ends):
            start = not (tok.text in closers or tok.text in ends or tok.is_punct and tok.text in ",;:")
            if start and tok.is_lower and prev.text in ends and tok.text not in ("ia", "dia"):
                start = tok.text[0].isupper() or tok.is_digit
        elif "\n\n" in prev.text_with_ws:
            start = True
        starts[i] = 1 if start else -1
    doc.from_array([SENT_START], numpy.asarray(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def _blank(lang: str, rules: dict) -> Language:
    """``spacy.blank(lang)`` with warta's tokenizer data folded into the language defaults.

    spaCy's Indonesian ships about 16,000 hyphenated reduplications ("langkah-langkah") as special
    cases, which take seconds to load. With ``hyphen_splits_before_upper_only`` a hyphen splits only
    before a capital ("AS-Qatar", "al-Ansari"), so lower-case reduplications stay whole without them,
    and ``keep_whole_patterns`` (with a back-reference for "Undang-Undang") keeps the rest whole.
    """
    cls = spacy.util.get_lang_class(lang)
    exceptions = dict(cls.Defaults.tokenizer_exceptions)
    infixes = list(cls.Defaults.infixes)
    if rules.get("hyphen_splits_before_upper_only"):
        exceptions = {k: v for k, v in exceptions.items() if "-" not in k}
        letter_hyphen_letter = f"(?:{HYPHENS})(?=[{ALPHA}])"
        infixes = [
            p.replace(letter_hyphen_letter, f"(?:{HYPHENS})(?=[{ALPHA_UPPER}])").replace("[\\/-](?=", "[\\/](?=")
            for p in infixes
        ]
    exceptions.update({abbr: [{ORTH: abbr}] for abbr in rules["abbreviations"]})
    defaults = type(f"Warta{cls.__name__}Defaults", (cls.Defaults,), {"tokenizer_exceptions": exceptions, "infixes": infixes})
    nlp = type(f"Warta{cls.__name__}", (cls,), {"Defaults": defaults})()
    keep = rules.get("keep_whole_patterns") or []
    if keep:
        combined = re.compile("|".join(f"(?:{p})" for p in keep))
        current = nlp.tokenizer.token_match

        def token_match(text: str, _cur=current, _comb=combined):
            return _comb.match(text) or (_cur(text) if _cur else None)

        nlp.tokenizer.token_match = token_match
    return nlp


@cache
def get_nlp(lang: str) -> Language:
    """The pipeline for one language, built once per process."""
    pack = load_pack(lang)
    nlp = _blank(lang, pack["tokenizer"])
    model = _model_path(lang)
    if model is not None:
        trained = spacy.load(model)
        if "tok2vec" in trained.pipe_names:
            nlp.add_pipe("tok2vec", source=trained)
        nlp.add_pipe("ner", source=trained)
    nlp.add_pipe("warta_sentences", first=True)
    return nlp


def _model_path(lang: str):
    name = MODEL_DIRS.get(lang)
    if not name:
        return None
    folder = resources.files("warta.models").joinpath(name)
    if folder.is_dir() and folder.joinpath("meta.json").is_file():
        return str(folder)
    return None


def make_doc(text: str, lang: str, *, with_ner: bool = True) -> Doc:
    nlp = get_nlp(lang)
    if with_ner:
        return nlp(text)
    return nlp.get_pipe("warta_sentences")(nlp.make_doc(text))
