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
_CHANNEL_ENDS = ("信箱", "热线", "平台", "窗口", "渠道", "类")
_CHANNEL = compile_regex(r"\p{Han}{0,6}(?:" + "|".join(_CHANNEL_ENDS) + ")")


def metrics(view, quantities) -> list[str | None]:
    """Each quantity's metric: its channel, label, verb and period joined by |, None for a
    number without label or verb. One loop over the document's quantities (it runs for every
    one): what the numbers under one heading, or of one sentence, share is read once."""
    folded = view.folded
    channels: dict[tuple, str | None] = {}  # (heading, heading path) → the channel it names
    named = None  # heading id → the channel its title names, read on first use
    scopes: dict[str, int | None] = {}  # sentence id → where its numbers' periods are read from
    out = []
    for q in quantities:
        label, verb = q.label, q.verb
        if label is None and verb is None:
            out.append(None)
            continue
        channel = period = None
        if q.heading is not None:
            key = (q.heading, q.heading_path)
            channel = channels.get(key, False)
            if channel is False:
                if named is None:
                    named = _heading_channels(view)
                channel = channels[key] = _channel_of(named, (*q.heading_path, q.heading))
        sentence = view.sentence_of(q)
        if sentence is not None:
            start = scopes.get(sentence.id, False)
            if start is False:
                start = scopes[sentence.id] = _period_scope(view, sentence)
            if start is not None:
                period = _last_period(folded[max(start, q.start - 120):q.start])
        out.append("|".join(filter(None, (channel, label, verb, period))) or None)
    return out


def _heading_channels(view) -> dict[str, str | None]:
    """Heading id → the channel or category its title names, or None."""
    return {hid: _channel_in(title) for hid, title in view.heading_titles().items()}


def _channel_in(title: str) -> str | None:
    # every match of _CHANNEL ends in one of _CHANNEL_ENDS: a title without any (most) is not
    # searched (the pattern, which may start anywhere, tries every character of it)
    if not any(map(title.__contains__, _CHANNEL_ENDS)):
        return None
    m = _CHANNEL.search(title)
    return m.group() if m else None


def _channel_of(named: dict, path: tuple) -> str | None:
    """The channel of the innermost heading of ``path`` whose title names one."""
    for hid in path[::-1]:
        found = named.get(hid)
        if found:
            return found
    return None


def _last_period(window: str) -> str | None:
    """The last period _PERIOD reads in ``window``, the text before a number."""
    if not _may_name_period(window):
        return None
    found = _PERIOD.findall(window)
    return found[-1] if found else None


def _period_scope(view, sentence) -> int | None:
    """Where the period of a number of ``sentence`` is looked for from, its statement's start; None
    where the statement up to the sentence's end can name no period (for most sentences)."""
    start, _ = view.statement_of(sentence)
    return start if _may_name_period(view.folded[start:sentence.end]) else None


def _may_name_period(window: str) -> bool:
    """False where _PERIOD cannot match: the window holds none of _PERIOD_WORDS (most windows;
    many hold no 年/月/季/周 at all, the cheaper test)."""
    if "年" not in window and "月" not in window and "季" not in window and "周" not in window:
        return False
    return any(map(window.__contains__, _PERIOD_WORDS))  # (no generator to resume per word)
