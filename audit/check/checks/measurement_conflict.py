"""measurement-conflict: one measure (a ship's length, a distance from a place, a range) stated
with values that cannot both be true once converted to SI ("948 feet" vs "984 feet"; "948 feet"
and "289 m" agree).

Precision first: only measurements whose measure was read (the subject) are compared, only
within one dimension, frame and holder (``comparable.py``'s signatures), only values within a
factor of 1.5 of each other (4 for distances from one named place: two ships or two models
share a measure word), never a range ("250 to 340 miles" spans versions as often as it bounds
one), never two measurements stated together in one sentence (trims, "150 miles (241 km)"),
and only when the conflicting values come from two documents or more.
"""

from __future__ import annotations

import json

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.check.checks.value_conflict import listed_in, magnitude_groups
from audit.check.comparable import (
    Figure,
    Signature,
    canonical_names,
    comparable_sets,
    conflicting,
    values_of,
)
from audit.check.texts import by_document, temp_ids

NAME = "measurement-conflict"
CLASS = "measurement-conflict"
SCOPE = "story"
JUDGED = ("n_values",)
DESCRIPTION = ("Same measure (length, distance, weight, speed ...), values that cannot both be "
               "true once converted to SI units.")
SEVERITY = "error"
ORDER = 22
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "error",
           "A measurement has one value for one measure", column="n_values", max_value=1.0),
)
# Values further apart than this are different facts that share a measure word ("range" of
# two models), except distances from one named place, which name what they measure.
RATIO = 1.5
PLACE_RATIO = 4.0
# Magnitudes more than a tenth apart in ratio are two shocks (a 6.3 main shock, a 5.5
# aftershock); a misstated one is a few tenths off (6.8 / 7.0 / 7.2)
MAGNITUDE_RATIO = 1.1


def listed_measurements(con: duckdb.DuckDBPyConnection, scope_sql: str) -> list[str]:
    """Measurements stated together with another one (same sentence, or a run of table rows):
    alternatives or conversions, not one fact restated."""
    out: list[str] = []
    for _doc, text, rows in by_document(con, f"""
            SELECT * FROM (
              SELECT c.document_id, c.claim_id, min(s.start_char) AS s0, max(s.end_char) AS s1
              FROM {scope_sql} c JOIN claim_spans cs USING (claim_id)
              JOIN spans s USING (span_id)
              WHERE c.kind = 'measurement' AND cs.role = 'value'
                -- a quake's magnitude beside its depth or distance is no alternative of them
                AND coalesce(c.value->>'dimension', '') <> 'magnitude' GROUP BY ALL)
            QUALIFY count(*) OVER (PARTITION BY document_id) > 1
            ORDER BY document_id, s0, claim_id"""):
        hit = listed_in(text, [(r[2], r[3]) for r in rows])
        out.extend(r[1] for r, h in zip(rows, hit, strict=True) if h)
    return out


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    listed = temp_ids(con, "_listed_measurements", listed_measurements(con, scope_sql))
    rows = con.execute(f"""
        SELECT claim_id, story, subject, value, value_text, document_id
        FROM {scope_sql} c
        WHERE kind = 'measurement' AND subject <> ''
          AND claim_id NOT IN (SELECT claim_id FROM {listed})
        QUALIFY count(DISTINCT document_id) OVER (
          PARTITION BY story, subject, value->>'dimension') > 1
        ORDER BY story, subject, path, claim_id""").fetchall()
    buckets: dict[tuple, list[tuple[dict, Figure]]] = {}
    doc_of: dict[str, str] = {}
    for claim_id, story, subject, value, label, doc in rows:
        v = json.loads(value) if isinstance(value, str) else (value or {})
        b = v.get("bound")
        if not b or v.get("si") is None or v.get("approx") == "range":
            continue  # a range spans several things as often as it bounds one
        frame = v.get("frame") or "event"
        if frame != "event" and v.get("year") is None:
            continue
        holder = v.get("holder") or {}
        key = (story, v.get("dimension"), subject,
               ("event" if frame == "event" else f"other:{v.get('year')}")
               + (f":period:{v['period']}" if v.get("period") else ""),
               bool(holder.get("distributive")))
        fr = {"gives": [str(x) for x in holder.get("gives") or []],
              "gets": [str(x) for x in holder.get("gets") or []]}
        exact = (v.get("approx") or "exact") == "exact"
        norm = f"{float(v['si']):.6g}" if exact else f"{label} ({float(v['si']):.6g})"
        buckets.setdefault(key, []).append(
            (fr, Figure(claim_id, norm, label, float(v["si"]), b, exact=exact)))
        doc_of[claim_id] = doc
    out: dict[tuple, Candidate] = {}
    for key, items in buckets.items():
        story, dim, subject = key[0], key[1], key[2]
        canon = canonical_names(fr for fr, _ in items)
        sigs: list[tuple[Signature, Figure]] = []
        for fr, f in items:
            gives = frozenset(canon.get(n, n) for n in fr["gives"]) or None
            gets = frozenset(canon.get(n, n) for n in fr["gets"]) or None
            sigs.append(((None, None, gives, gets, None), f))
        for _sig, figs in comparable_sets(sigs):
            vals = values_of(figs)
            if len(vals) < 2:
                continue
            groups = magnitude_groups([{"num": v.num, "norm": v.norm, "claims": v.claims,
                                        "v": v} for v in vals],
                                      PLACE_RATIO if subject.startswith("distance from ")
                                      else MAGNITUDE_RATIO if dim == "magnitude" else RATIO)
            for group in groups:
                values = conflicting([g["v"] for g in group])
                if not values:
                    continue
                if len({doc_of[c] for v in values for c in v.claims}) < 2:
                    continue  # one document's own alternatives (trims, phases, versions)
                values.sort(key=lambda v: v.norm)
                cand = Candidate(
                    check=NAME,
                    judged={"n_values": len(values)},
                    key=["measurement", dim, subject, key[3], [v.norm for v in values]]
                    + ([story] if story else []),
                    headline=f"{dim} of '{subject}' differs",
                    values=[{"value": v.label, "claims": [(c, ("value",)) for c in v.claims]}
                            for v in values],
                    details={"kind": "measurement", "dimension": dim, "measure": subject,
                             "frame": key[3]},
                )
                if dim == "magnitude" and _agencies(values, doc_of):
                    cand.details["agency_estimates"] = True
                same = (story, dim, subject, tuple(v.norm for v in values))
                if same not in out or len(cand.values) > len(out[same].values):
                    out[same] = cand
    return sorted(out.values(), key=lambda c: json.dumps(c.key, sort_keys=True, default=str))


def _agencies(values: list, doc_of: dict[str, str]) -> bool:
    """Magnitudes that read as several agencies' estimates rather than one misstated: three
    values or more (a survey's 6.8, an institute's 7.0, a centre's 6.9), or every value stated
    by two pages or more. Seismological agencies publish different magnitudes for one quake as
    a matter of course; one page's odd value against the others' one figure is a slip."""
    pages = [len({doc_of[c] for c in v.claims}) for v in values]
    return len(values) >= 3 or min(pages) >= 2
