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
