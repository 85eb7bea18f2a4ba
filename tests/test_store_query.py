"""Queries over the store: every filter, paging, full-text search, and hostile filter values."""
from __future__ import annotations

from dataclasses import fields

import pytest
from store_support import hand_records

from warta.errors import StoreError
from warta.store import Filters, Store, entity_profile, network
from warta.store.query import decode_cursor, encode_cursor, fts_query, like_pattern, split_marks

PORT, COAST = "f1a2b3c4d5e6f701", "a9b8c7d6e5f40312"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("q") / "q.db")
    for rec in hand_records():
        s.put(rec)
    yield s
    s.close()


def ids(page, key="id"):
    return sorted({it[key] for it in page.items})


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, [COAST, PORT]),
        ({"text": "pelabuhan"}, [PORT]),
        ({"text": "Pelabuhan Patimban"}, [PORT]),
        ({"text": '"coast guard"'}, [COAST]),
        ({"text": "coa*"}, [COAST]),
        ({"text": "mempercepat"}, [PORT]),  # only in a quote and the body
        ({"text": "commitment"}, [COAST]),
        ({"text": "nothing-like-this"}, []),
        ({"outlet": "antara"}, [PORT]),
        ({"language": "en"}, [COAST]),
        ({"since": "2025-06-01"}, [COAST]),
        ({"until": "2025-05-31"}, [PORT]),
        ({"since": "2025-05-20", "until": "2025-05-20"}, [PORT]),
        ({"since": "2025-05", "until": "2025-05"}, [PORT]),
        ({"until": "2025"}, [COAST, PORT]),
        ({"entity": "Morita"}, [COAST, PORT]),
        ({"entity": "Natuna"}, [COAST]),
        ({"type": "LOC"}, [COAST, PORT]),
        ({"speaker": "Budi"}, [PORT]),
        ({"actor": "CHN"}, [COAST]),
        ({"source": "IDNFIS"}, [PORT]),
        ({"target": "JPN"}, [COAST, PORT]),
        ({"code": "14"}, [PORT]),
        ({"root": "6"}, [COAST]),
        ({"actor": "JPN", "text": "drill"}, [COAST]),
        ({"article": PORT}, [PORT]),
    ],
)
def test_article_filters(store, filters, expected):
    page = store.query("articles", Filters(**filters))
    assert ids(page) == sorted(expected)
    assert page.total == len(expected)


@pytest.mark.parametrize(
    "kind, filters, count",
    [
        ("events", {}, 5),
        ("events", {"actor": "JPN"}, 4),
        ("events", {"source": "JPN"}, 2),
        ("events", {"target": "IDNGOV"}, 2),
        ("events", {"root": "14"}, 1),
        ("events", {"code": "02"}, 1),
        ("events", {"text": "criticize"}, 1),
        ("events", {"entity": "China"}, 1),
        ("events", {"outlet": "Reuters"}, 2),
        ("quotes", {}, 3),
        ("quotes", {"speaker": "Morita"}, 2),
        ("quotes", {"text": "drill"}, 1),
        ("quotes", {"language": "id"}, 2),
        ("quotes", {"root": "11"}, 1),
        ("entities", {}, 10),
        ("entities", {"type": "PERSON"}, 2),
        ("entities", {"text": "Ja"}, 2),  # Japan, Jakarta (LIKE ignores ASCII case)
        ("entities", {"actor": "JPN"}, 3),
        ("entities", {"outlet": "Reuters"}, 5),
    ],
)
def test_other_kinds(store, kind, filters, count):
    page = store.query(kind, Filters(**filters))
    assert page.total == count
    assert len(page.items) == count


def test_entities_are_aggregated_across_articles(store):
    page = store.query("entities", Filters(entity="Kenji Morita"))
    assert page.items == [
        {"name": "Kenji Morita", "type": "PERSON", "country": "JPN", "code": "JPNGOV", "articles": 2, "mentions": 3,
         "first_seen": "2025-05-20", "last_seen": "2025-06-02"}
    ]


def test_search_snippets_mark_the_hits(store):
    page = store.query("articles", Filters(text="pinjaman"))
    item = page.items[0]
    assert "pinjaman" in item["snippet"] and "\ue000" not in item["snippet"]
    assert ("pinjaman", True) in split_marks(item["snippet_marked"])


