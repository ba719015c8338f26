"""Data files shipped with the package (lexicons, word lists), loaded once and cached."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


# libyaml's safe loader when the platform has it: the same safe subset, ten times faster,
# and these files are read on every start.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_yaml(name: str):
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
