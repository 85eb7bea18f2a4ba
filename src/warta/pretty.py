"""A readable terminal view of one record (``warta analyze --format pretty``)."""
from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from .record import Analysis


def render(rec: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    head = rec.headline or (rec.body[:80] + "…" if len(rec.body) > 80 else rec.body)
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan")
    meta.add_column()
    dl = rec.dateline
    meta.add_row("language", rec.language or "")
    meta.add_row("published", f"{rec.published or '—'}  ({rec.published_basis or 'unknown'})")
    meta.add_row("dateline", f"{dl.place or '—'} / {dl.agency or '—'}")
    meta.add_row("outlet", rec.outlet or "—")
    credits = {k: v for k, v in vars(rec.credits).items() if v}
    meta.add_row("credits", "; ".join(f"{k}: {', '.join(v)}" for k, v in credits.items()) or "—")
    meta.add_row("sources", ", ".join(rec.sources) or "—")
    meta.add_row("related", "\n".join(f"{r.label}: {r.title or '(no title)'}" for r in rec.related) or "—")
    rights = rec.rights
    meta.add_row("rights", f"© {rights.copyright_holder or '—'} {rights.copyright_year or ''}" + ("  [AI use reserved]" if rights.ai_use_reserved else ""))
    console.print(Panel(meta, title=head, title_align="left"))
    if rec.entities:
        t = Table("entity", "type", "country", "code", "mentions", title="Entities", title_justify="left")
        for e in rec.entities:
            t.add_row(e.name, e.type, e.country or "", e.code or "", ", ".join(dict.fromkeys(m.text for m in e.mentions)))
        console.print(t)
    if rec.quotes:
        t = Table("speaker", "role", "direct", "quote", title="Quotes", title_justify="left")
        for q in rec.quotes:
            t.add_row(q.speaker.name or "?", q.speaker.role or "", "yes" if q.direct else "no", q.text)
        console.print(t)
    if rec.times:
        t = Table("text", "type", "value", title="Times", title_justify="left")
        for x in rec.times:
            t.add_row(x.text, x.type, x.value or "—")
        console.print(t)
    if rec.events:
        t = Table("code", "label", "source", "target", "where", "when", "modality", title="Events", title_justify="left")
        for e in rec.events:
            t.add_row(e.code, e.label, (e.source.code or e.source.name or "") if e.source else "", (e.target.code or e.target.name or "") if e.target else "",
                      (e.location.name or "") if e.location else "", e.date or "", e.modality)
        console.print(t)
    if rec.quantities:
        t = Table("text", "value", "counts", title="Quantities", title_justify="left")
        for q in rec.quantities:
            t.add_row(q.text, str(q.value), q.counts or "")
        console.print(t)
    for w in rec.warnings:
        console.print(f"[yellow]warning:[/] {w}")
