"""The Dask path: a corpus as a dask.bag on the local scheduler, quantities written to Parquet."""

from __future__ import annotations

import json
import pickle

import pytest

from conftest import SAMPLE, bundled_report, sample_text

dask = pytest.importorskip("dask")
pq = pytest.importorskip("pyarrow.parquet")

from reportkit import distributed  # noqa: E402
from reportkit.document import load_ref  # noqa: E402
from reportkit.formats.inputs import expand  # noqa: E402


@pytest.fixture
def inputs(tmp_path):
    """Files, a directory with Markdown, a two-record corpus, and one unreadable file."""
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "dir" / "b.md").write_text("一、总体情况\n\n全年新增就业3.2万人，同比增长5%。\n", encoding="utf-8")
    (tmp_path / "dir" / "empty.txt").write_bytes(b"")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"title": t, "content": c}, ensure_ascii=False) + "\n" for t, c in [
        ("2024", bundled_report(2024)), ("样本", sample_text()[:3000]), ("无题", "全年投资12亿元。")]),
        encoding="utf-8")
    return [str(tmp_path / "dir"), str(corpus)]


def in_process_rows(paths):
    rows = []
    for ref in expand(paths):
        try:
            doc = load_ref(ref)
        except Exception:
            continue
        rows.extend(distributed.quantity_rows(doc))
    return rows


def test_documents_and_tasks_pickle():
    from reportkit.document import load

    doc = load(str(SAMPLE))
    assert pickle.loads(pickle.dumps(doc)) == doc
    task = distributed.tasks([str(SAMPLE)])[0]
    assert pickle.loads(pickle.dumps(task)) == task
    for fn in (distributed.parse_task, distributed.quantity_rows, distributed._safe_rows):
        assert pickle.loads(pickle.dumps(fn)) is fn


def test_a_corpus_record_is_read_from_its_own_offset(inputs):
    tasks = distributed.tasks(inputs)
    records = [t for t in tasks if t.ref.record is not None]
    assert [t.ref.record for t in records] == [1, 2, 3]
    assert records[0].offset == 0 < records[1].offset < records[2].offset
    doc = distributed.parse_task(records[1])
    assert doc.meta.title == "2023年上半年工作总结及下半年工作计划"  # its own, over the record's
    assert doc.meta.path.endswith("corpus.jsonl:2")
    assert distributed.parse_task(records[2]).meta.title == "无题"  # none of its own: the record's


def test_quantities_to_parquet_on_the_local_scheduler(inputs, tmp_path):
    out = tmp_path / "quantities"
    # "processes": every task and result crosses a process boundary, as on a cluster
    summary = distributed.quantities_to_parquet(inputs, out, npartitions=3, scheduler="processes")
    expected = in_process_rows(inputs)
    assert summary.documents == 5
    assert summary.quantities == len(expected) > 100
    assert [name for name, _ in summary.errors] == [str(tmp_path / "dir" / "empty.txt")]
    assert "the file is empty" in summary.errors[0][1]
    assert len(summary.files) == 3

    table = pq.read_table(out)
    assert table.schema == distributed.parquet_schema()
    parts = [row for f in summary.files for row in pq.read_table(f).to_pylist()]
    assert parts == expected  # in input order, every column as in `parse --format jsonl`
    assert sorted(map(json.dumps, table.to_pylist())) == sorted(map(json.dumps, expected))


def test_the_cli_jsonl_rows_are_the_parquet_rows(inputs, tmp_path, cli):
    out = tmp_path / "q"
    distributed.quantities_to_parquet(inputs, out, scheduler="synchronous")
    result = cli("parse", *inputs, "--format", "jsonl", "--jobs", "1")
    assert result.code == 2  # the empty file
    cli_rows = [json.loads(line) for line in result.out.splitlines()]
    assert sorted(map(json.dumps, pq.read_table(out).to_pylist())) == sorted(map(json.dumps, cli_rows))


def test_an_existing_output_is_not_overwritten_by_accident(inputs, tmp_path):
    from reportkit.errors import ReportkitError

    out = tmp_path / "q"
    distributed.quantities_to_parquet(inputs[:1], out, scheduler="synchronous")
    with pytest.raises(ReportkitError, match="already holds Parquet parts"):
        distributed.quantities_to_parquet(inputs[:1], out, scheduler="synchronous")
    again = distributed.quantities_to_parquet(inputs[:1], out, scheduler="threads", overwrite=True,
                                              npartitions=1)
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet"]
    assert pq.read_table(out).num_rows == again.quantities
