"""date-conflict: one happening placed on two days ("the quake struck on Friday" vs "the
earthquake that occurred on Saturday evening"; "on Sept. 8" is a Friday).

Only the story's incident is compared (a quake, a launch, a derailment: ``events.HAPPENINGS``,
with a generic "struck"/"occurred" standing for the story's one happening), not what follows it
(statements, visits, briefings, funerals happen on many days). Days are compared as weekdays (a
full date gives its own); a full date more than three days from the date most often stated is
another happening of the same kind (an earlier quake recalled), not a conflict. Two days next to
each other are weaker evidence: late evening in one time zone is the next day in another, and
"late Friday" becomes "Saturday" in a copy written for readers elsewhere (details
``adjacent_days`` lowers confidence); so is a day far from the others that one page alone
states (``lone_far_day``: another happening of the kind as often as a misdated copy). Days
from one document only are not reported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.extract.events import DECLARED, joins, story_events

NAME = "date-conflict"
CLASS = "date-conflict"
SCOPE = "story"
JUDGED = ("n_days",)
DESCRIPTION = "One happening placed on days that cannot both be true."
SEVERITY = "error"
ORDER = 63
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "error",
           "A happening has one day", column="n_days", max_value=1.0),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OTHER_HAPPENING_DAYS = 3
_NEWS_DAYS = 7  # a happening dated near no other: within a week of the story's news day
_DECLARATIONS = frozenset(DECLARED.values())


def _day(v: dict, year: int | None) -> tuple[str, dt.date | None] | None:
    """(weekday, date or None) a date claim states; a day written without a year, on an
    undated page, is taken in ``year`` (the one the story's full dates give)."""
    iso = v.get("iso")
    if iso and str(iso).startswith("XXXX-") and year is not None:
        iso = f"{year:04d}{iso[4:]}"
    day = None
    if iso and v.get("precision") == "day" and not str(iso).startswith("X"):
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            day = None
    wd = v.get("weekday") or (_WEEKDAYS[day.weekday()] if day else None)
    if wd not in _WEEKDAYS:
        return None
    if day is not None and v.get("weekday") and _WEEKDAYS[day.weekday()] != v["weekday"]:
        return None  # a weekday that does not fit its date: date-weekday's finding
    return wd, day


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT claim_id, story, value->>'event', value, value_text, document_id
        FROM {scope_sql} c
        WHERE kind = 'date' AND value->>'event' IS NOT NULL
          AND value->>'precision' IN ('day', 'weekday')
        QUALIFY count(DISTINCT document_id) OVER (PARTITION BY story) > 1
        ORDER BY story, path, claim_id""").fetchall()
    # the story's year (the one its full dates state, when they state one) and its day (the
    # full date it states most often: the news day, near which its happening lies)
    years: dict[str, set[int]] = defaultdict(set)
    news_day: dict[str, dt.date] = {}
    for story, iso, n in con.execute(f"""
            SELECT story, value->>'iso', count(*) FROM {scope_sql} c
            WHERE kind = 'date' AND value->>'precision' = 'day'
              AND NOT CAST(value->>'year_inferred' AS BOOLEAN) AND value->>'year' IS NOT NULL
              AND story IN (SELECT DISTINCT story FROM {scope_sql} c2
                            WHERE kind = 'date' AND value->>'event' IS NOT NULL)
            GROUP BY ALL ORDER BY story, count(*) DESC, 2""").fetchall():
        try:
            day = dt.date.fromisoformat(iso)
        except (TypeError, ValueError):
            continue
        years[story].add(day.year)
        if n >= 2:  # a date stated once may be a recalled one
            news_day.setdefault(story, day)
    by_story: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_story[row[1]].append(row)
    out: list[Candidate] = []
    for story, items in by_story.items():
        events = story_events([r[2] for r in items])
        groups: dict[str, list[tuple]] = defaultdict(list)
        for claim_id, _story, event, value, label, doc in items:
            ev = events[event]
            v = json.loads(value) if isinstance(value, str) else (value or {})
            one_year = years.get(story, set())
            got = _day(v, next(iter(one_year)) if len(one_year) == 1 else None)
            if (joins(ev) or ev in _DECLARATIONS) and got:
                groups[ev].append((claim_id, label, doc, got[0], got[1]))
        for ev, group in sorted(groups.items()):
            cand = _candidate(story, ev, group, news_day.get(story))
            if cand:
                out.append(cand)
    return out


def _documents_by_weekday(items: list[tuple]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for it in items:
        out[it[3]].add(it[2])
    return out


def _candidate(story: str, event: str, items: list[tuple], news_day: dt.date | None
               ) -> Candidate | None:
    docs_of = _documents_by_weekday(items)
    if not docs_of:
        return None
    anchor = min(docs_of, key=lambda w: (-len(docs_of[w]), _WEEKDAYS.index(w)))
    # the happening's date: the one most stated with the weekday most stated, else the story's
    # news day; a full date far from it (or, with neither, a full date on another weekday) may
    # be another happening of the same kind
    dates = Counter(it[4] for it in items if it[4] is not None and it[3] == anchor)
    ref, reach = (min(dates, key=lambda d: (-dates[d], d)), _OTHER_HAPPENING_DAYS) if dates \
        else (news_day, _NEWS_DAYS)
    items = [it for it in items if it[4] is None or (
        abs((it[4] - ref).days) <= reach if ref else it[3] == anchor)]
    docs_of = _documents_by_weekday(items)
    if len(docs_of) < 2 or len({it[2] for it in items}) < 2:
        return None
    order = sorted(docs_of, key=lambda w: (-len(docs_of[w]), _WEEKDAYS.index(w)))
    anchor = order[0]
    a = _WEEKDAYS.index(anchor)
    adjacent = all(min((_WEEKDAYS.index(w) - a) % 7, (a - _WEEKDAYS.index(w)) % 7) == 1
                   for w in order[1:])
    values = []
    for wd in sorted(order, key=_WEEKDAYS.index):
        claims = [it for it in items if it[3] == wd]
        written = sorted({it[4].isoformat() if it[4] else it[1] for it in claims
                          if it[4] or (it[1] and it[1] != wd)})
        values.append({"value": wd + (f" ({'; '.join(written)})" if written else ""),
                       "claims": [(it[0], ("value", "weekday")) for it in claims]})
    return Candidate(
        check=NAME, judged={"n_days": len(order)},
        key=["day", event, sorted(order)] + ([story] if story else []),
        headline=f"day of '{event}' differs",
        values=values,
        details={"event": event, "anchor": anchor, "adjacent_days": adjacent,
                 # days apart, each odd one from one page: as often another happening of the
                 # kind ("a shooting on Tuesday") read as this one as a misdated copy
                 "lone_far_day": not adjacent and all(len(docs_of[w]) == 1
                                                      for w in order[1:])})
