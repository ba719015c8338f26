"""reportkit over many inputs, beyond one process: pure, picklable steps and a Dask bag path.

The steps are plain functions of plain values, so any executor can run them: the CLI's
worker processes (``reportkit.cli.run``), a Dask bag on your laptop, or a Dask cluster:

* :func:`tasks` turns paths (files, directories, globs, ``.jsonl`` corpora) into picklable
  tasks, one per report (a corpus record carries its byte offset, so a worker reads only its
  own line);
* :func:`parse_task` turns one task into a :class:`~reportkit.models.Document` (Documents
  are frozen dataclasses and pickle);
* :func:`quantity_rows` turns a Document into rows, the same columns as ``parse --format
  jsonl``/``csv``;
* :func:`quantities_to_parquet` runs them as a ``dask.bag`` and writes the rows to Parquet.

Local, with Dask's own scheduler (``pip install 'reportkit[dask]'``)::

    from reportkit.distributed import quantities_to_parquet
    summary = quantities_to_parquet(["reports/", "corpus.jsonl"], "out/quantities")

On a cluster, connect a client first; Dask then runs the same graph on it (the paths must be
readable by the workers, e.g. a shared filesystem, and the output directory writable)::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    quantities_to_parquet(["/shared/reports/"], "/shared/out/quantities")

Read the result back with ``pyarrow.parquet.read_table("out/quantities")`` or
``pandas.read_parquet("out/quantities")``. Decimal columns (value, base_value, lower,
upper) are exact decimal strings, as in the JSON outputs; cast them if you want floats.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError, ReportkitError
from .formats.inputs import InputRef, decode_input, expand, read_bytes, read_record_line, record_from_line

PART_PREFIX = "part-"


# --- pure steps ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Task:
    """One report to parse: a file, or one record of a corpus (with its line's byte offset)."""

    ref: InputRef
    offset: int | None = None


def tasks(paths: list[str], *, text_field: str = "content") -> list[Task]:
    """Expand paths into tasks, in order. A corpus is scanned once, for its record offsets."""
    return [Task(ref, ref.offset) for ref in expand(list(paths), text_field=text_field)]


def _open(path: str):
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def sources(refs: Iterable[InputRef], *, records_by_offset: bool = False
            ) -> Iterator[tuple[InputRef, bytes | None]]:
    """Each input with the bytes a worker cannot read for itself, or None (a file: the worker
    reads it). A corpus record comes with its line: each corpus is opened once and read front
    to back, seeking to a record's offset only when the order jumps — unless
    ``records_by_offset``: then a record that knows its byte offset is left to the worker too,
    which spares the parent of a parallel run piping every line through (it shares the two
    cores with the workers). Standard input is read here, because worker processes have none.
    """
    fh, path = None, None
    try:
        for ref in refs:
            if ref.path is None:
                yield ref, read_bytes(ref)
                continue
            if ref.record is None or (records_by_offset and ref.offset is not None):
                yield ref, None
                continue
            if ref.offset is None:  # a hand-made reference: find its line
                yield ref, read_record_line(ref)
                continue
            if fh is None or ref.path != path:
                if fh is not None:
                    fh.close()
                fh, path = _open(ref.path), ref.path
            if fh.tell() != ref.offset:
                fh.seek(ref.offset)
            line = fh.readline()
            if not line:
                raise InputError(f"{ref.name}: record not found (did the file change?)")
            yield ref, line
    finally:
        if fh is not None:
            fh.close()


def load_source(ref: InputRef, data: bytes | None = None, *, encoding: str | None = None,
                text_field: str = "content"):
    """Parse one input into a Document. ``data``: the bytes :func:`sources` read for it (a
    corpus record's line, or standard input), or None to read the input here."""
    from .document import load_ref, parse_decoded

    if data is None:
        return load_ref(ref, encoding=encoding, text_field=text_field)
    if ref.record is None:
        decoded, extra = decode_input(ref, data, encoding), {}
    else:
        decoded, extra = record_from_line(ref, data, text_field)
    title = extra.get("title")
    return parse_decoded(decoded, path=ref.name, title=title if isinstance(title, str) else None)


def parse_task(task: Task, *, encoding: str | None = None, text_field: str = "content"):
    """One task → its Document. Pure: reads only the task's own file or line."""
    ref = task.ref
    if task.offset is not None and task.offset != ref.offset:
        ref = replace(ref, offset=task.offset)
    return load_source(ref, None, encoding=encoding, text_field=text_field)


def quantity_rows(doc) -> list[dict]:
    """A Document's quantities as rows: the columns of ``parse --format jsonl``."""
    from .render.document import quantity_row

    return [quantity_row(doc.meta.path, q) for q in doc.quantities]


def _safe_rows(task: Task, encoding, text_field) -> dict:
    """parse_task + quantity_rows, with a user error (unreadable input) as a value."""
    try:
        doc = parse_task(task, encoding=encoding, text_field=text_field)
    except ReportkitError as exc:
        return {"name": task.ref.name, "error": str(exc), "rows": []}
    return {"name": task.ref.name, "error": None, "rows": quantity_rows(doc)}


# --- Parquet -------------------------------------------------------------------------------

def parquet_schema():
    import pyarrow as pa

    from .render.document import QUANTITY_COLUMNS

    types = {"line": pa.int64(), "col": pa.int64(), "start": pa.int64(), "end": pa.int64(),
             "unit_inferred": pa.bool_(), "target": pa.bool_(), "cumulative": pa.bool_()}
    return pa.schema([(c, types.get(c, pa.string())) for c in QUANTITY_COLUMNS])


def _write_part(results: list[dict], path: str) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [row for r in results for row in r["rows"]]
    schema = parquet_schema()
    table = pa.Table.from_pylist(rows, schema=schema)
    tmp = f"{path}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # a reader never sees a half-written part
    return {"documents": sum(1 for r in results if r["error"] is None), "quantities": len(rows),
            "errors": [(r["name"], r["error"]) for r in results if r["error"] is not None]}


@dataclass
class Summary:
    documents: int = 0
    quantities: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input, message), in order
    files: list[str] = field(default_factory=list)


