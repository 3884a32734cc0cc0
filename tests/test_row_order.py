"""Candidates do not depend on the order a store's rows happen to be in.

The Spark engine loads each story bucket's rows into a fresh DuckDB in whatever order its
partitions arrive; the DuckDB engine reads its own file in insertion order. A builder whose SQL
picks among tied rows by storage order (``mode``, ``any_value``, ``first`` without ORDER BY)
gives the two engines different findings: at 100,000 documents the story's event year, a
``mode`` over its dated days, tied between two years in one story and split that story's amounts
differently on each engine.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from audit.check.candidates import Inputs
from audit.check.checks import builders
from audit.check.checks.value_conflict import story_years
from audit.check.reference import load_facts
from audit.store import open_store
from tests.conftest import invoke


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND NOT temporary ORDER BY table_name").fetchall()]


def _candidates(con: duckdb.DuckDBPyConnection, facts: dict) -> dict[str, list]:
    """Every builder's candidates: cid -> (judged, values with their claims, details)."""
    out: dict[str, list] = {}
    for c in builders():
        assert c.candidates is not None
        for cand in c.candidates(con, Inputs(None, facts, [])):
            out.setdefault(c.name, []).append(json.dumps(
                [cand.cid, cand.judged, cand.values, cand.details], sort_keys=True,
                default=str))
    return {k: sorted(v) for k, v in out.items()}


def _copy_shuffled(src: Path, seed: int) -> duckdb.DuckDBPyConnection:
    """An in-memory store holding ``src``'s rows, each table's rows in a shuffled order."""
    store = open_store(":memory:")
    con = store.con
    con.execute("SELECT 1").fetchall()
    con.execute(f"ATTACH '{src}' AS src (READ_ONLY)")
    rnd = random.Random(seed)
    names = set(_tables(con))
    for table in [t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' "
            "ORDER BY table_name").fetchall()]:
        if table not in names or table == "meta":
            continue
        rows = con.execute(f"SELECT * FROM src.{table}").to_arrow_table()
        order = list(range(rows.num_rows))
        rnd.shuffle(order)
        con.register("_rows", rows.take(pa.array(order, pa.int64())))
        con.execute(f"DELETE FROM {table}").fetchall()
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows").fetchall()
        con.unregister("_rows")
    con.execute("DETACH src").fetchall()
    return con


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> Path:
    from benchmarks.generate import generate

    root = tmp_path_factory.mktemp("order")
    generate(root, 12, 4, 3)  # 48 documents
    result = invoke("run", root, "--format", "json", "--fail-on", "never", "-q")
    assert result.exit_code == 0, result.output
    return root


def test_every_builder_gives_the_same_candidates_whatever_the_row_order(audited: Path):
    facts = load_facts(audited / "claims")
    db = audited / ".audit" / "audit.duckdb"
    src = duckdb.connect(str(db), read_only=True)
    try:
        first = _candidates(src, facts)
    finally:
        src.close()
    assert sum(map(len, first.values())) > 20 and "value-conflict" in first
    for seed in (1, 2):
        con = _copy_shuffled(db, seed)
        try:
            assert _candidates(con, facts) == first, seed
        finally:
            con.close()


def _dated_story(con: duckdb.DuckDBPyConnection, years: list[int]) -> None:
    for n, year in enumerate(years):
        value = {"iso": f"{year}-05-0{n + 1}", "year": year, "precision": "day"}
        con.execute("INSERT INTO _claims VALUES ('s1', 'date', ?)", [json.dumps(value)])


@pytest.mark.parametrize(("years", "expected"), [
    ([2023, 2024, 2024], {"s1": 2024}),  # the year named most often
    ([2023, 2024], {}),  # a tie: no year, whichever row comes first
    ([2024, 2023], {}),
    ([2023, 2024, 2023, 2024], {}),
])
def test_a_story_year_is_the_most_named_one_and_a_tie_gives_none(years, expected):
    con = duckdb.connect()
    con.execute("CREATE TABLE _claims (story VARCHAR, kind VARCHAR, value JSON)")
    _dated_story(con, years)
    assert story_years(con, "_claims") == expected


def test_name_variant_reads_its_rows_in_batches_with_the_same_candidates(audited: Path,
                                                                         monkeypatch):
    """name-variant groups its rows as they are fetched, a batch at a time (every entity
    mention of 100,000 documents at once was the check's peak); batches of three rows give
    the candidates of one read."""
    from audit.check.checks import name_variant

    db = audited / ".audit" / "audit.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    try:
        whole = [c.cid for c in name_variant.candidates(con, Inputs(None, {}, []))]
        monkeypatch.setattr(name_variant, "ROWS_PER_BATCH", 3)
        batched = [c.cid for c in name_variant.candidates(con, Inputs(None, {}, []))]
    finally:
        con.close()
    assert len(whole) > 5 and batched == whole


def test_list_mismatch_reads_its_lists_by_ranges_of_relations_with_the_same_candidates(
        audited: Path, monkeypatch):
    """list-mismatch reads its lists a range of relations at a time (one list() aggregate over
    every list of 100,000 documents ran out of DuckDB's memory cap); ranges of one relation
    each give the candidates of one read."""
    import json

    from audit.check.checks import list_mismatch

    db = audited / ".audit" / "audit.duckdb"
    con = duckdb.connect(str(db), read_only=True)

    def built() -> list[str]:
        return [json.dumps([c.cid, c.judged, c.values, c.details], sort_keys=True, default=str)
                for c in list_mismatch.candidates(con, Inputs(None, {}, []))]

    try:
        whole = built()
        monkeypatch.setattr(list_mismatch, "LISTS_PER_QUERY", 1)
        ranged = built()
    finally:
        con.close()
    assert len(whole) > 2 and ranged == whole
