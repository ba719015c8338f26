"""``reportkit diff A B C …``: reports in date order, one row per metric across all of them.

The jiedao fixtures (2023 full year, 2024 first half, 2024 full year) are bundled; the corpus
tests read ../shared and skip without it."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CORPUS, DATA

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"
Y2023, H1, Y2024 = (str(FIXTURES / f"jiedao-{n}.txt") for n in ("2023", "2024h1", "2024"))
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside this checkout")


def _rows(data: dict) -> dict[str, list]:
    return {s["label"]: [c["text"] if c else None for c in s["cells"]] for s in data["series"] if s["count"] >= 2}


def test_reports_are_ordered_by_their_dates_whatever_the_order_given(cli):
    r = cli("diff", Y2024, Y2023, H1, "--format", "json")
    assert r.code == 0, r
    data = json.loads(r.out)
    assert [(x["name"], x["date"], x["period"]) for x in data["reports"]] == [
        (Y2023, "2023", "2023"), (H1, "2024", "2024上半年"), (Y2024, "2024", "2024")]


def test_metrics_align_across_all_reports_not_pair_by_pair(cli):
    rows = _rows(json.loads(cli("diff", Y2024, Y2023, H1, "--format", "json").out))
    assert rows == {
        "巡查企业": ["1180家", "650家", "1260家"],
        "开展消防演练": ["40次", "12次", None],  # 每月开展消防演练3次 is per month: not the next value
        "培训安全员": ["1860人次", "980人次", "2150人次"],
        "新增就业岗位": ["2000个", "1100个", "2400个"],
        "新增市场主体": ["800户", "420户", "880户"],
        "引进项目": ["30个", "15个", "36个"],
        "走访企业": ["680家", None, "720家"],  # absent from the half year, back in the full year
    }


def test_wide_table_in_markdown_and_csv(cli):
    md = cli("diff", Y2023, H1, Y2024, "--format", "markdown").out
    assert "| item | 2023 | Δ 2023→2024上半年 | 2024上半年 | Δ 2024上半年→2024 | 2024 |" in md
    assert "| 新增就业岗位 | 2000个 | -900个 | 1100个 | +1300个 | 2400个 |" in md
    assert "| 走访企业 | 680家 |  | — |  | 720家 |" in md
    rows = list(csv.DictReader(io.StringIO(cli("diff", Y2023, H1, Y2024, "--format", "csv").out)))
    row = next(x for x in rows if x["label"] == "新增就业岗位")
    assert (row["2023"], row["2023 base"], row["delta 2023→2024上半年"], row["change 2024上半年→2024"], row["2024"]) == (
        "2000个", "2000", "-900", "+1300个", "2400个")


def test_text_table(cli):
    r = cli("diff", Y2023, H1, Y2024)
    assert r.code == 0, r
    assert "3 reports · 35 figures · 7 metrics in two reports or more" in r.out
    line = next(x for x in r.out.splitlines() if x.startswith("新增市场主体"))
    assert [c.strip() for c in line.split("│")] == ["新增市场主体", "800户", "-380户", "420户", "+460户", "880户"]


def test_undated_reports_are_left_out_with_a_note(cli):
    r = cli("diff", Y2023, str(DATA / "reports" / "state-council-1997.txt"), H1, Y2024, "--format", "json")
    assert r.code == 0, r
    assert "已跳过 1 份无法确定日期的报告" in r.err and "state-council-1997.txt" in r.err
    assert len(json.loads(r.out)["reports"]) == 3


def test_too_few_dated_reports_is_a_user_error(cli):
    r = cli("diff", str(DATA / "reports" / "state-council-2025.txt"), str(DATA / "reports" / "state-council-1997.txt"),
            Y2024)
    assert r.code == 2 and "能确定日期的报告不足两份" in r.err and r.err.count("\n") == 1


def test_pair_only_options_are_refused_for_a_series(cli):
    r = cli("diff", Y2023, H1, Y2024, "--fail-on", "missed-target")
    assert r.code == 2 and "--fail-on 只用于两份报告的比较" in r.err and r.err.count("\n") == 1


def test_parquet_needs_an_output_file(cli):
    r = cli("diff", Y2023, H1, Y2024, "--format", "parquet")
    assert r.code == 2 and "--output" in r.err and r.err.count("\n") == 1


def test_parquet_without_pyarrow_says_which_extra(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow → ImportError
    r = cli("diff", Y2023, H1, Y2024, "--format", "parquet", "--output", str(tmp_path / "x.parquet"))
    assert r.code == 2 and "reportkit[parquet]" in r.err and r.err.count("\n") == 1
    assert not list(tmp_path.iterdir())


def test_parquet_long_table_one_row_per_figure(cli, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import reportkit

    out = tmp_path / "series.parquet"
    r = cli("diff", Y2023, H1, Y2024, "--format", "parquet", "--output", str(out))
    assert r.code == 0, r
    table = pq.read_table(out)
    figures = sum(len(reportkit.load(p).quantities) for p in (Y2023, H1, Y2024))
    assert table.num_rows == figures == 35
    assert table.column_names == ["report", "date", "period", "metric", "label", "text", "value", "unit",
                                  "base_value", "base_unit", "dimension", "qualifier", "per", "role", "plan",
                                  "line", "start", "end"]
    rows = [x for x in table.to_pylist() if x["metric"] == "新增就业岗位|个"]
    assert [(x["period"], x["value"], x["base_value"], x["plan"]) for x in rows] == [
        ("2023", Decimal(2000), Decimal(2000), False), ("2024上半年", Decimal(1100), Decimal(1100), False),
        ("2024", Decimal(2400), Decimal(2400), False)]
    per_quarter = next(x for x in table.to_pylist() if x["text"] == "不少于300家")
    assert (per_quarter["per"], per_quarter["plan"], per_quarter["period"]) == ("季度", True, "2024上半年")


# --- the corpus: three years and all of it -------------------------------------------------

def _corpus_lines(*years: int) -> list[str]:
    from reportkit.diff.series import as_year

    lines = {}
    with CORPUS.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            year = as_year(json.loads(line).get("year")) if line.strip() else None
            if year in years:
                lines[year] = f"{CORPUS}:{number}"
    return [lines[y] for y in years]


@needs_corpus
def test_three_corpus_years_give_the_series_of_gdp_and_urban_jobs(cli):
    r = cli("diff", *_corpus_lines(2025, 2023, 2024), "--format", "json")
    assert r.code == 0, r
    data = json.loads(r.out)
    assert [x["date"] for x in data["reports"]] == ["2023-03-05", "2024-03-05", "2025"]
    series = {s["key"]: s for s in data["series"]}
    gdp, jobs = series["国内生产总值|元"], series["新增就业|人"]
    assert [c["text"] for c in gdp["cells"]] == ["121万亿元", "超过126万亿元", "134.9万亿元"]
    assert [c["text"] for c in jobs["cells"]] == ["1206万人", "1244万人", "1256万人"]
    assert [c["note"] for c in jobs["changes"]] == ["+38万人", "+12万人"]
    assert [c["delta"] for c in jobs["changes"]] == ["380000", "120000"]
    assert [c["note"] for c in gdp["changes"]] == ["at least +5万亿元", "at most +8.9万亿元"]


@needs_corpus
def test_corpus_parquet_opens_in_duckdb_one_row_per_figure(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    from reportkit.diff.series import align_series, as_year, order
    from reportkit.document import load_ref
    from reportkit.formats.inputs import expand, read_text
    from reportkit.render.diff_parquet import write

    # what the CLI does for `reportkit diff CORPUS --format parquet -o FILE`, parsing once
    loaded = [(load_ref(ref), ref.name, as_year(read_text(ref)[1].get("year"))) for ref in expand([str(CORPUS)])]
    reports, undated = order(loaded)
    years = {name: year for _, name, year in loaded}
    assert len(undated) == 16 and all(years[name] is None for name in undated)  # the NPC resolutions
    path = str(tmp_path / "corpus.parquet")
    assert write(align_series(reports), path) == sum(len(r.doc.quantities) for r in reports)
    figures = sum(len(r.doc.quantities) for r in reports)
    con = duckdb.connect()
    total, reports = con.execute(f"select count(*), count(distinct report) from read_parquet('{path}')").fetchone()
    assert total == figures and reports >= 50
    (metric,) = con.execute(f"select metric from read_parquet('{path}') "
                            "where text = '134.9万亿元' and label = '国内生产总值'").fetchone()
    gdp = con.execute(f"select date, text, base_value from read_parquet('{path}') where metric = ? order by date",
                      [metric]).fetchall()
    # aligned over all 55 dated reports at once: the series runs back to the 2022 report
    assert [(d, t) for d, t, _ in gdp] == [("2022-03-05", "114万亿元"), ("2023-03-05", "121万亿元"),
                                          ("2024-03-05", "超过126万亿元"), ("2025", "134.9万亿元")]
    assert gdp[-1][2] == Decimal("134900000000000")
