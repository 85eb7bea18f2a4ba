"""The ``warta`` command: thin shells around ``analyze()`` and the store.

Every error a user can cause is one line on stderr naming the input and the problem; a batch goes
on past a bad record and exits 1 at the end; usage errors exit 2.
"""
from __future__ import annotations

import json
import re
import sys
from typing import Iterable

import click

from . import __version__
from .errors import InputError, WartaError
from .record import Analysis


def _echo_err(message: str) -> None:
    click.echo(f"warta: {message}", err=True)


def _dump(rec: Analysis, fmt: str, single: bool) -> None:
    data = rec.to_dict()
    if fmt == "json" and single:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(json.dumps(data, ensure_ascii=False))


def _print_pretty(rec: Analysis) -> None:
    from .pretty import render

    render(rec)


def _analyze_items(paths: Iterable[str], lang: str, published: str | None):
    """Yield Analysis or error items; an unexpected failure of one article becomes an error line."""
    from .pipeline import analyze_stream
    from .read import iter_sources

    def read():
        for item in iter_sources(paths):
            if not isinstance(item, InputError):
                for warning in item.warnings:  # what reading noticed (a guessed encoding): one line, the article goes on
                    _echo_err(f"{item.where}: warning: {warning}")
            yield item

    return analyze_stream(read(), lang=lang, published=published)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
def main() -> None:
    """warta: turn news articles into structured, queryable knowledge."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "pretty"]), default="json", show_default=True,
              help="json: one object for one article, JSON Lines for several; jsonl: always JSON Lines; pretty: a terminal view.")
@click.option("--lang", type=click.Choice(["auto", "id", "en"]), default="auto", show_default=True, help="Language of the articles.")
@click.option("--published", metavar="YYYY-MM-DD", default=None, help="Publication date to anchor times on (overrides inference).")
def analyze(paths: tuple[str, ...], fmt: str, lang: str, published: str | None) -> None:
    """Analyze articles: .txt, .html, .jsonl/.csv batches, folders, or - for stdin."""
    if published:
        from .read import normalize_date

        if normalize_date(published) is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            raise click.BadParameter(f"{published!r} is not a date in the form YYYY-MM-DD", param_hint="--published")
    failed = 0
    results: list[Analysis] = []
    buffered = fmt == "json"
    for item in _analyze_items(paths, lang, published):
        if isinstance(item, WartaError):
            failed += 1
            _echo_err(str(item))
            continue
        if buffered:
            results.append(item)
            if len(results) > 1:  # more than one: stream JSON Lines from here on
                for r in results:
                    _dump(r, "jsonl", single=False)
                results.clear()
                buffered = False
            continue
        if fmt == "pretty":
            _print_pretty(item)
        else:
            _dump(item, "jsonl", single=False)
    for r in results:
        _dump(r, "json", single=True)
    if failed:
        sys.exit(1)


# -- the store: ingest, query, search, export, serve (implementation in warta.store / warta.export / warta.api) --
_DB_OPTION = click.option("--db", default="warta.db", show_default=True, envvar="WARTA_DB", help="SQLite store (env WARTA_DB).")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_DB_OPTION
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes that analyze (the pipeline loads once in each).")
@click.option("--reserved", type=click.Choice(["keep", "facts-only", "skip"]), default="keep", show_default=True,
              help="Articles whose rights reserve them from AI use: keep all, keep the facts without the body, or skip them.")
@click.option("--lang", type=click.Choice(["auto", "id", "en"]), default="auto", show_default=True)
@click.option("--published", metavar="YYYY-MM-DD", default=None, help="Publication date to anchor times on.")
@click.option("--replace", is_flag=True, help="Analyze again and replace articles already stored.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db: str, workers: int, reserved: str, lang: str, published: str | None, replace: bool, quiet: bool) -> None:
    """Analyze articles and keep them in the store (idempotent and resumable)."""
    from .store.console import run_ingest

    sys.exit(run_ingest(paths, db, workers=workers, reserved=reserved, lang=lang, published=published, replace=replace, quiet=quiet))


def _query_options(func):
    from .store.console import filter_options

    func = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)(func)
    func = click.option("--cursor", default=None, help="The 'next' value of the previous page.")(func)
    func = click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)(func)
    return filter_options(_DB_OPTION(func))


@main.command()
@click.argument("kind", type=click.Choice(["articles", "events", "quotes", "entities"]))
@_query_options
def query(kind: str, db: str, limit: int, cursor: str | None, fmt: str, **options: str | None) -> None:
    """Query the store: articles, events, quotes or entities, with filters."""
    from .store.console import filters_from_options, run_query_command

    run_query_command(db, kind, filters_from_options(options), limit=limit, cursor=cursor, fmt=fmt)


@main.command()
@click.argument("words", nargs=-1, required=True)
@_query_options
def search(words: tuple[str, ...], db: str, limit: int, cursor: str | None, fmt: str, **options: str | None) -> None:
    """Full-text search of the stored articles (headlines, bodies, quotes)."""
    from .store.console import filters_from_options, run_query_command

    options["filter_text"] = " ".join(words)
    run_query_command(db, "articles", filters_from_options(options), limit=limit, cursor=cursor, fmt=fmt)


@main.command()
@_DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]), required=True)
@click.option("--out", required=True, metavar="PATH", help="File to write; - for standard output (not for parquet).")
@click.option("--table", default="articles", show_default=True, help="Table or view for csv and parquet (articles, events, quotes, ...).")
def export(db: str, fmt: str, out: str, table: str) -> None:
    """Export the store: whole records (jsonl), one table (csv, parquet), or GDELT-style events (gdelt)."""
    from .export import export as run_export
    from .store.console import open_store

    with open_store(db) as store:
        n = run_export(store, fmt, out, table=table)
    if out != "-":
        _echo_err(f"wrote {n if n >= 0 else 'the'} {'records' if fmt == 'jsonl' else 'rows'} to {out}")


@main.command()
@_DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; any but loopback needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token", envvar="WARTA_TOKEN", default=None, help="Token that POST endpoints require (env WARTA_TOKEN).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web page over the store."""
    from .api import create_app, is_loopback

    if not is_loopback(host) and not token:
        raise click.UsageError(f"refusing to bind {host}, which is not loopback, without a token: pass --token or set WARTA_TOKEN")
    import uvicorn

    app = create_app(db, token=token, warm=True)
    _echo_err(f"serving {db} on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False}, add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def spark(args: tuple[str, ...]) -> None:
    """Analyze JSONL or Parquet articles on Spark: INPUT OUTPUT [--master ...] (see warta spark --help)."""
    from .spark import main as spark_main

    sys.exit(spark_main(list(args)))


def run() -> None:
    """Console entry point that turns any leftover WartaError into one line."""
    try:
        main(standalone_mode=True)
    except WartaError as err:
        _echo_err(str(err))
        sys.exit(1)
