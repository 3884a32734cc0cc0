"""insert_rows binds small writes as typed lists (no pandas import) and large ones as frames;
both must store the same rows."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.store import rows

DDL = ("CREATE TABLE t (a VARCHAR, b BIGINT, c INTEGER, d DOUBLE, e BOOLEAN, f TIMESTAMP, "
       "g DATE, h JSON, i VARCHAR[])")
row = st.fixed_dictionaries({
    "a": st.none() | st.text(),
    "b": st.none() | st.integers(-(2 ** 63), 2 ** 63 - 1),
    "c": st.none() | st.integers(-(2 ** 31), 2 ** 31 - 1),
    "d": st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10, 10),
    "e": st.none() | st.booleans(),
    "f": st.none() | st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    "g": st.none() | st.dates(min_value=dt.date(1900, 1, 1)),
    "h": st.sampled_from(['{"k": [1, 2.5]}', "[]", '"x"', "null"]),
})


def _stored(rs: list[dict], as_lists: bool, cols: list[str]) -> list[tuple]:
    con = duckdb.connect()
    con.execute(DDL)
    saved = rows._listed
    rows._listed = 0 if as_lists else rows.LIST_ROWS + 1
    try:
        rows.insert_rows(con, "t", rs, cols)
    finally:
        rows._listed = saved
    return con.execute(f"SELECT {', '.join(cols)} FROM t").fetchall()


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=5))
def test_lists_store_what_frames_store(rs):
    pytest.importorskip("pandas")
    cols = list(rs[0])
    assert _stored(rs, True, cols) == _stored(rs, False, cols)


def test_small_writes_do_not_import_pandas():
    code = ("import sys, duckdb; from audit.store.rows import insert_rows; "
            "con = duckdb.connect(); con.execute('CREATE TABLE t (a VARCHAR, b BIGINT)'); "
            "insert_rows(con, 't', [{'a': 'x', 'b': 1}, {'a': None, 'b': None}]); "
            "assert con.execute('SELECT count(*) FROM t').fetchall() == [(2,)]; "
            "print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def _stored_columns(rs: list[dict], cols: list[str], as_lists: bool) -> list[tuple]:
    con = duckdb.connect()
    con.execute(DDL)
    saved = rows._listed
    rows._listed = 0 if as_lists else rows.LIST_ROWS + 1
    try:
        rows.insert_columns(con, "t", {c: [r[c] for r in rs] for c in cols})
    finally:
        rows._listed = saved
    return con.execute(f"SELECT {', '.join(cols)} FROM t").fetchall()


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=5), st.booleans())
def test_columns_store_what_rows_store(rs, as_lists):
    """Arrow where every column and value fits plainly (VARCHAR, JSON, BIGINT, INTEGER,
    BOOLEAN), insert_rows for the others (DOUBLE, TIMESTAMP, DATE): the same rows."""
    pytest.importorskip("pyarrow")
    for cols in (["a", "b", "c", "e", "h"], list(rs[0])):
        assert _stored_columns(rs, cols, as_lists) == _stored(rs, False, cols)


def test_columns_of_another_type_go_through_rows():
    pytest.importorskip("pyarrow")
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a VARCHAR, b BIGINT, c INTEGER)")
    saved = rows._listed
    rows._listed = rows.LIST_ROWS + 1
    try:  # bytes, a float and an integer beyond INTEGER: not plainly Arrow's, as frames write
        rows.insert_columns(con, "t", {"a": ["x", None], "b": [1, 2], "c": [1, None]})
        rows.insert_columns(con, "t", {"a": ["y", "z"], "b": [1.0, 2], "c": [3, 4]})
        with pytest.raises(duckdb.Error):
            rows.insert_columns(con, "t", {"a": ["w"], "b": [1], "c": [2 ** 40]})
    finally:
        rows._listed = saved
    assert con.execute("SELECT * FROM t").fetchall() == [("x", 1, 1), (None, 2, None),
                                                         ("y", 1, 3), ("z", 2, 4)]
