"""A PDF's text layer → the report's text, rebuilt as a reader sees it (pypdfium2).

PDF text is positioned glyphs, not lines or paragraphs, and Chinese reports suffer from the
generic recovery every extractor does: spaces synthesised between glyphs. Here:

* generated characters are dropped and a space is kept only between two Latin letters or
  digits whose glyphs are apart: ``2023 年`` → ``2023年``, ``1 2 3 件`` → ``123件`` where
  the glyphs touch;
* overprinted glyphs (fake bold: the same character drawn twice at almost the same place)
  count once;
* glyphs are grouped into lines by position, so a number stays in its sentence;
* paragraphs are rebuilt across line and page breaks: a line continues the one before it
  unless that one ended short of the right margin, or this one is indented (a first-line
  indent) or set apart by a blank gap;
* page numbers (``— 3 —``, ``-3-``, ``第3页``, ``3``) and running headers and footers (the
  same line at the top or bottom of several pages) are page furniture, left out of the text.

A PDF without a usable text layer — a scan, or glyphs without a Unicode map (private-use
or replacement characters) — is an error, never wrong numbers. Each line of the text
carries its page and its line on that page (:class:`~reportkit.models.SourceBlock`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..compiled import compile_re
from ..errors import InputError
from ..models import SourceBlock
from .extracted import Extracted

MAX_PAGES = 2000
MAX_CHARS = 5_000_000
_PAGE_NUMBER = compile_re(r"^[\s\-—–－·•]*(?:第\s*)?[0-9０-９]+(?:\s*页)?(?:\s*[/／共]\s*[0-9０-９]+\s*页?)?[\s\-—–－·•]*$")
_END_OF_SENTENCE = set("。！？!?；;：:…”’」』）)")
_HEADING_START = compile_re(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9０-９]+[.．、]|第[一二三四五六七八九十]+[章节条部分])")


@dataclass
class _Glyph:
    ch: str
    left: float
    bottom: float
    right: float
    top: float
    size: float


@dataclass
class _Line:
    page: int
    glyphs: list[_Glyph] = field(default_factory=list)
    text: str = ""
    number: int = 0  # on its page, counting the lines read (furniture included)

    @property
    def left(self) -> float:
        return min(g.left for g in self.glyphs)

    @property
    def right(self) -> float:
        return max(g.right for g in self.glyphs)

    @property
    def top(self) -> float:
        return max(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return min(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        sizes = sorted(g.top - g.bottom for g in self.glyphs)
        return max(sizes[len(sizes) // 2], 1.0)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def unmapped_glyph(ch: str) -> bool:
    code = ord(ch)
    return (0xE000 <= code <= 0xF8FF or code in (0xFFFD, 0xFFFE, 0xFFFF) or code >= 0xF0000
            or (code < 0x20 and ch not in "\t\r\n"))


def _open(data: bytes, name: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if b"%%EOF" not in data[-2048:]:
        raise InputError(f"{name}: the PDF is truncated (no end-of-file marker); download it again")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if raw.FPDF_GetLastError() == raw.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise InputError(f"{name}: the PDF is encrypted (password protected); "
                             f"save an unprotected copy") from None
        raise InputError(f"{name}: not a readable PDF (damaged?)") from None


def _page_glyphs(page) -> list[_Glyph]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        glyphs: list[_Glyph] = []
        for i in range(count):
            if raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue  # a space or line break pdfium made up
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            if code in (0x0D, 0x0A, 0x02):
                continue
            try:
                ch = chr(code)
            except ValueError:
                ch = "\ufffd"
            # the loose box spans the glyph's advance and the font's ascent to descent: the
            # same height for every glyph of a line (tight boxes of "，" and "年" differ), and
            # no false gap beside a thin "1"
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = raw.FPDFText_GetFontSize(textpage.raw, i) or (top - bottom)
            glyphs.append(_Glyph(ch, left, bottom, right, top, size))
        return glyphs
    finally:
        textpage.close()


def _dedupe(glyphs: list[_Glyph]) -> list[_Glyph]:
    """Fake bold draws a glyph twice, offset by a fraction of its width: keep the first."""
    out: list[_Glyph] = []
    for g in glyphs:
        tol = max(g.size, 1.0) * 0.25
        if any(p.ch == g.ch and abs(p.left - g.left) < tol and abs(p.bottom - g.bottom) < tol
               for p in out[-4:]):
            continue
        out.append(g)
    return out


def _lines(glyphs: list[_Glyph], page: int) -> list[_Line]:
    """Group glyphs into lines by their vertical centre, top to bottom, each left to right."""
    lines: list[_Line] = []
    for g in glyphs:
        if g.ch.isspace() and g.right - g.left <= 0:
            continue
        centre = (g.top + g.bottom) / 2
        height = max(g.top - g.bottom, g.size * 0.5, 1.0)
        for line in reversed(lines[-3:]):
            lc = (line.top + line.bottom) / 2
            if abs(lc - centre) < height * 0.5:
                line.glyphs.append(g)
                break
        else:
            lines.append(_Line(page, [g]))
    lines.sort(key=lambda ln: -ln.top)
    for n, line in enumerate(lines, 1):
        line.glyphs.sort(key=lambda g: g.left)
        line.number = n
        line.text = _join_glyphs(line.glyphs)
    return [ln for ln in lines if ln.text]


def _join_glyphs(glyphs: list[_Glyph]) -> str:
    """The line's text: a space only between two Latin letters/digits set apart."""
    out: list[str] = []
    prev: _Glyph | None = None
    for g in glyphs:
        if g.ch.isspace():
            continue  # real space glyphs are judged by the gap they leave, below
        if prev is not None and out:
            gap = g.left - prev.right
            if gap > 0.25 * max(g.size, prev.size, 1.0) and not _wide(prev.ch) and not _wide(g.ch) \
                    and prev.ch.isalnum() and g.ch.isalnum():
                out.append(" ")
        out.append(g.ch)
        prev = g
    return "".join(out).strip()


