"""The review page of ``check`` and ``parse``: a summary that indexes the files, filters,
then each file's section (:mod:`.document`). Built one document at a time, so a batch run
keeps page fragments, not Documents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...check.batch import CheckJob, rules_for
from ...check.engine import check_document
from ...check.findings import severity_counts
from ..diagnostics import summary_text
from ..findings_json import finding_dict
from . import document
from .labels import DIMENSIONS, SEVERITY, dimension_class, severity_label
from .page import esc, shell


@dataclass(frozen=True)
class DocumentCheckJob(CheckJob):
    """Document → (findings, the parts of the Document its page section shows)."""

    def __call__(self, doc):
        from ...check import budget

        with budget.document(doc.meta.path, self.timeout):
            found = check_document(doc, rules_for(self.rules), doc.meta.path)
        return found, document.page_view(doc)


class ReviewPage:
    """``with_findings=False`` is the parse page: the same page without margin and filters."""

    def __init__(self, *, with_findings: bool = True):
        self.with_findings = with_findings
        self.sections: list[str] = []
        self.rows: list[tuple] = []  # (prefix, title, path, quantities, counts)
        self.rules: Counter = Counter()  # (rule, severity) → findings
        self.dimensions: Counter = Counter()

    def add(self, doc, findings=()) -> None:
        prefix = f"d{len(self.sections) + 1}"
        dicts = [finding_dict(f) for f in findings]
        self.rules.update((f["rule"], f["severity"]) for f in dicts)
        self.dimensions.update(q.dimension for q in doc.quantities)
        self.rows.append((prefix, document.title_of(doc, prefix), doc.meta.path,
                          len(doc.quantities), severity_counts(findings)))
        self.sections.append(document.section(doc, prefix, dicts if self.with_findings else None))

    def render(self, *, files: int | None = None, suppressed: int = 0) -> str:
        files = len(self.rows) if files is None else files
        totals = Counter()
        for *_, counts in self.rows:
            totals.update(counts)
        if self.with_findings:
            heading, verdict = "reportkit 检查报告", summary_text(totals, files, suppressed)
        else:
            heading = "reportkit 文档结构"
            verdict = f"{files} 个文件，{sum(r[3] for r in self.rows)} 个数量。"
        body = (
            f'<header class="top"><h1>{esc(heading)}</h1>'
            f'<p class="verdict" id="verdict">{esc(verdict)}</p></header>\n'
            f'<main>\n<section class="summary" id="summary">\n{self._files_table()}'
            f"{self._rules_table() if self.with_findings else ''}{self._legend()}</section>\n"
            f"{self._filters() if self.with_findings else ''}"
            + "".join(self.sections) + "</main>"
        )
        title = self.rows[0][1] if len(self.rows) == 1 else heading
        return shell(title, body, kind="check" if self.with_findings else "parse")

    def _files_table(self) -> str:
        head = "<th>文件</th><th>数量</th>" + (
            "".join(f"<th>{esc(severity_label(s))}</th>" for s in SEVERITY) if self.with_findings else "")
        rows = []
        for prefix, title, path, quantities, counts in self.rows:
            cells = _count_cells(counts) if self.with_findings else ""
            shown = esc(title) + (f' <span class="path">{esc(path)}</span>' if path and path != title else "")
            rows.append(f'<tr><td><a href="#{prefix}">{shown}</a></td><td class="n">{quantities}</td>{cells}</tr>')
        return (f'<table class="files"><caption>文件（{len(self.rows)}）</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n")

    def _rules_table(self) -> str:
        if not self.rules:
            return '<p class="clean">没有发现问题。</p>\n'
        rules = sorted({rule for rule, _ in self.rules})
        head = "<th>规则</th>" + "".join(f"<th>{esc(severity_label(s))}</th>" for s in SEVERITY)
        rows = "".join(
            f"<tr><td><code>{esc(rule)}</code></td>{_count_cells({s: self.rules[rule, s] for s in SEVERITY})}</tr>"
            for rule in rules)
        return (f'<table class="rules"><caption>按规则</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>\n")

    def _legend(self) -> str:
        items = "".join(
            f'<li><span class="swatch {dimension_class(d)}"></span>{esc(DIMENSIONS.get(d, d))} '
            f'<span class="count">{n}</span></li>' for d, n in self.dimensions.most_common())
        return f'<div class="legend"><h3>数量按维度着色</h3><ul>{items}</ul></div>\n' if items else ""

    def _filters(self) -> str:
        if not self.rules:
            return ""
        severities = Counter()
        by_rule = Counter()
        for (rule, severity), n in self.rules.items():
            severities[severity] += n
            by_rule[rule] += n
        boxes = "".join(
            f'<label class="sev-{s}"><input type="checkbox" data-filter="severity" value="{s}" checked> '
            f"{esc(severity_label(s))} ({severities[s]})</label>" for s in SEVERITY if severities[s])
        rules = "".join(
            f'<label><input type="checkbox" data-filter="rule" value="{esc(rule)}" checked> '
            f"<code>{esc(rule)}</code> ({n})</label>" for rule, n in sorted(by_rule.items()))
        return (
            '<section class="filters" id="filters" aria-label="筛选">'
            f'<div class="group"><span class="what">严重程度</span>{boxes}</div>'
            f'<div class="group"><span class="what">规则</span>{rules}</div>'
            '<p class="keys"><span id="shown-count"></span> · 按 <kbd>n</kbd> / <kbd>p</kbd> '
            "跳到下一个 / 上一个问题；点击问题，高亮它涉及的数字。</p></section>\n"
        )


def _count_cells(counts) -> str:
    """One cell per severity; a zero is greyed, so the non-zero counts stand out."""
    return "".join(f'<td class="n sev-{s}{" zero" if not counts[s] else ""}">{counts[s]}</td>' for s in SEVERITY)


def parse_page(docs) -> str:
    """Documents → the parse page, for library callers (the CLI builds it input by input)."""
    page = ReviewPage(with_findings=False)
    for doc in docs:
        page.add(doc)
    return page.render()

