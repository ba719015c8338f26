"""What each number is in the report's argument: the links a reader sees between numbers.

``relate(doc)`` returns the document with ``relations`` (totals and their parts, stages of a
flow, rates with their numerator and denominator, shares of a whole or of a target, groups and
their persons, restatements, compositions that add up to 100 %) and each quantity's ``metric`` and ``role``. A link the text does
not make is not made: where a reading is a guess the relation says so (``certain=False``), and
where it is doubtful there is no relation at all. Rules (``reportkit.check``) stand on these.
"""

from __future__ import annotations


def relate(doc, folded: str | None = None, lines=None):
    """``folded``: the document's folded text, and ``lines`` its ``LineIndex``, when the
    caller has them (saves folding and indexing again)."""
    from . import breakdowns, compositions, flows, groups, rates, restatements
    from .collect import Collector
    from .view import View

    view = View(doc, folded, lines)
    out = Collector(view)
    breakdowns.find(view, out)
    flows.find(view, out)
    rates.find(view, out)
    groups.find(view, out)
    restatements.find(view, out)
    compositions.find(view, out)
    return out.apply(doc)
