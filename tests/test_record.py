"""The record is a contract: the shipped JSON Schema matches the dataclasses and every record validates."""
from __future__ import annotations

import json

import jsonschema
import pytest

from warta import analyze
from warta.record import SCHEMA, Analysis
from warta.schema import SCHEMA_FILE, build_schema

ARTICLE = (
    "Jakarta (ANTARA) - Menteri Luar Negeri Sugiono bertemu Menlu Jepang di Tokyo pada Senin (15/9).\n\n"
    "“Kami sepakat memperkuat kerja sama,” kata Sugiono.\n\n"
    "Pewarta: Fulan Bin Fulan\nEditor: Anu\nCopyright © ANTARA 2025"
)


def test_record_schema_file_matches_dataclasses():
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == build_schema(), "run `python -m warta.schema` after changing record.py"


@pytest.mark.parametrize("text", [ARTICLE, "WASHINGTON (Reuters) - The U.S. said on Monday it would talk.\n(Reporting by A B; Editing by C D)"])
def test_record_validates_against_schema(text):
    record = analyze(text).to_dict()
    jsonschema.validate(record, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert record["schema"] == SCHEMA


def test_record_round_trips_through_dict():
    rec = analyze(ARTICLE)
    again = Analysis.from_dict(json.loads(json.dumps(rec.to_dict())))
    assert again.to_dict() == rec.to_dict()


def test_record_offsets_point_into_body():
    rec = analyze(ARTICLE)
    body = rec.body
    spans = [(s.start, s.end, None) for s in rec.sentences]
    spans += [(t.start, t.end, t.text) for t in rec.times]
    spans += [(q.start, q.end, q.text) for q in rec.quantities]
    spans += [(m.start, m.end, m.text) for e in rec.entities for m in e.mentions]
    assert spans, "the article yields sentences at least"
    for start, end, text in spans:
        assert 0 <= start <= end <= len(body)
        if text is not None:
            assert body[start:end] == text
