"""Message templates: ``{handled.text}`` / ``{received.label}`` / ``{sum(parts)}``.

A placeholder is either a binding attribute (``name`` alone means its text) or an expression
of the rule language, shown as a number (or ``a～b`` when it is a range). ``{{``/``}}`` are
literal braces. Templates are parsed and name-checked when the rule file is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compiled import compile_re
from . import expr
from .bounds import Interval, Undefined
from ..serialize import decimal_str

TEXT_ATTRS = (
    "text", "label", "verb", "unit", "value", "lower", "upper", "qualifier", "dimension",
    "base_value", "base_unit", "key", "line", "col",
)
_ATTR = compile_re(r"\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*$")


class TemplateError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Template:
    parts: tuple  # str | ("attr", name, attr) | ("expr", tree)


def parse(text: str, names: dict[str, str]) -> Template:
    parts: list = []
    buf, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            buf.append("{")
            i += 2
            continue
        if ch == "}" and text.startswith("}}", i):
            buf.append("}")
            i += 2
            continue
        if ch == "}":
            raise TemplateError(f"unmatched '}}' at character {i + 1} (write '}}}}' for a brace)")
        if ch == "{":
            end = text.find("}", i)
            if end < 0 or "{" in text[i + 1:end]:
                raise TemplateError(f"unclosed '{{' at character {i + 1}")
            if buf:
                parts.append("".join(buf))
                buf = []
            parts.append(_placeholder(text[i + 1:end], names))
            i = end + 1
            continue
        buf.append(ch)
        i += 1
    if buf:
        parts.append("".join(buf))
    return Template(tuple(parts))


def _placeholder(inner: str, names: dict[str, str]):
    m = _ATTR.match(inner)
    if m and names.get(m.group(1), "param") != "param":  # a binding, not a param
        name, attr = m.groups()
        if attr is None or attr in TEXT_ATTRS:
            return ("attr", name, attr or "text")
        if attr not in expr.ATTRS:
            raise TemplateError(
                f"{{{inner.strip()}}}: unknown attribute {attr!r} (use one of: {', '.join(TEXT_ATTRS)})"
            )
    try:
        tree = expr.parse(inner)
        kind = expr.check(tree, names)
    except expr.ExprError as exc:
        raise TemplateError(f"{{{inner.strip()}}}: {exc.message}") from None
    if kind != "num":
        raise TemplateError(f"{{{inner.strip()}}}: a placeholder must be a binding attribute or a number")
    return ("expr", tree)


def render(template: Template, attr, env) -> str:
    """``attr(name, attribute)`` gives a binding attribute's text; ``env`` evaluates names."""
    out = []
    for k, part in enumerate(template.parts):
        if isinstance(part, str):
            out.append(part)
        elif part[0] == "attr":
            out.append(attr(part[1], part[2]))
        else:
            following = template.parts[k + 1] if k + 1 < len(template.parts) else ""
            try:
                out.append(format_interval(expr.evaluate(part[1], env), magnitude=not _unit_follows(following)))
            except Undefined:
                out.append("?")
    return "".join(out)


_UNIT_START = compile_re(r"\s*[%％‰万亿千百十个]")


def _unit_follows(part) -> bool:
    """A number the template puts before a unit ({sum(parts)…}{total.unit}, {…}%) is already
    in that unit: it must not be put in 万/亿 a second time (1.2亿万元)."""
    if isinstance(part, str):
        return bool(_UNIT_START.match(part))
    return part[0] == "attr" and part[2] in ("unit", "base_unit")


def format_number(value: Decimal, *, magnitude: bool = False) -> str:
    """Two decimals at most (four of 万/亿); with ``magnitude``, a bare base-unit amount in 万/亿/万亿 as a
    report writes it (400000 → 40万, 1600000000000 → 1.6万亿)."""
    if value.is_infinite():
        return "∞" if value > 0 else "-∞"
    if magnitude:
        from ..numbers.magnitude import auto_magnitude, plain

        number, prefix = auto_magnitude(value)
        if prefix:  # 1.23456789亿: four decimals of 亿 are already finer than any report writes
            return plain(number.quantize(Decimal("0.0001")) if abs(number) < 10 ** 12 else number) + prefix
    if value == value.to_integral_value():
        return decimal_str(value.quantize(Decimal(1)))
    text = decimal_str(value.quantize(Decimal("0.01")))
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_interval(value: Interval, *, magnitude: bool = False) -> str:
    if value.is_exact:
        return format_number(value.lo, magnitude=magnitude)
    if value.hi.is_infinite():
        return f"≥{format_number(value.lo, magnitude=magnitude)}"
    return f"{format_number(value.lo, magnitude=magnitude)}～{format_number(value.hi, magnitude=magnitude)}"
