"""Hand-made documents for the check tests: the real structure parser, quantities given by hand.

``make_doc(text, [spec, …])`` parses ``text`` without number extraction and adds one
:class:`Quantity` per spec (``text`` found in order; value, unit, dimension, verb, label,
bounds as given), linked to its sentence and clause like the pipeline links them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from reportkit.check.binding import DocIndex
from reportkit.document import parse
from reportkit.models import Quantity
from reportkit.text.lines import LineIndex

SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}


def quantity(doc, index, lines, n, spec, start):
    text = spec["text"]
    end = start + len(text)
    value = Decimal(spec["value"])
    unit = spec.get("unit", "件")
    base_unit = spec.get("base_unit", unit.lstrip("万亿") or unit)
    factor = SCALE.get(unit[0], Decimal(1)) if len(unit) > 1 or unit in SCALE else Decimal(1)
    lower = spec.get("lower", value)
    upper = spec.get("upper", value)
    line, col = lines.position(start)
    sentence = index.sentence_at(start)
    clause = index.clause_at(start)
    return Quantity(
        id=f"q{n}", text=text, start=start, end=end, line=line, col=col, value=value, unit=unit,
        dimension=spec.get("dimension", "count"), base_value=value * factor, base_unit=base_unit,
        lower=None if lower is None else Decimal(lower), upper=None if upper is None else Decimal(upper),
        lower_inclusive=spec.get("lower_inclusive", True), upper_inclusive=spec.get("upper_inclusive", True),
        qualifier=spec.get("qualifier"), unit_inferred=spec.get("unit_inferred", False),
        number_start=start, number_end=end, label=spec.get("label"), verb=spec.get("verb"),
        key=spec.get("key"), sentence=sentence.id if sentence else None,
        clause=clause.id if clause else None, heading=sentence.heading if sentence else None,
        target=spec.get("target", False), per=spec.get("per"),
    )


def make_doc(text: str, specs: list[dict]):
    doc = parse(text, quantities=False)
    index, lines = DocIndex(doc), LineIndex(text)
    out, pos = [], 0
    for n, spec in enumerate(specs, 1):
        start = text.index(spec["text"], pos)
        out.append(quantity(doc, index, lines, n, spec, start))
        pos = start + len(spec["text"])
    from reportkit.statements import relate

    return relate(replace(doc, quantities=tuple(out), relations=()))


def test_make_doc_links_quantities_to_sentences_and_clauses():
    doc = make_doc("受理工单1896件，已办结1811件。", [
        {"text": "1896件", "value": "1896", "verb": "受理"},
        {"text": "1811件", "value": "1811", "verb": "办结"},
    ])
    q1, q2 = doc.quantities
    assert (q1.start, q1.end, q1.line, q1.col) == (4, 9, 1, 5)
    assert q1.sentence == q2.sentence is not None
    assert q1.clause != q2.clause
    assert doc.text[q2.start:q2.end] == "1811件"
