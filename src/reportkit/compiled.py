"""The package's own regular expressions (and generated methods), compiled once per machine
instead of once per start.

Compiling is about half of what a start costs: some two hundred patterns (lexicons written as
alternations, sentence and clause splitters), nearly all of it in the pure-Python parsers of
the ``regex`` module and of ``re``, which turn a pattern into the list of integers that their
C engines run. That list depends only on the pattern's text, its flags and the engine's
version. So, as Python keeps bytecode, it is kept in the user's cache directory and handed
straight to the engine's constructor on the next start: the same call, with the same
arguments, that ``regex.compile`` and ``re.compile`` make themselves.

* ``compile_regex`` and ``compile_re`` stand in for ``regex.compile`` and ``re.compile``
  wherever the package compiles a pattern of its own. Rule files' expressions never come
  here (``check/patterns.py`` compiles those, with their own safety rules).
* A cache entry is used only for the exact pattern text and flags it was made from, in the
  Python and engine versions that made it (Python's names the file and its header repeats
  it; the regex module's is part of each entry's key), and only when the file's checksum
  holds. Absent, corrupt, stale or unwritable: the pattern
  compiles as usual, never an error.
* What the engines' parsers build is recorded by passing through their constructor call (no
  copy of their code is kept here). A pattern that uses named lists, a locale, or something
  marshal cannot keep is simply compiled each time.
* New entries are written once, when the process ends, together with the ones it read.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading
import zlib

from .cache import cache_root, write_atomically

_MAGIC = b"reportkit compiled patterns 1\n"
# Entries of one file: well above the package's ~250, low enough that patterns of old data
# files (edited lexicons) cannot pile up: past it, only the entries this process used are kept.
MAX_ENTRIES = 2048


def _python() -> str:
    return f"{sys.implementation.cache_tag}-{sys.hexversion:x}"


def compile_regex(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, from the cache when it holds this pattern."""
    return _STORE.compile("regex", pattern, flags)


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the cache when it holds this pattern."""
    return _STORE.compile("re", pattern, flags)


def compile_python(source: str):
    """``compile(source, "<reportkit>", "exec")``, from the cache when it holds this source:
    the methods that ``models.record`` writes for each record class (bytecode, as a .pyc
    keeps it; the file is per Python version)."""
    return _STORE.compile("python", source)


class PatternStore:
    """Compiled patterns and methods, keyed by (engine, engine version, source, flags), in one
    file of the user's own cache directory (trusted as the bytecode in __pycache__ is)."""

    def __init__(self, path: str | None):
        self.path = path
        self.entries: dict = self._read() if path else {}
        self.used: set = set()
        self.added = False

    def compile(self, engine: str, pattern: str, flags: int = 0):
        flags = int(flags)
        builder = _engine(engine)
        key = (engine, builder.version, pattern, flags)
        self.used.add(key)
        args = self.entries.get(key)
        if args is not None:
            try:
                return builder.build(args)
            except Exception:  # an entry the engine refuses: compile it afresh
                del self.entries[key]
        compiled, args = builder.record(pattern, flags)
        if args is not None:
            self.entries[key] = args
            self.added = True
        return compiled

    def save(self) -> bool:
        """Write the entries out when this process added any. True when written."""
        if not (self.added and self.path):
            return False
        entries = self.entries
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self.used}
        try:
            payload = marshal.dumps(entries)
        except ValueError:
            return False
        header = _MAGIC + _python().encode() + b"\n" + b"%08x\n" % zlib.crc32(payload)
        if write_atomically(self.path, header + payload):
            self.added = False
            return True
        return False

    def _read(self) -> dict:
        try:
            with open(self.path, "rb") as fh:
                blob = fh.read()
        except OSError:
            return {}
        head = _MAGIC + _python().encode() + b"\n"
        if not blob.startswith(head) or len(blob) < len(head) + 9:
            return {}
        checksum, payload = blob[len(head):len(head) + 9], blob[len(head) + 9:]
        if checksum != b"%08x\n" % zlib.crc32(payload):
            return {}
        try:
            entries = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return {}
        return entries if isinstance(entries, dict) else {}


class _Engine:
    """One engine's constructor: ``build`` calls it with recorded arguments; ``record``
    compiles a pattern the engine's own way and keeps the arguments it passed."""

    def __init__(self, version: str, module, attribute: str, compile_uncached, refused_flags: int):
        self.version = version  # part of each entry's key: the code is the engine version's
        self.module = module  # the module whose global ``attribute`` is the C engine
        self.attribute = attribute
        self.compile_uncached = compile_uncached
        self.refused_flags = refused_flags  # flags whose code depends on more than the text
        self.lock = threading.Lock()

    def build(self, args: tuple):
        return getattr(self.module, self.attribute).compile(*args)

    def record(self, pattern, flags: int):
        if type(pattern) is not str or flags & self.refused_flags:
            return self.compile_uncached(pattern, flags), None
        with self.lock:
            real = getattr(self.module, self.attribute)
            recorder = _Recorder(real, pattern)
            setattr(self.module, self.attribute, recorder)
            try:
                compiled = self.compile_uncached(pattern, flags)
            finally:
                setattr(self.module, self.attribute, real)
        args = recorder.args
        if args is None or args[1] & self.refused_flags:  # e.g. an inline (?L)
            return compiled, None
        try:
            args = _plain(args)
            marshal.dumps(args)
        except (TypeError, ValueError):
            return compiled, None
        return compiled, args


class _Recorder:
    """Stands in for an engine's C module during one compile: passes every call through and
    keeps the arguments of this thread's ``compile`` of ``pattern``."""

    def __init__(self, real, pattern: str):
        self._real = real
        self._pattern = pattern
        self._thread = threading.get_ident()
        self.args = None

    def compile(self, *args):
        if threading.get_ident() == self._thread and args and args[0] == self._pattern:
            self.args = args
        return self._real.compile(*args)

    def __getattr__(self, name):
        return getattr(self._real, name)


def _plain(value):
    """``value`` with int subclasses (engine opcodes, flag enums) as plain ints, for marshal."""
    if isinstance(value, bool) or value is None or type(value) in (int, str, float, bytes):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, frozenset):
        return frozenset(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    raise TypeError(type(value).__name__)


class _Python:
    """Python's compiler: the code object itself is what marshal keeps."""

    version = ""  # the file is per Python version

    @staticmethod
    def build(code):
        return code

    @staticmethod
    def record(source: str, flags: int):
        code = compile(source, "<reportkit>", "exec")
        return code, code


_ENGINES: dict = {"python": _Python}


def _engine(name: str):
    """The engine ``name``, set up on first use (importing ``regex`` costs a start)."""
    engine = _ENGINES.get(name)
    if engine is None:
        if name == "regex":
            import regex
            from regex import _main

            # regex.compile with cache_pattern=False always reaches the constructor
            engine = _Engine(regex.__version__, _main, "_regex", lambda p, f: regex.compile(p, f, cache_pattern=False),
                             int(regex.LOCALE | regex.DEBUG))
        else:
            try:  # re's compiler module, below re's own cache of compiled patterns
                from re import _compiler
            except ImportError:  # Python 3.10
                import sre_compile as _compiler
            engine = _Engine("", _compiler, "_sre", _compiler.compile, int(re.LOCALE | re.DEBUG))
        _ENGINES[name] = engine
    return engine


def _store_path() -> str:
    return os.path.join(cache_root(), f"patterns-{_python()}.marshal")


_STORE = PatternStore(_store_path())
atexit.register(_STORE.save)
