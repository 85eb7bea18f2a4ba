"""Events: who did what to whom, where and when, coded in CAMEO.

How it works, per sentence and without a parser (the words live in ``lang/<code>/event_triggers.json``):

1. **Actors.** Entity mentions from the entities stage come first (their CAMEO code, else country plus the
   role their title gives). Words no entity covers are looked up in the CAMEO name table of
   ``kb/cameo_actors.json`` (a fallback until the entities stage knows every name), then actor nouns
   ("militer", "polisi", "Menteri Luar Negeri", "forces") are coded with their role and joined to the
   country next to them ("militer Israel" ISRMIL, "Israeli forces" ISRMIL); a bare actor noun takes the
   country of the story. A name in apposition to a coded title takes its code ("Menteri Luar Negeri AS,
   Marco Rubio"), and so do its later mentions ("Rubio"); "ia"/"he" refers back to the last person.
2. **Triggers.** Words and phrases, with Indonesian affixes (meN-, di-, -kan, -i, ber-, ter-, peN-an)
   and English inflections expanded when the lexicon is compiled (once per language pack), are matched
   longest first; "not_triggers" block idioms such as "serangan jantung" or "trade war".
3. **Arguments.** A verb's source is the nearest actor before it that no preposition governs (skipping
   asides such as ", bersama Mesir dan AS,"; through "yang"/"who" to the noun it modifies; the subject of
   the previous verb for "... dan mendesak"); its target the first actor after it in the clause. A di-/
   "was ..." passive swaps them and reads the source after "oleh"/"by". A noun trigger reads its agent
   inside its noun phrase ("serangan udara Israel", "Israeli airstrike") and its target after a target
   preposition ("ke Doha", "on Doha"). Coordinated actors give one event each; a reciprocal trigger
   ("bertemu", "sign an agreement") turns "X dan Y" into source and target. **No event without a coded
   source or target.**
4. **Context.** The date is the value of the nearest time expression in the sentence that no
   complementizer ("bahwa", "that") separates from the trigger, else the article date; the location is a
   place target or a place after "di"/"in"; modality from cue words (negated, intended, hypothetical,
   demanded); fatalities and injured from casualty words with a number; quote flag and speaker from the
   quotes stage (or from quotation marks).
5. **One event, one record.** Events with the same root, modality and actors' countries (one side may be
   missing) and compatible dates merge; the most specific code wins and ``mentions`` counts the reports.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from typing import Any, Iterable

from spacy.attrs import IDX, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from . import cameo
from .lang import LanguagePack
from .record import Actor, Entity, Event, Location, Quantity, Quote, Timex

END = "\0"
GAP = "~"
MAX_GAP = 4
QUOTE_CHARS = frozenset('"“”«»„')
PUNCT_BARRIERS = frozenset({";", ":", "(", ")", "—", "–"}) | QUOTE_CHARS
VIOLENT_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
APPROXIMATORS = frozenset({"hampir", "sedikitnya", "setidaknya", "sekitar", "kurang", "lebih", "dari", "sebanyak", "at", "least", "nearly", "about", "around", "some", "more", "than", "over", "almost", "up", "to"})
NUMBER_RE = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$")
SUBJECT_WINDOW = 16
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
ADVERBS = frozenset({"telah", "sudah", "juga", "pun", "kembali", "lalu", "kemudian", "segera", "langsung", "terus", "sempat", "masih",
                     "also", "has", "have", "had", "then", "later", "again", "already", "still", "reportedly", "allegedly"})
OBJECT_WINDOW = 10


# --------------------------------------------------------------------------------------------------
# Lexicon compilation (once per language pack)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trigger:
    code: str
    kind: str  # "verb" or "noun"
    reciprocal: bool
    casualty: str | None
    pattern: str
    civilian_code: str | None = None  # the code when the source is civilians ("protest": 114 -> 141)
    strict: bool = False  # everyday word ("meminta", "support"): needs a source and a target named in the text


@dataclass
class Lexicon:
    lang: str
    triggers: dict
    blocked: dict
    passive_words: frozenset[str]
    agents: dict  # trie of lowercased agent phrases -> role code
    agents_exact: frozenset[str]
    agents_exact_lower: frozenset[str]
    names: dict  # trie of lowercased names -> (name, code, kind)
    light_verbs: dict
    casualty: dict  # trie -> "fatalities" | "injured"
    non_actor_heads: dict
    non_actor_phrases: dict
    preps: dict[str, frozenset[str]]
    coordinators: frozenset[str]
    relativizers: frozenset[str]
    complementizers: frozenset[str]
    clause_barriers: frozenset[str]
    passive_aux: frozenset[str]
    modality: dict[str, frozenset[str]]
    demand_links: frozenset[str]
    pronouns_person: frozenset[str]
    pronouns_speaker: frozenset[str]
    person_particles: frozenset[str]
    agent_country_after: bool
    agent_country_links: frozenset[str]
    default_country: str | None
    clitics: tuple[str, ...]
    number_words: dict[str, int]
    verb_prefixes: tuple[str, ...]
    verb_suffixes: tuple[str, ...]
    transitive_prefixes: tuple[str, ...]
    adjective_determiners: frozenset[str]
    gerund_governors: frozenset[str]
    control_words: frozenset[str]
    sports_words: dict
    sports_threshold: int
    place_name_suffixes: frozenset[str]
    stopwords: frozenset[str]
    possessives: frozenset[str]
    civilian_roles: frozenset[str]
    name_cache: dict = field(default_factory=dict)
    actor_modifier_prefixes: frozenset[str] = frozenset()
    home_state_titles: frozenset[str] = frozenset()

    def looks_verbal(self, word: str) -> bool:
        return len(word) > 4 and word.isalpha() and word.islower() and (word.startswith(self.verb_prefixes) or word.endswith(self.verb_suffixes))

    def looks_transitive(self, word: str) -> bool:
        """meN-/di- words: a verb with an object ("menilai", "memanggil")."""
        return bool(self.transitive_prefixes) and len(word) > 5 and word.isalpha() and word.islower() and word.startswith(self.transitive_prefixes)


def _trie_insert(trie: dict, tokens: Iterable[str], value: Any, *, keep_first: bool = True) -> None:
    node = trie
    for tok in tokens:
        node = node.setdefault(tok, {})
    if END not in node or not keep_first:
        node[END] = value


def _phrase_trie(phrases: Iterable[str], value_of=lambda p: p) -> dict:
    trie: dict = {}
    for p in phrases:
        toks = p.lower().split()
        if toks:
            _trie_insert(trie, toks, value_of(p))
    return trie


# Indonesian morphology -----------------------------------------------------------------------------


def _monosyllabic(word: str) -> bool:
    """"bom", "cek": one short vowel ("klaim" has two syllables)."""
    groups = re.findall(r"[aiueo]+", word)
    return len(groups) == 1 and len(groups[0]) == 1


def _nasal(stem: str, morph: dict, prefix_kind: str) -> str:
    """meN-/peN- + stem with assimilation ("serang" -> "menyerang", "bom" -> "mengebom")."""
    rules = sorted(morph["nasal"], key=lambda r: -len(r[0]))
    if _monosyllabic(stem):
        out = morph.get("monosyllable_prefix", "menge") + stem
    else:
        out = "me" + stem
        for letters, added, drop in rules:
            if stem.startswith(letters):
                rest = stem[len(letters):]
                # a consonant cluster keeps its first letter: "klaim" -> "mengklaim", "protes" -> "memprotes"
                if drop and rest[:1] in "aiueo" and rest:
                    out = added + rest
                else:
                    out = added + stem
                break
    if prefix_kind == "peN":
        out = "pe" + out[2:]
    return out


def expand_id(stem: str, form: str, morph: dict) -> str:
    """One Indonesian surface form: ``expand_id("serang", "meN")`` -> "menyerang"; forms are
    "meN", "di", "ber", "ter", "per", "ke", "peN" with an optional "+suffix" ("di+kan", "peN+an", "+an")."""
    prefix, _, suffix = form.partition("+")
    words = stem.split()
    first = words[0]
    if prefix in ("meN", "peN"):
        first = _nasal(first, morph, prefix)
    elif prefix in morph.get("r_dropping_prefixes", ()) and first.startswith("r"):
        first = prefix[:-1] + first
    elif prefix:
        first = prefix + first
    words[0] = first
    if suffix:
        words[-1] = words[-1] + suffix
    return " ".join(words)


# English morphology --------------------------------------------------------------------------------


def _is_vowel(c: str) -> bool:
    return c in "aeiou"


def expand_en(lemma: str, pos: str, morph: dict) -> list[str]:
    """Inflections of an English lemma: verbs -s, -ed, -ing; nouns plural."""
    words = lemma.split()
    head, rest = words[0] if pos == "v" else words[-1], words
    es_end = tuple(morph.get("es_endings", ()))
    double = set(morph.get("double_final", ()))

    def plural(w: str) -> str:
        if w.endswith("y") and len(w) > 1 and not _is_vowel(w[-2]):
            return w[:-1] + "ies"
        if w.endswith(es_end):
            return w + "es"
        return w + "s"

    if pos == "n":
        forms = [head, plural(head)]
        return [" ".join(rest[:-1] + [f]) for f in forms]
    past = (
        head + "d" if head.endswith("e")
        else head[:-1] + "ied" if head.endswith("y") and not _is_vowel(head[-2])
        else head + head[-1] + "ed" if head in double
        else head + "ed"
    )
    ing = (
        head[:-2] + "ying" if head.endswith("ie")
        else head[:-1] + "ing" if head.endswith("e") and not head.endswith("ee")
        else head + head[-1] + "ing" if head in double
        else head + "ing"
    )
    forms = [head, plural(head), past, ing]
    return [" ".join([f] + rest[1:]) for f in forms]


# Patterns ------------------------------------------------------------------------------------------

_SLOT_RE = re.compile(r"(?:<[^>]*>|[^\s<])+")


def _expand_alternative(alt: str, lang: str, morph: dict, passive: set[str]) -> list[tuple[str, ...]]:
    """One alternative of a slot: a plain word, words joined by "_", or a "<stem:forms>" expansion."""
    if alt.startswith("<") and alt.endswith(">"):
        stem, _, forms = alt[1:-1].partition(":")
        out = []
        if lang == "id":
            for form in (forms.split(",") if forms else [""]):
                surface = expand_id(stem.strip(), form.strip(), morph)
                if form.startswith(("di", "ter")):
                    passive.add(surface.split()[0])
                out.append(tuple(surface.lower().split()))
        else:
            pos = forms.strip() or "v"
            for surface in expand_en(stem.strip(), pos, morph):
                out.append(tuple(surface.lower().split()))
        return out
    return [tuple(alt.lower().replace("_", " ").split())]


def compile_pattern(phrase: str, lang: str, morph: dict, passive: set[str]) -> list[tuple[str, ...]]:
    """All token sequences a pattern stands for; "~" stays as a gap marker."""
    slots: list[list[tuple[str, ...]]] = []
    for slot in _SLOT_RE.findall(phrase):
        if slot == GAP:
            slots.append([(GAP,)])
            continue
        alts: list[tuple[str, ...]] = []
        for alt in re.findall(r"<[^>]*>|[^|]+", slot):
            if alt != "|":
                alts.extend(_expand_alternative(alt, lang, morph, passive))
        slots.append(alts)
    seqs = []
    for combo in product(*slots):
        seqs.append(tuple(tok for part in combo for tok in part))
    return seqs


def _entry_sequences(entry: dict, lang: str, morph: dict, passive: set[str]) -> list[tuple[tuple[str, ...], str]]:
    """(token sequence, kind) for every surface form of a lexicon entry."""
    kind = entry.get("kind")
    if "phrase" in entry:
        return [(seq, kind or "verb") for seq in compile_pattern(entry["phrase"], lang, morph, passive)]
    out = [(tuple(w.lower().split()), kind or "verb") for w in entry.get("words", [])]
    if lang == "id" and "stem" in entry:
        for form in entry.get("forms", [""]):
            surface = expand_id(entry["stem"], form, morph)
            if form.startswith(("di", "ter")):
                passive.add(surface.split()[0])
            nominal = form.endswith("an") and not form.endswith("kan")
            out.append((tuple(surface.lower().split()), kind or ("noun" if nominal else "verb")))
    elif "lemma" in entry:
        pos = "v" if entry.get("pos", "verb") == "verb" else "n"
        for s in expand_en(entry["lemma"].lower(), pos, morph):
            out.append((tuple(s.split()), kind or ("verb" if pos == "v" else "noun")))
    return out


_LEXICONS: dict[int, tuple[LanguagePack, Lexicon]] = {}


def lexicon(pack: LanguagePack) -> Lexicon:
    """The compiled lexicon of a language pack, built once per pack."""
    hit = _LEXICONS.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    lex = _compile(pack)
    _LEXICONS[id(pack)] = (pack, lex)
    return lex


def _compile(pack: LanguagePack) -> Lexicon:
    data = pack.get("event_triggers") or {}
    lang = pack.code
    morph = data.get("morphology", {})
    passive: set[str] = set()
    triggers: dict = {}
    for entry in data.get("triggers", []):
        pattern = entry.get("phrase") or entry.get("stem") or entry.get("lemma") or ""
        made: dict[str, Trigger] = {}
        for seq, kind in _entry_sequences(entry, lang, morph, passive):
            if seq:
                if kind not in made:
                    made[kind] = Trigger(entry["code"], kind, bool(entry.get("reciprocal")), entry.get("casualty"), pattern, entry.get("civilian_code"), bool(entry.get("strict")))
                _trie_insert(triggers, seq, made[kind])
    agents: dict = {}
    exact = set()
    for role, words in (data.get("agents") or {}).items():
        if role.startswith("_"):
            continue
        for w in words:
            if w.isupper():
                exact.add(w)
            _trie_insert(agents, w.lower().split(), role)
    names: dict = {}
    table = cameo.actors_data()["names"].get(lang, {})
    for name, (code, kind) in table.items():
        _trie_insert(names, name.lower().split(), (name, code, kind))
    casualty: dict = {}
    for kind_, words in (data.get("casualty_words") or {}).items():
        if not kind_.startswith("_"):
            for w in words:
                _trie_insert(casualty, w.lower().split(), kind_)
    preps = {k: frozenset(v) for k, v in (data.get("prepositions") or {}).items() if not k.startswith("_")}
    modality = {k: frozenset(w.lower() for w in v) for k, v in (data.get("modality") or {}).items() if not k.startswith("_")}
    pron = data.get("pronouns") or {}
    return Lexicon(
        lang=lang,
        triggers=triggers,
        blocked=_phrase_trie(data.get("not_triggers", [])),
        passive_words=frozenset(passive),
        agents=agents,
        agents_exact=frozenset(exact),
        agents_exact_lower=frozenset(w.lower() for w in exact),
        names=names,
        light_verbs=_phrase_trie(data.get("light_verbs", [])),
        casualty=casualty,
        non_actor_heads=_phrase_trie(data.get("non_actor_heads", [])),
        non_actor_phrases=_phrase_trie(data.get("non_actor_phrases", [])),
        preps=preps,
        coordinators=frozenset(data.get("coordinators", [])),
        relativizers=frozenset(data.get("relativizers", [])),
        complementizers=frozenset(data.get("complementizers", [])),
        clause_barriers=frozenset(data.get("clause_barriers", [])),
        passive_aux=frozenset(data.get("passive_auxiliaries", [])),
        modality={k: v for k, v in modality.items() if k != "demand_links"},
        demand_links=modality.get("demand_links", frozenset()),
        pronouns_person=frozenset(pron.get("person", [])),
        pronouns_speaker=frozenset(pron.get("speaker", [])),
        person_particles=frozenset(data.get("person_particles", [])),
        agent_country_after=bool(data.get("agent_country_after", lang == "id")),
        agent_country_links=frozenset(data.get("agent_country_links", [])),
        default_country=data.get("default_country"),
        clitics=tuple(morph.get("clitics", ())),
        number_words={k.lower(): int(v) for k, v in (data.get("number_words") or {}).items() if not k.startswith("_")},
        verb_prefixes=tuple((data.get("verb_shapes") or {}).get("prefixes", ())),
        verb_suffixes=tuple((data.get("verb_shapes") or {}).get("suffixes", ())),
        transitive_prefixes=tuple((data.get("verb_shapes") or {}).get("transitive_prefixes", ())),
        adjective_determiners=frozenset(data.get("adjective_determiners", [])),
        gerund_governors=frozenset(data.get("gerund_governors", [])),
        control_words=frozenset(data.get("control_words", [])),
        sports_words=_phrase_trie((data.get("sports_words") or {}).get("words", [])),
        sports_threshold=int((data.get("sports_words") or {}).get("threshold", 4)),
        place_name_suffixes=frozenset((data.get("place_name_suffixes") or [])),
        actor_modifier_prefixes=frozenset(w.lower() for w in data.get("actor_modifier_prefixes") or []),
        home_state_titles=frozenset(data.get("home_state_titles") or []),
        possessives=frozenset(data.get("possessives", [])),
        stopwords=frozenset(w.lower() for w in (pack.get("stopwords") or {}).get("words", [])) | frozenset(
            w for k in ("target", "agent", "location", "origin", "between", "parenthetical") for w in preps.get(k, ())
        ),
        civilian_roles=frozenset(data.get("civilian_roles", [])),
    )


# --------------------------------------------------------------------------------------------------
# Per-document state
# --------------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """An actor (or place) in the text: tokens [start, end)."""

    start: int
    end: int
    name: str
    code: str | None
    kind: str  # country, place, capital, org, person, agent, demonym, pronoun
    entity: str | None = None
    country: str | None = None  # ISO3 of the place or actor
    inferred: bool = False  # country taken from the story, not the text
    role: str | None = None  # CAMEO role of an actor noun
    own: bool = False  # "its forces", "pasukannya": the subject's own, never a target

    def actor(self) -> Actor:
        return Actor(name=self.name, code=self.code, entity=self.entity, country=(self.code or "")[:3] or self.country)


@dataclass
class Found:
    """A trigger matched in a sentence."""

    start: int
    end: int
    trigger: Trigger
    kind: str
    passive: bool = False
    gaps: tuple = ()  # token ranges a "~" in the pattern skipped: they may hold the object

    def literal(self, i: int) -> bool:
        """Token i is one of the trigger's own words (not a skipped one)."""
        return self.start <= i < self.end and not any(a <= i < b for a, b in self.gaps)


