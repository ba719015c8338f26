"""One report as a page section: its text line by line as the reader sees it, every quantity
an element ``data-quantity="<id>"`` (its card's data embedded as JSON), the heading tree as a
collapsible outline, and each finding in a margin beside its line."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from ...models import Document, Quantity
from ...serialize import to_jsonable
from ...text.lines import iter_lines
from . import marks
from .labels import DIMENSIONS, SEVERITY, dimension_class, severity_label
from .page import esc, json_script

# where a quantity is, not what it is: the element's place in the page already says it
_POSITION_FIELDS = frozenset({
    "id", "text", "start", "end", "line", "col", "number_start", "number_end", "sentence",
    "clause", "heading", "heading_path", "key",
})
_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Quantity)
             if f.default is not dataclasses.MISSING}
_CARD_DEFAULTS = {k: v for k, v in to_jsonable(_DEFAULTS).items() if k not in _POSITION_FIELDS}


def quantity_data(q: Quantity) -> dict:
    """The quantity's JSON form (``to_jsonable``, as ``parse --format json``) less its position
    fields and the fields still at their default, which the page's script fills back in."""
    data = to_jsonable(q, exclude=_POSITION_FIELDS)
    return {k: v for k, v in data.items() if k not in _DEFAULTS or getattr(q, k) != _DEFAULTS[k]}


def document_data(doc: Document) -> dict:
    return {
        "quantities": {q.id: quantity_data(q) for q in doc.quantities},
        "texts": {q.id: q.text for q in doc.quantities},
        "relations": to_jsonable(doc.relations),
        "defaults": _CARD_DEFAULTS,
        "dimension_names": {d: DIMENSIONS[d] for d in {q.dimension for q in doc.quantities} if d in DIMENSIONS},
    }


def page_view(doc: Document) -> Document:
    """The parts of a Document that a section shows: what a worker process sends back for a
    page (sentences, clauses, paragraphs and non-quantities would triple the pickling)."""
    return dataclasses.replace(doc, sentences=(), clauses=(), paragraphs=(), list_items=(),
                               non_quantities=())


def title_of(doc: Document, fallback: str) -> str:
    return doc.meta.title or doc.meta.path or fallback


def section(doc: Document, prefix: str, findings: list[dict] | None) -> str:
    """``findings`` (``finding_dict`` records) or None for a page without a margin."""
    counts = Counter(f["severity"] for f in findings or ())
    spans = list(iter_lines(doc.text))
    stats = [f"{len(spans)} 行", f"{len(doc.headings)} 个标题",
             f"{len(doc.quantities)} 个数量"]
    if findings is not None:
        stats += [f"{counts[s]} 个{SEVERITY[s][0]}" for s in SEVERITY]
    path = f'<p class="path">{esc(doc.meta.path)}</p>' if doc.meta.path and doc.meta.title else ""
    return (
        f'<section class="doc" id="{prefix}" data-doc="{prefix}">\n'
        f'<header class="doc-head"><h2>{esc(title_of(doc, prefix))}</h2>{path}'
        f'<p class="stats">{esc(" · ".join(stats))}</p></header>\n'
        f'<div class="doc-body{"" if findings is not None else " no-margin"}">\n'
        f"{outline(doc, prefix)}\n"
        f'<div class="text">\n{lines(doc, spans, prefix, findings)}</div>\n</div>\n'
        f'{json_script(document_data(doc), data_doc=prefix, data_kind="document")}\n'
        "</section>\n"
    )


