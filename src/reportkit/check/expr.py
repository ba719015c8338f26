"""The rule expression language: a tokenizer, a recursive-descent parser and an evaluator.

User text is never handed to ``eval``: expressions are parsed here into a small tree and
evaluated over :mod:`.bounds` intervals. The language::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("<=" | "<" | ">=" | ">" | "==" | "!=") sum)*     # a <= b <= c chains
    sum     := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := ("-" | "+") unary | atom
    atom    := NUMBER | "true" | "false" | NAME ["." ATTR] | FUNC "(" expr ("," expr)* ")"
             | "(" expr ")"

Names are the rule's bindings and params; ``x.value`` is the number as written (no bounds),
``x.lower``/``x.upper`` its bounds, a bare ``x`` its interval in base units. Functions:
``sum(list)``, ``count(list)``, ``abs(x)``, ``min(a, b, …)``/``max(…)`` (or of one list).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal

from ..compiled import compile_re
from .bounds import COMPARE, Interval, Truth, Undefined, vmax, vmin


class ExprError(Exception):
    """A syntax or name error; ``col`` is 1-based within the expression text."""

    def __init__(self, message: str, col: int):
        super().__init__(message)
        self.message = message
        self.col = col


# -- tokens ---------------------------------------------------------------------------------

_TOKEN = compile_re(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|,|\.))"
)
KEYWORDS = {"and", "or", "not", "true", "false"}
CMP_OPS = ("<=", "<", ">=", ">", "==", "!=")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num | name | op | end
    text: str
    col: int


def tokenize(text: str) -> list[Token]:
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise ExprError(f"unexpected character {text[col - 1]!r}", col)
        kind = m.lastgroup
        tokens.append(Token(kind, m.group(kind), m.start(kind) + 1))
        pos = m.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


# -- tree -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal
    col: int


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    col: int


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    attr: str | None
    col: int


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple
    col: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-" | "not"
    operand: object
    col: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # + - * /
    left: object
    right: object
    col: int


@dataclass(frozen=True, slots=True)
class Compare:
    ops: tuple
    operands: tuple
    col: int


@dataclass(frozen=True, slots=True)
class Logic:
    op: str  # and | or
    operands: tuple
    col: int


FUNCTIONS = {"sum": (1, 1), "count": (1, 1), "abs": (1, 1), "min": (1, None), "max": (1, None)}
ATTRS = {"value", "lower", "upper", "base"}


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def accept(self, text: str) -> Token | None:
        if self.tok.kind in ("op", "name") and self.tok.text == text:
            return self.take()
        return None

    def expect(self, text: str) -> Token:
        t = self.accept(text)
        if t is None:
            raise ExprError(f"expected {text!r}, found {self._what(self.tok)}", self.tok.col)
        return t

    @staticmethod
    def _what(t: Token) -> str:
        return "the end" if t.kind == "end" else repr(t.text)

    def parse(self):
        node = self.or_()
        if self.tok.kind != "end":
            raise ExprError(f"unexpected {self._what(self.tok)}", self.tok.col)
        return node

    def or_(self):
        return self._logic("or", self.and_)

    def and_(self):
        return self._logic("and", self.not_)

    def _logic(self, op: str, operand):
        first = operand()
        items = [first]
        while self.accept(op):
            items.append(operand())
        return first if len(items) == 1 else Logic(op, tuple(items), first.col)

    def not_(self):
        t = self.accept("not")
        if t:
            return Unary("not", self.not_(), t.col)
        return self.compare()

    def compare(self):
        first = self.sum_()
        ops, operands = [], [first]
        while self.tok.kind == "op" and self.tok.text in CMP_OPS:
            ops.append(self.take().text)
            operands.append(self.sum_())
        return first if not ops else Compare(tuple(ops), tuple(operands), first.col)

    def sum_(self):
        return self._binary(("+", "-"), self.term)

    def term(self):
        return self._binary(("*", "/"), self.unary)

    def _binary(self, ops: tuple, operand):
        node = operand()
        while self.tok.kind == "op" and self.tok.text in ops:
            op = self.take()
            node = Binary(op.text, node, operand(), op.col)
        return node

    def unary(self):
        if self.tok.kind == "op" and self.tok.text in "+-":
            op = self.take()
            operand = self.unary()
            return operand if op.text == "+" else Unary("-", operand, op.col)
        return self.atom()

    def atom(self):
        t = self.tok
        if t.kind == "num":
            self.take()
            return Num(Decimal(t.text), t.col)
        if t.kind == "op" and t.text == "(":
            self.take()
            node = self.or_()
            self.expect(")")
            return node
        if t.kind == "name":
            if t.text in ("true", "false"):
                self.take()
                return Bool(t.text == "true", t.col)
            if t.text in KEYWORDS:
                raise ExprError(f"unexpected {t.text!r}", t.col)
            self.take()
            if self.accept("("):
                args = [self.or_()]
                while self.accept(","):
                    args.append(self.or_())
                self.expect(")")
                return Call(t.text, tuple(args), t.col)
            attr = None
            if self.accept("."):
                a = self.take()
                if a.kind != "name":
                    raise ExprError(f"expected an attribute after '.', found {self._what(a)}", a.col)
                attr = a.text
            return Var(t.text, attr, t.col)
        raise ExprError(f"unexpected {self._what(t)}", t.col)


def parse(text: str):
    """Parse an expression; raises :class:`ExprError` with a column."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("the expression is empty", 1)
    return _Parser(text).parse()


