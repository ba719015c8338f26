"""The default rules on a report they were not written against: full-width punctuation and
digits, Chinese-numeral amounts, four planted inconsistencies and a skipped heading number."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "check" / "full-width-planted.txt"


def test_every_planted_inconsistency_is_found(cli):
    result = cli("check", str(FIXTURE), "--format", "json")
    assert result.code == 1, result
    found = [(f["rule"], f["severity"], f["line"], f["col"], f["message"])
             for f in json.loads(result.out)["findings"]]
    assert found == [
        ("handled-le-received", "error", 7, 33, "办结三百四十件，多于受理的三百二十件：办结数不能超过受理数"),
        ("rate-matches-counts", "error", 7, 43, "９３．７５％与三百四十件÷三百二十件=106.25%不符"),
        ("persons-ge-households", "error", 7, 84, "１２０户１００人：人数少于户数（批次数），每户、每批至少一人"),
        ("parts-le-total", "error", 9, 33,
         "各分项（８００万元、５００万元）合计1300万元，超过了总数一千二百三十四万元"),
        ("heading-skip", "warning", 11, 1, "标题编号“三、”跳号：前一个是“一、”，应为第2项"),
    ]


def test_the_same_report_made_consistent_is_clean(cli, tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    for wrong, right in (("已办结三百四十件", "已办结三百件"), ("１２０户１００人", "１００户１２０人"),
                         ("其中低保金８００万元", "其中低保金７００万元"), ("三、下半年计划", "二、下半年计划")):
        text = text.replace(wrong, right)
    path = tmp_path / "fixed.txt"
    path.write_bytes(text.encode("gb18030"))
    result = cli("check", str(path), "--format", "json")
    assert (result.code, json.loads(result.out)["findings"]) == (0, []), result
