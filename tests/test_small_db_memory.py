"""The check's queries fit a small DuckDB memory cap (``AUDIT_DB_MEMORY``): a query whose
working set does not spill (an aggregate carrying whole rows, a ``list()`` over large groups)
fails with DuckDB's out-of-memory error once the corpus outgrows the cap, however much disk
there is. Real DuckDB, a store filled by SQL: quote-drift's speaker query over 150,000 quotes
under a 256 MB cap (it passes from 160 MB; the query it replaced, a ``row_number() = 1``
DuckDB turned into an ``arg_min`` over each quote's row, failed here at 256 MB, and at 100,000
generated documents under 512 MB)."""

from __future__ import annotations

from pathlib import Path

from audit.check.checks.quote_drift import _quote_rows
from audit.store import open_store

QUOTES = 150_000


def _fill(con) -> None:
    """Documents of three quotes each, each quote with one person mention of one of 5,000
    people, stories of eight documents."""
    docs = QUOTES // 3
    con.execute(f"""
        INSERT INTO document_paths SELECT 'sources/d' || i || '.txt', 'd' || i, 1, now()
        FROM range({docs}) t(i)""")
    con.execute(f"""
        INSERT INTO document_stories SELECT 'd' || i, 's' || (i // 8) FROM range({docs}) t(i)""")
    con.execute(f"""
        INSERT INTO claims (claim_id, document_id, seq, kind, predicate, subject, qualifiers,
                            value, value_text, value_num, zone_kind, compared, extractor,
                            extractor_version)
        SELECT 'q' || i, 'd' || (i // 3), i % 3, 'quote', 'said', 'Speaker ' || (i % 50), '{{}}',
               json_object('text', repeat('words of a quotation ', 5) || i), 'text', NULL,
               'body', true, 'quotes', '1'
        FROM range({QUOTES}) t(i)""")
    con.execute(f"""
        INSERT INTO mentions SELECT 'm' || i, 'd' || (i // 3), 'q' || i, 's' || i, 'person',
               'Person ' || (i % 5000), 'person ' || (i % 5000), '', true
        FROM range({QUOTES}) t(i)""")
    columns = [r[0] for r in con.execute("DESCRIBE entities").fetchall()]
    story = ", 's' || (i // 8)" if "story_id" in columns else ""
    con.execute(f"""
        INSERT INTO entities SELECT 'e' || i, 'person', 'Person ' || i, 12, 1{story}
        FROM range(5000) t(i)""")
    con.execute(f"""
        INSERT INTO entity_mentions SELECT 'm' || i, 'e' || (i % 5000),
               'Person ' || (i % 5000), 'same'
        FROM range({QUOTES}) t(i)""")


def test_quote_speakers_are_read_under_a_small_cap(tmp_path: Path):
    store = open_store(tmp_path / "audit.duckdb")
    con = store.con
    try:
        _fill(con)
        con.execute("CHECKPOINT")  # the rows on disk, not pinned in the buffer pool
        con.execute("SET threads = 2")  # the cap is shared by the threads: fixed for the test
        roomy = _quote_rows(con, None)
        con.execute("SET memory_limit = '256MB'")
        assert _quote_rows(con, None) == roomy
        assert len(roomy[0]) == QUOTES
    finally:
        store.close()
