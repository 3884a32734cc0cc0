"""time-conflict: one event given clock times (or durations) that cannot both be true
("derailed at 1:28 a.m." vs "derailed at 2:40 a.m."; "at 1:28 a.m." and "shortly before 1:30"
agree).

Different events of one story happen at different times, so only times attached to the same
event (the subject, ``audit.extract.events``: "derai", "launch", "quake"; a generic "occur"
joins the story's happening when its times name exactly one) are compared; times in a named
zone only with times in a named zone (converted to UTC; "ET" may be either of its two
offsets), times without one only with times without one (a local "4 p.m." and "6 p.m. EDT"
may be one moment); two stated days that differ ("4 p.m. Saturday", "4 p.m. Sunday") are
different moments; a 12-hour time without a.m./p.m. is
compared modulo 12 hours. Durations: the same event and relation ("for", "later"), within a
factor of 2. Values from one document only are not reported (its own sequence of events).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.check.checks.value_conflict import magnitude_groups
from audit.check.comparable import Figure, Value, conflicting, values_of
from audit.extract.events import story_events

NAME = "time-conflict"
CLASS = "time-conflict"
SCOPE = "story"
JUDGED = ("n_values",)
DESCRIPTION = "One event given clock times or durations that cannot both be true."
SEVERITY = "error"
ORDER = 62
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "error",
           "An event has one time", column="n_values", max_value=1.0),
)
_NAMED_NO_OFFSET = "zone"


# zone words that do not say whether daylight saving applies: (standard, daylight) offsets
_ZONE_WORDS = {"ET": (-300, -240), "Eastern": (-300, -240), "CT": (-360, -300),
               "Central": (-360, -300), "MT": (-420, -360), "Mountain": (-420, -360),
               "PT": (-480, -420), "Pacific": (-480, -420)}


def _clock_key(v: dict) -> tuple[str, int, int] | None:
    """(zone class, shift to UTC in minutes, widening of the bound's end): "utc" when the zone
    names an offset (a zone word such as "ET" is either of two offsets an hour apart, so its
    bound is an hour wider), "none" without a zone (or "local"), None for another zone."""
    tz = v.get("tz")
    if tz in (None, "local"):
        return "none", 0, 0
    off = v.get("utc_offset")
    if off is None:
        if tz in _ZONE_WORDS:
            std, dst = _ZONE_WORDS[tz]
            return "utc", -dst, dst - std
        return None
    return "utc", -int(off), 0


def _circle(b: list, shift: int, period: int) -> list[float]:
    lo, hi = b[0] + shift, b[1] + shift
    k = (lo // period) * period
    return [lo - k, hi - k]


def _meets(a: list[float], b: list[float], period: int) -> bool:
    """Whether two intervals on a clock of ``period`` minutes share a moment."""
    return any(max(a[0], b[0] + k) <= min(a[1], b[1] + k) for k in (-period, 0, period))


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT claim_id, story, predicate, subject, value, value_text, document_id
        FROM {scope_sql} c
        WHERE kind = 'time' AND predicate IN ('clock', 'duration') AND subject <> ''
        QUALIFY count(DISTINCT document_id) OVER (PARTITION BY story, predicate) > 1
        ORDER BY story, predicate, subject, path, claim_id""").fetchall()
    by_story: dict[str, list[str]] = defaultdict(list)
    for _cid, story, pred, subject, *_ in rows:
        if pred == "clock":
            by_story[story].append(subject)
    events = {story: story_events(subjects) for story, subjects in by_story.items()}
    clocks: dict[tuple, list[tuple]] = defaultdict(list)
    durations: dict[tuple, list[Figure]] = defaultdict(list)
    doc_of: dict[str, str] = {}
    for claim_id, story, pred, subject, value, label, doc in rows:
        v = json.loads(value) if isinstance(value, str) else (value or {})
        doc_of[claim_id] = doc
        if pred == "clock":
            zk = _clock_key(v)
            if zk is None or not v.get("bound"):
                continue
            if zk[2]:
                v = {**v, "bound": [v["bound"][0], v["bound"][1] + zk[2]]}
            clocks[(story, events[story][subject], zk[0])].append((claim_id, label, v, zk[1]))
        elif v.get("bound") and v.get("seconds") is not None:
            exact = (v.get("approx") or "exact") == "exact"
            norm = f"{float(v['seconds']):g}" if exact else f"{label} ({v['seconds']})"
            durations[(story, subject, v.get("relation") or "")].append(
                Figure(claim_id, norm, label, float(v["seconds"]), v["bound"], exact=exact))
    out: list[Candidate] = []
    for (story, subject, zone), items in clocks.items():
        cand = _clock_candidate(story, subject, zone, items, doc_of)
        if cand:
            out.append(cand)
    for (story, subject, rel), figs in durations.items():
        vals = values_of(figs)
        if len(vals) < 2:
            continue
        for group in magnitude_groups([{"num": v.num, "norm": v.norm, "claims": v.claims,
                                        "v": v} for v in vals], 2.0):
            values = _unrounded(conflicting([g["v"] for g in group]))
            if not values or len({doc_of[c] for v in values for c in v.claims}) < 2:
                continue
            values.sort(key=lambda v: v.norm)
            out.append(Candidate(
                check=NAME, judged={"n_values": len(values)},
                key=["duration", subject, rel, [v.norm for v in values]]
                + ([story] if story else []),
                headline=f"duration of '{subject}' differs",
                values=[{"value": v.label, "claims": [(c, ("value",)) for c in v.claims]}
                        for v in values],
                details={"kind": "duration", "event": subject, "relation": rel}))
    return sorted(out, key=lambda c: json.dumps(c.key, sort_keys=True, default=str))