@dataclass
class Candidate:
    code: str
    source: Mention | None
    target: Mention | None
    found: Found
    sentence: int
    location: Mention | None = None
    date: str | None = None
    date_from_text: bool = False
    modality: str = "asserted"
    fatalities: int | None = None
    injured: int | None = None
    mentions: int = 1


class _Doc:
    """Tokens of one document with the lookups the argument rules need."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc = doc
        self.lex = lex
        # one to_array call: spaCy builds a Token object per word otherwise, which costs more than the rest
        raw = doc.to_array([ORTH, LOWER, IDX, SPACY, SENT_START])
        strings = doc.vocab.strings
        self.text = [strings[o] for o in raw[:, 0].tolist()]
        self.low = [strings[o] for o in raw[:, 1].tolist()]
        self.idx = raw[:, 2].astype("int64").tolist()
        self.n = len(self.text)
        self.fulltext = "".join(t + " " if w else t for t, w in zip(self.text, raw[:, 3].tolist()))
        sent_start = raw[:, 4].astype("int64").tolist()  # -1/0/1 stored unsigned
        starts = [i for i in range(self.n) if i == 0 or sent_start[i] == 1]
        self.sents: list[tuple[int, int]] = []
        for k, a in enumerate(starts):
            b = starts[k + 1] if k + 1 < len(starts) else self.n
            if any(w.strip() for w in self.text[a:b]):
                self.sents.append((a, b))
        self.sent_of = [0] * self.n
        for k, (a, b) in enumerate(self.sents):
            for i in range(a, b):
                self.sent_of[i] = k
        self.keys = [self._keys(i) for i in range(self.n)]
        self.punct = [not any(ch.isalnum() for ch in w) for w in self.text]

    def _keys(self, i: int) -> tuple[str, ...]:
        """The word and the word without a clitic ("serangannya" -> "serangan")."""
        w = self.low[i]
        clitics = self.lex.clitics
        if not clitics or not w.endswith(clitics):
            return (w,)
        return (w,) + tuple(w[: -len(c)] for c in clitics if len(w) > len(c) + 2 and w.endswith(c))

    def is_punct(self, i: int) -> bool:
        return self.punct[i]

    def char_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Tokens [a, b) covering the characters [start, end)."""
        if end <= start or self.n == 0:
            return None
        a = max(0, bisect_right(self.idx, start) - 1)
        b = bisect_left(self.idx, end)
        if b <= a:
            return None
        return a, b


