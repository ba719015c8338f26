"""The faster readings of numbers/labels.py, expressions.py and numerals.py equal the plain
ones they replace, on real clauses and on random strings made to hit their edges."""

from __future__ import annotations

import random

import regex

from reportkit.data import load_yaml
from reportkit.numbers import labels


def _verb_alphabet_and_words():
    data = load_yaml("verbs.yaml")
    verbs = sorted({w for ws in data["families"].values() for w in ws}, key=len, reverse=True)
    alphabet = "".join(sorted(set("".join(verbs) + "".join(data["noun_suffixes"]) + "乱总的1，")))
    return data, verbs, alphabet


def test_verb_pattern_equals_the_regex_alternation_within_bounds():
    """The verb pattern (run by re, opening with the set of first characters) finds what the
    regex module finds with the plain alternation, also between a start and an end inside a
    text, where the lookbehind sees before the start and the lookahead stops at the end."""
    data, verbs, alphabet = _verb_alphabet_and_words()
    tail = "(?!" + labels._alternation(data["noun_suffixes"]) + ")"
    plain = regex.compile("(?<![乱总])(?:" + "|".join(map(regex.escape, verbs)) + ")" + tail)
    fast = labels._verbs()["pattern"]
    rng = random.Random(6)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    texts += ["".join(rng.choice(verbs) + rng.choice(["", "乱", "总"] + data["noun_suffixes"])
                      for _ in range(6)) for _ in range(1000)]
    for text in texts:
        for _ in range(3):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert [m.span() for m in fast.finditer(text, a, b)] == \
                [m.span() for m in plain.finditer(text, a, b)], (text, a, b)
            got, want = fast.search(text, a, b), plain.search(text, a, b)
            assert (got and got.span()) == (want and want.span()), (text, a, b)


def _clean_label_as_first_written(label: str, data) -> str:
    """clean_label as first written: the regex module, rounds of stripping until one strips
    nothing, then a fullmatch of both patterns."""
    trim = labels._TRIM
    prefix_re = regex.compile("(?:" + labels._alternation(data["label_prefix_strip"]) + ")+")
    suffix_re = regex.compile("(?:" + labels._alternation(data["label_suffix_strip"]) + ")+$")

    def one_round(text: str) -> str:
        head = prefix_re.match(text)
        text = text[head.end():].strip(trim) if head and head.end() < len(text) else text
        tail = suffix_re.search(text)
        return text[: tail.start()].strip(trim) if tail and tail.start() > 0 else text

    label = label.strip(trim)
    while label and one_round(label) != label:
        label = one_round(label)
    if prefix_re.fullmatch(label) or suffix_re.fullmatch(label):
        return ""
    if "等" in label[1:]:
        rest = label[label.rindex("等") + 1:]
        label = _clean_label_as_first_written(rest, data) if rest else label
    return label.translate(labels._NO_QUOTES)[-labels.MAX_LABEL:]


def test_clean_label_equals_the_first_reading():
    """Labels made of the strip words, trim characters, newlines and a few others: where
    the prefix, the suffix, both or neither take the whole label."""
    data = load_yaml("verbs.yaml")
    pieces = sorted(set(data["label_prefix_strip"]) | set(data["label_suffix_strip"]))
    pieces += ["资金", "项目", "等", "“", "”", " ", "\n", "，", "件", "将由"]
    rng = random.Random(8)
    labels.clean_label.cache_clear()
    for _ in range(20000):
        label = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert labels.clean_label(label) == _clean_label_as_first_written(label, data), repr(label)
    labels.clean_label.cache_clear()


def test_last_boundary_equals_the_regex_alternation():
    data = load_yaml("verbs.yaml")
    words = sorted(data["boundaries"], key=len, reverse=True)
    plain = regex.compile("|".join(map(regex.escape, words)))
    fast = labels._verbs()["boundary"]
    alphabet = "".join(sorted(set("".join(words)))) + "的1"
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice([*words, *alphabet]) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_quantity_parts_fields_in_the_order_read_quantity_writes_them():
    """read_quantity builds QuantityParts by position: a field moved or added fails here."""
    import dataclasses

    from reportkit.numbers.expressions import QuantityParts

    assert [f.name for f in dataclasses.fields(QuantityParts)] == [
        "start", "end", "number_start", "number_end", "value", "unit", "dimension", "base_value",
        "base_unit", "lower", "upper", "lower_inclusive", "upper_inclusive", "qualifier",
        "cumulative", "target", "unit_inferred", "weak_unit", "form"]


def test_read_quantity_fields():
    """Every field of two amounts, as read_quantity wrote them by keyword."""
    from decimal import Decimal

    from reportkit.numbers.expressions import QuantityParts, read_quantity
    from reportkit.numbers.numerals import scan_numbers

    def read(text):
        return read_quantity(text, next(iter(scan_numbers(text))))

    assert read("累计完成投资超过3.5万元以上的项目") == QuantityParts(
        start=6, end=15, number_start=8, number_end=12, value=Decimal("3.5"), unit="万元",
        dimension="money", base_value=Decimal("3.5E+4"), base_unit="元", lower=Decimal("3.5"),
        upper=None, lower_inclusive=False, upper_inclusive=True, qualifier="超过…以上",
        cumulative=True, target=False, unit_inferred=False, weak_unit=False, form="plain")
    assert read("计划不少于3期") == QuantityParts(
        start=2, end=7, number_start=5, number_end=6, value=Decimal("3"), unit="期",
        dimension="count", base_value=Decimal("3"), base_unit="期", lower=Decimal("3"), upper=None,
        lower_inclusive=True, upper_inclusive=True, qualifier="不少于", cumulative=False,
        target=True, unit_inferred=False, weak_unit=True, form="plain")


def test_number_token_fields_in_the_order_scan_numbers_writes_them():
    """scan_numbers builds NumberToken by position: a field moved or added fails here."""
    import dataclasses

    from reportkit.numbers.numerals import NumberToken

    assert [f.name for f in dataclasses.fields(NumberToken)] == [
        "start", "end", "text", "value", "coefficient", "magnitude", "magnitude_start",
        "inner_qualifier", "inner_qualifier_start", "script", "form", "decimals", "after_zero"]


def test_scanned_tokens_of_the_full_reader():
    """Tokens of the full reader (signed, qualified, with magnitudes, percent, fraction, 零几),
    every field, values as written (-2.0E+5)."""
    from decimal import Decimal

    from reportkit.numbers.numerals import NumberToken, scan_numbers

    got = list(scan_numbers("减少为-3千5百余人、负二十万、百分之二十一点一、三分之二、一百零几"))
    third = Decimal("0.6666666666666666666666666667")
    assert got == [
        NumberToken(3, 9, "-3千5百余", Decimal("-3500"), Decimal("-3500"), "", 9, "余", 8, "mixed",
                    "plain", 0, False),
        NumberToken(11, 15, "负二十万", Decimal("-2.0E+5"), Decimal("-20"), "万", 14, None, None,
                    "chinese", "plain", 0, False),
        NumberToken(16, 24, "百分之二十一点一", Decimal("21.1"), Decimal("21.1"), "", 24, None, None,
                    "chinese", "percent", 1, False),
        NumberToken(25, 29, "三分之二", third, third, "", 29, None, None, "chinese", "fraction", 0, False),
        NumberToken(30, 34, "一百零几", Decimal("100"), Decimal("100"), "", 34, "几", 33, "chinese",
                    "plain", 0, True),
    ]
    assert [(str(t.value), str(t.coefficient)) for t in got[:2]] == [("-3500", "-3500"), ("-2.0E+5", "-20")]