def outline(doc: Document, prefix: str) -> str:
    """Nested lists of headings; a heading with sub-headings folds (open at the top level)."""
    children = defaultdict(list)
    for h in doc.headings:
        children[h.parent].append(h)
    counts = Counter(q.heading for q in doc.quantities)
    for h in reversed(doc.headings):  # a heading counts its sub-headings' quantities too
        if h.parent is not None:
            counts[h.parent] += counts[h.id]

    def items(parent) -> str:
        out = []
        for h in children[parent]:
            link = (f'<a href="#{prefix}-L{h.line}">{esc(h.marker)}{esc(h.title)}</a>'
                    f' <span class="count" title="数量个数">{counts[h.id]}</span>')
            if children[h.id]:
                opened = " open" if h.level == 1 else ""
                out.append(f"<li><details{opened}><summary>{link}</summary>"
                           f"<ul>{items(h.id)}</ul></details></li>")
            else:
                out.append(f'<li class="leaf">{link}</li>')
        return "".join(out)

    body = f"<ul>{items(None)}</ul>" if doc.headings else '<p class="empty">没有识别出标题。</p>'
    return f'<nav class="outline" aria-label="提纲"><h3>提纲</h3>{body}</nav>'


def quantity_mark(q: Quantity, prefix: str) -> marks.Mark:
    opening = (f'<span class="q {dimension_class(q.dimension)}" data-quantity="{esc(q.id)}" '
               f'id="{prefix}-{esc(q.id)}" tabindex="0">')
    return (q.start, q.end, opening, "</span>")


def lines(doc: Document, spans: list[tuple[int, int]], prefix: str, findings: list[dict] | None) -> str:
    """One row per line (``spans``: each line's start and end): number, text, margin."""
    by_line = defaultdict(list)
    for q in doc.quantities:
        by_line[q.line].append(quantity_mark(q, prefix))
    findings_at = defaultdict(list)
    for n, f in enumerate(findings or (), 1):
        findings_at[f["line"]].append((n, f))
    headings = {h.line: h for h in doc.headings}
    furniture = {x.line for x in doc.furniture}
    out = []
    for number, (start, end) in enumerate(spans, 1):
        classes = ["ln"]
        if start == end or not doc.text[start:end].strip():
            classes.append("blank")
        heading = headings.get(number)
        if heading is not None:
            classes.append(f"hd lv{min(heading.level, 4)}")
        if number in furniture:
            classes.append("furniture")
        here = findings_at.get(number, ())
        if here:
            worst = min(here, key=lambda nf: list(SEVERITY).index(nf[1]["severity"]))[1]["severity"]
            classes.append(f"flagged sev-{worst}")
        text = line_html(doc.text, start, end, by_line.get(number, ()), heading)
        margin = "".join(finding_element(prefix, n, f) for n, f in here)
        out.append(
            f'<div class="{" ".join(classes)}" id="{prefix}-L{number}">'
            f'<a class="no" href="#{prefix}-L{number}">{number}</a>'
            f'<div class="tx">{text}</div>'
            + (f'<div class="mg">{margin}</div>' if findings is not None else "")
            + "</div>\n"
        )
    return "".join(out)


def line_html(text: str, start: int, end: int, quantities: list, heading) -> str:
    """The line's text; a heading's marker and title (not the body sharing its line) in bold."""
    if heading is None or not start <= heading.end <= end:
        return marks.render(text, start, end, quantities)
    split = heading.end  # each quantity goes to the piece it starts in: one element each
    title = [m for m in quantities if m[0] < split]
    body = [m for m in quantities if m[0] >= split]
    if title and title[-1][1] > split:
        split = title[-1][1]
    return (f'<span class="ht">{marks.render(text, start, split, title)}</span>'
            + marks.render(text, split, end, body))


def finding_element(prefix: str, n: int, f: dict) -> str:
    ids = " ".join(q["id"] for q in f["quantities"])
    certainty = "" if f["certainty"] == "definite" else '<span class="maybe">（可能）</span>'
    return (
        f'<button type="button" class="finding sev-{esc(f["severity"])}" id="{prefix}-f{n}" '
        f'data-finding="{esc(f["rule"])}" data-severity="{esc(f["severity"])}" '
        f'data-quantities="{esc(ids)}" aria-pressed="false" '
        f'title="{esc(f["path"])}:{f["line"]}:{f["col"]}">'
        f'<span class="sev">{esc(severity_label(f["severity"]))}</span>{certainty} '
        f'<span class="msg">{esc(f["message"])}</span> '
        f'<code class="rule">{esc(f["rule"])}</code></button>'
    )
