"""Data files shipped with the package (lexicons, word lists), loaded once and cached.

Parsing them costs every start more than anything else does: ``import yaml`` (PyYAML imports
all of its pure-Python loader, dumper and regexes, even for libyaml's loader) and the safe
constructor's Python per scalar. So each file's parsed data is kept, beside the exact text it
was parsed from, in the user's cache directory (as jieba keeps its dictionary in
/tmp/jieba.cache), and used only while the file still reads the same: the YAML files stay
the only source. A cache that is absent, corrupt or unwritable is parsed around, never an
error. User rule files never come here (``reportkit.check.config`` loads those).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from functools import lru_cache
from importlib import resources

from ..cache import cache_root, write_atomically


@lru_cache(maxsize=None)
def load_yaml(name: str):
    return _parsed(name, read_text(name), _cache_dir())


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _cache_dir() -> str:
    # marshal's format may change between Python versions: one directory per version
    return os.path.join(cache_root(), f"data-py{sys.version_info[0]}.{sys.version_info[1]}")


def _parsed(name: str, text: str, folder: str):
    """``text`` (the data file ``name``) parsed: from the cache when it holds this very text."""
    path = os.path.join(folder, f"{name}.{zlib.crc32(text.encode()):08x}.marshal")
    try:
        with open(path, "rb") as fh:
            cached_text, data = marshal.load(fh)
        if cached_text == text:
            return data
    except (OSError, EOFError, ValueError, TypeError):  # absent, unreadable or corrupt
        pass
    data = _parse(text)
    try:
        blob = marshal.dumps((text, data))
    except ValueError:  # a value marshal cannot keep: no cache
        return data
    write_atomically(path, blob)
    return data


def _parse(text: str):
    import yaml

    # libyaml's safe loader when the platform has it: the same safe subset, ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