def _walk(node: dict, keys: list[tuple[str, ...]], punct: list[bool], i: int, out: list, limit: int, gaps: tuple = ()) -> None:
    """Match a trie from token i; every phrase end goes to ``out`` as (end, value, skipped token ranges)."""
    term = node.get(END)
    if term is not None:
        out.append((i, term, gaps))
    if i < limit:
        for k in keys[i]:
            nxt = node.get(k)
            if nxt is not None:
                _walk(nxt, keys, punct, i + 1, out, limit, gaps)
                break
    gap = node.get(GAP)
    if gap is not None:
        for skip in range(0, MAX_GAP + 1):
            p = i + skip
            if p >= limit or (skip and punct[p - 1]):
                break
            for k in keys[p]:
                nxt = gap.get(k)
                if nxt is not None:
                    _walk(nxt, keys, punct, p + 1, out, limit, gaps + ((i, p),) if skip else gaps)
                    break


def _longest(trie: dict, d: _Doc, i: int, limit: int, punct: list[bool], with_gaps: bool = False) -> tuple | None:
    """The longest phrase of a trie starting at token i (and ending by ``limit``): (end, value)."""
    for k in d.keys[i]:
        if k in trie:
            break
    else:
        return None
    out: list = []
    _walk(trie, d.keys, punct, i, out, limit)
    if not out:
        return None
    best = max(out, key=lambda x: x[0])
    return best if with_gaps else best[:2]


# --------------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------------

ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "demonym"}


def _role_of_text(text: str | None, lex: Lexicon) -> str | None:
    """The CAMEO role of a title as printed ("Menteri Luar Negeri AS" -> GOV)."""
    if not text:
        return None
    toks = text.lower().split()
    for i in range(len(toks)):
        node, j, hit = lex.agents, i, None
        while j < len(toks) and toks[j] in node:
            node = node[toks[j]]
            j += 1
            if END in node:
                hit = node[END]
        if hit:
            return hit
    return None


def _name_lookup(name: str, lex: Lexicon) -> tuple[str, str, str] | None:
    """A name in the CAMEO name table -> (table name, code, kind)."""
    cache = lex.name_cache
    if name in cache:
        return cache[name]
    node = lex.names
    for tok in name.lower().split():
        node = node.get(tok)
        if node is None:
            break
    hit = node.get(END) if node is not None else None
    if len(cache) < 50_000:
        cache[name] = hit
    return hit


def _place_kind(name: str) -> str:
    return "capital" if (cameo.place(name) or {}).get("capital") else "place"


def _entity_mention(e: Entity, span: tuple[int, int], d: _Doc, lex: Lexicon) -> Mention | None:
    kind = ENTITY_KINDS.get(e.type)
    if kind is None:
        return None
    surface = " ".join(d.text[span[0]:span[1]])
    looked = _name_lookup(surface, lex) or _name_lookup(e.name, lex)
    code = e.code
    country = e.country
    if kind == "place":
        info = cameo.country(country)
        if looked and looked[2] == "country":
            kind = "country"
        elif looked and looked[2] == "place":
            kind = _place_kind(looked[0])
        elif info and e.name == info["name"]:
            kind = "country"
        country = country or (looked[1][:3] if looked else None)
        code = code or country
    elif kind in ("person", "org"):
        if not code and country:
            role = _role_of_text(e.role, lex) or _role_of_text(surface, lex)
            code = country + (role or "")
        if not code and looked:
            code = looked[1]
    elif kind == "demonym":
        code = code or country or (looked[1] if looked else None)
    return Mention(span[0], span[1], e.name, code, kind, entity=e.id, country=country or (code or "")[:3] or None)


