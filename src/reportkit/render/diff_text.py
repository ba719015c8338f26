"""``reportkit diff`` on a terminal: summary counts, then changes (biggest first), targets,
claims, removed/added quantities and moved sections, as rich tables."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from ..diff.model import DiffResult
from .diff_common import base_text, claim_value, name, pct

STATUS_STYLE = {"met": "green", "missed": "bold red", "unreported": "yellow",
                "consistent": "green", "inconsistent": "bold red",
                "up": "green", "down": "red", "same": "dim"}
LIST_LIMIT = 60  # removed/added lists of a long report: show the start, say how many more


def render(result: DiffResult, *, color: bool = False, width: int | None = None) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or 120,
                      highlight=False, soft_wrap=False)
    old, new = result.old, result.new
    s = result.summary()
    console.print(f"[bold]{old.meta.path or old.meta.title or 'OLD'}[/] → [bold]{new.meta.path or new.meta.title or 'NEW'}[/]")
    console.print(
        f"{s['changed']} changed · {s['unchanged']} unchanged · {s['removed']} removed · {s['added']} added"
        + (f" · {s['hidden']} hidden by --threshold" if s["hidden"] else "")
    )
    console.print(
        f"targets: [green]{s['targets_met']} met[/] · [red]{s['targets_missed']} missed[/] · "
        f"[yellow]{s['targets_unreported']} unreported[/]   claims: [green]{s['claims_consistent']} consistent[/] · "
        f"[red]{s['claims_inconsistent']} inconsistent[/]"
    )
    if result.changed:
        table = _table("Changes", ["item", "old", "new", "change", "%", "line", "score"])
        for p in result.changed:
            style = STATUS_STYLE[p.change.direction]
            table.add_row(name(old, p.old), p.old.text, p.new.text, f"[{style}]{p.change.note}[/]",
                          pct(p.change.pct), f"{p.old.line}→{p.new.line}", f"{p.score:.2f}")
        console.print(table)
    reported = [t for t in result.targets if t.status != "unreported"]
    if result.targets:
        table = _table(f"Targets ({len(result.targets) - len(reported)} unreported not listed)"
                       if len(reported) < len(result.targets) else "Targets",
                       ["target", "planned", "actual", "status", "line"])
        for t in reported:
            table.add_row(name(old, t.target), t.target.text, t.actual.text if t.actual else "—",
                          f"[{STATUS_STYLE[t.status]}]{t.status}[/]" + ("" if t.certain else "?"),
                          f"{t.target.line}→{t.actual.line}")
        console.print(table)
    if result.claims:
        table = _table("Claims", ["item", "old", "new", "stated", "implied", "status", "line"])
        for c in result.claims:
            table.add_row(name(new, c.level), base_text(c), c.level.text, c.claim.text, claim_value(c, c.implied),
                          f"[{STATUS_STYLE[c.status]}]{c.status}[/]", str(c.claim.line))
        console.print(table)
    for title, items, doc in (("Removed (only in OLD)", result.removed, old), ("Added (only in NEW)", result.added, new)):
        if items:
            table = _table(title, ["item", "value", "line"])
            for q in items[:LIST_LIMIT]:
                table.add_row(name(doc, q), q.text, str(q.line))
            if len(items) > LIST_LIMIT:
                table.add_row(f"… {len(items) - LIST_LIMIT} more", "", "")
            console.print(table)
    moved = [x for x in result.sections if x.status != "kept"]
    if moved:
        table = _table("Sections", ["status", "old", "new"])
        for x in moved:
            table.add_row(x.status, x.old.title if x.old else "", x.new.title if x.new else "")
        console.print(table)
    return buf.getvalue()


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table
