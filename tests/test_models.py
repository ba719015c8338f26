"""The records are cheap to construct (models.record) and still frozen dataclasses."""

from __future__ import annotations

import dataclasses

import reportkit

from conftest import sample_text


def test_records_stay_frozen_dataclasses_and_replace_like_dataclasses():
    import copy
    import pickle

    import pytest

    from reportkit.models import Quantity, replace

    doc = reportkit.parse(sample_text())
    q = doc.quantities[0]
    assert dataclasses.is_dataclass(q) and [f.name for f in dataclasses.fields(Quantity)][:3] == ["id", "text", "start"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.label = "x"
    changed = replace(q, label="x", verb=None)
    assert changed == dataclasses.replace(q, label="x", verb=None) and changed.label == "x"
    assert (changed.id, changed.value, changed.heading_path) == (q.id, q.value, q.heading_path)
    with pytest.raises(TypeError):
        replace(q, no_such_field=1)
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert copy.deepcopy(q) == q and hash(copy.copy(q)) == hash(q)
    assert Quantity(**{f.name: getattr(q, f.name) for f in dataclasses.fields(Quantity)}) == q


def test_a_subclass_of_a_record_constructs_as_itself():
    from reportkit.models import Member

    class Tagged(Member):
        __slots__ = ("tag",)

    m = Tagged("total", "q1")
    assert type(m) is Tagged and (m.slot, m.quantity) == ("total", "q1")
    assert Member("total", "q1") == Member(slot="total", quantity="q1")
