"""The one search that lets labels._reading skip its per, comparison and cumulative scans
gives the reading that running all three gives, on random segments made of their words."""

from __future__ import annotations

import random

from reportkit.numbers import labels, lexicon


def _per_comparison_cumulative_as_written(segment: str):
    """(per, segment, cumulative) of the three scans, each run."""
    v = labels._verbs()
    per = None
    m = v["per"].search(segment)
    if m:
        per = m.group(1)
        segment = segment[: m.start()] + segment[m.end():]
    segment = v["comparison"].sub(labels._blanked, segment)
    return per, segment, bool(lexicon.word_pattern("cumulative_words").search(segment))


def test_the_gate_finds_every_segment_the_scans_change():
    pieces = ["每", "个", "月", "年", "均", "季度", "比", "较", "上年", "同期", "同比", "环比", "三",
              "年前", "去年", "累计", "共计", "合计", "累积", "完成", "投资", "资金", "达", " ", "，", "1"]
    gate = labels._verbs()["per_comparison_cumulative"]
    rng = random.Random(12)
    for _ in range(20000):
        segment = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        per, changed, cumulative = _per_comparison_cumulative_as_written(segment)
        if gate.search(segment) is None:
            assert (per, changed, cumulative) == (None, segment, False), repr(segment)
        got = labels._reading.__wrapped__(segment)
        want_label, want_verb, want_linked = labels._read_segment(changed)
        assert (got[0], got[1], got[2], got[3], got[5]) == \
            (want_label, want_verb, want_linked, per, cumulative), repr(segment)
