"""Documents' text for checks that look at what stands between two claims.

DuckDB's ``substr`` on a long text that is not pure ASCII costs time in proportion to the
offset (it counts code points from the start), so SQL that cuts a snippet per claim or per pair
is quadratic in a long document: one 100 KB line repeating an amount took 90 s. Python strings
index in constant time, so checks read each document's text once here and cut their snippets
in Python, pairing claims only with their neighbours in a bounded window of characters.

The patterns follow DuckDB's (RE2's) meaning: ``\\s`` there is ``[\\t\\n\\f\\r ]`` and ``$`` is
the end of the text only, hence :data:`SPACE` and ``\\Z`` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

SPACE = r"[\t\n\f\r ]"  # RE2's \s
SENTENCE_END = re.compile(rf"[.!?](?:{SPACE}|\Z)")
SENTENCE_OR_PARAGRAPH_END = re.compile(rf"[.!?](?:{SPACE}|\Z)|\n{SPACE}*\n")

TEXT_BATCH = 8192  # documents whose text is read with one query (each query scans the ids)
TEXT_CHARS = 16_000_000  # ... or fewer, when their texts hold more characters than this


def by_document(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = (),
                ) -> Iterator[tuple[str, str, list[tuple]]]:
    """Run ``sql`` (rows whose first column is a document id, ordered by it) and yield each
    document's id, text and rows. The rows are read first; the texts then a batch of documents
    at a time, a batch bounded by count and by characters (with 256 documents a batch, a
    50,000-document corpus took 200 queries, each scanning every document id)."""
    grouped: dict[str, list[tuple]] = {}
    # on the connection itself (it sees the run's temp tables, e.g. ``shared_bounds``), read
    # to the end before anything else is asked of it
    result = con.execute(sql, list(params))
    while rows := result.fetchmany(5000):
        for row in rows:
            grouped.setdefault(row[0], []).append(row)
    if not grouped:
        return
    chars = dict(con.execute(
        "SELECT document_id, chars FROM documents "
        "WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [list(grouped)]).fetchall())
    batch: list[str] = []
    size = 0
    for doc in list(grouped):
        n = chars.get(doc) or 0
        if batch and (len(batch) >= TEXT_BATCH or size + n > TEXT_CHARS):
            yield from _with_text(con, {d: grouped.pop(d) for d in batch})
            batch, size = [], 0
        batch.append(doc)
        size += n
    if batch:
        yield from _with_text(con, {d: grouped.pop(d) for d in batch})


def _with_text(con: duckdb.DuckDBPyConnection, pending: dict[str, list[tuple]]
               ) -> Iterator[tuple[str, str, list[tuple]]]:
    texts = dict(con.execute(
        "SELECT document_id, text FROM documents "
        "WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [list(pending)]).fetchall())
    for doc, rows in pending.items():
        yield doc, texts.get(doc) or "", rows


def between(text: str, a: int, b: int) -> str:
    """The text between two offsets in either order (what DuckDB's ``substr`` returns for a
    negative length too)."""
    return text[min(a, b):max(a, b)]


def line_around(text: str, start: int, end: int, reach: int) -> tuple[str, str]:
    """The rest of the line before ``start`` and after ``end``, each at most ``reach``
    characters."""
    before = text[max(start - reach, 0):start].rpartition("\n")[2]
    after = text[end:end + reach].partition("\n")[0]
    return before, after


def temp_ids(con: duckdb.DuckDBPyConnection, name: str, ids: Sequence[str]) -> str:
    """A temporary table ``name`` of ``claim_id``s; returns its name."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS "
                "SELECT unnest(?::VARCHAR[]) AS claim_id", [sorted(set(ids))])
    return name
