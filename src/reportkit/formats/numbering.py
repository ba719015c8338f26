"""Word's automatic numbering: the label a reader sees before a numbered paragraph.

Word does not store "一、" or "（一）" in the text of an auto-numbered heading: it computes
them from ``numbering.xml``. A paragraph's ``w:numPr`` (its own, or its style's, following
``w:basedOn``) names a list instance (``w:num``) and a level; the instance points to an
abstract numbering whose levels give ``w:start``, ``w:numFmt``, ``w:lvlText`` (``%1``…``%9``
stand for the counters of levels 1…9) and ``w:lvlRestart``; the instance may override a
level's start (``w:lvlOverride/w:startOverride``). Counters run per abstract numbering, so
two instances of one list continue each other unless an override restarts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(15)] + \
    [chr(0x32B1 + i) for i in range(15)]  # ①…⑳, ㉑…㉟, ㊱…㊿


_COUNTING = frozenset(("chineseCounting", "chineseCountingThousand", "japaneseCounting",
                       "japaneseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"))


def _attr(el, name: str = "val") -> str | None:
    return None if el is None else el.get(W + name)


def _int(el, default: int) -> int:
    try:
        return int(_attr(el))
    except (TypeError, ValueError):
        return default


def chinese_counting(n: int, *, zero: str = "〇", legal: bool = False) -> str:
    """一, 十, 十一, 二十, 一百〇一 (Word's chineseCounting); legal: 壹拾壹…"""
    digits = _CN_LEGAL if legal else _CN_DIGITS
    units = ("", "拾", "佰", "仟") if legal else ("", "十", "百", "千")
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = chinese_counting(low, zero=zero, legal=legal) if low else ""
        sep = (digits[0] if legal else zero) if low and low < 1000 else ""
        return chinese_counting(high, zero=zero, legal=legal) + ("萬" if legal else "万") + sep + rest
    out, pending_zero = [], False
    for power in (3, 2, 1, 0):
        d = n // 10 ** power % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append(digits[0] if legal else zero)
            pending_zero = False
        out.append(digits[d] + units[power])
    text = "".join(out)
    if not legal and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: A…Z, AA…ZZ


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` in Word's ``numFmt``; an unknown format falls back to decimal."""
    if fmt == "decimal" or not fmt:
        return str(n)
    if fmt in _COUNTING:  # LibreOffice writes taiwaneseCountingThousand for 一、二、三
        return chinese_counting(n, zero="零" if fmt.endswith("Thousand") else "〇")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n)) if n >= 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_counting(n, legal=True)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 0 < n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 0 < n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalHalfWidth":
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this level (1-based); 0 never
    legal: bool = False  # w:isLgl: every %N as decimal
    suffix: str = "tab"  # tab | space | nothing


@dataclass
class Numbering:
    """numbering.xml and styles.xml, and the counters as the document is read in order."""

    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, start overrides)
    style_numpr: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_based_on: dict[str, str] = field(default_factory=dict)
    level_styles: dict[str, dict[str, int]] = field(default_factory=dict)  # abstract → {styleId: ilvl}
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used_nums: set = field(default_factory=set)

    @classmethod
    def load(cls, numbering_root, styles_root) -> "Numbering":
        self = cls()
        if numbering_root is not None:
            links: dict[str, str] = {}  # numStyleLink name → the abstract that defines it
            pending: dict[str, str] = {}
            for absnum in numbering_root.iter(W + "abstractNum"):
                aid = _attr(absnum, "abstractNumId")
                levels = {}
                for lvl in absnum.findall(W + "lvl"):
                    ilvl = _int_attr(lvl.get(W + "ilvl"), 0)
                    linked = _attr(lvl.find(W + "pStyle"))
                    if linked:  # the level a style's numPr without ilvl stands for
                        self.level_styles.setdefault(aid, {})[linked] = ilvl
                    levels[ilvl] = _level(lvl, ilvl)
                self.abstract_levels[aid] = levels
                style_link = _attr(absnum.find(W + "styleLink"))
                if style_link:
                    links[style_link] = aid
                num_link = _attr(absnum.find(W + "numStyleLink"))
                if num_link:
                    pending[aid] = num_link
            for num in numbering_root.iter(W + "num"):
                overrides = {}
                abstract = _attr(num.find(W + "abstractNumId"))
                for override in num.findall(W + "lvlOverride"):
                    ilvl = _int_attr(override.get(W + "ilvl"), 0)
                    so = override.find(W + "startOverride")
                    if so is not None:
                        overrides[ilvl] = _int(so, 1)
                    lvl = override.find(W + "lvl")
                    if lvl is not None:  # the instance redefines the level: a list of its own
                        own = f"{abstract}/num{_attr(num, 'numId')}"
                        if own not in self.abstract_levels:
                            self.abstract_levels[own] = dict(self.abstract_levels.get(abstract, {}))
                        self.abstract_levels[own][ilvl] = _level(lvl, ilvl)
                        if ilvl not in overrides:
                            overrides[ilvl] = self.abstract_levels[own][ilvl].start
                if any(o.find(W + "lvl") is not None for o in num.findall(W + "lvlOverride")):
                    abstract = f"{abstract}/num{_attr(num, 'numId')}"
                self.nums[_attr(num, "numId")] = (abstract, overrides)
            self._pending_links = (pending, links)
        if styles_root is not None:
            for style in styles_root.iter(W + "style"):
                sid = _attr(style, "styleId")
                based = _attr(style.find(W + "basedOn"))
                if based:
                    self.style_based_on[sid] = based
                numpr = style.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    self.style_numpr[sid] = (_attr(numpr.find(W + "numId")),
                                             _int_attr(_attr(numpr.find(W + "ilvl")), None))
        if numbering_root is not None:
            self._resolve_style_links()
        return self

    def _resolve_style_links(self) -> None:
        """An abstract with ``w:numStyleLink`` takes its levels from the numbering style's list."""
        pending, links = self._pending_links
        for aid, style in pending.items():
            numid = self.style_numpr.get(style, (None, None))[0]
            target = self.nums.get(numid, (None, {}))[0] if numid else links.get(style)
            if target in self.abstract_levels and target != aid:
                self.abstract_levels[aid] = self.abstract_levels[target]

    def _style_numpr(self, style: str | None) -> tuple[str | None, int | None]:
        """The numbering a paragraph style gives (following w:basedOn). Without an ilvl of
        its own, the level is the one of the list that names the style (w:lvl/w:pStyle)."""
        seen = set()
        original = style
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numpr:
                num_id, ilvl = self.style_numpr[style]
                if ilvl is None and num_id in self.nums:
                    linked = self.level_styles.get(self.nums[num_id][0], {})
                    ilvl = linked.get(original, linked.get(style))
                return num_id, ilvl
            style = self.style_based_on.get(style)
        return None, None

    def label(self, ppr) -> tuple[str, str]:
        """The next label for a paragraph with properties ``ppr`` (advancing the counters),
        and the separator Word puts after it; ("", "") for a paragraph without numbering."""
        num_id, ilvl = None, None
        style = _attr(ppr.find(W + "pStyle")) if ppr is not None else None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _attr(numpr.find(W + "numId"))
            ilvl = _int_attr(_attr(numpr.find(W + "ilvl")), None)
        if num_id is None or ilvl is None:
            s_num, s_lvl = self._style_numpr(style)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return "", ""
        ilvl = min(max(ilvl or 0, 0), 8)
        abstract, overrides = self.nums[num_id]
        levels = self.abstract_levels.get(abstract)
        if not levels or ilvl not in levels:
            return "", ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lvl, start in overrides.items():  # a restarted instance: its levels begin anew
                counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, lv in levels.items():  # levels below restart after this one is used
            if deeper > ilvl and deeper in counters:
                restart_after = deeper if lv.restart is None else lv.restart
                if restart_after and ilvl < restart_after:
                    del counters[deeper]
        def value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, Level())
            n = counters.get(k, lv.start)
            return str(n) if level.legal else format_number(n, lv.fmt)
        text = re.sub(r"%([1-9])", value, level.text)
        if not text:
            return "", ""
        suffix = {"space": " ", "nothing": ""}.get(level.suffix, "\t")
        return text, suffix


def _level(lvl, ilvl: int) -> Level:
    restart = lvl.find(W + "lvlRestart")
    legal = lvl.find(W + "isLgl")
    return Level(
        start=_int(lvl.find(W + "start"), 1),
        fmt=_attr(lvl.find(W + "numFmt")) or "decimal",
        text=_attr(lvl.find(W + "lvlText")) or "",
        restart=None if restart is None else _int(restart, ilvl),
        legal=legal is not None and _attr(legal) not in ("0", "false"),
        suffix=_attr(lvl.find(W + "suff")) or "tab",
    )


def _int_attr(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
