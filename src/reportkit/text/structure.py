"""Lines → furniture, metadata, paragraphs, the heading tree, sentences, clauses, list items.

Works on two views of one text: ``text`` (what the user wrote, all offsets index it) and
``folded`` (the same length, half-width and simplified, for matching).
"""

from __future__ import annotations

import re
import re._parser as _sre_parser
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..compiled import compile_re
from . import furniture
from ..data import load_yaml
from ..models import FurnitureLine, Heading, ListItem, Meta, Paragraph, Sentence
from .clauses import Clauses, ClauseTable
from .sentences import SENTENCE_ENDS, SPACE, split_clauses, split_paragraph, split_sentences
from .lines import LineIndex, iter_lines

# A document title is a short line without sentence punctuation before the body starts.
TITLE_MAX = 60
_TITLE_WORDS = compile_re(r"(总结|计划|报告|要点|情况|方案|意见|通知|规划|汇报|讲话)$")
_CONTINUATION = frozenset("。，,；;：:、）)”’》】!！?？")  # what a continuing line starts with
_LEADING_SPACE = "".join(SPACE)


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def _styles() -> tuple[tuple[_Style, ...], tuple[re.Pattern, ...]]:
    data = load_yaml("headings.yaml")
    styles = tuple(_Style(s["name"], compile_re(s["pattern"])) for s in data["styles"])
    lists = tuple(compile_re(p) for p in data["list_markers"])
    return styles, lists


@lru_cache(maxsize=1)
def _any_style() -> re.Pattern:
    """Matches where some heading style matches (its alternatives are the styles, group
    names dropped): most paragraphs are prose, and one match tells them from headings."""
    sources = [s.pattern.pattern for s in _styles()[0]]
    if any(re.search(r"\\\d|\(\?P=", source) for source in sources):
        return compile_re("")  # a style refers to its own group: every paragraph is tried
    unnamed = (re.sub(r"\(\?P<\w+>", "(?:", source) for source in sources)
    try:
        return compile_re("|".join(f"(?:{source})" for source in unnamed))
    except re.error:  # a global inline flag
        return compile_re("")


def _required_character(pattern: re.Pattern) -> str | None:
    """A character every match of ``pattern`` holds (a literal of its top-level sequence)."""
    tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    if tree.state.flags & re.IGNORECASE:
        return None
    for op, value in tree.data:
        if op is _sre_parser.LITERAL:
            return chr(value)
    return None


@lru_cache(maxsize=1)
def _list_keys() -> tuple[str, ...] | None:
    """One character per list marker pattern that its every match holds (是, 第, 其): a
    paragraph without any of them has no list item, and its three scans are skipped.
    None if some pattern has no such character."""
    keys = tuple(_required_character(p) for p in _styles()[1])
    return None if None in keys else keys


def _may_hold_list_items(folded: str, start: int, end: int, keys) -> bool:
    if keys is None:
        return True
    for key in keys:
        if folded.find(key, start, end) >= 0:
            return True
    return False


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def small_number(token: str) -> int:
    """The value of a heading or list number: 3, 十二, 二十三, ④."""
    if token.isascii() and token.isdigit():
        return int(token)
    if len(token) == 1 and token not in _CN_DIGITS and token not in "十百":
        return int(unicodedata.numeric(token))  # circled digits
    total, current = 0, 0
    for ch in token:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_DIGITS.get(ch, 0)
    return total + current


@dataclass
class Structure:
    meta: Meta
    furniture: list[FurnitureLine] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    list_items: list[ListItem] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    clauses: Clauses | None = None  # set once every sentence is split
    title_span: tuple[int, int] | None = None


@dataclass
class _Line:
    start: int
    end: int
    number: int


def build(text: str, folded: str, index: LineIndex, meta: Meta) -> Structure:
    result = Structure(meta=meta)
    meta_values: dict[str, str] = {}
    content: list[_Line] = []
    in_header = True  # a disclosure table comes before the report's first heading
    for number, (start, end) in enumerate(iter_lines(text), 1):
        s, e = _strip(text, start, end)
        if s >= e:
            continue
        view = folded[s:e]
        kind = furniture.line_kind(view)
        if kind is None and in_header:
            if _looks_like_heading(view) or len(content) >= furniture.HEADER_LINES:
                in_header = False
            else:
                pairs = furniture.disclosure_pairs(view)
                if pairs:
                    kind = "disclosure"
                    for key, value in pairs:
                        name = furniture.meta_field(key)
                        if name and value and name not in meta_values:
                            meta_values[name] = value
        if kind:
            result.furniture.append(furniture.furniture_line(kind, text, s, e, number))
            continue
        content.append(_Line(s, e, number))

    paragraphs = _join_continuations(content, folded)
    title, title_span = _find_title(text, folded, paragraphs, meta_values.get("title"))
    result.title_span = title_span
    for name in ("generated", "published"):
        if name in meta_values:
            meta_values[name] = furniture.iso_date(meta_values[name]) or meta_values[name]
    result.meta = replace(meta, title=title, **{k: v for k, v in meta_values.items() if k != "title"})

    clauses = ClauseTable()
    _build_body(text, folded, index, paragraphs, title_span, result, clauses)
    result.clauses = clauses.freeze(text, index, result.sentences)
    return result


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _LEADING_SPACE:
        start += 1
    while end > start and text[end - 1] in _LEADING_SPACE:
        end -= 1
    return start, end


def _looks_like_heading(view: str) -> bool:
    styles, _ = _styles()
    return any(s.pattern.match(view) for s in styles)


