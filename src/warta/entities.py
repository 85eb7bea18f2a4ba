"""Entities: spans in the body linked to canonical identities, with in-article coreference.

One left-to-right pass over the tokens finds, longest first at each token:
  - knowledge-base names (countries, places, organizations; ``warta.kb``), case-sensitive;
  - titles and roles (``lang/<xx>/titles.json``) with their qualifier ("Menteri Luar Negeri AS",
    "juru bicara Kementerian Luar Negeri", "Emir Qatar") and the name that follows them;
  - names opened by a head word (``entity_rules.json``: "Kementerian ...", "KTT ...", "Gunung ...");
  - runs of capitalised words, kept for later: a run becomes a person only with evidence (a title, a
    speech cue next to it, an appositive role, the trained NER, or a known person's name part).
The trained NER (``doc.ents``, when a model ships) is trusted for its spans and types: where it overlaps a
rule candidate its reading stands unless the knowledge base or a rule has strong evidence (a longer KB
name, a title before a person, an event or state body around a name). What the rules find where the
model is silent is kept when it is strong (KB names, titled multi-word names, names with a speech cue);
a one-word "name" after a title that the model does not read as a person is an office word.

Then mentions are grouped: one entity per KB entry; persons by their name parts ("Rubio" -> "Marco
Rubio"); role-only mentions ("Menlu AS") to the person introduced with that role; a capital or seat of
government that acts ("Washington dan Doha hampir menyelesaikan ...") to its state. A person's country
comes from the office that introduced them; an unqualified national office belongs to the state the
lead is about, else to the language pack's default country.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from . import kb
from .lang import LanguagePack, load_pack
from .record import Entity, Mention

MAX_NAME_TOKENS = 8
MAX_HEAD_TAIL = 6
PLACE_TYPES = {"GPE", "LOC"}
PLACE_KINDS_ANY_LANGUAGE = frozenset({"country", "capital", "city"})  # linked whatever the article's language
_ROLE_CODES = frozenset(
    "GOV MIL COP JUD LEG OPP REB SEP SPY UAF INS AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB MED REF MOD RAD "
    "SET NGO IGO PTY SPO REL".split()
)
_STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.\-]*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_CLOSING = {")": "(", "]": "[", "”": "“"}


# --------------------------------------------------------------------------------------------- lexicon


class _Table(dict):
    """Phrases as token tuples -> value, with the set of first words for a quick miss."""

    def __init__(self, items=()):
        super().__init__(items)
        self.first = frozenset(k[0] for k in self)
        self.longest = max((len(k) for k in self), default=1)


@dataclass(frozen=True)
class _Title:
    text: str
    role: str
    code: str | None
    country: str | None


@dataclass
class _Lexicon:
    lang: str
    kb: _Table
    kb_max: int
    titles: _Table
    titles_max: int
    honorifics: _Table
    ranks: _Table
    prefix_max: int
    org_heads: _Table
    org_heads_folded: _Table
    event_heads: _Table
    place_heads: _Table
    place_head_country: dict[str, str]
    org_words: dict[str, str | None]
    place_words: dict[str, str]
    currency_words: frozenset[str]
    scale_words: frozenset[str]
    directions: frozenset[str]  # lower-case words after a place that stay in its name ("Gaza selatan")
    place_words_lower: frozenset[str]  # place heads printed in lower case inside a name ("kecamatan Pajangan")
    title_of: frozenset[str]
    definite: frozenset[str]
    ordinal_prefixes: frozenset[str]
    office_words: frozenset[str]
    office_pattern: re.Pattern | None
    heads_max: int
    demonyms: dict[str, kb.KBEntry]
    peoples: dict[str, str | None]
    people_prefixes: set[tuple[str, ...]]
    connectors: set[str]
    particles: set[str]
    not_names: set[str]
    stopwords: frozenset[str]
    not_names_as_printed: frozenset[str]
    calendar: set[str]
    locative: set[str]
    coordinators: set[str]
    cues_before: set[str]
    cues_after: set[str]
    acting_after: set[str]
    appositive: set[str]
    stop_name_words: set[str]
    ner_labels: dict[str, str]
    default_country: str | None
    qualifier_before: bool
    clitics: tuple[str, ...]
    passive_prefixes: tuple[str, ...]
    passive_agents: frozenset[str]
    clitic_min_stem: int
    max_person_words: int


def _words(tokenizer, phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenizer(phrase) if not t.is_space)


@cache
def _lexicon(lang: str) -> _Lexicon:
    from .nlp import get_nlp

    pack = load_pack(lang)
    tok = get_nlp(lang).tokenizer
    index: dict[tuple[str, ...], kb.KBEntry] = {}
    for alias, entry in kb.alias_index(lang).items():
        key = _words(tok, alias)
        if key:
            index.setdefault(key, entry)
    # places named in the other language ("Germany" in an Indonesian article, "Jerman" in an English one)
    for other in kb.LANGS:
        if other == lang:
            continue
        for alias, entry in kb.alias_index(other).items():
            if entry.type in PLACE_TYPES and entry.kind in PLACE_KINDS_ANY_LANGUAGE:
                key = _words(tok, alias)
                if key and key not in index:
                    index[key] = kb.get(entry.id, lang) or entry
    titles_data = pack.get("titles", {})
    titles: _Table = {}
    for t in titles_data.get("titles", []):
        for form in t["forms"]:
            key = tuple(w.casefold() for w in _words(tok, form))
            titles.setdefault(key, _Title(form, t["role"], t.get("code"), t.get("country")))
    honorifics = {_words(tok, h): None for h in titles_data.get("honorifics", [])}
    ranks = {}
    for group in titles_data.get("ranks", []):
        for form in group["forms"]:
            ranks.setdefault(_words(tok, form), group["code"])
    rules = pack.get("entity_rules", {})
    org_heads = {_words(tok, h): code for h, code in rules.get("org_heads", {}).items()}
    event_heads = {_words(tok, h): None for h in rules.get("event_heads", [])}
    place_heads = {_words(tok, h): t for h, t in rules.get("place_heads", {}).items()}
    cal = pack.get("calendar", {})
    calendar = {w.casefold() for part in ("months", "weekdays") for w in cal.get(part, {})}
    stop = {w.casefold() for w in pack.get("stopwords", {}).get("words", [])}
    heads = list(org_heads) + list(event_heads) + list(place_heads)
    prefixes = list(honorifics) + list(ranks)
    return _Lexicon(
        lang=lang,
        kb=_Table(index),
        kb_max=max((len(k) for k in index), default=1),
        titles=_Table(titles),
        titles_max=max((len(k) for k in titles), default=1),
        honorifics=_Table(honorifics),
        ranks=_Table(ranks),
        prefix_max=max((len(k) for k in prefixes), default=1),
        org_heads=_Table(org_heads),
        org_heads_folded=_Table({tuple(w.casefold() for w in k): v for k, v in org_heads.items()}),
        event_heads=_Table(event_heads),
        place_heads=_Table(place_heads),
        place_head_country=dict(rules.get("place_head_country", {})),
        org_words=dict(rules.get("org_words", {})),
        place_words=dict(rules.get("place_words", {})),
        currency_words=frozenset(w.casefold() for w in rules.get("currency_words", [])),
        scale_words=frozenset(w.casefold() for w in rules.get("scale_words", [])),
        directions=frozenset(w.casefold() for w in rules.get("directions", [])),
        place_words_lower=frozenset(h.casefold() for h in rules.get("place_heads", {}) if " " not in h),
        title_of=frozenset(w.casefold() for w in rules.get("title_of", [])),
        definite=frozenset(w.casefold() for w in rules.get("definite", [])),
        ordinal_prefixes=frozenset(rules.get("ordinal_prefixes", [])),
        office_words=frozenset(rules.get("office_words", [])),
        office_pattern=re.compile(rules["office_word_pattern"]) if rules.get("office_word_pattern") else None,
        heads_max=max((len(k) for k in heads), default=1),
        demonyms=kb.demonym_index(lang),
        peoples=dict(rules.get("peoples", {})),
        people_prefixes={tuple(w.casefold() for w in _words(tok, p)) for p in rules.get("people_prefixes", [])},
        connectors=set(rules.get("connectors", [])),
        particles=set(rules.get("name_particles", [])),
        not_names={w.casefold() for w in rules.get("not_names", [])} | stop,
        stopwords=frozenset(stop),
        not_names_as_printed=frozenset(rules.get("not_names", [])),
        calendar=calendar,
        locative={w.casefold() for w in rules.get("locative", [])},
        coordinators={w.casefold() for w in rules.get("coordinators", [])},
        cues_before={w.casefold() for w in rules.get("person_cues_before", [])},
        cues_after={w.casefold() for w in rules.get("person_cues_after", [])},
        acting_after={w.casefold() for w in rules.get("acting_after", [])},
        appositive={w.casefold() for w in rules.get("appositive_markers", [])},
        stop_name_words={w.casefold() for w in rules.get("stop_name_words", [])},
        ner_labels=dict(rules.get("ner_labels", {})),
        default_country=rules.get("default_country"),
        qualifier_before=lang == "en",
        clitics=tuple(rules.get("clitics", [])),
        passive_prefixes=tuple(rules.get("passive_prefixes", [])),
        passive_agents=frozenset(w.casefold() for w in rules.get("passive_agents", [])),
        clitic_min_stem=int(rules.get("clitic_min_stem", 5)),
        max_person_words=int(rules.get("max_person_words", 5)),
    )


# ------------------------------------------------------------------------------------------ candidates


@dataclass
class _Cand:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    kind: str  # kb, person, role, org, event, place, norp, run
    type: str | None = None
    entry: kb.KBEntry | None = None
    country: str | None = None
    code: str | None = None
    role: str | None = None  # the office as printed
    role_key: str | None = None
    role_code: str | None = None
    qualified: bool = False
    generic_office: bool = False  # an office with no country of its own ("juru bicara Kementerian Luar Negeri")
    acts: bool = False
    evidence: bool = False  # a run with evidence that it is a person
    name: str | None = None  # display name (persons: without honorifics)
    role_start: int | None = None  # persons introduced by a title: where the office starts


class _Tokens:
    """Plain views of the Doc's tokens (spaCy attribute access is slow in tight loops)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        # one to_array call instead of a Token object per word (spaCy's Token creation dominates otherwise)
        raw = doc.to_array([ORTH, IDX, SPACY, IS_SPACE, SENT_START])
        arr = raw.astype("int64")  # SENT_START is -1/0/1 stored unsigned
        strings = doc.vocab.strings
        self.text = [strings[o] for o in raw[:, 0].tolist()]
        self.fold = [t.casefold() for t in self.text]
        self.idx = arr[:, 1].tolist()
        self.end = [i + len(t) for i, t in zip(self.idx, self.text)]
        self.ws = arr[:, 2].astype(bool).tolist()
        self.space = arr[:, 3].astype(bool).tolist()
        self.sent_start = (arr[:, 4] == 1).tolist()
        if self.sent_start:
            self.sent_start[0] = True
        self.n = len(self.text)
        self.body = "".join(t + " " if w else t for t, w in zip(self.text, self.ws))
        self.lowercased = self.body.islower()  # lower-cased text (NERP, some headlines): capitals say nothing
        # sentence-initial: the first word of a sentence, after any opening quotes or brackets
        self.initial = [False] * self.n
        pending = True
        for i, t in enumerate(self.text):
            if self.sent_start[i]:
                pending = True
            if self.space[i]:
                continue
            if pending and t in {"“", '"', "‘", "'", "(", "[", "«", "-", "—", "–"}:
                continue
            if pending:
                self.initial[i] = True
                pending = False

    def glued(self, i: int) -> bool:
        """Token i is written against token i + 1 (no space between)."""
        return not self.ws[i]

    def span_text(self, start: int, end: int) -> str:
        return self.body[self.idx[start]: self.end[end - 1]]


