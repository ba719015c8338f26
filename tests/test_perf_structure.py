"""The structure stage's fast paths read every input as their general forms do."""

import random
import re

from reportkit.text.lines import LineIndex, iter_lines
from reportkit.text.normalize import TABLE, fold


def _random_texts(alphabet: str, count: int, longest: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(count):
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest)))


def _lines_by_alternation(text: str) -> list[tuple[int, int]]:
    """iter_lines' reading with the one pattern for LF, CRLF and CR."""
    lines, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        lines.append((pos, m.start()))
        pos = m.end()
    if pos < len(text) or pos == 0:
        lines.append((pos, len(text)))
    return lines


def test_lines_of_texts_with_and_without_cr():
    for alphabet in ("ab\n", "ab\r\n", "\n", "a\r"):
        for text in _random_texts(alphabet, 1500, 30, seed=len(alphabet)):
            lines = _lines_by_alternation(text)
            assert [*iter_lines(text)] == lines, repr(text)
            assert LineIndex(text).starts == [start for start, _ in lines], repr(text)
    assert [*iter_lines("a\nb\r\nc\rd\n")] == [(0, 1), (2, 3), (5, 6), (7, 8)]
    assert LineIndex("a\n\nb\n").starts == [0, 2, 3]


def test_fold_of_long_texts_equals_translating_every_character():
    # the characters that fold to themselves (增) and runs of folding characters included
    alphabet = "".join(map(chr, TABLE)) + "增增一二三十万亿元年，，，。a1 \n"
    for text in _random_texts(alphabet, 300, 2000, seed=7):
        assert fold(text) == text.translate(TABLE)
    assert fold("增长１２，３％" * 60) == "增长12,3%" * 60


def _reference_split_paragraph(text, start, end):
    """split_sentences, then split_clauses a sentence: the reading split_paragraph shortens."""
    from reportkit.text.sentences import split_clauses, split_sentences
    sentences = list(split_sentences(text, start, end))
    return sentences, [c for s, e in sentences for c in split_clauses(text, s, e)]


def test_paragraphs_without_an_ellipsis_split_as_sentence_by_sentence():
    from reportkit.text.sentences import split_paragraph
    rng = random.Random(20261202)
    # blanks inside and around clauses, runs of end marks and breaks, flat brackets
    for alphabet in ("。；;!?！？， ,、：:\t\u3000\u00a0ab增", "。，、 \t ab", "“”《》（）。，；a 、"):
        for _ in range(30000):
            text = "".join(rng.choices(alphabet, k=rng.randrange(0, 20)))
            start, end = sorted(rng.choices(range(len(text) + 1), k=2))
            case = (text, start, end)
            assert split_paragraph(*case) == _reference_split_paragraph(*case), case
    text = " 甲 乙，丙 。。丁；  ！戊、 "
    assert split_paragraph(text, 0, len(text)) == (
        [(1, 9), (9, 11), (13, 14), (14, 16)], [(1, 4), (5, 6), (9, 10), (14, 15)])
