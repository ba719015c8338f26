"""Per-period targets and 同比 claims against the base the reports state, on a half-year pair
written for these tests: tests/fixtures/diff/jiedao-2024h1.txt (a first-half summary with its
plan for the second half) → jiedao-2024.txt (the full-year summary)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"
OLD, NEW = FIXTURES / "jiedao-2024h1.txt", FIXTURES / "jiedao-2024.txt"


@lru_cache(maxsize=None)
def _diff(old_text: str | None = None, new_text: str | None = None):
    import reportkit
    from reportkit.diff import diff

    old = reportkit.parse(old_text) if old_text else reportkit.load(OLD)
    new = reportkit.parse(new_text) if new_text else reportkit.load(NEW)
    return diff(old, new)


def _targets(result):
    return {t.target.text: (t.actual.text if t.actual else None, t.status) for t in result.targets}


def test_per_period_target_met_by_a_per_period_result():
    # 每季度巡查企业不少于300家 ↔ 每季度均巡查企业不少于320家, not the year's 1260家
    assert _targets(_diff())["不少于300家"] == ("不少于320家", "met")


def test_per_period_target_missed_by_a_per_period_result():
    # 每月开展消防演练不少于4次 ↔ 每月开展消防演练3次
    assert _targets(_diff())["不少于4次"] == ("3次", "missed")


def test_totals_and_per_period_figures_are_never_held_against_each_other():
    targets = _targets(_diff())
    assert targets["不少于50家"] == (None, "unreported")  # 每月走访 vs 全年走访企业720家
    assert targets["不少于24场"] == (None, "unreported")  # 全年宣传活动 vs 每月均开展2场
    assert targets["不少于2000人次"] == ("2150人次", "met")  # a total against a total


def test_a_floor_every_period_kept_is_a_result_not_a_plan():
    result = _diff()
    assert [t.target.text for t in result.targets] == [
        "不少于300家", "不少于4次", "不少于2000人次", "不少于50家", "不少于24场"]


def _claims(result):
    return {c.level.text: (c.base.text, c.claim.text, str(c.implied), c.status, c.base_source) for c in result.claims}


def test_wrong_growth_against_a_quoted_baseline_is_flagged_with_both_numbers():
    # OLD: 已完成2023年全年总量（2000个）的55%; NEW: 全年新增就业岗位2400个，同比增长25% (2400/2000: +20%)
    assert _claims(_diff())["2400个"] == ("2000个", "25%", "20", "inconsistent", "quoted")


def test_right_growth_against_a_quoted_baseline_passes():
    # OLD: 占2023年全年总量（800户）的52.5%; NEW: 全年新增市场主体880户，同比增长10%
    assert _claims(_diff())["880户"] == ("800户", "10%", "10", "consistent", "quoted")


def test_no_base_stated_no_verdict():
    # OLD says 引进项目15个 (its own half year) and no 2023 figure: 同比增长20% is left alone
    assert "36个" not in _claims(_diff())
    assert len(_diff().claims) == 2


def test_a_baseline_of_another_span_is_not_the_base():
    old = OLD.read_text(encoding="utf-8").replace("已完成2023年全年总量（2000个）", "已完成2023年上半年总量（2000个）")
    assert "2400个" not in _claims(_diff(old, None))


def test_a_per_period_result_in_the_text_output(cli):
    r = cli("diff", str(OLD), str(NEW), "--format", "json", "--fail-on", "missed-target,inconsistent-claim")
    assert r.code == 1, r
    data = json.loads(r.out)
    assert (data["summary"]["targets_met"], data["summary"]["targets_missed"],
            data["summary"]["claims_consistent"], data["summary"]["claims_inconsistent"]) == (2, 1, 1, 1)
    bad = next(c for c in data["claims"] if c["status"] == "inconsistent")
    assert (bad["base"]["text"], bad["level"]["text"], bad["stated_shown"], bad["implied_shown"]) == (
        "2000个", "2400个", "25%", "20%")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_flagged_claim_shows_both_numbers_and_the_growth(cli, fmt):
    r = cli("diff", str(OLD), str(NEW), "--format", fmt)
    line = next(x for x in r.out.splitlines() if "2400个" in x and "25%" in x)
    assert "2000个" in line and "20%" in line and "inconsistent" in line


def test_markdown_marks_the_quoted_base(cli):
    out = cli("diff", str(OLD), str(NEW), "--format", "markdown").out
    assert "| 新增就业岗位 | 2000个 (quoted) | 2400个 | 25% | 20% | inconsistent | 5 |" in out
    assert "| 新增市场主体 | 800户 (quoted) | 880户 | 10% | 10% | consistent | 5 |" in out
