"""The web page: every page renders, has a JSON twin, shows what the record holds, and escapes article text."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from store_support import hand_records, hostile_record

from warta.api import create_app
from warta.store import Store
from warta.web.highlight import body_pieces, safe_url

PORT, COAST, HOSTILE = "f1a2b3c4d5e6f701", "a9b8c7d6e5f40312", "b0b0b0b0b0b0b0b0"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as s:
        for rec in [*hand_records(), hostile_record()]:
            s.put(rec)
    return TestClient(create_app(path))


PAGES = [
    ("/", "/search.json"),
    ("/search?q=pelabuhan", "/search.json?q=pelabuhan"),
    (f"/articles/{PORT}", f"/articles/{PORT}.json"),
    ("/entity?name=Kenji+Morita&type=PERSON", "/entity.json?name=Kenji+Morita&type=PERSON"),
    ("/network", "/network.json"),
    ("/events?actor=JPN", "/events.json?actor=JPN"),
    ("/quotes", "/quotes.json"),
    ("/entities?type=PERSON", "/entities.json?type=PERSON"),
]


@pytest.mark.parametrize("page, twin", PAGES)
def test_every_page_has_a_json_twin(client, page, twin):
    r = client.get(page, headers=HTML)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert f'rel="alternate" type="application/json" href="{twin.replace("&", "&amp;")}"' in r.text
    j = client.get(twin)
    assert j.status_code == 200 and j.headers["content-type"].startswith("application/json")
    assert j.json()


def test_search_page_lists_and_highlights_hits(client):
    html = client.get("/search?q=pinjaman", headers=HTML).text
    assert "Indonesia dan Jepang sepakat perluas kerja sama pelabuhan" in html
    assert "<mark>pinjaman</mark>" in html
    assert "1 found" in html


def test_article_page_highlights_entities_quotes_and_events(client):
    html = client.get(f"/articles/{PORT}", headers=HTML).text
    assert re.search(r'<a class="ent t-PERSON" data-type="PERSON" href="/entity\?name=Budi\+Santoso&amp;type=PERSON"[^>]*>Budi Santoso</a>', html)
    assert 'class="ent t-LOC"' in html and 'class="ent t-GPE"' in html
    assert '<span class="speaker-chip"' in html and ">Budi Santoso</span>" in html
    assert html.count('class="pc q"') >= 2
    for code, label in (("051", "Praise or endorse"), ("0234", "Appeal for economic aid"), ("141", "Demonstrate or rally")):
        assert f'<span class="code">{code}</span>' in html and label in html
    assert 'href="#s3"' in html and 'id="s3"' in html  # the event links to its sentence
    assert "Rights reserved." in html  # the record's rights reserve it from AI use
    assert '<script src="/static/article.js" defer></script>' in html


def test_article_body_text_is_complete_in_the_page(client):
    rec = hand_records()[0]
    pieces = body_pieces(rec.to_dict())
    assert "\n\n".join("".join(p.text for p in para.pieces) for para in pieces) == rec.body


def test_entity_page(client):
    html = client.get("/entity?name=Kenji+Morita", headers=HTML).text
    assert "<h1>Kenji Morita</h1>" in html
    assert "This drill shows our commitment to a free and open sea" in html
    assert 'id="timeline"' in html and 'data-src="/entity.json?name=Kenji+Morita"' in html


def test_network_twin_has_nodes_and_edges(client):
    net = client.get("/network.json").json()
    assert {"nodes", "edges"} == set(net)
    assert {e["quad_class"] for e in net["edges"]} == {1, 2, 3}


def test_missing_article_is_a_404_page_for_browsers(client):
    r = client.get("/articles/nope", headers=HTML)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "no article with id" in r.text
    assert client.get("/articles/nope").json()["error"] == "not_found"


# -- hostile text --------------------------------------------------------------------------
def test_article_text_is_escaped_everywhere(client):
    for path in (f"/articles/{HOSTILE}", "/search?q=statement", "/quotes", "/entities", "/entity?name=%3Cscript%3Ealert(5)%3C%2Fscript%3E"):
        html = client.get(path, headers=HTML).text
        assert "<script>window" not in html and "<script>alert" not in html, path
        assert "<img src=x" not in html and '<a href="javascript' not in html, path
        assert 'onmouseover="alert' not in html and "<b>Outlet</b>" not in html, path
        assert all(s in ('<script src="/static/article.js" defer>', '<script src="/static/charts.js" defer>')
                   for s in re.findall(r"<script[^>]*>", html)), path
    html = client.get(f"/articles/{HOSTILE}", headers=HTML).text
    assert "&lt;script&gt;window.__pwned = 4" in html  # the headline
    assert ">&lt;script&gt;</a></span>" in html  # the body's first words, a mention
    assert ">window.__pwned = 1; document.title = &#39;pwned&#39;&lt;/script&gt; opened" in html
    assert "&lt;img src=x onerror=" in html
    assert "&amp;amp; &amp;lt;b&amp;gt;bold" in html  # entities in the text stay visible as written
    assert "{{ 7*7 }}" in html  # no template evaluation of article text
    assert 'href="javascript:' not in html  # the record's url is not a safe link


@pytest.mark.parametrize(
    "url, safe",
    [("https://www.antaranews.com/berita/1", True), ("http://example.org/a?b=c", True), ("javascript:alert(1)", False),
     ("JAVASCRIPT:alert(1)", False), ("data:text/html,<script>", False), (" https://x.org/\x00", False),
     ("https://x.org/\"onmouseover=alert(1)", False), ("//evil.org", False), (None, False), (42, False)],
)
def test_safe_url(url, safe):
    assert (safe_url(url) is not None) is safe


@pytest.mark.parametrize(
    "spans",
    [
        {"entities": [{"id": "e1", "name": "x", "type": "PERSON", "mentions": [{"start": -1, "end": 3, "text": "x"}]}]},
        {"entities": [{"id": "e1", "name": "x", "type": "BOGUS", "mentions": [{"start": 0, "end": 99999, "text": "x"}]}]},
        {"quotes": [{"text": "x", "start": 5, "end": 2}], "sentences": [{"start": "a", "end": None}]},
        {"entities": [{"id": "e1", "name": "x", "type": "ORG", "mentions": [{"start": 0, "end": 6}, {"start": 3, "end": 9}]}]},
        {"entities": None, "quotes": None, "sentences": None},
    ],
)
def test_odd_spans_never_break_the_body(spans):
    body = "Satu dua tiga.\n\nEmpat lima."
    pieces = body_pieces({"body": body, **spans})
    assert "\n\n".join("".join(p.text for p in para.pieces) for para in pieces) == body
