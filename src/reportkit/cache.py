"""Where reportkit keeps what it can rebuild: the user's cache directory, written atomically.

Everything kept here is derived from the package itself (parsed data files, compiled
patterns) and is only ever used after checking that it was derived from what the package
holds now; deleting the folder costs one slower start. Nothing a user passes in is kept.
"""

from __future__ import annotations

import os


def cache_root() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "reportkit")


def write_atomically(path: str, blob: bytes) -> bool:
    """Write ``blob`` to ``path`` whole or not at all (a process reading it meanwhile sees the
    old file or the new one). False when the folder is unwritable: a cache is never an error."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as fh:
            fh.write(blob)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            os.remove(temporary)
        except OSError:
            pass
        return False
