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
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps

from .lang import date_names, load_pack

MODEL_DIRS = {"id": "ner-id", "en": "ner-en"}
TOKENIZER_CACHE_CHUNKS = 100_000


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
    # spaCy's "\n" exception changes no token (a newline is a whitespace token either way; checked on 2,400
    # real articles) but makes every call to the tokenizer about 0.9 ms slower per article: drop it.
    exceptions.pop("\n", None)
    defaults = type(f"Warta{cls.__name__}Defaults", (cls.Defaults,), {"tokenizer_exceptions": exceptions, "infixes": infixes})
    nlp = type(f"Warta{cls.__name__}", (cls,), {"Defaults": defaults})()
    # spaCy caches the tokens of each chunk it has split, up to 10,000 chunks, then stops caching. News
    # vocabulary outgrows that within a few hundred articles; 100,000 chunks cost about 7 MB and halve
    # the tokenizer's time over a long run (2,000 articles: 0.93 -> 0.53 ms per article).
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    keep = rules.get("keep_whole_patterns") or []
    if keep:
        combined = re.compile("|".join(f"(?:{p})" for p in keep))
        current = nlp.tokenizer.token_match

        def token_match(text: str, _cur=current, _comb=combined):
            return _comb.match(text) or (_cur(text) if _cur else None)

        nlp.tokenizer.token_match = token_match
    return nlp


class MatmulOps(NumpyOps):
    """thinc's NumpyOps with its matrix product done by numpy (OpenBLAS) instead of BLIS.

    The BLIS build that thinc uses runs its generic reference kernel on these machines: 3x slower than
    numpy's OpenBLAS for the NER's products (362x192 by 192x128: 409 against 137 microseconds on one
    thread). The NER's layers get these ops when the model loads; its results are the same (the names of
    300 real articles were identical). spaCy's transition loop keeps its own BLIS calls.
    """

    name = "warta-matmul"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


@cache
def _blas_threads():
    """OpenBLAS would spread these small products over every core, which costs more CPU than it saves
    (and competes with ingest's workers): the NER runs them on one thread, restored afterwards."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


class NamesNearCapitals:
    """The trained NER, run only on the stretches of an article where a name can be.

    Names in Indonesian and English news are capitalised. The transition-based NER costs the same for every
    token, and about a third of an article's tokens lie more than ``context`` tokens away from any capitalised
    word. This component gives the NER the windows of ``context`` tokens around capitalised words (each
    window is a short Doc, all of them one batch) and writes the names found back onto the article's Doc.
    Inside a window the NER sees what it would see in the whole Doc: its CNN reads two tokens either side.
    Text that is mostly lower case (all-lower headlines, lower-cased corpora) is read whole.
    On 300 real articles the windows agree with the whole-Doc NER on 98.5 % of names; most of the rest are
    the model's own errors on lower-case words ("ayam ras", "seat plan"), which the windows never read.
    """

    def __init__(self, ner, context: int = 2, min_capital_share: float = 0.04, not_names: frozenset[str] = frozenset()):
        self.ner = ner
        self.context = context
        self.min_capital_share = min_capital_share
        # Lower-cased words that are no name when capitalised alone ("Namun", "Menurut" opening a sentence):
        # such a word opens no window unless a capitalised word follows it.
        self.not_names = not_names
        # Lower-case words a name may start or end with: heads ("desa", "gedung") and directions ("selatan").
        self.edge_words: frozenset[str] = frozenset()

    @property
    def labels(self):
        return self.ner.labels

    def with_model(self, ner) -> "NamesNearCapitals":
        """The same windows and word lists around another trained NER (the evaluation's fold models)."""
        other = NamesNearCapitals(ner, self.context, self.min_capital_share, self.not_names)
        other.edge_words = self.edge_words
        return other

    def windows(self, doc: Doc) -> list[tuple[int, int]] | None:
        """Token ranges to read, in order and not touching; None: read the whole Doc."""
        k, n = self.context, len(doc)
        out: list[list[int]] = []
        capitals = words = 0
        strings = doc.vocab.strings
        raw = doc.to_array([ORTH, SENT_START])
        texts = [strings[o] for o in raw[:, 0].tolist()]
        starts = raw[:, 1].astype("int64").tolist()  # 1 where a sentence starts (-1/0/1 stored unsigned)
        lower_words: set[str] | None = None
        for i, text in enumerate(texts):
            first = text[:1]
            if first.isalpha():
                words += 1
            if not first.isupper():
                continue
            capitals += 1
            if not (i + 1 < n and texts[i + 1][:1].isupper()) and not (i and texts[i - 1][:1].isupper()):
                # A capitalised word standing alone opens no window when it is a word that is never a name
                # ("Namun", "Selasa"), or when it opens a sentence and the article also prints it in lower
                # case ("Harga naik ... harga beras"): there it is capitalised only for being first.
                low = text.lower()
                if low in self.not_names:
                    continue
                if i == 0 or starts[i] == 1:
                    if lower_words is None:
                        lower_words = {t for t in texts if t[:1].islower()}
                    if low in lower_words:
                        continue
            a, b = max(0, i - k), min(n, i + k + 1)
            if out and a <= out[-1][1] + k:  # close windows merge: fewer, longer Docs
                out[-1][1] = b
            else:
                out.append([a, b])
        if words and capitals < self.min_capital_share * words:
            return None
        if sum(b - a for a, b in out) > 0.9 * n:
            return None
        return [(a, b) for a, b in out]

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 16):
        for batch in spacy.util.minibatch(docs, size=batch_size):
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]):
        jobs: list[tuple[Doc, int, int]] = []  # (Doc the NER reads, its article, token offset in it)
        whole: set[int] = set()
        for owner, doc in enumerate(docs):
            spans = self.windows(doc)
            if spans is None:
                whole.add(owner)
                jobs.append((doc, owner, 0))
                continue
            for a, b in spans:
                part = doc[a:b]
                jobs.append((Doc(doc.vocab, words=[t.text for t in part], spaces=[bool(t.whitespace_) for t in part]), owner, a))
        found: list[list[Span]] = [[] for _ in docs]
        with _blas_threads().limit(limits=1, user_api="blas"):
            read = list(self.ner.pipe((j[0] for j in jobs), batch_size=max(len(jobs), 1)))
        for (_part, owner, offset), done in zip(jobs, read):
            if owner not in whole:  # a whole Doc already carries its names
                for ent in done.ents:
                    start, end = _trim_lower(done, ent.start, ent.end, self.edge_words)
                    if start < end:
                        found[owner].append(Span(docs[owner], offset + start, offset + end, label=ent.label))
        for owner, doc in enumerate(docs):
            if owner not in whole:
                doc.ents = found[owner]
            yield doc


