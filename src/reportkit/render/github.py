"""Findings as GitHub Actions workflow commands (annotations on the pull request)::

    ::error file=report.txt,line=38,col=89,endLine=38,endColumn=94,title=handled-le-received::已办结…

warning → ``::warning``, info → ``::notice``. Values are escaped as the Actions toolkit does:
``%`` ``\\r`` ``\\n`` in the message; additionally ``:`` and ``,`` in properties. ``endColumn``
is the column of the last character (inclusive). A plain summary line ends the output,
because Actions shows only the first ten annotations of each kind per step.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import summary_line, where

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def render(findings, *, files: int, suppressed: int = 0) -> str:
    return render_lines(findings) + summary_line(findings, files, suppressed) + "\n"


def render_lines(findings) -> str:
    """One workflow command per finding (no summary): what a batch run writes per file."""
    return "".join(_command(f) + "\n" for f in findings)


def _command(f) -> str:
    end_col = f.end_col - 1 if f.end_col > 1 else f.end_col
    if f.end_line == f.line:
        end_col = max(end_col, f.col)
    props = [
        f"file={escape_property(_relative(f.path))}",
        f"line={f.line}",
        f"col={f.col}",
        f"endLine={f.end_line}",
        f"endColumn={end_col}",
        f"title={escape_property(f.rule)}",
    ]
    place = where(f)  # a Word or PDF file: line/col are those of its extracted text
    message = f"{f.message}（{place}）" if place else f.message
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(message)}"
