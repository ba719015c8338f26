"""``parse --format json`` is written record by record; the text is exactly the json module's
indented dump of ``document_dict``."""

from __future__ import annotations

import dataclasses
import json

import reportkit
from reportkit.models import Member, Relation
from reportkit.render.document import document_dict, to_json
from reportkit.render.json_document import iter_json

from conftest import bundled_report, sample_text


def _reference(doc) -> str:
    return json.dumps(document_dict(doc), ensure_ascii=False, indent=2) + "\n"


def test_sample_and_a_bundled_report_match_the_json_module():
    for text in (sample_text(), bundled_report(2024)):
        doc = reportkit.parse(text)
        assert to_json(doc) == _reference(doc)


def test_nested_records_empty_fields_and_escapes_match():
    doc = reportkit.parse("一、总体情况\n“五大行动”完成投资12.5亿元\\t，同比增长3.5%。\n")
    relation = Relation(id="r1", kind="breakdown", members=(Member("total", "q1"), Member("part", "q2")),
                        mode="partition", certain=False, cue="其中\"", start=3, end=5, line=1)
    doc = dataclasses.replace(doc, relations=(relation,), furniture=())
    text = to_json(doc)
    assert text == _reference(doc)
    assert '"members": [\n        {\n          "slot": "total",' in text
    assert '  "furniture": [],\n' in text


def test_pieces_end_at_record_boundaries():
    doc = reportkit.parse(sample_text())
    pieces = list(iter_json(doc))
    assert len(pieces) > 10
    assert pieces[-1] == "\n}\n"
    assert all(not p.startswith("  ") for p in pieces[1:])  # no piece begins inside a record

