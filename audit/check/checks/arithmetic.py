"""arithmetic: parts stated in one sentence that add up to more than the stated total."""

from __future__ import annotations

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect

NAME = "arithmetic"
CLASS = "arithmetic"
SCOPE = "story"
JUDGED = ("parts_total", "stated_total")
DESCRIPTION = "Parts that exceed or do not add up to a stated total."
SEVERITY = "warning"
ORDER = 70
EXPECTATIONS = (
    expect("expect_column_pair_values_a_to_be_greater_than_b", "warning",
           "Parts do not add up to more than the stated total",
           column_A="stated_total", column_B="parts_total", or_equal=True),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Parts that exceed the total the sources state.

    The total of a currency is the exact amount stated by the most documents. Parts and totals
    are figures about the event (not background) measuring the same thing (or not saying what
    they measure). Parts are either
    several exact amounts in one sentence ("CMU gets $70 million and UW $50 million") or a
    per-unit amount times a count in its sentence ("each of the two partnerships receives
    $60 million").
    """
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(rf"""
        WITH m AS (
          SELECT c.claim_id, c.document_id, c.story,
                 c.story || '|' || (c.value->>'currency') AS currency,
                 c.value_num,
                 c.qualifiers->>'per' AS per, c.value_text, min(s.start_char) AS s0,
                 max(s.end_char) AS s1,
                 -- the family a figure measures ("punitive damages" -> "damages"), if read
                 regexp_extract(c.value->>'measure', '(\S+)$') AS fam
          FROM {scope_sql} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind = 'money' AND cs.role = 'value' AND c.value_num IS NOT NULL
            AND coalesce(c.value->>'approx', 'exact') = 'exact'
            -- background figures (last year's, an earlier programme's) are no parts or totals
            AND coalesce(c.value->>'frame', 'event') = 'event'
          GROUP BY ALL),
        totals AS (
          SELECT currency, value_num AS total, mode(nullif(fam, '')) AS fam FROM m
          WHERE per IS NULL
          GROUP BY currency, value_num QUALIFY row_number() OVER (PARTITION BY currency
                   ORDER BY count(DISTINCT document_id) DESC, value_num DESC) = 1),
        counts AS (
          SELECT c.claim_id, c.document_id, c.value_num AS n, min(s.start_char) AS s0
          FROM {scope_sql} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind = 'count' AND cs.role = 'value' GROUP BY ALL)
        SELECT a.claim_id, a.document_id, a.value_num, a.currency, a.per, a.value_text,
               b.claim_id, b.value_num, b.value_text, n.claim_id, n.n, t.total
        FROM m a JOIN totals t ON t.currency = a.currency
             AND (coalesce(a.fam, '') = '' OR t.fam IS NULL OR a.fam = t.fam)
        JOIN documents d ON d.document_id = a.document_id
        LEFT JOIN m b ON b.document_id = a.document_id AND b.currency = a.currency
             AND b.s0 > a.s1 AND b.s0 - a.s1 < 200 AND b.per IS NULL AND a.per IS NULL
             -- parts of one total measure the same thing
             AND (coalesce(a.fam, '') = '' OR coalesce(b.fam, '') = '' OR a.fam = b.fam)
             AND (coalesce(b.fam, '') = '' OR t.fam IS NULL OR b.fam = t.fam)
             AND NOT regexp_matches(substr(d.text, a.s1 + 1, b.s0 - a.s1), '[.!?](\s|$)')
        LEFT JOIN counts n ON n.document_id = a.document_id AND a.per = 'each'
             AND abs(n.s0 - a.s0) < 120
             AND NOT regexp_matches(substr(d.text, least(n.s0, a.s1) + 1,
                                           abs(n.s0 - a.s1)), '[.!?](\s|$)')
        WHERE a.value_num < t.total AND (b.claim_id IS NOT NULL OR n.claim_id IS NOT NULL)
          AND coalesce(b.value_num, 0) < t.total
        ORDER BY a.document_id, a.s0""").fetchall()
    out = []
    for (a_id, _doc, a_val, story_cur, per, a_text, b_id, b_val, b_text, n_id, n,
         total) in rows:
        story, _, cur = story_cur.rpartition("|")
        if per == "each" and n_id is not None:
            parts, label = a_val * n, f"{n:g} × {a_text}"
            claims = [(a_id, ("value",)), (n_id, ("value", "context"))]
        elif b_id is not None:
            parts, label = a_val + b_val, f"{a_text} + {b_text}"
            claims = [(a_id, ("value",)), (b_id, ("value",))]
        else:
            continue
        out.append(Candidate(
            check="arithmetic",
            judged={"parts_total": parts, "stated_total": total},
            key=[cur, total, sorted([a_text, b_text or "", str(n or "")])]
            + ([story] if story else []),
            headline=f"parts add up to {parts:,.0f} {cur}, more than the stated total",
            values=[{"value": label, "claims": claims},
                    {"value": f"{total:,.0f} {cur} (total stated most often)", "claims": []}],
            details={"parts": parts, "total": total, "currency": cur},
        ))
    return out
