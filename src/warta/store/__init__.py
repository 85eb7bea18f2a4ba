"""The SQLite store of analyses: schema and migrations, idempotent writes, ingest, and queries.

>>> from warta.store import Store, Filters
>>> with Store("warta.db") as db:
...     page = db.query("articles", Filters(text="serangan udara"))
"""
from __future__ import annotations

from .db import DEFAULT_DB, RESERVED_POLICIES, TABLES, Pending, Store, apply_rights_policy, input_key
from .ingest import IngestReport, ingest
from .query import KINDS, Filters, Page, entity_profile, network, run_query
from .schema import LATEST as SCHEMA_VERSION

__all__ = [
    "DEFAULT_DB", "RESERVED_POLICIES", "TABLES", "KINDS", "SCHEMA_VERSION",
    "Store", "Pending", "Filters", "Page", "IngestReport",
    "apply_rights_policy", "input_key", "ingest", "run_query", "entity_profile", "network",
]
