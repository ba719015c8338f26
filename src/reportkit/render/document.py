"""Renderings of a parsed Document: a rich heading tree, a quantity table, JSON, JSONL, CSV."""

from __future__ import annotations

import csv
import io
import json
from json.encoder import encode_basestring
from collections import Counter
from decimal import Decimal
from itertools import repeat
from operator import attrgetter

from ..models import Document, Quantity
from ..serialize import decimal_str, to_jsonable
from .json_document import iter_json  # noqa: F401  (parse --format json streams it)

QUANTITY_COLUMNS = (
    "path", "id", "line", "col", "start", "end", "text", "value", "unit", "dimension",
    "base_value", "base_unit", "lower", "upper", "qualifier", "unit_inferred", "label", "verb",
    "key", "target", "cumulative", "per", "sentence", "clause", "heading", "metric", "role",
)

# How `parse --relations` names the statement layer's relations, their modes and slots.
KIND_NAMES = {"breakdown": "总数与分项", "flow": "办理环节", "rate": "比率", "share": "占比",
              "groups": "批次与人数", "restatement": "前后同指"}
MODE_NAMES = {"partition": "分类（分项之和≤总数）", "exact": "全部列出（分项之和=总数）",
              "overlapping": "可重叠的属性（每项≤总数）", "target": "占目标", "whole": "占整体",
              "readings": "分母有两种读法"}
CUE_NAMES = {"()": "括号内分项", "subject": "先写总数、再写完成数"}
SLOT_NAMES = {"total": "总数", "part": "分项", "earlier": "前一环节", "later": "后一环节",
              "carried": "上期结转", "rate": "比率", "numerator": "分子", "denominator": "分母",
              "share": "占比", "whole": "整体", "groups": "批次/户", "persons": "人数",
              "first": "前文", "second": "后文"}


def document_dict(doc: Document) -> dict:
    """The JSON form: schema first, then the model's fields (the text itself is left out)."""
    body = to_jsonable(doc, exclude=frozenset({"text", "schema"}))
    return {"schema": doc.schema, **body}


def to_json(doc: Document) -> str:
    """``json.dumps(document_dict(doc), ensure_ascii=False, indent=2)`` and a newline, built
    without the intermediate dict (``iter_json`` gives the same text in pieces)."""
    return "".join(iter_json(doc))


_ROW_VALUES = attrgetter(*QUANTITY_COLUMNS[1:])
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # = json.dumps(row, ensure_ascii=False)


def quantity_row(path: str | None, q: Quantity) -> dict:
    """One quantity as a flat row: the same values as its JSON form, the columns above."""
    row: dict = {"path": path}
    row.update(zip(QUANTITY_COLUMNS[1:], [decimal_str(v) if v.__class__ is Decimal else v
                                          for v in _ROW_VALUES(q)]))
    return row


def to_jsonl(doc: Document) -> str:
    """One ``json.dumps(quantity_row(...), ensure_ascii=False)`` line per quantity, written
    column by column: each column's values encoded in one pass, each line one ``%``."""
    quantities = doc.quantities
    columns = [_column_json(values) for values in zip(*map(_ROW_VALUES, quantities))]
    path = repeat(_json_value(doc.meta.path), len(quantities))
    return "".join(map(_LINE.__mod__, zip(path, *columns)))


# A row's text with a %s for each value (a key's own % written %%)
_LINE = "{" + ", ".join(f"{encode_basestring(c).replace('%', '%%')}: %s" for c in QUANTITY_COLUMNS) + "}\n"
_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}
_NONE = type(None)
_STR, _INT = frozenset({str}), frozenset({int})
_STR_OR_NONE, _BOOL_OR_NONE, _DECIMAL_OR_NONE = (frozenset({t, _NONE}) for t in (str, bool, Decimal))


def _column_json(values: tuple):
    """The JSON text of each of a column's values. The classes the column holds (one for most
    columns, or one and None) choose a C function mapped over it, or a comprehension without
    a call per value; a column holding anything else goes value by value."""
    kinds = set(map(type, values))
    if kinds <= _STR:
        return map(encode_basestring, values)
    if kinds <= _INT:  # not bool, whose repr is True
        return map(int.__repr__, values)
    if kinds <= _STR_OR_NONE:
        return ["null" if v is None else encode_basestring(v) for v in values]
    if kinds <= _BOOL_OR_NONE:  # (never 1 or 0, which the dict would take for True, False)
        return map(_JSON_CONSTANTS.__getitem__, values)
    if kinds <= _DECIMAL_OR_NONE:
        # decimal_str is format(v, "f"); str(v), a third of its cost, is the same text where
        # it has no exponent (2.3816E+6): most values
        return ["null" if v is None else f'"{s}"' if "E" not in (s := str(v)) else f'"{v:f}"' for v in values]
    return map(_json_value, values)


