"""date-weekday: a weekday stated with a full date that does not fit it, or a date that does not
exist ("November 31")."""

from __future__ import annotations

import datetime as dt

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect

NAME = "date-weekday"
CLASS = "date-weekday"
SCOPE = "story"
JUDGED = ("weekday_ok",)
DESCRIPTION = "A weekday that does not fit its date."
SEVERITY = "error"
ORDER = 60
EXPECTATIONS = (
    expect("expect_column_values_to_be_in_set", "error",
           "A stated weekday fits its date", column="weekday_ok", value_set=[True]),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT claim_id, value->>'iso', value->>'weekday', value_text,
               CAST(value->>'weekday_ok' AS BOOLEAN), story
        FROM {scope_sql} WHERE kind = 'date' AND value->>'weekday' IS NOT NULL
          AND value->>'weekday_ok' IS NOT NULL AND value->>'weekday_ok' <> 'null'
        ORDER BY path, claim_id""").fetchall()
    out = []
    for claim_id, label, story in con.execute(f"""
            SELECT claim_id, value->>'as_written', story FROM {scope_sql}
            WHERE kind = 'date' AND value->>'exists' = 'false'
            ORDER BY path, claim_id""").fetchall():
        out.append(Candidate(
            check="date-weekday",
            judged={"weekday_ok": False},
            key=["no such day", claim_id] + ([story] if story else []),
            headline=f"'{label}' is a day its month does not have",
            values=[{"value": label, "claims": [(claim_id, ("value",))]}],
            details={"stated": label, "exists": False},
        ))
    for claim_id, iso, weekday, label, ok, story in rows:
        try:
            actual = dt.date.fromisoformat(iso).strftime("%A")
        except (TypeError, ValueError):
            continue
        out.append(Candidate(
            check="date-weekday",
            judged={"weekday_ok": bool(ok)},
            key=[iso, weekday] + ([story] if story else []),
            headline=f"{weekday} does not fit {iso} (a {actual})",
            values=[{"value": label, "claims": [(claim_id, ("value", "weekday"))]}],
            details={"stated": weekday, "actual": actual, "date": iso},
        ))
    return out
