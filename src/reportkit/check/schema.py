"""Validate one rule file's YAML (already located by :mod:`.yamlsrc`) into :class:`Rule` records.

Every problem is a :class:`RuleFileError` that reads ``path:line: rule 'id': what is wrong``:
unknown keys (with a did-you-mean), wrong types, bad severities and scopes, invalid regexes,
and unknown names in expressions and message templates.
"""

from __future__ import annotations

import difflib
from decimal import Decimal

from ..compiled import compile_re
from ..errors import RuleFileError
from . import expr, patterns, template
from .model import SAME_FIELDS, SCOPES, SEVERITIES, Binding, Example, Rule
from .yamlsrc import LocDict, LocList

RULE_KEYS = (
    "id", "title", "severity", "description", "help", "tags", "scope", "bind", "assert",
    "params", "message", "report", "possible", "check", "options", "examples",
    "relation", "where", "defaults", "rounding", "uncertain",
)
RELATION_ONLY = ("relation", "where", "defaults", "rounding", "uncertain")
BINDING_KEYS = (
    "verb", "verb_not", "label", "label_not", "context", "context_not", "follow", "text",
    "unit", "unit_not", "dimension", "unit_inferred", "qualified", "target", "per", "rounding",
    "match", "many", "min", "pick", "after", "before", "exclusive", "gap", "until", "within",
    "same", "differ",
)
QUANTITY_ONLY = (
    "verb", "verb_not", "label", "label_not", "context", "context_not", "follow", "text", "unit",
    "unit_not", "dimension", "unit_inferred", "qualified", "target", "per", "rounding",
)
DIMENSIONS = (
    "count", "money", "area", "length", "mass", "energy", "power", "volume", "duration",
    "percent", "percentage-point", "multiple", "ratio", "number",
)
ID_RE = compile_re(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
NAME_RE = compile_re(r"^[A-Za-z_][A-Za-z0-9_]*$")
MARK_RE = compile_re(r"\[\[(.+?)\]\]")
RESERVED = {"and", "or", "not", "true", "false", "sum", "count", "abs", "min", "max"}


class _Ctx:
    def __init__(self, path: str, rule_id: str | None = None):
        self.path, self.rule_id = path, rule_id

    def fail(self, line: int, what: str):
        where = f"rule {self.rule_id!r}: " if self.rule_id else ""
        raise RuleFileError(f"{self.path}:{line}: {where}{what}")


def rules_from_yaml(data, path: str, builtins: dict) -> list[Rule]:
    ctx = _Ctx(path)
    if not isinstance(data, LocDict):
        ctx.fail(getattr(data, "line", 1), "a rule file must be a mapping with a 'rules:' list")
    _unknown_keys(ctx, data, ("rules",), "top-level key")
    rules = data.get("rules")
    if not isinstance(rules, LocList):
        ctx.fail(data.line_of("rules"), "'rules' must be a list of rules")
    out, seen = [], {}
    for i, item in enumerate(rules):
        rule = _rule(item, path, rules.line_of(i), builtins)
        if rule.id in seen:
            _Ctx(path, rule.id).fail(rule.line, f"duplicate rule id (first defined on line {seen[rule.id]})")
        seen[rule.id] = rule.line
        out.append(rule)
    return out


def _unknown_keys(ctx: _Ctx, mapping: LocDict, allowed, what: str) -> None:
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(allowed)})"
            ctx.fail(mapping.lines[key], f"unknown {what} {key!r}{hint}")


def _str(ctx, m: LocDict, key: str, *, required=False, default=None) -> str | None:
    if key not in m:
        if required:
            ctx.fail(m.line, f"missing required key {key!r}")
        return default
    value = m[key]
    if not isinstance(value, str) or not value.strip():
        ctx.fail(m.line_of(key), f"{key!r} must be a non-empty string")
    return value


def _bool(ctx, m: LocDict, key: str, default, *, allow_any=False):
    if key not in m:
        return default
    value = m[key]
    if allow_any and value == "any":
        return None
    if not isinstance(value, bool):
        ctx.fail(m.line_of(key), f"{key!r} must be true or false{' or any' if allow_any else ''}")
    return value