def _match(table: _Table, toks: _Tokens, i: int, limit: int | None = None, *, fold: bool = False) -> tuple[int, Any]:
    """Longest key of ``table`` starting at token i: (length, value) or (0, None)."""
    words = toks.fold if fold else toks.text
    if i >= toks.n or words[i] not in table.first:
        return (0, None)
    best = (0, None)
    key: tuple[str, ...] = ()
    for j in range(i, min(toks.n, i + (limit or table.longest))):
        if toks.space[j]:
            break
        key = key + (words[j],)
        if key in table:
            best = (len(key), table[key])
    return best


_CAPITALS = frozenset(chr(c) for lo, hi in (("A", "Z"), ("À", "Ö"), ("Ø", "Þ")) for c in range(ord(lo), ord(hi) + 1))


def _is_cap(word: str) -> bool:
    return word[:1] in _CAPITALS  # A-Z, À-Ö, Ø-Þ: a set lookup, not a regex call per word


def _name_like(lex: _Lexicon, toks: _Tokens, i: int) -> bool:
    w = toks.text[i]
    if not _NAME_TOKEN.match(w) or w.casefold() in lex.calendar:
        return False
    if len(w) > 1 and w.isupper() and not _INITIAL.match(w):
        return False  # ALL-CAPS words are acronyms, not names
    return True


def _office_word(lex: _Lexicon, word: str) -> bool:
    """A portfolio or unit word of an office ("Keuangan", "Bidang"), never part of a personal name."""
    if word in lex.office_words:
        return True
    return bool(lex.office_pattern and lex.office_pattern.match(word)) and (word,) not in lex.org_heads


def _clitic(lex: _Lexicon, word: str) -> bool:
    """A word with a clitic ("Keuangannya") is an inflected common word, not a name."""
    low = word.casefold()
    return any(low.endswith(suf) and len(low) - len(suf) >= lex.clitic_min_stem for suf in lex.clitics)


def _name_run(lex: _Lexicon, toks: _Tokens, i: int, *, first_strict: bool = True, stop_at_kb: bool = False) -> int:
    """End (exclusive) of a personal name starting at token i, or i when none starts there."""
    j = i
    words = 0
    while j < toks.n and words < MAX_NAME_TOKENS:
        w = toks.text[j]
        if toks.space[j]:
            break
        if j > i and (_match(lex.ranks, toks, j)[0] or _match(lex.honorifics, toks, j)[0]):
            break
        if stop_at_kb and j > i and toks.text[j - 1] != "-" and _match(lex.kb, toks, j)[0]:
            break
        if w != "-":
            words += 1
        if _name_like(lex, toks, j):
            if j == i and first_strict and w.casefold() in lex.not_names:
                break
            if j == i and (_head(lex, toks, j)[0] or _office_word(lex, w)):
                break
            if _clitic(lex, w):
                break
            if j > i and (w.casefold() in lex.not_names or _match(lex.titles, toks, j, lex.titles_max, fold=True)[0]):
                break
            j += 1
            continue
        # particles inside a name: "bin", "al" (also "al-Ansari"), only between name words
        if j > i and w in lex.particles and j + 1 < toks.n:
            k = j + 1
            if toks.text[k] == "-" and toks.glued(j) and toks.glued(k) and k + 1 < toks.n:
                k += 1
            if _name_like(lex, toks, k):
                j = k
                continue
        # hyphen glued between name parts: "al-Ansari" split as al - Ansari, "Tae-yong"
        if j > i and w == "-" and toks.glued(j - 1) and toks.glued(j) and j + 1 < toks.n and toks.text[j + 1][:1].isalpha():
            j += 1
            while j < toks.n and toks.text[j][:1].islower() and toks.glued(j - 1) and toks.text[j].isalpha():
                j += 1  # "Tae-yong": the lower-case tail of a hyphenated given name
                break
            continue
        break
    # a name never ends in a particle or hyphen
    while j > i and (toks.text[j - 1] in lex.particles or toks.text[j - 1] == "-"):
        j -= 1
    return j


def _skip_prefixes(lex: _Lexicon, toks: _Tokens, i: int) -> tuple[int, str | None]:
    """Skip honorifics and ranks before a name; returns (next token, rank code)."""
    code = None
    for _ in range(4):
        n, rank = _match(lex.ranks, toks, i, lex.prefix_max)
        if n:
            code = code or rank
            i += n
            continue
        n = _match(lex.honorifics, toks, i, lex.prefix_max)[0]
        if n:
            i += n
            continue
        break
    return i, code


def _head(lex: _Lexicon, toks: _Tokens, i: int) -> tuple[int, str | None, Any]:
    """A head word that opens an organization, event or place name: (length, kind, code or type)."""
    if not _is_cap(toks.text[i]):
        return 0, None, None
    best = (0, None, None)
    n, code = _match(lex.org_heads, toks, i, lex.heads_max)
    if n > best[0]:
        best = (n, "org", code)
    n = _match(lex.event_heads, toks, i, lex.heads_max)[0]
    if n > best[0]:
        best = (n, "event", None)
    n, typ = _match(lex.place_heads, toks, i, lex.heads_max)
    if n > best[0]:
        best = (n, "place", typ)
    return best


def _head_tail(lex: _Lexicon, toks: _Tokens, i: int, kind: str) -> tuple[int, kb.KBEntry | None]:
    """End of the name after a head word, and a KB entry that closes it ("Kementerian Luar Negeri Qatar")."""
    j = i
    last_kb = None
    words = 0
    while j < toks.n and words < MAX_HEAD_TAIL:
        w = toks.text[j]
        if toks.space[j]:
            break
        n, entry = _match(lex.kb, toks, j, lex.kb_max)
        if n:
            last_kb = entry
            j += n
            words += 1
            continue
        if kind == "event" and w in lex.ordinal_prefixes and j + 2 < toks.n and toks.text[j + 1] == "-" \
                and toks.glued(j) and toks.glued(j + 1) and toks.text[j + 2].isdigit():
            j += 3  # "ke-47"
            words += 1
            continue
        if _is_cap(w) or (kind == "event" and w[:1].isdigit()):
            if w.casefold() in lex.calendar and kind != "event":
                break
            if _match(lex.titles, toks, j, lex.titles_max, fold=True)[0] and j > i:
                break
            j += 1
            words += 1
            last_kb = None
            continue
        if w == "-" and j > i and toks.glued(j - 1) and toks.glued(j) and j + 1 < toks.n and _is_cap(toks.text[j + 1]):
            j += 1
            continue
        if w in lex.connectors and kind != "place" and j > i and j + 1 < toks.n and _is_cap(toks.text[j + 1]) and not toks.space[j + 1]:
            if _match(lex.kb, toks, j + 1, lex.kb_max)[0] and kind != "org":
                break
            j += 1
            continue
        if re.fullmatch(r"[IVX]+|\d+", w) and j > i:  # Komisi I, Densus 88
            j += 1
            continue
        break
    while j > i and (toks.text[j - 1] in lex.connectors or toks.text[j - 1] == "-"):
        j -= 1
    return j, last_kb


# ------------------------------------------------------------------------------------------ the scan


