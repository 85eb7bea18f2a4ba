"""The HTTP API: list shapes, records, analysis on demand, errors as JSON, size limits, the token."""
from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from store_support import hand_records

from warta.api import create_app, is_loopback
from warta.store import Store

PORT = "f1a2b3c4d5e6f701"
ARTICLE = ("Jakarta (ANTARA) - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Malaysia di Jakarta pada Senin (3/3).\n"
           "“Kami sepakat memperkuat kerja sama perbatasan,” kata Menteri Luar Negeri Indonesia.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.db"
    with Store(path) as s:
        for rec in hand_records():
            s.put(rec)
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, max_request_bytes=64 * 1024, max_batch=3))


@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/quotes", "/api/entities", "/api/search?q=pelabuhan",
                                  "/search.json", "/events.json", "/quotes.json", "/entities.json"])
def test_list_answers_have_items_total_next(client, path):
    r = client.get(path)
    assert r.status_code == 200
    data = r.json()
    assert set(data) == {"items", "total", "next"}
    assert isinstance(data["items"], list) and data["total"] >= len(data["items"]) > 0
    assert data["next"] is None or isinstance(data["next"], str)


def test_paging_through_the_api(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next"]
    second = client.get("/api/events", params={"limit": 2, "cursor": first["next"]}).json()
    assert {(i["article_id"], i["event_no"]) for i in first["items"]}.isdisjoint((i["article_id"], i["event_no"]) for i in second["items"])


@pytest.mark.parametrize(
    "params, total",
    [({"q": "pelabuhan"}, 1), ({"actor": "CHN"}, 1), ({"lang": "en"}, 1), ({"since": "2025-06-01"}, 1), ({"entity": "Morita"}, 2),
     ({"outlet": "ANTARA"}, 1), ({"speaker": "Budi"}, 1), ({"code": "062"}, 1)],
)
def test_article_filters_through_the_api(client, params, total):
    assert client.get("/api/articles", params=params).json()["total"] == total


def test_record_and_its_twin_are_the_stored_record(client):
    want = hand_records()[0].to_dict()
    assert client.get(f"/api/articles/{PORT}").json() == want
    assert client.get(f"/articles/{PORT}.json").json() == want


def test_health(client):
    data = client.get("/health").json()
    assert data["status"] == "ok" and data["articles"] == 2 and data["schema_version"] >= 1


@pytest.mark.parametrize(
    "method, path, kwargs, status, code",
    [
        ("get", "/api/articles/nope", {}, 404, "not_found"),
        ("get", "/articles/nope.json", {}, 404, "not_found"),
        ("get", "/no/such/page", {}, 404, "not_found"),
        ("get", "/api/articles", {"params": {"limit": 0}}, 422, "invalid_request"),
        ("get", "/api/articles", {"params": {"limit": "many"}}, 422, "invalid_request"),
        ("get", "/api/articles", {"params": {"cursor": "garbage!"}}, 400, "bad_request"),
        ("get", "/api/articles", {"params": {"since": "yesterday"}}, 400, "bad_request"),
        ("get", "/api/search", {}, 422, "invalid_request"),
        ("get", "/entity.json", {"params": {"name": "Nobody"}}, 404, "not_found"),
        ("post", "/api/analyze", {"json": {"text": ""}}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": {"text": "   \n  "}}, 422, "error"),
        ("post", "/api/analyze", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": {"text": "x", "lang": "fr"}}, 422, "invalid_request"),
        ("delete", "/api/articles", {}, 405, "method_not_allowed"),
    ],
)
def test_errors_are_json_with_a_message(client, method, path, kwargs, status, code):
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code == status
    data = r.json()
    assert data["error"] == code
    assert isinstance(data["message"], str) and data["message"]


def test_analyze_text(client):
    r = client.post("/api/analyze", json={"text": ARTICLE, "published": "2025-03-04"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "warta/1" and rec["id"] and "Malaysia" in rec["body"]
    assert rec["published"] == "2025-03-04"


def test_analyze_uploaded_file(client):
    r = client.post("/api/analyze", files={"file": ("a.txt", io.BytesIO(ARTICLE.encode("cp1252", "replace")), "text/plain")}, data={"lang": "id"})
    assert r.status_code == 200, r.text
    assert r.json()["language"] == "id"


def test_analyze_and_store(db):
    with TestClient(create_app(db)) as c:
        rec = c.post("/api/analyze?store=true", json={"text": ARTICLE}).json()
        assert c.get(f"/api/articles/{rec['id']}").status_code == 200


def test_batch_gives_an_item_per_article(client):
    r = client.post("/api/analyze/batch", json={"articles": [{"text": ARTICLE}, {"text": " "}]})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert items[0]["schema"] == "warta/1"
    assert items[1]["error"] == "input" and items[1]["message"]


def test_batch_over_the_limit_is_413(client):
    r = client.post("/api/analyze/batch", json={"articles": [{"text": ARTICLE}] * 4})
    assert r.status_code == 413
    assert "at most 3" in r.json()["message"]


def test_body_over_the_limit_is_413_with_content_length(client):
    r = client.post("/api/analyze", json={"text": "kata " * 20000})
    assert r.status_code == 413
    assert r.json() == {"error": "too_large", "message": "the request body is over the 0.0625 MB limit"}


def test_body_over_the_limit_is_413_when_streamed(client):
    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_upload_over_the_limit_is_413(client):
    r = client.post("/api/analyze", files={"file": ("big.txt", io.BytesIO(b"kata " * 30000), "text/plain")})
    assert r.status_code == 413


def test_token_is_required_for_post_when_set(db):
    c = TestClient(create_app(db, token="s3cret"))
    assert c.post("/api/analyze", json={"text": ARTICLE}).status_code == 401
    assert c.post("/api/analyze", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = c.post("/api/analyze/batch", json={"articles": []})
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert c.post("/api/analyze", json={"text": ARTICLE}, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.post("/api/analyze", json={"text": ARTICLE}, headers={"X-Warta-Token": "s3cret"}).status_code == 200
    assert c.get("/api/articles").status_code == 200  # reading needs no token


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("localhost", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False), ("::", False), ("example.org", False)])
def test_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/analyze", "/api/analyze/batch", "/api/articles", "/api/articles/{article_id}", "/api/events", "/api/quotes",
                 "/api/entities", "/api/search", "/health"):
        assert path in spec["paths"], path
    assert "multipart/form-data" in spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_server_creates_a_missing_database(tmp_path):
    c = TestClient(create_app(tmp_path / "new.db"))
    assert c.get("/api/articles").json() == {"items": [], "total": 0, "next": None}


def test_docs_list_every_api_path(client):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    paths = [p for p in client.get("/openapi.json").json()["paths"] if p.startswith("/api/") or p == "/health"]
    assert not [p for p in paths if f"`{p}" not in doc]


@pytest.mark.parametrize("value", ["'", '"', "%", "_", "--", "zq\x00", "'; DROP TABLE articles; --", "NEAR(zq", "zq) OR (a", "\\"])
@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/quotes", "/api/entities"])
def test_hostile_query_values_are_searched_as_written(client, path, value):
    ignored = {"source", "target", "code", "speaker"} if path == "/api/entities" else set()
    for name in ("q", "actor", "source", "target", "code", "speaker", "entity", "outlet", "lang"):
        r = client.get(path, params={name: value})
        assert r.status_code in (200, 422), (name, r.text)  # 422: longer than the parameter allows
        if r.status_code == 200 and name not in ignored:
            assert r.json()["total"] == 0, (name, value)
    assert client.get(path, params={"since": value}).status_code in (400, 422)
    assert client.get("/health").json()["articles"] >= 2
