"""JSON Schema of the record, generated from the dataclasses in ``record.py``.

``python -m warta.schema`` rewrites ``src/warta/record.schema.json``; a test checks that the shipped
file equals what this builds and validates every produced record against it.
"""
from __future__ import annotations

import json
import sys
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from pathlib import Path

from . import record

SCHEMA_FILE = Path(__file__).with_name("record.schema.json")


def _type_schema(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args]
        return {"anyOf": options}
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if tp is typing.Any:
        return {}
    if is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve: recursion guard
            defs[name] = _dataclass_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _dataclass_schema(cls, defs: dict) -> dict:
    hints = typing.get_type_hints(cls)
    props = {}
    required = []
    for f in fields(cls):
        props[f.name] = _type_schema(hints[f.name], defs)
        doc = _FIELD_DOCS.get((cls.__name__, f.name))
        if doc:
            props[f.name]["description"] = doc
        required.append(f.name)
    schema = {"type": "object", "properties": props, "required": required, "additionalProperties": True}
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        schema["description"] = cls.__doc__.strip().splitlines()[0]
    return schema


_FIELD_DOCS = {
    ("Analysis", "schema"): 'Always "warta/1".',
    ("Analysis", "language"): '"id", "en", or the code of an unsupported language ("und" when unknown).',
    ("Analysis", "published"): "ISO date the article was published, or null; published_basis names the rule that found it.",
    ("Analysis", "body"): "The article text without dateline and trailers; paragraphs separated by a blank line. Offsets point into it.",
    ("Entity", "type"): "PERSON, ORG, GPE, LOC, NORP, EVENT or MISC.",
    ("Entity", "country"): "ISO 3166-1 alpha-3 code.",
    ("Entity", "code"): "CAMEO actor code: a country code plus role codes (USAGOV).",
    ("Timex", "value"): "TIMEX3 value resolved against the publication date, or null.",
    ("Timex", "type"): "DATE, TIME, DURATION or SET.",
    ("Event", "code"): "CAMEO event code.",
    ("Event", "modality"): "asserted, negated, intended, hypothetical or demanded.",
}


def build_schema() -> dict:
    defs: dict = {}
    top = _dataclass_schema(record.Analysis, defs)
    top["properties"]["schema"] = {"const": record.SCHEMA, "description": _FIELD_DOCS[("Analysis", "schema")]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://warta.invalid/schema/warta-1.json",
        "title": "warta/1 article analysis",
        **top,
        "$defs": defs,
    }


def main() -> int:
    SCHEMA_FILE.write_text(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