_NUMBER = re.compile(r"\d+(?:[.,](?P<frac>\d+))?")


def _last_digit(v: Value) -> tuple[int, float] | None:
    """(decimals written, the place value of the last digit in seconds) of an exact
    duration's label ("9.79 seconds" -> (2, 0.01)), or None."""
    m = _NUMBER.search(v.label)
    if m is None or not v.exact or not v.num:
        return None
    written = float(m.group(0).replace(",", "."))
    if not written:
        return None
    decimals = len(m["frac"] or "")
    return decimals, 10.0 ** -decimals * float(v.num) / written


def _unrounded(values: list[Value]) -> list[Value]:
    """``conflicting``'s values without those that are the anchor written to another number of
    decimals: a time to the hundredth is a rounding (up, down or to the nearest) of one to the
    thousandth less than a hundredth away ("9.79" for 9.784: sprint times are rounded up).
    Only decimals on both sides: "4 hours" against "4.5 hours" is still a difference."""
    if len(values) < 2:
        return values
    anchor = values[0]
    a = _last_digit(anchor)
    kept = [anchor]
    for v in values[1:]:
        b = _last_digit(v)
        # (_last_digit gives None for a value without a number)
        if a and b and a[0] != b[0] and min(a[0], b[0]) >= 1 \
                and abs(float(anchor.num or 0) - float(v.num or 0)) < max(a[1], b[1]) - 1e-9:
            continue
        kept.append(v)
    return kept if len(kept) > 1 else []


def _clock_candidate(story: str, subject: str, zone: str, items: list[tuple],
                     doc_of: dict[str, str]) -> Candidate | None:
    """The clock times of one event that miss the time most claims state (the anchor)."""
    by_label: dict[str, list[tuple]] = defaultdict(list)
    for it in items:
        by_label[it[1]].append(it)
    order = sorted(by_label.values(), key=lambda g: (g[0][2].get("approx") != "exact",
                                                     -len(g), g[0][1]))
    anchor = order[0][0]
    a_v, a_shift = anchor[2], anchor[3]
    out = [order[0]]
    for group in order[1:]:
        _cid, _label, v, shift = group[0]
        if a_v.get("day") and v.get("day") and a_v["day"] != v["day"]:
            continue  # another day: another moment
        period = 1440 if a_v.get("ampm") and v.get("ampm") else 720
        a = _circle(a_v["bound"], a_shift, period)
        b = _circle(v["bound"], shift, period)
        if not _meets(a, b, period):
            out.append(group)
    if len(out) < 2 or len({doc_of[it[0]] for g in out for it in g}) < 2:
        return None
    out.sort(key=lambda g: g[0][1])
    labels = [g[0][1] for g in out]
    return Candidate(
        check=NAME, judged={"n_values": len(out)},
        key=["clock", subject, zone, labels] + ([story] if story else []),
        headline=f"time of '{subject}' differs",
        values=[{"value": g[0][1], "claims": [(it[0], ("value",)) for it in g]} for g in out],
        details={"kind": "clock", "event": subject, "zone": zone})
