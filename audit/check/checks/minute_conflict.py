"""minute-conflict: one player's goal, card or substitution put in minutes of play that cannot
both be true ("red card in the 27th minute" vs "sent off in the 29th minute"), reported as a
time-conflict.

Only minutes of one action kind and one player (``audit.extract.minutes``) are compared, from
different documents. A minute next to the other (27th vs 28th) is how writers count, not a
conflict: a minute that has begun or ended, "after 28 minutes" for the 29th. Minutes more than
``MAX_GAP`` apart are as a rule two happenings (a player's two goals), and a page that states
both minutes (or one next to each) takes them for two happenings, so neither is a conflict.
The check is a warning at most: a player's name is read by position in a sentence.
"""

from __future__ import annotations

import json
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect

NAME = "minute-conflict"
CLASS = "time-conflict"
SCOPE = "story"
JUDGED = ("n_minutes",)
DESCRIPTION = "One player's goal, card or substitution put in minutes that cannot both be true."
SEVERITY = "warning"
ORDER = 62
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "warning",
           "A player's action has one minute", column="n_minutes", max_value=1.0),
)
MIN_GAP = 2  # minutes between the two intervals: one minute apart is counting, not conflict
MAX_GAP = 10  # further apart: two happenings of the kind (a player's two goals)


def _gap(a: list, b: list) -> float:
    """Minutes between two [low, high] intervals (0 when they meet)."""
    return max(0.0, float(a[0]) - float(b[1]), float(b[0]) - float(a[1]))


def _states_both(minutes: list[list], b1: list, b2: list) -> bool:
    """Whether a page's minutes hold one next to ``b1`` and another, apart from it, next to
    ``b2`` ("after 28 minutes" is next to both 27 and 29 but states only one minute)."""
    return any(_gap(x, b1) < MIN_GAP and _gap(y, b2) < MIN_GAP and _gap(x, y) >= MIN_GAP
               for x in minutes for y in minutes)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT claim_id, story, subject, value, value_text, document_id
        FROM {scope_sql} c
        WHERE kind = 'time' AND predicate = 'minute' AND subject <> ''
        QUALIFY count(DISTINCT document_id) OVER (PARTITION BY story, subject) > 1
        ORDER BY story, subject, path, claim_id""").fetchall()
    groups: dict[tuple[str, str], list[tuple[str, str, list, str]]] = defaultdict(list)
    for claim_id, story, subject, value, label, doc in rows:
        v = json.loads(value) if isinstance(value, str) else (value or {})
        if v.get("bound"):
            groups[(story, subject)].append((claim_id, label, v["bound"], doc))
    out: list[Candidate] = []
    for (story, subject), items in groups.items():
        cand = _candidate(story, subject, items)
        if cand:
            out.append(cand)
    return sorted(out, key=lambda c: json.dumps(c.key, sort_keys=True, default=str))


def _candidate(story: str, subject: str, items: list[tuple[str, str, list, str]]
               ) -> Candidate | None:
    by_doc: dict[str, list[list]] = defaultdict(list)
    for _cid, _label, bound, doc in items:
        by_doc[doc].append(bound)
    conflicting: set[int] = set()
    for i, (_c1, _l1, b1, d1) in enumerate(items):
        for j in range(i + 1, len(items)):
            _c2, _l2, b2, d2 = items[j]
            if d1 == d2 or not MIN_GAP <= _gap(b1, b2) <= MAX_GAP:
                continue
            if any(_states_both(bs, b1, b2) for bs in by_doc.values()):
                continue  # a page stating both: two happenings in its writer's view
            conflicting.update((i, j))
    if not conflicting:
        return None
    by_label: dict[str, list[str]] = defaultdict(list)
    for i in sorted(conflicting):
        by_label[items[i][1]].append(items[i][0])
    if len(by_label) < 2:
        return None
    labels = sorted(by_label)
    action, _, player = subject.partition(" ")
    return Candidate(
        check=NAME, judged={"n_minutes": len(labels)},
        key=["minute", subject, labels] + ([story] if story else []),
        headline=f"minute of {player}'s {action} differs",
        values=[{"value": label, "claims": [(c, ("value",)) for c in by_label[label]]}
                for label in labels],
        details={"kind": "minute", "action": action, "player": player})
