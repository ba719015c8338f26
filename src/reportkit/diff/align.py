"""One-to-one alignment of OLD's quantities with NEW's.

Similarity mixes what is counted (label tokens), the action (verb), the words just before the
number, the heading path and the position; quantities of different dimensions never match, and
different classifiers of one dimension (件 vs 户) rarely do. The assignment is global
best-first: all candidate pairs above the threshold, highest score first, each quantity used
once — then pairwise swaps that raise the total. Unlike first-come matching, an early
quantity cannot take a partner that a later one fits better.
"""

from __future__ import annotations

from collections.abc import Sequence

from .features import Features

DEFAULT_THRESHOLD = 0.42

# Weights of the similarity parts; heading and order say little across a plan and a summary,
# so target matching turns them off (see ``score(..., layout=False)``).
W_LABEL, W_VERB, W_CLAUSE, W_CONTEXT, W_HEADING, W_ORDER = 0.25, 0.10, 0.25, 0.20, 0.10, 0.10


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def compatible(a: Features, b: Features) -> float:
    """1 when the two can measure the same thing, a penalty factor below 1, 0 when never."""
    qa, qb = a.quantity, b.quantity
    if qa.dimension != qb.dimension:
        return 0.0  # 件 never matches 万元; % never matches 个百分点
    if a.share != b.share:
        return 0.0  # 占…总量的52.5% is not a growth rate, whatever the words around it
    factor = 1.0
    if qa.base_unit != qb.base_unit:
        factor *= 0.5  # 件 vs 户: both counts, rarely the same thing
    if (qa.per or None) != (qb.per or None):
        factor *= 0.6  # 每个月不少于450家 is not a half-year total
    if a.magnitude is not None and b.magnitude is not None:
        # Figures of consecutive reports rarely differ by more than a few times; a smooth
        # penalty separates 51起 → 47起 from 572起 → 47起 when the wording is alike.
        factor *= max(0.5, 1 - 0.12 * abs(a.magnitude - b.magnitude))
    return factor


def score(a: Features, b: Features, *, layout: bool = True) -> float:
    factor = compatible(a, b)
    if not factor:
        return 0.0
    clause = dice(a.clause, b.clause)
    label = dice(a.label, b.label) if a.label and b.label else clause  # no label: the clause stands in
    verb = 1.0 if a.verb and a.verb == b.verb else (0.5 if not (a.verb and b.verb) else
                                                    _partial(a.verb, b.verb))
    # A number at the start of its sentence has (almost) no words before it: use the clause.
    context = dice(a.context, b.context) if min(len(a.context), len(b.context)) > 1 else clause
    if layout:
        heading = dice(a.heading, b.heading)
        order = 1.0 - abs(a.position - b.position)
        s = (W_LABEL * label + W_VERB * verb + W_CLAUSE * clause + W_CONTEXT * context
             + W_HEADING * heading + W_ORDER * order)
        if a.plan != b.plan:
            factor *= 0.9  # a plan and an achievement are compared only if nothing fits better
    else:
        s = ((W_LABEL * label + W_VERB * verb + W_CLAUSE * clause + W_CONTEXT * context)
             / (W_LABEL + W_VERB + W_CLAUSE + W_CONTEXT))
    if a.quantity.value == b.quantity.value and a.quantity.unit == b.quantity.unit:
        s += 0.05  # an untouched figure in a copied paragraph
    return min(1.0, s * factor)


def _partial(a: str, b: str) -> float:
    """受理 vs 办理 share a character and often the meaning; 受理 vs 化解 do not."""
    return 0.4 if set(a) & set(b) else 0.0


def assign(olds: Sequence[Features], news: Sequence[Features], *, threshold: float = DEFAULT_THRESHOLD,
           layout: bool = True) -> list[tuple[int, int, float]]:
    """Pairs (old index, new index, score), one-to-one, each score ≥ threshold."""
    candidates = []
    for i, a in enumerate(olds):
        for j, b in enumerate(news):
            s = score(a, b, layout=layout)
            if s >= threshold:
                candidates.append((s, i, j))
    # Ties broken by document order so results are stable run to run.
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    scores = {(i, j): s for s, i, j in candidates}
    used_old: dict[int, int] = {}
    used_new: set[int] = set()
    for s, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old[i] = j
            used_new.add(j)
    _improve_by_swaps(used_old, scores)
    return sorted((i, j, scores[(i, j)]) for i, j in used_old.items())


def _improve_by_swaps(match: dict[int, int], scores: dict[tuple[int, int], float]) -> None:
    """Greedy can lock in a pair whose members each had a nearly-as-good alternative; swap
    partners of two pairs whenever that raises the total (a cheap step towards Hungarian)."""
    improved = True
    rounds = 0
    while improved and rounds < 5:
        improved, rounds = False, rounds + 1
        olds = sorted(match)
        for x in range(len(olds)):
            for y in range(x + 1, len(olds)):
                i, k = olds[x], olds[y]
                j, l = match[i], match[k]
                swapped = scores.get((i, l), 0.0) + scores.get((k, j), 0.0)
                if (i, l) in scores and (k, j) in scores and swapped > scores[(i, j)] + scores[(k, l)] + 1e-9:
                    match[i], match[k] = l, j
                    improved = True
