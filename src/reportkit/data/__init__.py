"""Data files shipped with the package (lexicons, word lists), loaded once and cached."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str):
    return yaml.safe_load(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
