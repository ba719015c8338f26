"""The document model: frozen dataclasses that every stage produces and the JSON dumps.

Offsets (`start`/`end`) always index the decoded original text (BOM removed, nothing else
changed), so ``document.text[x.start:x.end] == x.text`` for every record that has a text.
``line`` and ``col`` are 1-based; ``col`` counts characters, not bytes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal

DOCUMENT_SCHEMA = "reportkit.document/1"


def _fast_construction(cls):
    """Make constructing the frozen slots dataclass ``cls`` cheap; it stays frozen.

    A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__``, a call
    per field (some 190,000 records per corpus pass). Instead ``cls(...)`` fills a mutable
    twin with the same slots by plain attribute stores and then gives it ``cls`` as its class
    (legal: the two layouts are identical). Signature, defaults, field order, repr, equality,
    hashing, ``dataclasses.fields``/``replace`` and the ``FrozenInstanceError`` on assignment
    are the dataclass's own; ``__reduce__`` pickles by the fields, since ``__new__`` now
    takes them.
    """
    names = tuple(f.name for f in fields(cls))
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": names})
    params, env = [], {"_new": object.__new__, "_twin": twin, "_cls": cls}
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory is not supported")
        if f.default is MISSING:
            params.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    o.{n} = {n}\n" for n in names)
    kept = ", ".join(f"c.pop({n!r}) if {n!r} in c else self.{n}" for n in names)
    env["_fields"] = frozenset(names)
    slow = "".join(f"        _set(o, {n!r}, {n})\n" for n in names)
    env["_set"] = object.__setattr__
    source = (f"def __new__(_type, {', '.join(params)}):\n"
              f"    if _type is not _cls:  # a subclass: its layout may differ\n"
              f"        o = _new(_type)\n{slow}        return o\n"
              f"    o = _new(_twin)\n{body}    o.__class__ = _cls\n    return o\n"
              f"def __replace__(self, /, **c):\n    if not c.keys() <= _fields:\n"
              f"        raise TypeError(f'{cls.__name__} has no field ' + repr(sorted(c.keys() - _fields)[0]))\n"
              f"    return __new__(_cls, {kept})\n")
    exec(source, env)
    new = env["__new__"]
    new.__qualname__ = f"{cls.__qualname__}.__new__"
    cls.__new__ = staticmethod(new)
    cls.__init__ = object.__init__  # everything is done in __new__
    cls.__reduce__ = lambda self: (cls, tuple(getattr(self, n) for n in names))
    cls.__replace__ = env["__replace__"]  # copy.replace's protocol (Python 3.13)
    return cls


def replace(obj, /, **changes):
    """``dataclasses.replace`` for any dataclass; for the records here without its per-field
    loop (labels rebuild every Quantity)."""
    method = getattr(type(obj), "__replace__", None)
    if method is None:
        return dataclasses.replace(obj, **changes)
    return method(obj, **changes)


def record(cls):
    """``@dataclass(frozen=True, slots=True)``, cheap to construct."""
    return _fast_construction(dataclass(frozen=True, slots=True)(cls))


@record
class FurnitureLine:
    """A line of website furniture (navigation, disclosure header, footer): never content."""

    kind: str  # navigation | disclosure | footer | banner
    text: str
    start: int
    end: int
    line: int


@record
class Meta:
    title: str | None = None
    index_number: str | None = None  # 索引号
    publisher: str | None = None  # 发布机构
    subject: str | None = None  # 主题分类
    document_number: str | None = None  # 文件编号
    generated: str | None = None  # 生成日期, ISO date
    published: str | None = None  # 公开日期, ISO date
    summary: str | None = None  # 内容概述
    path: str | None = None
    encoding: str | None = None
    bom: bool = False
    newline: str | None = None  # "\n", "\r\n", "\r", "mixed" or None for a one-line text
    format: str | None = None  # the file the text was read from: docx, pdf (None: plain text)
    author: str | None = None  # a Word file's core properties (creator, last modified)
    modified: str | None = None  # ISO date


@record
class Heading:
    id: str
    level: int
    marker: str  # as written: "一、", "(一)", "1.", "（1）", "①", "第一章"
    style: str  # the marker family, e.g. "cn-comma", "cn-paren", "arabic-dot"
    number: int  # the number the marker states (kept as written, never renumbered)
    title: str
    parent: str | None
    start: int  # of the marker
    end: int  # end of the title
    line: int
    col: int
    title_start: int
    title_end: int
    body_start: int | None  # where the body text begins when it shares the line


@record
class Paragraph:
    id: str
    heading: str | None
    start: int
    end: int
    line: int


@record
class ListItem:
    """An inline enumeration item (一是…二是…, 第一，…) inside a paragraph."""

    id: str
    paragraph: str
    marker: str
    number: int
    start: int  # of the marker
    end: int  # end of the item text
    line: int
    col: int


@record
class Sentence:
    id: str
    heading: str | None
    paragraph: str
    role: str  # "title" (a heading's title) or "body"
    text: str
    start: int
    end: int
    line: int
    col: int


@record
class Clause:
    id: str
    sentence: str
    index: int  # 0-based position inside its sentence
    text: str
    start: int
    end: int
    line: int
    col: int


@record
class Quantity:
    """An amount the report states: value with unit, bounds and what it counts.

    ``value``/``unit`` are as written (35万人次 → 35, 万人次); ``base_value``/``base_unit``
    are converted (350000, 人次). ``lower``/``upper`` are the bounds implied by the
    qualifier, in the written unit (1900余件 → [1900, 2000)); None means unbounded.
    Rounding as written is not folded into the bounds: see ``reportkit.bounds``.
    """

    id: str
    text: str
    start: int
    end: int
    line: int
    col: int
    value: Decimal
    unit: str
    dimension: str
    base_value: Decimal | None
    base_unit: str
    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    qualifier: str | None = None
    unit_inferred: bool = False
    number_start: int = 0  # the numeral itself, for underlining
    number_end: int = 0
    label: str | None = None
    verb: str | None = None
    key: str | None = None
    sentence: str | None = None
    clause: str | None = None
    heading: str | None = None
    heading_path: tuple[str, ...] = ()
    cumulative: bool = False
    target: bool = False  # a plan or minimum (计划/不少于/力争…), not an achievement
    per: str | None = None  # 每个月 → 月
    metric: str | None = None  # what is counted, with its channel/category and period (statements/)
    role: str | None = None  # its main role in the report's argument: total, part, handled, rate, …


@record
class NonQuantity:
    """A number-looking span that is not an amount: date, identifier, name, …"""

    id: str
    kind: str  # date | identifier | heading-number | ordinal | name | range
    text: str
    start: int
    end: int
    line: int
    col: int
    value: Decimal | None = None
    unit: str = ""
    lower: Decimal | None = None
    upper: Decimal | None = None
    reason: str | None = None
    sentence: str | None = None
    heading: str | None = None


@record
class Member:
    """One quantity's place in a relation: its ``slot`` (total, part, received, handled, rate,
    numerator, denominator, share, whole, target, result, …) and the quantity's id."""

    slot: str
    quantity: str


