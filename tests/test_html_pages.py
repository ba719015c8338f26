"""``--format html`` pages, parsed with lxml: one element per quantity and per finding, the
messages and summary counts of the JSON model, escaping of hostile text, no external URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from html_support import (EDITED, HOSTILE, PLANTED, REPORTS, SAMPLE, build, embedded,
                          external_references, json_of, parse)
from reportkit.document import load
from reportkit.render.html import chardiff, marks
from reportkit.render.html.page import json_script


def _text(el) -> str:
    return el.text_content()


def test_check_page_marks_every_quantity_and_finding(cli, tmp_path):
    page = build(cli, "check", str(PLANTED), out=tmp_path / "review.html", code=1)
    doc = load(str(PLANTED))
    report = json_of(cli, "check", str(PLANTED))
    quantities = page.xpath("//*[@data-quantity]")
    assert [q.get("data-quantity") for q in quantities] == [q.id for q in doc.quantities]
    assert [_text(q) for q in quantities] == [q.text for q in doc.quantities]
    findings = page.xpath("//*[@data-finding]")
    assert [f.get("data-finding") for f in findings] == [
        "handled-le-received", "rate-matches-counts", "persons-ge-households", "parts-le-total", "heading-skip"]
    assert [f.get("data-severity") for f in findings] == ["error"] * 4 + ["warning"]
    assert [f.xpath('.//*[@class="msg"]')[0].text for f in findings] == [f["message"] for f in report["findings"]]
    assert [f.get("data-quantities") for f in findings] == ["q1 q2", "q1 q2 q3", "q6 q7", "q8 q9 q10", ""]
    # each in the margin of its own line, shown by shape and text as well as colour
    assert [f.xpath("ancestor::div[contains(@class, 'ln')]")[0].get("id") for f in findings] == [
        "d1-L7", "d1-L7", "d1-L7", "d1-L9", "d1-L11"]
    assert [f.xpath('.//*[@class="sev"]')[0].text for f in findings] == ["✖ 错误"] * 4 + ["▲ 警告"]
    assert page.xpath('//*[@id="verdict"]')[0].text == "检查了 1 个文件：4 个错误，1 个警告，0 个提示。"


def test_check_page_summary_counts_per_file_and_rule(cli, tmp_path):
    page = build(cli, "check", str(PLANTED), str(SAMPLE), out=tmp_path / "review.html", code=1)
    rows = page.xpath('//table[@class="files"]/tbody/tr')
    assert [r.xpath(".//a/@href")[0] for r in rows] == ["#d1", "#d2"]
    counts = [[td.text for td in r.xpath("td")[1:]] for r in rows]
    planted, sample = load(str(PLANTED)), load(str(SAMPLE))
    assert counts == [[str(len(planted.quantities)), "4", "1", "0"], [str(len(sample.quantities)), "0", "1", "0"]]
    rules = {r.xpath(".//code")[0].text: [td.text for td in r.xpath("td")[1:]]
             for r in page.xpath('//table[@class="rules"]/tbody/tr')}
    assert rules == {
        "bare-wan-money": ["0", "1", "0"], "handled-le-received": ["1", "0", "0"],
        "heading-skip": ["0", "1", "0"], "parts-le-total": ["1", "0", "0"],
        "persons-ge-households": ["1", "0", "0"], "rate-matches-counts": ["1", "0", "0"],
    }
    assert page.xpath('//*[@id="verdict"]')[0].text == "检查了 2 个文件：4 个错误，2 个警告，0 个提示。"
    # one section per file, each with its own quantities
    for prefix, doc in (("d1", planted), ("d2", sample)):
        section = page.xpath(f'//section[@id="{prefix}"]')[0]
        assert len(section.xpath(".//*[@data-quantity]")) == len(doc.quantities)
        assert sorted(embedded(page, prefix)["quantities"]) == sorted(q.id for q in doc.quantities)
    filters = page.xpath('//input[@data-filter="rule"]/@value')
    assert filters == sorted(rules)
    assert page.xpath('//input[@data-filter="severity"]/@value') == ["error", "warning"]


def test_card_data_is_the_json_model(cli, tmp_path):
    page = build(cli, "check", str(SAMPLE), out=tmp_path / "review.html")
    model = json_of(cli, "parse", str(SAMPLE))
    data = embedded(page, "d1")
    for q in model["quantities"]:
        card = {**data["defaults"], **data["quantities"][q["id"]]}
        for field in ("value", "unit", "base_value", "base_unit", "lower", "upper", "lower_inclusive",
                      "upper_inclusive", "qualifier", "label", "verb", "metric", "role", "dimension"):
            assert card[field] == q[field], (q["id"], field)
        assert data["texts"][q["id"]] == q["text"]
    assert data["relations"] == model["relations"]


def test_parse_page_has_outline_and_no_findings(cli, tmp_path):
    page = build(cli, "parse", str(SAMPLE), out=tmp_path / "doc.html")
    doc = load(str(SAMPLE))
    assert page.xpath("//*[@data-finding]") == []
    assert page.xpath('//*[@id="filters"]') == []
    assert len(page.xpath("//*[@data-quantity]")) == len(doc.quantities)
    links = page.xpath('//nav[@class="outline"]//a')
    assert [a.get("href") for a in links] == [f"#d1-L{h.line}" for h in doc.headings]
    assert [_text(a) for a in links] == [h.marker + h.title for h in doc.headings]
    parents = {h.parent for h in doc.headings}
    assert len(page.xpath('//nav[@class="outline"]//details')) == sum(h.id in parents for h in doc.headings)
    # the text as the reader sees it: every line, in order
    lines = page.xpath('//div[contains(concat(" ", @class, " "), " ln ")]/div[@class="tx"]')
    assert "\n".join(_text(x) for x in lines) == doc.text.replace("\r\n", "\n").rstrip("\n")


@pytest.mark.parametrize("command", ["check", "parse"])
def test_hostile_text_is_shown_and_never_run(cli, tmp_path, command):
    source = tmp_path / 'x"><img src=y onerror=alert(1)>.txt'
    source.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "page.html"
    page = build(cli, command, str(source), out=out, code=1 if command == "check" else 0)
    assert len(page.xpath("//*[@data-finding]")) == (1 if command == "check" else 0)  # 1911 > 1896
    raw = out.read_text(encoding="utf-8")
    assert page.xpath("//img") == [] and page.xpath("//b") == []
    assert [s.get("type") for s in page.xpath("//script")] == ["application/json", None]
    assert len(page.xpath("//style")) == 1
    assert external_references(page) == []
    text = "\n".join(_text(x) for x in page.xpath('//div[@class="tx"]'))
    assert text == HOSTILE.rstrip("\n")
    assert source.name in _text(page.xpath("//header")[1])
    data = page.xpath('//script[@type="application/json"]')[0].text
    assert "</" not in data and "<!--" not in data
    assert sorted(json.loads(data)["texts"].values()) == sorted(q.text for q in load(str(source)).quantities)
    assert raw.count("<script") == 2
    assert page.xpath("//@*[starts-with(name(), 'on')]") == []  # no event handler anywhere


@pytest.mark.parametrize("args", [
    ("check", str(PLANTED)), ("parse", str(SAMPLE)), ("diff", str(EDITED), str(SAMPLE))])
def test_pages_reference_nothing_outside(cli, tmp_path, args):
    page = build(cli, *args, out=tmp_path / "page.html", code=1 if args[0] == "check" else 0)
    assert external_references(page) == []
    (policy,) = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert policy.startswith("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-")


def test_diff_page_tables_follow_the_json_model(cli, tmp_path):
    old, new = str(REPORTS / "state-council-2024.txt"), str(REPORTS / "state-council-2025.txt")
    page = build(cli, "diff", old, new, out=tmp_path / "diff.html")
    model = json_of(cli, "diff", old, new)
    counts = {el.get("data-count"): int(el.xpath("b")[0].text) for el in page.xpath("//*[@data-count]")}
    assert counts == {k: model["summary"][k] for k in counts} and len(counts) == 9
    changes = page.xpath('//section[@id="changes"]//tbody/tr')
    assert [[td.text for td in r.xpath("td")[1:3]] for r in changes] == [
        [p["old"]["text"], p["new"]["text"]] for p in model["changed"]]
    assert [r.xpath("td")[3].text for r in changes] == [p["note"] for p in model["changed"]]
    bars = page.xpath('//svg[@class="chart"]//rect')
    assert len(bars) == sum(p["pct"] is not None for p in model["changed"])
    assert [r.get("class") for r in page.xpath('//section[@id="targets"]//tbody/tr')] == [
        f"st-row-{t['status']}" for t in model["targets"]]
    assert [r.get("data-status") for r in page.xpath('//section[@id="claims"]//tbody/tr')] == [
        c["status"] for c in model["claims"]]
    assert len(page.xpath('//section[@id="removed"]//li')) == model["summary"]["removed"]
    assert len(page.xpath('//section[@id="added"]//li')) == model["summary"]["added"]
    # every aligned pair: its old quantity in OLD's sentence, its new one in NEW's, same block
    pairs = model["changed"] + model["unchanged"]
    marked = page.xpath('//section[@id="pairs"]//*[@data-quantity]')
    assert len(marked) == 2 * len(pairs)
    by_pair = {}
    for el in marked:
        side = el.xpath('ancestor::div[@data-doc]')[0].get("data-doc")
        by_pair.setdefault(el.get("data-pair"), {})[side] = el.get("data-quantity")
    assert sorted((x["old"], x["new"]) for x in by_pair.values()) == sorted(
        (p["old"]["id"], p["new"]["id"]) for p in pairs)
    links = {a.get("href")[1:] for a in page.xpath('//section[@id="changes"]//tbody//a')}
    assert links <= set(page.xpath('//div[contains(@class, "pair")]/@id'))


def test_diff_page_marks_changed_characters(cli, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("一、工作情况\n全年受理工单1896件，办结1800件。\n", encoding="utf-8")
    new.write_text("一、工作情况\n全年受理工单2100件，办结1900件。\n", encoding="utf-8")
    page = build(cli, "diff", str(old), str(new), out=tmp_path / "diff.html")
    (block,) = page.xpath('//div[contains(@class, "pair")][@id]')
    old_side, new_side = block.xpath('div[@data-doc]')
    assert [_text(x) for x in old_side.xpath(".//del")] == ["1896", "8"]
    assert [_text(x) for x in new_side.xpath(".//ins")] == ["2100", "9"]
    assert [_text(q) for q in old_side.xpath(".//*[@data-quantity]")] == ["1896件", "1800件"]
    assert _text(new_side).endswith("全年受理工单2100件，办结1900件。")


def test_char_diff_folds_chance_matches():
    assert chardiff.changed_ranges("审议法律议案10件", "审议法律议案19件") == ([(7, 8)], [(7, 8)])
    assert chardiff.changed_ranges("同比", "同比") == ([], [])
    # 的 kept by chance between two rewritten clauses is folded into one change
    assert chardiff.changed_ranges("甲乙丙的丁戊己", "子丑寅的卯辰巳") == ([(0, 7)], [(0, 7)])
    assert chardiff.changed_ranges("x" * 1001, "y" * 1000) is None


def test_marks_nest_and_never_overlap():
    text = "受理1896件，办结1911件"
    outer = [(2, 7, "<q>", "</q>"), (4, 9, "<x>", "</x>"), (10, 15, "<q>", "</q>")]
    inner = [(0, 4, "<i>", "</i>")]
    assert marks.render(text, 0, len(text), outer, inner) == (
        "<i>受理</i><q><i>18</i>96件</q>，办结<q>1911件</q>")
    assert marks.render("<&>", 0, 3) == "&lt;&amp;&gt;"


def test_json_script_cannot_be_closed_early():
    html = json_script({"t": "</script><!-- & -->"}, data_doc='d"1')
    assert html == ('<script type="application/json" data-doc="d&quot;1">'
                    '{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}</script>')


def test_errors_are_one_line_and_exit_2(cli, tmp_path):
    missing = tmp_path / "missing.txt"
    for command in ("check", "parse"):
        result = cli(command, str(missing), "--format", "html", "--output", str(tmp_path / "x.html"))
        assert result.code == 2, result
        assert result.err.count("\n") == 1 and "missing.txt" in result.err
        assert not (tmp_path / "x.html").exists()
    result = cli("check", str(SAMPLE), "--format", "htm")
    assert result.code == 2 and "text, json, sarif, github, html" in result.err


def test_format_html_from_the_config_file(cli, tmp_path, monkeypatch):
    (tmp_path / "reportkit.yaml").write_text("format: html\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("check", str(SAMPLE), "--output", "page.html")
    assert result.code == 0, result
    assert len(parse(tmp_path / "page.html").xpath("//*[@data-finding]")) == 1


def test_diff_page_escapes_hostile_text(cli, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(HOSTILE, encoding="utf-8")
    new.write_text(HOSTILE.replace("1896件", "2100件"), encoding="utf-8")
    page = build(cli, "diff", str(old), str(new), out=tmp_path / "diff.html")
    assert page.xpath("//img") == [] and page.xpath('//section[@id="pairs"]//b') == []
    assert len(page.xpath("//style")) == 1
    assert [s.get("type") for s in page.xpath("//script")] == ["application/json"] * 2 + [None]
    assert page.xpath("//@*[starts-with(name(), 'on')]") == []
    assert external_references(page) == []
    sides = [x.text_content() for x in page.xpath('//section[@id="pairs"]//div[@data-doc]')]
    assert any('"><img src=x onerror="window.pwned=2">' in side for side in sides)


def test_baseline_and_unreadable_inputs(cli, tmp_path):
    baseline = tmp_path / "baseline.json"
    assert cli("check", str(PLANTED), "--write-baseline", str(baseline)).code == 0
    page = build(cli, "check", str(PLANTED), "--baseline", str(baseline), out=tmp_path / "a.html")
    assert page.xpath("//*[@data-finding]") == []
    assert page.xpath('//*[@id="verdict"]')[0].text == "检查了 1 个文件，没有发现问题。（基线已略去 5 个旧问题）"
    # an unreadable input is reported and skipped; the page covers the others; exit 2
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01binary\xff")
    page = build(cli, "check", str(PLANTED), str(tmp_path / "binary.txt"), out=tmp_path / "b.html", code=2)
    assert len(page.xpath('//section[@class="doc"]')) == 1
    assert len(page.xpath("//*[@data-finding]")) == 5


def test_crlf_report_keeps_its_lines_and_numbers(cli, tmp_path):
    source = tmp_path / "crlf.txt"
    source.write_bytes(PLANTED.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    page = build(cli, "check", str(source), out=tmp_path / "crlf.html", code=1)
    doc = load(str(source))
    assert [_text(q) for q in page.xpath("//*[@data-quantity]")] == [q.text for q in doc.quantities]
    lines = [_text(x) for x in page.xpath('//div[@class="tx"]')]
    assert lines == doc.text.split("\r\n")[: len(lines)] and len(lines) == doc.text.rstrip("\r\n").count("\r\n") + 1
    assert [f.xpath("ancestor::div[contains(@class, 'ln')]")[0].get("id") for f in page.xpath("//*[@data-finding]")] == [
        "d1-L7", "d1-L7", "d1-L7", "d1-L9", "d1-L11"]
