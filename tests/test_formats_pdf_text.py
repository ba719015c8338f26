"""The PDF post-processing on glyph positions: spaces, overprint, lines, paragraphs, furniture."""

from __future__ import annotations

import pytest

pytest.importorskip("pypdfium2")

from reportkit.errors import InputError  # noqa: E402
from reportkit.formats.pdf import (  # noqa: E402
    _Glyph, _assemble, _dedupe, _join_glyphs, _lines, require_text_layer, unmapped_glyph)

SIZE = 10.0


def glyphs(text: str, x: float = 50.0, y: float = 700.0, step: float = SIZE) -> list[_Glyph]:
    """``text`` set left to right; a space moves the pen without a glyph gap of its own."""
    out = []
    for ch in text:
        width = step if ord(ch) > 0x2E80 else step / 2
        if ch != " ":
            out.append(_Glyph(ch, x, y, x + width, y + SIZE, SIZE))
        x += width if ch != " " else step
    return out


def test_no_space_between_cjk_or_before_a_unit_but_between_apart_latin():
    assert _join_glyphs(glyphs("2023 年 增长 5 %")) == "2023年增长5%"
    assert _join_glyphs(glyphs("1 2 3 件")) == "1 2 3件"  # the digits are set apart
    assert _join_glyphs(glyphs("123件")) == "123件"  # adjacent digits stay one number
    assert _join_glyphs(glyphs("GDP growth")) == "GDP growth"


def test_overprinted_glyphs_count_once():
    doubled = []
    for g in glyphs("受理120件"):
        doubled += [g, _Glyph(g.ch, g.left + 0.4, g.bottom + 0.2, g.right + 0.4, g.top + 0.2, g.size)]
    assert _join_glyphs(_dedupe(doubled)) == "受理120件"


def page(lines: list[tuple[str, float]], number: int, top: float = 780.0):
    """Lines (text, indent) one below the other on page ``number``."""
    out = []
    for i, (text, indent) in enumerate(lines):
        out += glyphs(text, x=50.0 + indent, y=top - i * 1.5 * SIZE)
    return _lines(out, number)


def test_paragraphs_rebuilt_across_lines_and_pages_page_numbers_left_out():
    full = "一" * 40  # a full line: 40 glyphs reach the right margin
    p1 = page([("一、总体情况", 0), ("　全年受理群众来信" + "一" * 31, 0), ("办结率达到百分之九十" + "一" * 30, 0),
               ("— 1 —", 180)], 1)
    p2 = page([("共受理1896件。", 0), ("二是" + full[2:], 20), ("结束。", 0), ("-2-", 190)], 2)
    extracted = _assemble([p1, p2])
    assert extracted.text.splitlines() == [
        "一、总体情况",
        "全年受理群众来信" + "一" * 31 + "办结率达到百分之九十" + "一" * 30 + "共受理1896件。",
        "二是" + full[2:] + "结束。",
    ]
    assert [(b.page, b.line) for b in extracted.sources] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]
    texts = [extracted.text[b.start:b.end] for b in extracted.sources]
    assert texts[0] == "一、总体情况" and texts[3] == "共受理1896件。" and texts[5] == "结束。"


def test_glyphs_without_unicode_are_no_text_layer():
    chars = "受理1896件" * 20 + "\ue012\ue013\ue014\ufffd"  # private-use and replacement glyphs
    assert [ch for ch in chars if unmapped_glyph(ch)] == ["\ue012", "\ue013", "\ue014", "\ufffd"]
    require_text_layer(140, 2, "ok.pdf")  # a stray symbol-font glyph is tolerated
    with pytest.raises(InputError, match=r"^x.pdf: no text layer \(scanned PDF\?\)"):
        require_text_layer(144, 4, "x.pdf")
    with pytest.raises(InputError, match="no text layer"):
        require_text_layer(0, 0, "x.pdf")