@record
class Relation:
    """A link the report's text makes between numbers (built by ``reportkit.statements``).

    ``kind`` says what the link is (breakdown, flow, carry-over, subject, rate, share, target,
    restatement, date-order, range); ``mode`` refines it (a breakdown is a ``partition``, an
    ``exact`` partition or ``overlapping`` attributes; a flow names its stages). ``certain`` is
    False where the reading rests on a guess (an unnamed denominator, parts that might overlap):
    rules report such links as warnings or not at all. ``cue`` is the text that makes the link
    (其中, the brackets, 分别为, 占…的), located by ``start``/``end``.
    """

    id: str
    kind: str
    members: tuple[Member, ...]
    mode: str | None = None
    certain: bool = True
    cue: str | None = None
    start: int = 0
    end: int = 0
    line: int = 0
    sentence: str | None = None


@record
class SourceBlock:
    """Where a stretch ``[start, end)`` of the extracted text sits in a Word or PDF file.

    Word: ``paragraph`` counts every paragraph of the main document from 1, table cells
    included; a cell's paragraphs also carry ``table``/``row``/``cell`` (1-based). PDF:
    ``page`` and ``line`` (the line on that page, 1-based).
    """

    start: int
    end: int
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None
    line: int | None = None


@record
class Document:
    text: str = field(repr=False)
    meta: Meta
    furniture: tuple[FurnitureLine, ...]
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    list_items: tuple[ListItem, ...]
    sentences: tuple[Sentence, ...]
    clauses: tuple[Clause, ...]  # parse gives text.clauses.Clauses: this tuple, built when read
    quantities: tuple[Quantity, ...] = ()
    non_quantities: tuple[NonQuantity, ...] = ()
    relations: tuple[Relation, ...] = ()
    schema: str = DOCUMENT_SCHEMA
    sources: tuple[SourceBlock, ...] = ()  # a Word or PDF file's paragraphs/pages; empty for text
