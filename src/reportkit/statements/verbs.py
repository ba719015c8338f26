"""Verbs in a number's phrase: which family of action (data/verbs.yaml) and which stage of a
flow of work (data/statements.yaml) it names."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..compiled import compile_regex
from ..data import load_yaml
from .view import words


@lru_cache(maxsize=1)
def _families():
    families = load_yaml("verbs.yaml")["families"]
    table = {w: name for name, ws in families.items() if name != "state" for w in ws}
    pattern = compile_regex("|".join(regex.escape(w) for w in sorted(table, key=len, reverse=True)))
    return table, pattern


def verb_family(phrase: str) -> str | None:
    """The family of the last action verb in the phrase (受理, 整改 …), or None."""
    table, pattern = _families()
    found = None
    for m in pattern.finditer(phrase):
        found = table[m.group()]
    return found


@lru_cache(maxsize=1)
def _stages():
    table = {}
    for f, flow in enumerate(words()["flows"]):
        for s, stage in enumerate(flow["stages"]):
            for w in stage:
                table.setdefault(w, (f, s))
    pattern = compile_regex("|".join(regex.escape(w) for w in sorted(table, key=len, reverse=True)))
    return table, pattern


def stage_of(phrase: str) -> tuple[int, int, str] | None:
    """(flow, stage, word) of the phrase's action, its first stage verb (受理 in 受理劳动纠纷调解
    申请: the words after it are its object); longer words first, so 调解成功 is the last stage."""
    table, pattern = _stages()
    m = pattern.search(phrase)
    return (*table[m.group()], m.group()) if m else None


def flow_name(flow: int) -> str:
    return words()["flows"][flow]["name"]
