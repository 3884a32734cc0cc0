"""The integrity suite: is the stored database still self-consistent and traceable?

``run_integrity`` validates the extraction tables and returns one :class:`Finding` per broken
rule (class ``integrity``, severity ``error``, check ``integrity.<table>.<rule>``); an empty
list means every rule holds.

Where the work happens:

* Row rules (types, allowed values, ranges, patterns, uniqueness) are pandera schemas. They run
  *inside DuckDB* through pandera's ibis backend, on ibis tables bound to the caller's own
  connection, so no table is read into pandas; pandera turns each rule into one SQL aggregate and
  only the failing rows come back. When pyarrow (which ibis's DuckDB backend needs to read any
  result) is not installed, or a check cannot run in the ibis backend, the same schemas run with
  pandera's pandas backend on just the columns they check, for that table only.
* Each claim's ``value`` JSON is checked against its kind's type (``audit/claimvalues.py``):
  one temp table per kind holds, per key, the JSON type found (and the value, where the type
  carries a constraint), cut from the JSON in one pass; a pandera schema derived from the
  TypedDict judges it like the tables above (a key missing, a wrong JSON type, a pattern or
  range broken: ``integrity.claims.value.<kind>.<key>-missing|type|pattern|range``).
* The provenance invariant (``text[start:end] == exact`` for every span) and the orphan rules
  (claims without spans, dangling claim_spans, rows whose document is gone) are plain DuckDB
  SQL: one join or anti-join each (provenance one per range of documents, see _provenance).

Every finding's fingerprint key is ``[check, sorted offending ids (at most 50)]``.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from audit.check.findings import Evidence, Finding
from audit.claimvalues import VALUE_TYPES, AtLeast, Pattern, field_rules
from audit.ingest.collections import MEDIA_TYPES as COLLECTIONS
from audit.ingest.readers import MEDIA_TYPES as READABLE
from audit.model import CLAIM_KINDS, ZONE_KINDS

MEDIA_TYPES = tuple(sorted(set(READABLE.values()) | set(COLLECTIONS.values())))
DOCUMENT_ID_PATTERN = r"^d[0-9a-f]{16}$"

MAX_IDS = 50  # offending ids kept per finding (and hashed into its fingerprint)
MAX_EVIDENCE = 1000  # broken spans listed as evidence per finding; the total is in details
MAX_LOOKUP_VALUES = 1000  # distinct failing values used to find offending rows (ibis backend)
CHUNK = 256  # code points per window in the provenance join (see _provenance)
PROVENANCE_RANGE = 8 * 2**20  # bytes of document text per provenance query (see _provenance)

# How each table's rows are named in findings: the key column(s), and the same as SQL text.
ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id",),
    "zones": ("document_id", "seq"),
    "spans": ("span_id",),
    "claims": ("claim_id",),
    "claim_spans": ("claim_id", "seq"),
}


# The claim values of one kind are validated as a temp table of this name plus the kind.
VALUE_TABLE = "_audit_claim_values_"


def _id_columns(table: str) -> tuple[str, ...]:
    return ("claim_id",) if table.startswith(VALUE_TABLE) else ID_COLUMNS[table]


def _id_sql(table: str, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return " || '#' || ".join(f"CAST({prefix}{c} AS VARCHAR)" for c in _id_columns(table))


# Short rule names for pandera's check names.
_RULES = {
    "isin": "not-allowed",
    "str_matches": "pattern",
    "str_length": "empty",
    "greater_than_or_equal_to": "range",
    "greater_than": "range",
    "less_than_or_equal_to": "range",
    "less_than": "range",
    "in_range": "range",
    "not_nullable": "null",
    "multiple_fields_uniqueness": "duplicate",
    "column_in_dataframe": "missing-column",
}


@dataclass(frozen=True)
class Suspects:
    """What a screen elsewhere (the Spark engine: ``audit/engine/sparkintegrity.py``) found
    broken; only these parts run here, so their findings are exactly this suite's."""

    provenance: bool
    orphans: bool
    tables: frozenset[str]  # tables whose row rules some row breaks


def run_integrity(con: duckdb.DuckDBPyConnection, suspects: Suspects | None = None,
                  memo: bool = False) -> list[Finding]:
    """Validate the stored tables; one finding per broken rule, ``[]`` when all is well.
    ``suspects``: run only the parts a screen found broken (claim values are always judged
    here: their screen is the query in ``_value_tables``).

    ``memo``: validate row rules and provenance only for the documents whose rows changed since
    the last clean validation by this code (``integrity_memo``: per table and document, a count
    and hash of its rows); orphans are still decided over whole tables, uniqueness by looking
    the changed rows' keys up in the whole tables (the other rows passed it unchanged). The
    findings are those of a full validation: an unchanged document's rows passed it before."""
    scope = None
    digests = False  # this run's digests are in DIGESTS_TABLE (dropped at the end)
    try:
        if suspects is None:
            suspects = Suspects(True, True, frozenset(ID_COLUMNS))
            if memo and _table_exists(con, MEMO_TABLE):
                digests = _digests(con)
                scope = _dirty(con)
        if scope is not None:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {SCOPE_TABLE} (document_id VARCHAR)")
            if scope:
                con.execute(f"INSERT INTO {SCOPE_TABLE} SELECT unnest(?::VARCHAR[])", [scope])
        findings = (_provenance(con, scope is not None) if suspects.provenance else []) \
            + (_orphans(con) if suspects.orphans else []) \
            + _validate_tables(con, suspects.tables, scope is not None)
        if digests:
            _remember(con, clean=not findings)
    finally:
        _drop(con, ([SCOPE_TABLE] if scope is not None else [])
              + ([DIGESTS_TABLE] if digests else []))
    findings.sort(key=lambda f: (f.check, f.key[1] if isinstance(f.key, list) else []))
    return findings


# --------------------------------------------------------------------------------------------
# The memo: which documents' rows passed validation as they are now
# --------------------------------------------------------------------------------------------

