"""Findings for people, in the style of ruff and rustc::

    samples/report.txt:38:89  handled-le-received  error: 已办结1911件多于受理的1896件
       |
    38 | …街道受理12345工单1896件,已办结1911件;受理初信初访56件…
       |                  ^^^^^^       ^^^^^^

Every number involved is underlined. Chinese characters take two terminal columns
(``unicodedata.east_asian_width`` W/F), so the carets line up under them; long lines
(a paragraph is one line) are cut to a window around the numbers.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

from ..check.findings import severity_counts
from ..text.lines import LineIndex

WINDOW = 72  # display columns of source shown around the numbers
STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def render(findings, texts: dict[str, str], *, files: int, suppressed: int = 0) -> Text:
    """``texts`` maps each path to its document text (for the source lines)."""
    out = Text()
    indexes: dict[str, LineIndex] = {}
    for f in findings:
        text = texts.get(f.path)
        index = indexes.setdefault(f.path, LineIndex(text)) if text is not None else None
        _finding(out, f, text, index)
    out.append(summary_line(findings, files, suppressed) + "\n", style="bold")
    return out


def render_document(findings, text: str | None, suppressed=()) -> Text:
    """One document's findings (no summary): what a batch run prints as each file is done.
    The pieces of all documents, then :func:`summary_text`, make :func:`render`'s output.
    ``suppressed`` (:class:`~reportkit.check.suppress.Suppressed`, for --show-suppressed) are
    shown in place among them, marked 已忽略 with their reason."""
    out = Text()
    items = [(f, None) for f in findings] + [(s.finding, s) for s in suppressed]
    if suppressed:
        items.sort(key=lambda item: item[0].sort_key())
    index = LineIndex(text) if text is not None and items else None
    for f, why in items:
        _finding(out, f, text, index, why)
    return out


def _finding(out: Text, f, text: str | None, index: LineIndex | None, why=None) -> None:
    out.append(f"{f.path}:{f.line}:{f.col}", style="bold")
    place = where(f)
    if place:
        out.append(f" {place}", style="bold")  # a Word or PDF file: the paragraph or page
    out.append("  ")
    out.append(f.rule, style="magenta")
    out.append("  ")
    if why is None:
        out.append(f"{f.severity}:", style=STYLES[f.severity])
    else:
        out.append(f"{f.severity}（已忽略）:", style="dim")
    out.append(f" {f.message}\n")
    if why is not None:
        source = f"（{why.where}）" if why.by == "ignore" else ""
        out.append(f"  = 已忽略：{why.reason}{source}\n", style="dim")
    if text is not None:
        _snippet(out, f, text, index)
    out.append("\n")


def where(f) -> str:
    """The paragraph, table cell or page of a finding in a Word or PDF file ('' for text)."""
    place = f.extra.get("location") if f.extra else None
    if not place:
        return ""
    from ..formats.locate import describe

    return describe(place)


def render_unused(entries) -> str:
    """Ignore entries that silenced nothing in this run (--show-suppressed): stale ones can go."""
    lines = [f"{e.where}: 提示：这条 ignore 没有匹配到任何问题（{e.describe()}）\n" for e in entries]
    return "".join(lines) + ("\n" if lines else "")


def summary_line(findings, files: int, suppressed: int = 0, ignored: int = 0) -> str:
    return summary_text(severity_counts(findings), files, suppressed, ignored)


def summary_text(counts: dict[str, int], files: int, suppressed: int = 0, ignored: int = 0) -> str:
    """The closing line from counts by severity (a batch run keeps counts, not findings);
    ``suppressed``: findings the baseline knows, ``ignored``: findings ignore entries silence."""
    checked = f"检查了 {files} 个文件"
    also = f"，已忽略 {ignored} 个" if ignored else ""
    extra = f"（基线已略去 {suppressed} 个旧问题）" if suppressed else ""
    if not any(counts.get(k, 0) for k in NAMES):
        return f"{checked}，没有发现问题{also}。{extra}"
    parts = "，".join(f"{counts.get(k, 0)} 个{NAMES[k]}" for k in NAMES)
    return f"{checked}：{parts}{also}。{extra}"


def _spans(f):
    spans = [(q.start, q.end) for q in f.quantities] or [(f.start, f.end)]
    if not any(a <= f.start < b for a, b in spans):
        spans.append((f.start, f.end))
    return sorted(set(spans))


def _snippet(out: Text, f, text: str, index: LineIndex) -> None:
    by_line: dict[int, list] = {}
    for start, end in _spans(f):
        line = index.line(start)
        by_line.setdefault(line, []).append((start, end))
    gutter = len(str(max(by_line)))
    out.append(" " * gutter + " |\n", style="blue")
    for line in sorted(by_line):
        line_start = index.starts[line - 1]
        line_end = _line_end(text, index, line)
        content = text[line_start:line_end].replace("\t", " ")
        local = [(max(a - line_start, 0), min(b, line_end) - line_start) for a, b in by_line[line]]
        for lo, hi, spans in _windows(content, local):
            shown = content[lo:hi]
            prefix = "…" if lo > 0 else ""
            suffix = "…" if hi < len(content) else ""
            out.append(f"{line:>{gutter}} | ", style="blue")
            out.append(f"{prefix}{shown}{suffix}\n")
            marks = [" "] * (display_width(prefix) + display_width(shown))
            for a, b in spans:
                col = display_width(prefix) + display_width(content[lo:a])
                for k in range(col, col + max(display_width(content[a:b]), 1)):
                    if k < len(marks):
                        marks[k] = "^"
            out.append(" " * gutter + " | ", style="blue")
            out.append("".join(marks).rstrip() + "\n", style=STYLES[f.severity])


def _line_end(text: str, index: LineIndex, line: int) -> int:
    end = index.starts[line] if line < len(index.starts) else len(text)
    while end > index.starts[line - 1] and text[end - 1] in "\r\n":
        end -= 1
    return end


def _windows(content: str, spans):
    """Group the spans into windows of at most WINDOW display columns of context."""
    if display_width(content) <= WINDOW + 16:
        return [(0, len(content), spans)]
    groups: list[list] = []
    for span in sorted(spans):
        if groups and display_width(content[groups[-1][0][0]:span[1]]) <= WINDOW - 8:
            groups[-1].append(span)
        else:
            groups.append([span])
    out = []
    for group in groups:
        lo, hi = group[0][0], max(b for _, b in group)
        budget = WINDOW - display_width(content[lo:hi])
        left = right = 0
        # spend the budget on both sides, a little more before the numbers than after
        while budget > 0 and (lo - left > 0 or hi + right < len(content)):
            if lo - left > 0 and (left <= right * 2 or hi + right >= len(content)):
                left += 1
                budget -= char_width(content[lo - left])
            elif hi + right < len(content):
                budget -= char_width(content[hi + right])
                right += 1
        out.append((lo - left, hi + right, group))
    return out
