"""The document model: frozen dataclasses that every stage produces and the JSON dumps.

Offsets (`start`/`end`) always index the decoded original text (BOM removed, nothing else
changed), so ``document.text[x.start:x.end] == x.text`` for every record that has a text.
``line`` and ``col`` are 1-based; ``col`` counts characters, not bytes.
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
from dataclasses import MISSING, field
from decimal import Decimal
from operator import attrgetter

from .compiled import compile_python

DOCUMENT_SCHEMA = "reportkit.document/1"


def _params():
    """The ``__dataclass_params__`` that ``@dataclass(frozen=True, slots=True)`` records."""
    flags = dict(init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=True)
    try:  # Python 3.12 added the last four
        return dataclasses._DataclassParams(**flags, match_args=True, kw_only=False, slots=True,
                                            weakref_slot=False)
    except TypeError:
        return dataclasses._DataclassParams(**flags)


_PARAMS = _params()
_WRITTEN = ("__new__", "__init__", "__repr__", "__eq__", "__hash__", "__setattr__",
            "__delattr__", "__reduce__", "__replace__", "__match_args__")


def _fields(cls) -> dict[str, dataclasses.Field]:
    """The class's fields as dataclass makes them, refusing what a record does not support."""
    out = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if any(word in str(annotation) for word in ("ClassVar", "InitVar", "KW_ONLY")):
            raise TypeError(f"{cls.__name__}.{name}: a record has plain fields only")
        default = cls.__dict__.get(name, MISSING)
        f = default if isinstance(default, dataclasses.Field) else field(default=default)
        if f.default_factory is not MISSING or not f.init or f.kw_only is True:
            raise TypeError(f"{cls.__name__}.{name}: a record's field takes a default, repr, "
                            "compare and hash only")
        if f.default is not MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: "
                             "use default_factory")
        f.name, f.type, f._field_type, f.kw_only = name, annotation, dataclasses._FIELD, False
        out[name] = f
    return out