def _trim_lower(doc: Doc, start: int, end: int, keep: frozenset[str] = frozenset()) -> tuple[int, int]:
    """A name in cased text neither starts nor ends with a lower-case word, save the heads and directions
    names take ("desa Sukamaju", "gedung DPR", "Gaza selatan"; ``keep``): the NER's guesses at the edge of
    a window ("glasiolog Sarah Shackleton", "Tito Karnavian kerap", a lone "diler") lose those words, or vanish."""
    while start < end and doc[start].text.islower() and doc[start].text not in keep:
        start += 1
    while end > start and doc[end - 1].text.islower() and doc[end - 1].text not in keep:
        end -= 1
    return start, end


@Language.factory("warta_names", default_config={"context": 2, "min_capital_share": 0.04})
def make_names(nlp: Language, name: str, context: int, min_capital_share: float) -> NamesNearCapitals:
    """Placeholder until ``get_nlp`` hands it the trained ``ner`` (a factory cannot take a pipe object)."""
    return NamesNearCapitals(None, context=context, min_capital_share=min_capital_share)


@cache
def get_nlp(lang: str) -> Language:
    """The pipeline for one language, built once per process: sentences, then names (when a model ships)."""
    pack = load_pack(lang)
    nlp = _blank(lang, pack["tokenizer"])
    nlp.add_pipe("warta_sentences")
    model = _model_path(lang)
    if model is not None:
        trained = spacy.load(model)
        for string in trained.vocab.strings:
            nlp.vocab.strings.add(string)
        names = nlp.add_pipe("warta_names", name="ner")
        names.ner = trained.get_pipe("ner")
        ops = MatmulOps()
        for layer in names.ner.model.walk():
            layer.ops = ops
        rules = pack.get("entity_rules") or {}
        words = (pack.get("stopwords") or {}).get("words", []) + rules.get("not_names", [])
        names.not_names = frozenset(w.lower() for w in words) | date_names(pack.get("calendar") or {})
        heads = [w for key in ("org_heads", "place_heads", "org_words", "place_words") for w in rules.get(key) or {}]
        names.edge_words = frozenset(w.split()[0].lower() for w in heads if w.strip()) | {
            w.lower() for w in rules.get("directions") or []
        }
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


def make_docs(texts: list[str], lang: str, *, batch_size: int = 16) -> list[Doc]:
    """``make_doc`` for many texts of one language: the NER reads them as batches (cheaper per article)."""
    return list(get_nlp(lang).pipe(texts, batch_size=batch_size))