MEMO_TABLE = "integrity_memo"
SCOPE_TABLE = "_audit_integrity_scope"  # temp: the documents whose rows are validated
DIGESTS_TABLE = "_audit_integrity_digests"  # temp: this run's digests, as the memo keeps them
SCOPED_SHARE = 0.5  # more documents changed than this share: validate everything
_IN_SCOPE = f"document_id IN (SELECT document_id FROM temp.{SCOPE_TABLE})"
# per table: each row's document (claim_spans through its claim; a row whose claim is gone
# counts under '' and is always in scope, see _dirty)
_DOC_OF = {
    "documents": "SELECT t.document_id AS doc, t FROM documents t",
    "zones": "SELECT t.document_id AS doc, t FROM zones t",
    "spans": "SELECT t.document_id AS doc, t FROM spans t",
    "claims": "SELECT t.document_id AS doc, t FROM claims t",
    "claim_spans": "SELECT coalesce(c.document_id, '') AS doc, t FROM claim_spans t "
                   "LEFT JOIN claims c ON c.claim_id = t.claim_id",
}


def _digests(con: duckdb.DuckDBPyConnection) -> bool:
    """Per table and document: the count and an order-free hash of its rows, with the code's
    signature under ('', '') (other rules, other verdicts), into the temp table
    ``DIGESTS_TABLE`` (kept in DuckDB: at 50,000 documents 250,000 digests, which cost
    seconds to fetch, compare and write back through Python)."""
    from audit.rerun import code_signature

    parts = [f"SELECT '{table}' AS table_name, coalesce(doc, '') AS document_id, "
             f"count(*) || ':' || bit_xor(hash(r.t)) AS digest FROM ({rows}) r GROUP BY doc"
             for table, rows in _DOC_OF.items() if _table_exists(con, table)]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {DIGESTS_TABLE} AS "
                "SELECT '' AS table_name, '' AS document_id, ?::VARCHAR AS digest"
                + "".join(f" UNION ALL {p}" for p in parts), [code_signature()])
    return True


def _dirty(con: duckdb.DuckDBPyConnection) -> list[str] | None:
    """The documents some of whose rows are new or changed since the last clean validation
    (the memo); None when everything must be validated (no memo, other code, or most
    documents changed)."""
    (signed, docs), = _fetch(con, f"""
        SELECT (SELECT count(*) FROM {MEMO_TABLE} m JOIN temp.{DIGESTS_TABLE} d
                USING (table_name, document_id, digest) WHERE m.table_name = ''),
               (SELECT count(*) FROM temp.{DIGESTS_TABLE} WHERE table_name = 'documents')""")
    if not signed:  # no memo, or one made by other code
        return None
    dirty = [d for (d,) in _fetch(con, f"""
        SELECT DISTINCT d.document_id FROM temp.{DIGESTS_TABLE} d
        WHERE d.table_name <> '' AND NOT EXISTS (
            SELECT 1 FROM {MEMO_TABLE} m WHERE m.table_name = d.table_name
              AND m.document_id = d.document_id AND m.digest = d.digest)
        ORDER BY 1""")]
    if "" in dirty or len(dirty) > SCOPED_SHARE * max(docs, 1):
        return None
    return dirty


def _remember(con: duckdb.DuckDBPyConnection, clean: bool) -> None:
    """After a clean validation, this run's digests (``DIGESTS_TABLE``) are vouched for;
    after findings, nothing is. Only the memo rows that differ are deleted and written."""
    if not clean:
        con.execute(f"DELETE FROM {MEMO_TABLE}")
        return
    con.execute(f"""
        DELETE FROM {MEMO_TABLE} m WHERE NOT EXISTS (
            SELECT 1 FROM temp.{DIGESTS_TABLE} d WHERE d.table_name = m.table_name
              AND d.document_id = m.document_id AND d.digest = m.digest)""")
    con.execute(f"""
        INSERT INTO {MEMO_TABLE} (table_name, document_id, digest)
        SELECT d.table_name, d.document_id, d.digest FROM temp.{DIGESTS_TABLE} d
        WHERE NOT EXISTS (
            SELECT 1 FROM {MEMO_TABLE} m WHERE m.table_name = d.table_name
              AND m.document_id = d.document_id AND m.digest = d.digest)""")


def _finding(
    check: str, message: str, ids: list[str], details: dict, evidence: list[Evidence] | None = None
) -> Finding:
    ids = sorted(ids)[:MAX_IDS]
    details = {**details, "ids": ids}
    return Finding(
        check=check,
        cls="integrity",
        severity="error",
        message=message,
        key=[check, ids],
        evidence=evidence or [],
        details=details,
    )


OOM_RETRY_LIMIT = "2GB"  # DuckDB's cap for one more try of an integrity query that ran out


def _fetch(con: duckdb.DuckDBPyConnection, sql: str,
           params: list | dict | None = None) -> list[tuple]:
    """All rows of one query. DuckDB's out-of-memory errors do not follow its cap
    monotonically (``audit/store/db.py``): the provenance query over every span of 100,000
    documents failed under 512 MB in one run and passed in another. Rather than end the run,
    the query is tried once more under OOM_RETRY_LIMIT, and the cap is put back."""
    # fetchall, never fetchone: this duckdb refuses new work while a result is half-read
    try:
        return con.execute(sql, params or []).fetchall()
    except duckdb.OutOfMemoryException:
        from audit.store.db import memory_cap

        con.execute(f"SET memory_limit = '{OOM_RETRY_LIMIT}'")
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.execute("SET memory_limit = ?", [memory_cap()])


# --------------------------------------------------------------------------------------------
# Provenance: text[start:end] == exact, in one DuckDB query per range of documents
# --------------------------------------------------------------------------------------------