def _getter(names):
    """``obj -> (obj.a, obj.b, …)``, always a tuple (attrgetter of one name is not)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def record(cls):
    """``@dataclass(frozen=True, slots=True)``, cheap to apply and cheap to construct.

    Every start of the command imports some twenty records, and ``dataclass`` builds a slots
    class twice and compiles a function per method. Here the class is built once, the methods
    a corpus pass calls often are compiled in one source and the others are closures over the
    field names, all behaving as dataclass writes them (Python 3.11): the same signature,
    defaults, field order, repr, equality, hashing, ``FrozenInstanceError``, ``__slots__``,
    ``__match_args__``, ``__doc__`` and ``__dataclass_fields__`` (so ``dataclasses.fields``,
    ``replace`` and ``asdict`` work).
    What dataclass offers beyond a plain record (default factories, ``init=False``, ClassVar,
    inherited fields, methods of one's own in dataclass's place) is refused, not half done.

    Construction is cheap too: a frozen dataclass's ``__init__`` sets every field through
    ``object.__setattr__``, a call per field (some 190,000 records per corpus pass). Instead
    ``cls(...)`` fills a mutable twin with the same slots by plain attribute stores and then
    gives it ``cls`` as its class (legal: the two layouts are identical); so ``__new__`` takes
    the fields, and ``__reduce__`` pickles by them.
    """
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a record cannot inherit fields")
    clash = [name for name in _WRITTEN if name in cls.__dict__]
    if clash:
        raise TypeError(f"{cls.__name__}: a record writes its own {clash[0]}")
    fields_ = _fields(cls)
    names = tuple(fields_)
    name_set = frozenset(names)
    values = _getter(names)
    shown = [n for n, f in fields_.items() if f.repr]
    qualname = cls.__qualname__
    new_cls = None  # the slots class, made below; the methods read it when called

    def slow_new(type_, args):  # a subclass: its layout may differ from the twin's
        obj = object.__new__(type_)
        for name, value in zip(names, args):
            object.__setattr__(obj, name, value)
        return obj

    def unknown(changes):
        raise TypeError(f"{cls.__name__} has no field {min(changes.keys() - name_set)!r}")

    def attrs(obj, some):
        return "".join(f"{obj}.{n}," for n in some)

    params, env = [], {"_new": object.__new__, "_slow": slow_new, "_fields": name_set, "_unknown": unknown,
                       "_twin": type(f"_{cls.__name__}Fields", (), {"__slots__": names})}
    for name, f in fields_.items():
        if f.default is MISSING:
            if params and "=" in params[-1]:
                raise TypeError(f"non-default argument {name!r} follows default argument")
            params.append(name)
        else:
            env[f"_default_{name}"] = f.default
            params.append(f"{name}=_default_{name}")
    # The methods a corpus pass calls often, compiled as dataclass writes them (a closure over
    # attrgetter is slower); together, since every compile costs the start.
    compared = [n for n, f in fields_.items() if f.compare]
    hashed = [n for n, f in fields_.items() if (f.compare if f.hash is None else f.hash)]
    stores = "".join(f"    o.{n} = {n}\n" for n in names)
    kept = ", ".join(f"c.pop({n!r}) if {n!r} in c else self.{n}" for n in names)
    exec(compile_python(f"def __new__(_type, {', '.join(params)}):\n"
         f"    if _type is not _cls:\n        return _slow(_type, ({''.join(n + ',' for n in names)}))\n"
         f"    o = _new(_twin)\n{stores}    o.__class__ = _cls\n    return o\n"
         f"def __eq__(self, other):\n    if other.__class__ is self.__class__:\n"
         f"        return ({attrs('self', compared)}) == ({attrs('other', compared)})\n"
         f"    return NotImplemented\n"
         f"def __hash__(self):\n    return hash(({attrs('self', hashed)}))\n"
         f"def __replace__(self, /, **c):  # copy.replace's protocol (Python 3.13)\n"
         f"    if not c.keys() <= _fields:\n        _unknown(c)\n"
         f"    return __new__(_cls, {kept})\n"), env)

    def __repr__(self):
        return self.__class__.__qualname__ + f"({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    def __setattr__(self, name, value):
        if type(self) is new_cls or name in name_set:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(new_cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is new_cls or name in name_set:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(new_cls, self).__delattr__(name)

    def __reduce__(self):
        return new_cls, values(self)

    new = env["__new__"]
    new.__annotations__ = {n: f.type for n, f in fields_.items()}  # for inspect.signature
    body = {k: v for k, v in cls.__dict__.items()
            if k not in name_set and k not in ("__dict__", "__weakref__")}
    for method in (new, __repr__, env["__eq__"], env["__hash__"], __setattr__, __delattr__, __reduce__,
                   env["__replace__"]):
        method.__qualname__ = f"{qualname}.{method.__name__}"
        body[method.__name__] = method
    body.update(__new__=staticmethod(new), __init__=object.__init__,  # all is done in __new__
                __repr__=reprlib.recursive_repr()(__repr__), __slots__=names, __qualname__=qualname,
                __match_args__=names, __dataclass_fields__=fields_, __dataclass_params__=_PARAMS)
    if body.get("__doc__") is None:  # as dataclass writes it: the signature
        body["__doc__"] = cls.__name__ + "(" + ", ".join(
            f"{n}: {inspect.formatannotation(f.type)}" + ("" if f.default is MISSING else f" = {f.default!r}")
            for n, f in fields_.items()) + ")"
    env["_cls"] = new_cls = type(cls)(cls.__name__, cls.__bases__, body)
    return new_cls


def replace(obj, /, **changes):
    """``dataclasses.replace`` for any dataclass; for the records here without its per-field
    loop (labels rebuild every Quantity)."""
    method = getattr(type(obj), "__replace__", None)
    if method is None:
        return dataclasses.replace(obj, **changes)
    return method(obj, **changes)


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