def _furniture(pages: list[list[_Line]]) -> set[int]:
    """ids of lines that are page numbers or running headers/footers."""
    drop: set[int] = set()
    edges: dict[str, int] = {}
    for lines in pages:
        for line in (lines[:2] + lines[-2:]) if lines else []:
            key = re.sub(r"[0-9０-９]+", "#", line.text)
            edges[key] = edges.get(key, 0) + 1
    for lines in pages:
        if not lines:
            continue
        edge = lines[:2] + lines[-2:]
        for line in edge:
            key = re.sub(r"[0-9０-９]+", "#", line.text)
            if _PAGE_NUMBER.match(line.text) and (line is lines[0] or line is lines[-1] or len(line.text) <= 12):
                drop.add(id(line))
            elif len(pages) >= 3 and edges.get(key, 0) >= max(3, len(pages) // 2) and len(line.text) <= 60:
                drop.add(id(line))  # the same line at the top or bottom of most pages
    return drop


def read_pdf(data: bytes, name: str) -> Extracted:
    pdf = _open(data, name)
    try:
        if len(pdf) > MAX_PAGES:
            raise InputError(f"{name}: more than {MAX_PAGES} pages: not a report")
        pages: list[list[_Line]] = []
        total = unmapped = 0
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                glyphs = _dedupe(_page_glyphs(page))
            finally:
                page.close()
            visible = [g for g in glyphs if not g.ch.isspace()]
            total += len(visible)
            unmapped += sum(1 for g in visible if unmapped_glyph(g.ch))
            if total > MAX_CHARS:
                raise InputError(f"{name}: more than {MAX_CHARS} characters of text: not a report")
            pages.append(_lines(glyphs, index + 1))
    finally:
        pdf.close()
    require_text_layer(total, unmapped, name)
    return _assemble(pages)


def require_text_layer(total: int, unmapped: int, name: str) -> None:
    """No glyphs, or more than 2% without a Unicode meaning (what pdfminer shows as
    ``(cid:123)``; private-use or replacement characters here): the numbers read would be
    wrong or missing, so nothing is read."""
    if total == 0 or unmapped > max(3, total // 50):
        raise InputError(f"{name}: no text layer (scanned PDF?); run it through OCR first")


def _assemble(pages: list[list[_Line]]) -> Extracted:
    drop = _furniture(pages)
    body = [ln for lines in pages for ln in lines if id(ln) not in drop]
    if not body:
        raise InputError("the PDF has no text besides page numbers")
    left = _mode([round(ln.left) for ln in body])
    right = max(ln.right for ln in body)
    parts: list[str] = []
    blocks: list[SourceBlock] = []
    pos = 0
    prev: _Line | None = None
    for line in body:
        if prev is not None:
            parts.append("" if _continues(prev, line, left, right) else "\n")
            pos += len(parts[-1])
            if parts[-1] == "" and not _wide(prev.text[-1]) and not _wide(line.text[0]) \
                    and prev.text[-1].isalpha() and line.text[0].isalpha():
                parts.append(" ")  # a wrapped Latin word gap
                pos += 1
        blocks.append(SourceBlock(pos, pos + len(line.text), page=line.page, line=line.number))
        parts.append(line.text)
        pos += len(line.text)
        prev = line
    text = "".join(parts) + "\n"
    return Extracted(text, "pdf", tuple(blocks))


def _continues(prev: _Line, line: _Line, left: float, right: float) -> bool:
    size = max(prev.size, line.size)
    if prev.right < right - 2.0 * size:
        return False  # the line before ended short: its paragraph ended
    if line.left > left + 1.2 * size:
        return False  # a first-line indent starts a paragraph
    if line.page == prev.page and prev.bottom - line.top > 1.0 * size:
        return False  # a blank gap between them
    if prev.text[-1] in _END_OF_SENTENCE and _HEADING_START.match(line.text):
        return False
    return True


def _mode(values: list[int]) -> float:
    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return float(max(counts, key=lambda v: (counts[v], -v)))
