"""Renderers in isolation: caret alignment under wide characters, windows, summaries."""

from __future__ import annotations

from test_check_support import make_doc

from reportkit.check import check_document, load_rules
from reportkit.render.diagnostics import display_width, render, summary_line

RULES = {r.id: r for r in load_rules()}


def test_display_width_counts_cjk_as_two_columns():
    assert display_width("办结1911件，") == 2 * 2 + 4 + 2 + 2
    assert display_width("abc") == 3


def test_carets_sit_under_the_numbers_after_wide_characters():
    text = "受理１２件，已办结15件。"
    doc = make_doc(text, [{"text": "１２件", "value": "12", "verb": "受理"}, {"text": "15件", "value": "15", "verb": "办结"}])
    findings = check_document(doc, [RULES["handled-le-received"]], "t.txt")
    out = render(findings, {"t.txt": text}, files=1).plain.splitlines()
    assert out == [
        "t.txt:1:10  handled-le-received  error: 办结15件，多于受理的１２件：办结数不能超过受理数",
        "  |",
        "1 | 受理１２件，已办结15件。",
        "  |     ^^^^^^        ^^^^",
        "",
        "检查了 1 个文件：1 个错误，0 个警告，0 个提示。",
    ]


def test_summary_lines():
    assert summary_line([], 3) == "检查了 3 个文件，没有发现问题。"
    assert summary_line([], 1, suppressed=2) == "检查了 1 个文件，没有发现问题。（基线已略去 2 个旧问题）"
