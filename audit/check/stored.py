"""Candidates kept in a temp table, and their findings made in SQL (the DuckDB engine).

Why: at 1M claims single-source gives ~100,000 candidates, nearly all of them findings (an
amount only one page states); as Python objects each cost a candidate, a judged row, an
evidence lookup, a finding, its message, details and fingerprint JSON and two rows to insert:
a fifth of the check's time. Their shape is simple (one value, each claim shown by its first
``value`` span, no details), so a check whose module declares ``STORED`` (SQL giving its
candidates as rows) keeps them in a temp table: the GX suite still judges every row (its judged
columns go to the judge as for any candidate), and the findings and evidence of the rejected
rows are written by one ``INSERT ... SELECT`` each at the end of the judging.

The rows hold what :class:`audit.check.making.Making` and ``_Sink`` would make of the same
candidate, byte for byte: the message (headline, the value cut by ``_short``, where its first
four pieces of evidence lie), the details JSON (``json.dumps(..., sort_keys=True,
ensure_ascii=False)``: strings escaped by :func:`json_text`, numbers by :func:`json_number`),
the fingerprint (SHA-256 of the check and the key's JSON), the confidence and the demoted
severity (computed by ``confidence()`` and ``severity_for()`` once per distinct class,
expectation, number of documents and zones), waivers and ``min_confidence``.
``tests/test_stored.py`` compares both ways on hostile strings and numbers.

``STORED(inputs)`` returns SQL with the columns ``i`` (0, 1, ...: the order of the module's
``candidates()``), ``key_json`` (the candidate's key as Python's ``json.dumps`` writes it),
``headline``, ``label`` (the one value), ``claims`` (its claim ids, in the candidate's order)
and the check's ``JUDGED`` columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.check.confidence import Side, confidence, severity_for
from audit.check.making import MAX_EVIDENCE_PER_VALUE
from audit.severity import rank_sql

if TYPE_CHECKING:
    from audit.check.candidates import Inputs
    from audit.check.checks import Check
    from audit.check.suite import Judgement

# What ``json.dumps(..., ensure_ascii=False)`` escapes in a string: the backslash first (the
# others add backslashes), the quote, and the control characters (five by name).
_NAMED = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}
_ESCAPES = [("chr(92)", "\\\\"), ("chr(34)", '\\"')] + [
    (f"chr({n})", _NAMED.get(n, f"\\u{n:04x}")) for n in range(32)]
# What ``str.split()`` splits on (``_short`` joins the words with one space).
_SPACE = "[" + "".join(f"\\x{{{c:x}}}" for c in range(0x110000)
                       if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()) + "]+"


def json_text(expr: str) -> str:
    """SQL: the VARCHAR ``expr`` as ``json.dumps(..., ensure_ascii=False)`` writes it (``null``
    for NULL); the control characters' replacements run only on a value holding one."""
    chain = expr
    for char, escaped in _ESCAPES:
        chain = f"replace({chain}, {char}, '{escaped}')"
    common = f"replace(replace({expr}, chr(92), '\\\\'), chr(34), '\\\"')"
    return (f"(CASE WHEN ({expr}) IS NULL THEN 'null' "
            f"WHEN regexp_matches({expr}, '[\\x00-\\x1f]') THEN '\"' || {chain} || '\"' "
            f"ELSE '\"' || {common} || '\"' END)")


def json_number(expr: str) -> str:
    """SQL: the DOUBLE ``expr`` as ``json.dumps`` writes a float (DuckDB's cast writes the
    shortest digits that read back, as Python's ``repr``; tested on 700,000 values)."""
    return (f"(CASE WHEN ({expr}) IS NULL THEN 'null' WHEN isnan({expr}) THEN 'NaN' "
            f"WHEN ({expr}) = 'inf'::DOUBLE THEN 'Infinity' "
            f"WHEN ({expr}) = '-inf'::DOUBLE THEN '-Infinity' "
            f"ELSE CAST({expr} AS VARCHAR) END)")


def words_text(expr: str) -> str:
    """SQL: ``" ".join(expr.split())``: whitespace runs as one space, the ends trimmed (the
    regular expressions run only on a value with other spacing than single spaces)."""
    other = _SPACE.replace("\\x{20}", "")[:-1]  # any whitespace but the space
    spaced = f"regexp_matches({expr}, '^ | $|  |{other}')"
    words = f"regexp_replace(regexp_replace({expr}, '{_SPACE}', ' ', 'g'), '^ | $', '', 'g')"
    return f"(CASE WHEN {spaced} THEN {words} ELSE {expr} END)"


def cut_text(expr: str, n: int = 90) -> str:
    """SQL: ``making._short`` of a value already through :func:`words_text`: cut to ``n``
    characters with an ellipsis."""
    return (f"(CASE WHEN length({expr}) <= {n} THEN {expr} "
            f"ELSE substr({expr}, 1, {n - 1}) || '…' END)")


