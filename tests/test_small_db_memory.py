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


FINDINGS = 60_000


def _fill_findings(con) -> None:
    """A run of 60,000 findings with three pieces of evidence each (ids as long as the store's)
    over 20,000 documents and 400,000 spans; seq has a gap (the numbers skipped by a range)."""
    docs, spans = 20_000, 400_000
    con.execute(f"""
        INSERT INTO documents (document_id, sha256, path, media_type, encoding, bytes, chars,
                               text, norm_text, ingested_at)
        SELECT 'd' || md5(i::VARCHAR)[:16], 'x', 'sources/d' || i || '.txt', 'text/plain',
               'utf-8', 100, 100, 'text', 'text', TIMESTAMP '2026-12-06 12:00:00'
        FROM range({docs}) t(i)""")
    con.execute(f"""
        INSERT INTO document_paths SELECT 'sources/d' || i || '.txt', 'd' || md5(i::VARCHAR)[:16],
               1, now() FROM range({docs}) t(i)""")
    con.execute(f"""
        INSERT INTO spans SELECT 's' || md5(i::VARCHAR)[:16], 'd' || md5((i % {docs})::VARCHAR)[:16],
               i % 1000, i % 1000 + 20, 'words of span ' || i, '', '', i % 300, i % 70
        FROM range({spans}) t(i)""")
    con.execute(f"""
        INSERT INTO findings (run_id, finding_id, seq, check_name, class, severity, message,
                              accepted, details)
        SELECT 'r1', 'f' || md5(i::VARCHAR)[:16], i + (i >= 30000)::INT * 7, 'value-conflict',
               'value-conflict', CASE WHEN i % 5 = 0 THEN 'error' ELSE 'warning' END,
               'message of finding ' || i, i % 97 = 0,
               json_object('values', [i, i + 1], 'confidence', (i % 10) / 10)
        FROM range({FINDINGS}) t(i)""")
    con.execute(f"""
        INSERT INTO finding_evidence SELECT 'r1', 'f' || md5((i // 3)::VARCHAR)[:16], i % 3,
               'd' || md5((i * 7 % {docs})::VARCHAR)[:16], 'c' || md5(i::VARCHAR)[:16],
               's' || md5((i * 13 % {spans})::VARCHAR)[:16], i % 1000, i % 1000 + 20,
               'words ' || i, 'value ' || i
        FROM range({FINDINGS * 3 - 5}) t(i)""")  # the last two findings: less or no evidence


def test_report_keys_are_made_under_a_small_cap(tmp_path: Path):
    """The report's finding keys (``FindingStream.keys``: whether a finding is copied from the
    last findings JSON) are made a range of findings at a time, here under a 96 MB cap: the
    same keys in the same order as one query's, however the ranges fall, also with a
    confidence filter. (The one query ran out of a 512 MB cap at 100,000 documents, 243,305
    findings, where DuckDB built its joins on the evidence side; on this filled store it plans
    them the other way and the one query fits too: the test guards sameness, not the cap.)"""
    from audit.check.export import FindingStream

    store = open_store(tmp_path / "audit.duckdb")
    con = store.con
    try:
        _fill_findings(con)
        con.execute("CHECKPOINT")
        con.execute("SET threads = 2")
        con.execute("SET memory_limit = '96MB'")
        small = {}
        for conf in (0.0, 0.5):
            stream = FindingStream(con, "r1", min_confidence=conf)
            stream.CHUNK = 5_000
            small[conf] = stream.keys("salt")
        con.execute("SET memory_limit = '1GB'")
        for conf in (0.0, 0.5):
            whole = FindingStream(con, "r1", min_confidence=conf)
            whole.CHUNK = 10**9  # one query
            one = whole.keys("salt")
            assert small[conf] == one
            for chunk in (7_777, 30_000, 30_007, 59_999):
                stream = FindingStream(con, "r1", min_confidence=conf)
                stream.CHUNK = chunk
                assert stream.keys("salt") == one, chunk
        assert len(small[0.0]) == FINDINGS and 0 < len(small[0.5]) < FINDINGS
        assert FindingStream(con, "r1").keys("other salt") != small[0.0]
        empty = FindingStream(con, "r2")
        assert empty.keys("salt") == []
    finally:
        store.close()
