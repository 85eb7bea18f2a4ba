"""The web page in a real browser: Playwright drives Debian's headless chromium against ``warta serve``'s app.

Ingest the fixtures, search, open an article, see the highlights, follow an entity, look at the
network; an article made of HTML and script runs none of it. Screenshots go to test-artifacts/browser/.
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from store_support import CHROMIUM, CHROMIUM_ARGS, copy_fixtures, hand_records, hostile_record

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

import uvicorn  # noqa: E402

from warta.api import create_app  # noqa: E402
from warta.store import Store, ingest  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
PORT_ARTICLE, HOSTILE = "f1a2b3c4d5e6f701", "b0b0b0b0b0b0b0b0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "web.db"
    with Store(db) as store:
        report = ingest([str(copy_fixtures(tmp / "articles"))], store)
        assert not report.failed and report.stored == 6
        for rec in [*hand_records(), hostile_record()]:
            store.put(rec)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (pg.errors.append("dialog: " + d.message), d.dismiss()))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_open_article_see_highlights_follow_entity(server, page):
    page.goto(server + "/")
    assert page.locator(".article-item").count() == 9
    shot(page, "01-home")
    page.fill("input[name=q]", "pelabuhan")
    page.click("button[type=submit]")
    page.wait_for_url("**/search?*")
    assert page.locator(".article-item").count() == 1
    assert page.locator(".snippet mark").first.inner_text().lower() == "pelabuhan"
    shot(page, "02-search")

    page.click(".article-item .headline")
    page.wait_for_url(f"**/articles/{PORT_ARTICLE}")
    assert page.locator("h1").inner_text() == "Indonesia dan Jepang sepakat perluas kerja sama pelabuhan"
    assert page.locator(".body .ent.t-PERSON").count() >= 3
    assert page.locator(".body .ent.t-GPE").count() >= 2
    assert page.locator(".body .speaker-chip").count() == 2
    assert page.locator(".rights-notice").is_visible()
    colour = page.locator(".body .ent.t-PERSON").first.evaluate("e => getComputedStyle(e).borderBottomColor")
    assert colour == "rgb(37, 99, 235)"

    page.click('.events a.sent-link[data-s="3"]')  # the event links to its sentence, which lights up
    page.locator(".pc.lit").first.wait_for()  # not wait_for_function: the page's CSP forbids eval
    assert "nelayan" in " ".join(page.locator(".pc.lit").all_inner_texts())
    page.uncheck('.legend input[data-type="PERSON"]')
    assert "hide-PERSON" in page.evaluate("document.body.className")
    page.check('.legend input[data-type="PERSON"]')
    shot(page, "03-article")

    page.click('.body a.ent.t-PERSON:has-text("Kenji Morita")')
    page.wait_for_url("**/entity?*")
    assert page.locator("h1").inner_text() == "Kenji Morita"
    page.wait_for_selector('#timeline[data-state="drawn"] svg rect')
    assert page.locator("#timeline svg rect").count() >= 3
    assert page.locator(".quote").count() == 2
    shot(page, "04-entity")
    assert page.errors == []


def test_pipeline_articles_show_what_the_stages_found(server, page):
    page.goto(server + "/search?q=pompa")
    page.click(".article-item .headline")
    page.wait_for_selector(".body")
    assert "40 pompa air" in page.locator(".body").inner_text()
    assert page.locator(".rights-notice").is_visible()  # the ANTARA fixture reserves AI use
    shot(page, "05-ingested-article")
    assert page.errors == []


def test_network_is_drawn(server, page):
    page.goto(server + "/network")
    page.wait_for_selector('#network[data-state="drawn"] svg')
    assert page.locator("#network svg .node").count() >= 6
    assert page.locator("#network svg path.edge.q3").count() >= 2
    shot(page, "06-network")
    assert page.errors == []


def test_hostile_article_runs_no_script(server, page):
    page.goto(server + f"/articles/{HOSTILE}")
    page.wait_for_selector(".body")
    page.hover(".body a.ent.t-ORG")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    assert "<script>window.__pwned = 1" in page.locator(".body").inner_text()
    assert "<img src=x onerror=" in page.locator(".body").inner_text()
    assert page.locator(".body img, .body script, article a[href^='javascript']").count() == 0
    assert page.locator("article script").count() == 0
    shot(page, "07-hostile")
    assert page.errors == []


def test_security_headers_reach_the_browser(server, page):
    response = page.goto(server + "/")
    headers = response.all_headers()
    assert "script-src 'self'" in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    # an inline script injected into the page is refused by the policy
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s); }")
    assert page.evaluate("window.__inline") is None
