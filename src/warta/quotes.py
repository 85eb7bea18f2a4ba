"""Quotes: direct and indirect speech with speaker, role, cue and channel.

The stage works on the body text (``doc.text``) with patterns compiled once per language pack
from ``speech_cues.json`` and ``speaker_roles.json``. It runs in four passes:

1. **Direct spans**: quotation marks are paired paragraph by paragraph (“…”, "…", «…», and ‘…’ in
   English). A paragraph that opens a quote without closing it continues into the next paragraph
   when that one opens with a mark; other unbalanced marks give a warning and the best reading.
2. **Attributions**: each sentence (with the direct quotes masked) is searched for cues: postposed
   cues after a quote or clause (“…,” kata X; …, ujar X; "…," X said), preposed verbs whose subject
   is the speaker (X mengatakan (bahwa) …; X said (that) …), "menurut X" / "according to X", and
   passive attributions of the preceding quote (Hal itu disampaikan X). A preposed cue whose
   complement is not a clause (X menyatakan solidaritas) is kept as a speech act only: it names the
   last speaker for later pronouns but yields no quote.
3. **Speakers**: the speaker phrase is read as role + name ("juru bicara Kementerian Luar Negeri,
   Majed al-Ansari"), linked to an entity when the entities stage gives one, else resolved within the
   article (a surname to the full name printed earlier, a role-only mention such as "Menlu AS" to the
   person printed under that role). Pronouns and clitics (katanya, tambahnya, ia mengatakan, he
   added) take the last speaker before them.
4. **Quotes**: one Quote per quoted span or reported clause, in text order. A short quoted span
   inside a reported clause is part of that clause (one indirect quote), not a second quote.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.tokens import Doc

from .lang import LanguagePack, date_names
from .record import Entity, Quote, Speaker

# Quotation marks: opening and closing characters of each family. The straight marks open and
# close alike; which one a mark is follows from its neighbours.
_FAMILIES = {
    "double": ("“„", "”"),
    "straight": ('"', '"'),
    "guillemet": ("«", "»"),
    "single": ("‘", "’"),
    "straight_single": ("'", "'"),
}
_OPEN_MARKS = "“„\"«‘'"
_MARK_CHARS = "“”„\"«»‘’'"
_MASK = "\x00"
_MIN_DIRECT_WORDS = 4  # shorter quoted spans are partial quotes and need a cue in their sentence
_MAX_SPEAKER_TOKENS = 14
_WORD = re.compile(r"\S+")
_WORD_START = re.compile(r"(?<![\w-])\w[\w-]*\.?")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


# --------------------------------------------------------------------------------------------
# Compiled rules, one per language pack
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, ...]:
    """The words of a personal name, lower case, without an Arabic article glued to them ("al-Ansari")."""
    return tuple(re.sub(r"^(?:al|el|ad|as|an|ar|at|az|ash)[-'’]", "", w.lower()) for w in name.split())


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


def _lower_set(values) -> frozenset:
    return frozenset(str(v).lower() for v in values or [])


@dataclass(frozen=True)
class _Rules:
    lang: str
    postposed: frozenset
    preposed: frozenset
    clitic: str
    pronouns: dict
    pronouns_after_cue: frozenset
    complementizers: frozenset
    needs_complementizer: frozenset
    adverbs_after_cue: tuple
    according_to: re.Pattern
    cue_re: re.Pattern
    passive_re: re.Pattern | None
    passive_antecedent_re: re.Pattern | None
    passive_agent: frozenset
    channel_re: re.Pattern
    opener_re: re.Pattern | None
    time_words: frozenset
    date_names: frozenset  # full weekday and month names: never part of a personal name
    clause_predicates: frozenset
    verb_prefix: re.Pattern | None
    not_verbs: frozenset
    clause_stops: frozenset
    clause_bad_starts: frozenset
    relative_markers: frozenset
    demonstratives: frozenset
    not_after: frozenset
    not_speakers: frozenset
    clause_min_tokens: int
    modifiers: frozenset
    trailing_adverbs: frozenset
    np_breakers: frozenset
    place_prepositions: frozenset
    determiners: frozenset
    anaphors: frozenset
    role_heads: tuple  # tuples of lowercase words, longest first
    role_first_words: frozenset
    role_head_re: re.Pattern | None  # any role head, anchored with .match at a word start
    role_last_words: frozenset
    abbreviations: dict
    honorifics: frozenset
    name_particles: frozenset
    name_connectors: frozenset
    institution_words: frozenset
    organisation_heads: frozenset
    group_speakers: tuple
    group_last_words: frozenset
    recipient_verbs: frozenset
    recipients: tuple
    stopwords: frozenset
    abbrev_dots: frozenset


@cache
def _known_names(lang: str) -> frozenset:
    """Printed names of countries, places and organisations from the knowledge base, when it is installed."""
    try:
        from .kb import alias_index
    except Exception:  # the stage works without the knowledge base
        return frozenset()
    try:
        return frozenset(alias_index(lang))
    except Exception:
        return frozenset()


@cache
def _rules(pack: LanguagePack) -> _Rules:
    """Everything the stage needs from one language pack, compiled once."""
    cues = pack.get("speech_cues") or {}
    roles = pack.get("speaker_roles") or {}
    calendar = pack.get("calendar") or {}
    postposed = _lower_set(cues.get("postposed"))
    preposed = _lower_set(cues.get("preposed"))
    clitic = (cues.get("clitic") or "").lower()
    clitic_part = f"(?P<clitic>{re.escape(clitic)})?" if clitic else ""
    cue_re = re.compile(rf"(?<![\w-])(?P<cue>{_alternation(postposed | preposed)}){clitic_part}(?![\w-])", re.IGNORECASE)
    according = cues.get("according_to") or []
    passive = cues.get("passive") or []
    antecedents = cues.get("passive_antecedents") or []
    openers = cues.get("discourse_openers") or []
    time_words = _lower_set(cues.get("time_words")) | _lower_set(calendar.get("weekdays")) | _lower_set(calendar.get("months"))
    heads = sorted({tuple(h.lower().split()) for h in roles.get("role_heads", []) if h.strip()}, key=len, reverse=True)
    groups = tuple(sorted(_lower_set(roles.get("group_speakers")), key=len, reverse=True))
    abbrev = set((pack.get("tokenizer") or {}).get("abbreviations", [])) | set(roles.get("honorifics", []))
    return _Rules(
        lang=pack.code,
        postposed=postposed,
        preposed=preposed,
        clitic=clitic,
        pronouns={k.lower(): v for k, v in (cues.get("pronouns") or {}).items()},
        pronouns_after_cue=_lower_set(cues.get("pronouns_after_cue")),
        complementizers=_lower_set(cues.get("complementizers")),
        needs_complementizer=_lower_set(cues.get("needs_complementizer")),
        adverbs_after_cue=tuple(sorted(_lower_set(cues.get("adverbs_after_cue")), key=len, reverse=True)),
        according_to=re.compile(rf"(?<![\w-])(?:{_alternation(according) or '(?!x)x'}){clitic_part}(?![\w-])", re.IGNORECASE),
        cue_re=cue_re,
        passive_re=re.compile(rf"(?<![\w-])(?:{_alternation(passive)})(?![\w-])", re.IGNORECASE) if passive else None,
        passive_antecedent_re=re.compile(rf"(?:{_alternation(antecedents)})\s+(?:pun\s+|juga\s+)?", re.IGNORECASE) if antecedents else None,
        passive_agent=_lower_set(cues.get("passive_agent")),
        channel_re=re.compile("|".join(f"(?:{p})" for p in cues.get("channels", [])) or r"(?!x)x", re.IGNORECASE),
        opener_re=re.compile(rf"^(?:(?:{_alternation(openers)})(?![\w-])[\s,]*)+", re.IGNORECASE) if openers else None,
        time_words=time_words,
        date_names=date_names(calendar),
        clause_predicates=_lower_set(cues.get("clause_predicates")),
        verb_prefix=re.compile(cues["verb_prefix"]) if cues.get("verb_prefix") else None,
        not_verbs=_lower_set(cues.get("not_verbs")),
        clause_stops=_lower_set(cues.get("clause_stops")),
        clause_bad_starts=_lower_set(cues.get("clause_bad_starts")),
        relative_markers=_lower_set(cues.get("relative_markers")),
        demonstratives=_lower_set(cues.get("demonstratives")),
        not_after=_lower_set(cues.get("not_after")),
        not_speakers=_lower_set(cues.get("not_speakers")),
        clause_min_tokens=int(cues.get("clause_min_tokens", 3)),
        modifiers=_lower_set(cues.get("speaker_modifiers")),
        trailing_adverbs=_lower_set(cues.get("speaker_trailing_adverbs")),
        np_breakers=_lower_set(cues.get("np_breakers")) | postposed | preposed,
        place_prepositions=_lower_set(cues.get("place_prepositions")),
        determiners=_lower_set(cues.get("determiners")),
        anaphors=_lower_set(cues.get("anaphors")),
        role_heads=tuple(heads),
        role_first_words=frozenset(h[0] for h in heads),
        role_head_re=re.compile(rf"(?:{_alternation(' '.join(h) for h in heads)})(?![\w-])", re.IGNORECASE) if heads else None,
        role_last_words=frozenset(h[-1] for h in heads),
        abbreviations={k.lower(): v.lower() for k, v in (roles.get("abbreviations") or {}).items()},
        honorifics=_lower_set(roles.get("honorifics")),
        name_particles=_lower_set(roles.get("name_particles")),
        name_connectors=_lower_set(roles.get("name_connectors")),
        institution_words=_lower_set(roles.get("institution_words")),
        organisation_heads=_lower_set(roles.get("organisation_heads")),
        group_speakers=groups,
        group_last_words=frozenset(g.split()[-1] for g in groups),
        recipient_verbs=_lower_set(cues.get("recipient_verbs")),
        recipients=tuple(sorted(_lower_set(cues.get("recipients")), key=len, reverse=True)),
        stopwords=_lower_set((pack.get("stopwords") or {}).get("words")),
        abbrev_dots=frozenset(a for a in abbrev if a.endswith(".")),
    )


# --------------------------------------------------------------------------------------------
# Small data holders
# --------------------------------------------------------------------------------------------


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    paren: bool = False
    quoted: bool = False  # inside a direct quote (masked)

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class _Ref:
    """What an attribution says about its speaker, before resolution."""

    kind: str  # "np", "pronoun", "inherit"
    name: str | None = None
    role: str | None = None
    start: int = 0
    end: int = 0
    name_start: int = 0
    name_end: int = 0
    sort: str = "person"  # person, org, group, any
    pronoun: str | None = None
    anaphoric: bool = False


@dataclass
class _Direct:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (or where the quote is read to end)
    start: int  # first character of the quote text
    end: int  # end of the quote text
    closed: bool = True
    paragraphs: int = 1


@dataclass
class _Att:
    """One attribution: a cue, its speaker reference and the quotes it covers (start, end, direct, text)."""

    pos: int
    cue: str | None
    ref: _Ref | None
    channel: str | None = None
    quotes: list = field(default_factory=list)
    speaker: Speaker | None = None
    sort: str = "person"


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------


def find_quotes(doc: Doc, entities: list[Entity], pack: LanguagePack, warnings: list[str] | None = None) -> list[Quote]:
    """Direct and indirect quotes in ``doc.text`` with their speakers; never raises on odd input.

    ``warnings`` (optional) receives a line for each oddity met, such as unbalanced quotation marks.
    """
    text = doc.text if doc is not None else ""
    if not text or not text.strip():
        return []
    try:
        return _Finder(text, entities or [], _rules(pack), warnings).run()
    except Exception as err:  # a stage meeting something odd returns what it can
        if warnings is not None:
            warnings.append(f"quotes: analysis stopped early ({type(err).__name__}: {err})")
        return []


class _Finder:
    """The quotes of one article."""

    def __init__(self, text: str, entities: list[Entity], rules: _Rules, warnings: list[str] | None):
        self.text = text
        self.entities = entities
        self._bodies: list[tuple[int, int]] | None = None
        self.r = rules
        self.warnings = warnings if warnings is not None else []
        self.directs: list[_Direct] = []
        self.masked = text
        self.sentences: list[tuple[int, int]] = []
        self._places: set[str] | None = None
        self._acronyms: set[str] | None = None
        self._role_names: list[tuple[tuple[str, ...], str]] | None = None
        self._speaker_names: list[str] = []

    def run(self) -> list[Quote]:
        self.directs = self._direct_spans()
        chars = list(self.text)
        for d in self.directs:
            for i in range(d.start, d.close if d.closed else d.end):
                if chars[i] != "\n":
                    chars[i] = _MASK
        self.masked = "".join(chars)
        self.sentences = self._sentences()
        atts = self._attributions()
        self._resolve(atts)
        return self._quotes(atts)

    def _warn(self, msg: str) -> None:
        if msg not in self.warnings:
            self.warnings.append(msg)

    @staticmethod
    def _words(s: str) -> int:
        return len(re.findall(r"[^\W_]+", s))

    def _rstrip(self, s: int, e: int) -> int:
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return e

    # ---------------------------------------------------------------- pass 1: direct spans
    def _paragraphs(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for m in re.finditer(r"\n", self.text):
            if self.text[pos:m.start()].strip():
                out.append((pos, m.start()))
            pos = m.end()
        if self.text[pos:].strip():
            out.append((pos, len(self.text)))
        return out

    def _mark_role(self, i: int) -> str:
        """'open', 'close', 'either' or 'none' for the quotation mark at offset i."""
        t = self.text
        ch = t[i]
        before = t[i - 1] if i > 0 else " "
        after = t[i + 1] if i + 1 < len(t) else " "
        if ch in "“„«":
            return "open"
        if ch == "»":
            return "close"
        if ch == "‘":
            return "none" if before.isalnum() and after.isalnum() else "open"
        if ch == "’":
            if before.isalnum() and after.isalnum():
                return "none"  # an apostrophe: don’t, Jum’at
            return "none" if before.isspace() else "close"
        if ch == "”":
            # some sites print ” for both marks
            return "open" if (before.isspace() or before in "([—–") and after.isalnum() else "close"
        if ch == "'":
            if before.isalnum() and after.isalnum():
                return "none"  # Israel's
            if (before.isspace() or before in "([") and after.isalnum():
                return "open"
            if (before.isalnum() or before in ".,!?") and (after.isspace() or after in ".,;:!?)" or i + 1 >= len(t)):
                return "close"
            return "none"
        if before.isspace() or before in "([—–:" or i == 0:  # a straight double mark
            return "open" if not after.isspace() else "either"
        if after.isspace() or after in ".,;:!?)]—–" or i + 1 >= len(t):
            return "close"
        return "either"

    @staticmethod
    def _family(ch: str) -> str:
        if ch in "“”„":
            return "double"
        for fam, (opens, closes) in _FAMILIES.items():
            if ch in opens or ch in closes:
                return fam
        return "double"

    def _direct_spans(self) -> list[_Direct]:
        t = self.text
        singles = self.r.lang == "en"
        spans: list[_Direct] = []
        pending: _Direct | None = None  # a quote that goes on from the previous paragraph
        family = None
        paragraphs = self._paragraphs()
        for pi, (ps, pe) in enumerate(paragraphs):
            open_at = None
            i = ps
            if pending is not None:
                open_at = pending.open
                i = ps + (len(t[ps:pe]) - len(t[ps:pe].lstrip())) + 1  # past the mark that reopens it
            while i < pe:
                ch = t[i]
                if ch not in _MARK_CHARS:
                    i += 1
                    continue
                fam = self._family(ch)
                role = "none" if fam in ("single", "straight_single") and not singles else self._mark_role(i)
                if role == "none":
                    i += 1
                    continue
                if open_at is None:
                    if role in ("open", "either"):
                        open_at, family = i, fam
                    elif fam not in ("single", "straight_single"):
                        # a closing mark with nothing open: the quote starts at the paragraph start
                        self._warn(f"quotes: closing quotation mark without an opening one at offset {i}")
                        if self._words(t[ps:i]) >= 2:
                            spans.append(_Direct(ps, i, ps, i))
                    i += 1
                    continue
                if fam != family:
                    i += 1  # a quote nested in the open one
                    continue
                if role in ("close", "either"):
                    if pending is not None and open_at == pending.open:
                        pending.close = pending.end = i
                        pending.paragraphs += 1
                        spans.append(pending)
                        pending = None
                    else:
                        spans.append(_Direct(open_at, i, open_at + 1, i))
                    open_at = None
                    i += 1
                    continue
                # another opening mark while one is open: the first one is never closed
                self._warn(f"quotes: quotation mark opened at offset {open_at} is not closed before the next one")
                first = pending if pending is not None and open_at == pending.open else None
                start = first.start if first else open_at + 1
                end = self._rstrip(start, i)
                spans.append(_Direct(open_at, end, start, end, closed=False))
                pending = None
                open_at, family = i, fam
                i += 1
            if open_at is None:
                continue
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            first_char = t[nxt[0]:nxt[1]].lstrip()[:1] if nxt else ""
            reopens = first_char and (first_char in _FAMILIES[family][0] or family == "double" and first_char == "”")
            if reopens:
                if pending is None:
                    pending = _Direct(open_at, pe, open_at + 1, pe)
                else:
                    pending.paragraphs += 1
                continue
            # the paragraph ends with a quote still open: the best reading ends it here
            self._warn(f"quotes: quotation mark opened at offset {open_at} is never closed")
            start = pending.start if pending is not None and open_at == pending.open else open_at + 1
            end = self._unclosed_end(start, pe)
            spans.append(_Direct(open_at, end, start, end, closed=False, paragraphs=(pending.paragraphs + 1) if pending else 1))
            pending = None
        if pending is not None:
            self._warn(f"quotes: quotation mark opened at offset {pending.open} is never closed")
            pending.closed = False
            pending.end = pending.close = self._rstrip(pending.start, pending.end)
            spans.append(pending)
        out = []
        for d in spans:
            s, e = d.start, d.end
            while s < e and t[s].isspace():
                s += 1
            while e > s and (t[e - 1].isspace() or t[e - 1] in ",;:"):
                e -= 1
            if e > s:
                d.start, d.end = s, e
                out.append(d)
        out.sort(key=lambda d: d.start)
        return out

    def _unclosed_end(self, start: int, pe: int) -> int:
        """Where a quote without its closing mark ends: before a postposed cue, else at the paragraph end."""
        for m in re.finditer(r"[,.!?]\s+", self.text[start:pe]):
            cue = self.r.cue_re.match(self.text, start + m.end())
            if cue and cue.group("cue").lower() in self.r.postposed:
                return start + m.start() + (1 if self.text[start + m.start()] in ".!?" else 0)
        return self._rstrip(start, pe)

    # ---------------------------------------------------------------- sentences
    def _sentences(self) -> list[tuple[int, int]]:
        """Sentences of the masked text: they end at . ! ? (and the marks closing them) before a capital."""
        out = []
        for ps, pe in self._paragraphs():
            s = ps
            for m in re.finditer(r"[.!?…]+[”\"’'»)]*(?=\s+[“\"‘«'(\[]?[A-Z0-9\x00])", self.masked[ps:pe]):
                end = ps + m.end()
                word = re.search(r"\S+$", self.masked[s:end])
                w = (word.group(0) if word else "").lstrip("(“\"‘«")
                if w in self.r.abbrev_dots or re.fullmatch(r"(?:[A-Za-z]\.)+", w):
                    continue
                out.append((s, end))
                s = end
                while s < pe and self.text[s].isspace():
                    s += 1
            if s < pe:
                out.append((s, pe))
        return out

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        # Binary search: the sentences are in text order and do not overlap (a linear scan here made
        # the stage quadratic in the article's length).
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = self.__dict__["_starts"] = [s for s, _e in self.sentences]
        i = bisect_right(starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    # ---------------------------------------------------------------- tokens
    def _tokens(self, s: int, e: int) -> list[_Tok]:
        """Words of text[s:e] without surrounding punctuation (abbreviation dots kept)."""
        text, out = self.text, []
        parens = [(s + m.start(), s + m.end()) for m in _PAREN.finditer(self.masked[s:e])]
        for m in _WORD.finditer(self.masked, s, e):
            a, b = m.start(), m.end()
            while a < b and text[a] in "(“\"‘«[,;:'":
                a += 1
            while b > a and text[b - 1] in ")”\"’»],;:!?'":
                b -= 1
            if b > a and text[b - 1] == "." and text[a:b] not in self.r.abbrev_dots and not re.fullmatch(r"(?:[A-Za-z]\.)+", text[a:b]):
                b -= 1
            if b > a:
                out.append(_Tok(a, b, text[a:b], any(ps <= a < pe for ps, pe in parens), _MASK in self.masked[a:b]))
        return out

    def _is_name_token(self, tok: _Tok) -> bool:
        w = tok.text
        if _MASK in self.masked[tok.start:tok.end] or tok.paren or any(c.isdigit() for c in w):
            return False
        if w[:1].isupper():
            return tok.low not in self.r.date_names or len(w) > 1 and w.isupper()
        return bool(re.match(r"^(?:al|el|ad|as|an|ar|at|az|ash|bin|ibn|abu|van|de|di|da|le|la)[-'’][A-Z]", w))

    def _is_capital(self, tok: _Tok) -> bool:
        return tok.text[:1].isupper() and tok.low not in self.r.date_names

    def _run_token(self, toks: list[_Tok], i: int) -> bool:
        """Part of a name run: a capitalised word, or a particle or connector between two of them."""
        tok = toks[i]
        if self._is_name_token(tok):
            return True
        low = tok.low
        if low in self.r.name_particles or low in self.r.name_connectors:
            return 0 < i < len(toks) - 1 and self._is_name_token(toks[i + 1]) and (
                low in self.r.name_particles or self._is_name_token(toks[i - 1]))
        return False

    # ---------------------------------------------------------------- pass 2: attributions
    def _attributions(self) -> list[_Att]:
        atts: list[_Att] = []
        for s, e in self.sentences:
            if self.masked[s:e].replace(_MASK, "").strip():
                atts.extend(self._sentence_attributions(s, e))
        clauses = [(q[0], q[1], a) for a in atts for q in a.quotes]
        for d in self.directs:
            host = next(((qs, qe, a) for qs, qe, a in clauses if qs <= d.start and d.end <= qe + 1), None)
            if host is not None:
                qs, qe, a = host
                if self._words(self.masked[qs:qe].replace(_MASK, "")) > 0:
                    continue  # a quoted part of a reported clause: the clause is the quote
                a.quotes = [q for q in a.quotes if not (q[0] == qs and q[1] == qe)]
                atts.append(_Att(a.pos, a.cue, a.ref, a.channel, [(d.start, d.end, True, None)]))
                continue
            att = self._direct_attribution(d, atts)
            if att is not None:
                att.quotes.append((d.start, d.end, True, None))
                atts.append(att)
        atts = [a for a in atts if a.quotes or a.ref is not None]
        atts.sort(key=lambda a: (a.pos, a.quotes[0][0] if a.quotes else 0))
        return atts

    def _direct_attribution(self, d: _Direct, atts: list[_Att]) -> _Att | None:
        t = self.text
        inner = t[d.start:d.end]
        words = self._words(inner)
        s, _e = self._sentence_of(d.open)
        before = self.masked[s:d.open]
        embedded = bool(before.strip()) and not re.search(r"[:,—–-]\s*$", before) and d.open > s
        if embedded:
            # a partial quote: 'X menyebut langkah itu “tidak masuk akal”' takes the speech act of its sentence
            for a in reversed(atts):
                if a.ref is not None and s <= a.pos < d.open:
                    return _Att(d.start, a.cue, a.ref, a.channel, [])
            if words < _MIN_DIRECT_WORDS:
                return None
        title_like = words <= 6 and all(w[:1].isupper() for w in re.findall(r"[^\W\d_]+", inner)) and not re.search(r"[.!?]$", inner)
        after = self._after_close(d)
        if after is not None:
            att = self._postposed_after(*after)
            if att is not None:
                att.pos = d.start
                return att
        if title_like or words < 2:
            return None  # a name or title in quotation marks
        for find in (self._preposed_before, self._passive_after):
            att = find(d)
            if att is not None:
                att.pos = d.start
                return att
        # a quote on its own: the words of the speaker quoted last
        return _Att(d.start, None, _Ref("inherit"), None, [])

    def _after_close(self, d: _Direct) -> tuple[int, int] | None:
        """The rest of the quote's sentence after its closing mark, up to the next opening mark."""
        t = self.masked
        s = d.close + 1 if d.closed else d.end
        e = s
        while e < len(t) and t[e] != "\n":
            if t[e] in _OPEN_MARKS and e > s and self._mark_role(e) == "open":
                break
            if t[e] in ".!?" and (e + 1 >= len(t) or t[e + 1].isspace()):
                w = re.search(r"\S+$", t[s:e + 1])
                if not (w and (w.group(0) in self.r.abbrev_dots or re.fullmatch(r"(?:[A-Za-z]\.)+", w.group(0)))):
                    break
            e += 1
        return (s, e) if t[s:e].strip(" ,") else None

    def _postposed_after(self, s: int, e: int) -> _Att | None:
        """The attribution after a quote: ', kata X ...' / ', ujarnya' / ', X said ...' / ', Budi menambahkan'."""
        r, t = self.r, self.masked
        p = s + re.match(r"[\s,—–-]*", t[s:e]).end()
        m = r.cue_re.match(t, p)
        if m and m.end() <= e:
            cue = m.group("cue").lower()
            if cue in r.postposed or r.lang == "en" or m.group(0).lower() != cue:
                return self._cue_then_speaker(m, e)
        for m in r.cue_re.finditer(t, p, e):
            cue = m.group("cue").lower()
            if m.group(0).lower() != cue or not (cue in r.preposed or r.lang == "en"):
                continue
            if len(self._tokens(p, m.start())) > _MAX_SPEAKER_TOKENS:
                return None
            ref = self._subject_before(p, m.start())
            if ref is None:
                return None
            return _Att(m.start(), self.text[m.start():m.end()], ref, self._channel(m.end(), e) or self._channel(p, m.start()), [])
        return None

    def _cue_then_speaker(self, m: re.Match, e: int) -> _Att | None:
        r = self.r
        word = self.text[m.start():m.end()]
        if r.clitic and m.group("clitic"):
            ref = _Ref("pronoun", pronoun=r.clitic, start=m.start(), end=m.end(), sort=r.pronouns.get(r.clitic, "any"))
            return _Att(m.start(), word, ref, self._channel(m.end(), e), [])
        ref = self._speaker_after(m.end(), e)
        if ref is None:
            return None
        return _Att(m.start(), word, ref, self._channel(ref.end, e), [])

    def _preposed_before(self, d: _Direct) -> _Att | None:
        """An attribution before the quote: 'X mengatakan: “…”', 'Kata X, “…”', 'Menurut X, “…”'."""
        r, t = self.r, self.masked
        lo, _e = self._sentence_of(d.open)
        hi = d.open
        if lo >= hi:  # the quote opens its sentence: the previous one may end with a colon
            prev = [x for x in self.sentences if x[1] <= d.open]
            if not prev:
                return None
            lo, hi = prev[-1]
            if not re.search(r":\s*$", t[lo:hi]):
                return None
        if not re.search(r"[:,]\s*$|(?:that|bahwa)\s*$", t[lo:hi], re.IGNORECASE):
            return None
        for am in r.according_to.finditer(t, lo, hi):
            ref = self._according_ref(am, hi)
            if ref is not None:
                return _Att(am.start(), self.text[am.start():am.end()], ref, self._channel(lo, hi), [])
        for c in reversed(list(r.cue_re.finditer(t, lo, hi))):
            cue = c.group("cue").lower()
            word = self.text[c.start():c.end()]
            if cue in r.preposed and word.lower() == cue:
                if self._words(t[c.end():hi]) > 12:
                    continue
                ref = self._subject_before(lo, c.start())
                if ref is not None:
                    return _Att(c.start(), word, ref, self._channel(c.end(), hi) or self._channel(lo, c.start()), [])
            elif cue in r.postposed and self._only_openers(lo, c.start()):  # Kata X, “…” / Ujarnya: “…”
                att = self._cue_then_speaker(c, hi)
                if att is not None:
                    return att
        return None

    def _passive_after(self, d: _Direct) -> _Att | None:
        """'“…” Hal itu disampaikan X di Jakarta.': the next sentence attributes the quote."""
        r, t = self.r, self.masked
        if r.passive_re is None or r.passive_antecedent_re is None:
            return None
        nxt = next((x for x in self.sentences if x[0] >= (d.close if d.closed else d.end)), None)
        if nxt is None:
            return None
        s, e = nxt
        m = r.passive_antecedent_re.match(t, s)
        p = r.passive_re.match(t, m.end()) if m else None
        if not p:
            return None
        q = p.end()
        agent = re.match(r"\s+(\w+)", t[q:e])
        if agent and agent.group(1).lower() in r.passive_agent:
            q += agent.end()
        ref = self._speaker_after(q, e)
        if ref is None:
            return None
        return _Att(p.start(), self.text[p.start():p.end()], ref, self._channel(ref.end, e), [])

    def _only_leads(self, s: int, e: int) -> bool:
        """Only openers, determiners, honorifics or parentheses stand in text[s:e] before a speaker phrase."""
        r = self.r
        if self._only_openers(s, e):
            return True
        return all(x.paren or x.low in r.honorifics or x.low in r.determiners for x in self._tokens(s, e))

    def _only_openers(self, s: int, e: int) -> bool:
        before = self.masked[s:e].strip(" ,")
        return not before or bool(self.r.opener_re and self.r.opener_re.fullmatch(before + " "))

    # ---------------------------------------------------------------- sentence-level cues
    def _sentence_attributions(self, s: int, e: int) -> list[_Att]:
        r, t = self.r, self.masked
        end = self._clause_end(s, e)
        att = self._according_to(s, e, end)
        if att is not None:
            return [att]
        out: list[_Att] = []
        covered = s
        for c in r.cue_re.finditer(t, s, e):
            if c.start() < covered:
                continue
            cue = c.group("cue").lower()
            word = self.text[c.start():c.end()]
            before = t[s:c.start()]
            near = t[max(s, c.start() - 200):c.start()]  # '$'-anchored searches over all of `before` were quadratic
            after_quote = re.search(r"[”\"’»']\s*,?\s*$", near) is not None
            # CLAUSE, kata X. / CLAUSE, ujarnya. / CLAUSE, said X.
            if re.search(r",\s*$", near) and not after_quote and (cue in r.postposed or c.group(0).lower() != cue) \
                    and not self._is_adverbial(s, s + len(before.rstrip()) - 1):
                att = self._cue_then_speaker(c, e)
                if att is not None:
                    self._postposed_clause(att, s, s + len(before.rstrip()) - 1, end)
                    return out + [att]
            # CLAUSE, X said.
            if r.lang == "en" and not after_quote and "," in before:
                comma = s + before.rfind(",")
                if not re.search(r"[”\"’»']\s*$", t[s:comma]) and self._is_tail(c.end(), e) and not self._is_adverbial(s, comma) \
                        and len(self._tokens(comma + 1, c.start())) <= _MAX_SPEAKER_TOKENS:
                    ref = self._subject_before(comma + 1, c.start())
                    if ref is not None and self._only_openers(comma + 1, ref.start):
                        att = _Att(c.start(), word, ref, self._channel(c.end(), e), [])
                        self._add_clause(att, s, comma, require=False)
                        return out + [att]
            # SUBJ CUE (bahwa) CLAUSE.
            if cue not in r.preposed or word.lower() != cue:
                continue
            prev = re.search(r"(\S+)\s*$", before)
            if prev and prev.group(1).lower() in r.not_after:
                continue
            ref = self._subject_before(s, c.start())
            if ref is None:
                continue
            if re.search(r"[”\"’»']\s*,?\s*$", t[s:ref.start]):
                continue  # '“…,” X mengatakan.': the direct quote's own attribution
            att = _Att(c.start(), word, ref, None, [])
            self._preposed_clause(att, c, e, end)
            out.append(att)
            if att.quotes:
                covered = att.quotes[-1][1]
        return out

    def _according_to(self, s: int, e: int, end: int) -> _Att | None:
        """'Menurut X, CLAUSE.' / 'CLAUSE, according to X.'"""
        r, t = self.r, self.masked
        for am in r.according_to.finditer(t, s, e):
            before = t[s:am.start()].rstrip()
            ref = self._according_ref(am, e)
            if ref is None:
                continue
            cue = self.text[am.start():am.end()]
            if before.endswith(","):
                att = _Att(am.start(), cue, ref, self._channel(ref.end, e), [])
                self._add_clause(att, s, s + len(before) - 1, require=False)
                return att
            if not self._only_openers(s, am.start()):
                continue
            comma = t.find(",", ref.end, e)
            if comma < 0:
                continue
            att = _Att(am.start(), cue, ref, self._channel(ref.end, comma), [])
            self._add_clause(att, comma + 1, end, require=False)
            return att
        return None

    def _postposed_clause(self, att: _Att, s: int, comma: int, end: int) -> None:
        """The clause before ', kata X'; with 'Pemerintah kota, lanjut dia, akan …' the clause goes round the cue."""
        t = self.masked
        ref = att.ref
        rest = ref.end if ref is not None and ref.kind != "pronoun" else att.pos + len(att.cue or "")
        if ref is not None and ref.kind == "pronoun":
            rest = max(rest, ref.end)
        tail = re.match(r"\s*,\s*", t[rest:end])
        if self._words(t[s:comma]) < self.r.clause_min_tokens and tail and self._words(t[rest + tail.end():end]) >= 2:
            head = self.text[s:comma].strip()
            body = self.text[rest + tail.end():end].strip()
            self._add_clause(att, s, end, require=False, text=f"{head} {body}")
            return
        self._add_clause(att, s, comma, require=False)

    def _is_tail(self, p: int, e: int) -> bool:
        """What follows a cue is only a channel, an addressee or a time: the sentence ends there."""
        comma = self.masked.find(",", p, e)
        toks = self._tokens(p, comma if comma >= 0 else e)  # '..., she said on Monday, easing concerns ...'
        if not toks:
            return True
        if any(tok.low in self.r.complementizers for tok in toks):
            return False
        m = self.r.channel_re.match(self.masked, toks[0].start)
        if m:
            toks = [x for x in toks if x.start >= m.end()]
        return self._plain_prefix(toks)

    def _clause_end(self, s: int, e: int) -> int:
        while e > s and (self.text[e - 1].isspace() or self.text[e - 1] in ".!?…"):
            e -= 1
        return e

    def _preposed_clause(self, att: _Att, c: re.Match, e: int, end: int) -> None:
        r, t = self.r, self.masked
        p = c.end()
        moved = True
        while moved:  # adverbs after the cue: kembali, pula, juga; also, again
            moved = False
            q = p + re.match(r"\s*", t[p:e]).end()
            for adv in r.adverbs_after_cue:
                if t[q:q + len(adv)].lower() == adv and (q + len(adv) >= e or not t[q + len(adv)].isalnum()):
                    p, moved = q + len(adv), True
                    break
        if re.match(r"\s*[:,]?\s*[“\"«‘'„]", t[p:e]) and _MASK in t[p:p + 8]:
            return  # it introduces a direct quote
        comma_start = re.match(r"\s*,", t[p:e]) is not None
        if c.group("cue").lower() in r.recipient_verbs:
            p = self._skip_recipient(p, e)
        p = self._skip_adverbials(att, p, e)
        toks = self._tokens(p, e)
        for i, tok in enumerate(toks[:16]):
            if tok.low in r.complementizers:
                if self._plain_prefix(toks[:i]):
                    if not att.channel:
                        att.channel = self._channel(p, tok.start)
                    self._add_clause(att, tok.end, end, require=False)
                    return
                break
        if c.group("cue").lower() in r.needs_complementizer:
            return
        q = p
        while True:  # leading segments that are a channel, an addressee or a time
            seg = re.match(r"\s*([^,]*),", t[q:e])
            if not seg:
                break
            a, b = q + seg.start(1), q + seg.end(1)
            if seg.group(1).strip() and not self._is_adverbial(a, b):
                break
            if seg.group(1).strip() and not att.channel:
                att.channel = self._channel(a, b)
            q += seg.end()
            comma_start = True
        self._add_clause(att, q, end, require=not comma_start)

    def _plain_prefix(self, toks: list[_Tok]) -> bool:
        """What may stand between a cue and its complementizer: addressee, place, time, channel."""
        r = self.r
        if len(toks) > 12 or any(x.quoted for x in toks):
            return False
        if r.lang != "en":
            return not any(self._predicate_like(x) for x in toks)
        return all(x.low in r.time_words or x.low in r.modifiers or x.low in r.determiners or x.low in r.trailing_adverbs
                   or self._is_capital(x) or x.text[:1].isdigit() or any(x.low in rec.split() for rec in r.recipients)
                   or r.channel_re.search(self.masked, max(0, x.start - 40), x.end) for x in toks)

    def _skip_adverbials(self, att: _Att, p: int, e: int) -> int:
        """Past a channel or a time right after the cue: 'said on X it ...', 'said on Monday he ...'."""
        r, t = self.r, self.masked
        while True:
            q = p + re.match(r"\s*", t[p:e]).end()
            m = r.channel_re.match(t, q)
            if m and m.end() <= e:
                if not att.channel:
                    att.channel = self._channel(q, e)
                p = m.end()
                continue
            w = re.match(r"[^\s,]+", t[q:e])
            if w and (w.group(0).lower().strip(".") in r.time_words or w.group(0).lower() in ("on", "pada", "here", "hari")
                      or re.fullmatch(r"\(?[\d/.:-]+\)?", w.group(0))):
                p = q + w.end()
                continue
            return p

    def _skip_recipient(self, p: int, e: int) -> int:
        """Past the addressee of 'told': Reuters, reporters, the BBC."""
        toks = self._tokens(p, e)
        if not toks:
            return p
        low = self.masked[toks[0].start:e].lower()
        for rec in self.r.recipients:
            if low.startswith(rec) and (len(low) == len(rec) or not low[len(rec)].isalnum()):
                return toks[0].start + len(rec)
        i = 1 if toks[0].low in ("the", "a", "an") else 0
        j = i
        while j < len(toks) and self._run_token(toks, j):
            j += 1
        return toks[j - 1].end if j > i else p

    def _predicate_like(self, tok: _Tok) -> bool:
        r = self.r
        if tok.low in r.clause_predicates:
            return True
        return bool(r.verb_prefix is not None and tok.low not in r.not_verbs and tok.text[:1].islower() and r.verb_prefix.match(tok.low))

    def _is_clause(self, s: int, e: int) -> bool:
        """A bare complement is a reported clause when a predicate follows its subject (or opens it)."""
        r = self.r
        toks = self._tokens(s, e)
        if len(toks) < r.clause_min_tokens:
            return False
        if r.lang == "en":
            return toks[0].low not in r.clause_bad_starts and not toks[0].quoted
        relative = False
        for i, tok in enumerate(toks[:16]):
            low = tok.low
            if tok.quoted or low in r.clause_stops:
                return False  # a quote or a prepositional object before any predicate
            if low in r.relative_markers:
                relative = True
                continue
            if low in r.clause_predicates:
                return True
            if i >= 1 and not relative and self._predicate_like(tok):
                return True
            if i >= 1 and low in r.demonstratives and i + 1 < len(toks):
                nxt = toks[i + 1]
                if not nxt.quoted and nxt.low not in r.clause_stops and nxt.low not in r.modifiers \
                        and nxt.low not in r.relative_markers and nxt.text[:1].islower():
                    return True
        return False

    def _add_clause(self, att: _Att, s: int, e: int, *, require: bool, text: str | None = None) -> None:
        t = self.text
        while s < e and (t[s].isspace() or t[s] in ",:;—–-"):
            s += 1
        while e > s and (t[e - 1].isspace() or t[e - 1] in ",.;:—–-"):
            e -= 1
        if e <= s:
            return
        for m in re.finditer(r",\s+", self.masked[s:e]):  # a channel closing the clause: ..., seperti dikutip dari X
            q = s + m.end()
            if self.r.channel_re.match(self.masked, q) and self._words(t[q:e]) <= 10:
                if not att.channel:
                    att.channel = re.sub(r"\s+", " ", t[q:e]).strip()
                e = s + m.start()
                break
        plain = self._words(self.masked[s:e].replace(_MASK, " "))
        quoted = _MASK in self.masked[s:e]
        if plain == 0 or plain + quoted < self.r.clause_min_tokens:
            return  # too short, or the quoted words themselves
        if require and not self._is_clause(s, e):
            return
        att.quotes.append((s, e, False, text))

    def _is_adverbial(self, s: int, e: int) -> bool:
        """A segment that is only a time, a place, a channel, an addressee or a discourse opener."""
        r = self.r
        toks = self._tokens(s, e)
        if not toks:
            return True
        if r.opener_re is not None and r.opener_re.fullmatch(self.masked[toks[0].start:toks[-1].end] + " "):
            return True
        if r.channel_re.match(self.masked, toks[0].start):
            return True
        if toks[0].low in r.modifiers and toks[0].low not in r.relative_markers and toks[0].low not in ("who", "which"):
            return True
        return all(x.low in r.time_words or re.fullmatch(r"[\d/().:-]+", x.text) or x.paren
                   or x.low in ("pada", "hari", "on", "the", "tanggal", "pukul", "at", "waktu", "setempat") for x in toks)

    # ---------------------------------------------------------------- speaker phrases
    def _according_ref(self, am: re.Match, e: int) -> _Ref | None:
        if self.r.clitic and am.group("clitic"):
            return _Ref("pronoun", pronoun=self.r.clitic, start=am.start(), end=am.end(), sort="any")
        return self._speaker_after(am.end(), e)

    def _speaker_after(self, p: int, e: int) -> _Ref | None:
        """The speaker phrase after a cue: 'juru bicara Kemlu, Majed al-Ansari, dalam …', 'said Lim, an economist'."""
        r = self.r
        segs = self._segments(p, e)
        s0, e0 = segs[0]
        c0 = self._cut_forward(s0, e0)
        toks = self._tokens(s0, c0)
        if not toks:
            return None
        if toks[0].low in r.pronouns_after_cue and toks[0].low in r.pronouns:
            return _Ref("pronoun", pronoun=toks[0].low, start=toks[0].start, end=toks[0].end, sort=r.pronouns[toks[0].low])
        ref = self._parse_np(s0, c0, anchored=True)
        if ref is None or len(segs) < 2 or c0 < self._rstrip(s0, e0):
            return ref
        s1, e1 = segs[1]
        c1 = self._cut_forward(s1, e1)
        if self._is_adverbial(s1, c1):
            return ref
        other = self._parse_np(s1, c1, anchored=True)
        if other is None:
            return ref
        if ref.role and other.name and not other.role and self._person_like(other):
            # 'kata juru bicara Kementerian Luar Negeri, Majed al-Ansari': the whole first part is the role
            ref.role = self._span_text(ref.start, ref.end)
            ref.name, ref.name_start, ref.name_end, ref.end, ref.sort = other.name, other.name_start, other.name_end, other.end, "person"
            ref.anaphoric = False
        elif ref.name and not ref.role and other.role and not other.name and not other.anaphoric:
            ref.role, ref.end, ref.sort = self._bare_role(other.role), other.end, "person"
        return ref

    def _subject_before(self, lo: int, hi: int) -> _Ref | None:
        """The speaker phrase that ends right before a cue verb, past times, channels and appositions."""
        r = self.r
        segs = self._segments(lo, hi)
        i = len(segs) - 1
        while i >= 0:
            s, e = segs[i]
            e = self._strip_trailing(s, e)
            toks = self._tokens(s, e)
            if not toks or self._is_adverbial(s, e) or toks[0].low in r.relative_markers or toks[0].low in ("who", "which"):
                i -= 1
                continue
            last = toks[-1]
            if last.low in r.pronouns and last.low != r.clitic:
                if len(toks) >= 2 and toks[-2].low in r.np_breakers:
                    return None
                return _Ref("pronoun", pronoun=last.low, start=last.start, end=last.end, sort=r.pronouns[last.low])
            ref = self._parse_np(s, e, anchored=False)
            prev = None
            if i >= 1:
                ps, pe = segs[i - 1]
                pe = self._strip_trailing(ps, pe)
                if not self._is_adverbial(ps, pe):
                    prev = self._parse_np(ps, pe, anchored=False)
            if ref is None:
                # a description after the name: 'Travis Boone, the bill's other sponsor, called it …'
                if prev is not None and prev.name and len(toks) <= 10 and (toks[0].low in r.determiners or toks[0].text[:1].islower()):
                    return prev
                return None
            if prev is None or not self._only_leads(s, ref.start):
                return ref
            if ref.name and not ref.role:
                if prev.role and not prev.anaphoric and self._person_like(ref):
                    # 'Menteri Luar Negeri AS, Marco Rubio, mengatakan'
                    ref.role, ref.start, ref.sort = self._span_text(prev.start, prev.end), prev.start, "person"
                elif prev.name and not prev.role and prev.sort == "org" and not self._person_like(ref, strict=True):
                    return prev  # 'BPBD Kabupaten Demak, Jawa Tengah, menyatakan': a place after the body
            elif ref.role and not ref.name and prev.name and not prev.role and self._person_like(prev):
                # 'Budi, juru bicara kepolisian, mengatakan'
                ref.role = self._bare_role(ref.role)
                ref.name, ref.name_start, ref.name_end, ref.start, ref.sort = prev.name, prev.name_start, prev.name_end, prev.start, "person"
            return ref
        return None

    def _bare_role(self, role: str) -> str:
        """'an analyst' -> 'analyst' when the role describes a named person (English articles go)."""
        if self.r.lang == "en":
            return re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.IGNORECASE) or role
        return role

    def _person_like(self, ref: _Ref, strict: bool = False) -> bool:
        """A name that reads as a person's: two words or more, no office or organisation word first."""
        if not ref.name or ref.sort in ("org", "group"):
            return False
        toks = self._tokens(ref.name_start, ref.name_end)
        if not toks or self._not_name_start(toks[0]):
            return False
        if strict:
            return len(toks) >= 2 and self._full_name(ref.name) is not None
        return len(toks) >= 2 or self._full_name(ref.name) is not None or self._person_mention(ref.name_start, ref.name_end)

    def _person_mention(self, s: int, e: int) -> bool:
        """text[s:e] is a mention of a person the entities stage found ("Kepala Dusun Sukamaju, Musiran")."""
        return any(m.start == s and m.end == e for ent in self.entities if ent.type == "PERSON" for m in ent.mentions)

    def _segments(self, s: int, e: int) -> list[tuple[int, int]]:
        """Comma-separated parts of text[s:e], ignoring commas inside parentheses."""
        t = self.masked
        out, depth, a = [], 0, s
        for i in range(s, e):
            ch = t[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif ch in ",;:" and depth == 0 and not (ch == "," and i + 1 < e and t[i + 1].isdigit() and i > s and t[i - 1].isdigit()):
                out.append((a, i))
                a = i + 1
        out.append((a, e))
        return out

    def _np_end_ok(self, tok: _Tok) -> bool:
        r = self.r
        low = tok.low
        return (self._is_capital(tok) or low in r.pronouns or low in r.role_last_words or low in r.group_last_words
                or low in r.organisation_heads or low in r.anaphors)

    def _strip_trailing(self, s: int, e: int) -> int:
        """Drop what stands between a speaker phrase and its cue: times, parentheses, adverbs, places, channels."""
        r = self.r
        while True:
            toks = self._tokens(s, e)
            if not toks:
                return s
            seg = self.masked[s:e].rstrip()
            if seg.endswith(")") and seg.rfind("(") >= 0:
                e = s + seg.rfind("(")
                continue
            last = toks[-1]
            if last.low in r.time_words or last.low in r.trailing_adverbs or re.fullmatch(r"[\d/.:-]+", last.text):
                e = last.start
                continue
            break
        toks = self._tokens(s, e)
        for k in range(1, len(toks)):
            tok = toks[k]
            opener = tok.low in r.modifiers or r.channel_re.match(self.masked, tok.start)
            place = tok.low in r.place_prepositions and k + 1 < len(toks) and self._is_capital(toks[k + 1])
            if not (opener or place) or not self._np_end_ok(toks[k - 1]):
                continue
            removed = toks[k:]
            if len(removed) <= 12 and not any(x.quoted for x in removed):
                return self._rstrip(s, tok.start)
        return self._rstrip(s, e)

    def _cut_forward(self, s: int, e: int) -> int:
        """The speaker phrase after a cue ends where a place, time, addressee or channel begins."""
        r = self.r
        toks = self._tokens(s, e)
        for k, tok in enumerate(toks):
            if k and tok.paren and self._acronym_inside(toks, k):
                continue
            if k and (tok.low in r.modifiers or tok.paren or r.channel_re.match(self.masked, tok.start)
                      or tok.low in r.time_words and self._is_capital(tok)):
                return self._rstrip(s, tok.start)
        return self._rstrip(s, e)

    def _acronym_inside(self, toks: list[_Tok], k: int) -> bool:
        """toks[k] is in a parenthesised acronym inside a speaker phrase that goes on with a capitalised
        word: 'Direktur Tempat Pemeriksaan Imigrasi (TPI) Direktorat Jenderal Imigrasi Suhendra'."""
        a = k
        while a > 0 and toks[a - 1].paren:
            a -= 1
        b = k
        while b < len(toks) and toks[b].paren:
            b += 1
        words = [x.text for x in toks[a:b] if any(ch.isalnum() for ch in x.text)]
        if len(words) != 1 or not words[0][:1].isupper() or b >= len(toks):
            return False
        nxt = toks[b]
        return self._is_capital(nxt) and nxt.low not in self.r.time_words and nxt.low not in self.r.modifiers

    def _role_at(self, toks: list[_Tok], i: int) -> int:
        """Length in tokens of the role head starting at toks[i], 0 if none."""
        low = toks[i].low
        if low not in self.r.role_first_words:
            return 0
        for head in self.r.role_heads:
            n = len(head)
            if head[0] == low and i + n <= len(toks) and all(toks[i + k].low == head[k] for k in range(n)):
                return n
        return 0

    def _breaks(self, toks: list[_Tok], i: int) -> bool:
        """toks[i] cannot sit inside a speaker phrase (a verb, a conjunction, a relative), unless it joins a name."""
        r = self.r
        tok = toks[i]
        if tok.quoted:
            return True
        if tok.low in r.name_connectors and 0 < i < len(toks) - 1 and self._is_name_token(toks[i - 1]) and self._is_name_token(toks[i + 1]):
            return False
        if tok.low in r.np_breakers:
            return True
        return r.lang == "id" and tok.text[:1].islower() and self._predicate_like(tok)

    def _span_text(self, s: int, e: int) -> str:
        return re.sub(r"\s+", " ", re.sub(r"\s*\([^()]*\)", "", self.text[s:e])).strip(" ,")

    def _parse_np(self, s: int, e: int, *, anchored: bool) -> _Ref | None:
        """Read a speaker phrase as role + name. anchored: it starts at s (after a cue); otherwise it ends at e."""
        r = self.r
        toks = [x for x in self._tokens(s, e) if not x.paren]
        if not toks or len(toks) > 25 or any(x.quoted for x in toks):
            return None
        if r.opener_re is not None:
            m = r.opener_re.match(self.masked[toks[0].start:toks[-1].end] + " ")
            if m and m.end() > 0:
                cut = toks[0].start + m.end()
                toks = [x for x in toks if x.start >= cut]
        anaphoric = False
        if toks and toks[-1].low in r.anaphors and len(toks) > 1:
            toks, anaphoric = toks[:-1], True  # 'pelatih asal Belanda itu', 'pejabat tersebut'
        if not toks:
            return None
        n = len(toks)
        j = n
        while j > 0 and self._run_token(toks, j - 1):
            j -= 1
        while j < n and (toks[j].low in r.name_particles or toks[j].low in r.name_connectors):
            j += 1
        run = toks[j:]
        role_i, role_n = self._find_role(toks, anchored)
        if role_i is not None:
            return self._role_and_name(toks, j, role_i, role_n, anaphoric)
        if anaphoric:
            return None
        if run:
            return self._name_only(toks, j, anchored)
        return self._organisation(toks, anchored)

    def _find_role(self, toks: list[_Tok], anchored: bool) -> tuple[int | None, int]:
        r = self.r
        n = len(toks)
        for i in range(n):
            k = self._role_at(toks, i)
            if not k:
                continue
            if anchored and i > (3 if r.lang == "en" else 1):
                break
            if anchored and any(x.low not in r.determiners and (r.lang != "en" or self._breaks(toks, idx))
                                for idx, x in enumerate(toks[:i])):
                continue
            if r.lang == "id" and i > 0 and self._is_name_token(toks[i - 1]) and not self._not_name_start(toks[i - 1]):
                continue  # 'Diwan Emir': a role word inside a name
            if any(self._breaks(toks, idx) for idx in range(i, n)):
                continue
            return i, k
        return None, 0

    def _role_and_name(self, toks: list[_Tok], j: int, role_i: int, role_n: int, anaphoric: bool) -> _Ref:
        r = self.r
        n = len(toks)
        start_i = role_i
        if r.lang == "en":
            # English modifiers come before the head: "Qatar's foreign ministry spokesman"
            while start_i > 0 and not self._breaks(toks, start_i - 1) and toks[start_i - 1].low not in r.determiners \
                    and (toks[start_i - 1].low not in r.stopwords or toks[start_i - 1].low in r.name_connectors):
                start_i -= 1
            if start_i > 0 and toks[start_i - 1].low in r.determiners:
                start_i -= 1
        k = n
        if j < n and not anaphoric:
            between = toks[role_i + role_n:j] if j > role_i + role_n else []
            if not (r.lang == "en" and any(x.low in r.place_prepositions or x.low in ("for", "of", "with", "the") for x in between)):
                first = max(j, role_i + role_n)
                k = first
                last_org = None
                known = self._known_tokens(toks)
                for idx in range(first, n - 1):
                    if idx in known or self._not_name_start(toks[idx]):
                        last_org = idx
                if last_org is not None:
                    k = last_org + 1
                if k < n and self._not_name_start(toks[k]) and k == n - 1:
                    k = n
        name_toks = toks[k:]
        role_toks = toks[start_i:k]
        h = [idx for idx, x in enumerate(name_toks) if x.low in r.honorifics]
        if h:  # 'Kapolsek Tebet Kompol Hendra Wijaya': the rank goes, what precedes it is the role
            role_toks = role_toks + [x for x in name_toks[:h[-1]] if x.low not in r.honorifics]
            name_toks = name_toks[h[-1] + 1:]
        while name_toks and name_toks[0].low in r.name_particles:
            name_toks = name_toks[1:]
        if name_toks and r.lang == "en":
            while len(role_toks) > 1 and role_toks[0].low in ("a", "an", "the"):
                role_toks = role_toks[1:]  # 'said Lim, an economist': the role is 'economist'
        role = self._span_text(role_toks[0].start, role_toks[-1].end) if role_toks else None
        if name_toks:
            return _Ref("np", name=self._span_text(name_toks[0].start, name_toks[-1].end), role=role,
                        start=toks[start_i].start, end=toks[-1].end, name_start=name_toks[0].start,
                        name_end=name_toks[-1].end, sort="person")
        return _Ref("np", name=None, role=role, start=toks[start_i].start, end=role_toks[-1].end,
                    name_start=toks[start_i].start, name_end=role_toks[-1].end, sort="person", anaphoric=anaphoric)

    def _name_only(self, toks: list[_Tok], j: int, anchored: bool) -> _Ref | None:
        r = self.r
        run = toks[j:]
        while run and (run[0].low in r.stopwords or run[0].low in r.determiners or run[0].low in r.name_particles):
            run = run[1:]
        h = [idx for idx, x in enumerate(run) if x.low in r.honorifics]
        honorific = bool(h)
        if h:
            run = run[h[-1] + 1:]
        while run and (run[-1].low in r.name_particles or run[-1].low in r.name_connectors):
            run = run[:-1]
        if not run:
            return None
        if anchored and any(x.low not in r.determiners and x.low not in r.honorifics for x in toks[:toks.index(run[0])]):
            return None
        name = self._span_text(run[0].start, run[-1].end)
        if name.lower() in r.not_speakers or name.lower() in r.pronouns:
            return None
        if not anchored and j > 0 and toks[j - 1].low in r.determiners and len(run) == 1 and run[0].low in r.stopwords:
            return None
        sort = "person" if honorific else self._name_sort(run)
        return _Ref("np", name=name, role=None, start=run[0].start, end=run[-1].end,
                    name_start=run[0].start, name_end=run[-1].end, sort=sort)

    def _organisation(self, toks: list[_Tok], anchored: bool) -> _Ref | None:
        """No capitalised name at the end: "South Korea's trade ministry", 'the companies', 'polisi'."""
        r = self.r
        n = len(toks)
        last = toks[-1]
        if last.low in r.organisation_heads and n >= 2:
            i = n - 1
            while i > 0 and not self._breaks(toks, i - 1) and toks[i - 1].low not in r.stopwords and toks[i - 1].low not in r.determiners:
                i -= 1
            if i < n - 1 and (any(self._is_capital(x) or x.low.endswith(("'s", "’s")) for x in toks[i:n - 1])
                              or i > 0 and toks[i - 1].low in r.determiners):
                if not anchored or all(x.low in r.determiners for x in toks[:i]):
                    name = self._span_text(toks[i].start, last.end)
                    return _Ref("np", name=name, start=toks[i].start, end=last.end, name_start=toks[i].start,
                                name_end=last.end, sort="org")
        low = self.masked[toks[0].start:last.end].lower()
        for g in r.group_speakers:
            if low.endswith(g) and (len(low) == len(g) or not low[-len(g) - 1].isalnum()):
                gs = last.end - len(g)
                i = next(idx for idx, x in enumerate(toks) if x.end > gs)
                if r.lang == "en":
                    # 'Two of the largest technology companies': the whole phrase names the group
                    while i > 0 and not self._breaks(toks, i - 1):
                        i -= 1
                if anchored and i > 0 and not all(x.low in r.determiners for x in toks[:i]):
                    return None
                return _Ref("np", name=self._span_text(toks[i].start, last.end), start=toks[i].start, end=last.end,
                            name_start=toks[i].start, name_end=last.end, sort="group")
        return None

    def _known_tokens(self, toks: list[_Tok]) -> set[int]:
        """Indices of tokens that spell a known country, place or organisation (up to three words)."""
        known = _known_names(self.r.lang)
        out: set[int] = set()
        starts, spans, longest = self._body_index()
        for i, x in enumerate(toks):
            # only the spans that start at most `longest` characters before the word can hold it
            near = spans[bisect_left(starts, x.start - longest) : bisect_right(starts, x.start)]
            if any(a <= x.start and x.end <= b for a, b in near):
                out.add(i)  # inside a body or place the entities stage found ("Direktorat Jenderal Imigrasi")
        if not known:
            return out
        for i in range(len(toks)):
            for n in (3, 2, 1):
                if i + n <= len(toks) and " ".join(x.text for x in toks[i:i + n]) in known:
                    out.update(range(i, i + n))
                    break
        return out

    def _body_index(self) -> tuple[list[int], list[tuple[int, int]], int]:
        """The body spans sorted by start, their starts, and the longest span's length (for bisect)."""
        index = self.__dict__.get("_body_idx")
        if index is None:
            spans = sorted(self._body_spans())
            index = self.__dict__["_body_idx"] = ([a for a, _b in spans], spans, max((b - a for a, b in spans), default=0))
        return index

    def _body_spans(self) -> list[tuple[int, int]]:
        """Character spans of the mentions of organisations and places (several words) the entities stage found."""
        if self._bodies is None:
            self._bodies = [(m.start, m.end) for ent in self.entities if ent.type in ("ORG", "GPE", "LOC")
                            for m in ent.mentions if " " in m.text]
        return self._bodies

    def _not_name_start(self, tok: _Tok) -> bool:
        """Words of an office or organisation name that stand between a role and a personal name."""
        r = self.r
        w, low = tok.text, tok.low
        if low in r.honorifics:
            return False
        if low in r.institution_words or low in r.role_first_words or low in r.role_last_words or low in r.abbreviations:
            return True
        if any(c.isdigit() for c in w):
            return True  # U-23, Daop 8
        if re.fullmatch(r"[A-Z]{2,6}|(?:[A-Z]\.){2,}|[A-Z][a-z]?[A-Z]{1,5}", w) or re.search(r"['’]s$", w):
            return True  # AS, RI, PBB, U.S., DPR, KPK; Qatar's
        if w in self._place_words() or w in self._acronym_words():
            return True
        return "-" in w and all(p[:1].isupper() for p in w.split("-") if p) and not re.match(r"^(?:al|el)-", w, re.I)

    def _name_sort(self, run: list[_Tok]) -> str:
        first = run[0]
        if self._not_name_start(first) or 0 in self._known_tokens(run):
            return "org"
        if len(run) == 1:
            full = self._full_name(first.text)
            return "person" if full and full != first.text else "any"
        return "person"

    def _place_words(self) -> set[str]:
        """Capitalised words printed alone after a preposition somewhere in the article: places and bodies."""
        if self._places is None:
            preps = r"di|ke|dari|dengan|terhadap|antara|atas|bagi|kepada|in|to|from|with|against|between|for|of"
            self._places = {m.group(1) for m in re.finditer(rf"(?<![\w-])(?:{preps})\s+([A-Z][\w-]+)(?![\w-]|\s+[A-Z])", self.masked)}
        return self._places

    def _acronym_words(self) -> set[str]:
        """Words printed in parentheses after a name, as acronyms are: (Aprindo), (BPBD)."""
        if self._acronyms is None:
            self._acronyms = set(re.findall(r"\(([A-Z][\w-]{1,12})\)", self.masked))
        return self._acronyms

    # ---------------------------------------------------------------- channels
    def _channel(self, s: int, e: int) -> str | None:
        if e <= s:
            return None
        m = self.r.channel_re.search(self.masked, s, e)
        if not m:
            return None
        stop = re.search(r"[,.;:!?\n]|\s[—–]\s", self.masked[m.end():e])
        b = m.end() + stop.start() if stop else e
        text = re.sub(r"\s+", " ", self.text[m.start():b]).strip()
        return text if text and _MASK not in self.masked[m.start():b] else None

    # ---------------------------------------------------------------- pass 3: speakers
    def _resolve(self, atts: list[_Att]) -> None:
        history: list[tuple[int, Speaker, str]] = []
        for att in atts:
            ref = att.ref
            spk, sort = None, "person"
            if ref is None or ref.kind == "inherit":
                if history and self.text.count("\n\n", history[-1][0], att.pos) <= 3:
                    _pos, spk, sort = history[-1]
            elif ref.kind == "pronoun":
                spk, sort = self._pronoun(ref, history)
            elif ref.anaphoric:
                spk, sort = self._anaphor(ref, history)
            else:
                spk, sort = self._speaker(ref)
            att.speaker, att.sort = spk, sort
            if spk is not None and (spk.name or spk.role):
                history.append((att.pos, spk, sort))

    def _pronoun(self, ref: _Ref, history) -> tuple[Speaker | None, str]:
        ent = self._entity_at(ref.start, ref.end, person_only=True)
        if ent is not None and ref.pronoun != self.r.clitic:
            return Speaker(name=ent.name, entity=ent.id, role=ent.role), "person"
        want = ref.sort
        for _pos, spk, sort in reversed(history):
            if want == "any" or sort == "any" or sort == want or {want, sort} <= {"org", "group"}:
                return spk, sort
        return None, want

    def _anaphor(self, ref: _Ref, history) -> tuple[Speaker | None, str]:
        """'pelatih asal Belanda itu', 'pejabat tersebut': the last speaker with that office, else the last person."""
        head = self._norm_role(ref.role or "")[:1]
        for _pos, spk, sort in reversed(history):
            if head and spk.role and self._norm_role(spk.role)[:1] == head:
                return spk, sort
        for _pos, spk, sort in reversed(history):
            if sort in ("person", "any") and spk.name and spk.name != spk.role:
                return spk, sort
        return Speaker(name=ref.role, role=ref.role), "person"

    def _speaker(self, ref: _Ref) -> tuple[Speaker, str]:
        sort = ref.sort
        role = ref.role
        s, e = (ref.name_start, ref.name_end) if ref.name else (ref.start, ref.end)
        ent = self._entity_at(s, e, person_only=not ref.name)
        if ent is not None:
            if ent.type == "PERSON":
                sort = "person"
                role = role or ent.role
            elif not ref.role:
                sort = "org"
            return Speaker(name=ent.name, entity=ent.id, role=role), sort
        if ref.name:
            name = self._full_name(ref.name) or ref.name
            if sort == "person" and len(name.split()) >= 2 and name not in self._speaker_names:
                self._speaker_names.append(name)
            return Speaker(name=name, entity=None, role=role), sort
        person = self._person_for_role(ref.role or "")
        if person:
            return Speaker(name=person, entity=None, role=role), "person"
        return Speaker(name=ref.role, entity=None, role=ref.role), sort

    def _entity_at(self, s: int, e: int, person_only: bool = False) -> Entity | None:
        """The entity of text[s:e]: a person with a mention inside it, or any entity whose mention covers most of it."""
        starts, spans, longest = self._mention_index()
        best, best_key = None, None
        # Only the mentions that can overlap [s, e): scanning every mention at every call was quadratic.
        for ms, me, ent in spans[bisect_left(starts, s - longest):bisect_left(starts, e)]:
            person = getattr(ent, "type", None) == "PERSON"
            if person_only and not person:
                continue
            overlap = min(e, me) - max(s, ms)
            if overlap <= 0 or not person and overlap < 0.8 * (e - s):
                continue  # 'Estonia' inside "Estonia's defence ministry" is not the speaker
            key = (person, overlap, ms)
            if best_key is None or key > best_key:
                best, best_key = ent, key
        return best

    def _mention_index(self) -> tuple[list[int], list[tuple[int, int, Entity]], int]:
        """Every mention as (start, end, entity), sorted by start (stable: entity order breaks ties), once per article."""
        index = self.__dict__.get("_mentions")
        if index is None:
            spans = []
            for ent in self.entities:
                for m in getattr(ent, "mentions", None) or []:
                    ms, me = getattr(m, "start", None), getattr(m, "end", None)
                    if ms is not None and me is not None:
                        spans.append((ms, me, ent))
            spans.sort(key=lambda span: span[0])
            index = self.__dict__["_mentions"] = ([sp[0] for sp in spans], spans, max((me - ms for ms, me, _ in spans), default=0))
        return index

    def _full_name(self, name: str) -> str | None:
        """The longest personal name printed in the article that ends with, or opens with, this one."""
        parts = _name_parts(name)
        if not parts:
            return None
        best = None
        # each name once: the same name printed again changes nothing (and made this quadratic in length)
        for full in dict.fromkeys([n for _r, n in self._role_name_pairs()] + self._speaker_names):
            fp = _name_parts(full)
            if fp == parts or (len(fp) > len(parts) and (fp[-len(parts):] == parts or len(parts) == 1 and fp[0] == parts[0])):
                if best is None or len(full) > len(best):
                    best = full
        return best

    def _norm_role(self, role: str) -> tuple[str, ...]:
        words = []
        for w in re.findall(r"[\w.'’-]+", role.lower()):
            if w in self.r.determiners or w in self.r.stopwords or w.endswith(("'s", "’s")):
                continue
            w = self.r.abbreviations.get(w, self.r.abbreviations.get(w.strip("."), w.strip(".")))
            words.extend(w.split())
        return tuple(words)

    def _role_name_pairs(self) -> list[tuple[tuple[str, ...], str]]:
        """Every 'ROLE NAME' and 'ROLE, NAME' printed in the article: role -> person."""
        if self._role_names is not None:
            return self._role_names
        self._role_names = []
        head_re = self.r.role_head_re
        if head_re is None:
            return self._role_names
        # A role head starts with one of a few first words: look only where such a word starts, instead
        # of trying the whole alternation at every character of the article.
        first, found, end = self.r.role_first_words, [], 0
        for w in _WORD_START.finditer(self.masked):
            low = w.group().lower()
            if w.start() >= end and (low in first or low[:-1] in first):
                m = head_re.match(self.masked, w.start())
                if m:
                    found.append(m)
                    end = m.end()
        for m in found:
            _s, se = self._sentence_of(m.start())
            ref = self._role_window(m.start(), se)
            if ref is not None and ref.role and ref.name and len(ref.name.split()) >= 2:
                self._role_names.append((self._norm_role(ref.role), ref.name))
        return self._role_names

    def _role_window(self, s: int, e: int) -> _Ref | None:
        """Read 'ROLE [ORG] NAME' from s, or 'ROLE, NAME,' across one comma."""
        toks = self._tokens(s, e)
        if self.r.lang == "en":
            before = self._tokens(max(0, s - 60), s)
            back = 0
            while back < min(4, len(before)) and not self._breaks(before, len(before) - 1 - back) \
                    and before[-1 - back].low not in self.r.stopwords and "," not in self.masked[before[-1 - back].end:s]:
                back += 1
            if back:
                toks = before[-back:] + toks
        end_idx, seen_run = None, False
        for idx, tok in enumerate(toks):
            if idx and "," in self.masked[toks[idx - 1].end:tok.start]:
                break
            if self._breaks(toks, idx) or idx > 14:
                break
            if self._run_token(toks, idx):
                seen_run, end_idx = True, idx
            elif seen_run and not any(ch.isdigit() for ch in tok.text):
                break
        if end_idx is None:
            return None
        ref = self._parse_np(toks[0].start, toks[end_idx].end, anchored=True)
        if ref is not None and ref.role and not ref.name:
            nxt = re.match(r"\s*,\s*", self.masked[toks[end_idx].end:e])
            if nxt:
                s1 = toks[end_idx].end + nxt.end()
                c1 = self._cut_forward(s1, s1 + len(re.match(r"[^,.;:]*", self.masked[s1:e]).group(0)))
                other = self._parse_np(s1, c1, anchored=True)
                if other is not None and other.name and not other.role and other.sort != "org":
                    ref.name = other.name
        return ref

    def _person_for_role(self, role: str) -> str | None:
        """The person printed under this role elsewhere in the article ('Menlu AS' -> 'Marco Rubio')."""
        want = self._norm_role(role)
        if not want:
            return None
        pairs = self._role_name_pairs()
        exact = [n for rl, n in pairs if rl == want]
        if exact:
            return exact[-1]
        if len(want) < 2:
            return None
        cands = {n for rl, n in pairs if set(want) <= set(rl)}
        return cands.pop() if len(cands) == 1 else None

    # ---------------------------------------------------------------- pass 4: quotes
    def _quotes(self, atts: list[_Att]) -> list[Quote]:
        out: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for att in atts:
            for s, e, direct, override in att.quotes:
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                text = override or self.text[s:e]
                if direct:
                    text = re.sub(r"\s*\n\s*[“\"«‘„”]?", " ", text)
                text = re.sub(r"\s+", " ", text).strip().rstrip(",").strip()
                spk = att.speaker or Speaker()
                out.append(Quote(text=text, direct=direct, speaker=Speaker(spk.name, spk.entity, spk.role),
                                 cue=att.cue, channel=att.channel, start=s, end=e))
        out.sort(key=lambda q: q.start)
        return out
