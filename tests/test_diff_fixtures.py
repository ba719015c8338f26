"""diff on the sample and two hand-made later versions of it (tests/fixtures/diff/).

Expected pairs are written by hand in ``*.pairs.tsv``; for the edited copy, figures in
untouched text pair with themselves (same line, same words before, same text).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from conftest import ROOT

import reportkit
from reportkit.diff import diff

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"
SAMPLE = ROOT / "samples" / "dongcheng-2023h1.txt"
PRECISION_FLOOR = 0.95


@lru_cache(maxsize=None)
def _doc(path: str):
    return reportkit.load(path)


def _old():
    return _doc(str(SAMPLE))


def _new(name: str):
    return _doc(str(FIXTURES / f"{name}.txt"))


@lru_cache(maxsize=None)
def _result(name: str, tokenizer: str = "bigram"):
    return diff(_old(), _new(name), tokenizer=tokenizer)


def _find(doc, context: str, text: str):
    hits = [q for q in doc.quantities
            if q.text == text and doc.text[max(0, q.start - len(context)):q.start] == context]
    assert len(hits) == 1, f"{context}|{text}: {len(hits)} quantities match in {doc.meta.path}"
    return hits[0]


def _expected(name: str) -> set[tuple[str, str]]:
    old, new = _old(), _new(name)
    pairs = set()
    for line in (FIXTURES / f"{name}.pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            oc, ot, nc, nt = line.split("\t")
            pairs.add((_find(old, oc, ot).id, _find(new, nc, nt).id))
    if name == "dongcheng-2023h1-edited":
        pairs |= _untouched(old, new, {o for o, _ in pairs})
    return pairs


def _untouched(old, new, listed: set[str]) -> set[tuple[str, str]]:
    """The edited copy keeps lines; a figure with the same line, text and 5 characters before
    it is the same figure."""
    key = lambda doc, q: (q.line, q.text, doc.text[max(0, q.start - 5):q.start])  # noqa: E731
    by_key = {key(new, q): q.id for q in new.quantities}
    return {(q.id, by_key[key(old, q)]) for q in old.quantities
            if q.id not in listed and key(old, q) in by_key}


def _predicted(result) -> set[tuple[str, str]]:
    return {(p.old.id, p.new.id) for p in result.changed + result.unchanged}


def _precision_recall(tokenizer: str) -> tuple[float, float, int]:
    correct = predicted = expected = 0
    for name in ("dongcheng-2023h1-edited", "dongcheng-2023h2"):
        got, want = _predicted(_result(name, tokenizer)), _expected(name)
        correct += len(got & want)
        predicted += len(got)
        expected += len(want)
    return correct / predicted, correct / expected, predicted


def test_alignment_precision_over_fixture_pairs(capsys):
    precision, recall, predicted = _precision_recall("bigram")
    jieba_precision, jieba_recall, _ = _precision_recall("jieba")
    with capsys.disabled():
        print(f"\ndiff alignment over fixture pairs: precision {precision:.3f}, recall {recall:.3f} "
              f"({predicted} pairs); with jieba label tokens: precision {jieba_precision:.3f}, "
              f"recall {jieba_recall:.3f}")
    assert precision >= PRECISION_FLOOR
    assert recall >= 0.90


@pytest.mark.parametrize("name", ["dongcheng-2023h1-edited", "dongcheng-2023h2"])
def test_exact_alignment(name):
    got, want = _predicted(_result(name)), _expected(name)
    old, new = _old(), _new(name)
    show = lambda ids: sorted((old.text[_q(old, o).start - 6:_q(old, o).end], new.text[_q(new, n).start - 6:_q(new, n).end])  # noqa: E731
                              for o, n in ids)
    assert show(got - want) == [] and show(want - got) == []


def _q(doc, qid):
    return next(q for q in doc.quantities if q.id == qid)


def test_edited_copy_removed_and_added():
    result = _result("dongcheng-2023h1-edited")
    assert [q.text for q in result.removed] == ["3次", "88件", "79件", "5340元"]
    assert [q.text for q in result.added] == ["320个"]
    pair = next(p for p in result.changed if p.old.text == "1900余件")
    assert (pair.change.delta, pair.change.low, pair.change.high) == (200, 100, 200)
    assert pair.change.note == "at most +200件"
    money = next(p for p in result.changed if p.old.text == "238.16万元")
    assert (str(money.change.delta), money.change.unit, str(money.change.pct)) == ("68400", "元", "2.87")


def test_second_half_targets():
    result = _result("dongcheng-2023h2")
    new = _new("dongcheng-2023h2")
    got = [(t.target.text, t.actual.text if t.actual else None, t.status) for t in result.targets]
    assert got == [
        ("不少于450家", "460家以上", "met"),
        ("100平米以上", None, "unreported"),
        ("18个", "15个", "missed"),
        ("9条", "9条", "met"),
        ("18家", "18家", "met"),
        ("6家", "4家", "missed"),
    ]
    # NEW's own 2024 plan (取缔剩余废品回收站2家) is never taken for an achievement.
    assert all(t.actual is None or t.actual.line < 47 for t in result.targets)
    assert new.text[result.targets[-1].actual.start - 7:result.targets[-1].actual.start] == "取缔废品回收站"


def test_second_half_claims():
    got = [(c.level.text, c.claim.text, c.base.text, c.kind, str(c.implied), c.status)
           for c in _result("dongcheng-2023h2").claims]
    assert got == [
        ("2050件", "12.5%", "1896件", "growth", "8.12", "inconsistent"),
        ("97件", "10.2%", "88件", "growth", "10.23", "consistent"),
        ("86.14%", "3个百分点", "83.14%", "points", "3", "consistent"),
    ]


def test_second_half_sections():
    sections = {(s.status, s.old.title if s.old else None, s.new.title if s.new else None)
                for s in _result("dongcheng-2023h2").sections}
    assert ("renamed", "上半年主要工作情况", "下半年主要工作情况") in sections
    assert ("renamed", "实施经济发展质量提升工程", "经济发展提质增效") in sections
    assert ("removed", "存在的主要困难、问题", None) in sections
    assert ("added", None, "2024年工作计划") in sections
