"""The HTTP API and the web page, one FastAPI app over a warta store.

``create_app(db)`` gives the app; ``warta serve`` runs it with uvicorn. JSON answers: list answers
are ``{"items": [...], "total": N, "next": cursor-or-null}``; errors are ``{"error": code,
"message": text}``. Every HTML page has a JSON twin (``/articles/{id}`` and ``/articles/{id}.json``).

Hardening: request bodies are limited (413 with a message), POST endpoints require the token when one
is set, every SQL value is a bound parameter (see ``warta.store.query``), templates escape every
piece of article text, and every answer carries security headers with a Content-Security-Policy
that allows no inline script.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
import threading
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .errors import InputError, StoreError, WartaError
from .record import Analysis
from .store import Filters, Store, apply_rights_policy, entity_profile, network, run_query
from .store.query import MAX_LIMIT, QUAD_BY_ROOT, facets, split_marks
from .web.highlight import ENTITY_TYPES, body_pieces, safe_url

WEB = Path(__file__).resolve().parent / "web"
MAX_REQUEST_BYTES = 6 * 1024 * 1024  # one article may be 5 MB (warta.read); multipart framing needs a little more
MAX_BATCH = 20
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# -- models (they shape the OpenAPI document) ------------------------------------------------
class ErrorAnswer(BaseModel):
    error: str = Field(description="short stable code: not_found, invalid_request, too_large, unauthorized, ...")
    message: str


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="the article: plain text or HTML")
    lang: Literal["auto", "id", "en"] = "auto"
    published: date | None = Field(default=None, description="publication date to anchor times on")
    url: str | None = None
    headline: str | None = None
    outlet: str | None = None


class BatchRequest(BaseModel):
    articles: list[AnalyzeRequest] = Field(description=f"at most {MAX_BATCH} articles; more answer 413")


class ArticleItem(BaseModel):
    id: str
    headline: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    url: str | None = None
    dateline_place: str | None = None
    entities: int = 0
    quotes: int = 0
    events: int = 0
    ai_use_reserved: int = 0
    body_withheld: int = 0
    lead: str | None = None
    snippet: str | None = None


class EventItem(BaseModel):
    article_id: str
    event_no: int
    code: str
    root: str
    label: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source_name: str | None = None
    source_code: str | None = None
    source_entity: str | None = None
    source_country: str | None = None
    target_name: str | None = None
    target_code: str | None = None
    target_entity: str | None = None
    target_country: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    date: str | None = None
    modality: str | None = None
    trigger: str | None = None
    sentence: int | None = None
    in_quote: int = 0
    quoted_by: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    headline: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None


class QuoteItem(BaseModel):
    article_id: str
    quote_no: int
    text: str
    direct: int
    speaker_name: str | None = None
    speaker_entity: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    channel: str | None = None
    speaker_entity_name: str | None = None
    speaker_entity_type: str | None = None
    speaker_country: str | None = None
    headline: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None


class EntityItem(BaseModel):
    name: str
    type: str
    country: str | None = None
    code: str | None = None
    articles: int
    mentions: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None


class ArticlePage(BaseModel):
    items: list[ArticleItem]
    total: int
    next: str | None


class EventPage(BaseModel):
    items: list[EventItem]
    total: int
    next: str | None


class QuotePage(BaseModel):
    items: list[QuoteItem]
    total: int
    next: str | None


class EntityPage(BaseModel):
    items: list[EntityItem]
    total: int
    next: str | None


class ItemError(BaseModel):
    error: str
    message: str


class BatchAnswer(BaseModel):
    items: list[Analysis | ItemError]
    total: int
    next: str | None = None


class Health(BaseModel):
    status: str
    version: str
    schema_version: int
    articles: int


class TimelinePoint(BaseModel):
    date: str
    articles: int
    quotes: int
    events: int


class EntityProfile(BaseModel):
    name: str
    type: str
    country: str | None = None
    code: str | None = None
    roles: list[str]
    articles: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    timeline: list[TimelinePoint]


class NetworkNode(BaseModel):
    id: str
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    quad_class: int | None = None
    events: int
    codes: list[str]


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorAnswer, "description": "bad filter value or cursor"},
    422: {"model": ErrorAnswer, "description": "invalid request"},
}


# -- middleware ------------------------------------------------------------------------------
class LimitAndHeaders:
    """Refuses request bodies over ``max_bytes`` with 413 and adds the security headers to every answer.

    The body is read (at most ``max_bytes``) before the app sees it, so no handler ever holds more.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, docs_csp: str) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.docs_csp = docs_csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.docs_csp if scope.get("path") == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp.encode()))
                headers.extend((k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items())
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send_with_headers)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(scope, receive, send_with_headers)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send_with_headers)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        mb = self.max_bytes / (1024 * 1024)
        answer = JSONResponse({"error": "too_large", "message": f"the request body is over the {mb:g} MB limit"}, status_code=413,
                              headers={"Connection": "close"})
        await answer(scope, receive, send)


