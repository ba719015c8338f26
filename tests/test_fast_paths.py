"""The faster readings of issue 12 give exactly what the plain ones give, for any input."""

from __future__ import annotations

import random
import re

import pytest

from reportkit.numbers import lexicon
from reportkit.text.lines import LineIndex, iter_lines
from reportkit.text.normalize import TABLE, fold


def _random_texts(alphabet: str, count: int, longest: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(count):
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest)))


def test_fold_equals_translating_every_character():
    alphabet = "".join(map(chr, TABLE)) + "一二三十万亿元年，。a1 \n"
    for text in _random_texts(alphabet, 400, 700, seed=1):
        assert fold(text) == text.translate(TABLE)
    assert fold("１２，３" * 100) == "12,3" * 100


def test_line_starts_equal_iter_lines():
    for text in _random_texts("ab\r\n", 2000, 24, seed=2):
        assert LineIndex(text).starts == [start for start, _ in iter_lines(text)], repr(text)
    assert LineIndex("a\r\nb\rc\n").starts == [0, 3, 5]


def _fixed_names():
    found = [p for _, p in lexicon.span_patterns() if isinstance(p, lexicon._WordAlternation)]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("text", [
    "实施一网格一支部一阵地，推进三去一降一补",
    "二十一网格一支部一阵地",  # a fixed name never starts inside a numeral
    "“十一”期间接待游客十一万人次，十一件实事",
    "两个一百年两个一百年奋斗目标",
])
def test_fixed_names_match_where_the_alternation_does(text):
    names = _fixed_names()
    assert [m.span() for m in names.finditer(text)] == [m.span() for m in names.pattern.finditer(text)]


def test_fixed_names_on_random_mixtures_of_their_words():
    names = _fixed_names()
    pieces = list(names.words[:12]) + ["一", "二十", " ", "个", "，", "五", "件"]
    rnd = random.Random(3)
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert [m.span() for m in names.finditer(text)] == \
            [m.span() for m in names.pattern.finditer(text)], text


def _plain_cumulative(folded: str, pos: int, words, window: int):
    """The cumulative word as first written: back to the clause's start, then every word."""
    lo = pos
    while lo > 0 and pos - lo < window:
        ch = folded[lo - 1]
        if ch in "，。；：！？,.;:!?()（）[]【】\n\r“”\"'" or "0" <= ch <= "9":
            break
        lo -= 1
    found = [k for k in (folded.rfind(w, lo, pos) for w in words) if k != -1]
    return max(found) if found else None


def test_cumulative_word_equals_the_plain_search():
    from reportkit.numbers import expressions

    words, window = expressions._qualifiers()[4], expressions._qualifiers()[5]
    alphabet = "".join(words) + "总共计，。5 、的项目\n"
    for text in _random_texts(alphabet, 3000, 40, seed=4):
        for pos in range(len(text) + 1):
            assert expressions._cumulative(text, pos) == _plain_cumulative(text, pos, words, window), (text, pos)


def test_longest_unit_equals_trying_every_length():
    from reportkit.numbers import units

    table, _, longest = units._lexicon()
    listed = list(table)
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(listed + ["一", "，", "万"]) for _ in range(rnd.randint(0, 4)))
        text = text[rnd.randint(0, 2):]
        for pos in range(len(text) + 1):
            plain = next((table[text[pos:pos + size]] for size in range(min(longest, len(text) - pos), 0, -1)
                          if text[pos:pos + size] in table), None)
            assert units._longest_listed(text, pos) == plain, (text, pos)


@pytest.mark.parametrize("alphabet", ["0123456789万亿千百十分之余多零五 .,元人-",
                                      "一二九五零〇两俩十百万亿分之余多点折 .元人年0"])
def test_fast_paths_equal_the_full_reader(alphabet):
    """35万元, 1.4亿, 2023, 一, 一九五八: the token the full numeral reader gives (sign aside)."""
    from reportkit.numbers import numerals

    checked = 0
    for text in _random_texts(alphabet, 6000, 12, seed=6):
        if text.count(".") > 1:
            continue  # a dotted run (1.2.3) turns decimals off for what follows
        if re.search("[0-9][ ]+[余多]", text):
            continue  # the lexer ends 8104 多 at the blank, as it always has; the reader would not
        for token in numerals.scan_numbers(text):
            if text[token.start] == "-":
                continue
            fields, _ = numerals._read_token(text, token.start, len(text), True, False)
            assert numerals.NumberToken(text=text[token.start:fields["end"]], **fields) == token, text
            checked += 1
    assert checked > 5000


def _plain_jsonl(doc) -> str:
    import json

    from reportkit.render.document import quantity_row

    return "".join(json.dumps(quantity_row(doc.meta.path, q), ensure_ascii=False) + "\n"
                   for q in doc.quantities)


def test_jsonl_columns_equal_dumping_each_row():
    """to_jsonl encodes column by column, choosing by the classes a column holds: the text of
    json.dumps row by row, for real reports and for quantities holding any value."""
    from dataclasses import replace as dc_replace
    from decimal import Decimal

    import reportkit
    from reportkit.render.document import to_jsonl

    from conftest import bundled_report, sample_text

    texts = [sample_text(), bundled_report(2024), bundled_report(1954), "", "共受理诉求5000件(电话受理4800件),办结4700件。"]
    docs = [reportkit.parse(t, path=p) for t in texts for p in (None, 'a "b"\n%s.txt')]
    assert all(to_jsonl(d) == _plain_jsonl(d) for d in docs)
    assert to_jsonl(docs[6]) == ""
    quantities = [q for d in docs for q in d.quantities][:40]
    odd = [Decimal("2.3816E+6"), Decimal("-0E-3"), Decimal("1E-7"), Decimal("12.50"), Decimal("NaN"),
           Decimal("-Infinity"), None, 7, True, 1.5, float("inf"),
           "引号\"、反斜杠\\、换行\n、%s、\x00、😀", ("元", 2), [None, False], {"k": "v"}]
    rnd = random.Random(7)
    for column in ("value", "base_value", "lower", "label", "verb", "line", "start", "unit_inferred",
                   "target", "text", "metric", "per"):
        for _ in range(6):  # a column of one foreign value, of a mixture, of the column's own kind
            changed = [dc_replace(q, **{column: rnd.choice(odd)}) if rnd.random() < 0.3 else q
                       for q in quantities]
            doc = dc_replace(docs[3], quantities=tuple(changed))
            assert to_jsonl(doc) == _plain_jsonl(doc), column
