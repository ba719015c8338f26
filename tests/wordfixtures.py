"""Builds Word files from plain-text reports, for the format tests (python-docx + lxml).

``build(text, ...)`` turns each line of a .txt report into a Word paragraph and can add what
real Word files have: automatic numbering for headings (on the paragraph and through the
heading styles), a number split over two differently formatted runs, a sentence inside a
tracked insertion (with a tracked deletion beside it), paragraphs in table cells, and the
disclosure header as a two-column table. The text a reader should see stays that of the .txt.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from reportkit.document import parse

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# heading families → the list level Word numbers them at
LEVELS = {"cn-comma": 0, "cn-paren": 1, "arabic-dot": 2, "arabic-paren": 3}
STYLE_LEVELS = {0: "Heading 1", 1: "Heading 2"}  # these levels are numbered through their style
_TOKEN = re.compile(r"[0-9]+|[０-９]+|[〇零一二三四五六七八九十百两]+|[①-⑳]")


@dataclass
class Built:
    data: bytes
    auto_headings: int = 0  # headings whose label Word computes
    split_numbers: list = field(default_factory=list)  # the numbers split across runs
    inserted: str = ""  # the line read from a tracked insertion
    table_lines: int = 0
    disclosure_rows: int = 0


def _fmt(token: str) -> str:
    if token.isascii():
        return "decimal"
    if "０" <= token[0] <= "９":
        return "decimalFullWidth"
    if "①" <= token[0] <= "⑳":
        return "decimalEnclosedCircleChinese"
    return "chineseCounting"



def _number(token: str) -> int:
    if token.isascii():
        return int(token)
    if "０" <= token[0] <= "９":
        return int("".join(chr(ord(c) - 0xFEE0) for c in token))
    if "①" <= token[0] <= "⑳":
        return ord(token[0]) - ord("①") + 1
    digits = "〇一二三四五六七八九"
    token = token.replace("零", "〇").replace("两", "二")
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return int("".join(str(digits.index(c)) for c in token))


def _abstract_xml(level_texts: dict[int, tuple[str, str]]) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in sorted(level_texts.items()))
    return (f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="77">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')


def _set_numpr(ppr, num_id: int, ilvl: int | None) -> None:
    numpr = OxmlElement("w:numPr")
    if ilvl is not None:
        lvl = OxmlElement("w:ilvl")
        lvl.set(qn("w:val"), str(ilvl))
        numpr.append(lvl)
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(nid)
    ppr.append(numpr)


def _run(paragraph, text: str, bold: bool = False):
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    return run


def build(text: str, *, auto_numbering: bool = False, split_number: bool = False,
          tracked_insertion: bool = False, table_lines: int = 0, disclosure_table: bool = False,
          blank_paragraphs: bool = True, page_furniture: str = "") -> Built:
    doc_txt = parse(text)
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    headings = {h.line: h for h in doc_txt.headings}
    disclosure = {f.line for f in doc_txt.furniture if f.kind == "disclosure"}
    quantities_by_line: dict[int, list] = {}
    for q in doc_txt.quantities:
        quantities_by_line.setdefault(q.line, []).append(q)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)

    document = Document()
    built = Built(b"")
    if page_furniture:  # a running header, and a footer with the page number: — 3 —
        section = document.sections[0]
        section.header.paragraphs[0].add_run(page_furniture)
        footer = section.footer.paragraphs[0]
        footer.add_run("— ")
        footer._p.append(etree.fromstring(
            f'<w:fldSimple xmlns:w="{W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        footer.add_run(" —")
    num_id = 99
    if auto_numbering:
        level_texts: dict[int, tuple[str, str]] = {}
        for h in doc_txt.headings:
            ilvl = LEVELS.get(h.style)
            m = _TOKEN.search(h.marker)
            if ilvl is None or m is None or ilvl in level_texts:
                continue
            lvl_text = h.marker[:m.start()] + f"%{ilvl + 1}" + h.marker[m.end():]
            level_texts[ilvl] = (_fmt(m.group()), lvl_text)
        numbering = document.part.numbering_part.element
        numbering.insert(0, etree.fromstring(_abstract_xml(level_texts)))
        numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="77"/></w:num>'))
        for ilvl, style_name in STYLE_LEVELS.items():
            if ilvl in level_texts:
                _set_numpr(document.styles[style_name].element.get_or_add_pPr(), num_id, ilvl)
    counters: dict[int, int] = {}

    table = None
    body_lines = [n for n in range(1, len(lines) + 1)
                  if lines[n - 1].strip() and n not in disclosure]
    plain_lines = [n for n in body_lines if n not in headings]
    table_set = set(plain_lines[3:3 + table_lines]) if table_lines else set()
    def after_marker(q):
        h = headings.get(q.line)
        return h is None or q.start >= h.end

    split_line = next((n for n in body_lines if n not in table_set and any(
        q.number_end - q.number_start >= 2 and after_marker(q) for q in quantities_by_line.get(n, ()))), None)
    ins_line = next((n for n in body_lines if n not in table_set and n != split_line
                     and any(after_marker(q) for q in quantities_by_line.get(n, ()))), None)

    for n, line in enumerate(lines, 1):
        if n in disclosure and disclosure_table and line.strip():
            key, _, value = line.strip().partition(" ")
            if table is None or table._tbl.getparent() is None or getattr(table, "_kind", "") != "disclosure":
                table = document.add_table(rows=0, cols=2)
                table._kind = "disclosure"
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(key)
            cells[1].paragraphs[0].add_run(value)
            built.disclosure_rows += 1
            continue
        if n in table_set:
            if table is None or getattr(table, "_kind", "") != "body":
                table = document.add_table(rows=0, cols=1)
                table._kind = "body"
            table.add_row().cells[0].paragraphs[0].add_run(line)
            built.table_lines += 1
            continue
        if table is not None and getattr(table, "_kind", "") == "body" and not line.strip() and \
                next((k for k in range(n + 1, len(lines) + 1) if lines[k - 1].strip()), None) in table_set:
            table.add_row()  # a blank line between table paragraphs stays a (blank) row
            continue
        table = None
        if not line.strip() and not blank_paragraphs:
            continue
        h = headings.get(n)
        cut, style, numpr_level = 0, None, None
        if h is not None and auto_numbering and h.style in LEVELS and line.startswith(h.marker):
            ilvl = LEVELS[h.style]
            m = _TOKEN.search(h.marker)
            predicted = counters.get(ilvl, 0) + 1
            if m is not None and _number(m.group()) == predicted:  # Word would show this label
                counters[ilvl] = predicted
                for deeper in [k for k in counters if k > ilvl]:
                    del counters[deeper]
                cut, style = len(h.marker), STYLE_LEVELS.get(ilvl)
                numpr_level = None if ilvl in STYLE_LEVELS else ilvl
                built.auto_headings += 1
        p = document.add_paragraph(style=style)
        if numpr_level is not None:
            _set_numpr(p._p.get_or_add_pPr(), num_id, numpr_level)
        content, base = line[cut:], line_starts[n - 1] + cut
        if n == split_line and split_number:
            q = next(q for q in quantities_by_line[n] if q.number_end - q.number_start >= 2 and after_marker(q))
            a, b = q.number_start - base, q.number_end - base
            mid = a + (b - a) // 2
            _run(p, content[:a])
            _run(p, content[a:mid])
            _run(p, content[mid:b], bold=True)  # the number's second half in bold: two runs
            _run(p, content[b:])
            built.split_numbers.append(q.text)
        elif n == ins_line and tracked_insertion:
            ins = OxmlElement("w:ins")
            ins.set(qn("w:id"), "101")
            ins.set(qn("w:author"), "审稿人")
            ins.set(qn("w:date"), "2024-01-01T00:00:00Z")
            ins.append(_run(p, content)._r)
            p._p.append(ins)
            p._p.append(etree.fromstring(
                f'<w:del xmlns:w="{W_NS}" w:id="102" w:author="审稿人" w:date="2024-01-01T00:00:00Z">'
                f'<w:r><w:delText>删去的9999件</w:delText></w:r></w:del>'))
            built.inserted = content
        else:
            _run(p, content)
    out = io.BytesIO()
    document.save(out)
    built.data = out.getvalue()
    return built