def _scan(lex: _Lexicon, toks: _Tokens) -> list[_Cand]:
    cands: list[_Cand] = []
    i = 0
    # Every reading below needs a capitalised word or a word that opens a KB name, a title, a rank, an
    # honorific or a people: any other word (most of an article) is passed over at once.
    kb_first, title_first, people = lex.kb.first, lex.titles.first, lex.peoples
    prefix_first = lex.ranks.first | lex.honorifics.first
    while i < toks.n:
        if toks.space[i]:
            i += 1
            continue
        w = toks.text[i]
        if w not in kb_first and toks.fold[i] not in title_first and w not in prefix_first and w not in people \
                and not _is_cap(w):
            i += 1
            continue
        kb_len, entry = _match(lex.kb, toks, i, lex.kb_max)
        title_len, title = _match(lex.titles, toks, i, lex.titles_max, fold=True)
        head_len, head_kind, head_val = _head(lex, toks, i)
        if title_len and title_len > kb_len and title_len >= head_len:
            i = _title_phrase(lex, toks, i, title_len, title, cands)
            continue
        if kb_len and _not_a_kb_mention(lex, toks, i, kb_len, entry):
            i += kb_len
            continue
        if kb_len and kb_len >= head_len and not _inside_name(lex, toks, i, kb_len, entry):
            i = _kb_mention(lex, toks, i, kb_len, entry, cands)
            continue
        if head_len:
            end, last = _head_tail(lex, toks, i + head_len, head_kind)
            if end > i + head_len or (head_len > 1 and head_kind != "place"):
                c = _Cand(i, end, head_kind)
                if head_kind == "org":
                    c.type, c.code = "ORG", head_val
                elif head_kind == "event":
                    c.type = "EVENT"
                else:
                    c.type = head_val
                    c.country = lex.place_head_country.get(w)
                if last is not None and last.type in PLACE_TYPES and head_kind != "place":
                    c.country = last.country
                    c.qualified = True
                elif head_kind == "org" and head_val:
                    c.generic_office = True
                cands.append(c)
                # the state named in a state body or event is a mention of its own ("Kementerian Luar Negeri
                # Qatar"); inside a place's or company's name it is part of the name ("Bidara Cina", "PT Pos Indonesia")
                if head_kind == "event" or head_kind == "org" and head_val in _STATE_ROLES:
                    _inner_kb(lex, toks, i + head_len, end, cands)
                i = end
                continue
        if lex.demonyms.get(w) is not None and _is_cap(w):
            e = lex.demonyms[w]
            cands.append(_Cand(i, i + 1, "norp", "NORP", entry=e, country=e.country))
            i += 1
            continue
        if w in lex.peoples:
            cands.append(_Cand(i, i + 1, "norp", "NORP", country=lex.peoples[w]))
            i += 1
            continue
        pre_end, rank_code = _skip_prefixes(lex, toks, i)
        if pre_end > i:
            # a rank or honorific before a name: "Mayjen TNI Abdul Rahman", "Gus Dur", "Kombes Budi"
            end = _name_run(lex, toks, pre_end, stop_at_kb=True)
            if end > pre_end and not _match(lex.kb, toks, pre_end, lex.kb_max)[0]:
                cands.append(_Cand(pre_end, end, "person", "PERSON", evidence=True, role_code=rank_code, role_start=i))
                i = end
                continue
        if _is_cap(w) and w.casefold() not in lex.not_names:
            end = _name_run(lex, toks, i, first_strict=False, stop_at_kb=True)
            if end > i:
                cands.append(_Cand(i, end, "run"))
                i = end
                continue
        i += 1
    return cands


def _not_a_kb_mention(lex: _Lexicon, toks: _Tokens, i: int, n: int, entry: kb.KBEntry) -> bool:
    """A KB name printed where it names something else: a country after a currency word names the currency
    ("dolar AS", "dolar Singapura"); a short acronym after a number is a unit; a one-word alias that is also a common word, capitalised at the start
    of a sentence ("Antara lain, ..."), is the common word."""
    p = _prev_word(toks, i)
    if entry.kind == "country" and p is not None and toks.fold[p] in lex.currency_words:
        return True
    if n == 1 and p is not None and len(toks.text[i]) <= 3 and toks.text[i].isupper() \
            and (toks.text[p][:1].isdigit() or toks.fold[p] in lex.scale_words):
        return True  # a unit after a number ("46 juta KL" is kilolitres, not Kuala Lumpur)
    w = toks.text[i]
    return n == 1 and toks.initial[i] and not w.isupper() and toks.fold[i] in lex.not_names


def _inside_name(lex: _Lexicon, toks: _Tokens, i: int, n: int, entry: kb.KBEntry) -> bool:
    """A one-word country or city right after an unknown capitalised word is part of a name ("Bidara Cina")."""
    if n != 1 or entry.kind not in ("country", "city", "capital"):
        return False
    p = _prev_word(toks, i)
    if p is None or p != i - 1 or toks.initial[p] or not _name_like(lex, toks, p):
        return False
    w = toks.fold[p]
    if w in lex.not_names or w in lex.calendar:
        return False
    return not (_match(lex.kb, toks, p)[0] or _match(lex.titles, toks, p, fold=True)[0] or _head(lex, toks, p)[0]
                or _match(lex.honorifics, toks, p)[0] or _match(lex.ranks, toks, p)[0])


def _inner_kb(lex: _Lexicon, toks: _Tokens, start: int, end: int, cands: list[_Cand]) -> None:
    """Countries named inside a longer name ("Kementerian Luar Negeri Qatar") are mentions of their own."""
    j = start
    while j < end:
        n, entry = _match(lex.kb, toks, j, min(lex.kb_max, end - j))
        if n and entry.kind == "country":
            cands.append(_Cand(j, j + n, "kb", entry.type, entry=entry, country=entry.country, code=entry.code))
        j += max(n, 1)


def _kb_mention(lex: _Lexicon, toks: _Tokens, i: int, n: int, entry: kb.KBEntry, cands: list[_Cand]) -> int:
    end = i + n
    # a people: "warga Palestina", "orang Jepang"
    if entry.kind == "country":
        for plen in (2, 1):
            s = i - plen
            if s >= 0 and tuple(toks.fold[s:i]) in lex.people_prefixes and not any(toks.space[s:i]):
                cands.append(_Cand(s, end, "norp", "NORP", entry=entry, country=entry.country))
                return end
    # an organization of the state that follows it is that state's, not the one the KB assumes
    # ("Kementerian Keuangan AS"): keep it as a generic institution of the named state
    if entry.kind == "organization" and entry.country:
        m, nxt = _match(lex.kb, toks, end, lex.kb_max)
        if m and nxt.kind == "country" and nxt.country != entry.country:
            role = entry.code[3:] if entry.code and len(entry.code) > 3 else None
            cands.append(_Cand(i, end + m, "org", "ORG", country=nxt.country, code=role, qualified=True))
            cands.append(_Cand(end, end + m, "kb", nxt.type, entry=nxt, country=nxt.country, code=nxt.code))
            return end + m
    c = _Cand(i, end, "kb", entry.type, entry=entry, country=entry.country, code=entry.code)
    cands.append(c)
    return end


def _qualifier_before(lex: _Lexicon, toks: _Tokens, i: int, cands: list[_Cand]) -> tuple[_Cand | None, str | None]:
    """English: the KB mention or demonym before a title ("U.S. Secretary of State", "Qatar's Emir"), also
    across a lower-case body ("Qatari foreign ministry spokesman"); returns it and that body's role code."""
    if not cands:
        return None, None
    last = cands[-1]
    if last.kind not in ("kb", "norp", "org"):
        return None, None
    j = last.end
    if j < toks.n and toks.text[j] in ("'s", "’s"):
        j += 1
    code = None
    for _ in range(4):
        while j < i and toks.space[j]:
            j += 1
        if j == i:
            return last, code
        if toks.text[j].isalpha() and toks.text[j].islower():
            n, head_code = _match(lex.org_heads_folded, toks, j, fold=True)
            code = code or head_code
            j += max(n, 1)
            continue
        break
    return None, None


def _role_part(code: str | None) -> str | None:
    """The role block of an actor code: "IDNLEG" -> "LEG", "GOV" (a head word's own code) -> "GOV"."""
    if not code or code.startswith(("IGO", "NGO", "IMG")):
        return None
    if len(code) == 3:
        return code if code in _ROLE_CODES else None
    return code[3:6] or None


