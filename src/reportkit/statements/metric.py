"""What a quantity counts, with what makes it distinct: its label, the channel or category
its heading names (（二）区长信箱), and the period its sentence states (上半年, 1-6月, 全年)."""

from __future__ import annotations

from ..compiled import compile_regex

_PERIOD = compile_regex(
    r"(?:\d{4}年)?(?:上半年|下半年|全年|一季度|二季度|三季度|四季度|第[一二三四]季度|\d{1,2}-\d{1,2}月|"
    r"\d{1,2}月份?|本周|本月|今年以来|去年|上年|今年|年底|年末)")
# Every match of _PERIOD holds one of these (上半年 → 半年, 第一季度 → 季度, 1-6月 → 月 …), and
# each of them 年, 月, 季 or 周.
_PERIOD_WORDS = ("月", "半年", "全年", "季度", "本周", "今年", "去年", "上年", "年底", "年末")
_CHANNEL = compile_regex(r"\p{Han}{0,6}(?:信箱|热线|平台|窗口|渠道|类)")


def metric_of(view, q) -> str | None:
    if q.label is None and q.verb is None:
        return None
    parts = [q.label or "", q.verb or ""]
    channel = _channel(view, q)
    if channel:
        parts.insert(0, channel)
    period = _period(view, q)
    if period:
        parts.append(period)
    return "|".join(filter(None, parts)) or None


def _channel(view, q) -> str | None:
    heading = q.heading
    if heading is None:
        return None
    # the same for every quantity under one heading: read once per heading
    cache = view.channels
    key = (heading, q.heading_path)
    if key not in cache:
        cache[key] = _channel_of(view.heading_titles(), (*q.heading_path, heading))
    return cache[key]


def _channel_of(titles: dict, path: tuple) -> str | None:
    for hid in path[::-1]:
        m = _CHANNEL.search(titles.get(hid, ""))
        if m:
            return m.group()
    return None


def _period(view, q) -> str | None:
    sentence = view.sentence_of(q)
    if sentence is None:
        return None
    start = _period_scope(view, sentence)
    if start is None:
        return None
    window = view.folded[max(start, q.start - 120):q.start]
    if not _may_name_period(window):
        return None
    found = _PERIOD.findall(window)
    return found[-1] if found else None


def _period_scope(view, sentence) -> int | None:
    """Where the period of a number of ``sentence`` is looked for from, its statement's start; None
    where the statement up to the sentence's end can name no period (for most sentences): read
    once per sentence, not once per number."""
    cache = view.period_scopes
    start = cache.get(sentence.id, False)
    if start is False:
        start, _ = view.statement_of(sentence)
        if not _may_name_period(view.folded[start:sentence.end]):
            start = None
        cache[sentence.id] = start
    return start


def _may_name_period(window: str) -> bool:
    """False where _PERIOD cannot match: the window holds none of _PERIOD_WORDS (most windows;
    many hold no 年/月/季/周 at all, the cheaper test)."""
    if "年" not in window and "月" not in window and "季" not in window and "周" not in window:
        return False
    return any(word in window for word in _PERIOD_WORDS)
