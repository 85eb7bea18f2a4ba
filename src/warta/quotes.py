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
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from .lang import LanguagePack
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
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


# --------------------------------------------------------------------------------------------
# Compiled rules, one per language pack
# --------------------------------------------------------------------------------------------


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@dataclass(frozen=True)
class _Rules:
    lang: str
    postposed: frozenset
    preposed: frozenset
    clitic: str
    pronouns: dict
    pronouns_after_cue: frozenset
    complementizers: frozenset
    adverbs_after_cue: tuple
    according_to: re.Pattern
    cue_re: re.Pattern
    passive_re: re.Pattern | None
    passive_antecedent_re: re.Pattern | None
    channel_re: re.Pattern
    opener_re: re.Pattern | None
    time_words: frozenset
    clause_predicates: frozenset
    verb_prefix: re.Pattern | None
    not_verbs: frozenset
    clause_stops: frozenset
    not_after: frozenset
    not_speakers: frozenset
    clause_min_tokens: int
    role_heads: tuple  # tuples of lowercase words, longest first
    role_first_words: frozenset
    abbreviations: dict
    honorifics: frozenset
    name_particles: frozenset
    institution_words: frozenset
    group_speakers: tuple
    recipient_verbs: frozenset
    recipients: tuple
    stopwords: frozenset
    abbrev_dots: frozenset
    cut_words: frozenset


# Words that start a modifier after a speaker phrase (place, addressee, occasion, time).
_CUT_WORDS = {
    "id": ["di", "kepada", "saat", "ketika", "usai", "seusai", "dalam", "melalui", "lewat", "pada", "seperti",
           "sebagaimana", "sambil", "setelah", "sebelum", "yang", "sesaat", "selepas", "sewaktu", "dikutip", "dilansir"],
    "en": ["in", "at", "on", "during", "after", "before", "via", "while", "who", "which", "when", "as", "late", "early",
           "speaking", "told", "to", "from", "last", "this", "earlier", "later", "also", "through", "over"],
}


@cache
def _rules(pack: LanguagePack) -> _Rules:
    cues = pack.get("speech_cues") or {}
    roles = pack.get("speaker_roles") or {}
    calendar = pack.get("calendar") or {}
    lang = pack.code
    postposed = frozenset(w.lower() for w in cues.get("postposed", []))
    preposed = frozenset(w.lower() for w in cues.get("preposed", []))
    clitic = cues.get("clitic", "") or ""
    according = cues.get("according_to", [])
    passive = cues.get("passive", [])
    ants = cues.get("passive_antecedents", [])
    cue_words = set(postposed) | set(preposed)
    clitic_part = f"(?:{re.escape(clitic)})?" if clitic else ""
    cue_re = re.compile(rf"(?<![\w-])(?P<cue>{_alternation(cue_words)}){clitic_part}(?![\w-])", re.IGNORECASE)
    passive_re = re.compile(rf"(?<![\w-])(?:{_alternation(passive)})(?![\w-])", re.IGNORECASE) if passive else None
    channel_re = re.compile("|".join(f"(?:{p})" for p in cues.get("channels", [])) or r"(?!x)x", re.IGNORECASE)
    openers = cues.get("discourse_openers", [])
    opener_re = re.compile(rf"^(?:(?:{_alternation(openers)})(?![\w-])[\s,]*)+", re.IGNORECASE) if openers else None
    time_words = {w.lower() for w in cues.get("time_words", [])}
    time_words |= {w.lower() for w in (calendar.get("weekdays") or {})}
    time_words |= {w.lower() for w in (calendar.get("months") or {})}
    heads = sorted({tuple(h.lower().split()) for h in roles.get("role_heads", [])}, key=len, reverse=True)
    verb_prefix = cues.get("verb_prefix") or ""
    stop = pack.get("stopwords") or {}
    abbrev = set((pack.get("tokenizer") or {}).get("abbreviations", [])) | set(roles.get("honorifics", []))
    return _Rules(
        lang=lang,
        postposed=postposed,
        preposed=preposed,
        clitic=clitic.lower(),
        pronouns={k.lower(): v for k, v in (cues.get("pronouns") or {}).items()},
        pronouns_after_cue=frozenset(w.lower() for w in cues.get("pronouns_after_cue", [])),
        complementizers=frozenset(w.lower() for w in cues.get("complementizers", [])),
        adverbs_after_cue=tuple(sorted((a.lower() for a in cues.get("adverbs_after_cue", [])), key=len, reverse=True)),
        according_to=re.compile(rf"(?<![\w-])(?:{_alternation(according)})(?P<nya>{re.escape(clitic)})?(?![\w-])" if clitic
                                else rf"(?<![\w-])(?:{_alternation(according)})(?![\w-])", re.IGNORECASE),
        cue_re=cue_re,
        passive_re=passive_re,
        passive_antecedent_re=re.compile(rf"(?:{_alternation(ants)})\s+(?:pun\s+|juga\s+)?", re.IGNORECASE) if ants else None,
        channel_re=channel_re,
        opener_re=opener_re,
        time_words=frozenset(time_words),
        clause_predicates=frozenset(w.lower() for w in cues.get("clause_predicates", [])),
        verb_prefix=re.compile(verb_prefix) if verb_prefix else None,
        not_verbs=frozenset(w.lower() for w in cues.get("not_verbs", [])),
        clause_stops=frozenset(w.lower() for w in cues.get("clause_stops", [])),
        not_after=frozenset(w.lower() for w in cues.get("not_after", [])),
        not_speakers=frozenset(w.lower() for w in cues.get("not_speakers", [])),
        clause_min_tokens=int(cues.get("clause_min_tokens", 3)),
        role_heads=tuple(heads),
        role_first_words=frozenset(h[0] for h in heads),
        abbreviations={k.lower(): v.lower() for k, v in (roles.get("abbreviations") or {}).items()},
        honorifics=frozenset(h.lower() for h in roles.get("honorifics", [])),
        name_particles=frozenset(w.lower() for w in roles.get("name_particles", [])),
        institution_words=frozenset(w.lower() for w in roles.get("institution_words", [])),
        group_speakers=tuple(sorted((g.lower() for g in roles.get("group_speakers", [])), key=len, reverse=True)),
        recipient_verbs=frozenset(w.lower() for w in cues.get("recipient_verbs", [])),
        recipients=tuple(sorted((r.lower() for r in cues.get("recipients", [])), key=len, reverse=True)),
        stopwords=frozenset(w.lower() for w in stop.get("words", [])),
        abbrev_dots=frozenset(a for a in abbrev if a.endswith(".")),
        cut_words=frozenset(_CUT_WORDS.get(lang, [])),
    )


# --------------------------------------------------------------------------------------------
# Small data holders
# --------------------------------------------------------------------------------------------


@dataclass
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class _Ref:
    """What an attribution says about its speaker before resolution."""

    kind: str  # "np", "pronoun", "inherit"
    name: str | None = None
    role: str | None = None
    start: int = 0
    end: int = 0
    name_start: int = 0
    name_end: int = 0
    sort: str = "person"  # person, org, group, any
    pronoun: str | None = None


@dataclass
class _Direct:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (or end of the text read as the quote)
    start: int  # first character of the quote text
    end: int  # end of the quote text
    closed: bool = True
    paragraphs: int = 1


