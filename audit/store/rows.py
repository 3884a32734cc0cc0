"""Bulk row writes: DuckDB ingests a columnar frame far faster than row-by-row INSERTs.

A frame needs pandas, whose import (0.3-0.5 s, more on a busy machine) was a tenth of a re-run
that writes a few thousand rows. So the rows' columns are first bound as typed lists and
unnested in one INSERT (no import; about twice pandas' time per row), until a process has
written ``LIST_ROWS`` rows that way: a large run then imports pandas once and writes the rest
as frames. A column whose Python values do not plainly fit its SQL type goes through pandas as
before, so every row is written as the frame would write it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import Any

import duckdb

LIST_ROWS = 100_000  # rows a process writes as lists before pandas is worth importing
_listed = 0  # rows written as lists by this process


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict],
                columns: Sequence[str] | None = None) -> int:
    """Append ``rows`` (dicts with the same keys) to ``table``; returns the row count."""
    global _listed
    if not rows:
        return 0
    cols = list(columns or rows[0].keys())
    if "pandas" not in sys.modules and _listed + len(rows) <= LIST_ROWS:
        if _insert_lists(con, table, cols, [[r[c] for r in rows] for c in cols]):
            _listed += len(rows)
            return len(rows)
    import pandas as pd

    data: dict[str, Any] = {}
    for c in cols:
        vals = [r[c] for r in rows]
        if None in vals and any(v is not None for v in vals) and all(
                v is None or _is_int(v) for v in vals):
            # whole numbers with gaps: pandas' default (float64) would round large ones
            data[c] = pd.Series(vals, dtype="Int64")
        else:
            data[c] = vals
    _insert_registered(con, table, cols, pd.DataFrame(data, columns=cols))
    return len(rows)


def _insert_registered(con: duckdb.DuckDBPyConnection, table: str, cols: list[str],
                       source: Any) -> None:
    """Append every row of a pandas frame or Arrow table, registered for one INSERT."""
    con.register("_audit_rows", source)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} "
                    f"FROM _audit_rows")
    finally:
        con.unregister("_audit_rows")


def _insert_lists(con: duckdb.DuckDBPyConnection, table: str, cols: list[str],
                  values: list[list]) -> bool:
    """Bind each column as a typed list and unnest them in one INSERT, if every value plainly
    fits its column's type (else nothing is written)."""
    types = _types(con, table, cols, values)
    if types is None:
        return False
    con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT "
                + ", ".join(f"unnest(?::{t}[])" for t in types), values)
    return True


# SQL type -> the Arrow type and the Python types (besides None) written as one unchanged
_ARROW: dict[str, tuple[str, set[type]]] = {
    "VARCHAR": ("string", {str}), "JSON": ("string", {str}), "BIGINT": ("int64", {int}),
    "INTEGER": ("int32", {int}), "BOOLEAN": ("bool_", {bool})}


def insert_columns(con: duckdb.DuckDBPyConnection, table: str,
                   columns: dict[str, list]) -> int:
    """Append rows given as columns (lists of one length): the rows :func:`insert_rows` would
    write of the same values. A large write is one Arrow table (no dict per row, no pandas
    frame: at 1M claims the findings' frames cost more than making the rows); a small one
    binds the lists as ``insert_rows`` does; a column of another type, or a value that is not
    plainly of the column's type, goes through ``insert_rows``."""
    global _listed
    cols = list(columns)
    n = len(columns[cols[0]]) if cols else 0
    if not n:
        return 0
    values = [columns[c] for c in cols]
    if "pandas" not in sys.modules and "pyarrow" not in sys.modules \
            and _listed + n <= LIST_ROWS:
        if _insert_lists(con, table, cols, values):
            _listed += n
            return n
    arrow = _arrow_table(con, table, cols, values)
    if arrow is None:
        rows = [dict(zip(cols, r, strict=True)) for r in zip(*values, strict=True)]
        return insert_rows(con, table, rows, cols)
    _insert_registered(con, table, cols, arrow)
    return n


def _arrow_table(con: duckdb.DuckDBPyConnection, table: str, cols: list[str],
                 values: list[list]) -> Any:
    """The columns as an Arrow table of their SQL types, or None where a type is not one
    Arrow takes plainly (``_ARROW``) or a value is of another Python type or out of range."""
    import pyarrow as pa

    found = _column_types(con, table)
    arrays = []
    for col, vals in zip(cols, values, strict=True):
        arrow_type, plain = _ARROW.get(found.get(col, ""), ("", set[type]()))
        if not arrow_type or not {type(v) for v in vals} <= plain | {type(None)}:
            return None
        try:
            arrays.append(pa.array(vals, type=getattr(pa, arrow_type)()))
        except (pa.ArrowException, OverflowError):  # an integer out of the column's range
            return None
    return pa.table(arrays, names=cols)


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    schema, _, name = table.rpartition(".")
    return dict(con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
        + (" AND table_schema = ?" if schema else ""),
        [name, schema] if schema else [name]).fetchall())


def _is_int(v: Any) -> bool:
    return type(v) is int and -(2 ** 63) <= v < 2 ** 63


# SQL type -> the Python values bound as a list of that type exactly as a frame would write them
_FITS: dict[str, Callable[[Any], bool]] = {
    "VARCHAR": lambda v: type(v) is str,
    "JSON": lambda v: type(v) is str,
    "BIGINT": _is_int,
    "INTEGER": lambda v: _is_int(v) and -(2 ** 31) <= v < 2 ** 31,
    "DOUBLE": lambda v: (type(v) is float and v == v) or _is_int(v),  # NaN: as a frame has it
    "BOOLEAN": lambda v: type(v) is bool,
    "TIMESTAMP": lambda v: type(v) is dt.datetime and v.tzinfo is None,
    "DATE": lambda v: type(v) is dt.date,
}


def _types(con: duckdb.DuckDBPyConnection, table: str, cols: list[str],
           values: list[list]) -> list[str] | None:
    """The SQL type of each column, if every value fits it plainly (or is None); else None."""
    found = _column_types(con, table)
    out = []
    for col, vals in zip(cols, values, strict=True):
        kind = found.get(col)
        fits = _FITS.get(kind or "")
        if fits is None or not all(v is None or fits(v) for v in vals):
            return None
        out.append(str(kind))
    return out
