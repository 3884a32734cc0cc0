"""relative-day: "N days later" whose stated day does not follow from the day stated before it
("on Monday ... two days later, on Thursday"). The extractor judges only an unambiguous anchor:
exactly one day stated in the sentence before the phrase or in its own sentence before it."""

from __future__ import annotations

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect

NAME = "relative-day"
CLASS = "relative-day"
SCOPE = "story"
JUDGED = ("relative_ok",)
DESCRIPTION = "A day stated as 'N days later' (or earlier) that does not fit the day before it."
SEVERITY = "error"
ORDER = 61
EXPECTATIONS = (
    expect("expect_column_values_to_be_in_set", "error",
           "A relative day fits its anchor", column="relative_ok", value_set=[True]),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT claim_id, value->>'anchor', value->>'stated', CAST(value->>'days' AS INTEGER),
               CAST(value->>'fits' AS BOOLEAN), value_text, story
        FROM {scope_sql} WHERE kind = 'time' AND predicate = 'relative'
          AND value->>'fits' IS NOT NULL AND value->>'fits' <> 'null'
        ORDER BY path, claim_id""").fetchall()
    return [Candidate(
        check=NAME, judged={"relative_ok": bool(ok)},
        key=[anchor, days, stated] + ([story] if story else []),
        headline=f"{abs(days)} days {'later' if days >= 0 else 'earlier'} than {anchor} "
                 f"is not {stated}",
        values=[{"value": label, "claims": [(claim_id, ("value", "context", "weekday"))]}],
        details={"anchor": anchor, "days": days, "stated": stated})
        for claim_id, anchor, stated, days, ok, label, story in rows]