def _int(ctx, m: LocDict, key: str, default):
    if key not in m:
        return default
    value = m[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        ctx.fail(m.line_of(key), f"{key!r} must be a whole number ≥ 0")
    return value


def _choice(ctx, m: LocDict, key: str, choices, default):
    if key not in m:
        return default
    value = m[key]
    if value not in choices:
        ctx.fail(m.line_of(key), f"{key!r} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _strlist(ctx, m: LocDict, key: str, choices=None) -> tuple[str, ...]:
    if key not in m:
        return ()
    value = m[key]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(x, str) and x for x in items):
        ctx.fail(m.line_of(key), f"{key!r} must be a string or a list of strings")
    if choices:
        _known(ctx, m.line_of(key), items, choices, f"{key!r}: unknown value")
    return tuple(items)


def _known(ctx, line: int, values, choices, what: str) -> None:
    for value in values:
        if value not in choices:
            ctx.fail(line, f"{what} {value!r} (use one of: {', '.join(choices)})")


def _regex(ctx, m: LocDict, key: str):
    if key not in m:
        return None
    value = m[key]
    if not isinstance(value, str) or not value:
        ctx.fail(m.line_of(key), f"{key!r} must be a regular expression (a string)")
    line = m.line_of(key)
    try:
        return patterns.Pattern(value, f"{ctx.path}:{line}: rule {ctx.rule_id!r}: {key!r}")
    except patterns.PatternError as exc:
        ctx.fail(line, f"{key!r}: {exc}")


def _rule(item, path: str, line: int, builtins: dict) -> Rule:
    ctx = _Ctx(path)
    if not isinstance(item, LocDict):
        ctx.fail(line, "each rule must be a mapping")
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not ID_RE.match(rule_id):
        ctx.fail(item.line_of("id"),
                 "'id' is required: letters, digits, '-', '_' or '.' (e.g. handled-le-received)")
    ctx = _Ctx(path, rule_id)
    _unknown_keys(ctx, item, RULE_KEYS, "key")
    title = _str(ctx, item, "title", required=True)
    severity = item.get("severity")
    if severity not in SEVERITIES:
        ctx.fail(item.line_of("severity"),
                 f"'severity' must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    description = _str(ctx, item, "description", default="") or ""
    help_text = _str(ctx, item, "help")
    tags = _strlist(ctx, item, "tags")
    scope = _choice(ctx, item, "scope", SCOPES, "sentence")
    possible = _choice(ctx, item, "possible", ("downgrade", "ignore"), "downgrade")
    message_text = _str(ctx, item, "message", required=True)
    params = _params(ctx, item)

    check = None
    options: dict = {}
    relation_spec: dict = {}
    if "relation" in item:
        for key in ("bind", "check", "scope"):
            if key in item:
                ctx.fail(item.lines[key], f"{key!r} cannot be used with 'relation'")
        relation_spec = _relation(ctx, item)
        names = dict(relation_spec.pop("names"))
        bindings = ()
    elif any(k in item for k in RELATION_ONLY):
        key = next(k for k in RELATION_ONLY if k in item)
        ctx.fail(item.lines[key], f"{key!r} is only for rules over relations ('relation:')")
    if relation_spec:
        pass
    elif "check" in item:
        check = item["check"]
        if check not in builtins:
            ctx.fail(item.line_of("check"), f"unknown built-in check {check!r} (use one of: {', '.join(sorted(builtins))})")
        for key in ("bind", "assert", "report"):
            if key in item:
                ctx.fail(item.lines[key], f"{key!r} cannot be used with 'check'")
        raw = item["options"] if "options" in item else LocDict.empty(item.line)
        if not isinstance(raw, LocDict):
            ctx.fail(item.line_of("options"), "'options' must be a mapping")
        options = builtins[check].validate(raw, lambda ln, what: ctx.fail(ln, f"options: {what}"))
        names = dict(builtins[check].names)
        bindings: tuple[Binding, ...] = ()
    else:
        if "options" in item:
            ctx.fail(item.lines["options"], "'options' is only for built-in checks ('check:')")
        bindings = _bindings(ctx, item)
        names = {b.name: ("text" if b.kind == "match" else "list" if b.many else "num") for b in bindings}
    for p in params:
        if p in names:
            ctx.fail(item.line_of("params"), f"param {p!r} has the name of a binding")
        names[p] = "param"

    assertion = None
    assertion_text = None
    if "assert" in item:
        assertion_text = _str(ctx, item, "assert")
        try:
            assertion = expr.parse(assertion_text)
            kind = expr.check(assertion, names)
        except expr.ExprError as exc:
            ctx.fail(item.line_of("assert"), f"assert: {exc.message} (column {exc.col} of {assertion_text!r})")
        if kind != "bool":
            ctx.fail(item.line_of("assert"), "assert: the expression must be a condition such as 'a <= b'")

    report = None
    if "report" in item:
        report = _str(ctx, item, "report")
        if report not in names or names[report] in ("param", "text"):
            ctx.fail(item.line_of("report"), f"report: {report!r} is not a quantity binding of this rule")
    elif relation_spec:
        ctx.fail(item.line, "'report' is required with 'relation': the slot that locates a finding")
    elif bindings:
        quantity_bindings = [b.name for b in bindings if b.kind == "quantity"]
        if not quantity_bindings:
            ctx.fail(item.line_of("bind"), "bind: at least one binding must be a quantity (not only 'match')")
        report = quantity_bindings[-1]

    try:
        message = template.parse(message_text, names)
    except template.TemplateError as exc:
        ctx.fail(item.line_of("message"), f"message: {exc.message}")

    examples = _examples(ctx, item)
    return Rule(
        id=rule_id, title=title, severity=severity, source=path, line=item.line,
        description=description.strip(), scope=scope, bindings=bindings, assertion=assertion,
        assertion_text=assertion_text, params=params, message=message, message_text=message_text,
        report=report, possible=possible, check=check, options=options, examples=examples,
        help=help_text, tags=tags, **relation_spec,
    )


def _relation(ctx, item: LocDict) -> dict:
    from .relations import KINDS, MODES, names as slot_names

    kind = item["relation"]
    if kind not in KINDS:
        ctx.fail(item.line_of("relation"), f"'relation' must be one of {', '.join(KINDS)}, not {kind!r}")
    names = slot_names(kind)
    modes: tuple[str, ...] = ()
    certain_only = False
    if "where" in item:
        where = item["where"]
        if not isinstance(where, LocDict):
            ctx.fail(item.line_of("where"), "'where' must be a mapping (mode, certain)")
        _unknown_keys(ctx, where, ("mode", "certain"), "condition in 'where':")
        if "mode" in where:
            raw = where["mode"]
            modes = tuple(raw) if isinstance(raw, list) else (raw,)
            known = MODES.get(kind)
            for m in modes:
                if not isinstance(m, str) or (known is not None and m not in known and kind != "flow"):
                    ctx.fail(where.line_of("mode"), f"where: mode {m!r} is not a mode of {kind} relations"
                             + (f" ({', '.join(known)})" if known else ""))
        certain_only = _bool(ctx, where, "certain", False)
    defaults = {}
    if "defaults" in item:
        raw = item["defaults"]
        if not isinstance(raw, LocDict):
            ctx.fail(item.line_of("defaults"), "'defaults' must map slots to numbers")
        for slot, value in raw.items():
            if slot not in names:
                ctx.fail(raw.lines[slot], f"defaults: {slot!r} is not a slot of {kind} relations ({', '.join(names)})")
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                ctx.fail(raw.line_of(slot), f"defaults: {slot!r} must be a number")
            defaults[slot] = Decimal(value)
    rounding = _strlist(ctx, item, "rounding", tuple(names))
    uncertain = _choice(ctx, item, "uncertain", ("downgrade", "ignore"), "downgrade")
    return {"relation": kind, "modes": modes, "certain_only": certain_only, "defaults": defaults,
            "rounding": rounding, "uncertain": uncertain, "names": names}


def _params(ctx, item: LocDict) -> dict[str, Decimal]:
    raw = item.get("params")
    if raw is None:
        return {}
    if not isinstance(raw, LocDict):
        ctx.fail(item.line_of("params"), "'params' must be a mapping of names to numbers")
    out = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not NAME_RE.match(name) or name in RESERVED:
            ctx.fail(raw.lines[name], f"params: {name!r} is not a valid name")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            ctx.fail(raw.line_of(name), f"params: {name!r} must be a number")
        out[name] = Decimal(value)
    return out


def _bindings(ctx, item: LocDict) -> tuple[Binding, ...]:
    raw = item.get("bind")
    if not isinstance(raw, LocDict) or not raw:
        ctx.fail(item.line_of("bind"),
                 "'bind' is required: a mapping of names to what each binds (or use 'check')")
    out: list[Binding] = []
    for name, spec in raw.items():
        line = raw.lines[name]
        if not isinstance(name, str) or not NAME_RE.match(name) or name in RESERVED:
            ctx.fail(line, f"bind: {name!r} is not a valid name (letters, digits, _; not a keyword)")
        if spec is None:
            spec = LocDict.empty(line)
        if not isinstance(spec, LocDict):
            ctx.fail(line, f"bind: {name!r} must be a mapping of conditions")
        out.append(_binding(ctx, name, spec, [b.name for b in out], line))
    return tuple(out)


def _binding(ctx, name: str, m: LocDict, earlier: list[str], line: int) -> Binding:
    _unknown_keys(ctx, m, BINDING_KEYS, f"condition in binding {name!r}:")
    kind = "match" if "match" in m else "quantity"
    if kind == "match":
        for key in QUANTITY_ONLY:
            if key in m:
                ctx.fail(m.lines[key], f"bind {name!r}: {key!r} is for quantities, not a 'match' binding")
        if "many" in m:
            ctx.fail(m.lines["many"], f"bind {name!r}: a 'match' binding binds one text match")

    def ref(key):
        if key not in m:
            return None
        value = m[key]
        if value not in earlier:
            ctx.fail(m.line_of(key), f"bind {name!r}: {key}: {value!r} is not a binding defined above it")
        return value

    after, before = ref("after"), ref("before")
    if after and before:
        ctx.fail(m.lines["before"], f"bind {name!r}: use 'after' or 'before', not both")
    default_ref = after or before or (earlier[-1] if earlier else None)

    def relation(key, choices):
        if key not in m:
            return ()
        value = m[key]
        pairs = []
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            if default_ref is None:
                ctx.fail(m.line_of(key), f"bind {name!r}: {key}: the first binding has nothing to relate to")
            pairs = [(v, default_ref) for v in value]
        elif isinstance(value, LocDict):
            for k, v in value.items():
                if v not in earlier:
                    ctx.fail(value.line_of(k), f"bind {name!r}: {key}: {v!r} is not a binding defined above it")
                pairs.append((k, v))
        else:
            ctx.fail(m.line_of(key), f"bind {name!r}: {key} must be a name, a list, or a mapping")
        _known(ctx, m.line_of(key), [k for k, _ in pairs], choices, f"bind {name!r}: {key}: unknown")
        return tuple(pairs)

    many = _bool(ctx, m, "many", False)
    pick = _choice(ctx, m, "pick", ("nearest", "all"), "nearest")
    return Binding(
        name=name, line=line, kind=kind, many=many, min=_int(ctx, m, "min", 1), pick=pick,
        verb=_strlist(ctx, m, "verb"), verb_not=_strlist(ctx, m, "verb_not"),
        label=_regex(ctx, m, "label"), label_not=_regex(ctx, m, "label_not"),
        context=_regex(ctx, m, "context"), context_not=_regex(ctx, m, "context_not"),
        follow=_regex(ctx, m, "follow"), text=_regex(ctx, m, "text"),
        unit=_strlist(ctx, m, "unit"), unit_not=_strlist(ctx, m, "unit_not"),
        dimension=_strlist(ctx, m, "dimension", DIMENSIONS),
        unit_inferred=_bool(ctx, m, "unit_inferred", None, allow_any=True),
        qualified=_bool(ctx, m, "qualified", None, allow_any=True),
        target=_bool(ctx, m, "target", False, allow_any=True),
        per=_bool(ctx, m, "per", False, allow_any=True),
        rounding=_bool(ctx, m, "rounding", False), match=_regex(ctx, m, "match"),
        after=after, before=before, exclusive=_bool(ctx, m, "exclusive", True),
        gap=_int(ctx, m, "gap", None), until=_regex(ctx, m, "until"),
        within=relation("within", SCOPES), same=relation("same", SAME_FIELDS),
        differ=relation("differ", SAME_FIELDS),
    )


def _examples(ctx, item: LocDict) -> tuple[Example, ...]:
    raw = item.get("examples")
    if raw is None:
        return ()
    if not isinstance(raw, LocDict):
        ctx.fail(item.line_of("examples"), "'examples' must be a mapping with 'pass' and 'fail' lists")
    _unknown_keys(ctx, raw, ("pass", "fail"), "key in examples:")
    out = []
    for kind in ("pass", "fail"):
        items = raw.get(kind, [])
        if not isinstance(items, list):
            ctx.fail(raw.line_of(kind), f"examples: {kind!r} must be a list")
        for i, entry in enumerate(items):
            line = items.line_of(i) if isinstance(items, LocList) else raw.line
            severity = None
            if isinstance(entry, LocDict):
                _unknown_keys(ctx, entry, ("text", "severity"), "key in an example:")
                severity = _choice(ctx, entry, "severity", SEVERITIES, None)
                if severity and kind == "pass":
                    ctx.fail(entry.lines["severity"], "examples: a pass example has no severity")
                entry = entry.get("text")
            if not isinstance(entry, str) or not entry.strip():
                ctx.fail(line, f"examples: each {kind} example must be a text (or a mapping with 'text')")
            text, marks = strip_marks(entry)
            if kind == "fail" and not marks:
                ctx.fail(line, "examples: mark the number(s) a fail example must be reported on with [[…]]")
            if kind == "pass" and marks:
                ctx.fail(line, "examples: a pass example has nothing to mark; remove [[…]]")
            out.append(Example(kind, text, marks, line, severity))
    return tuple(out)


def strip_marks(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``受理56件，已办结[[60件]]`` → the text without brackets and the marked spans."""
    out, marks, pos = [], [], 0
    for m in MARK_RE.finditer(text):
        out.append(text[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        marks.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(marks)
