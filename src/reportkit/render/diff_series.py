"""``reportkit diff A B C …``: the metric × report table, with the change between neighbours.

text and markdown show the metrics found in two reports or more, as written, each change in
the figures' own magnitude (+1.6万亿元); csv is the same wide table for a spreadsheet; json
dumps every series with the quantities as ``parse --format json`` gives them.
"""

from __future__ import annotations

import csv
import io
import json

from ..diff.model import Change
from ..diff.series import Report, SeriesResult
from ..serialize import decimal_str, to_jsonable


def header(report: Report) -> str:
    """A report's column title: its period (2024上半年), else its date, else its name."""
    return report.period or report.date or report.name


def _note(change: Change | None) -> str:
    return change.note if change is not None else ""


def _grid(result: SeriesResult) -> tuple[list[str], list[list[str]]]:
    heads = [header(r) for r in result.reports]
    columns = ["item", heads[0]]
    for a, b in zip(heads, heads[1:]):
        columns += [f"Δ {a}→{b}", b]
    rows = []
    for s in result.recurring:
        row = [s.label, s.cells[0].text if s.cells[0] else "—"]
        for change, cell in zip(s.changes, s.cells[1:]):
            row += [_note(change), cell.text if cell else "—"]
        rows.append(row)
    return columns, rows


def _summary(result: SeriesResult) -> str:
    figures = sum(s.count for s in result.series)
    return (f"{len(result.reports)} reports · {figures} figures · {len(result.recurring)} metrics in two "
            f"reports or more ({len(result.series) - len(result.recurring)} in one only)")


def render_text(result: SeriesResult, *, color: bool = False, width: int | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or 160,
                      highlight=False, soft_wrap=False)
    console.print(" → ".join(f"[bold]{header(r)}[/] ({r.name})" for r in result.reports))
    console.print(_summary(result))
    columns, rows = _grid(result)
    table = Table(title="Series", title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return buf.getvalue()


def render_markdown(result: SeriesResult) -> str:
    columns, rows = _grid(result)
    cell = lambda text: str(text).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    out = [f"# Series: {' → '.join(header(r) for r in result.reports)}", "", _summary(result) + ".", "",
           "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def render_csv(result: SeriesResult) -> str:
    """Wide: one row per recurring metric; per report the figure as written and its exact
    base value, per neighbour pair the change in base units and as a reader says it."""
    heads = [header(r) for r in result.reports]
    columns = ["metric", "label", "unit"]
    for k, h in enumerate(heads):
        if k:
            columns += [f"delta {heads[k - 1]}→{h}", f"change {heads[k - 1]}→{h}"]
        columns += [h, f"{h} base"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for s in result.recurring:
        row = [s.key, s.label, s.unit]
        for k, q in enumerate(s.cells):
            if k:
                change = s.changes[k - 1]
                row += [decimal_str(change.delta) if change else "", _note(change)]
            row += [q.text if q else "", decimal_str(q.base_value if q.base_value is not None else q.value) if q else ""]
        writer.writerow(row)
    return buf.getvalue()


def render_json(result: SeriesResult) -> str:
    data = {
        "schema": result.schema,
        "reports": [{"name": r.name, "title": r.doc.meta.title, "date": r.date, "period": r.period}
                    for r in result.reports],
        "series": [{
            "key": s.key, "label": s.label, "unit": s.unit, "count": s.count,
            "cells": [to_jsonable(q) for q in s.cells],
            "plans": list(s.plans),
            "changes": [_change(c) for c in s.changes],
        } for s in result.series],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _change(c: Change | None) -> dict | None:
    if c is None:
        return None
    dec = lambda v: None if v is None else decimal_str(v)  # noqa: E731
    return {"delta": dec(c.delta), "unit": c.unit, "pct": dec(c.pct), "delta_low": dec(c.low),
            "delta_high": dec(c.high), "direction": c.direction, "certain": c.certain, "note": c.note}
