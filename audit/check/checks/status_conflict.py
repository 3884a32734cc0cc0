"""status-conflict: one source says a deal is done, another, published no earlier, says it is
still pending.

An acquisition's state (``status`` claims: "has acquired" / "now owns" vs "to acquire" / "will
buy" / "the proposed acquisition of") legitimately changes over time: a page from the day of
the announcement says "to acquire", one from after the closing says "has acquired". So a
completed and a pending statement about the same target (and buyer, when both name one)
conflict only when the page stating completion was published on or before the page stating it
pending (``dated``). When either page has no date the order is unknown (``undated``): still
reported, with a lower confidence (``details.undated``, see ``audit/check/confidence.py``).
Statements inside one document are not compared (a headline's shorthand against its body).
"""

from __future__ import annotations

import json
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect

NAME = "status-conflict"
CLASS = "status-conflict"
SCOPE = "story"
JUDGED = ("status_comparison",)
DESCRIPTION = "An event stated as completed in one source and as still pending in a later one."
SEVERITY = "warning"
ORDER = 18
EXPECTATIONS = (
    expect("expect_column_values_to_not_be_in_set", "warning",
           "A deal is not stated as done in one source and as pending in a source published "
           "the same day or later", column="status_comparison", value_set=["dated", "undated"]),
)


def _first(name: str | None) -> str | None:
    words = (name or "").lower().replace("’", "'").split()
    return words[0].strip(".,'") if words else None


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    rows = con.execute(f"""
        SELECT c.story, c.document_id, c.claim_id, c.value, d.published
        FROM {scoped_claims(inputs.stories)} c JOIN documents d USING (document_id)
        WHERE c.kind = 'status'
        ORDER BY c.story, c.path, c.claim_id""").fetchall()
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for story, doc, claim, value, published in rows:
        v = json.loads(value)
        target = _first(v.get("target"))
        if target:
            groups[(story, target)].append(
                (doc, claim, v.get("state"), _first(v.get("buyer")), published, v))
    out = []
    for (story, _target), stated in sorted(groups.items()):
        cand = _conflict(story, stated)
        if cand is not None:
            out.append(cand)
    return out


def _conflict(story: str, stated: list[tuple]) -> Candidate | None:
    done = [s for s in stated if s[2] == "completed"]
    pending = [s for s in stated if s[2] == "pending"]
    sides: dict[str, set[str]] = {"completed": set(), "pending": set()}
    dated = False
    for d in done:
        for p in pending:
            if d[0] == p[0] or (d[3] and p[3] and d[3] != p[3]):
                continue  # one document, or two different buyers
            if d[4] is not None and p[4] is not None:
                if d[4] > p[4]:
                    continue  # completed after the pending page: the deal closed meanwhile
                dated = True
            sides["completed"].add(d[1])
            sides["pending"].add(p[1])
    if not sides["completed"]:
        return None
    label = {s[1]: f"{s[2]}: {s[5].get('cue')}" for s in stated}
    target = next(s[5].get("target") for s in stated if s[1] in sides["completed"])
    values = [{"value": state, "claims": [(c, ("status",)) for c in sorted(claims)]}
              for state, claims in sorted(sides.items())]
    return Candidate(
        check=NAME,
        judged={"status_comparison": "dated" if dated else "undated"},
        key=["status", target.lower(), sorted(sides["completed"]), sorted(sides["pending"])]
        + ([story] if story else []),
        headline=f"acquisition of {target} stated as completed and as pending",
        values=values,
        details={"target": target, "undated": not dated,
                 "cues": sorted({label[c] for cs in sides.values() for c in cs})},
    )
