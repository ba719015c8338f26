"""Findings written back into the Word file as comments (批注) on the exact numbers.

``reportkit check report.docx --annotate reviewed.docx`` writes a copy of the document in
which every finding is a comment by ``reportkit`` — its Chinese message and rule id —
anchored on the finding's number. A Word comment range starts and ends on run boundaries,
so the runs are first split at the span's edges (each half keeps the run's formatting);
the range markers then sit beside those runs in whatever holds them (a paragraph, a
hyperlink, a tracked insertion). No character of the text is added, removed or moved:
reading the copy gives exactly the text that was checked, which is verified before the
copy is written.
"""

from __future__ import annotations

import copy
import io
import os
from pathlib import Path

from ..errors import InputError, ReportkitError
from ..formats.numbering import W

AUTHOR = "reportkit"
INITIALS = "RK"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def annotate(source: str, findings, target: str) -> int:
    """Write ``target``: ``source`` with one comment per finding. Returns the comment count."""
    from docx import Document as open_document

    from ..formats.docx import WordPackage, Walk, body_of, read_docx
    from ..formats.numbering import Numbering

    refuse_overwrite(source, target)
    data = Path(source).read_bytes()
    package = WordPackage(data, source)
    numbering_xml = package.xml(package.numbering_part), package.xml(package.styles_part)
    expected = read_docx(data, source).text
    try:
        document = open_document(io.BytesIO(data))
    except Exception as exc:  # python-docx refuses templates and odd packages with ValueError/KeyError
        raise InputError(f"{source}: cannot write comments into this Word file ({exc})") from None
    body = body_of(document.element, source)

    def walk() -> Walk:
        w = Walk(Numbering.load(*numbering_xml), keep_map=True)
        w.body(body)
        return w

    if walk().text != expected:
        raise InputError(f"{source}: the document reads differently through python-docx; not annotated")
    written = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        current = walk()  # splitting runs replaces elements: map the text afresh each time
        span = _anchor(current, f.start, f.end)
        if span is None:
            continue
        first, last = span
        document.add_comment([_run(first), _run(last)], text=f"{f.message}（{f.rule}）",
                             author=AUTHOR, initials=INITIALS)
        written += 1
    if walk().text != expected:  # never hand back a copy that reads differently
        raise ReportkitError(f"{source}: internal error: the annotated copy would read differently; not written")
    out = io.BytesIO()
    document.save(out)
    _write_atomic_bytes(target, out.getvalue())
    return written


def _anchor(walk, start: int, end: int):
    """Split runs so that ``[start, end)`` (kept inside one paragraph) is whole runs; the
    first and last of those ``w:r`` elements, or None when no typed character is in the span
    (a number that is all numbering label)."""
    from ..formats.locate import block_at

    block = block_at(tuple(walk.blocks), start)
    if block is not None:
        end = min(end, max(block.end, start + 1))
    typed = [p for p in (walk.element_at(k) for k in range(start, end)) if p is not None]
    if not typed:
        return None
    (t_first, i_first), (t_last, i_last) = typed[0], typed[-1]
    _split_after(t_last, i_last + 1)  # the end first: the start's element and index stay valid
    _split_before(t_first, i_first)
    return t_first.getparent(), t_last.getparent()


def _content(run):
    return [c for c in run if c.tag != W + "rPr"]


def _new_run_like(run):
    from docx.oxml import OxmlElement

    new = OxmlElement("w:r")
    for key, value in run.attrib.items():
        new.set(key, value)
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    return new


def _new_t(text: str):
    from docx.oxml import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return t


def _split_before(t, index: int) -> None:
    """Move everything of ``t``'s run before character ``index`` of ``t`` into a new run
    placed just before it."""
    run = t.getparent()
    content = _content(run)
    if index == 0 and content and content[0] is t:
        return  # already a run boundary
    new = _new_run_like(run)
    for child in content[:content.index(t)]:
        new.append(child)
    if index > 0:
        new.append(_new_t(t.text[:index]))
        t.text = t.text[index:]
        t.set(_XML_SPACE, "preserve")
    run.addprevious(new)


def _split_after(t, index: int) -> None:
    """Move everything of ``t``'s run from character ``index`` of ``t`` on into a new run
    placed just after it."""
    run = t.getparent()
    content = _content(run)
    text = t.text or ""
    after = content[content.index(t) + 1:]
    if index >= len(text) and not after:
        return
    new = _new_run_like(run)
    if index < len(text):
        new.append(_new_t(text[index:]))
        t.text = text[:index]
        t.set(_XML_SPACE, "preserve")
    for child in after:
        new.append(child)
    run.addnext(new)


def _run(r):
    from docx.text.run import Run

    return Run(r, None)


def refuse_overwrite(source: str, target: str) -> None:
    """The annotated copy never replaces the document it annotates (nor a link to it)."""
    try:
        same = os.path.exists(target) and os.path.samefile(source, target)
    except OSError:
        same = False
    if same or Path(source).resolve() == Path(target).resolve():
        raise ReportkitError(f"--annotate {target}: that is the input file; name a new file for the annotated copy")


def _write_atomic_bytes(path: str, data: bytes) -> None:
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reportkit-", suffix=".docx", dir=folder)
    except OSError as exc:
        raise ReportkitError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
