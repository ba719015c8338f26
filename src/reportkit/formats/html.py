"""A saved government web page → the text a reader sees, one block element per line.

Scripts, styles, forms and the document head are dropped; block elements (p, div, br, li,
h1–h6, tr, …) end a line. When the page marks its article (TRS_Editor, zoom, article,
content…), only that element is kept; otherwise the whole body is, and the furniture
detector marks the navigation lines as usual. Offsets of an HTML input index this
extracted text, not the HTML source.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..compiled import compile_re

_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer nav "
    "blockquote pre hr dd dt dl center form title".split()
)
_SKIP = frozenset("script style noscript template head select option button iframe svg".split())
_VOID = frozenset("br hr img input meta link area base col embed source track wbr".split())
_ARTICLE = compile_re(r"TRS_Editor|TRS_UEDITOR|\bzoom\b|\barticle\b|\bcontent\b|xxgk_?content|"
                      r"\bzw\b|\bzwnr\b|\bnr\b|\bmain-?text\b|\bdetail\b", re.I)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, opens an article element)
        self.article_depth = 0
        self.article_parts: list[str] = []
        self.article_done = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._newline()
        if tag in _VOID:
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class"))
        opens = (not self.article_done and self.article_depth == 0 and tag in ("div", "td", "article", "section")
                 and bool(_ARTICLE.search(marker)))
        if opens or self.article_depth:
            self.article_depth += 1
        self.stack.append((tag, opens))

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK:
            self._newline()
        # pop to the matching open tag (HTML in the wild is not well formed)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                popped = self.stack[i:]
                del self.stack[i:]
                if self.article_depth:
                    self.article_depth = max(0, self.article_depth - len(popped))
                    if self.article_depth == 0 and "".join(self.article_parts).strip():
                        self.article_done = True
                break

    def handle_data(self, data):
        if self.skip:
            return
        data = re.sub(r"[ \t\r\n]+", " ", data)
        self.parts.append(data)
        if self.article_depth and not self.article_done:
            self.article_parts.append(data)

    def _newline(self):
        self.parts.append("\n")
        if self.article_depth and not self.article_done:
            self.article_parts.append("\n")


def html_to_text(html: str) -> str:
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    chosen = parser.article_parts if "".join(parser.article_parts).strip() else parser.parts
    lines = [line.strip() for line in "".join(chosen).split("\n")]
    text = "\n".join(line for line in lines if line)
    return text + "\n" if text else ""
