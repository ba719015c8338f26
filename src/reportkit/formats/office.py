"""Old and other word-processor formats (.doc, .wps, .rtf, .odt) through LibreOffice.

``soffice --headless --convert-to docx`` runs with a private, throw-away profile directory
(so it neither touches nor waits for the user's own LibreOffice) and a timeout; the .docx it
writes is then read like any other. Without LibreOffice the user is told what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

TIMEOUT = 120  # seconds: a long report converts in a few; LibreOffice's first start is slowest
_SUFFIX = {"ole2": ".doc", "rtf": ".rtf", "odt": ".odt"}


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_soffice(args: list[str], workdir: str, name: str) -> None:
    """``soffice --headless ARGS`` with a private profile in ``workdir``, bounded in time."""
    soffice = find_soffice()
    if soffice is None:
        raise InputError(f"{name}: reading this format needs LibreOffice (install it, e.g. "
                         f"apt-get install libreoffice-writer-nogui), or save the file as .docx")
    profile = Path(workdir, "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", *args]
    try:
        done = subprocess.run(command, cwd=workdir, capture_output=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL, env={**os.environ, "HOME": workdir})
    except subprocess.TimeoutExpired:
        raise InputError(f"{name}: LibreOffice did not finish converting it within {TIMEOUT} s") from None
    except OSError as exc:
        raise InputError(f"{name}: LibreOffice cannot be started ({exc.strerror or exc})") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:160]
        raise InputError(f"{name}: LibreOffice could not convert it ({detail or done.returncode})")


def convert(data: bytes, name: str, suffix: str, target: str) -> bytes:
    """``data`` (a file ending in ``suffix``) converted by LibreOffice to ``target`` (docx, pdf)."""
    with tempfile.TemporaryDirectory(prefix="reportkit-office-") as workdir:
        source = Path(workdir, "input" + suffix)
        source.write_bytes(data)
        out_dir = Path(workdir, "out")
        run_soffice(["--convert-to", target, "--outdir", str(out_dir), str(source)], workdir, name)
        produced = out_dir / f"input.{target}"
        if not produced.exists():
            raise InputError(f"{name}: LibreOffice could not convert it (not a document it can read?)")
        return produced.read_bytes()


def convert_to_docx(data: bytes, name: str, kind: str) -> bytes:
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt") \
        else _SUFFIX[kind]
    return convert(data, name, suffix, "docx")
