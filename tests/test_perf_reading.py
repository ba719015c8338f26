"""The faster readings of numbers/labels.py, expressions.py and numerals.py equal the plain
ones they replace, on real clauses and on random strings made to hit their edges."""

from __future__ import annotations

import random

import regex

from reportkit.data import load_yaml
from reportkit.numbers import labels


def _verb_alphabet_and_words():
    data = load_yaml("verbs.yaml")
    verbs = sorted({w for ws in data["families"].values() for w in ws}, key=len, reverse=True)
    alphabet = "".join(sorted(set("".join(verbs) + "".join(data["noun_suffixes"]) + "乱总的1，")))
    return data, verbs, alphabet


def test_verb_pattern_equals_the_regex_alternation_within_bounds():
    """The verb pattern (run by re, opening with the set of first characters) finds what the
    regex module finds with the plain alternation, also between a start and an end inside a
    text, where the lookbehind sees before the start and the lookahead stops at the end."""
    data, verbs, alphabet = _verb_alphabet_and_words()
    tail = "(?!" + labels._alternation(data["noun_suffixes"]) + ")"
    plain = regex.compile("(?<![乱总])(?:" + "|".join(map(regex.escape, verbs)) + ")" + tail)
    fast = labels._verbs()["pattern"]
    rng = random.Random(6)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    texts += ["".join(rng.choice(verbs) + rng.choice(["", "乱", "总"] + data["noun_suffixes"])
                      for _ in range(6)) for _ in range(1000)]
    for text in texts:
        for _ in range(3):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert [m.span() for m in fast.finditer(text, a, b)] == \
                [m.span() for m in plain.finditer(text, a, b)], (text, a, b)
            got, want = fast.search(text, a, b), plain.search(text, a, b)
            assert (got and got.span()) == (want and want.span()), (text, a, b)
