"""A Word file (.docx, .docm, .dotx) → the text a reader sees, one paragraph per line.

The main document part is walked in order with lxml (python-docx's ``Paragraph.text`` drops
text inside ``w:ins`` and ``w:sdt``): text in hyperlinks, content controls, smart tags, field
results and tracked insertions (read as accepted) is kept; tracked deletions, field codes,
comments, footnote references and hidden text are not. A table is read row by row: the
cells of a row on one line, separated by tabs (a cell's own paragraphs by line breaks), so
a two-column disclosure table reads like the disclosure lines of a web page. Headers and
footers (page furniture) are separate parts and are not read. An automatically numbered
paragraph gets the label Word shows (:mod:`.numbering`), so it reads as a typed heading.
"""

from __future__ import annotations

import bisect
import posixpath

from ..errors import InputError
from ..models import SourceBlock
from .extracted import Extracted
from .numbering import W, Numbering
from .safezip import Package
from .xmlparse import parse_xml

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"
_CONTAINERS = {W + t for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple",
                               "dir", "bdo")}
_BLOCK_CONTAINERS = {W + t for t in ("customXml", "ins", "moveTo")}
# a label that ends in punctuation needs no space before the title; one that ends in a
# letter or digit (第一章, 1) is separated from it as Word's tab separates it
_CLOSING = set("、.．)）]】:：,，")


def _self_delimiting(ch: str) -> bool:
    """Punctuation and enclosed numbers (①, ⑴, ⒈) end a label; Word's tab after 第一章 or
    a bare 1 reads as a space."""
    return ch in _CLOSING or "\u2460" <= ch <= "\u24ff" or "\u3251" <= ch <= "\u32bf"


