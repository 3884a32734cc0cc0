"""single-source: amounts and counts only one document states (when there are several)."""

from __future__ import annotations

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect

NAME = "single-source"
CLASS = "single-source"
SCOPE = "story"
JUDGED = ("n_documents",)
DESCRIPTION = "A claim only one source makes."
SEVERITY = "info"
ORDER = 90
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "info",
           "Amounts and counts are stated by more than one source",
           column="n_documents", min_value=2.0),
)


def _rows(inputs: Inputs) -> str:
    """SQL: one row per candidate, numbered ``i`` in candidate order."""
    scope_sql = scoped_claims(inputs.stories)
    return f"""
        WITH sized AS (SELECT story, count(DISTINCT document_id) AS docs FROM {scope_sql}
                       GROUP BY story HAVING count(DISTINCT document_id) > 1)
        SELECT row_number() OVER (ORDER BY story, kind, subject, value_num) - 1 AS i, *
        FROM (SELECT kind,
                     CASE kind WHEN 'money' THEN value->>'currency' ELSE subject END AS subject,
                     value_num, count(DISTINCT document_id) AS n_documents,
                     any_value(value_text ORDER BY claim_id) AS label,
                     list(claim_id ORDER BY claim_id) AS claims, story
              FROM {scope_sql} JOIN sized USING (story)
              WHERE kind IN ('money', 'count') AND value_num IS NOT NULL
              GROUP BY ALL HAVING count(DISTINCT document_id) = 1)"""


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Amounts and counts that only one document states (when there are several documents)."""
    rows = con.execute(f"SELECT kind, subject, value_num, n_documents, label, claims, story "
                       f"FROM ({_rows(inputs)}) ORDER BY i").fetchall()
    return [Candidate(
        check="single-source",
        judged={"n_documents": n},
        key=[kind, subject, num] + ([story] if story else []),
        headline=f"only one document states this {kind}",
        values=[{"value": label, "claims": [(c, ("value",)) for c in claims]}],
    ) for kind, subject, num, n, label, claims, story in rows]


def STORED(inputs: Inputs) -> str:  # noqa: N802 - a check module's declared name
    """The candidates as rows for ``audit/check/stored.py`` (the key as JSON text, as
    ``json.dumps`` writes ``[kind, subject, num] + [story]``)."""
    from audit.check.stored import json_number, json_text

    return f"""
        SELECT i, '[' || {json_text("kind")} || ', ' || {json_text("subject")} || ', '
                  || {json_number("value_num")}
                  || CASE WHEN story <> '' THEN ', ' || {json_text("story")} ELSE '' END
                  || ']' AS key_json,
               'only one document states this ' || kind AS headline, label, claims,
               n_documents
        FROM ({_rows(inputs)})"""