def _join_continuations(content: list[_Line], folded: str) -> list[_Line]:
    """A line that starts with closing punctuation continues the previous paragraph.

    Transcriptions often break a line around a link (“…所作的\\n政府工作报告\\n。会议…”).
    """
    joined: list[_Line] = []
    for ln in content:
        if joined and folded[ln.start] in _CONTINUATION:  # no line is empty
            joined[-1] = _Line(joined[-1].start, ln.end, joined[-1].number)
        else:
            joined.append(ln)
    return joined


def _find_title(text, folded, paragraphs, declared):
    """The report's own title line: the declared 信息名称 if a line says it, else the first
    short line without sentence punctuation before any heading."""
    candidates = paragraphs[:6]
    if declared:
        for p in candidates:
            if folded[p.start:p.end].strip() == declared.strip():
                return text[p.start:p.end], (p.start, p.end)
    for p in candidates:
        view = folded[p.start:p.end]
        if _looks_like_heading(view):
            break
        if len(view) <= TITLE_MAX and not any(ch in SENTENCE_ENDS or ch in ",，:：" for ch in view):
            if _TITLE_WORDS.search(view) or (declared is None and p is paragraphs[0] and len(paragraphs) > 1):
                return text[p.start:p.end], (p.start, p.end)
        if any(ch in "。" for ch in view):
            break
    return declared, None


def _build_body(text, folded, index, paragraphs, title_span, result: Structure,
               clauses: ClauseTable) -> None:
    styles, list_patterns = _styles()
    list_keys = _list_keys()
    any_style = _any_style().match
    stack: list[tuple[str, Heading]] = []  # (style name, heading): the open heading path
    for p in paragraphs:
        if title_span and p.start == title_span[0]:
            continue
        view = folded[p.start:p.end]
        heading = None
        body_start = p.start
        for style in (styles if any_style(view) else ()):
            m = style.pattern.match(view)
            if not m or m.end() >= len(view):
                continue
            heading, body_start = _make_heading(text, folded, index, p, m, style, stack, result)
            break
        current = stack[-1][1].id if stack else None
        pid = f"p{len(result.paragraphs) + 1}"
        result.paragraphs.append(Paragraph(pid, current, p.start, p.end, p.number))
        if heading is not None and heading.title_end > heading.title_start:
            title = (heading.title_start, heading.title_end)
            _add_sentences(text, index, result, (title,), current, pid, "title")
            clauses.spans += split_clauses(text, *title)
        sentences, clause_spans = split_paragraph(text, body_start, p.end)
        _add_sentences(text, index, result, sentences, current, pid, "body")
        clauses.spans += clause_spans
        if _may_hold_list_items(folded, body_start, p.end, list_keys):
            _find_list_items(text, folded, index, list_patterns, pid, body_start, p.end, result)


def _make_heading(text, folded, index, p, m, style, stack, result):
    marker_end = m.end()
    title_start = p.start + marker_end
    # The title runs to the first sentence end; the body, if any, follows on the same line.
    first = next(split_sentences(text, title_start, p.end), (title_start, p.end))
    title_end = first[1]
    while title_end > first[0] and (text[title_end - 1] in SENTENCE_ENDS
                                    or folded[title_end - 1] in "。;!?"):
        title_end -= 1
    body_start = first[1] if first[1] < p.end else p.end
    if not text[body_start:p.end].strip():
        body_start = p.end
    # Nest the way a reader does: a style already open closes back to it; a new one nests.
    names = [name for name, _ in stack]
    if style.name in names:
        del stack[names.index(style.name):]
    parent = stack[-1][1].id if stack else None
    line, col = index.position(p.start)
    hid = f"h{len(result.headings) + 1}"
    heading = Heading(
        id=hid, level=len(stack) + 1, marker=text[p.start:p.start + marker_end].rstrip(),
        style=style.name, number=small_number(m.group("n")),
        title=text[first[0]:title_end], parent=parent, start=p.start, end=title_end,
        line=line, col=col, title_start=first[0], title_end=title_end,
        body_start=body_start if body_start < p.end else None,
    )
    stack.append((style.name, heading))
    result.headings.append(heading)
    return heading, body_start


def _add_sentences(text, index, result, spans, heading, pid, role):
    """The records of the sentences at ``spans`` (none empty). One call a paragraph, not one
    a sentence."""
    sentences = result.sentences
    append = sentences.append
    line_starts = index.starts
    n = len(sentences)
    for s, e in spans:
        n += 1
        line = bisect_right(line_starts, s)  # index.position(s), without a call a sentence
        append(Sentence(f"s{n}", heading, pid, role, text[s:e], s, e, line,
                        s - line_starts[line - 1] + 1))


def _find_list_items(text, folded, index, patterns, pid, start, end, result):
    view = folded[start:end]
    hits = []
    for pattern in patterns:
        for m in pattern.finditer(view):
            at = m.start()
            before = view[at - 1] if at else ""
            if at == 0 or before in "，,；;。：:！!？?":
                hits.append((at, m.end(), small_number(m.group("n"))))
    hits.sort()
    for k, (a, b, number) in enumerate(hits):
        item_end = hits[k + 1][0] if k + 1 < len(hits) else len(view)
        s = start + a
        e = start + item_end
        while e > s and text[e - 1] in SPACE:
            e -= 1
        line, col = index.position(s)
        result.list_items.append(ListItem(
            f"l{len(result.list_items) + 1}", pid, text[s:start + b], number, s, e, line, col))