class Walk:
    """One pass over a document body: the text, its source blocks, and where each ``w:t``'s
    characters landed in the text (for putting comments on exact spans)."""

    def __init__(self, numbering: Numbering | None, *, keep_map: bool = False):
        self.numbering = numbering
        self.keep_map = keep_map
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[SourceBlock] = []
        self.paragraph = 0
        self.tables = 0
        self.map_starts: list[int] = []
        self.map_elements: list = []
        self._cell: tuple[int, int, int] | None = None

    # --- output --------------------------------------------------------------------------
    def emit(self, text: str, element=None) -> None:
        if not text:
            return
        if element is not None and self.keep_map:
            self.map_starts.append(self.pos)
            self.map_elements.append(element)
        self.parts.append(text)
        self.pos += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def element_at(self, offset: int):
        """(w:t element, index in its text) for the text character at ``offset``, or None
        where the character was not typed in a ``w:t`` (a numbering label, a tab)."""
        i = bisect.bisect_right(self.map_starts, offset) - 1
        if i < 0:
            return None
        element = self.map_elements[i]
        k = offset - self.map_starts[i]
        return (element, k) if k < len(element.text or "") else None

    # --- body ----------------------------------------------------------------------------
    def body(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.paragraph_line(child)
                self.emit("\n")
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)
            elif tag in _BLOCK_CONTAINERS:
                self.body(child)

    def table(self, tbl) -> None:
        self.tables += 1
        number, outer = self.tables, self._cell
        rows = [r for r in _rows(tbl)]
        for r, tr in enumerate(rows, 1):
            cells = _cells(tr)
            for c, tc in enumerate(cells, 1):
                if c > 1:
                    self.emit("\t")
                self._cell = (number, r, c)
                first = True
                for child in tc:
                    if child.tag == W + "p":
                        if not first:
                            self.emit("\n")
                        self.paragraph_line(child)
                        first = False
                    elif child.tag == W + "tbl":
                        if not first:
                            self.emit("\n")
                        self.table(child)
                        self._cell = (number, r, c)
                        first = True
            self.emit("\n")
        self._cell = outer

    def paragraph_line(self, p) -> None:
        self.paragraph += 1
        start = self.pos
        if self.numbering is not None:
            label, suffix = self.numbering.label(p.find(W + "pPr"))
            if label:
                self.emit(label)
                if suffix and not _self_delimiting(label[-1]):
                    self.emit(" ")
        self.inline(p)
        table, row, cell = self._cell or (None, None, None)
        self.blocks.append(SourceBlock(start, self.pos, paragraph=self.paragraph, table=table,
                                       row=row, cell=cell))

    # --- inside a paragraph ------------------------------------------------------------------
    def inline(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self.run(child)
            elif tag in _CONTAINERS:
                self.inline(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content)
            # w:del, w:moveFrom, w:pPr, comment ranges, bookmarks, math: no text a reader reads

    def run(self, r) -> None:
        rpr = r.find(W + "rPr")
        if rpr is not None and _on(rpr.find(W + "vanish")):
            return  # hidden text
        for child in r:
            tag = child.tag
            if tag == W + "t":
                self.emit(child.text or "", child)
            elif tag in (W + "tab", W + "ptab"):
                self.emit("\t")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    self.emit("\n")
            elif tag == W + "noBreakHyphen":
                self.emit("-")


def _on(el) -> bool:
    return el is not None and el.get(W + "val") not in ("0", "false", "off")


def _rows(tbl):
    for child in tbl:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            holder = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if holder is not None:
                yield from _rows(holder)


def _cells(tr):
    out = []
    for child in tr:
        if child.tag == W + "tc":
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            holder = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if holder is not None:
                out.extend(_cells(holder))
    return out


# --- the package -------------------------------------------------------------------------------

class WordPackage:
    """The parts of a Word package that reading needs, located through its relationships."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.zip = Package(data, name)
        self.main = self._main_part()
        rels = self._rels(self.main)
        self.numbering_part = rels.get("numbering")
        self.styles_part = rels.get("styles")

    def _main_part(self) -> str:
        for target, kind in self._rels_of("_rels/.rels", "").items():
            if kind.endswith(_OFFICE_DOC):
                if self.zip.has(target):
                    return target
        if self.zip.has("word/document.xml"):
            return "word/document.xml"
        raise InputError(f"{self.name}: a zip file, but not a Word document (no word/document.xml)")

    def _rels_of(self, rels_path: str, base: str) -> dict[str, str]:
        if not self.zip.has(rels_path):
            return {}
        root = parse_xml(self.zip.read(rels_path), f"{self.name}: {rels_path}")
        out = {}
        for rel in root.iter(_REL + "Relationship"):
            target, kind = rel.get("Target") or "", rel.get("Type") or ""
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out[path] = kind
        return out

    def _rels(self, part: str) -> dict[str, str]:
        folder, file = posixpath.split(part)
        found = self._rels_of(posixpath.join(folder, "_rels", file + ".rels"), folder)
        out = {}
        for path, kind in found.items():
            short = kind.rsplit("/", 1)[-1]
            if self.zip.has(path):
                out.setdefault(short, path)
        for short, default in (("numbering", "word/numbering.xml"), ("styles", "word/styles.xml")):
            if short not in out and self.zip.has(default):
                out[short] = default
        return out

    def xml(self, part: str | None):
        if part is None:
            return None
        return parse_xml(self.zip.read(part), f"{self.name}: {part}")

    def numbering(self) -> Numbering:
        return Numbering.load(self.xml(self.numbering_part), self.xml(self.styles_part))

    def properties(self) -> dict:
        if not self.zip.has("docProps/core.xml"):
            return {}
        try:
            root = self.xml("docProps/core.xml")
        except InputError:
            return {}  # damaged metadata never stops the report being read
        wanted = {"title": "title", "creator": "author", "created": "created", "modified": "modified"}
        out = {}
        for el in root:
            local = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if local in wanted and el.text and el.text.strip():
                value = el.text.strip()
                out[wanted[local]] = value[:10] if local in ("created", "modified") else value
        return out


def body_of(root, name: str):
    body = root.find(W + "body")
    if body is None:
        raise InputError(f"{name}: the Word document has no body")
    return body


def read_docx(data: bytes, name: str) -> Extracted:
    package = WordPackage(data, name)
    root = package.xml(package.main)
    walk = Walk(package.numbering())
    walk.body(body_of(root, name))
    text = walk.text
    if not text.strip():
        raise InputError(f"{name}: the Word document has no text")
    return Extracted(text, "docx", tuple(walk.blocks), package.properties())