# -- the app ---------------------------------------------------------------------------------
def create_app(db: str | Path = "warta.db", *, token: str | None = None, max_request_bytes: int = MAX_REQUEST_BYTES,
               max_batch: int = MAX_BATCH, warm: bool = False) -> FastAPI:
    """The API and web page over the store at ``db`` (created empty when missing).

    ``warm`` loads the pipeline in a background thread at once, so that the first POST /api/analyze
    does not wait for spaCy and the language packs.
    """
    db = str(db)
    Store(db).close()  # creates the database or applies pending migrations before serving
    analyze_lock = threading.Lock()
    if warm:
        threading.Thread(target=_warm_pipeline, args=(analyze_lock,), daemon=True, name="warta-warm").start()

    app = FastAPI(
        title="warta",
        version=__version__,
        description="News articles in, structured knowledge out: the stored analyses of warta, and analysis on demand.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.token = token or None
    env = Environment(loader=FileSystemLoader(str(WEB / "templates")), autoescape=select_autoescape(default=True, default_for_string=True))
    templates = Jinja2Templates(env=env)
    env.globals.update(safe_url=safe_url, split_marks=split_marks, quad_names=QUAD_NAMES, entity_types=ENTITY_TYPES,
                       quad_of=lambda q, root: q or QUAD_BY_ROOT.get(root or ""), version=__version__)
    env.filters["qs"] = _query_string
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    docs_html = get_swagger_ui_html(openapi_url="/openapi.json", title="warta API").body.decode()
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in re.findall(r"<script>(.*?)</script>", docs_html, re.S)
    )
    docs_csp = (f"default-src 'none'; script-src https://cdn.jsdelivr.net {hashes}; style-src https://cdn.jsdelivr.net 'unsafe-inline'; "
                "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.jsdelivr.net; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
    app.add_middleware(LimitAndHeaders, max_bytes=max_request_bytes, docs_csp=docs_csp)

    # -- dependencies --------------------------------------------------------------------
    def reader():
        store = Store(db, readonly=True, migrate=False, timeout=10)
        try:
            yield store
        finally:
            store.close()

    def require_token(request: Request) -> None:
        expected = app.state.token
        if not expected:
            return
        given = request.headers.get("x-warta-token") or ""
        auth = request.headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8")):
            raise StarletteHTTPException(401, "this endpoint needs the server's token (Authorization: Bearer TOKEN)")

    def filters(
        q: str | None = Query(None, max_length=500, description="words to find"),
        actor: str | None = Query(None, max_length=64, description="CAMEO actor code prefix, as source or target"),
        source: str | None = Query(None, max_length=64),
        target: str | None = Query(None, max_length=64),
        code: str | None = Query(None, max_length=8, description="CAMEO event code prefix"),
        root: str | None = Query(None, max_length=2, description="CAMEO root"),
        speaker: str | None = Query(None, max_length=200),
        entity: str | None = Query(None, max_length=200),
        type: str | None = Query(None, max_length=16, description="entity type"),
        since: str | None = Query(None, max_length=10, description="published on or after (YYYY-MM-DD)"),
        until: str | None = Query(None, max_length=10, description="published on or before (YYYY-MM-DD)"),
        outlet: str | None = Query(None, max_length=100),
        lang: str | None = Query(None, max_length=8),
    ) -> Filters:
        return Filters.from_mapping(dict(text=q, actor=actor, source=source, target=target, code=code, root=root, speaker=speaker,
                                         entity=entity, type=type, since=since, until=until, outlet=outlet, language=lang))

    Limit = Query(20, ge=1, le=MAX_LIMIT)
    Cursor = Query(None, max_length=64, description="the 'next' value of the previous page")

    def page(store: Store, kind: str, f: Filters, limit: int, cursor: str | None) -> dict[str, Any]:
        result = run_query(store.conn, kind, f, limit=limit, cursor=cursor)
        return {"items": [{k: v for k, v in it.items() if k != "snippet_marked"} for it in result.items],
                "total": result.total, "next": result.next, "_raw": result}

    def wants_json(request: Request) -> bool:
        p = request.url.path
        return p.startswith("/api/") or p.endswith(".json") or p in ("/health", "/openapi.json") or "text/html" not in request.headers.get("accept", "")

    # -- errors --------------------------------------------------------------------------
    def error_answer(request: Request, status: int, code: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": code, "message": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "code": code, "message": message}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        codes = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        answer = error_answer(request, exc.status_code, codes.get(exc.status_code, "error"), message)
        if exc.status_code == 401:
            answer.headers["WWW-Authenticate"] = "Bearer"
        return answer

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            problems.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return error_answer(request, 422, "invalid_request", "; ".join(problems) or "invalid request")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_answer(request, 400, "bad_request", exc.message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": "internal", "message": f"internal error ({type(exc).__name__})"}, status_code=500)

    # -- API -----------------------------------------------------------------------------
    @app.get("/health", response_model=Health, tags=["api"], summary="Is the server up, and how much does the store hold")
    def health(store: Store = Depends(reader)) -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "schema_version": store.schema_version(), "articles": store.count()}

    def _analyze(req: AnalyzeRequest, where: str) -> Analysis:
        from .pipeline import analyze
        from .read import source_from_text

        src = source_from_text(req.text, kind="auto", origin={"path": where}, url=req.url, headline=req.headline, outlet=req.outlet,
                               published=req.published.isoformat() if req.published else None)
        with analyze_lock:
            return analyze(src, lang=req.lang, published=req.published.isoformat() if req.published else None)

    def _store(records: list[Analysis]) -> None:
        with Store(db) as store:
            for rec in records:
                kept = apply_rights_policy(rec, "keep")
                if kept is not None:
                    store.put(kept)

    analyze_body = {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary", "description": ".txt or .html article"},
                               "lang": {"type": "string", "enum": ["auto", "id", "en"], "default": "auto"},
                               "published": {"type": "string", "format": "date"}},
            }},
        },
    }

    @app.post("/api/analyze", response_model=Analysis, tags=["api"], dependencies=[Depends(require_token)],
              summary="Analyze one article given as JSON text or as an uploaded file",
              responses={**ERRORS, 401: {"model": ErrorAnswer}, 413: {"model": ErrorAnswer, "description": "body over the size limit"}},
              openapi_extra={"requestBody": analyze_body})
    async def analyze_endpoint(request: Request, store: bool = Query(False, description="also keep the analysis in the store")) -> Any:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            req = await _request_from_upload(request)
        else:
            raw = await request.body()
            try:
                req = AnalyzeRequest.model_validate_json(raw or b"null")
            except ValidationError as err:
                raise RequestValidationError(err.errors()) from None
        try:
            rec = await run_in_threadpool(_analyze, req, "<request>")
        except InputError as err:
            raise StarletteHTTPException(422, err.message) from None
        if store:
            await run_in_threadpool(_store, [rec])
        return rec

    async def _request_from_upload(request: Request) -> AnalyzeRequest:
        from .read import decode_bytes

        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise StarletteHTTPException(422, "multipart upload needs a 'file' part")
        data = await upload.read()
        try:
            text, _warnings = decode_bytes(data, upload.filename or "<upload>")
        except InputError as err:
            raise StarletteHTTPException(422, err.message) from None
        try:
            return AnalyzeRequest(text=text, lang=form.get("lang") or "auto", published=form.get("published") or None)
        except ValidationError as err:
            raise RequestValidationError(err.errors()) from None

    @app.post("/api/analyze/batch", response_model=BatchAnswer, tags=["api"], dependencies=[Depends(require_token)],
              summary=f"Analyze up to {MAX_BATCH} articles; a bad one gives an error item, not a failed batch",
              responses={**ERRORS, 401: {"model": ErrorAnswer}, 413: {"model": ErrorAnswer, "description": "too many articles or body too large"}})
    def analyze_batch(body: BatchRequest, store: bool = Query(False)) -> dict[str, Any]:
        if len(body.articles) > max_batch:
            raise StarletteHTTPException(413, f"a batch may hold at most {max_batch} articles; this one holds {len(body.articles)}")
        items: list[Any] = []
        good: list[Analysis] = []
        for i, req in enumerate(body.articles):
            try:
                rec = _analyze(req, f"<request> article {i}")
                items.append(rec)
                good.append(rec)
            except WartaError as err:
                items.append({"error": err.code, "message": err.message})
        if store and good:
            _store(good)
        return {"items": items, "total": len(items), "next": None}

    @app.get("/api/articles", response_model=ArticlePage, tags=["api"], responses=ERRORS, summary="Stored articles, filtered")
    def api_articles(f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor, store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, "articles", f, limit, cursor))

    @app.get("/api/search", response_model=ArticlePage, tags=["api"], responses=ERRORS, summary="Full-text search over headlines, bodies and quotes")
    def api_search(q: str = Query(..., min_length=1, max_length=500), limit: int = Limit, cursor: str | None = Cursor,
                   store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, "articles", Filters(text=q), limit, cursor))

    @app.get("/api/articles/{article_id}", response_model=Analysis, tags=["api"],
             responses={404: {"model": ErrorAnswer}}, summary="One stored record (schema warta/1)")
    def api_article(article_id: str, store: Store = Depends(reader)) -> Any:
        return _record(store, article_id)

    @app.get("/api/events", response_model=EventPage, tags=["api"], responses=ERRORS, summary="Stored events, filtered")
    def api_events(f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor, store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, "events", f, limit, cursor))

    @app.get("/api/quotes", response_model=QuotePage, tags=["api"], responses=ERRORS, summary="Stored quotes, filtered")
    def api_quotes(f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor, store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, "quotes", f, limit, cursor))

    @app.get("/api/entities", response_model=EntityPage, tags=["api"], responses=ERRORS, summary="Entities across articles, most written about first")
    def api_entities(f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor, store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, "entities", f, limit, cursor))

    def _record(store: Store, article_id: str) -> dict[str, Any]:
        rec = store.get(article_id)
        if rec is None:
            raise StarletteHTTPException(404, f"no article with id {article_id!r}")
        return rec

    # -- pages and their JSON twins ------------------------------------------------------
    def render(request: Request, name: str, twin: str, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, {"twin": twin, "path": request.url.path, **context})

    def twin_of(request: Request) -> str:
        path = request.url.path.rstrip("/") or "/search"
        if path == "/":
            path = "/search"
        return path + ".json" + (("?" + request.url.query) if request.url.query else "")

    @app.get("/", response_class=HTMLResponse, tags=["pages"], summary="Search page")
    @app.get("/search", response_class=HTMLResponse, tags=["pages"], summary="Search page")
    def search_page(request: Request, f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor,
                    store: Store = Depends(reader)) -> Response:
        result = page(store, "articles", f, limit, cursor)
        top = run_query(store.conn, "entities", Filters(), limit=12).items if not f.active() else []
        return render(request, "search.html", twin_of(request), f=f, result=result, items=result["_raw"].items, top=top,
                      facets=facets(store.conn), total_articles=store.count(), params=dict(request.query_params))

    @app.get("/search.json", response_model=ArticlePage, tags=["pages"], responses=ERRORS, summary="JSON twin of the search page")
    def search_twin(f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor, store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, "articles", f, limit, cursor))

    @app.get("/articles/{article_id}.json", response_model=Analysis, tags=["pages"], responses={404: {"model": ErrorAnswer}},
             summary="JSON twin of the article page: the record")
    def article_twin(article_id: str, store: Store = Depends(reader)) -> Any:
        return _record(store, article_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, tags=["pages"], summary="Article page")
    def article_page(request: Request, article_id: str, store: Store = Depends(reader)) -> Response:
        rec = _record(store, article_id)
        entities = {e.get("id"): e for e in rec.get("entities") or [] if isinstance(e, dict)}
        sentences = rec.get("sentences") or []
        return render(request, "article.html", f"/articles/{article_id}.json", rec=rec, paragraphs=body_pieces(rec),
                      entities=entities, n_sentences=len(sentences))

    @app.get("/entity.json", response_model=EntityProfile, tags=["pages"], responses={404: {"model": ErrorAnswer}, **ERRORS},
             summary="JSON twin of the entity page")
    def entity_twin(name: str = Query(..., min_length=1, max_length=200), type: str | None = Query(None, max_length=16),
                    store: Store = Depends(reader)) -> dict[str, Any]:
        return _profile(store, name, type)

    @app.get("/entity", response_class=HTMLResponse, tags=["pages"], summary="Entity page: quotes and events over time")
    def entity_page(request: Request, name: str = Query(..., min_length=1, max_length=200), type: str | None = Query(None, max_length=16),
                    store: Store = Depends(reader)) -> Response:
        prof = _profile(store, name, type)
        return render(request, "entity.html", twin_of(request), prof=prof)

    def _profile(store: Store, name: str, etype: str | None) -> dict[str, Any]:
        prof = entity_profile(store.conn, name, etype)
        if prof is None:
            raise StarletteHTTPException(404, f"no entity named {name!r}")
        return prof

    @app.get("/network.json", response_model=Network, tags=["pages"], responses=ERRORS, summary="JSON twin of the network page")
    def network_twin(f: Filters = Depends(filters), store: Store = Depends(reader)) -> dict[str, Any]:
        return network(store.conn, f)

    @app.get("/network", response_class=HTMLResponse, tags=["pages"], summary="Events between actors, coloured by QuadClass")
    def network_page(request: Request, f: Filters = Depends(filters), store: Store = Depends(reader)) -> Response:
        return render(request, "network.html", twin_of(request), f=f, net=network(store.conn, f), params=dict(request.query_params))

    for kind, model in (("events", EventPage), ("quotes", QuotePage), ("entities", EntityPage)):
        _list_routes(app, kind, model, filters, reader, page, render, twin_of, Limit, Cursor)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_html)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    return app


