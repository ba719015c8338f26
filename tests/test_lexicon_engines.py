"""Lexicon patterns rewritten for speed (a trie; the standard library's engine) match as the
forms they replace did, on varied texts."""

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
    trie = re.compile(lexicon.word_trie(words))
    for text in ("一体化一体一二三二一线", "一体推进", "二三产业", ""):
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _flat(words).finditer(text)]


def test_space_class_is_the_regex_modules_whitespace():
    import regex

    ours, theirs = re.compile(lexicon.SPACE_CLASS), regex.compile(r"\s")
    for code in range(0x110000):
        ch = chr(code)
        assert bool(ours.match(ch)) == bool(theirs.match(ch)), hex(code)


def test_standard_library_patterns_match_as_the_regex_module_did():
    import regex

    join = regex.compile(r"\s*(?:-|~|至|到)\s*"), regex.compile(r"\s*(?:与|和)\s*")
    between_end = regex.compile(r"\s*之?间")
    quotes = regex.compile(lexicon._QUOTES.pattern)
    pieces = list("-~至到与和之间 \t\n\u3000\x1c\x85“”\"「」《》+·、/一2a") + ["“五大”", "《中国2025》"]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        m = lexicon._JOIN.fullmatch(text)
        assert (m is not None and m.group(1) is not None) == bool(join[0].fullmatch(text)), text
        assert (m is not None and m.group(1) is None) == bool(join[1].fullmatch(text)), text
        assert bool(lexicon._BETWEEN_END.match(text)) == bool(between_end.match(text)), text
        assert [(q.span(), q.lastindex) for q in lexicon._QUOTES.finditer(text)] == [
            (q.span(), q.lastindex) for q in quotes.finditer(text)], text
