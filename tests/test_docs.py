"""The docs keep up with the code: every record field is documented."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from warta import record

DOC = (Path(__file__).resolve().parents[1] / "docs" / "record.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "cls",
    [record.Analysis, record.Dateline, record.Credits, record.Related, record.Rights, record.Entity, record.Quote,
     record.Speaker, record.Timex, record.Event, record.Actor, record.Location, record.Quantity, record.Mention],
)
def test_docs_record_documents_every_field(cls):
    missing = [f.name for f in fields(cls) if f"`{f.name}`" not in DOC]
    assert not missing, f"docs/record.md does not mention {cls.__name__}.{missing}"
