"""The real sample: clean as published, and each planted inconsistency found at its number."""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import sample_text

from reportkit.check import check_document, load_rules
from reportkit.document import parse


@lru_cache(maxsize=1)
def rules():
    return load_rules()


def findings(text):
    return [(f.rule, f.severity, f.line, f.col, f.end_col) for f in check_document(parse(text), rules(), "s.txt")]


BARE_WAN = ("bare-wan-money", "warning", 48, 140, 145)


def test_the_published_sample_has_no_error_and_one_notation_warning():
    assert findings(sample_text()) == [BARE_WAN]


@pytest.mark.parametrize("old, new, expected", [
    ("已办结1811件", "已办结1911件", ("handled-le-received", "error", 38, 92, 97)),
    ("已化解79件", "已化解97件", ("handled-le-received", "error", 38, 132, 135)),
    ("完成整改128处", "完成整改148处", ("fixed-le-found", "error", 60, 187, 191)),
    ("完成整改28个", "完成整改68个", ("fixed-le-found", "error", 64, 55, 58)),
    ("综合办证率达83.14%", "综合办证率达183.14%", ("share-le-100", "error", 46, 252, 259)),
    ("总投资超3000万元项目4个", "总投资超3000万元项目5个", ("parts-le-total", "error", 30, 127, 144)),
    ("农村低保家庭115户147人", "农村低保家庭115户107人", ("persons-ge-households", "error", 48, 60, 64)),
])
def test_one_planted_inconsistency_is_found_at_its_number(old, new, expected):
    text = sample_text()
    assert text.count(old) == 1
    assert findings(text.replace(old, new)) == sorted([expected, BARE_WAN], key=lambda f: (f[2], f[3]))


@pytest.mark.parametrize("old, new", [
    ("已办结1811件", "已办结1800件"),
    ("已办结1811件", "已办结1896件"),
    ("完成整改128处", "完成整改137处"),
    ("综合办证率达83.14%", "综合办证率达100%"),
    ("总投资超3000万元项目4个", "总投资超3000万元项目3个"),
    ("农村低保家庭115户147人", "农村低保家庭115户115人"),
])
def test_consistent_edits_raise_nothing_new(old, new):
    assert findings(sample_text().replace(old, new)) == [BARE_WAN]