# DuckDB's substr is 1-based and counts code points, so it agrees with Python slicing, but it
# walks the string from the start: substr on a whole 20k-character document costs ~20k steps
# per span (5.8 s for 1M spans over 1k such documents). So the query cuts each document once
# into CHUNK-code-point pieces (one regexp pass per document), pairs each piece with the next
# (a window of 2*CHUNK code points starting at k*CHUNK) and takes each span's substring from
# the window its start falls in; a span longer than the window falls back to the whole text.
# A document whose text is ASCII (as many bytes as code points) skips the windows: there substr
# takes DuckDB's ASCII path and costs nothing by the offset (1M spans in 20k-character ASCII
# documents: 0.16 s, against 11.9 s with one accented letter at the start of each), and cutting
# and pairing the pieces was nearly all of this query (50,000 ASCII documents: 7.6 s, 0.4 s now).
# All paths give exactly substr(text, start + 1, end - start), truncated past the end of text.
# {docs}: which documents (scope and range), {spans}: the same range on the spans' side.
_PROVENANCE_SQL = f"""
WITH doc AS (
    SELECT document_id, text, length(text) AS n, strlen(text) = length(text) AS ascii,
           CASE WHEN strlen(text) <> length(text)
                THEN regexp_extract_all(text, '(?s).{{1,{CHUNK}}}') END AS pieces
    FROM documents {{docs}}
), piece AS (
    SELECT document_id, unnest(pieces) AS piece, generate_subscripts(pieces, 1) - 1 AS k
    FROM doc
), win AS (
    SELECT document_id, k,
           piece || coalesce(lead(piece) OVER (PARTITION BY document_id ORDER BY k), '') AS w
    FROM piece
), checked AS MATERIALIZED (
    SELECT s.span_id, s.document_id, s.start_char, s.end_char, s.exact, doc.n,
           CASE WHEN doc.ascii THEN substr(doc.text, s.start_char + 1, s.end_char - s.start_char)
                WHEN win.w IS NOT NULL AND s.end_char <= win.k * {CHUNK} + {2 * CHUNK}
                THEN substr(win.w, s.start_char - win.k * {CHUNK} + 1, s.end_char - s.start_char)
                ELSE substr(doc.text, s.start_char + 1, s.end_char - s.start_char)
           END AS now
    FROM spans s
    JOIN doc ON doc.document_id = s.document_id
    LEFT JOIN win ON win.document_id = s.document_id AND win.k = s.start_char // {CHUNK}
    -- spans with impossible offsets are reported by the range rules instead
    WHERE s.start_char >= 0 AND s.end_char >= s.start_char{{spans}}
), broken AS (
    SELECT 'exact-mismatch' AS rule, * FROM checked WHERE now IS DISTINCT FROM exact
    UNION ALL
    SELECT 'out-of-bounds' AS rule, * FROM checked WHERE end_char > n
)
SELECT rule, span_id, document_id, start_char, end_char, exact, now, n,
       count(*) OVER (PARTITION BY rule) AS total,
       row_number() OVER (PARTITION BY rule ORDER BY document_id, start_char, span_id) AS pos,
       row_number() OVER (PARTITION BY rule ORDER BY span_id) AS id_rank
FROM broken
QUALIFY pos <= {MAX_EVIDENCE} OR id_rank <= {MAX_IDS}
ORDER BY rule, document_id, start_char, span_id
"""

# One query over every span held them all at once (the checked rows with their exact and
# current text, and the windows of every non-ASCII document): at 100,000 documents it ran out
# of the store's 512 MB cap in some runs (hence _fetch's retry). The documents are read in
# ranges of document_id instead, one query per range: a range starts at the first document
# whose text begins (counted in document_id order) past another multiple of PROVENANCE_RANGE
# bytes, so it holds about that much text (more only by its last document). The same query
# runs per range, and its rows are merged in _provenance into the one query's findings.
# (The lengths are taken before the window: a window summing strlen(text) itself carried
# every text through its sort, 560 MiB of RSS at 100,000 documents.)
_RANGES_SQL = """
SELECT part, min(document_id) AS first_id FROM (
    SELECT document_id,
           (sum(bytes) OVER (ORDER BY document_id ROWS UNBOUNDED PRECEDING) - bytes) // $size
           AS part
    FROM (SELECT document_id, coalesce(strlen(text), 0) AS bytes FROM documents {docs})
) WHERE document_id IS NOT NULL GROUP BY part ORDER BY first_id
"""


def _ranges(con: duckdb.DuckDBPyConnection, scoped: bool,
            range_bytes: int) -> Iterator[tuple[str, dict[str, str]]]:
    """The provenance query of each range of documents, in document_id order, with its
    parameters; one range (the query without bounds) when the text fits in one."""
    scope = [_IN_SCOPE] if scoped else []

    def where(terms: list[str]) -> str:
        return f"WHERE {' AND '.join(terms)}" if terms else ""

    firsts = list(dict.fromkeys(  # (the same id twice only where document_id repeats)
        r[1] for r in _fetch(con, _RANGES_SQL.replace("{docs}", where(scope)),
                             {"size": max(int(range_bytes), 1)})))
    starts: list[str | None] = [None, *firsts[1:]]  # the first range has no lower bound
    for lo, hi in zip(starts, [*starts[1:], None], strict=True):
        params = {k: v for k, v in (("lo", lo), ("hi", hi)) if v is not None}
        bounds = [f"document_id {op} ${k}" for k, op in (("lo", ">="), ("hi", "<"))
                  if k in params]
        yield (_PROVENANCE_SQL.replace("{docs}", where(scope + bounds))
               .replace("{spans}", "".join(f" AND s.{b}" for b in bounds)), params)


def _provenance(con: duckdb.DuckDBPyConnection, scoped: bool = False,
                range_bytes: int = PROVENANCE_RANGE) -> list[Finding]:
    """``scoped``: only the spans of the documents in the scope table. ``range_bytes``: the
    text read per query (see _RANGES_SQL).

    Each range's query gives per rule its count and its first MAX_EVIDENCE rows by
    (document_id, start_char, span_id) and first MAX_IDS by span_id. The ranges are disjoint
    and in document_id order, so the counts add up, the evidence is the ranges' rows in range
    order cut at MAX_EVIDENCE, and the ids the first MAX_IDS of all ranges' first MAX_IDS:
    the findings of one query over every document."""
    totals: dict[str, int] = {}
    evidence: dict[str, list[Evidence]] = {}
    ids: dict[str, list[str]] = {}
    for sql, params in _ranges(con, scoped, range_bytes):
        counted: set[str] = set()
        for rule, sid, doc, start, end, exact, now, _n, total, pos, id_rank in _fetch(
                con, sql, params):
            if rule not in counted:  # every row of a rule carries its count in the range
                counted.add(rule)
                totals[rule] = totals.get(rule, 0) + total
            kept = evidence.setdefault(rule, [])
            if pos <= MAX_EVIDENCE and len(kept) < MAX_EVIDENCE:
                kept.append(Evidence(document_id=doc, start=start, end=end, exact=exact,
                                     value=now, span_id=sid))
            if id_rank <= MAX_IDS:
                ids.setdefault(rule, []).append(sid)
        for rule in counted:
            ids[rule] = sorted(ids.get(rule, []))[:MAX_IDS]
    findings = []
    for rule, total in sorted(totals.items()):
        if rule == "exact-mismatch":
            message = (
                f"{total} span(s) no longer match their document: text[start:end] "
                "differs from the stored exact text"
            )
        else:
            message = f"{total} span(s) end past the end of their document's text"
        details = {
            "table": "spans",
            "rule": rule,
            "count": total,
            "evidence_truncated": total > len(evidence[rule]),
        }
        findings.append(_finding(f"integrity.spans.{rule}", message, ids[rule], details,
                                 evidence[rule]))
    return findings


