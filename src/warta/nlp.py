"""The spaCy pipeline: a blank ``id`` or ``en`` language, our tokenizer exceptions, sentence
boundaries, and (when shipped) the trained NER. Every spaCy registration of warta lives here."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy
import spacy
from spacy.attrs import SENT_START
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


@cache
def get_nlp(lang: str) -> Language:
    """The pipeline for one language, built once per process."""
    nlp = spacy.blank(lang)
    pack = load_pack(lang)
    for abbr in pack["tokenizer"]["abbreviations"]:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    keep = [re.compile(p) for p in pack["tokenizer"]["keep_whole_patterns"]]
    if keep:
        current = nlp.tokenizer.token_match
        combined = re.compile("|".join(f"(?:{k.pattern})" for k in keep))

        def token_match(text: str, _cur=current, _comb=combined):
            return _comb.match(text) or (_cur(text) if _cur else None)

        nlp.tokenizer.token_match = token_match
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
