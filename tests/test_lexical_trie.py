"""The lexical words' trie pattern finds what the flat alternation (longest first) finds."""

import random
import re

from reportkit.numbers import lexicon


def _flat(words):
    return re.compile("|".join(map(re.escape, sorted(set(words), key=lexicon.longest_first))))


def test_trie_matches_flat_alternation_on_varied_text():
    words = lexicon._data()["lexical_words"]
    flat, trie = _flat(words), lexicon._lexical_pattern()
    alphabet = "".join(sorted(set("".join(words)))) + "，。 a1"
    rng = random.Random(7)
    for _ in range(3000):
        parts = [rng.choice(words) if rng.random() < 0.3 else rng.choice(alphabet)
                 for _ in range(rng.randint(0, 12))]
        text = "".join(parts)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], text


def test_trie_of_words_that_are_prefixes_of_one_another():
    words = ["一", "一体", "一体化", "一线", "二", "二三"]
    trie = re.compile(lexicon._trie(words))
    for text in ("一体化一体一二三二一线", "一体推进", "二三产业", ""):
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _flat(words).finditer(text)]