# --------------------------------------------------------------------------------------------
# Orphans: anti-joins in DuckDB
# --------------------------------------------------------------------------------------------

# (check, table whose rows are orphaned, referenced table, join condition, referenced value)
_ORPHAN_RULES = [
    (
        "integrity.claims.no-span",
        "claims",
        "claim_spans",
        "r.claim_id = t.claim_id",
        "t.claim_id",
        "claim(s) have no claim_spans row (no provenance)",
    ),
    (
        "integrity.claim_spans.orphan-span",
        "claim_spans",
        "spans",
        "r.span_id = t.span_id",
        "t.span_id",
        "claim_spans row(s) point to a span that does not exist",
    ),
    (
        "integrity.claim_spans.orphan-claim",
        "claim_spans",
        "claims",
        "r.claim_id = t.claim_id",
        "t.claim_id",
        "claim_spans row(s) point to a claim that does not exist",
    ),
    (
        "integrity.spans.orphan-document",
        "spans",
        "documents",
        "r.document_id = t.document_id",
        "t.document_id",
        "span(s) belong to a document that does not exist",
    ),
    (
        "integrity.zones.orphan-document",
        "zones",
        "documents",
        "r.document_id = t.document_id",
        "t.document_id",
        "zone(s) belong to a document that does not exist",
    ),
    (
        "integrity.claims.orphan-document",
        "claims",
        "documents",
        "r.document_id = t.document_id",
        "t.document_id",
        "claim(s) belong to a document that does not exist",
    ),
]