def _title_phrase(lex: _Lexicon, toks: _Tokens, i: int, n: int, title: _Title, cands: list[_Cand]) -> int:
    """TITLE [qualifiers] [,] [honorifics/ranks] [Name]; returns the token after what was read."""
    j = i + n
    q_country: str | None = title.country
    q_code: str | None = None
    qualified = False
    generic = False
    gpe_seen = False
    role_start = i
    before, body_code = _qualifier_before(lex, toks, i, cands) if lex.qualifier_before else (None, None)
    if before is not None:
        q_country = before.country or q_country
        q_code = before.code if before.kind in ("kb", "org") and before.entry is not None and before.entry.kind == "organization" else q_code
        if before.kind == "org":
            q_code = before.code
            generic = before.generic_office and not before.qualified
        q_code = body_code or q_code
        qualified = True
        role_start = before.start
    # qualifiers after the title: "AS", "Kementerian Luar Negeri", "PBB", "Qatar", "of Qatar"
    for _ in range(3):
        k = j
        of = k < toks.n and toks.fold[k] in lex.title_of
        if of:
            k += 1
        m, entry = _match(lex.kb, toks, k, lex.kb_max)
        if of and not m and k < toks.n and _is_cap(toks.text[k]) and not _head(lex, toks, k)[0]:
            # "president of National Semiconductor Corp": an office in a named body, not a state's
            end = _name_run(lex, toks, k, first_strict=False)
            if end > k:
                codes = [lex.org_words[toks.text[t]] for t in range(k, end) if toks.text[t] in lex.org_words]
                cands.append(_Cand(k, end, "org", "ORG", code=next((c for c in codes if c), None)))
                q_code = next((c for c in codes if c), None)
                q_country = title.country
                qualified = True
                j = end
                break
        if m and not (entry.type in PLACE_TYPES and gpe_seen and not of):
            # "Menteri Pertahanan Israel Israel Katz": the second Israel opens the name
            if entry.type in PLACE_TYPES:
                gpe_seen = True
            cands.append(_Cand(k, k + m, "kb", entry.type, entry=entry, country=entry.country, code=entry.code))
            if entry.kind == "organization":
                q_code = entry.code
                if entry.country:
                    q_country = entry.country
                elif entry.code and entry.code.startswith(("IGO", "NGO", "IMG")):
                    q_country = None
            else:
                q_country = entry.country or q_country
            qualified = True
            j = k + m
            continue
        # portfolio words belong to the office: "Menteri Pendidikan Dasar dan Menengah", "Deputi Bidang ..."
        if k < toks.n and _office_word(lex, toks.text[k]) and not _head(lex, toks, k)[0]:
            end = k
            while end < toks.n and (_office_word(lex, toks.text[end]) or (
                    toks.text[end] in lex.connectors and end + 1 < toks.n and _office_word(lex, toks.text[end + 1]))):
                end += 1
            j = end
            continue
        hl, hkind, hval = _head(lex, toks, k)
        if hl and hkind == "org":
            end, last = _head_tail(lex, toks, k + hl, "org")
            # the body's name ends at a KB name when the holder's name follows it ("Sekretaris Perusahaan PT
            # Kereta Api Indonesia Rina Wulandari", "Dirut PT Pertamina Simon Mantiri")
            t = k + hl
            while t < end:
                m, entry = _match(lex.kb, toks, t, lex.kb_max)
                if m and t + m < end and _name_run(lex, toks, t + m, stop_at_kb=True) >= end:
                    end, last = t + m, entry
                    break
                t += max(m, 1)
            if end > k + hl:
                org = _Cand(k, end, "org", "ORG", code=hval)
                if last is not None and last.type in PLACE_TYPES:
                    org.country, org.qualified = last.country, True
                    q_country = last.country
                else:
                    org.generic_office = bool(hval)
                    generic = bool(hval)
                cands.append(org)
                if hval in _STATE_ROLES:
                    _inner_kb(lex, toks, k + hl, end, cands)
                q_code = q_code or hval
                qualified = True
                j = end
                continue
        # capitalised words before a KB name belong to the office: "Kepala Perwakilan BPK Kalimantan Tengah"
        ahead = k
        while ahead < toks.n and ahead - k < 3 and _is_cap(toks.text[ahead]) and not _match(lex.kb, toks, ahead, lex.kb_max)[0] \
                and not _match(lex.ranks, toks, ahead)[0] and not _match(lex.honorifics, toks, ahead)[0]:
            ahead += 1
        if ahead > k and ahead < toks.n and _match(lex.kb, toks, ahead, lex.kb_max)[0]:
            j = ahead
            continue
        if ahead > k and ahead < toks.n and (_match(lex.ranks, toks, ahead)[0] or _match(lex.honorifics, toks, ahead)[0]):
            j = ahead
            break
        hl, hval = _match(lex.org_heads_folded, toks, k, fold=True)
        if hl and not _is_cap(toks.text[k]):
            # a lower-case office: "juru bicara kementerian luar negeri Esmaeil Baqaei"
            end = k + hl
            while end < toks.n and end - k - hl < 3 and toks.text[end].isalpha() and toks.text[end].islower() \
                    and toks.fold[end] not in lex.not_names and toks.fold[end] not in lex.stop_name_words:
                end += 1
            kb_next = _match(lex.kb, toks, end)[0] > 0
            if kb_next or _name_run(lex, toks, end) - end >= 2:
                q_code = q_code or hval
                generic = bool(hval)
                qualified = True
                j = end
                if kb_next:
                    continue  # "pelatih timnas Indonesia Patrick Kluivert"
            break
        break
    role_end = j
    k = j
    if k + 2 < toks.n and toks.text[k] == "(" and toks.text[k + 2] == ")" and (
        _ACRONYM.match(toks.text[k + 1]) or _match(lex.titles, toks, k + 1, lex.titles_max, fold=True)[0]
    ):
        k += 3
        while k < toks.n and toks.space[k]:
            k += 1
    if k < toks.n and toks.text[k] == ",":
        k += 1
    while k < toks.n and toks.space[k]:
        k += 1
    k2, rank_code = _skip_prefixes(lex, toks, k)
    name_end = _name_run(lex, toks, k2, stop_at_kb=True)
    if name_end == k2 and k2 < toks.n:
        # the name may start with a KB word when another name word follows ("Israel Katz")
        m, entry = _match(lex.kb, toks, k2, lex.kb_max)
        if m == 1 and k2 + 1 < toks.n and _name_like(lex, toks, k2 + 1) and not _match(lex.kb, toks, k2 + 1, lex.kb_max)[0]:
            name_end = _name_run(lex, toks, k2 + 1, stop_at_kb=True)
    code = title.code or _role_part(q_code)
    if code is None and rank_code:
        code = rank_code
    role_text = toks.span_text(role_start, role_end)
    common = dict(
        role=role_text,
        role_key=title.role,
        role_code=code,
        country=q_country,
        qualified=qualified,
        generic_office=(generic or (not qualified and title.country is None)),
    )
    if q_code and q_code.startswith(("IGO", "NGO", "IMG")) and title.code is None:
        common["code"] = q_code
    if name_end > k2:
        person = _Cand(k2, name_end, "person", "PERSON", evidence=True, role_start=role_start, **common)
        cands.append(person)
        return name_end
    if j == i + n and k2 > k:  # "Jenderal" + rank words with no name: nothing
        return k2
    cands.append(_Cand(i if before is None else before.start, role_end, "role", None, **common))
    return role_end


# --------------------------------------------------------------------------------------------- the NER


def _shouting(toks: _Tokens, s: int, e: int) -> bool:
    """Inside a line in capitals ("SCROLL TO CONTINUE WITH CONTENT"): page furniture, not names."""
    if not all(toks.text[t].isupper() or not toks.text[t].isalpha() for t in range(s, e)):
        return False
    def caps(t: int) -> bool:
        return toks.text[t].isalpha() and toks.text[t].isupper() and len(toks.text[t]) > 1

    # three capitalised words in a row; acronyms between brackets and commas ("SMGR), BRI (BBRI)") are a list
    a, b = s, e
    while a > 0 and caps(a - 1):
        a -= 1
    while b < toks.n and caps(b):
        b += 1
    return sum(1 for t in range(a, b) if caps(t)) >= 3


def _not_a_name_word(lex: _Lexicon, w: str) -> bool:
    """A word that alone never makes a name: lower case, a stop word, a month. An acronym is checked as
    printed ("TIM" is Taman Ismail Marzuki; "Tim" is a team)."""
    if not _is_cap(w):
        return True
    if w.isupper() and len(w) > 1:
        return w in lex.not_names_as_printed
    return w.casefold() in lex.not_names or w.casefold() in lex.calendar


def _lower_name(lex: _Lexicon, toks: _Tokens, s: int, e: int, label: str, words: list[str]) -> bool:
    """A span of the model's in lower case or of common words that is a name all the same: a KB name
    ("ke bali"), a place word with its name ("desa karangasem"), a month-like first name the speech
    around confirms ("jelas Agus", "Juni menekankan")."""
    if label != "PERSON" and _ner_kb_entry(lex, toks, s, e) is not None:
        return True
    if label in PLACE_TYPES and len(words) > 1 and toks.fold[s] in lex.place_words_lower:
        return True
    if label == "PERSON" and e - s == 1 and _is_cap(words[0]) and toks.fold[s] in lex.calendar:
        p, q = _prev_word(toks, s), _next_word(toks, e)
        return p is not None and toks.fold[p] in lex.cues_before or q is not None and toks.fold[q] in lex.cues_after
    return False


def _plausible_person(lex: _Lexicon, words: list[str]) -> bool:
    """A personal name: few words, no digits, no clitics, particles only inside."""
    core = [w for w in words if w not in lex.particles and w != "-"]
    if not core or len(core) > lex.max_person_words:
        return False
    return not any(any(ch.isdigit() for ch in w) or _clitic(lex, w) for w in words)


def _ner_spans(lex: _Lexicon, toks: _Tokens, doc: Doc) -> list[tuple[int, int, str]]:
    """The trained NER's spans, mapped to record labels, without edge punctuation."""
    out = []
    for ent in getattr(doc, "ents", ()):
        label = lex.ner_labels.get(ent.label_)
        if label is None:
            continue
        s, e = ent.start, ent.end
        while s < e and (toks.space[s] or not any(ch.isalnum() for ch in toks.text[s])):
            s += 1
        while e > s and (toks.space[e - 1] or not any(ch.isalnum() for ch in toks.text[e - 1])):
            if toks.text[e - 1] in _CLOSING and _CLOSING[toks.text[e - 1]] in toks.text[s:e - 1]:
                break  # "PT PLN (Persero)" keeps its bracket
            e -= 1
        if not toks.lowercased:
            # the model's span runs into common words: "PT Texmaco bangkrut"; a person's name into the verb
            # before it. Lower-case words that open the name of a place or body stay ("kecamatan Pajangan",
            # "partai NasDem"), and so do directions after a place ("Gaza selatan").
            while e > s + 1 and toks.text[e - 1][:1].islower() and toks.text[e - 1] not in lex.particles \
                    and not (label != "PERSON" and toks.fold[e - 1] in lex.directions):
                e -= 1
            trimmed = s
            while label == "PERSON" and s < e - 1 and toks.text[s][:1].islower() and toks.text[s] not in lex.particles:
                s += 1
            if s > trimmed and label == "PERSON" and e - s == 1 and _ACRONYM.match(toks.text[s]):
                continue  # "roster RANS": a team's acronym, not a person
        if s >= e:
            continue
        if out and label == "PERSON" and out[-1][2] == "PERSON" and out[-1][1] == s \
                and (toks.text[s - 1] in lex.particles or toks.text[s] in lex.particles):
            out[-1] = (out[-1][0], e, label)  # a name the model split at a particle ("Tamim bin" + "Hamad Al Thani")
            continue
        out.append((s, e, label))
    return out