def _json_value(v) -> str:
    cls = v.__class__
    if cls is str:
        return encode_basestring(v)
    if cls is Decimal:
        return f'"{decimal_str(v)}"'
    if cls is int:
        return int.__repr__(v)
    if v is None or cls is bool:
        return _JSON_CONSTANTS[v]
    return _ROW_ENCODER.encode(v)  # anything else: exactly what the encoder writes


def csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(QUANTITY_COLUMNS)
    return buf.getvalue()


def to_csv_rows(doc: Document) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for q in doc.quantities:
        row = quantity_row(doc.meta.path, q)
        writer.writerow(["" if row[c] is None else row[c] for c in QUANTITY_COLUMNS])
    return buf.getvalue()


def print_tree(doc: Document, console) -> None:
    from rich.tree import Tree

    meta = doc.meta
    title = meta.title or (meta.path or "report")
    root = Tree(f"[bold]{_escape(title)}[/bold]")
    for row in ((("发布机构", meta.publisher), ("索引号", meta.index_number)),
                (("生成日期", meta.generated), ("公开日期", meta.published))):
        shown = "  ".join(f"{k} {_escape(v)}" for k, v in row if v)
        if shown:
            root.add(f"[dim]{shown}[/dim]")
    sentences = Counter(s.heading for s in doc.sentences if s.role == "body")
    quantities = Counter(q.heading for q in doc.quantities)
    nodes = {None: root}
    if sentences[None] or quantities[None]:
        root.add(f"[dim](前言) {sentences[None]} 句, {quantities[None]} 个数量[/dim]")
    for h in doc.headings:
        parent = nodes.get(h.parent, root)
        label = (f"{_escape(h.marker)}[bold]{_escape(h.title)}[/bold]  "
                 f"[dim]L{h.line} · {sentences[h.id]} 句 · {quantities[h.id]} 个数量[/dim]")
        nodes[h.id] = parent.add(label)
    console.print(root)
    console.print(
        f"[dim]{len(doc.headings)} headings, {len(doc.sentences)} sentences, "
        f"{len(doc.quantities)} quantities, {len(doc.non_quantities)} non-quantities[/dim]"
    )


def print_quantities(doc: Document, console) -> None:
    from rich.table import Table

    table = Table(title=doc.meta.title or doc.meta.path, show_lines=False)
    for column in ("line", "text", "value", "unit", "bounds", "label", "verb"):
        table.add_column(column, no_wrap=column in ("line", "value", "unit", "bounds"))
    for q in doc.quantities:
        table.add_row(
            str(q.line), _escape(q.text), decimal_str(q.value),
            _escape(q.unit) + (" (推断)" if q.unit_inferred else ""), bounds_text(q),
            _escape(q.label or ""), _escape(q.verb or ""),
        )
    console.print(table)


def print_relations(doc: Document, console) -> None:
    """The links the statement layer read, one row each: how the report was understood."""
    from rich.table import Table

    by_id = {q.id: q for q in doc.quantities}
    table = Table(title=f"关系（{len(doc.relations)}）", show_lines=False)
    for column in ("行", "关系", "读法", "数字"):
        table.add_column(column, no_wrap=column == "行")
    for r in doc.relations:
        slots: dict[str, list[str]] = {}
        for m in r.members:
            q = by_id.get(m.quantity)
            slots.setdefault(m.slot, []).append(q.text if q else m.quantity)
        numbers = "；".join(f"{SLOT_NAMES.get(slot, slot)} {'、'.join(texts)}" for slot, texts in slots.items())
        reading = MODE_NAMES.get(r.mode or "", r.mode or "")
        if r.cue and r.kind == "breakdown":
            cue = CUE_NAMES.get(r.cue, r.cue)
            reading = f"{cue} · {reading}" if reading else cue
        if not r.certain:
            reading += "（推测）"
        table.add_row(str(r.line), KIND_NAMES.get(r.kind, r.kind), _escape(reading), _escape(numbers))
    console.print(table)


def bounds_text(q: Quantity) -> str:
    if q.lower == q.upper and q.lower is not None:
        return "="
    lo = "(" if not q.lower_inclusive else "["
    hi = ")" if not q.upper_inclusive else "]"
    a = decimal_str(q.lower) if q.lower is not None else "-∞"
    b = decimal_str(q.upper) if q.upper is not None else "+∞"
    return f"{lo}{a}, {b}{hi}"


def _escape(text: str | None) -> str:
    from rich.markup import escape

    return escape(text or "")