def _capitalized(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _name_ok(d: _Doc, a: int, b: int, name: str) -> bool:
    """Surface check for a gazetteer hit: capitalized words (lower-case ones as in the table, "Organisation
    for the Prohibition ..."); short all-capital names match exactly."""
    words = d.text[a:b]
    if name.isupper() and len(name) <= 4:
        return " ".join(words) == name
    table = name.split()
    if len(table) != len(words) or not _capitalized(words[0]):
        return False
    return all(w == tw if tw[:1].islower() else (_capitalized(w) or not w.isalpha()) for w, tw in zip(words, table))


def build_mentions(d: _Doc, entities: list[Entity], home: str | None = None) -> tuple[list[Mention], dict[str, str]]:
    """Every actor mention in the document, sorted, non-overlapping; plus the surname -> code table."""
    lex = d.lex
    covered = [False] * d.n
    mentions: list[Mention] = []
    punct = d.punct

    # 1. entities, longest mention first
    spans = []
    for e in entities or []:
        for m in e.mentions or []:
            sp = d.char_span(m.start, m.end)
            if sp:
                spans.append((sp, e))
    spans.sort(key=lambda x: (-(x[0][1] - x[0][0]), x[0][0]))
    for (a, b), e in spans:
        if any(covered[a:b]):
            continue
        m = _entity_mention(e, (a, b), d, lex)
        if m is None:
            continue
        mentions.append(m)
        for i in range(a, b):
            covered[i] = True

    # 2. words that are never actors ("dolar AS", "US dollar"), whatever the entities stage made of them
    blocked = [False] * d.n
    for i in range(d.n):
        hit = _longest(lex.non_actor_phrases, d, i, d.n, punct)
        if hit:
            for k in range(i, hit[0]):
                blocked[k] = True
    if any(blocked):
        mentions = [m for m in mentions if not any(blocked[m.start:m.end])]

    # "anti-Baghdad guerrillas", "kelompok pro-Rusia": a country after such a prefix describes, it does not act
    for i in range(d.n - 1):
        if d.low[i] in lex.actor_modifier_prefixes and (d.text[i + 1] in "-–" or i + 2 < d.n and d.low[i] == "anti"):
            k = i + 2 if d.text[i + 1] in "-–" else i + 1
            if k < d.n:
                blocked[k] = True
    if any(blocked):
        mentions = [m for m in mentions if not any(blocked[m.start:m.end])]

    # 3. gazetteer names
    i = 0
    while i < d.n:
        if covered[i] or blocked[i]:
            i += 1
            continue
        hit = _longest(lex.names, d, i, d.n, punct)
        if hit and not any(covered[i:hit[0]]) and _name_ok(d, i, hit[0], hit[1][0]):
            name, code, kind = hit[1]
            nxt = hit[0]
            if kind == "place" and nxt < d.n and _capitalized(d.text[nxt]) and d.text[nxt].isalpha() \
                    and d.low[nxt] not in lex.place_name_suffixes and not _longest(lex.names, d, nxt, d.n, punct) \
                    and not _longest(lex.agents, d, nxt, d.n, punct):
                i = nxt  # "Phoenix Suns", "Toronto Raptors": a city inside a longer name
                continue
            if kind == "place":
                kind = _place_kind(name)
            mentions.append(Mention(i, hit[0], name, code, kind, country=code[:3]))
            for k in range(i, hit[0]):
                covered[k] = True
            i = hit[0]
            continue
        i += 1

    # 4. actor nouns
    agents: list[Mention] = []
    i = 0
    while i < d.n:
        if covered[i]:
            i += 1
            continue
        hit = _longest(lex.agents, d, i, d.n, punct)
        if hit:
            surface = " ".join(d.text[i:hit[0]])
            if surface.lower() in lex.agents_exact_lower and surface not in lex.agents_exact:
                i += 1
                continue
            own = (i > 0 and d.low[i - 1] in lex.possessives) or (lex.clitics and d.low[hit[0] - 1].endswith("nya") and d.keys[hit[0] - 1][-1] != d.low[hit[0] - 1])
            agents.append(Mention(i, hit[0], surface, None, "agent", role=hit[1], own=bool(own)))
            for k in range(i, hit[0]):
                covered[k] = True
            i = hit[0]
            continue
        i += 1

    mentions.sort(key=lambda m: m.start)
    mentions = _drop_non_actor_heads(d, mentions)
    mentions = _drop_name_parts(d, mentions, punct)
    if home is None:
        home = home_country(mentions, lex)
    mentions = _combine_agents(d, mentions, agents, home)
    surnames: dict[str, Mention] = {}
    mentions = _appositive_persons(d, mentions, covered, surnames)
    mentions = _pronouns(d, mentions, covered)
    mentions.sort(key=lambda m: m.start)
    return mentions, {k: v.code for k, v in surnames.items() if v.code}


def _drop_non_actor_heads(d: _Doc, mentions: list[Mention]) -> list[Mention]:
    """'Timnas Indonesia', 'the Indonesian team': a country word after/before such a head is no actor."""
    lex = d.lex
    keep = []
    punct = [False] * d.n
    for m in mentions:
        drop = False
        if m.kind in ("country", "demonym", "capital", "place"):
            for a in range(max(0, m.start - 3), m.start):
                hit = _longest(lex.non_actor_heads, d, a, m.start, punct)
                if hit and hit[0] == m.start:
                    drop = True
            if not drop and m.end < d.n:
                hit = _longest(lex.non_actor_heads, d, m.end, d.n, punct)
                if hit and lex.lang == "en":
                    drop = True
        if not drop:
            keep.append(m)
    return keep


def _drop_name_parts(d: _Doc, mentions: list[Mention], punct: list[bool]) -> list[Mention]:
    """A country or city at the end of a longer proper name ("Pupuk Indonesia", "Real Madrid", "Bank
    Indonesia") is part of that name, not an actor: the capitalized words before it hold no title."""
    lex = d.lex
    covered = {i for m in mentions for i in range(m.start, m.end)}
    keep = []
    for m in mentions:
        k = m.start - 1
        if m.kind in ("country", "place", "capital") and k >= 0 and k not in covered and _capitalized(d.text[k]) and d.text[k].isalpha():
            run_has_title = False
            j = k
            while j >= 0 and j not in covered and _capitalized(d.text[j]) and d.text[j].isalpha():
                if _longest(lex.agents, d, j, d.n, punct) or d.low[j] in lex.triggers or d.low[j] in lex.stopwords:
                    run_has_title = True
                    break
                j -= 1
            if not run_has_title:
                continue
        keep.append(m)
    return keep


def _role_code(role_codes: list[str]) -> str:
    for r in role_codes:
        if r != "GOV":
            return r
    return role_codes[0] if role_codes else ""


def _with_role(code: str | None, role: str) -> str | None:
    if not code:
        return None
    if len(code) > 3 or not role or role in ("PKO",):
        return code
    return code + role


def _combine_agents(d: _Doc, mentions: list[Mention], agents: list[Mention], home: str | None) -> list[Mention]:
    """Join actor nouns to the country next to them; code the rest with the story's country."""
    lex = d.lex
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    used: set[int] = set()
    out: list[Mention] = []
    agents = sorted(agents, key=lambda m: m.start)
    # chains of adjacent agents ("juru bicara militer")
    last_country: dict[str, str] = {}
    name_country: dict[str, str] = {}
    chains: list[list[Mention]] = []
    for a in agents:
        if chains and chains[-1][-1].end == a.start:
            chains[-1].append(a)
        else:
            chains.append([a])
    for chain in chains:
        a0, a1 = chain[0].start, chain[-1].end
        roles = [c.role or "" for c in chain]
        role = _role_code(roles)
        country_m = None
        start, end = a0, a1
        if lex.agent_country_after:
            nxt = a1
            if nxt < d.n and d.low[nxt] in lex.agent_country_links:
                nxt += 1
            cm = by_start.get(nxt)
            if cm and cm.code and cm.kind in ("country", "capital", "place", "demonym", "org") and id(cm) not in used:
                country_m, end = cm, cm.end
        else:
            prev = a0
            if prev - 1 >= 0 and d.low[prev - 1] in ("'s", "’s"):
                prev -= 1
            cm = by_end.get(prev)
            if cm and cm.code and cm.kind in ("country", "capital", "place", "demonym", "org") and id(cm) not in used:
                country_m, start = cm, cm.start
            elif a1 < d.n and d.low[a1] in lex.agent_country_links:
                cm = by_start.get(a1 + 1)
                if cm and cm.code and cm.kind in ("country", "capital", "place", "demonym"):
                    country_m, end = cm, cm.end
        name = " ".join(d.text[start:end])
        run = _name_run_after(d, end, by_start)
        if country_m is not None:
            for w in run:
                name_country[w] = country_m.code[:3]  # "Presiden Rusia Vladimir Putin": Putin is Russian
            used.add(id(country_m))
            code = _with_role(country_m.code[:3] if country_m.kind in ("place", "capital") else country_m.code, role)
            out.append(Mention(start, end, name, code, "agent", entity=country_m.entity, country=country_m.code[:3], role=role))
        else:
            # a bare actor noun keeps the country it had last ("Israeli forces ... Troops raided"), else the story's
            if run:
                # "Presiden Prabowo": a named official is of the country his name came with, else the story's
                # own state, never the country the last foreign title carried
                country = next((name_country[w] for w in run if w in name_country), None) \
                    or (lex.default_country if role in STATE_ROLES else None) or home
            elif name in lex.home_state_titles:
                country = lex.default_country or home  # bare "Presiden" in an Indonesian story: the home head of state
            else:
                country = last_country.get(role) or (lex.default_country if role in STATE_ROLES else None) or home
            code = (country + role) if country and role and role != "PKO" else ("IGOUNOPKO" if role == "PKO" else None)
            out.append(Mention(start, end, name, code, "agent", country=country, inferred=True, role=role, own=any(c.own for c in chain)))
            continue
        last_country[role] = country_m.code[:3]
    return [m for m in mentions if id(m) not in used] + out


def _name_run_after(d: _Doc, i: int, by_start: dict[int, Mention]) -> list[str]:
    """The capitalized words of a person name right after position i (none when a place or group starts there)."""
    run: list[str] = []
    while i < d.n and len(run) < 4 and _capitalized(d.text[i]) and d.text[i].isalpha():
        m = by_start.get(i)
        if m is not None and m.kind in ("country", "capital", "place", "demonym", "org"):
            break
        if d.low[i] in d.lex.stopwords:
            break
        run.append(d.text[i])
        i += 1
    return run


def _appositive_persons(d: _Doc, mentions: list[Mention], covered: list[bool], surnames: dict[str, Mention]) -> list[Mention]:
    """A capitalized name next to a coded title takes its code; its last word is remembered for later."""
    lex = d.lex
    ms = sorted(mentions, key=lambda m: m.start)
    occupied = [False] * d.n
    for m in ms:
        for i in range(m.start, m.end):
            occupied[i] = True

    def name_run(i: int, step: int) -> tuple[int, int] | None:
        """Capitalized words starting at i going forward (step 1) or ending at i going back (step -1)."""
        j = i
        words = []
        while 0 <= j < d.n and not occupied[j] and (_capitalized(d.text[j]) or d.low[j] in lex.person_particles or d.text[j] == "-"):
            if not d.text[j].isalpha() and d.text[j] != "-":
                break
            words.append(j)
            j += step
            if len(words) > 6:
                return None
        while words and not _capitalized(d.text[words[-1]]):
            words.pop()
        if not words:
            return None
        a, b = min(words), max(words) + 1
        return a, b

    new: list[Mention] = []
    for m in ms:
        if m.kind != "agent" or not m.code or (m.inferred and (m.code[:3] != lex.default_country or m.role not in STATE_ROLES)):
            continue
        # title, [comma] Name
        j = m.end
        if j < d.n and d.text[j] == ",":
            j += 1
        run = name_run(j, 1) if j < d.n else None
        if run is None and m.start >= 2 and d.text[m.start - 1] == ",":
            run = name_run(m.start - 2, -1)
        if run is None:
            continue
        a, b = run
        if b - a < 2 and not (m.end < d.n and d.text[m.end] == ",") and (a != m.end or _known_word(d, a)):
            continue
        name = " ".join(d.text[a:b]).replace(" - ", "-")
        p = Mention(a, b, name, m.code, "person", country=m.code[:3])
        new.append(p)
        for i in range(a, b):
            occupied[i] = True
        last = d.text[b - 1]
        if last.isalpha() and len(last) > 2:
            surnames.setdefault(last, p)
    if surnames:
        for i in range(d.n):
            if not occupied[i] and d.text[i] in surnames:
                p = surnames[d.text[i]]
                new.append(Mention(i, i + 1, p.name, p.code, "person", country=p.country))
                occupied[i] = True
    return ms + new


def _known_word(d: _Doc, i: int) -> bool:
    """A capitalized word that is a lexicon word, not a name ("Presiden Prabowo" vs "Menteri Keuangan")."""
    lex = d.lex
    w = d.low[i]
    return w in lex.stopwords or w in lex.triggers or w in lex.agents or w in lex.names or w in lex.place_name_suffixes


def _pronouns(d: _Doc, mentions: list[Mention], covered: list[bool]) -> list[Mention]:
    """'ia', 'dia', 'he', 'she' refer back to the last person mentioned."""
    lex = d.lex
    if not lex.pronouns_person:
        return mentions
    ms = sorted(mentions, key=lambda m: m.start)
    occupied = {i for m in ms for i in range(m.start, m.end)}
    out = list(ms)
    k = 0
    last_person: Mention | None = None
    for i in range(d.n):
        while k < len(ms) and ms[k].start <= i:
            if ms[k].kind == "person" and ms[k].code:
                last_person = ms[k]
            k += 1
        if i in occupied or d.low[i] not in lex.pronouns_person or last_person is None:
            continue
        if d.sent_of[i] - d.sent_of[last_person.start] > 3:
            continue
        out.append(Mention(i, i + 1, last_person.name, last_person.code, "pronoun", entity=last_person.entity, country=last_person.country))
    return out


def home_country(mentions: list[Mention], lex: Lexicon) -> str | None:
    """The country the story is set in: the most named country among places, else the pack's default."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.kind in ("country", "place", "capital", "demonym") and m.code:
            c = m.code[:3]
            counts[c] = counts.get(c, 0) + 1
            first.setdefault(c, m.start)
    if counts:
        return max(counts, key=lambda c: (counts[c], -first[c]))
    return lex.default_country


# --------------------------------------------------------------------------------------------------
# Triggers
# --------------------------------------------------------------------------------------------------


def find_triggers(d: _Doc, a: int, b: int, punct: list[bool], inside: frozenset[int] | set[int] = frozenset(),
                  after_adjective: frozenset[int] | set[int] = frozenset()) -> list[Found]:
    """Triggers of one sentence, longest first, left to right; none starts inside an actor mention
    ("Rapid Support Forces") or a blocked idiom, none is an adjectival participle ("the occupied West Bank")
    or a gerund complement ("accused of supporting")."""
    lex = d.lex
    blocked = [False] * (b - a)
    for i in range(a, b):
        hit = _longest(lex.blocked, d, i, b, punct)
        if hit:
            for k in range(i, hit[0]):
                blocked[k - a] = True
    out: list[Found] = []
    i = a
    while i < b:
        if blocked[i - a]:
            i += 1
            continue
        hit = _longest(lex.triggers, d, i, b, punct, with_gaps=True) if i not in inside else None
        if hit is None:
            i += 1
            continue
        end, trig, gaps = hit
        kind = trig.kind
        if kind == "verb" and i > a:
            prev, w = d.low[i - 1], d.low[i]
            if w.endswith("ing") and prev in lex.gerund_governors:
                i = end  # "accused of supporting": the content of another event
                continue
            if prev in lex.adjective_determiners:
                if w.endswith("ed"):
                    i = end  # "the occupied West Bank"
                    continue
                kind = "noun"  # "an attack", "the promise"
        if kind == "verb" and i in after_adjective:
            kind = "noun"  # "Canadian demand", "Israeli strikes": a word after a demonym is a noun
        passive = _is_passive(d, i, a, trig) if kind == "verb" else False
        start = i
        if kind == "noun":
            lv = _light_verb_before(d, i, a, punct)
            if lv is not None:
                start, kind = lv, "verb"
                passive = d.low[lv] in lex.passive_words or d.low[lv].startswith("di") and lex.lang == "id"
        out.append(Found(start, end, trig, kind, passive, gaps))
        i = end
    return out


def _is_passive(d: _Doc, i: int, a: int, trig: Trigger) -> bool:
    lex = d.lex
    if trig.kind != "verb":
        return False
    if lex.lang == "id":
        return any(k in lex.passive_words for k in d.keys[i])
    # English: a form of "be" (optionally one adverb between) before a past participle
    w = d.low[i]
    if not w.endswith(("ed", "en", "wn", "ght", "ck", "t")) and w not in ("held", "shot", "struck", "hit", "met", "sent", "taken", "seen"):
        return False
    for k in (i - 1, i - 2):
        if k >= a and d.low[k] in lex.passive_aux:
            return True
    return False


def _light_verb_before(d: _Doc, i: int, a: int, punct: list[bool]) -> int | None:
    """'melancarkan serangan', 'launched an attack': the light verb's start, or None."""
    fillers = ("a", "an", "the", "new", "fresh", "series", "of", "aksi", "sebuah", "serangkaian", "gelombang")
    for s in range(i - 1, max(a, i - 4) - 1, -1):
        hit = _longest(d.lex.light_verbs, d, s, i, punct)
        if hit and all(d.low[k] in fillers for k in range(hit[0], i)):
            return s
    return None


# --------------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------------


class _Args:
    """Argument finding over one sentence."""

    def __init__(self, d: _Doc, mentions: list[Mention], a: int, b: int, founds: list[Found]):
        self.d = d
        self.lex = d.lex
        self.a, self.b = a, b
        self.ms = [m for m in mentions if a <= m.start < b]
        self.starting = {m.start: m for m in self.ms}
        self.ending = {m.end - 1: m for m in self.ms}
        self.founds = founds
        self.verb_end = {f.end - 1: f for f in founds if f.kind == "verb"}
        self.verb_start = {f.start: f for f in founds if f.kind == "verb"}
        self.noun_end = {f.end: f for f in founds if f.kind == "noun"}
        all_preps = set()
        for k, v in self.lex.preps.items():
            if k != "target":
                all_preps |= v
        self.governing = frozenset(all_preps | self.lex.preps.get("target", frozenset()))
        self.subjects: dict[int, list[Mention]] = {}

    # coordination ------------------------------------------------------------------------------
    def group_left(self, m: Mention) -> list[Mention]:
        """m and the actors coordinated before it ("X, Y dan m")."""
        group = [m]
        cur = m
        while True:
            k = cur.start - 1
            if k < self.a or not (self.d.low[k] in self.lex.coordinators or self.d.text[k] == ","):
                break
            prev = self.ending.get(k - 1)
            if prev is None:
                break
            group.insert(0, prev)
            cur = prev
        return group

    def group_right(self, m: Mention) -> list[Mention]:
        group = [m]
        cur = m
        while True:
            k = cur.end
            if k >= self.b or not (self.d.low[k] in self.lex.coordinators or self.d.text[k] == ","):
                break
            nxt = self.starting.get(k + 1)
            if nxt is None:
                break
            group.append(nxt)
            cur = nxt
        return group

    def governor(self, m: Mention) -> str | None:
        """The preposition (or parenthetical opener) right before a mention, if any."""
        k = m.start - 1
        if k < self.a:
            return None
        w = self.d.low[k]
        if k - 1 >= self.a:
            two = self.d.low[k - 1] + " " + w
            for kind, words in self.lex.preps.items():
                if two in words:
                    return kind
        for kind, words in self.lex.preps.items():
            if w in words:
                return kind
        return None

    def is_np_agent(self, m: Mention) -> bool:
        """An actor inside a noun trigger's phrase ("serangan Israel") is not a clause subject."""
        return m.start in self.noun_end or (m.start - 1) in self.verb_end

    # subject -----------------------------------------------------------------------------------
    def subject(self, f: Found) -> list[Mention]:
        if f.start in self.subjects:
            return self.subjects[f.start]
        res = self._subject(f)
        self.subjects[f.start] = res
        return res

    def _open_paren(self, j: int) -> int:
        """Index of the "(" matching the ")" at j (or j itself when there is none)."""
        depth = 0
        for k in range(j, self.a - 1, -1):
            if self.d.text[k] == ")":
                depth += 1
            elif self.d.text[k] == "(":
                depth -= 1
                if depth == 0:
                    return k
        return j

    def _close_paren(self, j: int) -> int:
        depth = 0
        for k in range(j, self.b):
            if self.d.text[k] == "(":
                depth += 1
            elif self.d.text[k] == ")":
                depth -= 1
                if depth == 0:
                    return k
        return j

    def _is_object(self, m: Mention) -> bool:
        """A mention right after a meN-/di- verb is that verb's object, not a subject (but a speech verb
        opens a clause: "mengatakan penyidik menggeledah")."""
        k = m.start - 1
        if k < self.a:
            return False
        w = self.d.low[k]
        return self.lex.looks_transitive(w) and w not in self.lex.clause_barriers

    def _subject(self, f: Found) -> list[Mention]:
        """The actors before a verb that are its subject: nearest actor no preposition governs, skipping
        asides, objects of other verbs and parentheses; through a relativizer to the noun it modifies;
        after "dan"/"untuk" (coordinated or controlled verb) the subject of the clause before."""
        d, lex = self.d, self.lex
        j = f.start - 1
        steps = 0
        adverbs = ADVERBS | lex.modality.get("intended", frozenset()) | lex.modality.get("negated", frozenset())
        k = j
        while k >= self.a and d.low[k] in adverbs:
            k -= 1
        control = k >= self.a and (d.low[k] in lex.control_words or d.low[k] in lex.coordinators)
        if k >= self.a and d.low[k] in lex.coordinators:
            prev = [g for g in self.founds if g.kind == "verb" and g.end <= k]
            if prev:
                return self.subject(prev[-1])
        while j >= self.a and steps < SUBJECT_WINDOW:
            w = d.low[j]
            if d.text[j] == ")":
                j = self._open_paren(j) - 1
                steps += 1
                continue
            m = self.ending.get(j)
            if m is not None:
                group = self.group_left(m)
                first = group[0]
                gov = self.governor(first)
                if control and gov is None and (first.start - 1) in self.verb_end:
                    return [g for g in group if g.code]  # "urged Israel to withdraw": the object does it
                if gov is None and not self.is_np_agent(first) and not self._is_object(first) and all(g.kind != "place" for g in group):
                    return [g for g in group if g.code]
                j = first.start - 2 if gov else first.start - 1
                steps += 1
                continue
            if w in lex.relativizers:
                k = j - 1
                while k >= self.a and d.text[k] == ",":
                    k -= 1
                m2 = self.ending.get(k)
                if m2 is not None and self.governor(self.group_left(m2)[0]) is None:
                    return [g for g in self.group_left(m2) if g.code]
                return []
            if control and w in lex.clause_barriers and lex.looks_transitive(w):
                pass  # "X menyatakan tetap waspada dan meminta Y": the subject of the verb before
            elif w in lex.complementizers or w in lex.clause_barriers or d.text[j] in PUNCT_BARRIERS or j in self.verb_end:
                return []
            elif not control and lex.looks_transitive(w):
                return []
            j -= 1
            steps += 1
        return []

    # object ------------------------------------------------------------------------------------
    def obj(self, f: Found, *, want_agent: bool = False, own_country: str | None = None) -> tuple[list[Mention], list[Mention], Mention | None]:
        """(targets, by-agents, location) after a verb trigger within its clause; the words a "~" of the
        pattern skipped are searched too ("urged Beijing to exercise restraint")."""
        d, lex = self.d, self.lex
        j = f.start + 1
        steps = 0
        targets: list[Mention] = []
        agents: list[Mention] = []
        location = None
        addressee = f.trigger.code[:2] in ("02", "10")  # "demanded that the government ..."
        while j < self.b and steps < OBJECT_WINDOW:
            m = self.starting.get(j)
            if m is None and f.literal(j):
                j += 1
                continue
            if d.text[j] == "(":
                j = self._close_paren(j) + 1
                continue
            if m is not None:
                gov = self.governor(m)
                group = self.group_right(m)
                if all(f.literal(i) for i in range(m.start, m.end)):
                    pass
                elif gov == "location" and m.kind in ("place", "capital", "country"):
                    location = location or m
                elif gov == "between":
                    break
                elif gov in ("origin", "parenthetical"):
                    pass
                elif gov == "agent":
                    if not agents:
                        agents = group
                elif m.own or (m.inferred and own_country and (m.code or "")[:3] == own_country):
                    pass  # "put its forces on alert", "China deployed warships": the subject's own forces
                elif not targets and (any(g.code for g in group) or m.kind not in ("place", "capital")):
                    targets = group  # an uncoded person or organization takes the object slot too
                    if not want_agent:
                        break
                j = group[-1].end
                steps += 1
                continue
            w = d.low[j]
            if w in lex.complementizers and addressee and not targets:
                j += 1
                steps += 1
                continue
            if w in lex.relativizers or w in lex.complementizers or w in lex.clause_barriers or d.text[j] in PUNCT_BARRIERS or d.text[j] in (",", ".", "!", "?"):
                break
            if j in self.verb_start:
                break
            if w in lex.coordinators and j + 1 < self.b and lex.looks_verbal(d.low[j + 1]):
                break
            j += 1
            steps += 1
        if not targets and agents and not want_agent:
            targets = agents  # "mengecam penyerbuan ... oleh pasukan Israel": the agent of its object
        if not targets and not want_agent:
            # "mengutuk serangan yang dilakukan Israel": the agent of the event it names
            noun = next((g for g in self.founds if g.kind == "noun" and f.end <= g.start <= f.end + 2), None)
            if noun is not None:
                targets = self.noun_args(noun)[0][:3]
        return [t for t in targets if t.code or t.kind in ("place", "capital")], agents, location

    def between(self, j: int) -> list[Mention]:
        """'antara X dan Y' / 'between X and Y' starting at token j (the preposition)."""
        if j < self.b and self.d.low[j] in self.lex.preps.get("between", ()):
            m = self.starting.get(j + 1)
            if m is not None:
                g = self.group_right(m)
                if len(g) >= 2:
                    return g
        return []

    # noun phrase -------------------------------------------------------------------------------
    def noun_args(self, f: Found) -> tuple[list[Mention], list[Mention]]:
        """(agents, targets) of a noun trigger from its own phrase."""
        d, lex = self.d, self.lex
        agents: list[Mention] = []
        targets: list[Mention] = []
        j = f.end
        # agent after the noun (Indonesian order; English "attack by X")
        m = self.starting.get(j)
        if m is None and j < self.b and d.low[j].isalpha() and d.low[j] not in self.governing and j not in self.verb_start \
                and d.low[j] not in lex.relativizers and d.low[j] not in lex.coordinators and lex.lang == "id":
            m2 = self.starting.get(j + 1)
            if m2 is not None and self.governor(m2) is None:
                m = m2
        if m is None and j + 2 < self.b and d.low[j] in lex.relativizers and _longest(lex.light_verbs, d, j + 1, self.b, d.punct):
            # "serangan yang dilakukan (oleh) Israel"
            k = _longest(lex.light_verbs, d, j + 1, self.b, d.punct)[0]
            if k < self.b and d.low[k] in lex.preps.get("agent", ()):
                k += 1
            m2 = self.starting.get(k)
            if m2 is not None and m2.code:
                return [m2], []
        if m is not None and self.governor(m) is None and lex.lang == "id":
            agents = [m]
            j = m.end
            nxt = self.starting.get(j)
            while nxt is not None and nxt.kind == "person" and nxt.code == m.code:
                j = nxt.end  # "Kunjungan Presiden Prabowo ke Jepang"
                nxt = self.starting.get(j)
        # agent before the noun (English order: "Israeli airstrike", "Israel's attack")
        if lex.lang == "en":
            k = f.start - 1
            hops = 0
            while k >= self.a and hops < 3:
                pm = self.ending.get(k)
                if pm is not None:
                    agents = self.group_left(pm)
                    break
                w = d.low[k]
                if w in ("'s", "’s", "the", "a", "an") or (w.isalpha() and hops == 0 and w not in self.governing and k not in self.verb_end):
                    k -= 1
                    hops += 1
                    continue
                break
        # prepositional complements
        steps = 0
        while j < self.b and steps < 4:
            w = d.low[j]
            m = self.starting.get(j + 1) if j + 1 < self.b else None
            if w in lex.preps.get("agent", ()) and m is not None:
                agents = agents or [m]
                j = m.end
                continue
            if w in lex.preps.get("target", ()) and m is not None:
                if not targets:
                    targets = self.group_right(m)
                j = targets[-1].end if targets else m.end
                continue
            if w in lex.preps.get("between", ()) and f.trigger.reciprocal:
                g = self.between(j)
                if g:
                    return [g[0]], g[1:]
            if w in lex.preps.get("location", ()) or w in lex.preps.get("origin", ()):
                if m is not None:
                    j = m.end
                    steps += 1
                    continue
            break
        return [a for a in agents if a.code], [t for t in targets if t.code]


# --------------------------------------------------------------------------------------------------
# Context: modality, time, location, casualties, quotes
# --------------------------------------------------------------------------------------------------


def _modality(d: _Doc, f: Found, a: int, subject_start: int | None) -> str:
    lex = d.lex
    lo = max(a, f.start - (4 if f.kind == "verb" else 2))
    if subject_start is not None and subject_start < f.start:
        lo = max(lo, subject_start)
    window = d.low[lo:f.start]
    mod = lex.modality
    for label in ("negated", "hypothetical", "intended"):
        if any(w in mod.get(label, ()) for w in window):
            return label
    if lex.lang == "en" and f.kind == "verb" and f.start - 1 >= a and d.low[f.start - 1] == "to":
        # "to attack": what follows a demand cue is demanded, otherwise intended
        for k in range(max(a, f.start - 8), f.start - 1):
            if d.low[k] in mod.get("demanded", ()):
                return "demanded"
        return "intended"
    demand = mod.get("demanded", ())
    for k in range(max(a, f.start - 10), f.start):
        if d.low[k] in demand:
            between = d.low[k + 1:f.start]
            if any(w in lex.demand_links for w in between):
                return "demanded"
    return "asserted"


@dataclass
class _Time:
    start: int
    end: int
    value: str


def _times_by_sentence(d: _Doc, times: list[Timex]) -> dict[int, list[_Time]]:
    out: dict[int, list[_Time]] = {}
    for t in times or []:
        if not t.value or t.type not in ("DATE", "TIME") or t.value.startswith("P"):
            continue
        sp = d.char_span(t.start, t.end)
        if sp is None:
            continue
        out.setdefault(d.sent_of[sp[0]], []).append(_Time(sp[0], sp[1], t.value))
    return out


def _pick_time(d: _Doc, f: Found, cands: list[_Time]) -> str | None:
    best, best_score = None, None
    for t in cands:
        lo, hi = (t.end, f.start) if t.end <= f.start else (f.end, t.start)
        dist = max(0, hi - lo)
        if any(d.low[k] in d.lex.complementizers or d.low[k] in d.lex.clause_barriers for k in range(lo, hi)):
            dist += 100
        if best_score is None or dist < best_score:
            best, best_score = t, dist
    return best.value if best else None


def _location(args: _Args, f: Found, target: Mention | None, obj_location: Mention | None) -> Mention | None:
    if target is not None and target.kind in ("place", "capital"):
        return target
    if obj_location is not None:
        return obj_location
    best, best_dist = None, None
    for m in args.ms:
        if m.kind not in ("place", "capital", "country"):
            continue
        located = args.governor(m) == "location"
        if not located and m.start >= 2 and args.d.text[m.start - 1] == ",":
            host = args.ending.get(m.start - 2)  # "di Istana Merdeka, Jakarta"
            located = host is not None and args.governor(host) == "location"
        if not located:
            continue
        dist = (m.start - f.end) if m.start >= f.end else (f.start - m.end) + 3
        if best_dist is None or dist < best_dist:
            best, best_dist = m, dist
    return best


def _number_at(d: _Doc, i: int, qvalues: dict[int, int]) -> int | None:
    if i in qvalues:
        return qvalues[i]
    w = d.text[i]
    if NUMBER_RE.match(w):
        if d.lex.lang == "id":
            return int(w.replace(".", "").replace(",", ""))
        return int(w.replace(",", "").replace(".", ""))
    return d.lex.number_words.get(w.lower())


def _casualties(d: _Doc, a: int, b: int, qvalues: dict[int, int], punct: list[bool]) -> list[tuple[int, str, int]]:
    """(token, 'fatalities'|'injured', count) for casualty words with a number nearby."""
    out = []
    i = a
    while i < b:
        hit = _longest(d.lex.casualty, d, i, b, punct)
        if not hit:
            i += 1
            continue
        end, kind = hit
        count = None
        k, hops = end, 0
        while k < b and hops < 4 and count is None:
            count = _number_at(d, k, qvalues)
            if count is None and d.low[k] not in APPROXIMATORS:
                break
            k += 1
            hops += 1
        k, hops = i - 1, 0
        while count is None and k >= a and hops < 4:
            count = _number_at(d, k, qvalues)
            if d.text[k] in (",", ".") or k in ():
                break
            k -= 1
            hops += 1
        if count is not None:
            out.append((i, kind, count))
        i = end
    return out


def _quote_spans(d: _Doc, quotes: list[Quote]) -> list[tuple[int, int, bool, str | None]]:
    spans = [(q.start, q.end, bool(q.direct), q.speaker.entity if q.speaker else None) for q in quotes or [] if q.end > q.start]
    if spans:
        return spans
    # fallback: text between quotation marks
    text = d.fulltext
    out = []
    for m in re.finditer(r"“[^”]{8,}”|\"[^\"\n]{8,}\"", text):
        out.append((m.start(), m.end(), True, None))
    return out


# --------------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------------


def find_events(
    doc: Doc,
    entities: list[Entity],
    times: list[Timex],
    quotes: list[Quote],
    quantities: list[Quantity],
    pack: LanguagePack,
    anchor: date | None,
) -> list[Event]:
    """CAMEO-coded events of one article; never raises (odd input gives fewer events)."""
    try:
        return _find_events(doc, entities, times, quotes, quantities, pack, anchor)
    except Exception:  # a stage returns what it can, never crashes the pipeline
        return []


def _find_events(doc, entities, times, quotes, quantities, pack, anchor) -> list[Event]:
    if doc is None or len(doc) == 0 or "event_triggers" not in pack:
        return []
    lex = lexicon(pack)
    d = _Doc(doc, lex)
    if _is_sports_story(d):
        return []  # teams named after countries "meet" and "attack": no political events in a match report
    punct = d.punct
    mentions, _surnames = build_mentions(d, entities)
    inside = {i for m in mentions for i in range(m.start + 1, m.end)} | {m.start for m in mentions if m.kind != "agent"}
    times_by_sent = _times_by_sentence(d, times)
    qvalues: dict[int, int] = {}
    for q in quantities or []:
        if isinstance(q.value, (int, float)) and q.value == int(q.value):
            sp = d.char_span(q.start, q.end)
            if sp:
                for i in range(sp[0], sp[1]):
                    if NUMBER_RE.match(d.text[i]) or d.low[i] in lex.number_words:
                        qvalues[i] = int(q.value)
    default_date = anchor.isoformat() if anchor else None
    qspans = _quote_spans(d, quotes)
    speaker_mentions = _speaker_codes(entities, lex, d)

    after_demonym = {m.end for m in mentions if m.kind == "demonym"}
    # "until March 20", "in May": a word inside a time expression is never a trigger
    in_time: set[int] = set()
    for t in times or []:
        sp = d.char_span(t.start, t.end)
        if sp:
            in_time.update(range(sp[0], sp[1]))

    cands: list[Candidate] = []
    for si, (a, b) in enumerate(d.sents):
        founds = [f for f in find_triggers(d, a, b, punct, inside, after_demonym) if not in_time.intersection(range(f.start, f.end))]
        if not founds:
            continue
        args = _Args(d, mentions, a, b, founds)
        _resolve_speaker_pronouns(d, args, qspans, speaker_mentions)
        sent_cands: list[Candidate] = []
        for f in founds:
            if f.trigger.casualty and any(c.code[:2] in VIOLENT_ROOTS for c in sent_cands):
                continue  # "... yang menewaskan 20 orang": a count for the event before it
            pairs, loc, subj_start = _pairs(args, f)
            if f.kind == "verb" and not f.passive and _purpose_without_subject(d, f, a, pairs):
                continue  # "a law used to impose sanctions on ...": a purpose, not an event anyone did
            if f.trigger.casualty:
                # "killed 5 people" alone is an event only when someone did the killing
                pairs = [(s_, t_) for s_, t_ in pairs if s_ is not None and s_.code and not s_.inferred]
            if f.trigger.strict:
                pairs = [(s_, t_) for s_, t_ in pairs if s_ and t_ and s_.code and t_.code and not (s_.inferred and t_.inferred)]
            if not pairs:
                continue
            mod = _modality(d, f, a, subj_start)
            tval = _pick_time(d, f, times_by_sent.get(si, []))
            for src, tgt in pairs:
                if not ((src and src.code) or (tgt and tgt.code)):
                    continue
                if src and tgt and src.code and tgt.code and src.code == tgt.code:
                    continue
                location = _location(args, f, tgt, loc)
                code = f.trigger.code
                if f.trigger.civilian_code and src is not None and _is_civilian(src, lex):
                    code = f.trigger.civilian_code
                sent_cands.append(Candidate(
                    code=code, source=src, target=tgt, found=f, sentence=si, location=location,
                    date=tval or default_date, date_from_text=tval is not None, modality=mod,
                ))
        for tok, kind, count in _casualties(d, a, b, qvalues, punct):
            before = [c for c in sent_cands if c.found.start <= tok and c.code[:2] in VIOLENT_ROOTS]
            after = [c for c in sent_cands if c.found.start > tok and c.code[:2] in VIOLENT_ROOTS]
            # "Serangan itu menewaskan 27 orang": the violent event of the sentence before
            previous = [c for c in cands if c.sentence == si - 1 and c.code[:2] in VIOLENT_ROOTS]
            host = before[-1] if before else (after[0] if after else (previous[-1] if previous and not sent_cands else None))
            if host is not None:
                setattr(host, kind, max(getattr(host, kind) or 0, count))
        cands.extend(sent_cands)
    merged = _merge(cands)
    return [_to_event(c, d, qspans) for c in merged]


def _purpose_without_subject(d: _Doc, f: Found, a: int, pairs: list) -> bool:
    """A verb right after a control word ("untuk", "to") whose controller was not found is a purpose or a
    generic use ("digunakan untuk menjatuhkan sanksi", "to ask the police for help"), not a reported event."""
    if any(s_ is not None for s_, _t in pairs):
        return False
    lex = d.lex
    adverbs = ADVERBS | lex.modality.get("intended", frozenset()) | lex.modality.get("negated", frozenset())
    k = f.start - 1
    while k >= a and d.low[k] in adverbs:
        k -= 1
    return k >= a and d.low[k] in lex.control_words and d.low[k] not in lex.coordinators


def _is_civilian(m: Mention, lex: Lexicon) -> bool:
    """Ordinary people rather than a state: demonyms ("Kenyans") and civilian roles (CVL, EDU, LAB ...)."""
    return m.kind == "demonym" or bool(m.code and m.code[3:6] in lex.civilian_roles)


def _is_sports_story(d: _Doc) -> bool:
    lex = d.lex
    if not lex.sports_words:
        return False
    hits = 0
    for i in range(d.n):
        if _longest(lex.sports_words, d, i, d.n, d.punct):
            hits += 1
            if hits >= lex.sports_threshold:
                return True
    return False


def _speaker_codes(entities: list[Entity], lex: Lexicon, d: _Doc) -> dict[str, Mention]:
    out = {}
    for e in entities or []:
        sp = None
        for m in e.mentions or []:
            sp = d.char_span(m.start, m.end)
            if sp:
                break
        if sp:
            m = _entity_mention(e, sp, d, lex)
            if m is not None and m.code:
                out[e.id] = m
    return out


def _resolve_speaker_pronouns(d: _Doc, args: _Args, qspans, speakers: dict[str, Mention]) -> None:
    """'Kami' / 'we' inside a quote is its speaker."""
    if not d.lex.pronouns_speaker or not speakers:
        return
    for i in range(args.a, args.b):
        if d.low[i] not in d.lex.pronouns_speaker or i in args.starting:
            continue
        c = d.idx[i]
        for qs, qe, _direct, ent in qspans:
            if qs <= c < qe and ent in speakers:
                s = speakers[ent]
                m = Mention(i, i + 1, s.name, s.code, "pronoun", entity=s.entity, country=s.country)
                args.ms.append(m)
                args.starting[i] = m
                args.ending[i] = m
                break


def _pairs(args: _Args, f: Found) -> tuple[list[tuple[Mention | None, Mention | None]], Mention | None, int | None]:
    """(source, target) pairs for a trigger, the location its clause names, and where its subject starts."""
    rec = f.trigger.reciprocal
    if f.kind == "noun":
        agents, targets = args.noun_args(f)
        if not agents and targets:
            agents = args.subject(f)  # "Li Qiang made the promise during talks with Sugiono"
        if not agents and not targets:
            return [], None, None
        if not targets and rec and len(agents) >= 2:
            return [(agents[0], agents[1])], None, None
        srcs = agents[:3] or [None]
        tgts = targets[:3] or [None]
        return [(s, t) for s in srcs for t in tgts], None, None
    subj = args.subject(f)
    # "China deployed warships": in a show of force the forces are the subject's own, not its target
    own = (subj[0].code or "")[:3] if subj and not f.passive and f.trigger.code[:2] == "15" else None
    targets, by_agents, loc = args.obj(f, want_agent=f.passive, own_country=own)
    subj_start = subj[0].start if subj else None
    if f.passive:
        srcs, tgts = by_agents, subj
    else:
        srcs, tgts = subj, targets
        if not tgts and rec:
            between = args.between(f.end) or (args.between(f.end + 1) if f.end + 1 < args.b else [])
            if between and not srcs:
                srcs, tgts = [between[0]], between[1:2]
    srcs = _dedupe(srcs)
    tgts = _dedupe(tgts)
    if rec and not tgts and len(srcs) >= 2:
        return [(srcs[0], srcs[1])], loc, subj_start
    if not srcs and not tgts:
        return [], loc, subj_start
    s_list = srcs[:3] or [None]
    t_list = tgts[:3] or [None]
    return [(s, t) for s in s_list for t in t_list], loc, subj_start


def _dedupe(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        key = m.code or m.name
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _country(m: Mention | None) -> str | None:
    return (m.code or "")[:3] or None if m is not None else None


def _specific(code: str) -> tuple[int, int]:
    return (len(code), 0 if code.endswith("0") else 1)


def _merge(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        for o in out:
            if _same_event(o, c):
                if _specific(c.code) > _specific(o.code):
                    o.code, o.found = c.code, c.found
                if o.target is None and c.target is not None:
                    o.target = c.target
                if o.source is None and c.source is not None:
                    o.source = c.source
                o.location = o.location or c.location
                if not o.date_from_text and c.date_from_text:
                    o.date, o.date_from_text = c.date, True
                for k in ("fatalities", "injured"):
                    v = getattr(c, k)
                    if v is not None:
                        setattr(o, k, max(getattr(o, k) or 0, v))
                o.mentions += 1
                break
        else:
            out.append(c)
    return out


def _same_event(o: Candidate, c: Candidate) -> bool:
    """Two reports of one event: same 3-digit code (or one is its root's generic code, "190" and "195"),
    same modality, same actors' countries (one side may be missing, then the 3-digit codes must agree),
    and no two different dates read from the text."""
    if o.code[:2] != c.code[:2] or o.modality != c.modality:
        return False
    generic = o.code[:2] + "0"
    os_, ot, cs, ct = _country(o.source), _country(o.target), _country(c.source), _country(c.target)
    one_missing = None in (os_, ot, cs, ct)
    if o.code[:3] != c.code[:3] and not (one_missing and o.code[:2] in VIOLENT_ROOTS and generic in (o.code[:3], c.code[:3])):
        return False
    if o.date_from_text and c.date_from_text and o.date != c.date:
        return False
    same = (os_ == cs and (ot == ct or ot is None or ct is None)) or (ot == ct and ot is not None and (os_ is None or cs is None))
    if not same and (o.found.trigger.reciprocal or c.found.trigger.reciprocal):
        same = os_ == ct and ot == cs and os_ is not None
    return same


def _to_event(c: Candidate, d: _Doc, qspans) -> Event:
    info = cameo.lookup(c.code)
    f = c.found
    start = d.idx[f.start]
    end = d.idx[f.end - 1] + len(d.text[f.end - 1])
    quote, quoted_by = False, None
    for qs, qe, direct, ent in qspans:
        if qs <= start < qe:
            quote = quote or direct
            quoted_by = quoted_by or ent
    loc = None
    if c.location is not None:
        lm = c.location
        loc = Location(name=lm.name, country=(lm.code or lm.country or "")[:3] or None, entity=lm.entity)
    return Event(
        code=c.code,
        root=info.root if info else c.code[:2],
        label=info.label if info else "",
        source=_actor(c.source, d, acting=True),
        target=_actor(c.target, d, acting=False),
        location=loc,
        date=c.date,
        modality=c.modality,
        trigger=d.fulltext[start:end],
        sentence=c.sentence,
        quote=quote,
        quoted_by=quoted_by,
        quad_class=info.quad_class if info else None,
        goldstein=info.goldstein if info else None,
        fatalities=c.fatalities,
        injured=c.injured,
        start=start,
        end=end,
        mentions=c.mentions,
    )


def _actor(m: Mention | None, d: _Doc, *, acting: bool) -> Actor | None:
    """The record's actor; a capital that acts ("Washington dan Doha ...") stands for its government."""
    if m is None or not m.code:
        return None
    name = m.name if m.entity and m.kind != "agent" else " ".join(d.text[m.start:m.end])
    code = m.code
    if acting and m.kind == "capital" and len(code) == 3:
        code = code + "GOV"
    return Actor(name=name, code=code, entity=m.entity, country=code[:3] if cameo.country(code[:3]) else None)