def _warm_pipeline(lock: threading.Lock) -> None:
    from .pipeline import analyze

    with lock:
        for lang, text in (("id", "Jakarta - Presiden bertemu menteri."), ("en", "Jakarta - The president met ministers.")):
            try:
                analyze(text, lang=lang)
            except Exception:  # noqa: BLE001 - warming is a courtesy; the request that needs it reports the problem
                pass


def _list_routes(app: FastAPI, kind: str, model: type, filters, reader, page, render, twin_of, Limit, Cursor) -> None:
    """The list page of one kind (/events, /quotes, /entities) and its JSON twin."""

    def twin(f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor, store: Store = Depends(reader)) -> dict[str, Any]:
        return _strip(page(store, kind, f, limit, cursor))

    def html(request: Request, f: Filters = Depends(filters), limit: int = Limit, cursor: str | None = Cursor,
             store: Store = Depends(reader)) -> Response:
        result = page(store, kind, f, limit, cursor)
        return render(request, "list.html", twin_of(request), kind=kind, f=f, result=result, items=result["items"],
                      facets=facets(store.conn), params=dict(request.query_params))

    app.add_api_route(f"/{kind}.json", twin, methods=["GET"], response_model=model, tags=["pages"], responses=ERRORS,
                      summary=f"JSON twin of the {kind} page", name=f"{kind}_twin")
    app.add_api_route(f"/{kind}", html, methods=["GET"], response_class=HTMLResponse, tags=["pages"], summary=f"{kind.capitalize()} page",
                      name=f"{kind}_page")


def _strip(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "_raw"}


def _query_string(params: dict[str, Any], **changes: Any) -> str:
    """``params`` with ``changes`` applied, as a query string (for pagination links)."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)