def _orphans(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """One finding per rule some row breaks. Each rule is screened by a count first: on a
    clean store (the usual case) that anti-join alone is asked, without the ids and the window
    the finding needs (a third of the time over 1.65M claim_spans)."""
    findings = []
    for check, table, ref, cond, missing, what in _ORPHAN_RULES:
        if not _fetch(con, f"SELECT count(*) FROM {table} t "
                           f"WHERE NOT EXISTS (SELECT 1 FROM {ref} r WHERE {cond})")[0][0]:
            continue
        rows = _fetch(
            con,
            f"""
            SELECT {_id_sql(table, "t")} AS id, {missing} AS missing, count(*) OVER () AS total
            FROM {table} t
            WHERE NOT EXISTS (SELECT 1 FROM {ref} r WHERE {cond})
            ORDER BY id LIMIT {MAX_IDS}
        """,
        )
        if not rows:
            continue
        total = rows[0][2]
        ids = [r[0] for r in rows]
        details = {
            "table": table,
            "references": ref,
            "count": total,
            "missing": sorted({str(r[1]) for r in rows}),
        }
        findings.append(_finding(check, f"{total} {what}", ids, details))
    return findings


# --------------------------------------------------------------------------------------------
# Row rules: pandera schemas, validated in DuckDB through ibis (pandas as the fallback)
# --------------------------------------------------------------------------------------------


def _frame(data: Any) -> Any:
    """The table a dataframe-level check receives: ibis passes IbisData(table, key), pandas the
    DataFrame itself; both index columns the same way, so one check function serves both."""
    return getattr(data, "table", data)


def _offsets_check(pa: Any, strict: bool) -> Any:
    if strict:
        return pa.Check(
            lambda d: _frame(d)["start_char"] < _frame(d)["end_char"],
            name="offsets",
            error="start_char < end_char",
        )
    return pa.Check(
        lambda d: _frame(d)["start_char"] <= _frame(d)["end_char"],
        name="offsets",
        error="start_char <= end_char",
    )


# The row rules of each stored table, as data: per column its type (VARCHAR, BIGINT, INTEGER)
# and rules (``pattern``, ``isin``, ``ge``, ``min_length``); per table the offsets rule
# ("<": start before end, "<=": not after) and the columns that are unique together. Both the
# pandera schemas (``_schemas``) and the SQL screen that decides whether pandera needs to look
# at all (``_screen``) are built from it.
_ROW_RULES: dict[str, tuple[dict[str, tuple[str, tuple[tuple[str, Any], ...]]], str | None,
                            list[str]]] = {
    "documents": ({
        "document_id": ("VARCHAR", (("pattern", DOCUMENT_ID_PATTERN),)),
        "media_type": ("VARCHAR", (("isin", MEDIA_TYPES),)),
        "chars": ("BIGINT", (("ge", 0),)),
    }, None, ["document_id"]),
    "zones": ({
        "document_id": ("VARCHAR", ()),
        "seq": ("INTEGER", ()),
        "kind": ("VARCHAR", (("isin", ZONE_KINDS),)),
        "start_char": ("BIGINT", (("ge", 0),)),
        "end_char": ("BIGINT", ()),
    }, "<", ["document_id", "seq"]),
    "spans": ({
        "span_id": ("VARCHAR", ()),
        "document_id": ("VARCHAR", ()),
        "start_char": ("BIGINT", (("ge", 0),)),
        "end_char": ("BIGINT", ()),
        "line": ("INTEGER", (("ge", 1),)),
        "col": ("INTEGER", (("ge", 1),)),
    }, "<=", ["span_id"]),
    "claims": ({
        "claim_id": ("VARCHAR", ()),
        "document_id": ("VARCHAR", ()),
        "kind": ("VARCHAR", (("isin", CLAIM_KINDS),)),
        "zone_kind": ("VARCHAR", (("isin", ZONE_KINDS),)),
    }, None, ["claim_id"]),
    "claim_spans": ({
        "claim_id": ("VARCHAR", ()),
        "span_id": ("VARCHAR", ()),
        "role": ("VARCHAR", (("min_length", 1),)),
        "seq": ("INTEGER", ()),
    }, None, ["claim_id", "seq"]),
}


def _schemas(pa: Any, string: Any, int64: Any, int32: Any) -> dict[str, Any]:
    """The typed schemas, for either backend (``pa`` is pandera.ibis or pandera.pandas, and the
    dtypes are that backend's VARCHAR, BIGINT and INTEGER), from ``_ROW_RULES``.

    Uniqueness is declared at schema level (``unique=[...]``): a column's ``unique=True`` is
    silently not checked by pandera 0.35's ibis backend, the schema-level form is, in SQL.
    """
    col, check = pa.Column, pa.Check
    dtypes = {"VARCHAR": string, "BIGINT": int64, "INTEGER": int32}
    makers = {"pattern": check.str_matches, "isin": check.isin, "ge": check.ge,
              "min_length": lambda n: check.str_length(min_value=n)}

    def column(sql: str, rules: tuple[tuple[str, Any], ...]) -> Any:
        checks = [makers[rule](value) for rule, value in rules]
        return col(dtypes[sql], checks[0] if len(checks) == 1 else checks or None)

    return {table: pa.DataFrameSchema(
                {name: column(sql, rules) for name, (sql, rules) in columns.items()},
                checks=[_offsets_check(pa, strict=offsets == "<")] if offsets else None,
                unique=unique, name=table)
            for table, (columns, offsets, unique) in _ROW_RULES.items()}


def _screen(con: duckdb.DuckDBPyConnection, table: str, source: str | None = None) -> bool:
    """Whether pandera could find anything to report in ``table`` (its rows in ``source``):
    one SQL query over the same rules (``_ROW_RULES``) that flags every row a rule could fail
    on - a null, a value out of its set or range, a pattern or offsets broken - plus a column
    missing or of another type, and duplicates of the unique key. False means every rule holds,
    so pandera (and its import) is not needed; True sends the table to pandera, which judges
    it as before (the screen may flag more than pandera would: a pattern is matched by DuckDB's
    regex engine here)."""
    columns, offsets, unique = _ROW_RULES[table]
    relation = source or table
    have = {name: kind for name, kind in _fetch(
        con, "SELECT column_name, data_type FROM information_schema.columns "
             "WHERE table_name = ?", [relation])}
    if any(have.get(name) != sql for name, (sql, _) in columns.items()):
        return True
    broken = []
    for name, (_, rules) in columns.items():
        q = _sql_name(name)
        broken.append(f"{q} IS NULL")
        for rule, value in rules:
            if rule == "pattern":
                broken.append(f"NOT regexp_matches({q}, {_sql_str(value)})")
            elif rule == "isin":
                broken.append(f"{q} NOT IN ({', '.join(map(_sql_str, value))})")
            elif rule == "ge":
                broken.append(f"{q} < {value!r}")
            elif rule == "min_length":
                broken.append(f"length({q}) < {value!r}")
            else:  # pragma: no cover - a rule the screen does not know: pandera decides
                return True
    if offsets:
        broken.append(f"NOT (start_char {offsets} end_char)")
    flagged = _fetch(con, f"SELECT count(*) FROM {relation} WHERE "
                          + " OR ".join(f"({b})" for b in broken))[0][0]
    return bool(flagged) or _has_duplicates(con, relation, unique)


def _schema_for(pa: Any, table: str, string: Any, int64: Any, int32: Any, float64: Any,
                columns: list[str] | None = None) -> Any:
    """The schema of a stored table, or of one kind's claim values (see ``_value_tables``:
    ``columns`` are those of its columns that need judging)."""
    if table.startswith(VALUE_TABLE):
        kind = table[len(VALUE_TABLE):]
        judged = [c for c in _value_columns(kind) if columns is None or c.name in columns]
        return pa.DataFrameSchema(
            {"claim_id": pa.Column(string)} | {c.name: c.column(pa, string, float64)
                                               for c in judged},
            name=f"claims.value.{kind}")
    return _schemas(pa, string, int64, int32)[table]


@dataclass(frozen=True)
class _ValueColumn:
    """One column of a kind's value table: how it is cut from the value JSON (``t``: the JSON
    types of the kind's keys, ``v``: their values as text) and the rules it must keep."""

    name: str  # t:key (the key's JSON type; null: the key is missing), v:key, n:key
    select: str
    number: bool  # DOUBLE, else VARCHAR
    nullable: bool
    allowed: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    minimum: float | None = None

    def column(self, pa: Any, string: Any, float64: Any) -> Any:
        """The pandera column (``pa`` is pandera.ibis or pandera.pandas)."""
        check = pa.Check
        checks = [check.isin(self.allowed, error=" or ".join(self.allowed))] \
            if self.allowed else []
        checks += [check.str_matches(p.regex, error=p.says) for p in self.patterns]
        if self.minimum is not None:
            checks.append(check.ge(self.minimum, error=f"at least {self.minimum:g}"))
        return pa.Column(float64 if self.number else string, checks, nullable=self.nullable)

    def broken(self) -> str:
        """SQL, true on a row that breaks a rule of this column (the screen: pandera then
        judges only the columns it flags)."""
        q = _sql_name(self.name)
        parts = [] if self.nullable else [f"{q} IS NULL"]
        if self.allowed:
            parts.append(f"{q} NOT IN ({', '.join(map(_sql_str, self.allowed))})")
        parts += [f"NOT regexp_full_match({q}, {_sql_str(p.regex)})" for p in self.patterns]
        if self.minimum is not None:
            parts.append(f"{q} < {self.minimum!r}")
        return " OR ".join(parts) or "FALSE"


def _value_columns(kind: str) -> list[_ValueColumn]:
    """The columns of a kind's value table, read off its TypedDict (``audit/claimvalues.py``):
    each key's JSON type, and a string's text (for patterns) or a number (for a minimum) only
    when it has that type, so a value of the wrong type is reported once, as a type."""
    out = []
    for i, rule in enumerate(field_rules(VALUE_TYPES[kind]), start=1):
        out.append(_ValueColumn(f"t:{rule.path}", f"t[{i}]", False, not rule.required,
                                allowed=rule.json_types))
        patterns = tuple(c for c in rule.constraints if isinstance(c, Pattern))
        if patterns:
            out.append(_ValueColumn(f"v:{rule.path}", f"CASE WHEN t[{i}] = 'VARCHAR' "
                                    f"THEN v[{i}] END", False, True, patterns=patterns))
        minimum = [c.minimum for c in rule.constraints if isinstance(c, AtLeast)]
        if minimum:
            out.append(_ValueColumn(
                f"n:{rule.path}", f"CASE WHEN t[{i}] IN ('DOUBLE', 'BIGINT', 'UBIGINT') "
                f"THEN TRY_CAST(v[{i}] AS DOUBLE) END", True, True, minimum=max(minimum)))
    return out


def _value_tables(con: duckdb.DuckDBPyConnection, scoped: bool = False) -> dict[str, list[str]]:
    """The claim values to judge: per kind with a value type, a temp table cut from the JSON in
    one pass, and the columns where some row breaks a rule (one screening query per kind; a
    clean kind's table is dropped at once, so a clean store costs no pandera run). {} when the
    claims' values cannot be read as JSON at all (the claims table's own rules say why)."""
    out: dict[str, list[str]] = {}
    table = ""
    try:
        for kind, value_type in sorted(VALUE_TYPES.items()):
            columns = _value_columns(kind)
            paths = "[" + ", ".join(_sql_str(f"$.{r.path}") for r in field_rules(value_type)) \
                + "]"
            table = VALUE_TABLE + kind
            cut = f"""
                SELECT claim_id, {", ".join(f"{c.select} AS {_sql_name(c.name)}"
                                            for c in columns)}
                FROM (SELECT claim_id, json_type(value, {paths}) AS t,
                             json_extract_string(value, {paths}) AS v
                      FROM claims WHERE kind = {_sql_str(kind)}
                      {f"AND {_IN_SCOPE}" if scoped else ""})"""
            # screened as cut, stored only when some row breaks a rule (rarely)
            counts = _fetch(con, "SELECT " + ", ".join(f"count_if({c.broken()})"
                                                      for c in columns) + f" FROM ({cut})")[0]
            suspects = [c.name for c, n in zip(columns, counts, strict=True) if n]
            if suspects:
                con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {cut}")
                out[table] = suspects
    except duckdb.Error:
        _drop(con, [*out, table])
        return {}
    return out


def _drop(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    for table in tables:
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class _Failure:
    """One failed pandera rule, reduced to what a finding needs."""

    table: str
    column: str | None
    rule: str  # short name: not-allowed, range, pattern, empty, null, duplicate, dtype, ...
    description: str  # pandera's own wording of the rule
    count: int | None  # failing rows (None: not a row-level failure)
    ids: list[str]
    values: list  # distinct failing values of the column, for column rules
    backend: str  # ibis (in DuckDB) or pandas

    def finding(self) -> Finding:
        if self.table.startswith(VALUE_TABLE):
            return self._value_finding()
        name = f"{self.column}-{self.rule}" if self.column else self.rule
        check = f"integrity.{self.table}.{name}"
        where = f"column {self.column}" if self.column else "its rows"
        count = "some" if self.count is None else str(self.count)
        message = f"{count} {self.table} row(s) break '{self.description}' on {where}"
        if self.rule == "missing-column":
            message = f"{self.table} has no column {self.column}"
        elif self.rule == "missing-table":
            message = f"the database has no {self.table} table"
        elif self.rule == "check-error":
            message = f"the check on {self.table}.{self.column} could not run: {self.description}"
        elif self.rule == "dtype":
            message = f"{self.table}.{self.column} has the wrong type: {self.description}"
        if self.ids:
            message += f" (e.g. {', '.join(sorted(self.ids)[:3])})"
        details = {
            "table": self.table,
            "column": self.column,
            "rule": self.description,
            "count": self.count,
            "backend": self.backend,
            "values": [_plain(v) for v in self.values[:10]],
        }
        return _finding(check, message, self.ids, details)


    def _value_finding(self) -> Finding:
        """A claim value that breaks its kind's contract: a key missing, a wrong JSON type, a
        constraint broken (the column names are ``t:key``, ``v:key`` or ``n:key``)."""
        kind = self.table[len(VALUE_TABLE):]
        column = self.column or ""
        key = column.partition(":")[2] or column
        rule = self.rule
        if column.startswith("t:"):
            rule = {"null": "missing", "not-allowed": "type"}.get(rule, rule)
        count = "some" if self.count is None else str(self.count)
        if rule == "missing":
            message = f"{count} {kind} claim(s) have no '{key}' in their value"
        elif rule == "type":
            message = (f"{count} {kind} claim(s) have a value '{key}' of the wrong JSON type "
                       f"({', '.join(map(str, self.values))}; allowed: {self.description})")
        else:
            message = f"{count} {kind} claim(s) break '{self.description}' on value '{key}'"
        if self.ids:
            message += f" (e.g. {', '.join(sorted(self.ids)[:3])})"
        details = {
            "table": "claims",
            "column": "value",
            "kind": kind,
            "key": key,
            "rule": self.description,
            "count": self.count,
            "backend": self.backend,
            "values": [_plain(v) for v in self.values[:10]],
        }
        return _finding(f"integrity.claims.value.{kind}.{key}-{rule}", message, self.ids,
                        details)


def _plain(value: Any) -> Any:
    value = value.item() if hasattr(value, "item") else value
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _unpack(error: Any) -> tuple[str, str, str | None, Any, str]:
    """What both backends read from a SchemaError: rule, description, the column it concerns
    (for column checks), its failure cases and pandera's reason code."""
    rule, description = _rule(error)
    column = (
        getattr(error.schema, "name", None) if type(error.schema).__name__ == "Column" else None
    )
    return rule, description, column, error.failure_cases, error.reason_code.name


def _rule(error: Any) -> tuple[str, str]:
    """(short rule name, pandera's description) for a SchemaError."""
    check = error.check
    name = getattr(check, "name", None) or str(check)
    if error.reason_code.name == "WRONG_DATATYPE":
        return "dtype", str(error)
    if error.reason_code.name == "CHECK_ERROR":
        return "check-error", str(error.failure_cases)
    rule = _RULES.get(name, name)
    if rule in ("duplicate", "null", "missing-column"):
        return rule, {"duplicate": "unique", "null": "not null"}.get(rule, "column exists")
    return rule, getattr(check, "error", None) or name


def _validate_tables(con: duckdb.DuckDBPyConnection,
                     suspects: frozenset[str] = frozenset(ID_COLUMNS),
                     scoped: bool = False) -> list[Finding]:
    """``scoped``: each table's rule run on its rows of the documents in the scope table (a
    temp copy), except where a scoped row's key is held twice in the whole table (then the
    whole table, so pandera judges the duplicates)."""
    failures: list[_Failure] = []
    tables = [t for t in ID_COLUMNS if _table_exists(con, t)]
    for table in sorted(set(ID_COLUMNS) - set(tables)):
        failures.append(_Failure(table, None, "missing-table", "table exists", None, [], [], "sql"))
    values = _value_tables(con, scoped) if "claims" in tables else {}
    sources = _scoped_copies(con, [t for t in tables if t in suspects]) if scoped else {}
    try:
        failures += _validate_all(con, {t: None for t in tables if t in suspects} | values,
                                  sources)
    finally:
        _drop(con, [*values, *sources.values()])
    return [f.finding() for f in failures]


def _scoped_copies(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, str]:
    """Temp copies of the tables' rows of the scoped documents, for the tables without
    duplicate keys over all their rows (the others are validated whole).

    Only the scoped rows' keys are looked up in the whole table: the rows of the other
    documents are those the last clean validation found without duplicates over the whole
    table (their digests are unchanged since), so a duplicate now involves a scoped row."""
    out = {}
    for table in tables:
        columns = list(ID_COLUMNS[table])
        copy = f"_audit_scoped_{table}"
        rows = _DOC_OF[table].replace(", t FROM", ", t.* FROM")
        con.execute(f"CREATE OR REPLACE TEMP TABLE {copy} AS SELECT * EXCLUDE (doc) "
                    f"FROM ({rows}) WHERE doc IN (SELECT document_id FROM temp.{SCOPE_TABLE})")
        if _duplicates_of(con, table, copy, columns):
            _drop(con, [copy])
            continue
        out[table] = copy
    return out


def _duplicates_of(con: duckdb.DuckDBPyConnection, table: str, copy: str,
                   columns: list[str]) -> bool:
    """Whether some key of the rows in ``copy`` is held by more than one row of ``table``
    (NULLs alike, as GROUP BY has them; True when that cannot be asked: pandera judges)."""
    have = {r[0] for r in _fetch(con, "SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = ?", [table])}
    if not set(columns) <= have:
        return True
    cols = ", ".join(f'"{c}"' for c in columns)
    on = " AND ".join(f't."{c}" IS NOT DISTINCT FROM k."{c}"' for c in columns)
    return bool(_fetch(con, f"SELECT count(*) FROM (SELECT 1 FROM {table} t "
                            f"JOIN (SELECT DISTINCT {cols} FROM temp.{copy}) k ON {on} "
                            f"GROUP BY {', '.join(f't.{chr(34)}{c}{chr(34)}' for c in columns)} "
                            "HAVING count(*) > 1)")[0][0])


def _validate_all(con: duckdb.DuckDBPyConnection, tables: dict[str, list[str] | None],
                  sources: dict[str, str] | None = None) -> list[_Failure]:
    """Validate each table (only the given columns of a claim-value table; ``sources``: a
    relation to read instead of a table, named in findings as the table)."""
    sources = sources or {}
    failures: list[_Failure] = []
    # a table whose rows the screen finds clean has nothing for pandera to report (claim
    # values come screened: only their flagged columns are here)
    tables = {t: c for t, c in tables.items()
              if t.startswith(VALUE_TABLE) or _screen(con, t, sources.get(t))}
    pending = list(tables)
    if tables and _ibis_usable():
        # in-database: each pandera check is compiled by ibis to SQL on the caller's connection
        pending = []
        with _ibis_backend(con) as backend:
            for table, columns in tables.items():
                got = _validate_ibis(con, backend, table, columns, sources.get(table))
                if got is None:
                    pending.append(table)  # a check could not run in SQL: redo it in pandas
                else:
                    failures += got
    # pandas fallback: without pyarrow ibis cannot read DuckDB results at all, so every table
    # is checked here; with it, only tables where a check failed to execute in the ibis backend
    for table in pending:
        failures += _validate_pandas(con, table, tables[table], sources.get(table))
    return failures


def _ibis_usable() -> bool:
    """ibis's DuckDB backend reads every result (even a table's schema) as Arrow."""
    return importlib.util.find_spec("pyarrow") is not None


def _table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        _fetch(con, "SELECT 1 FROM information_schema.tables WHERE table_name = ?", [table])
    )


@contextlib.contextmanager
def _ibis_backend(con: duckdb.DuckDBPyConnection) -> Iterator[Any]:
    """An ibis DuckDB backend on the caller's own connection (same transaction, same data).

    ibis sets two session settings when it adopts a connection; they are put back afterwards.
    """
    import ibis

    saved = _fetch(
        con,
        "SELECT name, value FROM duckdb_settings() "
        "WHERE lower(name) IN ('timezone', 'python_enable_replacements')",
    )
    try:
        yield ibis.duckdb.from_connection(con)
    finally:
        for name, value in saved:
            con.execute(f"SET {name} = '{str(value).replace(chr(39), chr(39) * 2)}'")
        _fetch(con, "SELECT 1")  # leave no half-read result behind for the caller


def _depth(con: duckdb.DuckDBPyConnection, table: str) -> contextlib.AbstractContextManager:
    """Schema-only validation for an empty table, full validation otherwise.

    pandera's ibis backend decides each check with an SQL ``all()``, which is NULL (so "failed",
    with no failure cases) over zero rows; an empty table has no rows to break a rule anyway.
    """
    from pandera.config import ValidationDepth, config_context

    if _fetch(con, f"SELECT count(*) FROM {table}")[0][0]:
        return contextlib.nullcontext()
    return config_context(validation_depth=ValidationDepth.SCHEMA_ONLY)


def _has_duplicates(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> bool:
    """Whether some rows share ``columns`` (True when that cannot be asked: a column is
    missing, say; pandera then judges it)."""
    have = {r[0] for r in _fetch(con, "SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = ?", [table])}
    if not set(columns) <= have:
        return True
    cols = ", ".join(f'"{c}"' for c in columns)
    return bool(_fetch(con, f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {cols} "
                            "HAVING count(*) > 1)")[0][0])


def _validate_ibis(
    con: duckdb.DuckDBPyConnection, backend: Any, table: str, columns: list[str] | None = None,
    source: str | None = None,
) -> list[_Failure] | None:
    """Validate one table in DuckDB (its rows in ``source`` when given: uniqueness is still
    asked of the whole table); None when some check could not execute there."""
    import ibis
    import ibis.expr.datatypes as dt
    import pandera.ibis as pa
    from pandera.errors import SchemaError, SchemaErrors

    schema = _schema_for(pa, table, dt.string, dt.int64, dt.int32, dt.float64, columns)
    if schema.unique and (source is not None  # a scoped copy: none over the whole table
                          or not _has_duplicates(con, table, schema.unique)):
        # pandera's ibis backend decides uniqueness with a window count over every row (a
        # third of the integrity suite on 1M claims); one GROUP BY (NULLs grouped alike, as
        # in that window) says it holds, and pandera then judges the other rules; where it
        # does not hold, pandera judges it and names the duplicates as before
        schema.unique = None
    t = backend.table(source or table)
    t = t.select([c for c in schema.columns if c in t.columns])
    try:
        with _depth(con, source or table):
            schema.validate(t, lazy=True)
        return []
    except SchemaErrors as exc:
        errors = exc.schema_errors
    except SchemaError as exc:  # pragma: no cover - lazy=True collects into SchemaErrors
        errors = [exc]
    # A check that raised instead of answering (an operation this backend cannot compile) sends
    # the table to pandas, unless the column's type is wrong anyway: then the dtype finding
    # already says why, and pandas would fail the same way.
    wrong_type = {e.schema.name for e in errors if e.reason_code.name == "WRONG_DATATYPE"}
    if any(
        e.reason_code.name == "CHECK_ERROR" and getattr(e.schema, "name", None) not in wrong_type
        for e in errors
    ):
        return None

    def id_expr(rel: Any) -> Any:
        parts = [rel[c].cast("string") for c in _id_columns(table)]
        out = parts[0]
        for p in parts[1:]:
            out = out + ibis.literal("#") + p
        return out.name("id")

    failures = []
    for error in errors:
        rule, description, column, fc, reason = _unpack(error)
        count, ids, values = None, [], []
        if reason == "COLUMN_NOT_IN_DATAFRAME":
            column = str(fc)
        elif reason in ("DUPLICATES", "SERIES_CONTAINS_NULLS"):
            # failure_cases is still a lazy ibis table of the failing rows: count and sample
            # the ids in SQL
            if reason == "DUPLICATES":
                rows, column, rule = fc, "+".join(schema.unique), "duplicate"
            else:
                rows = t.filter(t[column].isnull())
            count = int(rows.count().execute())
            ids = list(
                rows.select(id_expr(rows)).distinct().order_by("id").limit(MAX_IDS).execute()["id"]
            )
        elif reason == "DATAFRAME_CHECK" and column is None:
            # dataframe-level check: pandera returns the failing rows, ids included
            records = [r for r in fc["failure_case"] if isinstance(r, dict)]
            count = len(records)
            ids = ["#".join(str(_plain(r[c])) for c in _id_columns(table)) for r in records]
        elif reason == "DATAFRAME_CHECK":
            # a column check: pandera returns the failing *values* of that column, one per
            # failing row (positions in an unordered scan, so no ids). The rule is a function of
            # the value alone, so the failing rows are exactly those holding a failing value.
            raw = [r[column] if isinstance(r, dict) else r for r in fc["failure_case"]]
            count = len(raw)
            values = sorted({_plain(v) for v in raw}, key=lambda v: (str(type(v)), v))
            ids = _rows_holding(con, table, str(column), values)
        failures.append(_Failure(table, column, rule, description, count, ids, values, "ibis"))
    return failures


def _rows_holding(con: duckdb.DuckDBPyConnection, table: str, column: str, values: list) -> list:
    """Ids of the first rows (by id) whose ``column`` holds one of ``values``, in one query.

    With more than MAX_LOOKUP_VALUES distinct failing values only the smallest are looked up (the
    finding's count stays exact; its ids are then a sample of the rows holding those values).
    """
    sql = (
        f"SELECT {_id_sql(table)} AS id FROM {table} "
        f"WHERE {_sql_name(column)} IN (SELECT unnest(?)) ORDER BY id LIMIT {MAX_IDS}"
    )
    return [r[0] for r in _fetch(con, sql, [values[:MAX_LOOKUP_VALUES]])]


def _validate_pandas(con: duckdb.DuckDBPyConnection, table: str,
                     columns: list[str] | None = None, source: str | None = None
                     ) -> list[_Failure]:
    """Validate one table with pandera's pandas backend, reading only the checked columns
    (from ``source`` when given)."""
    import pandera.pandas as pa
    from pandera.errors import SchemaError, SchemaErrors

    schema = _schema_for(pa, table, str, "int64", "int32", "float64", columns)
    present = {
        r[0]
        for r in _fetch(
            con, "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        )
    }
    read = [c for c in schema.columns if c in present]
    df = con.execute(f"SELECT {', '.join(map(_sql_name, read))} FROM {source or table}").df()
    if df.empty:
        # an empty result comes back with object columns whatever the SQL types: only the
        # columns' presence can be checked here
        schema = schema.update_columns({c: {"dtype": None} for c in schema.columns})
    try:
        with _depth(con, source or table):
            schema.validate(df, lazy=True)
        return []
    except SchemaErrors as exc:
        errors = exc.schema_errors
    except SchemaError as exc:  # pragma: no cover - lazy=True collects into SchemaErrors
        errors = [exc]

    key = [c for c in _id_columns(table) if c in df.columns]
    failures = []
    for error in errors:
        rule, description, column, fc, reason = _unpack(error)
        count, ids, values = None, [], []
        if reason == "COLUMN_NOT_IN_DATAFRAME":
            column = str(fc) if not hasattr(fc, "columns") else str(fc["failure_case"].iloc[0])
        elif hasattr(fc, "columns") and "index" in fc.columns:
            # pandas keeps the frame's index: the failing rows, ids and all
            index = [i for i in fc["index"].unique() if i is not None and i == i]
            count = len(index)
            rows = df.loc[index, key]
            ids = sorted(
                {"#".join(str(_plain(v)) for v in row) for row in rows.itertuples(index=False)}
            )
            if column is not None:
                values = sorted(
                    {_plain(v) for v in df.loc[index, column]}, key=lambda v: (str(type(v)), v)
                )
            if reason == "DUPLICATES":
                column, rule = "+".join(schema.unique), "duplicate"
        failures.append(_Failure(table, column, rule, description, count, ids, values, "pandas"))
    return failures