@dataclass(frozen=True, slots=True)
class Stored:
    """A candidate whose columns, key and claims stay in its check's temp table (row ``row``);
    to the judge it is a row like any other."""

    cid: str
    check: str
    judged: dict[str, Any]
    row: int


class StoredChecks:
    """The temp tables of one run's stored candidates, and the judgements of their rows."""

    def __init__(self, con: Any):
        self.con = con
        self.tables: dict[str, str] = {}  # check -> its temp table
        self.rejected: list[tuple[str, int, str, str, str]] = []

    def build(self, check: Check, inputs: Inputs) -> list[Stored]:
        """Store ``check``'s candidates (``STORED``) and return them as rows to judge."""
        assert check.stored is not None
        table = "_stored_" + check.name.replace("-", "_")
        self.tables[check.name] = table
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {check.stored(inputs)}")
        cols = list(check.judged)
        rows = self.con.execute(
            f"SELECT i{''.join(', ' + c for c in cols)} FROM {table} ORDER BY i").fetchall()
        name = check.name
        if cols == ["n_documents"]:  # the common case, without a dict comprehension per row
            return [Stored(f"{name}#{i}", name, {"n_documents": n}, i) for i, n in rows]
        return [Stored(f"{name}#{r[0]}", name, dict(zip(cols, r[1:], strict=True)), r[0])
                for r in rows]

    def reject(self, cand: Stored, j: Judgement) -> None:
        """``j`` (the most severe expectation that rejected ``cand``) makes it a finding."""
        self.rejected.append((cand.check, cand.row, j.cls, j.severity, j.expectation))

    def write(self, sink: Any) -> None:
        """The findings and evidence of every rejected row, through ``sink.load``."""
        con = self.con
        try:
            if self.rejected:
                self._write(sink)
        finally:
            for table in [*self.tables.values(), *_TEMP]:
                con.execute(f"DROP TABLE IF EXISTS {table}")
            self.tables, self.rejected = {}, []

    def _write(self, sink: Any) -> None:
        con, making = self.con, sink.making
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _stored_rejected AS
            SELECT unnest(?::VARCHAR[]) AS check_name, unnest(?::BIGINT[]) AS i,
                   unnest(?::VARCHAR[]) AS cls, unnest(?::VARCHAR[]) AS judged,
                   unnest(?::VARCHAR[]) AS expectation""",
                    [list(col) for col in zip(*self.rejected, strict=True)])
        rows = " UNION ALL ".join(
            f"SELECT r.*, t.key_json, t.headline, t.label, t.claims FROM _stored_rejected r "
            f"JOIN {table} t USING (i) WHERE r.check_name = '{check}'"
            for check, table in self.tables.items())
        con.execute(f"CREATE OR REPLACE TEMP TABLE _stored_rows AS {rows}")
        con.execute(_ITEMS)
        con.execute(_SUMMED)
        self._scores(making)
        waived = sorted(making.waived.items())
        con.execute(_FINDINGS, {"run": making.run_id, "min": making.min_confidence,
                                "fps": [fp for fp, _ in waived],
                                "reasons": [reason for _, reason in waived]})
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _stored_evidence AS
            SELECT f.run_id, f.finding_id, it.k AS seq, it.document_id, it.claim_id,
                   it.span_id, it.start_char, it.end_char, it.exact, f._label AS value
            FROM _stored_findings f
            JOIN _stored_items it ON it.check_name = f.check_name AND it.i = f._row
            WHERE it.k < {MAX_EVIDENCE_PER_VALUE}""")
        sink.load("(SELECT * EXCLUDE (_row, _label) FROM _stored_findings)",
                  "_stored_evidence", remember=True)

    def _scores(self, making: Any) -> None:
        """Confidence and severity per distinct class, judged severity, expectation, number
        of documents and zones: what ``Making.finding`` gives a one-value finding (its one
        side: the documents and zones of its evidence; no details but the expectation)."""
        groups = self.con.execute(
            "SELECT DISTINCT cls, judged, expectation, n_documents, zones "
            "FROM _stored_summed").fetchall()
        out = []
        for cls, judged, expectation, n_docs, zones in groups:
            side = Side(frozenset(f"d{k}" for k in range(n_docs)), frozenset(zones))
            score = confidence(cls, [side], {"expectation": expectation})
            out.append((cls, judged, expectation, n_docs, zones, score, json.dumps(score),
                        severity_for(judged, score, making.limits)))
        self.con.execute("""
            CREATE OR REPLACE TEMP TABLE _stored_scores (
                cls VARCHAR, judged VARCHAR, expectation VARCHAR, n_documents BIGINT,
                zones VARCHAR[], score DOUBLE, score_json VARCHAR, severity VARCHAR)""")
        if out:
            self.con.executemany("INSERT INTO _stored_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 out)


_TEMP = ("_stored_rejected", "_stored_rows", "_stored_items", "_stored_summed",
         "_stored_scores", "_stored_findings", "_stored_evidence")

# Per rejected row, its evidence (``Making.finding``: per claim in the candidate's order, its
# first span of the role ``value``, else its first span; only claims with a span in a current
# document, as ``EvidenceIndex`` reads them), numbered ``k``.
_ITEMS = """
    CREATE OR REPLACE TEMP TABLE _stored_items AS
    WITH cl AS (SELECT check_name, i, unnest(claims) AS claim_id,
                       generate_subscripts(claims, 1) AS o FROM _stored_rows),
    firsts AS (
        SELECT cs.claim_id, s.document_id, s.start_char, s.end_char, s.exact, s.span_id,
               string_split(p.path, '/')[-1] || ' line ' || s.line AS location, c.zone_kind
        FROM claim_spans cs JOIN spans s USING (span_id) JOIN claims c USING (claim_id)
        JOIN current_documents p ON p.document_id = s.document_id
        WHERE cs.claim_id IN (SELECT claim_id FROM cl)
        QUALIFY row_number() OVER (PARTITION BY cs.claim_id
                                   ORDER BY cs.role <> 'value', cs.seq) = 1)
    SELECT cl.check_name, cl.i, cl.claim_id, f.document_id, f.start_char, f.end_char,
           f.exact, f.span_id, f.location, f.zone_kind,
           row_number() OVER (PARTITION BY cl.check_name, cl.i ORDER BY cl.o) - 1 AS k
    FROM cl JOIN firsts f USING (claim_id)
"""

# Per rejected row: how many pieces of evidence, their documents and zones (the finding's one
# side) and where the first four lie (each place once, in order).
_SUMMED = f"""
    CREATE OR REPLACE TEMP TABLE _stored_summed AS
    WITH located AS (
        SELECT check_name, i, string_agg(location, '; ' ORDER BY k) AS locations
        FROM (SELECT * FROM _stored_items WHERE k < 4
              QUALIFY row_number() OVER (PARTITION BY check_name, i, location ORDER BY k) = 1)
        GROUP BY ALL),
    summed AS (
        SELECT check_name, i, count(*) AS n_items,
               list_sort(list_distinct(list(document_id))) AS docs,
               list_sort(list_distinct(list(zone_kind))) AS zones
        FROM _stored_items GROUP BY ALL)
    SELECT r.*, {words_text("r.label")} AS words, coalesce(s.n_items, 0) AS n_items,
           coalesce(len(s.docs), 0) AS n_documents,
           '[' || coalesce(array_to_string(list_transform(
               s.docs, lambda d: {json_text("d")}), ', '), '') || ']' AS documents,
           coalesce(s.zones, []::VARCHAR[]) AS zones, l.locations
    FROM _stored_rows r LEFT JOIN summed s USING (check_name, i)
    LEFT JOIN located l USING (check_name, i)
"""

_FID = ("'f' || sha256('[' || " + json_text("f.check_name") + " || ', ' || f.key_json || ']')"
        "[1:16]")
_MESSAGE = ("f.headline || ': ''' || " + cut_text("f.words") + " || ''''"
            " || CASE WHEN f.locations IS NULL THEN '' ELSE ' (' || f.locations || "
            "CASE WHEN f.n_items > 4 THEN ' and ' || (f.n_items - 4) || ' more' ELSE '' END "
            "|| ')' END")
_DETAILS = ("""'{"confidence": ' || s.score_json || ', "expectation": ' || """
            + json_text("f.expectation")
            + """ || CASE WHEN s.severity <> f.judged THEN ', "judged_severity": ' || """
            + json_text("f.judged") + """ ELSE '' END || ', "values": [{"documents": ' || """
            """f.documents || ', "value": ' || """ + json_text("f.label") + " || '}]}'")

# The findings rows (``Making.finding_row`` after ``Making.admit``: below ``min_confidence``
# left out, integrity excepted; waivers applied), one per fingerprint as ``_Sink.add`` keeps.
_FINDINGS = f"""
    CREATE OR REPLACE TEMP TABLE _stored_findings AS
    SELECT $run AS run_id, x.finding_id, 0 AS seq, x.check_name, x.class, x.severity,
           x.message, w.reason IS NOT NULL AS accepted, w.reason AS waiver_reason,
           x.details::JSON AS details, x._row, x._label
    FROM (SELECT {_FID} AS finding_id, f.check_name, f.cls AS class, s.severity,
                 {_MESSAGE} AS message, {_DETAILS} AS details, f.i AS _row, f.label AS _label,
                 s.score
          FROM _stored_summed f
          JOIN _stored_scores s ON s.cls = f.cls AND s.judged = f.judged
               AND s.expectation = f.expectation AND s.n_documents = f.n_documents
               AND s.zones = f.zones) x
    LEFT JOIN (SELECT unnest($fps::VARCHAR[]) AS fp, unnest($reasons::VARCHAR[]) AS reason) w
         ON w.fp = x.finding_id
    WHERE x.score >= $min OR x.class = 'integrity'
    QUALIFY row_number() OVER (PARTITION BY x.finding_id
                               ORDER BY {rank_sql("x.severity")}, x.class) = 1
"""
