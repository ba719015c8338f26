"""The expression language and the interval arithmetic it runs on."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from reportkit.check import expr
from reportkit.check.bounds import INF, Interval, Truth, Undefined, eq, le, lt, quantity_interval
from reportkit.check.template import format_interval, parse as parse_template, render
from reportkit.models import Quantity

NAMES = {"a": "num", "b": "num", "parts": "list", "tol": "param", "m": "text"}


def run(text, **values):
    tree = expr.parse(text)
    expr.check(tree, NAMES)
    return expr.evaluate(tree, lambda name, attr: values[name])


def X(lo, hi=None, lo_open=False, hi_open=False):
    return Interval(D(lo), D(hi if hi is not None else lo), lo_open, hi_open)


def test_precedence_and_chained_comparisons():
    assert run("1 + 2 * 3 == 7") is Truth.TRUE
    assert run("(1 + 2) * 3 == 9 and not 2 > 3") is Truth.TRUE
    assert run("1 <= a <= 3", a=X(2)) is Truth.TRUE
    assert run("1 <= a <= 3", a=X(4)) is Truth.FALSE
    assert run("-a + 5 == 2", a=X(3)) is Truth.TRUE
    assert run("a < 1 or b < 1", a=X(5), b=X(0)) is Truth.TRUE


def test_functions_over_lists():
    parts = [X(4), X(3)]
    assert run("sum(parts) <= a", parts=parts, a=X(7)) is Truth.TRUE
    assert run("sum(parts) <= a", parts=[X(5), X(3)], a=X(7)) is Truth.FALSE
    assert run("count(parts) == 2", parts=parts) is Truth.TRUE
    assert run("max(parts) == 4 and min(parts) == 3", parts=parts) is Truth.TRUE
    assert run("abs(a - b) <= tol", a=X(3), b=X(5), tol=X(2)) is Truth.TRUE
    assert run("max(a, b) == 5", a=X(3), b=X(5)) is Truth.TRUE


@pytest.mark.parametrize("text, message, col", [
    ("a <=", "unexpected the end", 5),
    ("a <= (b", "expected ')', found the end", 8),
    ("a ** b", "unexpected '*'", 4),
    ("a <= c", "unknown name 'c' (known: a, b, m, parts, tol)", 6),
    ("a.txt <= 1", "unknown attribute 'txt' (use one of: base, lower, upper, value)", 1),
    ("tol.value <= 1", "'tol' is a param and has no attributes", 1),
    ("m <= 1", "'m' is a text match, not a number", 1),
    ("sum(a) <= 1", "sum() needs a list binding (one with many: true)", 1),
    ("parts <= 1", "a comparison needs numbers, not a list (use sum/count/min/max)", 1),
    ("a and b", "'and' needs conditions, not a number", 1),
    ("abs(a, b) <= 1", "abs() takes 1 argument(s)", 1),
    ("open(a) <= 1", "unknown function 'open' (use one of: sum, count, abs, min, max)", 1),
    ("__import__('os')", "unexpected character \"'\"", 12),
    ("a <= 1; b", "unexpected character ';'", 7),
    ("", "the expression is empty", 1),
])
def test_errors_carry_a_column(text, message, col):
    with pytest.raises(expr.ExprError) as info:
        expr.check(expr.parse(text), NAMES)
    assert (info.value.message, info.value.col) == (message, col)


def test_comparisons_answer_in_three_values_over_bounds():
    at_least_1900 = X(1900, 2000, hi_open=True)  # 1900余 = [1900, 2000)
    assert le(X(1811), at_least_1900) is Truth.TRUE
    assert le(X(1950), at_least_1900) is Truth.UNKNOWN
    assert le(X(2000), at_least_1900) is Truth.FALSE  # the open end: 2000 is not in it
    assert le(X(1900), at_least_1900) is Truth.TRUE
    assert lt(X(1899), at_least_1900) is Truth.TRUE
    assert lt(X(1900), at_least_1900) is Truth.UNKNOWN
    assert eq(X(5), X(5)) is Truth.TRUE
    assert eq(X(5), X(4, 6)) is Truth.UNKNOWN
    assert eq(X(5), X(6, 7)) is Truth.FALSE
    assert le(X(5), Interval(D(0), INF)) is Truth.UNKNOWN


def test_interval_arithmetic():
    assert X(1, 2) + X(10, 20) == X(11, 22)
    assert X(1, 2) - X(10, 20) == X(-19, -8)
    assert X(-1, 2) * X(3, 4) == X(-4, 8)
    assert X(10) / X(4) == X("2.5")
    assert abs(X(-3, 2)) == X(0, 3)
    assert X(1, 2, hi_open=True) + X(1) == X(2, 3, hi_open=True)
    with pytest.raises(Undefined):
        X(1) / X(0, 5)
    assert X(1) * Interval(D(0), INF) == Interval(D(0), INF)


def q(value, lower=None, upper=None, *, unit="%", dimension="percent", base=None, lower_inclusive=True,
      upper_inclusive=True):
    v = D(value)
    return Quantity(
        id="q1", text=value, start=0, end=1, line=1, col=1, value=v, unit=unit, dimension=dimension,
        base_value=D(base) if base else v, base_unit=unit, lower=v if lower is None else (D(lower) if lower != "none" else None),
        upper=v if upper is None else (D(upper) if upper != "none" else None),
        lower_inclusive=lower_inclusive, upper_inclusive=upper_inclusive,
    )


def test_rounding_as_written_follows_the_decimal_exponent():
    assert quantity_interval(q("83.14"), rounding=True) == X("83.135", "83.145")
    assert quantity_interval(q("83.1"), rounding=True) == X("83.05", "83.15")
    assert quantity_interval(q("83.10"), rounding=True) == X("83.095", "83.105")
    assert quantity_interval(q("95"), rounding=True) == X("94.5", "95.5")
    assert quantity_interval(q("83.14")) == X("83.14")


def test_bounds_and_base_units():
    more_than = q("1900", lower="1900", upper="2000", unit="件", dimension="count", upper_inclusive=False)
    assert quantity_interval(more_than) == X(1900, 2000, hi_open=True)
    money = q("238.16", unit="万元", dimension="money", base="2381600")
    assert quantity_interval(money) == X(2381600)
    assert quantity_interval(money, rounding=True) == X(2381550, 2381650)
    near = q("200", lower="none", unit="家", dimension="count")
    assert quantity_interval(near) == X(0, 200)  # 近200家: a count is never negative
    change = q("5", lower="none", upper="none")
    assert quantity_interval(change) == Interval(-INF, INF)


def test_templates_interpolate_attributes_and_expressions():
    names = {"a": "num", "b": "num"}
    t = parse_template("{a.text}多于{b}，差{a - b}；{{字面}}", names)
    attrs = {("a", "text"): "1911件", ("b", "text"): "1896件"}
    values = {"a": X(1911), "b": X(1896)}
    out = render(t, lambda n, attr: attrs[(n, attr)], lambda n, attr: values[n])
    assert out == "1911件多于1896件，差15；{字面}"
    assert format_interval(X("83.13953488")) == "83.14"
    assert format_interval(X(1, 2)) == "1～2"
    assert format_interval(Interval(D(5), INF)) == "≥5"
