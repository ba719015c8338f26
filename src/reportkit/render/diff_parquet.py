"""``reportkit diff A B C … --format parquet --output FILE``: the long table, one row per figure.

Columns are ``series.LONG_COLUMNS``. ``value`` and ``base_value`` are decimals (``decimal128``,
38 digits, the scale of the finest figure), never floats, and exact for every figure a report
writes in digits; a column whose integers alone need more than 38 digits is written as strings. pyarrow is an extra (``pip install 'reportkit[parquet]'``),
imported only here.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

from ..diff.series import LONG_COLUMNS, SeriesResult, long_rows
from ..errors import ReportkitError

MAX_PRECISION = 38  # decimal128


def write(result: SeriesResult, output: str | None) -> int:
    """Write the long table to ``output``; returns the number of rows."""
    if not output:
        raise ReportkitError("--format parquet 需要 --output FILE（Parquet 是二进制文件，不能输出到终端）")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ReportkitError("--format parquet 需要 pyarrow：pip install 'reportkit[parquet]'") from None
    rows = long_rows(result)
    table = pa.Table.from_pylist(rows, schema=_schema(pa, rows))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    _write_bytes(output, sink.getvalue().to_pybytes())
    return len(rows)


def _schema(pa, rows: list[dict]):
    types = {"plan": pa.bool_(), "line": pa.int32(), "start": pa.int64(), "end": pa.int64()}
    for column in ("value", "base_value"):
        types[column] = _decimal_column(pa, rows, column)
    return pa.schema([(c, types.get(c, pa.string())) for c in LONG_COLUMNS])


def _decimal_column(pa, rows: list[dict], column: str):
    """decimal128(38, s) with the scale of the finest value that leaves room for the widest;
    only a repeating fraction (三分之一 = 0.333…, already cut at 28 digits) loses digits.
    Strings when even the integer parts do not fit (or a value is not finite)."""
    values = [r[column] for r in rows]
    if any(not v.is_finite() for v in values):
        for r in rows:
            r[column] = format(r[column], "f")
        return pa.string()
    integer = max((len(str(abs(int(v)))) for v in values), default=1)
    scale = min(max((max(0, -v.as_tuple().exponent) for v in values), default=0), MAX_PRECISION - integer)
    if scale < 0:
        for r in rows:
            r[column] = format(r[column], "f")
        return pa.string()
    quantum = Decimal(1).scaleb(-scale)
    for r in rows:
        if -r[column].as_tuple().exponent > scale:
            r[column] = r[column].quantize(quantum)
    return pa.decimal128(MAX_PRECISION, scale)


def _write_bytes(output: str, data: bytes) -> None:
    """Atomically, like ``output.write_atomic`` does for text: a temp file, then a rename."""
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise ReportkitError(f"{output}: the directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, output)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ReportkitError(f"{output}: cannot write ({exc})") from None
