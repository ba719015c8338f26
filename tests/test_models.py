"""The records are cheap to construct (models.record) and still frozen dataclasses."""

from __future__ import annotations

import dataclasses

import pytest

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


def test_clauses_are_a_tuple_of_records_built_when_read():
    import copy
    import pickle

    from reportkit.models import Clause, replace
    from reportkit.text.clauses import Clauses

    doc = reportkit.parse(sample_text())
    clauses = doc.clauses
    assert isinstance(clauses, Clauses) and len(clauses) > 10 and clauses
    third = clauses[2]
    assert clauses[2] is third and clauses[-1] is clauses[len(clauses) - 1]
    records = tuple(clauses)
    assert all(type(c) is Clause for c in records)
    assert [c.id for c in records] == [f"c{k}" for k in range(1, len(records) + 1)]
    assert clauses == records and records == clauses and clauses != list(records)
    assert hash(clauses) == hash(records) and repr(clauses) == repr(records)
    assert clauses[1:4] == records[1:4] and clauses[::-2] == records[::-2]
    assert clauses.starts == [c.start for c in records]
    assert third in clauses and clauses.index(third) == 2
    for bad in (len(records), -len(records) - 1):
        with pytest.raises(IndexError):
            clauses[bad]
    fresh = reportkit.parse(sample_text()).clauses
    assert fresh == clauses and fresh[5] == records[5]  # equal before their records are built
    assert pickle.loads(pickle.dumps(doc)) == doc and copy.deepcopy(clauses) == records
    assert pickle.loads(pickle.dumps(fresh)) == records
    assert replace(doc, clauses=()).clauses == () and dataclasses.replace(doc, clauses=()) != doc


def test_a_clause_record_is_the_same_whichever_is_read_first():
    """Line and column of a clause in a sentence across lines (a continuation line) too."""
    from reportkit.models import Clause

    text = "一、情况\r\n会议听取了所作的\r\n，政府工作报告，审议通过。\n共投入资金1,234万元,完成任务。"
    first = reportkit.parse(text, quantities=False).clauses
    backwards = [first[k] for k in range(len(first) - 1, -1, -1)][::-1]
    assert backwards == list(reportkit.parse(text, quantities=False).clauses)
    lines = text.splitlines()
    for c in backwards:
        assert type(c) is Clause and text[c.start:c.end] == c.text
        assert lines[c.line - 1][c.col - 1:].startswith(c.text)


def _twins():
    """A record and a real frozen slots dataclass with the same fields (and a hidden one)."""
    from decimal import Decimal

    from reportkit.models import record

    def body():
        return {"__annotations__": {"id": "str", "text": "str", "value": "Decimal | None",
                                    "tags": "tuple[str, ...]", "note": "str | None"},
                "__module__": __name__, "text": dataclasses.field(repr=False), "value": None,
                "tags": (), "note": dataclasses.field(default="n", compare=False)}

    fast = record(type("Item", (), body()))
    slow = dataclasses.dataclass(frozen=True, slots=True)(type("Item", (), body()))
    args = ("i1", "全年1,234万元", Decimal("1234"), ("a",))
    return fast, slow, args


def test_a_record_behaves_as_a_frozen_slots_dataclass(monkeypatch):
    import copy
    import inspect
    import pickle

    from reportkit.models import replace

    fast, slow, args = _twins()
    a, b = fast(*args), slow(*args)
    assert repr(a) == repr(b) and fast.__doc__ == slow.__doc__
    assert str(inspect.signature(fast)) == str(inspect.signature(slow)).replace(" -> None", "")
    assert hash(a) == hash(b) and hash(fast(*args, note="other")) == hash(a)
    assert a == fast(*args, note="other") and a != fast("i2", *args[1:]) and a != b
    assert dataclasses.is_dataclass(fast) and dataclasses.is_dataclass(a)
    assert [(f.name, f.type, f.default, f.repr, f.compare, f.hash, f.init, f.kw_only)
            for f in dataclasses.fields(a)] == [
        (f.name, f.type, f.default, f.repr, f.compare, f.hash, f.init, f.kw_only)
        for f in dataclasses.fields(b)]
    assert repr(fast.__dataclass_params__) == repr(slow.__dataclass_params__)
    assert dataclasses.asdict(a) == dataclasses.asdict(b)
    assert fast.__slots__ == slow.__slots__ and fast.__match_args__ == slow.__match_args__
    assert not hasattr(a, "__dict__") and not hasattr(a, "__weakref__")
    for obj in (a, b):
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'id'"):
            obj.id = "x"
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'id'"):
            del obj.id
    assert replace(a, id="i9") == dataclasses.replace(a, id="i9") == fast("i9", *args[1:])
    with pytest.raises(TypeError, match="no field 'nope'"):
        replace(a, nope=1)
    monkeypatch.setitem(globals(), "Item", fast)  # where pickle looks the class up
    again = pickle.loads(pickle.dumps(a))
    assert type(again) is fast and again == a and copy.deepcopy(a) == a
    match a:
        case fast(ident, text):
            assert (ident, text) == args[:2]
    with pytest.raises(TypeError):
        fast()
    with pytest.raises(TypeError):
        fast(*args, unknown=1)


def test_a_record_refuses_what_it_does_not_do():
    from reportkit.models import Member, record

    refused = [
        {"__annotations__": {"xs": "list"}, "xs": dataclasses.field(default_factory=list)},
        {"__annotations__": {"n": "ClassVar[int]"}},
        {"__annotations__": {"a": "int"}, "__eq__": lambda self, other: True},
    ]
    for body in refused:
        with pytest.raises(TypeError):
            record(type("Bad", (), body))
    with pytest.raises(TypeError):
        record(type("Child", (Member,), {"__annotations__": {"x": "int"}}))
    with pytest.raises(ValueError, match="mutable default"):
        record(type("Bad", (), {"__annotations__": {"xs": "list"}, "xs": []}))
    with pytest.raises(TypeError, match="non-default argument"):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
