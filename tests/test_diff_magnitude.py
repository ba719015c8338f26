"""Figures in their own magnitude: numbers.magnitude, the diff's notes and claims, and the
computed amounts of check messages. The 2024 → 2025 pair is bundled in tests/data/reports."""

from __future__ import annotations

import re
from decimal import Decimal as D
from functools import lru_cache

import pytest
from conftest import DATA

from reportkit.numbers.magnitude import auto_magnitude, in_magnitude, plain

YI, WANYI, WAN_REN = ("亿元", D("1E8")), ("万亿元", D("1E12")), ("万人", D(10000))


@pytest.mark.parametrize("value, base_unit, written, expected", [
    (D("4E11"), "元", [YI], "+4000亿元"),  # 1000亿元 → 5000亿元
    (D("1.6E12"), "元", [WANYI], "+1.6万亿元"),  # 4.06万亿元 → 5.66万亿元
    (D(120000), "人", [WAN_REN], "+12万人"),
    (D(145000), "人次", [("万人次", D(10000))], "+14.5万人次"),
    (D("-5E11"), "元", [WANYI, YI], "-5000亿元"),  # 1万亿元 → 5000亿元: the magnitude where it is ≥ 1
    (D("1E11"), "元", [WANYI], "+1000亿元"),  # 1.1万亿元 → 1.2万亿元: one step down the ladder
    (D("1E10"), "斤", [("万亿斤", D("1E12"))], "+100亿斤"),
    (D(68400), "元", [("万元", D(10000)), YI], "+6.84万元"),
    (D(204), "件", [("件", D(1))], "+204件"),
    (D(3000), "人", [WAN_REN], "+3000人"),  # below 万: the base unit
    (D(0), "元", [WANYI], "0万亿元"),
    (D("0.5"), "公里", [("公里", D(1))], "+0.5公里"),  # not a 万/亿 unit: no ladder
])
def test_in_magnitude(value, base_unit, written, expected):
    assert in_magnitude(value, base_unit, written, signed=True) == expected


def test_without_written_units_large_amounts_go_to_wan_and_yi():
    assert auto_magnitude(D("400000000000"), "元") == (D(4000), "亿元")
    assert auto_magnitude(D("-1600000000000")) == (D("-1.6"), "万亿")
    assert auto_magnitude(D(145000), "人") == (D("14.5"), "万人")
    assert auto_magnitude(D(123456)) == (D(123456), "")  # 12.3456万 reads worse than the figure
    assert auto_magnitude(D(123456789)) == (D("1.23456789"), "亿")  # never 9 digits
    assert plain(D("1.60")) == "1.6" and plain(D("4E+3")) == "4000" and plain(D("-0.00")) == "0"


@lru_cache(maxsize=1)
def _state_council():
    import reportkit
    from reportkit.diff import diff

    return diff(reportkit.load(DATA / "reports" / "state-council-2024.txt"),
                reportkit.load(DATA / "reports" / "state-council-2025.txt"))


@pytest.mark.parametrize("old, new, note", [
    ("1000亿元", "5000亿元", "+4000亿元"),
    ("4.06万亿元", "5.66万亿元", "+1.6万亿元"),
    ("1.1万亿元", "1.2万亿元", "+1000亿元"),
    ("1244万人", "1256万人", "+12万人"),
    ("超过126万亿元", "134.9万亿元", "at most +8.9万亿元"),
    ("1.39万亿斤", "1.4万亿斤", "+100亿斤"),
])
def test_state_council_changes_in_their_magnitude(old, new, note):
    pair = next(p for p in _state_council().changed if (p.old.text, p.new.text) == (old, new))
    assert pair.change.note == note
    assert pair.change.delta == pair.new.base_value - pair.old.base_value  # json: exact base units


LONG_BASE_FIGURE = re.compile(r"[+-]?\d{9,}(?:\.\d+)?(元|人|斤|人次|户)")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_no_nine_digit_base_figures_for_people(cli, fmt):
    r = cli("diff", str(DATA / "reports" / "state-council-2024.txt"), str(DATA / "reports" / "state-council-2025.txt"),
            "--format", fmt)
    assert r.code == 0, r
    assert "+4000亿元" in r.out and "+1.6万亿元" in r.out
    assert not LONG_BASE_FIGURE.search(r.out), LONG_BASE_FIGURE.search(r.out)


def test_csv_keeps_base_delta_beside_the_readable_note(cli):
    import csv
    import io

    r = cli("diff", str(DATA / "reports" / "state-council-2024.txt"), str(DATA / "reports" / "state-council-2025.txt"),
            "--format", "csv")
    row = next(x for x in csv.DictReader(io.StringIO(r.out)) if x["old"] == "1000亿元" and x["new"] == "5000亿元")
    assert (row["delta"], row["unit"], row["note"]) == ("400000000000", "元", "+4000亿元")


def test_claims_show_implied_values_in_magnitude(cli):
    import json

    r = cli("diff", str(DATA / "reports" / "state-council-2024.txt"), str(DATA / "reports" / "state-council-2025.txt"),
            "--format", "markdown")
    assert "| 赤字规模 | 4.06万亿元 | 5.66万亿元 | 1.6万亿元 | 1.6万亿元 | consistent | 53 |" in r.out
    assert "| 安排地方政府专项债券 | 3.9万亿元 | 4.4万亿元 | 5000亿元 | 5000亿元 | consistent | 53 |" in r.out
    data = json.loads(cli("diff", str(DATA / "reports" / "state-council-2024.txt"),
                          str(DATA / "reports" / "state-council-2025.txt"), "--format", "json").out)
    claim = next(c for c in data["claims"] if c["claim"]["text"] == "1.6万亿元")
    assert (claim["implied"], claim["implied_shown"], claim["stated"], claim["stated_shown"]) == (
        "1600000000000", "1.6万亿元", "1600000000000", "1.6万亿元")
    pair = next(p for p in data["changed"] if p["old"]["text"] == "1000亿元")
    assert (pair["delta"], pair["unit"], pair["note"]) == ("400000000000", "元", "+4000亿元")
    target = next(t for t in data["targets"] if t["target"]["text"] == "1200万人以上")
    assert (target["bound"], target["bound_shown"]) == ("12000000", "1200万人")


def test_check_messages_put_bare_computed_amounts_in_magnitude():
    from reportkit.check.bounds import Interval
    from reportkit.check.template import parse, render

    names = {"a": "num", "b": "num", "total": "num"}
    env = {"a": Interval.exact(D(600000000)), "b": Interval.exact(D(40)), "total": Interval.exact(D(5))}
    attrs = {("total", "unit"): "万元"}
    out = render(parse("隐含目标约{a / b * 100}；合计{total * 2}{total.unit}；比率{b / 2}%", names),
                 lambda n, attr: attrs[(n, attr)], lambda n, attr: env[n])
    # a number before a unit is already in that unit: never 10万元 written as 1万万元
    assert out == "隐含目标约15亿；合计10万元；比率20%"
