"""The ``warta`` command: thin shells around ``analyze()`` and the store.

Every error a user can cause is one line on stderr naming the input and the problem; a batch goes
on past a bad record and exits 1 at the end; usage errors exit 2.
"""
from __future__ import annotations

import json
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
    from .pipeline import analyze
    from .read import iter_sources

    for item in iter_sources(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield analyze(item, lang=lang, published=published)
        except WartaError as err:
            yield err
        except Exception as err:  # noqa: BLE001 - one bad article must not cost the batch
            yield InputError(f"analysis failed ({type(err).__name__}: {err})", where=item.where)


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

        if normalize_date(published) is None or len(published) != 10:
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


def run() -> None:
    """Console entry point that turns any leftover WartaError into one line."""
    try:
        main(standalone_mode=True)
    except WartaError as err:
        _echo_err(str(err))
        sys.exit(1)
