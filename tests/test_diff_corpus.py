"""diff on real text: the 2024 and 2025 State Council reports (needs ../shared; skips without)."""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside this checkout")


def _line_of(year: int) -> int:
    import json

    with CORPUS.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip() and str(json.loads(line).get("year")) == str(year):
                return number
    raise AssertionError(f"no {year} report in the corpus")


@lru_cache(maxsize=1)
def _result():
    from reportkit.diff import diff
    from reportkit.document import load_ref
    from reportkit.formats.inputs import InputRef

    old, new = (load_ref(InputRef(f"{CORPUS}:{n}", str(CORPUS), n)) for n in (_line_of(2024), _line_of(2025)))
    return diff(old, new)


def _context(doc, q, width=12):
    return doc.text[max(0, q.start - width):q.end]


def _pair_containing(result, old_words: str, old_text: str):
    for p in result.changed + result.unchanged:
        if p.old.text == old_text and old_words in _context(result.old, p.old, 20):
            return p
    raise AssertionError(f"{old_words}…{old_text} is not aligned")


@pytest.mark.parametrize("old_words, old_text, new_words, new_text", [
    # 2023 figures in the 2024 report ↔ 2024 figures in the 2025 report
    ("国内生产总值", "超过126万亿元", "国内生产总值", "134.9万亿元"),
    ("城镇新增就业", "1244万人", "城镇新增就业", "1256万人"),
    ("居民消费价格上涨", "0.2%", "居民消费价格上涨", "0.2%"),
    ("粮食产量", "1.39万亿斤", "粮食产量", "1.4万亿斤"),
    # the plans of the two years side by side
    ("城镇新增就业", "1200万人以上", "城镇新增就业", "1200万人以上"),
    ("赤字规模", "4.06万亿元", "赤字规模", "5.66万亿元"),
])
def test_headline_indicators_align(old_words, old_text, new_words, new_text):
    result = _result()
    pair = _pair_containing(result, old_words, old_text)
    assert pair.new.text == new_text
    assert new_words in _context(result.new, pair.new, 20)


@pytest.mark.parametrize("words, target_text, actual_text, status", [
    ("国内生产总值增长", "5%左右", "5%", "met"),
    ("城镇新增就业", "1200万人以上", "1256万人", "met"),
    ("城镇调查失业率", "5.5%左右", "5.1%", "met"),
    ("居民消费价格涨幅", "3%左右", "0.2%", "met"),
    ("粮食产量", "1.3万亿斤以上", "1.4万亿斤", "met"),
])
def test_2024_targets_checked_against_2025_report(words, target_text, actual_text, status):
    result = _result()
    check = next(t for t in result.targets
                 if t.target.text == target_text and words in _context(result.old, t.target, 12))
    assert check.actual is not None and check.actual.text == actual_text
    assert check.status == status


def test_periods_are_not_targets():
    assert not [t for t in _result().targets if t.target.dimension == "duration"]
    assert sum(t.status == "missed" for t in _result().targets) == 0


def test_stated_increases_over_last_year_recomputed():
    claims = {(c.level.text, c.claim.text): c.status for c in _result().claims}
    # 赤字规模5.66万亿元、比上年增加1.6万亿元 (2024: 4.06万亿元) and the like
    assert claims.get(("5.66万亿元", "1.6万亿元")) == "consistent"
    assert claims.get(("4.4万亿元", "5000亿元")) == "consistent"
    assert "inconsistent" not in claims.values(), claims


def test_cli_names_corpus_records(cli):
    r = cli("diff", f"{CORPUS}:{_line_of(2024)}", f"{CORPUS}:{_line_of(2025)}", "--format", "markdown")
    assert r.code == 0, r
    assert "## Targets" in r.out and "| 5%左右 | 5% | met |" in r.out
