"""Schemathesis against the app's own OpenAPI document: no generated request makes a server error,
and every JSON answer matches the schema it declares. Bounded (a few examples per operation) to stay fast."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance  # noqa: E402
from store_support import hand_records, hostile_record  # noqa: E402

from warta import analyze  # noqa: E402
from warta.api import create_app  # noqa: E402
from warta.store import Store  # noqa: E402

_DB = Path(tempfile.mkdtemp(prefix="warta-schemathesis-")) / "api.db"
with Store(_DB) as _s:
    for _rec in [*hand_records(), hostile_record()]:
        _s.put(_rec)

analyze("Jakarta - Presiden bertemu menteri di Jakarta.", lang="id")  # load the pipeline once, before any timed request
analyze("Jakarta - The president met ministers in Jakarta.", lang="en")
APP = create_app(_DB, max_request_bytes=256 * 1024, max_batch=2)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error_and_answers_match_the_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
