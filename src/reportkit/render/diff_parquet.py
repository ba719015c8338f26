"""``reportkit diff A B C … --format parquet --output FILE``: the long table, one row per figure.

Columns are ``series.LONG_COLUMNS``. ``value`` and ``base_value`` are exact decimals
(``decimal128``, the scale of the finest figure), never floats; a value too wide for 38 digits
makes both columns strings instead. pyarrow is an extra (``pip install 'reportkit[parquet]'``),
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
    number = _decimal_type(pa, [r[c] for r in rows for c in ("value", "base_value")])
    types = {"value": number, "base_value": number, "plan": pa.bool_(), "line": pa.int32(),
             "start": pa.int64(), "end": pa.int64()}
    if number == pa.string():
        for r in rows:
            r["value"], r["base_value"] = format(r["value"], "f"), format(r["base_value"], "f")
    return pa.schema([(c, types.get(c, pa.string())) for c in LONG_COLUMNS])


def _decimal_type(pa, values: list[Decimal]):
    """The narrowest decimal128 that holds every value exactly; string when none does."""
    scale = max((max(0, -v.as_tuple().exponent) for v in values if isinstance(v.as_tuple().exponent, int)),
                default=0)
    integer = max((len(str(abs(int(v)))) for v in values if v.is_finite()), default=1)
    if integer + scale > MAX_PRECISION or any(not v.is_finite() for v in values):
        return pa.string()
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
