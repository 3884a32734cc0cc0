"""count-vs-list: a count stated right before a list, against the number of items listed."""

from __future__ import annotations

import duckdb

from audit.check.candidates import CUR, Candidate, Inputs
from audit.check.checks import expect

NAME = "count-vs-list"
CLASS = "count-vs-list"
SCOPE = "corpus"
JUDGED = ("stated_count", "listed_count")
DESCRIPTION = "A stated count disagrees with the items listed."
SEVERITY = "warning"
ORDER = 40
EXPECTATIONS = (
    expect("expect_column_pair_values_to_be_equal", "warning",
           "A stated count matches the number of items listed with it",
           column_A="stated_count", column_B="listed_count"),
)


# What may stand between a count and the list it announces: "four backers: A, B and C",
# "three areas - A; B; C", "five themes, namely A, B ...".
_LIST_LEAD = (
    r"(?s)[\s:,;.\-–—(]*"
    r"(?:(?:are|were|include|including|namely|listed|as follows)\b[\s:,\-–—]*)?(?:the\s+)?"
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """A count stated right before a list ("four backers: A, B, C and D") against the list."""
    rows = con.execute(f"""
        WITH spans_of AS (
          SELECT c.claim_id, c.document_id, c.kind, c.value, c.value_num, c.subject,
                 min(s.start_char) AS s0, max(s.end_char) AS s1
          FROM {CUR} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind IN ('count', 'org_list', 'topic_list')
            AND cs.role IN ('value', 'context', 'org', 'item', 'tail')
          GROUP BY ALL)
        SELECT n.claim_id, l.claim_id, n.value_num, n.subject, l.kind,
               CASE l.kind WHEN 'topic_list' THEN json_array_length(l.value, '$.items')
                 ELSE json_array_length(l.value, '$.members')
                      + coalesce(TRY_CAST(json_extract_string(l.value, '$.others.n') AS INTEGER),
                                 0) END AS listed,
               (json_type(l.value, '$.others') = 'OBJECT'
                AND TRY_CAST(json_extract_string(l.value, '$.others.n') AS INTEGER) IS NULL)
                 AS open_tail
        FROM spans_of n JOIN spans_of l USING (document_id)
        JOIN documents d USING (document_id)
        WHERE n.kind = 'count' AND l.kind <> 'count'
          AND l.s0 >= n.s1 AND l.s0 - n.s1 <= 40
          AND regexp_full_match(substr(d.text, n.s1 + 1, l.s0 - n.s1), ?)
        ORDER BY n.claim_id""", [_LIST_LEAD]).fetchall()
    out = []
    for count_id, list_id, stated, subject, _kind, listed, open_tail in rows:
        if open_tail or stated is None or listed is None:
            continue
        out.append(Candidate(
            check="count-vs-list",
            judged={"stated_count": int(stated), "listed_count": int(listed)},
            key=[subject, int(stated), int(listed)],
            headline=f"'{int(stated):d} {subject}' but {listed} listed",
            values=[{"value": f"{int(stated)} {subject}", "claims": [(count_id, ("value",))]},
                    {"value": f"{listed} listed", "claims": [(list_id, ("org", "item",
                                                                         "tail"))]}],
        ))
    return out