def quantities_bag(paths: list[str], *, text_field: str = "content", encoding: str | None = None,
                   npartitions: int | None = None):
    """A ``dask.bag`` with one item per report: ``{"name", "error", "rows"}``."""
    import dask.bag as db

    found = tasks(paths, text_field=text_field)
    if npartitions is None:
        npartitions = max(1, min(len(found), 4 * (os.cpu_count() or 1)))
    bag = db.from_sequence(found, npartitions=npartitions)
    return bag.map(_safe_rows, encoding, text_field)


def quantities_to_parquet(paths: list[str], out_dir: str | os.PathLike, *,
                          text_field: str = "content", encoding: str | None = None,
                          npartitions: int | None = None, scheduler=None,
                          overwrite: bool = False) -> Summary:
    """Parse every report with Dask and write their quantities to ``out_dir/part-*.parquet``.

    ``scheduler`` is passed to ``dask.compute``: ``None`` uses the active distributed client if
    there is one, else the bag default (local processes); ``"threads"``, ``"processes"``,
    ``"synchronous"`` or a client also work. Unreadable inputs are skipped and listed in the
    returned summary, as the CLI reports them.
    """
    import dask

    bag = quantities_bag(paths, text_field=text_field, encoding=encoding, npartitions=npartitions)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    old = sorted(out.glob(f"{PART_PREFIX}*.parquet"))
    if old and not overwrite:
        raise ReportkitError(f"{out}: already holds Parquet parts (pass overwrite=True to replace them)")
    for p in old:
        p.unlink()
    parts = bag.to_delayed()
    files = [str(out / f"{PART_PREFIX}{i:05d}.parquet") for i in range(len(parts))]
    writes = [dask.delayed(_write_part)(part, f) for part, f in zip(parts, files)]
    done = dask.compute(*writes, scheduler=scheduler)
    summary = Summary(files=files)
    for d in done:
        summary.documents += d["documents"]
        summary.quantities += d["quantities"]
        summary.errors.extend(d["errors"])
    return summary