@dataclass
class _Att:
    """One attribution: a cue with its speaker reference and the quotes it covers."""

    pos: int
    cue: str | None
    ref: _Ref | None
    channel: str | None = None
    quotes: list = field(default_factory=list)  # (start, end, direct)
    speaker: Speaker | None = None
    sort: str = "person"


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------


def find_quotes(doc: Doc, entities: list[Entity], pack: LanguagePack, warnings: list[str] | None = None) -> list[Quote]:
    """Direct and indirect quotes in ``doc.text`` with their speakers; never raises on odd input."""
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
    def __init__(self, text: str, entities: list[Entity], rules: _Rules, warnings: list[str] | None):
        self.text = text
        self.entities = entities
        self.r = rules
        self.warnings = warnings if warnings is not None else []
        self.directs: list[_Direct] = []
        self.masked = text
        self._places: set[str] | None = None
        self._role_names: list[tuple[tuple[str, ...], str]] | None = None
        self._full_names: list[str] = []

    # ---------------------------------------------------------------- pass 1: direct spans
    def run(self) -> list[Quote]:
        self.directs = self._direct_spans()
        chars = list(self.text)
        for d in self.directs:
            for i in range(d.start, d.end):
                if chars[i] not in "\n":
                    chars[i] = _MASK
        self.masked = "".join(chars)
        self.sentences = self._sentences()
        atts = self._attributions()
        self._resolve(atts)
        return self._quotes(atts)

    def _paragraphs(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for m in re.finditer(r"\n", self.text):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return [(s, e) for s, e in out if self.text[s:e].strip()]

    def _role_of_mark(self, i: int) -> str:
        """'open', 'close' or 'either' for the quotation mark at offset i."""
        t = self.text
        ch = t[i]
        before = t[i - 1] if i > 0 else " "
        after = t[i + 1] if i + 1 < len(t) else " "
        if ch in "“„«‘":
            if ch == "‘" and before.isalnum() and after.isalnum():
                return "none"
            return "open"
        if ch in "»":
            return "close"
        if ch == "’":
            if before.isalnum() and after.isalnum():
                return "none"  # apostrophe: don’t, Jum’at
            return "close" if not before.isspace() else "none"
        if ch == "”":
            # some sites print ” for both marks
            if (before.isspace() or before in "([—–-") and not after.isspace():
                return "open"
            return "close"
        if ch == "'":
            if before.isalnum() and (after.isalnum() or after == "s"):
                return "none"  # Israel's
            if (before.isspace() or before in "([") and after.isalnum():
                return "open"
            if (before.isalnum() or before in ".,!?") and (after.isspace() or after in ".,;:!?)"):
                return "close"
            return "none"
        # straight double
        if before.isspace() or before in "([—–-:" or i == 0:
            return "open" if not after.isspace() else "either"
        if after.isspace() or after in ".,;:!?)]—–-" or i + 1 >= len(t):
            return "close"
        return "either"

    @staticmethod
    def _family(ch: str) -> str:
        for fam, (opens, closes) in _FAMILIES.items():
            if ch in opens or ch in closes:
                if ch == "”":
                    return "double"
                return fam
        return "double"

    def _direct_spans(self) -> list[_Direct]:
        t = self.text
        singles = self.r.lang == "en"
        spans: list[_Direct] = []
        pending: _Direct | None = None  # a quote continued from the previous paragraph
        pending_family = None
        paragraphs = self._paragraphs()
        for pi, (ps, pe) in enumerate(paragraphs):
            open_at = None
            family = None
            i = ps
            if pending is not None:
                # the continued quote goes on in this paragraph, which opens with a mark
                open_at, family = pending.open, pending_family
                i = ps + (len(t[ps:pe]) - len(t[ps:pe].lstrip())) + 1
            while i < pe:
                ch = t[i]
                if ch not in _MARK_CHARS:
                    i += 1
                    continue
                fam = self._family(ch)
                if fam in ("single", "straight_single") and not singles:
                    i += 1
                    continue
                role = self._role_of_mark(i)
                if role == "none":
                    i += 1
                    continue
                if open_at is None:
                    if role in ("open", "either"):
                        open_at, family = i, fam
                    else:
                        # a closing mark with nothing open: the quote starts at the paragraph start
                        if fam not in ("single", "straight_single"):
                            self._warn(f"quotes: closing quotation mark without an opening one at offset {i}")
                            if self._words(t[ps:i]) >= _MIN_DIRECT_WORDS:
                                spans.append(_Direct(ps, i, ps, i, closed=False))
                    i += 1
                    continue
                if fam != family:
                    i += 1  # a nested quote inside the open one
                    continue
                if role in ("close", "either"):
                    if pending is not None and open_at == pending.open:
                        pending.close, pending.end = i, i
                        pending.paragraphs += 1
                        spans.append(pending)
                        pending = None
                    else:
                        spans.append(_Direct(open_at, i, open_at + 1, i))
                    open_at = None
                    i += 1
                    continue
                # another opening mark of the same family while one is open
                if pending is not None and open_at == pending.open:
                    pending.close, pending.end, pending.closed = i, self._rstrip(ps, i), False
                    spans.append(pending)
                    pending = None
                else:
                    self._warn(f"quotes: quotation mark opened at offset {open_at} is not closed before the next one")
                    spans.append(_Direct(open_at, i, open_at + 1, self._rstrip(open_at + 1, i), closed=False))
                open_at, family = i, fam
                i += 1
            if open_at is None:
                continue
            # the paragraph ends with a quote still open
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            first = t[nxt[0]:nxt[1]].lstrip()[:1] if nxt else ""
            if nxt and first and first in _FAMILIES[family][0] + ('"' if family == "straight" else ""):
                if pending is None:
                    pending = _Direct(open_at, pe, open_at + 1, pe)
                    pending_family = family
                else:
                    pending.paragraphs += 1
                continue
            start = pending.start if pending is not None and open_at == pending.open else open_at + 1
            self._warn(f"quotes: quotation mark opened at offset {open_at} is never closed")
            end = self._unclosed_end(start, pe)
            spans.append(_Direct(open_at if pending is None else pending.open, end, start, end, closed=False,
                                 paragraphs=1 if pending is None else pending.paragraphs + 1))
            pending = None
        if pending is not None:
            self._warn(f"quotes: quotation mark opened at offset {pending.open} is never closed")
            pending.end = self._rstrip(pending.start, pending.end)
            pending.closed = False
            spans.append(pending)
        # clean up: text boundaries without surrounding spaces or trailing commas
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
        """Best reading of a quote whose closing mark is missing: up to a postposed cue, else the paragraph end."""
        seg = self.text[start:pe]
        m = re.search(rf"[,.!?]\s+(?={self.r.cue_re.pattern})", seg, re.IGNORECASE)
        if m:
            cue = self.r.cue_re.match(seg, m.end())
            if cue and cue.group("cue").lower() in self.r.postposed:
                return start + m.start() + (1 if seg[m.start()] in ".!?" else 0)
        return self._rstrip(start, pe)

    def _rstrip(self, s: int, e: int) -> int:
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return e

    def _warn(self, msg: str) -> None:
        if msg not in self.warnings:
            self.warnings.append(msg)

    @staticmethod
    def _words(s: str) -> int:
        return len(re.findall(r"[^\W_]+", s))

    # ---------------------------------------------------------------- sentences
    def _sentences(self) -> list[tuple[int, int]]:
        """Sentences of the masked text: ends at . ! ? (with closing marks) before a capital, and at line breaks."""
        out = []
        for ps, pe in self._paragraphs():
            s = ps
            for m in re.finditer(r"[.!?…]+[”\"’'»)]*(?=\s+[“\"‘«(\[]?[A-Z0-9\x00])", self.masked[ps:pe]):
                end = ps + m.end()
                word = re.search(r"\S+$", self.masked[s:end])
                w = word.group(0) if word else ""
                w = w.lstrip("(“\"‘«")
                if w in self.r.abbrev_dots or re.fullmatch(r"[A-Z]\.", w) or re.fullmatch(r"(?:[A-Za-z]\.){2,}", w):
                    continue
                out.append((s, end))
                s = end
                while s < pe and self.text[s].isspace():
                    s += 1
            if s < pe:
                out.append((s, pe))
        return out

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    # ---------------------------------------------------------------- tokens
    def _tokens(self, s: int, e: int) -> list[_Tok]:
        """Words of text[s:e] without surrounding punctuation (abbreviation dots kept)."""
        out = []
        for m in _WORD.finditer(self.masked, s, e):
            a, b = m.start(), m.end()
            w = self.text[a:b]
            while a < b and self.text[a] in "(“\"‘«[,;:":
                a += 1
            while b > a and self.text[b - 1] in ")”\"’»],;:!?":
                b -= 1
            if b > a and self.text[b - 1] == "." and self.text[a:b] not in self.r.abbrev_dots \
                    and not re.fullmatch(r"(?:[A-Za-z]\.)+", self.text[a:b]):
                b -= 1
            if b > a:
                out.append(_Tok(a, b, self.text[a:b]))
            del w
        return out

    def _is_name_token(self, tok: _Tok) -> bool:
        w = tok.text
        if _MASK in self.masked[tok.start:tok.end]:
            return False
        if w[:1].isupper():
            return w.lower() not in self.r.time_words or w.lower() in ("may", "mei") and False
        low = w.lower()
        if low in self.r.name_particles:
            return True
        return bool(re.match(r"^(?:al|el|ad|as|an|ar|at|az|ash|ad|bin|ibn|abu|van|de|di|da|le|la)[-'’][A-Z]", w))

    def _is_capital(self, tok: _Tok) -> bool:
        return tok.text[:1].isupper() and tok.low not in self.r.time_words

    # ---------------------------------------------------------------- pass 2: attributions
    def _attributions(self) -> list[_Att]:
        atts: list[_Att] = []
        used_directs: dict[int, _Att] = {}
        indirect_spans: list[tuple[int, int, _Att]] = []
        for s, e in self.sentences:
            if not self.masked[s:e].replace(_MASK, "").strip():
                continue
            for att in self._sentence_attributions(s, e):
                atts.append(att)
                for qs, qe, _direct in att.quotes:
                    indirect_spans.append((qs, qe, att))
        # direct quotes
        for k, d in enumerate(self.directs):
            host = next(((qs, qe, a) for qs, qe, a in indirect_spans if qs <= d.start and d.end <= qe + 1), None)
            if host is not None:
                qs, qe, a = host
                outside = self._words(self.masked[qs:qe].replace(_MASK, ""))
                if outside >= 3:
                    continue  # a partial quote inside a reported clause: the clause is the quote
                # the clause is the quoted span: the quote is direct
                a.quotes = [q for q in a.quotes if not (q[0] == qs and q[1] == qe)]
                att = _Att(a.pos, a.cue, a.ref, a.channel, [(d.start, d.end, True)])
                atts.append(att)
                used_directs[k] = att
                continue
            att = self._direct_attribution(k, d, atts)
            if att is not None:
                used_directs[k] = att
                if att not in atts:
                    atts.append(att)
        atts = [a for a in atts if a.quotes or a.ref is not None]
        atts.sort(key=lambda a: (a.pos, a.quotes[0][0] if a.quotes else 0))
        return atts

    def _direct_attribution(self, k: int, d: _Direct, atts: list[_Att]) -> _Att | None:
        t, m = self.text, self.masked
        r = self.r
        words = self._words(t[d.start:d.end])
        short = words < _MIN_DIRECT_WORDS
        inner = t[d.start:d.end]
        if short or (words <= 6 and all(w[:1].isupper() for w in re.findall(r"[^\W\d_]+", inner))
                     and not re.search(r"[.!?]$", inner)):
            # a partial quote: it needs a speech act in its own sentence
            s, e = self._sentence_of(d.open)
            for a in atts:
                if a.ref is not None and s <= a.pos < e and a.pos < d.open:
                    return _Att(d.start, a.cue, a.ref, a.channel, [(d.start, d.end, True)])
            return None
        # postposed: “…,” kata X. / "…," X said.
        after = self._after_close(d)
        if after is not None:
            att = self._postposed_after(after[0], after[1])
            if att is not None:
                att.pos = d.start
                att.quotes.append((d.start, d.end, True))
                return att
        # preposed: X mengatakan: “…” / Kata X, “…” / Menurut X, “…” / He said: "…"
        att = self._preposed_before(d)
        if att is not None:
            att.pos = d.start
            att.quotes.append((d.start, d.end, True))
            return att
        # a passive attribution in the next sentence: “…” Hal itu disampaikan X.
        att = self._passive_after(d)
        if att is not None:
            att.pos = d.start
            att.quotes.append((d.start, d.end, True))
            return att
        # split quote or continuation: the speaker of the previous quote
        return _Att(d.start, None, _Ref("inherit"), None, [(d.start, d.end, True)])

    def _after_close(self, d: _Direct) -> tuple[int, int] | None:
        if not d.closed:
            s = d.end
        else:
            s = d.close + 1
        t = self.masked
        n = len(t)
        # the rest of the sentence after the closing mark, up to the next opening mark
        e = s
        while e < n and t[e] != "\n":
            if t[e] in _OPEN_MARKS and self._role_of_mark(e) == "open" and e > s:
                break
            if t[e] in ".!?" and (e + 1 >= n or t[e + 1].isspace()):
                w = re.search(r"\S+$", t[s:e + 1])
                if not (w and (w.group(0) in self.r.abbrev_dots or re.fullmatch(r"(?:[A-Za-z]\.)+", w.group(0)))):
                    break
            e += 1
        if not t[s:e].strip(" ,"):
            return None
        return s, e

    def _postposed_after(self, s: int, e: int) -> _Att | None:
        """The attribution after a quote or a clause: ', kata X ...' / ', ujarnya' / ', X said ...'."""
        r, t = self.r, self.masked
        lead = re.match(r"[\s,—–-]*", t[s:e])
        p = s + lead.end()
        m = r.cue_re.match(t, p)
        if m and m.end() <= e:
            cue = m.group("cue").lower()
            word = t[m.start():m.end()]
            if cue in r.postposed or (r.lang == "id" and cue in r.preposed and word.lower() != cue):
                return self._cue_then_speaker(m, e)
            if r.lang == "en" and cue in r.preposed:
                return self._cue_then_speaker(m, e)
        # speaker first, then the cue: "…," Ansari said. / “…,” Budi menambahkan.
        for m in r.cue_re.finditer(t, p, e):
            cue = m.group("cue").lower()
            if t[m.start():m.end()].lower() != cue:
                continue
            if cue not in r.preposed and not (r.lang == "en" and cue in r.postposed):
                continue
            if len(self._tokens(p, m.start())) > _MAX_SPEAKER_TOKENS:
                break
            ref = self._subject_before(p, m.start())
            if ref is None:
                break
            channel = self._channel(m.end(), e) or self._channel(p, m.start())
            return _Att(m.start(), t[m.start():m.end()], ref, channel, [])
        return None

    def _cue_then_speaker(self, m: re.Match, e: int) -> _Att | None:
        r, t = self.r, self.masked
        word = self.text[m.start():m.end()]
        cue = m.group("cue").lower()
        if r.clitic and word.lower() == cue + r.clitic:
            ref = _Ref("pronoun", pronoun=r.clitic, start=m.start(), end=m.end(), sort="any")
            return _Att(m.start(), word, ref, self._channel(m.end(), e), [])
        ref = self._speaker_after(m.end(), e)
        if ref is None:
            return None
        return _Att(m.start(), word, ref, self._channel(ref.end, e), [])

    def _preposed_before(self, d: _Direct) -> _Att | None:
        r, t = self.r, self.masked
        s, _e = self._sentence_of(d.open)
        lo = s
        if lo >= d.open:  # the quote opens its sentence: look at the end of the previous one
            prev = [x for x in self.sentences if x[1] <= d.open]
            if not prev:
                return None
            lo, hi = prev[-1]
            if not re.search(r"[:,]\s*$", t[lo:hi]):
                return None
        else:
            hi = d.open
        region = t[lo:hi]
        if not re.search(r"[:,]\s*$|(?:that|bahwa)\s*$", region, re.IGNORECASE):
            return None
        # according to X, “…”
        for am in r.according_to.finditer(t, lo, hi):
            ref = self._according_ref(am, hi)
            if ref is not None:
                return _Att(am.start(), t[am.start():am.end()], ref, self._channel(lo, hi), [])
        cues = [c for c in r.cue_re.finditer(t, lo, hi)]
        for c in reversed(cues):
            cue = c.group("cue").lower()
            word = t[c.start():c.end()]
            tail = t[c.end():hi]
            if cue in r.preposed and word.lower() == cue:
                if self._words(tail) > 12:
                    continue
                ref = self._subject_before(lo, c.start())
                if ref is None:
                    continue
                return _Att(c.start(), word, ref, self._channel(c.end(), hi) or self._channel(lo, c.start()), [])
            if cue in r.postposed:  # Kata X, “…” / Ujarnya: “…”
                before = t[lo:c.start()].strip(" ,")
                if before and not (r.opener_re and r.opener_re.fullmatch(before + " ")):
                    continue
                att = self._cue_then_speaker(c, hi)
                if att is not None:
                    return att
        return None

    def _passive_after(self, d: _Direct) -> _Att | None:
        r, t = self.r, self.masked
        if r.passive_re is None or r.passive_antecedent_re is None:
            return None
        nxt = [x for x in self.sentences if x[0] >= d.close]
        if not nxt:
            return None
        s, e = nxt[0]
        m = r.passive_antecedent_re.match(t, s)
        if not m:
            return None
        p = r.passive_re.search(t, m.end(), min(e, m.end() + 40))
        if not p:
            return None
        q = p.end()
        agent = re.match(r"\s+(?:" + _alternation(["oleh", "by"]) + r")\b", t[q:e], re.IGNORECASE)
        if agent:
            q += agent.end()
        ref = self._speaker_after(q, e)
        if ref is None:
            return None
        return _Att(p.start(), self.text[p.start():p.end()], ref, self._channel(ref.end, e), [])

    # ---------------------------------------------------------------- sentence-level cues
    def _sentence_attributions(self, s: int, e: int) -> list[_Att]:
        r, t = self.r, self.masked
        out: list[_Att] = []
        end = self._clause_end(s, e)
        # Menurut X, CLAUSE. / According to X, CLAUSE.
        for am in r.according_to.finditer(t, s, e):
            before = t[s:am.start()].strip()
            if before.endswith(","):
                # CLAUSE, menurut X.
                ref = self._according_ref(am, e)
                if ref is None:
                    continue
                cs = s
                att = _Att(am.start(), self.text[am.start():am.end()], ref, self._channel(ref.end, e), [])
                self._add_clause(att, cs, s + len(t[s:am.start()].rstrip().rstrip(",").rstrip()) , require=False)
                out.append(att)
                return out
            if before and not (r.opener_re and r.opener_re.fullmatch(before + " ")):
                continue
            ref = self._according_ref(am, e)
            if ref is None:
                continue
            att = _Att(am.start(), self.text[am.start():am.end()], ref, None, [])
            comma = t.find(",", ref.end, e)
            if comma < 0:
                continue
            att.channel = self._channel(ref.end, comma)
            self._add_clause(att, comma + 1, end, require=False)
            out.append(att)
            return out
        cues = list(r.cue_re.finditer(t, s, e))
        for c in cues:
            cue = c.group("cue").lower()
            word = self.text[c.start():c.end()]
            before_txt = t[s:c.start()]
            # CLAUSE, kata X. / CLAUSE, ujarnya. / CLAUSE, said X.
            if re.search(r",\s*$", before_txt) and not re.search(r"[”\"’»]\s*,?\s*$", before_txt):
                if cue in r.postposed or (r.lang == "id" and r.clitic and word.lower() == cue + r.clitic):
                    att = self._cue_then_speaker(c, e)
                    if att is not None:
                        self._add_clause(att, s, s + len(before_txt.rstrip().rstrip(",").rstrip()), require=False)
                        out.append(att)
                        return out
            if r.lang == "en" and re.search(r",\s*$", before_txt) is None and cue in r.postposed:
                # CLAUSE, X said.
                comma = before_txt.rfind(",")
                if comma > 0 and not re.search(r"[”\"’»]\s*,?\s*$", before_txt[:comma + 1]):
                    rest = self.masked[c.end():e]
                    if self._is_tail(rest):
                        ref = self._subject_before(s + comma + 1, c.start())
                        if ref is not None and len(self._tokens(s + comma + 1, c.start())) <= _MAX_SPEAKER_TOKENS:
                            att = _Att(c.start(), word, ref, self._channel(c.end(), e), [])
                            self._add_clause(att, s, s + comma, require=False)
                            out.append(att)
                            return out
            # SUBJ CUE (bahwa) CLAUSE.
            if cue not in r.preposed or word.lower() != cue:
                continue
            prev = re.search(r"(\S+)\s*$", before_txt)
            if prev and prev.group(1).lower() in r.not_after:
                continue
            ref = self._subject_before(s, c.start())
            if ref is None:
                continue
            att = _Att(c.start(), word, ref, None, [])
            self._preposed_clause(att, c, e, end)
            out.append(att)
        return out

    def _is_tail(self, rest: str) -> bool:
        """True when what follows a cue is only a channel, an addressee or a time: the sentence ends there."""
        rest = rest.strip(" .,")
        if not rest:
            return True
        toks = rest.split()
        return len(toks) <= 8 and _MASK not in rest

    def _clause_end(self, s: int, e: int) -> int:
        t = self.text
        while e > s and (t[e - 1].isspace() or t[e - 1] in ".!?…"):
            e -= 1
        return e

    def _preposed_clause(self, att: _Att, c: re.Match, e: int, end: int) -> None:
        r, t = self.r, self.masked
        p = c.end()
        # adverbs right after the cue: kembali, pula, juga; also, again
        moved = True
        while moved:
            moved = False
            lead = re.match(r"\s*", t[p:e])
            q = p + lead.end()
            for adv in r.adverbs_after_cue:
                if t[q:q + len(adv)].lower() == adv and (q + len(adv) >= e or not t[q + len(adv)].isalnum()):
                    p = q + len(adv)
                    moved = True
                    break
        rest = t[p:e]
        if re.match(r"\s*[:,]?\s*[“\"«‘]", rest) and _MASK in rest[:8]:
            return  # introduces a direct quote
        if c.group("cue").lower() in r.recipient_verbs:
            p = self._skip_recipient(p, e)
            rest = t[p:e]
        # a complementizer within the first words opens the clause
        toks = self._tokens(p, e)
        for i, tok in enumerate(toks[:16]):
            if tok.low in r.complementizers:
                pre = toks[:i]
                if any(self._predicate_like(x) for x in pre):
                    break
                if not att.channel:
                    att.channel = self._channel(p, tok.start)
                self._add_clause(att, tok.end, end, require=False)
                return
        # a bare clause, after leading channel, addressee and time segments
        q = p
        while True:
            seg_m = re.match(r"\s*([^,]*),", t[q:e])
            if not seg_m:
                break
            seg = seg_m.group(1).strip()
            if seg and (self._is_adverbial(q + seg_m.start(1), q + seg_m.end(1))):
                if not att.channel:
                    att.channel = self._channel(q + seg_m.start(1), q + seg_m.end(1))
                q += seg_m.end()
                continue
            if not seg:
                q += seg_m.end()
                continue
            break
        if q == p:
            ch = r.channel_re.match(t, len(t[:p]) + len(re.match(r"\s*", t[p:e]).group(0)))
            if ch and not att.channel:
                pass
        self._add_clause(att, q, end, require=True)

    def _skip_recipient(self, p: int, e: int) -> int:
        r, t = self.r, self.masked
        toks = self._tokens(p, e)
        if not toks:
            return p
        # told Reuters / told reporters / told the BBC
        low = t[toks[0].start:e].lower()
        for rec in r.recipients:
            if low.startswith(rec) and (len(low) == len(rec) or not low[len(rec)].isalnum()):
                return toks[0].start + len(rec)
        i = 0
        if toks[0].low in ("the", "a", "an"):
            i = 1
        j = i
        while j < len(toks) and self._is_capital(toks[j]):
            j += 1
        if j > i:
            return toks[j - 1].end
        return p

    def _predicate_like(self, tok: _Tok) -> bool:
        r = self.r
        low = tok.low
        if low in r.clause_predicates:
            return True
        if r.verb_prefix is not None and low not in r.not_verbs and tok.text[:1].islower() and r.verb_prefix.match(low):
            return True
        return False

    def _is_clause(self, s: int, e: int) -> bool:
        r = self.r
        toks = self._tokens(s, e)
        if len(toks) < r.clause_min_tokens:
            return False
        if r.lang == "en":
            first = toks[0].low
            return first not in ("in", "at", "on", "for", "to", "with", "by", "from", "of", "about", "nothing", "so",
                                 "anything", "it.", "this", "that.")
        for i, tok in enumerate(toks[:14]):
            if tok.low in r.clause_stops:
                return False
            if _MASK in tok.text:
                continue
            if tok.low in r.clause_predicates:
                return True
            if i >= 1 and self._predicate_like(tok):
                return True
        return False

    def _add_clause(self, att: _Att, s: int, e: int, *, require: bool) -> None:
        t = self.text
        while s < e and (t[s].isspace() or t[s] in ",:;—–-"):
            s += 1
        while e > s and (t[e - 1].isspace() or t[e - 1] in ",.;:—–-"):
            e -= 1
        if e <= s:
            return
        # a channel phrase closing the clause: ..., seperti dikutip dari X
        for m in re.finditer(r",\s+", self.masked[s:e]):
            q = s + m.end()
            ch = self.r.channel_re.match(self.masked, q)
            if ch and self._words(t[q:e]) <= 10:
                if not att.channel:
                    att.channel = t[q:e].strip()
                e = s + m.start()
                break
        if self._words(t[s:e].replace(_MASK, "")) == 0 and _MASK not in self.masked[s:e]:
            return
        if require and not self._is_clause(s, e):
            return
        if self._words(t[s:e]) < self.r.clause_min_tokens:
            return
        if t[s] in "“\"«‘" and t[e - 1] in "”\"»’" and self.masked[s + 1:e - 1].strip(_MASK + " ") == "":
            pass  # the clause is a direct quote; the direct pass gives it this attribution
        att.quotes.append((s, e, False))

    def _is_adverbial(self, s: int, e: int) -> bool:
        """A segment that is only a time, a place, a channel or an addressee."""
        r = self.r
        toks = self._tokens(s, e)
        if not toks:
            return True
        if r.channel_re.match(self.masked, toks[0].start):
            return True
        if toks[0].low in r.cut_words and toks[0].low not in ("yang", "who", "which"):
            return True
        return all(tok.low in r.time_words or re.fullmatch(r"[\d/().:-]+", tok.text) or tok.low in ("pada", "hari", "on", "the", "tanggal", "pukul", "at")
                   for tok in toks)

    # ---------------------------------------------------------------- speaker phrases
    def _according_ref(self, am: re.Match, e: int) -> _Ref | None:
        r, t = self.r, self.masked
        if r.clitic and am.groupdict().get("nya"):
            return _Ref("pronoun", pronoun=r.clitic, start=am.start(), end=am.end(), sort="any")
        return self._speaker_after(am.end(), e)

    def _speaker_after(self, p: int, e: int) -> _Ref | None:
        """The speaker phrase that follows a cue: 'juru bicara Kemlu, Majed al-Ansari, dalam ...'."""
        t = self.masked
        segs = self._segments(p, e)
        if not segs:
            return None
        s0, e0 = segs[0]
        e0 = self._cut_modifiers_forward(s0, e0)
        toks = self._tokens(s0, e0)
        if not toks:
            return None
        if toks[0].low in self.r.pronouns and toks[0].low in self.r.pronouns_after_cue:
            return _Ref("pronoun", pronoun=toks[0].low, start=toks[0].start, end=toks[0].end,
                        sort=self.r.pronouns.get(toks[0].low, "any"))
        ref = self._parse_np(s0, e0, anchored_start=True)
        if ref is None:
            return None
        if len(segs) > 1:
            s1, e1 = segs[1]
            e1c = self._cut_modifiers_forward(s1, e1)
            if ref.name is None and ref.role:
                other = self._parse_np(s1, e1c, anchored_start=True)
                if other is not None and other.name and not other.role and other.kind == "np" and e1c - s1 < 80:
                    ref.name, ref.name_start, ref.name_end, ref.end = other.name, other.name_start, other.name_end, other.end
                    ref.sort = "person"
            elif ref.name and not ref.role:
                other = self._parse_np(s1, e1c, anchored_start=True)
                if other is not None and other.role and not other.name:
                    ref.role = other.role
                    ref.end = other.end
                    ref.sort = "person"
        del t
        return ref

    def _subject_before(self, lo: int, hi: int) -> _Ref | None:
        """The speaker phrase that ends right before a cue verb, skipping times, channels and appositions."""
        r = self.r
        segs = self._segments(lo, hi)
        i = len(segs) - 1
        while i >= 0:
            s, e = segs[i]
            e = self._strip_trailing(s, e)
            toks = self._tokens(s, e)
            if not toks or self._is_adverbial(s, e):
                i -= 1
                continue
            last = toks[-1]
            if last.low in r.pronouns and last.low != r.clitic:
                if len(toks) >= 2 and toks[-2].low in ("dan", "and", "yang", "who"):
                    return None
                return _Ref("pronoun", pronoun=last.low, start=last.start, end=last.end, sort=r.pronouns[last.low])
            ref = self._parse_np(s, e, anchored_start=False)
            if ref is None:
                return None
            # an apposition: 'Menteri Luar Negeri AS, Marco Rubio, mengatakan' / 'Budi, juru bicara polisi, mengatakan'
            if i >= 1 and ref.start <= toks[0].start + 1:
                ps, pe = segs[i - 1]
                pe = self._strip_trailing(ps, pe)
                if ref.name and not ref.role:
                    other = self._parse_np(ps, pe, anchored_start=False)
                    if other is not None and other.role and not other.name:
                        ref.role, ref.start, ref.sort = other.role, other.start, "person"
                elif ref.role and not ref.name:
                    other = self._parse_np(ps, pe, anchored_start=False)
                    if other is not None and other.name and not other.role and other.kind == "np":
                        ref.name, ref.name_start, ref.name_end = other.name, other.name_start, other.name_end
                        ref.start, ref.sort = other.start, "person"
            return ref
        return None

    def _segments(self, s: int, e: int) -> list[tuple[int, int]]:
        """Comma-separated parts of text[s:e], ignoring commas inside parentheses."""
        t = self.masked
        out, depth, a = [], 0, s
        for i in range(s, e):
            ch = t[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif ch in ",;:" and depth == 0:
                out.append((a, i))
                a = i + 1
        out.append((a, e))
        return out

    def _strip_trailing(self, s: int, e: int) -> int:
        """Drop what follows a speaker phrase before its cue: times, parentheses, adverbs, channels."""
        r = self.r
        changed = True
        while changed:
            changed = False
            toks = self._tokens(s, e)
            if not toks:
                return s
            last = toks[-1]
            seg = self.masked[s:e].rstrip()
            if seg.endswith(")"):
                k = seg.rfind("(")
                if k >= 0:
                    e = s + k
                    changed = True
                    continue
            if last.low in r.time_words or last.low in ("juga", "pun", "pula", "kemudian", "lalu", "sendiri", "also",
                                                         "later", "earlier", "then", "again", "too", "sebelumnya",
                                                         "kembali", "bahkan", "justru", "hanya", "pada", "on", "langsung",
                                                         "telah", "sudah", "sempat", "has", "had", "have", "previously",
                                                         "yesterday", "today", "separately", "hari", "tanggal"):
                e = last.start
                changed = True
                continue
            if re.fullmatch(r"[\d/.:-]+", last.text):
                e = last.start
                changed = True
                continue
        # a trailing modifier: 'Budi Santoso saat ditemui di Jakarta', 'Qatar dalam keterangannya'
        toks = self._tokens(s, e)
        for k in range(len(toks) - 1, 0, -1):
            if toks[k].low in r.cut_words or r.channel_re.match(self.masked, toks[k].start):
                head = self._tokens(s, toks[k].start)
                if head and self._np_end_ok(head[-1]):
                    cand = toks[k].start
                    # prefer the earliest cut that still leaves a speaker phrase
                    e = cand
                    for k2 in range(k - 1, 0, -1):
                        if toks[k2].low in r.cut_words or r.channel_re.match(self.masked, toks[k2].start):
                            head2 = self._tokens(s, toks[k2].start)
                            if head2 and self._np_end_ok(head2[-1]):
                                e = toks[k2].start
                    break
        return self._rstrip(s, e)

    def _np_end_ok(self, tok: _Tok) -> bool:
        r = self.r
        if self._is_capital(tok) or tok.low in r.pronouns:
            return True
        return any(tok.low == h[-1] for h in r.role_heads) or any(tok.low == g.split()[-1] for g in r.group_speakers)

    def _cut_modifiers_forward(self, s: int, e: int) -> int:
        """The speaker phrase after a cue ends where a place, time, addressee or channel begins."""
        r = self.r
        toks = self._tokens(s, e)
        for k, tok in enumerate(toks):
            if k == 0:
                continue
            if tok.low in r.cut_words or tok.low in r.time_words and self._is_capital(tok) \
                    or r.channel_re.match(self.masked, tok.start):
                return self._rstrip(s, tok.start)
            if tok.text.startswith("("):
                return self._rstrip(s, tok.start)
        return self._rstrip(s, e)

    def _role_at(self, toks: list[_Tok], i: int) -> int:
        """Length in tokens of the role head starting at toks[i], 0 if none."""
        r = self.r
        if toks[i].low not in r.role_first_words:
            return 0
        for head in r.role_heads:
            n = len(head)
            if head[0] == toks[i].low and i + n <= len(toks) and tuple(t.low for t in toks[i:i + n]) == head:
                return n
        return 0

    def _parse_np(self, s: int, e: int, *, anchored_start: bool) -> _Ref | None:
        """Read a speaker phrase as role + name. With anchored_start the phrase starts at s (after a cue);
        otherwise it ends at e (before a cue) and starts where the role or the name run starts."""
        r = self.r
        toks = [x for x in self._tokens(s, e) if not x.text.startswith("(")]
        # drop parenthesised parts: 'Presiden Joko Widodo (Jokowi)'
        toks = [x for x in toks if not _PAREN.fullmatch(x.text)]
        if not toks or len(toks) > 25:
            return None
        if any(_MASK in self.masked[x.start:x.end] for x in toks[-3:]):
            return None
        if r.opener_re is not None:
            joined = self.masked[toks[0].start:toks[-1].end]
            m = r.opener_re.match(joined)
            if m and m.end() > 0:
                cut = toks[0].start + m.end()
                toks = [x for x in toks if x.start >= cut]
                if not toks:
                    return None
        # the name run at the end
        j = len(toks)
        while j > 0 and (self._is_name_token(toks[j - 1]) or toks[j - 1].low in r.honorifics):
            j -= 1
        while j < len(toks) and (toks[j].low in r.name_particles):
            j += 1
        run = toks[j:]
        # the role head: leftmost one before the run (Indonesian roles open the phrase)
        role_i, role_n = None, 0
        limit = len(toks) if not run else j + len(run)
        for i in range(0, limit):
            n = self._role_at(toks, i)
            if n and i > 0 and self._is_name_token(toks[i - 1]) and not self._not_name_start(toks[i - 1]):
                n = 0  # 'Diwan Emir': a role word inside a name
            if n:
                if anchored_start and i > 1:
                    break
                between = toks[i + n:j] if run else toks[i + n:]
                if any(self._breaks_np(x) for x in between):
                    continue
                if any(self._breaks_np(x) for x in toks[i:i + n]):
                    continue
                role_i, role_n = i, n
                break
        if role_i is not None:
            start_i = role_i
            if r.lang == "en":
                # English modifiers come before the head: 'Qatar's foreign ministry spokesman'
                while start_i > 0 and not self._breaks_np(toks[start_i - 1]) and toks[start_i - 1].low not in r.stopwords:
                    start_i -= 1
                if start_i > 0 and toks[start_i - 1].low in ("a", "an", "the"):
                    start_i -= 1
            elif anchored_start and role_i > 0:
                start_i = 0 if all(not self._breaks_np(x) for x in toks[:role_i]) else role_i
            if anchored_start and start_i > 0 and toks[0].low not in ("a", "an", "the"):
                start_i = 0 if not any(self._breaks_np(x) for x in toks[:start_i]) else start_i
            # where the name starts inside the run
            first = max(j, role_i + role_n) if run else len(toks)
            k = first
            while k < len(toks) - 1 and self._not_name_start(toks[k]):
                k += 1
            if k < len(toks) and self._not_name_start(toks[k]) and k == len(toks) - 1:
                k = len(toks)
            name_toks = toks[k:] if run else []
            role_toks = toks[start_i:k]
            # honorifics inside the name go
            h = [idx for idx, x in enumerate(name_toks) if x.low in r.honorifics]
            if h:
                name_toks = name_toks[h[-1] + 1:]
            if name_toks and all(x.low in r.name_particles for x in name_toks):
                name_toks = []
            role = self.text[role_toks[0].start:role_toks[-1].end] if role_toks else None
            if name_toks:
                name = self.text[name_toks[0].start:name_toks[-1].end]
                return _Ref("np", name=name, role=role, start=toks[start_i].start, end=toks[-1].end,
                            name_start=name_toks[0].start, name_end=name_toks[-1].end, sort="person")
            if role:
                return _Ref("np", name=None, role=role, start=toks[start_i].start, end=role_toks[-1].end,
                            name_start=toks[start_i].start, name_end=role_toks[-1].end, sort="person")
        if run:
            # drop sentence-initial function words and openers from the run
            while run and (run[0].low in r.stopwords or run[0].low in r.honorifics or run[0].low in r.name_particles):
                run = run[1:]
            while run and run[-1].low in r.name_particles:
                run = run[:-1]
            if not run:
                return None
            if anchored_start and run[0].start != toks[0].start:
                return None
            if not anchored_start and len(run) == 1 and run[0].low in r.not_speakers:
                return None
            name = self.text[run[0].start:run[-1].end]
            if name.lower() in r.not_speakers:
                return None
            sort = "person" if any(x.low in r.honorifics for x in toks[:j + 1]) else self._name_sort(run)
            return _Ref("np", name=name, role=None, start=run[0].start, end=run[-1].end,
                        name_start=run[0].start, name_end=run[-1].end, sort=sort)
        # a group: 'polisi', 'the ministry', 'warga'
        low = self.masked[toks[0].start:toks[-1].end].lower()
        for g in r.group_speakers:
            if low.endswith(g) and (len(low) == len(g) or not low[-len(g) - 1].isalnum()):
                gs = toks[-1].end - len(g)
                if gs > toks[0].start and r.lang == "en":
                    before = self._tokens(toks[0].start, gs)
                    if before and before[-1].low in ("the", "a") or False:
                        pass
                if anchored_start and gs != toks[0].start and not (r.lang == "en" and toks[0].low in ("the", "a")):
                    return None
                return _Ref("np", name=self.text[gs:toks[-1].end], role=None, start=gs, end=toks[-1].end,
                            name_start=gs, name_end=toks[-1].end, sort="group")
        return None

    def _breaks_np(self, tok: _Tok) -> bool:
        """A word that cannot sit inside a speaker phrase (a verb, a conjunction, a relative)."""
        r = self.r
        low = tok.low
        if low in ("yang", "dan", "atau", "bahwa", "tidak", "who", "which", "that", "and", "or", "said", "not") \
                or low in r.preposed or low in r.postposed:
            return True
        if _MASK in tok.text:
            return True
        if r.lang == "id" and self._predicate_like(tok):
            return True
        return False

    def _not_name_start(self, tok: _Tok) -> bool:
        """Tokens of an office or organisation name that sit between a role and a personal name."""
        r = self.r
        w = tok.text
        low = tok.low
        if low in r.institution_words or low in r.role_first_words or low in r.abbreviations:
            return True
        if low in r.honorifics:
            return False
        if any(low == h[-1] for h in r.role_heads):
            return True
        if re.fullmatch(r"[A-Z]{2,6}|(?:[A-Z]\.){2,}|[A-Z][a-z]?[A-Z]{1,5}", w):
            return True  # AS, RI, PBB, U.S., DPR, KPK
        if re.search(r"['’]s$", w):
            return True
        if w in self._place_words():
            return True
        if "-" in w and all(p[:1].isupper() for p in w.split("-") if p) and not re.match(r"^(?:al|el)-", w, re.I):
            return True  # Arab-Islam, AS-Qatar
        return False

    def _name_sort(self, run: list[_Tok]) -> str:
        r = self.r
        first = run[0]
        if first.low in r.institution_words or re.fullmatch(r"[A-Z]{2,6}", first.text) or first.text in self._place_words():
            return "org"
        if len(run) == 1:
            full = self._full_name(first.text)
            return "person" if full and full != first.text else "any"
        return "person"

    def _place_words(self) -> set[str]:
        """Capitalised words printed alone after a preposition somewhere in the article: places and bodies."""
        if self._places is None:
            preps = r"di|ke|dari|dengan|terhadap|antara|atas|bagi|oleh|kepada|in|to|from|with|against|between|by|for|of"
            self._places = set()
            for m in re.finditer(rf"(?<![\w-])(?:{preps})\s+([A-Z][\w-]+)(?![\w-]|\s+[A-Z])", self.masked):
                self._places.add(m.group(1))
        return self._places

    # ---------------------------------------------------------------- channels
    def _channel(self, s: int, e: int) -> str | None:
        if e <= s:
            return None
        m = self.r.channel_re.search(self.masked, s, e)
        if not m:
            return None
        a = m.start()
        b = e
        stop = re.search(r"[,.;:!?\n]|\s[—–]\s", self.masked[m.end():e])
        if stop:
            b = m.end() + stop.start()
        # a trailing time goes: 'dalam konferensi pers di Doha, Selasa' -> kept up to the comma
        text = self.text[a:b].strip()
        text = re.sub(r"\s+", " ", text)
        if _MASK in text or not text:
            return None
        return text

    # ---------------------------------------------------------------- pass 3: speakers
    def _resolve(self, atts: list[_Att]) -> None:
        history: list[tuple[int, Speaker, str]] = []
        for att in atts:
            ref = att.ref
            spk = None
            sort = "person"
            if ref is None or ref.kind == "inherit":
                if history:
                    spk, sort = history[-1][1], history[-1][2]
                    para_gap = self.text.count("\n\n", history[-1][0], att.pos)
                    if para_gap > 3:
                        spk = None
            elif ref.kind == "pronoun":
                spk, sort = self._pronoun(ref, history)
            else:
                spk, sort = self._speaker(ref)
            att.speaker = spk
            att.sort = sort
            if spk is not None and (spk.name or spk.role):
                history.append((att.pos, spk, sort))

    def _pronoun(self, ref: _Ref, history) -> tuple[Speaker | None, str]:
        ent = self._entity_at(ref.start, ref.end)
        if ent is not None:
            return Speaker(name=ent.name, entity=ent.id, role=ent.role), "person"
        want = ref.sort
        for _pos, spk, sort in reversed(history):
            if want == "any" or sort == want or sort == "any" or (want == "person" and sort == "person") \
                    or (want == "org" and sort in ("org", "group")) or (want == "group" and sort in ("group", "org")):
                return spk, sort
        if want != "group":
            person = self._last_person_before(ref.start)
            if person:
                return Speaker(name=person), "person"
        return None, want

    def _last_person_before(self, pos: int) -> str | None:
        for name in reversed(self._full_names):
            return name
        return None

    def _speaker(self, ref: _Ref) -> tuple[Speaker, str]:
        sort = ref.sort
        # the entities stage knows best
        ent = None
        if ref.name:
            ent = self._entity_at(ref.name_start, ref.name_end, prefer_person=True)
        if ent is None:
            ent = self._entity_at(ref.start, ref.end, prefer_person=True)
        role = ref.role
        if ent is not None:
            if ent.type == "PERSON":
                sort = "person"
            elif ent.type in ("ORG", "GPE", "NORP"):
                sort = "org" if ref.name and not ref.role else sort
            if role is None and ent.type == "PERSON":
                role = ent.role
            if ref.name is None and ent.type != "PERSON":
                # a role-only phrase that merely contains an organisation keeps the role as its name
                return Speaker(name=ref.role, entity=None, role=ref.role), sort
            return Speaker(name=ent.name, entity=ent.id, role=role), sort
        if ref.name:
            name = self._full_name(ref.name) or ref.name
            if ref.role is not None and ref.name not in self._full_names:
                self._full_names.append(name)
            elif len(name.split()) >= 2 and sort == "person" and name not in self._full_names:
                self._full_names.append(name)
            return Speaker(name=name, entity=None, role=role), sort
        person = self._person_for_role(ref.role or "")
        if person:
            return Speaker(name=person, entity=None, role=role), "person"
        return Speaker(name=ref.role, entity=None, role=ref.role), sort

    def _entity_at(self, s: int, e: int, prefer_person: bool = False) -> Entity | None:
        best, best_key = None, None
        for ent in self.entities:
            for m in getattr(ent, "mentions", None) or []:
                ms, me = getattr(m, "start", None), getattr(m, "end", None)
                if ms is None or me is None:
                    continue
                ov = min(e, me) - max(s, ms)
                if ov <= 0:
                    continue
                key = (1 if (prefer_person and ent.type == "PERSON") else 0, ov, ms)
                if best_key is None or key > best_key:
                    best, best_key = ent, key
        return best

    def _full_name(self, name: str) -> str | None:
        """The longest personal name printed in the article that ends with (or is) this name."""
        low = name.lower()
        best = None
        for full in self._article_names():
            fl = full.lower()
            if fl == low or fl.endswith(" " + low) or fl.endswith("-" + low.split("-")[-1]) and low.startswith(("al-", "el-")) and fl.endswith(low):
                if best is None or len(full) > len(best):
                    best = full
        return best

    def _article_names(self) -> list[str]:
        """Personal names printed after a role in the article (role -> name pairs) and parsed speakers."""
        pairs = self._role_name_pairs()
        return [n for _r, n in pairs] + self._full_names

    def _norm_role(self, role: str) -> tuple[str, ...]:
        words = []
        for w in re.findall(r"[\w.'’-]+", role.lower()):
            w = w.strip(".") if w not in self.r.abbreviations else w
            words.extend(self.r.abbreviations.get(w, self.r.abbreviations.get(w + ".", w)).split())
        return tuple(words)

    def _role_name_pairs(self) -> list[tuple[tuple[str, ...], str]]:
        """'Menteri Luar Negeri AS, Marco Rubio' anywhere in the article: role -> person."""
        if self._role_names is not None:
            return self._role_names
        self._role_names = []
        r = self.r
        heads = _alternation(" ".join(h) for h in r.role_heads)
        if not heads:
            return self._role_names
        for m in re.finditer(rf"(?<![\w-])(?:{heads})(?![\w-])", self.masked, re.IGNORECASE):
            s = m.start()
            stop = re.search(r"[.;:!?\n]|\s(?:yang|dan|who|and)\s", self.masked[m.end():m.end() + 160])
            e = m.end() + (stop.start() if stop else min(160, len(self.masked) - m.end()))
            segs = self._segments(s, e)
            s0, e0 = segs[0]
            e0 = self._cut_modifiers_forward(s0, e0)
            ref = self._parse_np(s0, e0, anchored_start=True)
            if ref is None or not ref.role:
                continue
            if not ref.name and len(segs) > 1:
                s1, e1 = segs[1]
                e1 = self._cut_modifiers_forward(s1, e1)
                other = self._parse_np(s1, e1, anchored_start=True)
                if other is None or not other.name or other.role or other.sort not in ("person", "any"):
                    continue
                if len(other.name.split()) < 2:
                    continue
                ref.name = other.name
            if ref.name and len(ref.name.split()) >= 2:
                self._role_names.append((self._norm_role(ref.role), ref.name))
        return self._role_names

    def _person_for_role(self, role: str) -> str | None:
        if not role:
            return None
        want = self._norm_role(role)
        if not want:
            return None
        exact = [n for rl, n in self._role_name_pairs() if rl == want]
        if exact:
            return exact[-1]
        wanted = set(want)
        cands = {n for rl, n in self._role_name_pairs() if wanted <= set(rl) and len(want) >= 2}
        if len(cands) == 1:
            return cands.pop()
        return None

    # ---------------------------------------------------------------- pass 4: quotes
    def _quotes(self, atts: list[_Att]) -> list[Quote]:
        out: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for att in atts:
            for s, e, direct in att.quotes:
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                text = self.text[s:e]
                if direct:
                    text = re.sub(r"\s*\n\s*[“\"«‘„]?", " ", text)
                text = re.sub(r"[ \t]+", " ", text).strip().rstrip(",")
                spk = att.speaker or Speaker()
                out.append(Quote(text=text, direct=direct, speaker=Speaker(spk.name, spk.entity, spk.role),
                                 cue=att.cue, channel=att.channel, start=s, end=e))
        out.sort(key=lambda q: q.start)
        return out