# -- static checks --------------------------------------------------------------------------

def check(node, names: dict[str, str]) -> str:
    """Type-check ``node`` against ``names`` (name → "num" | "list"); return its type
    ("num" | "bool" | "list"). Unknown names, bad attributes, misuse of lists: ExprError."""
    if isinstance(node, Num):
        return "num"
    if isinstance(node, Bool):
        return "bool"
    if isinstance(node, Var):
        if node.name not in names:
            known = ", ".join(sorted(names)) or "none"
            close = difflib.get_close_matches(node.name, list(names), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ExprError(f"unknown name {node.name!r} (known: {known}){hint}", node.col)
        kind = names[node.name]
        if kind == "text":
            raise ExprError(f"{node.name!r} is a text match, not a number", node.col)
        if node.attr is not None:
            if kind == "param":
                raise ExprError(f"{node.name!r} is a param and has no attributes", node.col)
            if node.attr not in ATTRS:
                raise ExprError(
                    f"unknown attribute {node.attr!r} (use one of: {', '.join(sorted(ATTRS))})", node.col
                )
        return "list" if kind == "list" else "num"
    if isinstance(node, Call):
        if node.func not in FUNCTIONS:
            raise ExprError(f"unknown function {node.func!r} (use one of: {', '.join(FUNCTIONS)})", node.col)
        lo, hi = FUNCTIONS[node.func]
        if len(node.args) < lo or (hi is not None and len(node.args) > hi):
            raise ExprError(f"{node.func}() takes {lo if lo == hi else f'{lo} or more'} argument(s)", node.col)
        types = [check(a, names) for a in node.args]
        if node.func in ("sum", "count"):
            if types[0] != "list":
                raise ExprError(f"{node.func}() needs a list binding (one with many: true)", node.col)
            return "num"
        if node.func in ("min", "max") and len(types) == 1:
            if types[0] != "list":
                raise ExprError(f"{node.func}() of one argument needs a list binding", node.col)
            return "num"
        for a, t in zip(node.args, types):
            if t != "num":
                raise ExprError(f"{node.func}() needs numbers, not a {_tname(t)}", a.col)
        return "num"
    if isinstance(node, Unary):
        t = check(node.operand, names)
        want = "bool" if node.op == "not" else "num"
        if t != want:
            raise ExprError(f"{node.op!r} needs a {_tname(want)}, not a {_tname(t)}", node.col)
        return want
    if isinstance(node, Binary):
        _require((node.left, node.right), "num", names, f"{node.op!r} needs numbers")
        return "num"
    if isinstance(node, Compare):
        _require(node.operands, "num", names, "a comparison needs numbers")
        return "bool"
    if isinstance(node, Logic):
        _require(node.operands, "bool", names, f"{node.op!r} needs conditions")
        return "bool"
    raise AssertionError(node)  # pragma: no cover


def _require(sides, want: str, names, needs: str) -> None:
    """Every operand must have type ``want``; the error points at the first that has not."""
    for side in sides:
        t = check(side, names)
        if t != want:
            raise ExprError(f"{needs}, not a {_tname(t)}", side.col)


def _tname(t: str) -> str:
    return {"num": "number", "bool": "condition", "list": "list (use sum/count/min/max)"}[t]


# -- evaluation -----------------------------------------------------------------------------

def evaluate(node, env):
    """Evaluate over intervals. ``env(name, attr)`` returns an Interval or a list of them.
    Numbers come back as :class:`Interval`, conditions as :class:`Truth`;
    :class:`Undefined` propagates when a value does not exist (division by zero)."""
    if isinstance(node, Num):
        return Interval.exact(node.value)
    if isinstance(node, Bool):
        return Truth.TRUE if node.value else Truth.FALSE
    if isinstance(node, Var):
        return env(node.name, node.attr)
    if isinstance(node, Call):
        args = [evaluate(a, env) for a in node.args]
        if node.func == "sum":
            total = Interval.exact(0)
            for x in args[0]:
                total = total + x
            return total
        if node.func == "count":
            return Interval.exact(len(args[0]))
        if node.func == "abs":
            return abs(args[0])
        items = args[0] if len(args) == 1 else args
        if not items:
            raise Undefined(f"{node.func}() of an empty list")
        fold = vmin if node.func == "min" else vmax
        out = items[0]
        for x in items[1:]:
            out = fold(out, x)
        return out
    if isinstance(node, Unary):
        value = evaluate(node.operand, env)
        return ~value if node.op == "not" else -value
    if isinstance(node, Binary):
        a, b = evaluate(node.left, env), evaluate(node.right, env)
        return {"+": a.__add__, "-": a.__sub__, "*": a.__mul__, "/": a.__truediv__}[node.op](b)
    if isinstance(node, Compare):
        values = [evaluate(x, env) for x in node.operands]
        return Truth.all_of(COMPARE[op](values[k], values[k + 1]) for k, op in enumerate(node.ops))
    if isinstance(node, Logic):
        values = [evaluate(x, env) for x in node.operands]
        return Truth.all_of(values) if node.op == "and" else Truth.any_of(values)
    raise AssertionError(node)  # pragma: no cover
