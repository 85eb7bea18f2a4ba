"""What the store's commands show in a terminal: ingest progress and summary, query results.

The commands themselves (``warta ingest | query | search | export | serve``) are declared in
``warta.cli``; this module keeps them thin.
"""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import StoreError
from .db import Store
from .ingest import IngestReport, ingest
from .query import KINDS, Filters, Page, run_query

FILTER_OPTIONS: tuple[tuple[str, str], ...] = (
    ("text", "Words to find (full-text for articles and quotes)."),
    ("actor", "CAMEO actor code prefix, as source or target (QAT, USAGOV)."),
    ("source", "Source actor code prefix."),
    ("target", "Target actor code prefix."),
    ("code", "CAMEO event code prefix (19, 195)."),
    ("root", "CAMEO root code (19)."),
    ("speaker", "Speaker name contains."),
    ("entity", "Entity name contains."),
    ("type", "Entity type (PERSON, ORG, GPE, ...)."),
    ("since", "Published on or after (YYYY-MM-DD)."),
    ("until", "Published on or before (YYYY-MM-DD)."),
    ("outlet", "Outlet (ANTARA, Kompas, ...)."),
    ("lang", "Language (id, en)."),
)


def filter_options(func: Callable) -> Callable:
    """Add the query filters as --options to a click command."""
    for name, help_text in reversed(FILTER_OPTIONS):
        func = click.option(f"--{name}", f"filter_{name}", default=None, metavar="TEXT" if name not in ("since", "until") else "DATE", help=help_text)(func)
    return func


def filters_from_options(options: dict[str, Any]) -> Filters:
    values = {k[len("filter_"):]: v for k, v in options.items() if k.startswith("filter_")}
    values["language"] = values.pop("lang", None)
    return Filters.from_mapping(values)


def open_store(db: str, *, must_exist: bool = True, readonly: bool = False) -> Store:
    from pathlib import Path

    if must_exist and db != ":memory:" and not Path(db).exists():
        raise StoreError("no such database (create it with: warta ingest PATH --db " + db + ")", where=db)
    return Store(db, readonly=readonly)


# -- ingest ----------------------------------------------------------------------------------
def run_ingest(paths: tuple[str, ...], db: str, *, workers: int, reserved: str, lang: str, published: str | None,
               replace: bool, quiet: bool) -> int:
    """Ingest with a progress bar on stderr; print the summary and the bad inputs; return the exit code."""
    err = Console(stderr=True)
    with Store(db) as store:
        if quiet:
            report = ingest(paths, store, workers=workers, reserved=reserved, lang=lang, published=published, replace=replace)
        else:
            with Progress(
                SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(bar_width=None, pulse_style="cyan"),
                TextColumn("{task.fields[done]} articles"), TextColumn("[cyan]{task.fields[rate]}/s"),
                TextColumn("[dim]{task.fields[failed]} bad"), TimeElapsedColumn(),
                console=err, transient=False,
            ) as bar:
                task = bar.add_task("ingest", total=None, done=0, rate="0.0", failed=0)

                def show(r: IngestReport) -> None:
                    done = r.analyzed + r.already
                    rate = r.analyzed / r.seconds if r.seconds > 0 else 0.0
                    bar.update(task, done=done, rate=f"{rate:.1f}", failed=len(r.failed))

                report = ingest(paths, store, workers=workers, reserved=reserved, lang=lang, published=published,
                                replace=replace, progress=show)
        total = store.count()
    _summary(err, report, reserved, total, db)
    return 1 if report.failed else 0


def _summary(err: Console, r: IngestReport, reserved: str, total: int, db: str) -> None:
    rate = r.analyzed / r.seconds if r.seconds > 0 else 0.0
    parts = [f"{r.stored} stored"]
    if r.replaced:
        parts.append(f"{r.replaced} replaced")
    parts.append(f"{r.duplicates} already stored (same article)")
    if r.already:
        parts.append(f"{r.already} inputs done by an earlier run")
    err.print(f"[bold]{', '.join(parts)}[/] in {r.seconds:.1f}s ({rate:.1f} articles/s); {db} holds {total} articles")
    if r.reserved:
        what = {"keep": "kept whole", "facts-only": f"{r.reserved_withheld} kept as facts only, body withheld",
                "skip": f"{r.reserved_skipped} skipped"}[reserved]
        err.print(f"{r.reserved} {'article reserves its' if r.reserved == 1 else 'articles reserve their'} text from AI use (--reserved {reserved}: {what})")
    if r.failed:
        table = Table(title=f"{len(r.failed)} bad inputs (not stored)", title_justify="left")
        table.add_column("input", overflow="fold")
        table.add_column("problem", overflow="fold")
        for where, message in r.failed[:200]:
            table.add_row(where, message)
        err.print(table)
        if len(r.failed) > 200:
            err.print(f"... and {len(r.failed) - 200} more")


# -- query -----------------------------------------------------------------------------------
COLUMNS = {
    "articles": ("id", "published", "outlet", "language", "headline", "entities", "quotes", "events"),
    "events": ("published", "code", "label", "source_code", "target_code", "location_name", "date", "modality", "article_id"),
    "quotes": ("published", "speaker_name", "direct", "text", "article_id"),
    "entities": ("name", "type", "country", "code", "articles", "mentions", "first_seen", "last_seen"),
}


def print_page(kind: str, page: Page, fmt: str) -> None:
    if kind not in KINDS:
        raise StoreError(f"unknown kind {kind!r}")
    items = [{k: v for k, v in it.items() if k != "snippet_marked"} for it in page.items]
    if fmt == "json":
        click.echo(json.dumps({"items": items, "total": page.total, "next": page.next}, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        fieldnames = list(items[0]) if items else list(COLUMNS[kind])
        writer = csv.DictWriter(sys.stdout, fieldnames=fieldnames, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(items)
        return
    out = Console()
    table = Table(*COLUMNS[kind], title=f"{kind}: {len(items)} of {page.total}", title_justify="left")
    for it in items:
        table.add_row(*(_cell(it.get(c)) for c in COLUMNS[kind]))
    out.print(table)
    if page.next:
        out.print(f"[dim]more: --cursor {page.next}[/]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def run_query_command(db: str, kind: str, filters: Filters, *, limit: int, cursor: str | None, fmt: str) -> None:
    with open_store(db, readonly=False) as store:
        page = run_query(store.conn, kind, filters, limit=limit, cursor=cursor)
    print_page(kind, page, fmt)