def test_paging_walks_every_item_once(store):
    seen, cursor = [], None
    while True:
        page = store.query("events", Filters(), limit=2, cursor=cursor)
        seen += [(it["article_id"], it["event_no"]) for it in page.items]
        cursor = page.next
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize("cursor", ["x", "!!!", encode_cursor(3)[:-1] + "$", "bzotMQ", "b246OTk5OTk5OTk5OQ"])
def test_bad_cursor_is_a_store_error(cursor):
    with pytest.raises(StoreError, match="cursor"):
        decode_cursor(cursor)


def test_cursor_round_trip():
    assert decode_cursor(encode_cursor(40)) == 40
    assert decode_cursor(None) == 0


@pytest.mark.parametrize(
    "typed, query",
    [
        ("serangan udara", '"serangan" AND "udara"'),
        ('"serangan udara" Doha', '"serangan udara" AND "Doha"'),
        ("peng*", '"peng"*'),
        ('a"b', '"a""b"'),
        ("NEAR(a b) OR c", '"NEAR(a" AND "b)" AND "OR" AND "c"'),
        ("-- ' %", None),
        ("", None),
        ("\x00\x01", None),
    ],
)
def test_fts_query_is_always_quoted(typed, query):
    assert fts_query(typed) == query


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
    assert like_pattern("QAT", prefix_only=True) == "QAT%"


# Values that match nothing in the store unless they are misread as SQL, LIKE or FTS syntax.
HOSTILE = ["'", '"', "%", "_", "*", "--", "\\", "'; DROP TABLE articles; --", "\" OR 1=1 --", "a' OR 'a'='a", "zq%' --",
           "NEAR(zq", "zq) OR (a", "zq OR 1", "zq AND NOT a", "zq\x00", "\x00zq\x00' --", "é\u202ezq", "😀" * 50,
           "1; SELECT * FROM sqlite_master"]


# Filters each kind applies (the others are ignored for that kind).
APPLIES = {
    "articles": {f.name for f in fields(Filters)},
    "events": {f.name for f in fields(Filters)} - {"type"},
    "quotes": {f.name for f in fields(Filters)} - {"type"},
    "entities": {"text", "entity", "type", "actor", "since", "until", "outlet", "language", "article"},
}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("kind", ["articles", "events", "quotes", "entities"])
def test_hostile_filter_values_are_plain_values(store, kind, value):
    for name in sorted(APPLIES[kind]):
        if name in ("since", "until"):
            with pytest.raises(StoreError, match="must be a date"):
                store.query(kind, Filters(**{name: value}))
            continue
        page = store.query(kind, Filters(**{name: value}))
        # Nothing in the store holds these values, and a wildcard typed by a person matches only itself.
        assert page.total == 0, (kind, name, value)
    assert store.count("articles") == 2
    assert store.integrity() == "ok"


def test_entity_profile_collects_quotes_events_and_timeline(store):
    prof = entity_profile(store.conn, "Kenji Morita", "PERSON")
    assert prof["country"] == "JPN" and prof["code"] == "JPNGOV"
    assert {a["article_id"] for a in prof["articles"]} == {PORT, COAST}
    assert len(prof["quotes"]) == 2
    assert {e["code"] for e in prof["events"]} == {"051", "0234"}
    assert [p["date"] for p in prof["timeline"]] == ["2025-05-20", "2025-06-02"]
    assert prof["timeline"][0] == {"date": "2025-05-20", "articles": 1, "quotes": 1, "events": 2}
    assert entity_profile(store.conn, "Nobody") is None


def test_network_counts_edges_by_quad_class(store):
    net = network(store.conn, Filters())
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("CHNGOV", "JPN")]["quad_class"] == 3
    assert edges[("JPN", "IDN")]["quad_class"] == 2
    assert {n["id"] for n in net["nodes"]} >= {"CHNGOV", "JPN", "IDN", "IDNGOV", "JPNGOV", "IDNFIS"}
    only = network(store.conn, Filters(root="14"))
    assert [(e["source"], e["target"]) for e in only["edges"]] == [("IDNFIS", "IDNGOV")]


def test_unknown_kind_is_an_error(store):
    with pytest.raises(StoreError):
        store.query("sqlite_master", Filters())
