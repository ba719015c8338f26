"""The 72 State Council reports: no error-level finding, and the one structural warning
we can defend (the 2007 report as transcribed goes from （二） to （四）). Skips cleanly
when ../shared is not beside the checkout."""

from __future__ import annotations

from collections import Counter

from reportkit.check import check_document, load_rules
from reportkit.document import parse


def test_the_corpus_has_no_error_findings(corpus):
    rules = load_rules()
    counts: Counter = Counter()
    errors, skips = [], []
    for n, record in enumerate(corpus, 1):
        findings = check_document(parse(record["content"]), rules, f"corpus:{n}")
        for f in findings:
            counts[f.severity] += 1
            if f.severity == "error":
                errors.append((n, record.get("year"), f.rule, f.line, f.message))
            if f.rule == "heading-skip":
                skips.append((record.get("year"), f.line, f.message))
    assert len(corpus) == 72
    assert errors == []
    assert skips == [("2007", 132, "标题编号“（四）”跳号：前一个是“（二）”，应为第3项")]
    # the heading skip is the only warning: same-metric pairs across periods
    # (五年 vs 一年, 去年 vs 今年, targets vs results) are not reported
    assert dict(counts) == {"warning": 1}