def _holder_follows(toks: _Tokens, e: int) -> bool:
    """A capitalised word follows the span, after an optional comma ("BPBD Lumajang, Wahyu Hidayat"):
    the span may be the office's place and the holder comes next; "Kepala Pelatih Milos Pejic itu" has none."""
    k = e
    if k < toks.n and toks.text[k] in (",", "("):
        k += 1
    return k < toks.n and _is_cap(toks.text[k])


def _ner_kb_entry(lex: _Lexicon, toks: _Tokens, s: int, e: int) -> kb.KBEntry | None:
    """The KB entry printed exactly as the span (as printed first, then case-insensitive)."""
    n, entry = _match(lex.kb, toks, s)
    if n == e - s:
        return entry
    entry = kb.lookup(toks.span_text(s, e), lex.lang)
    if entry is not None and not (e - s == 1 and len(toks.text[s]) <= 3 and not toks.text[s].isupper()):
        return entry  # case-insensitive, but never a short common word ("as") for an acronym
    return None


def _kb_cand(s: int, e: int, entry: kb.KBEntry) -> _Cand:
    return _Cand(s, e, "kb", entry.type, entry=entry, country=entry.country, code=entry.code)


def _ner_cands(lex: _Lexicon, toks: _Tokens, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Reconcile the rules' candidates with the trained NER's spans; returns the new candidate list.

    The NER's span is kept whole: where a rule candidate cuts it ("Kementerian Hukum" of "Kementerian
    Hukum dan Hak Asasi Manusia") or swallows words around it ("Sepanjang Megawati"), the NER's span
    wins; the rules add what they know (a KB entry printed as the span, the country of a place inside
    it, the role of a title before a person). A KB name that holds the span wins over it (unless it only
    adds the kind of place: "Provinsi Aceh" for "Aceh"); an event or a body of a named state keeps its
    name and the span inside it is a mention of its own ("Munas Bali"); a body of the home country the
    rules joined to a place the model reads alone gives way ("Pemkot Surabaya"). A rule candidate with the
    same span keeps its reading, but takes the model's type where the KB name or head word names the other
    thing (a city as its club, a palace as a place, an office's place). Spans no rule explains are added
    after the same checks a run of capitalised words gets; in lower-cased text the capitalisation checks
    are off.
    """
    lower = toks.lowercased
    spans = _ner_spans(lex, toks, doc)
    _split_at_ner_body(lex, toks, cands, spans)
    person_words = {toks.text[t] for c in cands if c.kind == "person" for t in range(c.start, c.end)}
    cands = sorted(cands, key=lambda c: (c.start, -c.end))
    dropped: set[int] = set()  # ids of candidates the NER replaced
    # a home body the rules joined to its place ("Pemkot Surabaya", "Polda Jabar") where the model reads the
    # place on its own: the model's reading stands
    for c in cands:
        if c.kind == "org" and c.qualified and c.country == lex.default_country \
                and any(c.start < s and e <= c.end for s, e, _ in spans):
            dropped.add(id(c))
    out: list[_Cand] = []
    pending: tuple[_Cand, int] | None = None  # an office whose "name" the model read as a place or body
    # indexes over the candidates (sorted by start), so that each span looks only near itself: a scan of
    # every candidate per span made the stage quadratic in the article's length
    kb_at = {x.start: x for x in cands if x.kind == "kb"}
    starts = [c.start for c in cands]
    longest = max((c.end - c.start for c in cands), default=0)
    roles_by_end: dict[int, list[int]] = {}
    for k, c in enumerate(cands):
        if c.kind == "role":
            roles_by_end.setdefault(c.end, []).append(k)
    for s, e, label in spans:
        if not lower:
            while s < e and toks.fold[s] in lex.not_names and _is_cap(toks.text[s]) and label != "PERSON" and e - s > 1:
                s += 1
        # a span opened by a rank or honorific is a person, whatever the model said ("Kombes Bhakti ...")
        if label != "PERSON" and (_match(lex.ranks, toks, s)[0] or _match(lex.honorifics, toks, s)[0]):
            label = "PERSON"
        # a PERSON span may hold a title the rules did not read: keep the name after it
        if label == "PERSON":
            s2 = s  # an honorific or rank the model reads as part of the name stays ("Gus Dur", "Sultan Hamengkubuwono X")
            while s2 < e and _match(lex.titles, toks, s2, lex.titles_max, fold=True)[0]:
                s2 += _match(lex.titles, toks, s2, lex.titles_max, fold=True)[0]
            s = s2
        if s >= e:
            continue
        near = cands[bisect_left(starts, s - longest) : bisect_left(starts, e)]
        over = [c for c in near if c.start < e and s < c.end and id(c) not in dropped]
        if label == "PERSON" and len(over) == 1 and over[0].kind == "run" and over[0].start <= s and over[0].end >= e \
                and not toks.initial[over[0].start] and _plausible_person(lex, toks.text[over[0].start:over[0].end]) \
                and all(_name_like(lex, toks, t) and not _office_word(lex, toks.text[t]) for t in range(over[0].start, over[0].end)):
            s, e = over[0].start, over[0].end  # extend, never cut, a name the rules read whole ("Bibit S Rianto")
        same = next((c for c in over if c.start == s and c.end == e), None)
        if same is not None and same.kind == "person" and same.role_key and label != "PERSON" \
                and _holder_follows(toks, e):
            # "Kepala Pelaksana BPBD Lumajang, Wahyu Hidayat": the office's place, not its holder
            dropped.add(id(same))
            pending = (same, e)
            same = None
            over = [c for c in over if id(c) not in dropped]
            replaced = True
        else:
            replaced = False
        if same is not None:
            if same.kind == "run":
                _confirm_run(lex, toks, same, label, person_words)
                if label == "PERSON" and pending is not None:
                    _take_pending_role(toks, same, pending)
                    pending = None
            elif same.kind == "kb" and _metonym(lex, toks, same.entry, label, same.start, same.end, kb_at):
                same.kind, same.type, same.entry, same.country, same.code = "ner", label, None, None, None
            elif same.kind == "person" and same.role_key and label != "PERSON":
                # "Gubernur New South Wales", "Kepala Desa Barepan": the office's place or body, no holder named
                same.kind, same.type, same.role, same.role_key, same.code = "ner", label, None, None, None
            elif same.kind in ("org", "place") and label != "PERSON" and label != same.type \
                    and not (label in PLACE_TYPES and same.type in PLACE_TYPES):
                same.type = label  # "di Rumah Sakit Fortis": the model reads the place, not the body
            continue
        holder = next((c for c in over if c.kind == "kb" and c.start <= s and c.end >= e), None)
        if holder is not None:
            # a KB name holds it ("Jakarta Selatan" for a model's "Jakarta"); where the KB name only adds the
            # kind of place ("Provinsi Aceh" for "Aceh"), the model's span stays, linked
            if all(toks.fold[t] in lex.place_words_lower for t in (*range(holder.start, s), *range(e, holder.end))):
                holder.start, holder.end = s, e
            continue
        holder = next((c for c in over if c.kind == "event" or c.kind == "org" and c.qualified), None)
        if holder is not None and holder.start <= s and holder.end >= e:
            # the model knows no events: "KTT ASEAN ke-47" stays whole; nor a known body of a named state
            # ("Kementerian Perdagangan Malaysia"). A name the model finds inside it after its head word is
            # a mention of its own ("Munas Bali", "Pemkot Surabaya").
            if s > holder.start and not any(c.kind == "kb" and c.start <= s and c.end >= e for c in over):
                out.append(_ner_cand(lex, toks, s, e, label, kb_at))
            continue
        if label == "PERSON" and any(c.kind == "person" and c.role_key and (s < c.start or e <= c.end and _whole_name(lex, toks, c, s, e))
                                     for c in over):
            continue  # the name after a title, read whole ("Kapolri Jenderal Polisi Listyo Sigit Prabowo")
        if label != "PERSON" and any(c.kind == "person" and c.role_key and (c.role_start is None or s > c.role_start) for c in over):
            continue  # a place or body that swallows a titled person ("Timur Tengah Steve Witkoff")
        words = [toks.text[t] for t in range(s, e) if not toks.space[t]]
        if not lower:
            if not words or all(_not_a_name_word(lex, w) for w in words):
                if not _lower_name(lex, toks, s, e, label, words):
                    continue
            if _shouting(toks, s, e):
                continue
            if label == "PERSON" and any(not _is_cap(w) and w not in lex.particles and w != "-" for w in words):
                continue  # "bisfenol A": a personal name has no lower-case words but its particles
        if label == "PERSON" and not _plausible_person(lex, words):
            continue
        if not over:
            if not lower and e - s == 1 and toks.initial[s] and label != "PERSON" and not _ACRONYM.match(toks.text[s]):
                continue  # a capitalised first word is as likely a common word
            if label != "PERSON" and not replaced and set(words) <= person_words:
                continue  # a known person's name part ("Luthfi" after "Ahmad Luthfi"), whatever the label
        new = _ner_cand(lex, toks, s, e, label, kb_at)
        for c in over:
            dropped.add(id(c))
            if new.kind == "person" and c.kind in ("person", "role") and c.role_key and new.role_key is None:
                # the title's person cut to the model's name, or a role right before it ("Menteri Hukum
                # dan Hak Asasi Manusia Yasonna Laoly": the rules read "Menteri Hukum" and a run)
                for k in ("role", "role_key", "role_code", "country", "qualified", "generic_office", "code"):
                    setattr(new, k, getattr(c, k))
            elif new.kind == "ner" and c.kind == "kb" and c.entry is not None and c.entry.type in PLACE_TYPES and c.country:
                new.country, new.qualified = c.country, True  # "Polda Bali", "PN Jakarta Selatan"
            elif new.kind == "ner" and c.kind == "org" and c.code and new.code is None:
                new.code = c.code
        if new.kind == "person" and new.role_key is None and pending is not None:
            _take_pending_role(toks, new, pending)
            pending = None
        if new.kind == "person" and new.role_key is None:
            near_roles = sorted(k for end in range(s - 4, s + 1) for k in roles_by_end.get(end, ()))
            role = next((c for c in (cands[k] for k in near_roles) if id(c) not in dropped
                         and all(_is_cap(toks.text[t]) or toks.text[t] in lex.connectors for t in range(c.end, s))), None)
            if role is not None:
                dropped.add(id(role))
                for k in ("role_key", "role_code", "country", "qualified", "generic_office", "code"):
                    setattr(new, k, getattr(role, k))
                new.role = toks.span_text(role.start, s)
        if new.kind == "ner" and new.type == "ORG" and new.country and new.code:
            new.code = new.country + (new.code if len(new.code) == 3 else "")
        out.append(new)
    return [c for c in cands if id(c) not in dropped] + out


def _ner_cand(lex: _Lexicon, toks: _Tokens, s: int, e: int, label: str, kb_at: dict[int, _Cand]) -> _Cand:
    """The candidate for a span of the model's: a KB entry printed as the span, else the model's reading."""
    entry = _ner_kb_entry(lex, toks, s, e)
    if entry is not None and (label != "PERSON" or entry.kind == "country") and not _metonym(lex, toks, entry, label, s, e, kb_at):
        return _kb_cand(s, e, entry)
    return _Cand(s, e, "person" if label == "PERSON" else "ner", label, evidence=True)


def _metonym(lex: _Lexicon, toks: _Tokens, entry: kb.KBEntry | None, label: str, s: int, e: int, kb_at: dict[int, _Cand]) -> bool:
    """The model reads a KB name as the other kind of thing it also names, and context says so: a city as
    its club ("Madrid menang", "bek Barcelona"), a body as the place it sits ("di Istana Negara", "Senayan").
    A country keeps its reading, and so does a capital that acts for its state ("Washington dan Doha")."""
    if entry is None:
        return False
    if label == "ORG" and entry.type in PLACE_TYPES:
        if entry.kind in ("country", "province", "area"):
            return False
        c = _kb_cand(s, e, entry)
        return not _acts(lex, toks, c, kb_at)
    return label in PLACE_TYPES and entry.type == "ORG"


def _split_at_ner_body(lex: _Lexicon, toks: _Tokens, cands: list[_Cand], spans: list[tuple[int, int, str]]) -> None:
    """A title's "name" that opens with a body or place the model tagged ("Dirut Telkom Arwin Rasyid",
    "Wali Kota Pangkalpinang Muhammad Irwansyah"): the body or place belongs to the office, the name follows."""
    bodies = {s: e for s, e, label in spans if label != "PERSON"}
    for c in cands:
        if c.kind != "person" or c.role_start is None or c.start not in bodies:
            continue
        e = bodies[c.start]
        k = e
        while k < c.end and (toks.space[k] or toks.text[k] == ","):
            k += 1
        if e >= c.end or k >= c.end or not _name_like(lex, toks, k):
            continue
        if c.role_key:
            c.role = toks.span_text(c.role_start, e)
        c.start = k


def _whole_name(lex: _Lexicon, toks: _Tokens, person: _Cand, s: int, e: int) -> bool:
    """The words of a titled person outside the model's span are name words, not an office's
    ("Listyo" of "Listyo Sigit Prabowo", unlike "Polhukam" of "Polhukam Luhut Panjaitan")."""
    for t in range(person.start, person.end):
        if s <= t < e or toks.space[t] or toks.text[t] in lex.particles or toks.text[t] == "-":
            continue
        if not _name_like(lex, toks, t) or _office_word(lex, toks.text[t]) or _match(lex.kb, toks, t)[0] or _head(lex, toks, t)[0]:
            return False
    return True


def _take_pending_role(toks: _Tokens, person: _Cand, pending: tuple[_Cand, int]) -> None:
    """The office read before a place or body, given to the person in apposition after it
    ("Kepala Pelaksana BPBD Lumajang, Wahyu Hidayat, mengatakan")."""
    held, at = pending
    if [toks.text[t] for t in range(at, person.start) if not toks.space[t]] not in ([","], []):
        return
    for k in ("role_key", "role_code", "country", "qualified", "generic_office", "code"):
        setattr(person, k, getattr(held, k))
    person.role = toks.span_text(held.role_start if held.role_start is not None else held.start, at)
    person.kind, person.type, person.evidence = "person", "PERSON", True


def _confirm_run(lex: _Lexicon, toks: _Tokens, run: _Cand, label: str, person_words: set[str]) -> None:
    """A run of capitalised words the model tagged with the same span."""
    if label == "PERSON":
        run.evidence = True
        return
    if {toks.text[t] for t in range(run.start, run.end)} <= person_words:
        return  # "Erdogan" after "Presiden Turki Recep Tayyip Erdogan" stays the person
    run.kind, run.type = ("org" if label == "ORG" else "place" if label in PLACE_TYPES else "event"), label


# ------------------------------------------------------------------------------------ classification


def _prev_word(toks: _Tokens, i: int) -> int | None:
    j = i - 1
    while j >= 0 and toks.space[j]:
        j -= 1
    return j if j >= 0 else None


def _next_word(toks: _Tokens, i: int) -> int | None:
    j = i
    while j < toks.n and toks.space[j]:
        j += 1
    return j if j < toks.n else None


def _appositive_title(lex: _Lexicon, toks: _Tokens, end: int) -> tuple[int, _Title | None]:
    """A role right after a name: "Marco Rubio, Menteri Luar Negeri AS" or "X selaku Ketua ..."."""
    j = _next_word(toks, end)
    if j is None:
        return 0, None
    if toks.text[j] == "," or toks.fold[j] in lex.appositive:
        j = _next_word(toks, j + 1)
        if j is None:
            return 0, None
        if toks.fold[j] in ("the", "a", "an", "sang"):
            j = _next_word(toks, j + 1)
            if j is None:
                return 0, None
        n, title = _match(lex.titles, toks, j, lex.titles_max, fold=True)
        if n:
            return j, title
    return 0, None


def _classify_runs(lex: _Lexicon, toks: _Tokens, cands: list[_Cand]) -> list[_Cand]:
    out = []
    for c in cands:
        if c.kind != "run":
            out.append(c)
            continue
        # drop leading words that never start a name ("Sementara", "Pada", sentence-initial verbs) and ranks
        while c.start < c.end:
            if toks.fold[c.start] in lex.not_names or toks.fold[c.start] in lex.calendar:
                c.start += 1
                continue
            nxt, _ = _skip_prefixes(lex, toks, c.start)
            if nxt == c.start or nxt >= c.end:
                break
            c.start = nxt
        if c.start >= c.end:
            continue
        if c.end - c.start > 1:
            words = [toks.text[t] for t in range(c.start, c.end)]
            org = [w for w in words if w in lex.org_words]
            place = [lex.place_words[w] for w in words if w in lex.place_words]
            if org or place:
                if org:
                    c.kind, c.type, c.code = "org", "ORG", next((lex.org_words[w] for w in org if lex.org_words[w]), None)
                else:
                    c.kind, c.type = "place", place[-1]
                out.append(c)
                continue
        p = _prev_word(toks, c.start)
        q = _next_word(toks, c.end)
        cue = (p is not None and toks.fold[p] in lex.cues_before) or (q is not None and toks.fold[q] in lex.cues_after)
        j, title = _appositive_title(lex, toks, c.end)
        if title is not None:
            c.evidence = True
            c.role_key, c.role_code, c.country = title.role, title.code, title.country
            sub: list[_Cand] = []
            _title_phrase(lex, toks, j, _match(lex.titles, toks, j, lex.titles_max, fold=True)[0], title, sub)
            role = next((s for s in sub if s.kind in ("role", "person")), None)
            if role is not None:
                c.role, c.role_code = role.role, role.role_code or c.role_code
                c.country, c.qualified = role.country, role.qualified
                c.generic_office = role.generic_office
            out.extend(s for s in sub if s.kind in ("kb", "org"))
        if cue and not (c.end - c.start == 1 and toks.initial[c.start]):
            c.evidence = True
        if c.evidence and not _plausible_person(lex, [toks.text[t] for t in range(c.start, c.end)]):
            c.evidence = False
        c.kind = "person" if c.evidence else "run"
        c.type = "PERSON" if c.evidence else None
        out.append(c)
    return out


# -------------------------------------------------------------------------------------------- linking


@dataclass
class _Group:
    key: str
    type: str
    name: str
    country: str | None = None
    code: str | None = None
    role: str | None = None
    kb_id: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role_key: str | None = None
    name_parts: frozenset[str] = frozenset()
    generic_office: bool = False
    order: int = 0


def _name_parts(lex: _Lexicon, text: str) -> frozenset[str]:
    """The words that identify a person: no particles, no initials ("Dedie A. Rachim" = "Dedie A Rachim")."""
    return frozenset(_name_words(lex, text))


def _name_words(lex: _Lexicon, text: str) -> list[str]:
    """``_name_parts`` in the order printed (a set's order changes from run to run)."""
    parts = [p.rstrip(".") for p in re.split(r"[\s\-]+", text)]
    lower = text.islower()  # lower-cased text: every word counts
    parts = [p for p in parts if p and p not in lex.particles and (lower or p[:1].isupper()) and p.casefold() not in ("al", "el")]
    full = [p for p in parts if len(p) > 1]
    return full or parts


class _OfficeCountry:
    """Whose is an office printed without a country ("juru bicara Kementerian Luar Negeri")?

    In an article that names the pack's home country (or any of its places): the home country.
    Otherwise the state last seen acting before the office, in its sentence or the one before ("Qatar
    pada Selasa mengatakan ...", "... dikecam Iran"); else, in a story filed in the home country (its
    dateline), the home country; else the first state of the lead, else the home country.
    """

    def __init__(self, lex: _Lexicon, toks: _Tokens, cands: list[_Cand], filed_at_home: bool = False):
        self.default = lex.default_country
        self.filed_at_home = filed_at_home
        sent = [0] * toks.n
        k = 0
        for i in range(toks.n):
            if i and toks.sent_start[i]:
                k += 1
            sent[i] = k
        self.sent = sent
        places = [c for c in cands if c.kind == "kb" and c.entry is not None and c.country and (c.entry.type in PLACE_TYPES or c.entry.acts_for)]
        places.sort(key=lambda c: c.start)
        self.places = [(c.start, sent[c.start], c.entry.acts_for or c.country, _acting(lex, toks, c)) for c in places]
        self.home = self.default is not None and any(p[2] == self.default for p in self.places)
        lead = [c for c in places if sent[c.start] == 0]
        first = next((c for c in lead if c.entry.kind == "country"), lead[0] if lead else None)
        self.lead = (first.entry.acts_for or first.country) if first is not None else None

    def __call__(self, at: int) -> str | None:
        if self.home:
            return self.default
        here = self.sent[at] if at < len(self.sent) else 0
        acting = [p[2] for p in self.places if p[0] < at and here - p[1] <= 1 and p[3]]
        if acting:
            return acting[-1]
        if self.filed_at_home:
            return self.default
        return self.lead or self.default


def _acting(lex: _Lexicon, toks: _Tokens, c: _Cand) -> bool:
    """Is this state the one that speaks or acts: a verb of saying or acting follows it within its clause
    ("Qatar pada Selasa (16/9) mengatakan"), or it is the agent of a passive ("dikecam Iran", "by Iran")?"""
    p = _prev_word(toks, c.start)
    if p is not None and any(toks.fold[p].startswith(x) and len(toks.fold[p]) > len(x) + 3 for x in lex.passive_prefixes):
        return True
    if p is not None and toks.fold[p] in lex.passive_agents:
        return True
    seen = 0
    j = c.end
    while j < toks.n and seen < 7:
        if toks.space[j] or toks.sent_start[j] and j > c.end:
            break
        w = toks.fold[j]
        if w in (",", ".", ";", ":", "”", '"', "“"):
            break
        if w in lex.cues_after or w in lex.acting_after:
            return True
        seen += 1
        j += 1
    return False


def _acts(lex: _Lexicon, toks: _Tokens, c: _Cand, by_start: dict[int, _Cand]) -> bool:
    """A capital or seat of government that acts as its state: paired with another state, or a verb of acting."""
    e = c.entry
    if e is None or not e.acts_for:
        return False
    if e.kind == "organization":
        return True
    p = _prev_word(toks, c.start)
    if p is not None and toks.fold[p] in lex.locative:
        return False
    q = _next_word(toks, c.end)

    def statelike(cand: _Cand | None) -> bool:
        return cand is not None and cand.kind == "kb" and cand.entry is not None and (cand.entry.kind == "country" or bool(cand.entry.acts_for))

    if q is not None and toks.fold[q] in lex.coordinators:
        r = _next_word(toks, q + 1)
        if r is not None and statelike(by_start.get(r)):
            return True
    if p is not None and toks.fold[p] in lex.coordinators:
        pp = _prev_word(toks, p)
        if pp is not None:
            prev = next((x for x in by_start.values() if x.end == pp + 1), None)
            if statelike(prev):
                pp2 = _prev_word(toks, prev.start)
                if not (pp2 is not None and toks.fold[pp2] in lex.locative):
                    return True
    if q is not None and toks.fold[q] in lex.acting_after:
        return True
    return False


def _link(lex: _Lexicon, toks: _Tokens, cands: list[_Cand], exclude: set[str], filed_at_home: bool = False) -> list[Entity]:
    lang = lex.lang
    office_country = _OfficeCountry(lex, toks, cands, filed_at_home)
    groups: dict[str, _Group] = {}
    order = 0

    def group(key: str, **kw) -> _Group:
        nonlocal order
        g = groups.get(key)
        if g is None:
            order += 1
            g = groups[key] = _Group(key=key, order=order, **kw)
        return g

    by_start = {c.start: c for c in cands if c.kind == "kb"}
    persons = [c for c in cands if c.kind == "person"]
    roles = [c for c in cands if c.kind == "role"]

    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        span = (toks.idx[c.start], toks.end[c.end - 1])
        if c.kind == "kb":
            e = c.entry
            if e.acts_for and e.kind != "organization" and _acts(lex, toks, c, by_start):
                state = kb.country(e.acts_for, lang)
                if state is not None:
                    g = group("kb:" + state.id, type=state.type, name=state.name, country=state.country, code=state.code, kb_id=state.id)
                    g.mentions.append(span)
                    continue
            g = group("kb:" + e.id, type=e.type, name=e.name, country=e.country, code=e.code, kb_id=e.id)
            g.mentions.append(span)
        elif c.kind == "norp":
            key = "norp:" + (c.country or toks.text[c.start])
            g = group(key, type="NORP", name=toks.span_text(c.start, c.end), country=c.country, code=c.country)
            g.mentions.append(span)
        elif c.kind in ("org", "event", "place", "ner"):
            text = toks.span_text(c.start, c.end)
            typ = c.type or "ORG"
            if c.kind == "ner" and typ == "EVENT" and c.end - c.start == 1:
                continue
            country = c.country
            if country is None and c.kind == "org" and c.generic_office:
                country = office_country(c.start)
            code = None
            if c.kind == "org" and country:
                code = country + (c.code or "")
            g = group("text:" + text.casefold(), type=typ, name=text, country=country, code=code)
            g.mentions.append(span)

    # persons: full names first, then single words that are part of a known name
    def person_country(c: _Cand) -> str | None:
        if c.country:
            return c.country
        if c.role_key and c.generic_office and c.role_code in ("GOV", "MIL", "COP", "JUD", "LEG", None):
            if not c.qualified and (c.role_code is None or not (c.role or "")[:1].isupper()):
                return None  # "juru bicara", "president" (of a company) printed alone: no state's office
            return office_country(c.start)
        return None

    person_groups: list[_Group] = []
    for c in sorted(persons, key=lambda c: (-(c.end - c.start), c.start)):
        text = toks.span_text(c.start, c.end)
        parts = _name_parts(lex, text)
        if not parts:
            continue
        match = None
        for g in person_groups:
            if parts <= g.name_parts or (len(parts) > 1 and g.name_parts <= parts):
                match = g
                break
        if match is None:
            if c.end - c.start == 1 and not c.evidence:
                continue
            match = group("person:" + text, type="PERSON", name=text)
            match.name_parts = parts
            person_groups.append(match)
        elif len(parts) > len(match.name_parts):
            match.name, match.name_parts = text, parts
        match.mentions.append((toks.idx[c.start], toks.end[c.end - 1]))
        if c.role and match.role is None:
            match.role, match.role_key = c.role, c.role_key
            country = person_country(c)
            match.country = match.country or country
            if c.code:
                match.code = c.code
            elif country:
                match.code = country + (c.role_code or "")
    # an unconfirmed full name that holds a confirmed one-word name ("Sunoto" spoke; "Eyal Ofer" ... "kata Eyal")
    singles = {next(iter(g.name_parts)): g for g in person_groups if len(g.name_parts) == 1}
    for c in cands:
        if c.kind != "run" or c.end - c.start < 2:
            continue
        text = toks.span_text(c.start, c.end)
        parts = _name_parts(lex, text)
        if not _plausible_person(lex, [toks.text[t] for t in range(c.start, c.end)]):
            continue
        g = next((singles[p] for p in _name_words(lex, text) if p in singles), None)  # the first one printed
        if g is not None and len(parts) > 1:
            g.name, g.name_parts = text, parts
            g.mentions.append((toks.idx[c.start], toks.end[c.end - 1]))
            c.kind = "person"
    # unconfirmed single words: a known person's name part ("Rubio" after "Marco Rubio")
    for c in cands:
        if c.kind != "run":
            continue
        for t in range(c.start, c.end):
            w = toks.text[t]
            hit = [g for g in person_groups if w in g.name_parts]
            if hit and (c.end - c.start == 1 or all(toks.text[x] in hit[0].name_parts or toks.space[x] for x in range(c.start, c.end))):
                g = min(hit, key=lambda g: g.order)
                g.mentions.append((toks.idx[c.start], toks.end[c.end - 1]))
                break
    # role-only mentions ("Menlu AS") to the person introduced with that role
    person_ends = {c.end for c in cands if c.kind in ("person", "run")}
    for c in roles:
        p = _prev_word(toks, c.start)
        if p is not None and toks.text[p] == "," and (_prev_word(toks, p) or -1) + 1 in person_ends:
            continue  # the appositive role of the name before it ("Rubio, the secretary of state"): not a mention
        definite = p is not None and toks.fold[p] in lex.definite
        if c.role_key is None or not (c.qualified or (c.role_code and (_is_cap(toks.text[c.start]) or definite))):
            continue  # "majelis hakim" is a panel; "Presiden", "Menlu AS", "the secretary of state" are the one introduced
        country = person_country(c)
        options = [g for g in person_groups if g.role_key == c.role_key and (country is None or g.country in (None, country))]
        if len(options) == 1 or (options and c.qualified):
            before = [g for g in options if g.mentions and min(g.mentions)[0] < toks.idx[c.start]]
            g = before[-1] if before else options[0]
            g.mentions.append((toks.idx[c.start], toks.end[c.end - 1]))

    ents = []
    doc_text = toks.body
    for g in groups.values():
        if not g.mentions:
            continue
        if g.type == "PERSON" and (g.name.casefold() in exclude or any(doc_text[s:e].casefold() in exclude for s, e in g.mentions)):
            continue
        if g.name.casefold() in exclude:
            continue
        spans = sorted(set(g.mentions))
        ents.append(
            Entity(
                id="",
                name=g.name,
                type=g.type,
                country=g.country,
                code=g.code,
                role=g.role,
                kb_id=g.kb_id,
                mentions=[Mention(s, e, doc_text[s:e]) for s, e in spans],
            )
        )
    ents.sort(key=lambda e: (e.mentions[0].start, e.mentions[0].end))
    for n, e in enumerate(ents, 1):
        e.id = f"e{n}"
    return ents


# ---------------------------------------------------------------------------------------------- entry


def _holder_after_comma(lex: _Lexicon, toks: _Tokens, cands: list[_Cand]) -> None:
    """"Kepala Desa Sukamaju, Budi Santoso": the one word after the title names the unit, the holder
    follows the comma and takes the title. The unit becomes a place (after a place word) or a body."""
    persons = {tuple(toks.text[c.start:c.end]) for c in cands if c.kind == "person"}
    # a name the model read as a place here but as a person elsewhere ("Musiran") holds the title too
    by_start = {c.start: c for c in cands if c.kind in ("person", "run")
                or c.kind in ("ner", "place") and tuple(toks.text[c.start:c.end]) in persons}
    for c in cands:
        if c.kind != "person" or not c.role_key or c.end - c.start != 1 or c.role_start is None:
            continue
        if c.end + 1 >= toks.n or toks.text[c.end] != ",":
            continue
        d = by_start.get(c.end + 1)
        if d is None or d.role_key or d is c:
            continue
        for k in ("role_key", "role_code", "country", "qualified", "generic_office", "code"):
            setattr(d, k, getattr(c, k))
        d.kind, d.type, d.evidence = "person", "PERSON", True
        d.role, d.role_start = toks.span_text(c.role_start, c.end), c.role_start
        head = toks.text[c.start - 1] if c.start > 0 else ""
        place = any(k[-1] == head for k in lex.place_heads) or head in lex.place_words
        c.kind, c.type, c.role_key, c.role, c.code = "ner", "LOC" if place else "ORG", None, None, None


def _split_trailing_person(lex: _Lexicon, toks: _Tokens, cands: list[_Cand]) -> list[_Cand]:
    """A body after a title that swallowed its holder's name: "Direktur ... Direktorat Jenderal Imigrasi
    Suhendra" when "Suhendra" stands alone as a person elsewhere. The body keeps its words, the name is a person."""
    def named(c: _Cand) -> bool:
        q = _next_word(toks, c.end)
        return c.kind == "person" or c.kind == "run" and q is not None and toks.fold[q] in lex.cues_after

    names = {tuple(toks.text[c.start:c.end]) for c in cands if named(c)}
    if not names:
        return cands
    out = []
    for c in cands:
        out.append(c)
        if c.kind not in ("org", "ner", "place", "run") or c.type == "PERSON" or c.end - c.start < 2:
            continue
        if not any(_match(lex.titles, toks, t, lex.titles_max, fold=True)[0] for t in range(max(0, c.start - 8), c.start)):
            continue
        for k in range(min(3, c.end - c.start - 2), 0, -1):  # the body keeps two words at least
            if tuple(toks.text[c.end - k:c.end]) in names:
                out.append(_Cand(c.end - k, c.end, "person", "PERSON", evidence=True))
                c.end -= k
                break
    return out


def _title_case(lex: _Lexicon, toks: _Tokens, i: int) -> bool:
    """Token i stands in a sentence printed in title case ("Dijabat Oleh Seorang Kepala Distrik"): its
    function words are capitalised too, and capitals say nothing there."""
    a = i
    while a > 0 and not toks.sent_start[a]:
        a -= 1
    b = i + 1
    while b < toks.n and not toks.sent_start[b]:
        b += 1
    function = [t for t in range(a, b) if toks.fold[t] in lex.stopwords and not toks.initial[t]]
    capitalised = sum(1 for t in function if _is_cap(toks.text[t]))
    return capitalised >= 2 and capitalised * 2 >= len(function)


def _drop_unconfirmed(lex: _Lexicon, toks: _Tokens, spans: list[tuple[int, int, str]], cands: list[_Cand]) -> list[_Cand]:
    """With a trained NER at hand, a one-word "name" after a title that the model does not read as a person
    and that no speech cue confirms ("Menko Polhukam", "Hakim Konstitusi", "Pak Lurah") is an office word."""
    if toks.lowercased:
        return cands

    def unconfirmed(c: _Cand) -> bool:
        if c.kind != "person" or c.end - c.start != 1:
            return False
        if any(s < c.end and c.start < e for s, e, label in spans if label == "PERSON"):
            return False
        p, q = _prev_word(toks, c.start), _next_word(toks, c.end)
        if p is not None and toks.fold[p] in lex.cues_before or q is not None and toks.fold[q] in lex.cues_after:
            return False
        w = toks.text[c.start]
        return (_office_word(lex, w) or toks.fold[c.start] in lex.not_names or len(w.rstrip(".")) <= 2
                or q is not None and toks.text[q] == "." and len(w) <= 4
                or _match(lex.titles, toks, c.start, lex.titles_max, fold=True)[0] > 0 or _head(lex, toks, c.start)[0] > 0
                or _title_case(lex, toks, c.start))

    return [c for c in cands if not unconfirmed(c)]


def _drop_common_words(lex: _Lexicon, toks: _Tokens, cands: list[_Cand]) -> list[_Cand]:
    """Drop one-word names the body also prints in lower case ("Massa ojol datang" ... "massa"): a
    common word capitalised at a sentence start or for emphasis; and a passive verb opening a sentence
    ("Ditelisik lebih jauh, ..."). Titled persons, acronyms and KB names stay."""
    if toks.lowercased:
        return cands
    lower = {w for w in toks.text if w.islower()}

    def common(c: _Cand) -> bool:
        if c.end - c.start != 1 or c.kind in ("kb", "role", "norp") or c.role_key:
            return False
        word = toks.text[c.start]
        if not _is_cap(word) or _ACRONYM.match(word):
            return False
        passive = toks.initial[c.start] and c.type != "PERSON" and len(word) >= 7 and word[1:].islower() \
            and any(word.lower().startswith(p) for p in lex.passive_prefixes)
        return passive or word.lower() in lower

    return [c for c in cands if not common(c)]


def find_entities(
    doc: Doc, pack: LanguagePack, *, exclude_names: frozenset[str] = frozenset(), dateline_place: str | None = None
) -> list[Entity]:
    """Entities of one article body, each with its mentions (character offsets into ``doc.text``).

    ``dateline_place`` (from layout) tells where the story was filed: a story filed in the pack's home
    country reads an office printed without a country as the home state's when no state acts nearby."""
    try:
        return _find_entities(doc, pack, exclude_names, dateline_place)
    except Exception:  # a stage never crashes the pipeline: odd input yields no entities, not an error
        return []


def _find_entities(doc: Doc, pack: LanguagePack, exclude_names: frozenset[str], dateline_place: str | None = None) -> list[Entity]:
    if len(doc) == 0:
        return []
    lex = _lexicon(pack.code)
    toks = _Tokens(doc)
    cands = _scan(lex, toks)
    cands = _ner_cands(lex, toks, doc, cands)
    cands = _classify_runs(lex, toks, cands)
    if doc.has_annotation("ENT_IOB"):
        cands = _drop_unconfirmed(lex, toks, _ner_spans(lex, toks, doc), cands)
    cands = _drop_common_words(lex, toks, cands)
    cands = _split_trailing_person(lex, toks, cands)
    _holder_after_comma(lex, toks, cands)
    exclude = {n.casefold() for n in exclude_names if n}
    filed_at_home = False
    if dateline_place and lex.default_country:
        entry = kb.lookup(dateline_place, pack.code) or kb.lookup(dateline_place.title(), pack.code)
        filed_at_home = entry is not None and (entry.acts_for or entry.country) == lex.default_country
    return _link(lex, toks, cands, exclude, filed_at_home)
