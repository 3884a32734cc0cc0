"""date-weekday: a weekday stated with a full date that does not fit it, or a date that does not
exist ("November 31").

A page that gives "Friday, July 25" with no year and no date of its own is checked in the year
the story's other dates give for that month or the next or previous one (written days only,
only one such year, and it must be the year most of the story's written days have, written
by two pages or more): a rewrite drops the year the wire copy had, not the weekday's slip. The
year is borrowed, so the finding carries ``year_from_story`` (confidence lowered: a warning)."""

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
    for claim_id, iso, weekday, label, story, year in _undated(con, scope_sql):
        try:
            day = dt.date(year, int(iso[5:7]), int(iso[8:10]))
        except ValueError:
            continue
        actual = day.strftime("%A")
        out.append(_weekday_candidate(
            claim_id, label, story, weekday, day.isoformat(), actual, actual == weekday,
            f"{weekday} does not fit {day:%B} {day.day} (a {actual} in {year}, the year the "
            "story's other pages give)", year_from_story=True))
    for claim_id, iso, weekday, label, ok, story in rows:
        try:
            actual = dt.date.fromisoformat(iso).strftime("%A")
        except (TypeError, ValueError):
            continue
        out.append(_weekday_candidate(claim_id, label, story, weekday, iso, actual, bool(ok),
                                      f"{weekday} does not fit {iso} (a {actual})"))
    return out


def _weekday_candidate(claim_id: str, label: str, story: str | None, weekday: str, iso: str,
                       actual: str, ok: bool, headline: str,
                       year_from_story: bool = False) -> Candidate:
    """A stated weekday against the day its date falls on (the date's year written, or
    borrowed from the story: then keyed and marked apart)."""
    return Candidate(
        check="date-weekday",
        judged={"weekday_ok": ok},
        key=[iso, weekday] + (["year from story"] if year_from_story else [])
        + ([story] if story else []),
        headline=headline,
        values=[{"value": label, "claims": [(claim_id, ("value", "weekday"))]}],
        details={"stated": weekday, "actual": actual, "date": iso,
                 **({"year_from_story": True} if year_from_story else {})},
    )


def _undated(con: duckdb.DuckDBPyConnection, scope_sql: str) -> list[tuple]:
    """Weekday dates without a year, each with the one year the story writes for its month or
    a month beside it, written days only (none when the story writes two years there, or
    none), and only when that year is the story's own: the year most of its written days
    have, on two pages or more. A background day ("a hearing on June 26, 2019") or a
    contract's end ("until June 2031") lends no year to this year's news."""
    return con.execute(f"""
        WITH c AS (SELECT * FROM {scope_sql} WHERE kind = 'date'),
        undated AS (
            SELECT claim_id, value->>'iso' AS iso, value->>'weekday' AS weekday, value_text,
                   story, path, CAST(substr(value->>'iso', 6, 2) AS INTEGER) AS month
            FROM c WHERE value->>'weekday' IS NOT NULL AND value->>'iso' LIKE 'XXXX-__-__'),
        written AS (
            SELECT story, path, CAST(value->>'year' AS INTEGER) AS year,
                   CAST(substr(value->>'iso', 6, 2) AS INTEGER) AS month
            FROM c WHERE value->>'precision' = 'day'
              AND value->>'iso' NOT LIKE 'XXXX%' AND value->>'year' IS NOT NULL
              AND NOT CAST(value->>'year_inferred' AS BOOLEAN)),
        by_year AS (SELECT story, year, count(*) AS n, count(DISTINCT path) AS pages
                    FROM written GROUP BY ALL),
        story_year AS (
            SELECT story, max(year) AS year FROM by_year b
            WHERE n = (SELECT max(n) FROM by_year o WHERE o.story IS NOT DISTINCT FROM b.story)
            GROUP BY story HAVING count(*) = 1 AND min(pages) >= 2)
        SELECT u.claim_id, u.iso, u.weekday, u.value_text, u.story, min(w.year)
        FROM undated u JOIN written w
          ON w.story IS NOT DISTINCT FROM u.story AND abs(w.month - u.month) <= 1
        JOIN story_year y ON y.story IS NOT DISTINCT FROM u.story
        GROUP BY u.claim_id, u.iso, u.weekday, u.value_text, u.story, u.path, y.year
        HAVING count(DISTINCT w.year) = 1 AND min(w.year) = y.year
        ORDER BY u.path, u.claim_id""").fetchall()
