"""The span scanners that stand in for lexicon patterns (issue 12) find exactly the matches
of the patterns they replace, on crafted and random texts (no ../shared needed)."""

from __future__ import annotations

import random

import pytest

from reportkit.numbers import lexicon

VILLAGE = next(p for p in lexicon._data()["names"]["patterns"] if p.startswith("[\\p{Han}]{0,3}?"))


def _spans(matches):
    return [m.span() for m in matches]


def _village():
    scanner = lexicon._RunScanner.parse(VILLAGE)
    assert scanner is not None
    return scanner


def _scanners():
    return [p for _, p in lexicon.span_patterns() if isinstance(p, lexicon._RunScanner)]


def test_the_run_patterns_are_scanned_not_compiled():
    assert VILLAGE in [s.pattern.pattern for s in _scanners()]
    assert len(_scanners()) >= 6


@pytest.mark.parametrize("text", [
    "华城一村、金江苑二村和三个村",
    "一二三四五村",  # the run reaches back past the three-character prefix
    "金江苑新华城十二村",  # more Han before the run than the prefix takes
    "三x五村",  # a prefix that holds a numeral of a run with no suffix
    "一村二村三社区四组",  # matches that touch
    "a二村，五组人，六区个，七街x户，八巷家户",  # the lookahead's optional character
    "一二三\n四五村十社",
    "",
    "村社区一",
])
def test_village_names_match_where_the_pattern_does(text):
    scanner = _village()
    assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text))


def test_village_names_on_random_mixtures():
    scanner = _village()
    pieces = list("一二三十村组区社队街巷弄里坊x，、 \n个户人家件座华城金a1两百") + ["社区", "十一村", "二村"]
    rnd = random.Random(4)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16)))
        assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text)), text


def test_village_names_stay_linear():
    # long numeral runs with no suffix (the plain pattern is quadratic on these) and one
    # long run with a suffix: each suffix walks back over its own run only
    text = ("一" * 50_000 + "x") * 4 + "二" * 50_000 + "村"
    assert _spans(_village().finditer(text)) == [(len(text) - 50_001, len(text))]


def test_every_scanner_on_random_mixtures_of_its_characters():
    rnd = random.Random(5)
    for scanner in _scanners():
        source = scanner.pattern.pattern
        alphabet = sorted({c for c in source if "\u4e00" <= c <= "\u9fff"} | set("15x，。 \n\"”个"))
        for _ in range(4000):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
            assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text)), (source, text)


@pytest.mark.parametrize("text", [
    "十二五年前，第三届二中全会、十九届三次全会",  # a run that starts with a suffix-less part
    "1998年前后，20年以后，两年后",
    "一是二是三是，四是",
    "一型二型三型，五美乡村",  # a tail that takes numerals the next core needs
    "一型二二二型",
    "三大行动四大功能板块",
])
def test_scanners_on_crafted_texts(text):
    for scanner in _scanners():
        assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text)), scanner.pattern.pattern


@pytest.mark.parametrize("source", [
    r"[\p{Han}]{0,3}?[一二]+(?:村|二组)",  # a suffix holding a numeral of the run
    r"[\p{Han}]{0,3}?[一二]+(?:村|组)|x",  # an alternation bound to the whole pattern
    r"[\p{Han}]{0,3}?[一二]+(?:村|组)(?!a)|(?!b)",
    r"[\p{Han}]{0,3}?[一二]+(?:村|a)",  # a suffix that is not a plain Han word
    r"[\p{Han}]{0,3}[一二]+(?:村|组)",  # a greedy prefix
    r"[一二]+(?:村|组)(.)\1",  # a back-reference
    r"[一二\d]+(?:村|组)|3",
    r"[一-九]+村",  # a range
])
def test_other_shapes_stay_patterns(source):
    assert lexicon._RunScanner.parse(source) is None


def test_fixed_name_guards_on_spaced_numerals_and_units():
    names = next(p for _, p in lexicon.span_patterns() if isinstance(p, lexicon._WordAlternation))
    pieces = ["十一", "五一", "三八", "长三角", "一国两制", "七", "3", " ", "\t", "件", "万元", "期间", "，"]
    rnd = random.Random(6)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10)))
        assert _spans(names.finditer(text)) == _spans(names.pattern.finditer(text)), text


def _after_words():
    return [p for _, p in lexicon.span_patterns() if isinstance(p, lexicon._AfterWords)]


def test_lookbehind_words_are_found_not_tried_everywhere():
    assert len(_after_words()) >= 4


def test_after_words_on_random_mixtures_of_their_characters():
    rnd = random.Random(7)
    for scanner in _after_words():
        source = scanner.pattern.pattern
        pieces = list(scanner.words) + list("0123456789一二两年来间号名位(),， 个件%万") + ["1998", "2025", "12345"]
        for _ in range(4000):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
            assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text)), (source, text)


@pytest.mark.parametrize("source", [
    r"(?<=拨打|热线)\d+|x",  # an alternation that needs no word
    r"(?<=[拨打])\d+",  # a class, not words
    r"(?<=拨.)\d+",
])
def test_other_lookbehinds_stay_patterns(source):
    assert lexicon._AfterWords.parse(source) is None


def test_an_empty_match_falls_back_to_the_pattern():
    scanner = lexicon._AfterWords.parse(r"(?<=拨打|热线)\d*")
    text = "拨打热线123，拨打"
    assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text))


def test_a_bare_word_numeral_is_what_the_reader_would_reject():
    """extract skips reading a Chinese numeral without magnitude that no unit follows: over
    random texts of numerals, units, blanks and words, the reader gives each such token
    nothing or a reading that is no amount."""
    import random

    from reportkit.numbers import quantities
    from reportkit.numbers.expressions import read_quantity
    from reportkit.numbers.numerals import scan_numbers

    rnd = random.Random(31)
    alphabet = "一二两三十百千万亿余多几半之分点 \n个件元人次年月度期折成倍%心农统以上超过累计人民币"
    skipped = 0
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 24)))
        for token in scan_numbers(text):
            if quantities._bare_word_numeral(text, token):
                skipped += 1
                parts = read_quantity(text, token)
                assert parts is None or not quantities._is_amount(token, parts, text), (text, token)
    assert skipped > 1000
