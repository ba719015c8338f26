"""The statement layer's quicker readings give exactly what the plain ones give, for any input."""

from __future__ import annotations

import random

from reportkit.document import parse
from reportkit.statements import metric
from reportkit.statements.view import View

# Pieces of report text that make sentences, ；-runs, brackets, classifications and numbers.
_PIECES = ("其中", "按", "分", "从", "共", "信访件", "受理", "12件", "3.5万元", "40%", "（", "）", "(", ")",
           "；", "。", "，", "、", "\n", "\n\n", "一、", "（二）", "区长信箱", "上半年", "1-6月", "2023年", "全年")


def _random_documents(count: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(count):
        yield parse("".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 60))))


def _views(count: int, seed: int):
    for doc in _random_documents(count, seed):
        yield View(doc)


def test_numbered_sentences_are_those_holding_a_quantity():
    for view in _views(300, seed=11):
        assert view.numbered == [s for s in view.sentences if s.id in view.by_sentence]


def test_sentences_opening_with_prefixes_are_found_as_by_testing_each():
    prefixes_tried = [("其中", "按", "分", "从"), ("共",), (), ("", "按"), ("（二）", "12")]
    for view in _views(300, seed=12):
        for prefixes in prefixes_tried:
            assert view.opening_with(prefixes) == \
                [s for s in view.sentences if view.folded.startswith(prefixes, s.start)], prefixes


def test_brackets_without_a_bracket_are_those_of_the_sweep():
    for view in _views(300, seed=13):
        for sentence in view.sentences:
            fresh = View(view.doc)
            assert view.brackets(sentence) == (fresh._bracket_info(sentence)[0] or [])


def test_channel_of_a_title_is_the_pattern_search():
    pieces = ("信", "箱", "信箱", "热线", "平台", "窗口", "渠道", "类", "区长", "（二）", "12345", "a", " ", "分")
    rnd = random.Random(14)
    for _ in range(3000):
        title = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10)))
        m = metric._CHANNEL.search(title)
        assert metric._channel_in(title) == (m.group() if m else None), title
    assert metric._channel_in("（二）区长信箱") == "区长信箱"
    assert metric._channel_in("十二、其他") is None


def test_jsonl_columns_are_json_dumps_of_each_value():
    import json
    from decimal import Decimal
    from enum import IntEnum

    from reportkit.render.document import _column_json
    from reportkit.serialize import decimal_str

    class Level(IntEnum):
        HIGH = 3

    values = [None, True, False, 0, 1, 12, -3, 10 ** 30, Level.HIGH, "", "a", "%s", "中文\"\\\n", "True",
              Decimal("1.5"), Decimal("2.3816E+6"), Decimal("-0"), 1.5, [1, "x"], (2,)]
    kinds = [values, [v for v in values if v.__class__ in (str, type(None))],
             [v for v in values if v.__class__ in (int, bool)], [v for v in values if v.__class__ is int]]
    rnd = random.Random(15)
    for _ in range(3000):
        column = tuple(rnd.choice(rnd.choice(kinds)) for _ in range(rnd.randint(1, 6)))
        expected = [json.dumps(decimal_str(v) if v.__class__ is Decimal else v, ensure_ascii=False) for v in column]
        assert list(_column_json(column)) == expected, column
