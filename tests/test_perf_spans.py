"""Span patterns scanned in windows (``lexicon._Windowed``) find exactly the matches of the
plain patterns: on random mixtures of each pattern's characters, on crafted patterns of every
syntax the reading knows, and on the reports; patterns it cannot read stay patterns."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from reportkit.numbers import lexicon

REPORTS = sorted((Path(__file__).parent / "data" / "reports").glob("*.txt"))


def _spans(matches):
    return [m.span() for m in matches]


def _windowed():
    return [p for _, p in lexicon.span_patterns() if isinstance(p, lexicon._Windowed)]


def _pieces(source: str) -> list[str]:
    """The pattern's own characters, numerals, blanks and characters no pattern reads."""
    own = sorted({c for c in source if not c.isascii() or c in "-~:./,()[]%"})
    return own + list("0123456789一二十 \t\n的x，。") + ["2024", "12", "五年"]


def _random_texts(rnd, pieces, count, longest=16):
    for _ in range(count):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, longest)))


@pytest.fixture(params=[1, lexicon._Windowed.SPARSE], ids=["always-windows", "default"])
def sparse(request, monkeypatch):
    # SPARSE 1 takes the windows whatever the text: every window is then tested
    monkeypatch.setattr(lexicon._Windowed, "SPARSE", request.param)
    return request.param


def test_the_slow_patterns_are_windowed():
    sources = [p.pattern.pattern for p in _windowed()]
    assert len(sources) >= 15
    assert any(":" in s for s in sources) and any("(?=号[楼线院])" in s for s in sources)


def test_every_windowed_pattern_on_random_mixtures_of_its_characters(sparse):
    rnd = random.Random(11)
    for scanner in _windowed():
        source = scanner.pattern.pattern
        for text in _random_texts(rnd, _pieces(source), 3000):
            assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text)), (source, text)


CRAFTED = [
    r"(?<![\d.])\d+\s*(?:-|至)\s*\d+(?!\d)",
    r"(?:a|bc)+d(?=e\s*f)",
    r"[ab]x(?!\s*yz)",  # a negative lookahead that reads past the match
    r"\dx(?!个件)",
    r"(?<=ab)[cd]+e",
    r"(?<![ab]{2} )[cd]e",  # a lookbehind longer than one character
    r"[12] \d ?年(?:度)?",
    r"(?:\d{2}|[一二]{1,2})[.、](?=[甲乙])",
    r"\d{1,3}(?:,\d{3})*元",
    r"[a-c]+[0-5]{2}z",
    r"[(（]\d+\)\s*项",
    r"[\-\]]\d+q",
    r"\d+\t[xy]",
    r"(\d)+[xy]{2,}?",
    r"\d++[xy]",
    r"(?:[一二]|\d)(?:季度|年)",
]


@pytest.mark.parametrize("source", CRAFTED)
def test_crafted_patterns_are_windowed_and_match_as_the_pattern(source, sparse):
    pattern = regex.compile(source)
    scanner = lexicon._Windowed.wrap(pattern)
    assert isinstance(scanner, lexicon._Windowed)
    pieces = sorted(set(c for c in source if c not in "\\()[]{}?*+|!=<>:^")) + list("0123 \n的，") + ["个件", "yz"]
    rnd = random.Random(source)
    for text in _random_texts(rnd, pieces, 4000, longest=14):
        assert _spans(scanner.finditer(text)) == _spans(pattern.finditer(text)), text


@pytest.mark.parametrize("source", [
    r"\b\d+x", r"^\d+x", r"\d+x$", r".\dx", r"[^a]\dx", r"\D\dx", r"(?i)a\dx", r"(\d)x\1",
    r"(?P<n>\d)x", r"\d*", r"(?=\d)", r"\d+|x*", r"[]a]\dx", r"\d+",  # nothing needed
    r"a\d+", r"(?<=b)a\d",  # a leading literal, which the regex module finds itself
    r"\d\x41", r"[[:alpha:]]\d",
])
def test_what_cannot_be_read_stays_the_pattern(source):
    pattern = regex.compile(source)
    assert lexicon._Windowed.wrap(pattern) is pattern


def test_flags_keep_the_pattern():
    pattern = regex.compile(r"[ab]\d+x", regex.IGNORECASE)
    assert lexicon._Windowed.wrap(pattern) is pattern


def test_windows_on_the_reports(sparse):
    for path in REPORTS:
        text = path.read_text(encoding="utf-8")
        for scanner in _windowed():
            assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text)), (path.name, scanner.pattern.pattern)


def test_a_report_parses_as_with_the_plain_patterns(monkeypatch):
    from reportkit.document import parse
    from reportkit.render.document import to_jsonl

    text = REPORTS[-1].read_text(encoding="utf-8")
    windowed = to_jsonl(parse(text))
    plain = tuple((kind, p.pattern if isinstance(p, lexicon._Windowed) else p)
                  for kind, p in lexicon.span_patterns())
    monkeypatch.setattr(lexicon, "span_patterns", lambda: plain)
    assert to_jsonl(parse(text)) == windowed


def test_quantity_fields_in_the_order_extract_writes_them(monkeypatch):
    """quantities._quantity builds a Quantity by position: a field moved or added fails here,
    and so does a field the label finder gives that the call does not place."""
    import dataclasses

    from reportkit.document import parse
    from reportkit.models import Quantity
    from reportkit.numbers import labels

    assert [f.name for f in dataclasses.fields(Quantity)] == [
        "id", "text", "start", "end", "line", "col", "value", "unit", "dimension", "base_value",
        "base_unit", "lower", "upper", "lower_inclusive", "upper_inclusive", "qualifier",
        "unit_inferred", "number_start", "number_end", "label", "verb", "key", "sentence",
        "clause", "heading", "heading_path", "cumulative", "target", "per", "metric", "role"]
    given = set()
    found = labels.LabelFinder.found

    def recording(self, *args):
        result = found(self, *args)
        given.update(result)
        return result

    monkeypatch.setattr(labels.LabelFinder, "found", recording)
    parse("一、概况\n全年完成投资12万，新增就业1,234人，计划受理诉求不少于300件。\n")
    placed = {"dimension", "base_value", "base_unit", "unit_inferred", "label", "verb", "key",
              "cumulative", "target", "per"}
    assert {"label", "verb", "key", "cumulative", "target", "per"} <= given <= placed
