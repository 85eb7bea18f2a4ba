"""The record warta produces for one article: typed dataclasses and their JSON form.

Schema ``warta/1``. Keys may be added within ``warta/1``; none may be renamed or removed.
Every offset (``start``, ``end``) is a character offset into ``Analysis.body``.
docs/record.md documents each field; ``src/warta/record.schema.json`` is the JSON Schema
that the tests validate every produced record against.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA = "warta/1"

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
MODALITIES = ("asserted", "negated", "intended", "hypothetical", "demanded")


@dataclass
class Dateline:
    place: str | None = None
    agency: str | None = None
    text: str | None = None
    date: str | None = None  # a date printed in the dateline (Reuters "Sept 16"), ISO when resolvable


@dataclass
class Credits:
    reporters: list[str] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)  # closing desk initials such as "(esa/pra)"


@dataclass
class Related:
    label: str
    title: str | None = None
    url: str | None = None


@dataclass
class Rights:
    copyright_holder: str | None = None
    copyright_year: int | None = None
    ai_use_reserved: bool = False
    notice: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    country: str | None = None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO actor code ("USAGOV", "QAT", "PSEREB")
    role: str | None = None  # office or role as printed ("Menteri Luar Negeri AS")
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Speaker:
    name: str | None = None
    entity: str | None = None
    role: str | None = None


@dataclass
class Quote:
    text: str
    direct: bool
    speaker: Speaker = field(default_factory=Speaker)
    cue: str | None = None
    channel: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class Timex:
    text: str
    value: str | None
    type: str
    start: int
    end: int
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...


@dataclass
class Actor:
    name: str | None = None
    code: str | None = None
    entity: str | None = None
    country: str | None = None


@dataclass
class Location:
    name: str | None = None
    country: str | None = None
    entity: str | None = None


@dataclass
class Event:
    code: str
    root: str
    label: str
    source: Actor | None = None
    target: Actor | None = None
    location: Location | None = None
    date: str | None = None
    modality: str = "asserted"
    trigger: str | None = None
    sentence: int | None = None
    quote: bool = False
    quoted_by: str | None = None  # entity id of the speaker when the event sits inside a quote
    quad_class: int | None = None
    goldstein: float | None = None
    fatalities: int | None = None
    injured: int | None = None
    start: int | None = None
    end: int | None = None
    mentions: int = 1  # reports of this event merged into this record (GDELT NumMentions)


@dataclass
class Quantity:
    text: str
    value: float | int | None
    start: int
    end: int
    approx: str | None = None  # "under", "over", "about", "range"
    counts: str | None = None  # what is counted ("warga Palestina")
    unit: str | None = None  # currency or measure ("IDR", "persen", "km")


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Analysis:
    schema: str = SCHEMA
    id: str | None = None
    source: dict[str, Any] | None = None  # where the input came from: {"path": ..., "record": N}
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    headline: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    published: str | None = None
    published_basis: str | None = None
    credits: Credits = field(default_factory=Credits)
    sources: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    rights: Rights = field(default_factory=Rights)
    body: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Analysis":
        return _build(cls, data)


_NESTED: dict[tuple[type, str], type] = {
    (Analysis, "dateline"): Dateline,
    (Analysis, "credits"): Credits,
    (Analysis, "rights"): Rights,
    (Analysis, "related"): Related,
    (Analysis, "sentences"): Sentence,
    (Analysis, "entities"): Entity,
    (Analysis, "quotes"): Quote,
    (Analysis, "times"): Timex,
    (Analysis, "events"): Event,
    (Analysis, "quantities"): Quantity,
    (Entity, "mentions"): Mention,
    (Quote, "speaker"): Speaker,
    (Event, "source"): Actor,
    (Event, "target"): Actor,
    (Event, "location"): Location,
}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(obj: Any) -> Any:
    """``dataclasses.asdict`` for records: the same dicts and lists, without its deep copy of every leaf
    (the leaves are str, int, float, bool or None). A store ingest converts every record twice; asdict made
    that the ingest parent's largest cost."""
    names = _FIELD_NAMES.get(type(obj))
    if names is not None or hasattr(type(obj), "__dataclass_fields__"):
        return {name: _plain(getattr(obj, name)) for name in names or _field_names(type(obj))}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return {_plain(k): _plain(v) for k, v in obj.items()}
    return obj


def _build(cls: type, data: Any) -> Any:
    """Rebuild a dataclass tree from its ``to_dict()`` form; unknown keys are ignored."""
    if data is None:
        return None
    kwargs = {}
    for name in _field_names(cls):
        if name not in data:
            continue
        value = data[name]
        sub = _NESTED.get((cls, name))
        if sub is not None:
            value = [_build(sub, v) for v in value] if isinstance(value, list) else _build(sub, value)
        kwargs[name] = value
    return cls(**kwargs)
