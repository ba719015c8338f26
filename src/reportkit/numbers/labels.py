"""What a quantity counts (its label) and by which action (its verb).

Works on the clause around each quantity with the verb lexicon of data/verbs.yaml; no word
segmenter is needed on this path, so a one-file parse never pays jieba's start-up.

The reading, in order:
1. the segment: the words between the clause start (or the previous quantity of the clause)
   and the number; comparison phrases (比上年) and a per-period (每个月) are set aside;
2. a noun right after a count classifier is what is counted (设立101个综合网格党支部 → 综合网格
   党支部), and so is a noun after any unit when the segment ends in a verb or 和
   (安排423亿元资金 → 资金);
3. else from the segment: the last verb that leaves an object (受理12345工单1896件 → 受理,
   12345工单); a case verb ending it names what stands before it (市现场考评案件整改51起 →
   整改, 市现场考评案件); a linking (达, 为) or change (增长) verb has its label before it
   (综合办证率达83.14% → 综合办证率);
4. still nothing: a quantity right after another shares its label (115户147人); a change
   takes the label of the quantity before it (国内生产总值达到134.9万亿元、增长5%); an earlier
   quantity of the sentence with the same unit lends its label (已办结1811件 → 12345工单);
   else the verb itself names it (罚款5340元);
5. a clause without a verb borrows the nearest earlier verb of its sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import regex

from ..compiled import compile_re, compile_regex
from . import lexicon
from ..data import load_yaml
from ..models import Quantity
from ..text.structure import Structure

MAX_LABEL = 16
# How many earlier quantities of a sentence may lend their label (bounded: a sentence of
# thousands of numbers must stay linear).
LOOK_BACK = 12
# Verb families of case handling, whose counts the default rules compare.
CASE_FAMILIES = frozenset({"receive", "handle", "find", "fix"})
_TRIM = "“”\"‘’'《》()（）[]【】,，、:：;；。 \u3000"
_STOP_AFTER_UNIT = compile_regex(r"[\d\p{P}\s]|已|并|和|及|与|为|将|拟|均|都|分别|预计|计划|开展|完成|进行|实现|的")
_NO_QUOTES = str.maketrans("", "", "“”\"‘’")
# translate looks up each character of a label in a dict; most labels have no quote, which
# one search in C tells
_ANY_QUOTE = compile_re("[" + re.escape("".join(map(chr, _NO_QUOTES))) + "]")
MAGNITUDES = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}


@lru_cache(maxsize=1)
def _verbs():
    data = load_yaml("verbs.yaml")
    family = {}
    for name, words in data["families"].items():
        for w in words:
            family.setdefault(w, name)
    by_length = sorted(family, key=lexicon.longest_first)
    first_characters = "".join(sorted({w[0] for w in family}))
    return {
        "family": family,
        # 乱张贴, 总投资: a verb after 乱/总 is part of a noun. Run by re, which finds the same
        # matches as regex for these literals and lookarounds, and skips in C to the next
        # position where a verb may start when the pattern opens with that set of characters.
        "pattern": compile_re("(?=[" + re.escape(first_characters) + "])(?<![乱总])(?:"
                              + lexicon.word_trie(by_length) + ")(?!" + _alternation(data["noun_suffixes"]) + ")"),
        "linking": frozenset(data["linking"]),
        # the verbs a clause without a verb of its own may borrow: neither linking nor a state
        # or change
        "acting": frozenset(w for w, f in family.items()
                            if w not in data["linking"] and f not in ("state", "change")),
        "prefix_re": compile_re("(?:" + _alternation(data["label_prefix_strip"]) + ")+"),
        "suffix_re": compile_regex("(?:" + _alternation(data["label_suffix_strip"]) + ")+$"),
        # a label that opens (ends) with none of these characters has no prefix (suffix):
        # the search of the suffix tries every position, the set one character ($ also
        # matches before a final newline)
        "prefix_firsts": frozenset(w[0] for w in data["label_prefix_strip"]),
        "suffix_lasts": frozenset([w[-1] for w in data["label_suffix_strip"]] + ["\n"]),
        "boundary": compile_re("|".join(map(regex.escape, sorted(data["boundaries"], key=len, reverse=True)))),
        "per": compile_regex(data["per"]),
        "comparison": compile_regex(data["comparisons"]),
        # Most segments hold no per, no comparison and no cumulative word: one search of
        # the three (without backreferences, so their group numbers do not matter) tells,
        # and where none matches the segment the per and comparison leave it unchanged.
        "per_comparison_cumulative": compile_regex("|".join(
            f"(?:{p})" for p in (data["per"], data["comparisons"],
                                 lexicon.word_pattern("cumulative_words").pattern))),
    }


def _alternation(words) -> str:
    return "|".join(map(regex.escape, sorted(set(words), key=lexicon.longest_first)))


def verb_family(verb: str | None) -> str | None:
    return _verbs()["family"].get(verb) if verb else None


@lru_cache(maxsize=8192)
def clean_label(label: str) -> str:
    """``label`` without the adverbs, particles and punctuation around it (memoised: a
    segment's tails are cleaned again for each verb that is tried, and labels repeat)."""
    v = _verbs()
    prefix_re, suffix_re = v["prefix_re"], v["suffix_re"]
    firsts, lasts = v["prefix_firsts"], v["suffix_lasts"]
    label = label.strip(_TRIM)
    head = tail = None
    while label:
        before = label
        head = prefix_re.match(label) if label[0] in firsts else None
        if head and head.end() < len(label):
            label = label[head.end():].strip(_TRIM)
        tail = suffix_re.search(label) if label and label[-1] in lasts else None
        if tail and tail.start() > 0:
            label = label[: tail.start()].strip(_TRIM)
        if label == before:
            break
    # Where the loop ends, ``head`` and ``tail`` were matched on ``label`` and strip nothing:
    # a prefix match takes all of it, a suffix match starts at 0; either is then whole (it
    # may end before a final newline, which $ allows: fullmatch decides).
    if label and (head or (tail and (tail.end() == len(label) or suffix_re.fullmatch(label)))):
        return ""  # only adverbs and particles: no label
    if "等" in label[1:]:
        label = label[label.rindex("等") + 1:] or label
        label = clean_label(label) if label else label
    return (label.translate(_NO_QUOTES) if _ANY_QUOTE.search(label) else label)[-MAX_LABEL:]


def make_key(label: str | None, verb: str | None, dimension: str) -> str | None:
    """What diff aligns on and check groups by; None when nothing names the quantity."""
    if not label and not verb:
        return None
    return f"{label or ''}|{verb or ''}|{dimension}"


@lru_cache(maxsize=8192)
def _reading(segment: str) -> tuple[str, str | None, bool, str | None, bool, bool]:
    """(label, verb, linked, per, verb_ends, cumulative) read from the words before a
    number (memoised: segments repeat). verb_ends: a noun after the unit may be the label."""
    v = _verbs()
    per, cumulative = None, False
    if v["per_comparison_cumulative"].search(segment):
        m = v["per"].search(segment)
        if m:
            per = m.group(1)
            segment = segment[: m.start()] + segment[m.end():]
        segment = v["comparison"].sub(_blanked, segment)
        cumulative = bool(lexicon.word_pattern("cumulative_words").search(segment))
    label, verb, linked = _read_segment(segment)
    # 设立101个综合网格党支部: a noun right after a count classifier is what it counts;
    # 安排423亿元资金: after a verb that ends the segment, so is a noun after any unit
    stripped = segment.rstrip()
    verb_ends = (bool(verb) and not linked and stripped.endswith(verb)) \
        or stripped.endswith(("和", "及", "与", "以及"))
    return label, verb, linked, per, verb_ends, cumulative


def _blanked(m) -> str:
    return " " * len(m.group())


@lru_cache(maxsize=8192)
def _read_segment(segment: str) -> tuple[str, str | None, bool]:
    """(label, verb, linked): linked when a linking or change verb ties label to value
    (memoised: a third of the segments repeat, and a verb's prefix is read again)."""
    v = _verbs()
    b = None
    for b in v["boundary"].finditer(segment):
        pass
    if b is not None and b.end() < len(segment):
        segment = segment[b.end():]
    hits = list(v["pattern"].finditer(segment))
    if hits and not clean_label(segment[hits[-1].end():]) and \
            v["family"].get(hits[-1].group()) in CASE_FAMILIES:
        # 市日常巡查案件整改158起: a case verb ending the segment is the predicate and
        # everything before it, verbs included, names the cases.
        return clean_label(segment[: hits[-1].start()]), hits[-1].group(), False
    for k in range(len(hits) - 1, -1, -1):
        hit = hits[k]
        word = hit.group()
        family = v["family"].get(word)
        if family == "change" and clean_label(segment[hit.end():]):
            # 减少青壮年文盲400万人: a change verb with an object counts that object
            return clean_label(segment[hit.end():]), word, True
        if word in v["linking"] or family in ("change", "state"):
            before = clean_label(segment[: hit.start()])
            inner, inner_verb, _ = _read_segment(segment[: hit.start()]) if before else ("", None, False)
            keep = word if family == "change" else inner_verb
            return (inner or before), keep, True
        rest = clean_label(segment[hit.end():])
        if len(rest) == 1 and k > 0:
            continue  # 发放慰问金: 慰问 inside a word, the verb is 发放
        if rest in v["family"]:
            continue  # 投资拟安排: the object is only the next verb; that verb decides
        if rest:
            return rest, word, False
    if hits:
        # The verb ends the segment and no earlier verb has an object (市现场考评案件整改51起):
        # what stands before the verb is its object.
        last = hits[-1]
        before = clean_label(segment[: last.start()])
        return before, last.group(), False
    return clean_label(segment), None, False


class LabelFinder:
    def __init__(self, text: str, folded: str, structure: Structure):
        self.text = text
        self.folded = folded
        self._clauses = structure.clauses
        self.headings = {h.id: h for h in structure.headings}
        self._first_target_word: dict[str, int] = {}
        self._target_paths: dict[tuple[str, ...], bool] = {}
        self._by_sentence: dict[str, list[Quantity]] = {}

    def found(self, q, at: int | None, clause, sentence, heading_path: tuple[str, ...]) -> dict:
        """The fields found for the quantity ``q`` (a Quantity or the QuantityParts it is
        built of): label, verb, key, per, target, cumulative, and the money fields when a
        bare 万 is inferred to be 万元. ``clause`` (at position ``at`` of the structure's
        clauses) and ``sentence`` are the records around its number, or None. Quantities
        come in text order and each is handed to ``remember`` once built: an earlier one of
        its sentence may lend its label."""
        earlier = self._by_sentence.get(sentence.id, []) if sentence else []
        return self._annotate_one(q, at, clause, sentence, heading_path, earlier)

    def remember(self, q: Quantity) -> None:
        """``q``, built with what ``found`` gave, is the latest quantity of its sentence."""
        if q.sentence:
            self._by_sentence.setdefault(q.sentence, []).append(q)

    # -- one quantity ---------------------------------------------------------------------

    def _annotate_one(self, q, at, clause, sentence, heading_path, same_sentence: list[Quantity]) -> dict:
        """``same_sentence``: the quantities before ``q`` in its sentence, already annotated."""
        seg_start = clause.start if clause else max(0, q.start - MAX_LABEL)
        previous = same_sentence[-1] if same_sentence else None
        clause_id = clause.id if clause else None
        in_clause = previous if previous is not None and previous.clause == clause_id else None
        if in_clause is not None:
            seg_start = max(seg_start, in_clause.end)
        label, verb, linked, per, verb_ends, cumulative = _reading(self.folded[seg_start:q.start])
        label = self._label_after(q, clause, any_dimension=verb_ends) or label
        if not label and in_clause is not None and in_clause.end == q.start:
            label = in_clause.label  # 115户147人
        if not label and verb_family(verb) == "change" and same_sentence:
            label = same_sentence[-1].label  # 国内生产总值达到134.9万亿元、增长5%
        if not label:
            for p in reversed(same_sentence[-LOOK_BACK:]):
                if p.unit == q.unit and p.label:
                    label = p.label
                    break
        if not label and verb:
            label = verb
        if verb is None and not linked:
            verb = self._borrowed_verb(q, at, clause, same_sentence)
        found = self._inferred_money(q, clause)
        label = label or None
        found["label"], found["verb"], found["per"] = label, verb, per
        found["key"] = make_key(label, verb, found.get("dimension", q.dimension))
        found["target"] = q.target or self._is_target(q, sentence, heading_path)
        found["cumulative"] = q.cumulative or cumulative
        return found

    def _label_after(self, q: Quantity, clause, *, any_dimension: bool = False) -> str:
        """设立101个综合网格党支部: a count classifier followed by the noun it counts."""
        if clause is None or (q.dimension != "count" and not any_dimension):
            return ""
        tail = self.folded[q.end:min(clause.end, q.end + 2 * MAX_LABEL)]
        stop = _STOP_AFTER_UNIT.search(tail)
        noun = tail[: stop.start()] if stop else tail
        verb = _verbs()["pattern"].search(noun)
        if verb:
            noun = noun[: verb.start()]
        return clean_label(noun)

    def _borrowed_verb(self, q: Quantity, at: int | None, clause, same_sentence) -> str | None:
        """A clause without a verb of its own (、商户信息采集2927户) takes the last verb since
        the previous quantity of its sentence, or that quantity's verb if of one dimension."""
        if clause is None:
            return None
        v = _verbs()
        pattern, acting = v["pattern"], v["acting"]
        previous = same_sentence[-1] if same_sentence else None
        floor = previous.end if previous else -1
        # the clauses of a sentence are one run of the structure's clauses, in order; ``at``
        # is the position of ``clause`` in them
        for k in range(at, at - clause.index - 1, -1):
            c = self._clauses[k]
            if c.end <= floor:
                break
            start = max(c.start, floor)
            end = q.start if c.id == clause.id else c.end
            for hit in pattern.finditer(self.folded, start, end):
                if hit.group() in acting:  # the first that acts, the rest of the clause unread
                    return hit.group()
        if previous is not None and previous.dimension == q.dimension:
            return previous.verb
        return None

    def _inferred_money(self, q: Quantity, clause) -> dict:
        """发放资金2.25万: a bare 万 after a money word is 万元, flagged as inferred (the
        fields to change; none if not)."""
        if q.unit not in MAGNITUDES or clause is None:
            return {}
        before = self.folded[max(clause.start, q.start - 2 * MAX_LABEL):q.start]
        if not lexicon.word_pattern("money_words").search(before):
            return {}
        return {"dimension": "money", "base_unit": "元",
                "base_value": q.value * MAGNITUDES[q.unit], "unit_inferred": True}

    def _is_target(self, q, sentence, path: tuple[str, ...]) -> bool:
        if sentence is not None:
            first = self._first_target_word.get(sentence.id)
            if first is None:
                m = lexicon.word_pattern("target_words").search(self.folded, sentence.start, sentence.end)
                first = self._first_target_word[sentence.id] = m.start() if m else sentence.end
            if first < q.start:
                return True
        # the same for every quantity under one heading path: read once per path
        got = self._target_paths.get(path)
        if got is None:
            headings = lexicon.word_pattern("target_headings")
            got = self._target_paths[path] = any(headings.search(title) for title in path)
        return got
