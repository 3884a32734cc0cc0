"""scale-slip: two parts in one sentence that add up to a total other sources state only once
one of them is read a thousand times larger or smaller ("$3.1 billion against the parent and
$900,000 against its unit" where every other source gives $4 billion: the unit's share was
$900 million). A scale word typed wrong ("thousand" for "million") is a classic copy error, and
an exact sum after rescaling is strong evidence: a coincidence within SLACK is rare.

Parts are paired as the arithmetic check pairs them (exact amounts about the event, one
currency, what they measure agreeing, no sentence end between them, within PART_WITHIN
characters); the total must be an exact amount stated by at least TOTAL_SOURCES documents;
parts that already add up to an amount the story states (within 2 %) are left alone.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims, shared_bounds
from audit.check.checks import expect
from audit.check.texts import SENTENCE_END, by_document

NAME = "scale-slip"
CLASS = "arithmetic"
SCOPE = "story"
JUDGED = ("rescaled_parts",)
DESCRIPTION = ("Parts that add up to the stated total only when one of them is a thousand "
               "times larger or smaller (a scale word typed wrong).")
SEVERITY = "warning"
ORDER = 71
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "warning",
           "Parts add up to the stated total as written, not only with a scale word changed",
           column="rescaled_parts", max_value=0.0),
)

PART_WITHIN = 200  # characters from the end of one part to the start of the next
SLACK = 0.005  # the rescaled sum must hit the total within 0.5 %
AS_WRITTEN = 0.02  # parts within 2 % of a stated amount already add up
TOTAL_SOURCES = 2  # documents that must state the total
SCALES = (1000.0, 0.001)
SHARE = 0.05  # the rescaled part must be at least this share of the total


def _near(x: float, y: float) -> bool:
    return abs(x - y) <= AS_WRITTEN * max(x, y)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    bounds = shared_bounds(con, inputs, "value")
    money = rf"""
          SELECT DISTINCT c.claim_id, c.document_id, c.story, c.value->>'currency' AS currency,
                 c.value_num, c.value_text, b.s0, b.s1,
                 regexp_extract(c.value->>'measure', '(\S+)$') AS fam,
                 coalesce(c.value->>'part', 'false') = 'true' AS part
          FROM {scope_sql} c JOIN {bounds} b USING (claim_id)
          WHERE c.kind = 'money' AND c.value_num > 0
            AND coalesce(c.value->>'approx', 'exact') = 'exact'
            AND coalesce(c.value->>'frame', 'event') = 'event'
            AND c.qualifiers->>'per' IS NULL"""
    # the documents holding a pair of amounts _slip may take (one currency, the second no
    # part of the first, within PART_WITHIN): only theirs, and their stories' amounts, are read
    paired = con.execute(f"""
            WITH m AS ({money})
            SELECT DISTINCT a.document_id, a.story FROM m a
            JOIN m b ON b.document_id = a.document_id
                    AND b.currency IS NOT DISTINCT FROM a.currency
                    AND (b.s0 > a.s0 OR (b.s0 = a.s0 AND b.claim_id > a.claim_id))
                    AND b.s0 - a.s1 < {PART_WITHIN} AND NOT b.part""").fetchall()
    if not paired:
        return []
    docs = sorted({doc for doc, _ in paired})
    # every exact amount of those stories: (story, currency) -> value -> (documents, claims,
    # fams)
    stated: dict[tuple, dict[float, tuple[set, list, set]]] = defaultdict(dict)
    for claim, doc, story, cur, num, fam in con.execute(f"""
            WITH m AS ({money}) SELECT claim_id, document_id, story, currency, value_num,
            nullif(fam, '') FROM m WHERE story IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY claim_id""", [sorted({story for _, story in paired})]).fetchall():
        docs_of, claims, fams = stated[(story, cur)].setdefault(float(num), (set(), [], set()))
        docs_of.add(doc)
        claims.append(claim)
        if fam:
            fams.add(fam)
    if not any(len(d) >= TOTAL_SOURCES for v in stated.values() for d, _, _ in v.values()):
        return []
    found: dict[tuple, dict] = {}
    for _doc, text, rows in by_document(con, f"""
            WITH m AS ({money})
            SELECT document_id, claim_id, story, currency, value_num, value_text, s0, s1,
                   nullif(fam, ''), part
            FROM m WHERE document_id IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY document_id, s0, claim_id""", [docs]):
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if b[6] - a[7] >= PART_WITHIN:
                    break
                hit = _slip(a, b, text, stated.get((a[2], a[3]), {}))
                if hit is None:
                    continue
                total, rescaled = hit
                key = (a[2], a[3], float(a[4]), float(b[4]), total)
                entry = found.setdefault(key, {"pairs": [], "label": (a[5], b[5]),
                                               "rescaled": rescaled})
                entry["pairs"].append((a[1], b[1]))
    out = []
    for (story, cur, _a, _b, total), entry in sorted(found.items(), key=lambda kv: str(kv[0])):
        a_text, b_text = entry["label"]
        claims = sorted({c for pair in entry["pairs"] for c in pair})
        total_claims = stated[(story, cur)][total][1]
        out.append(Candidate(
            check=NAME,
            judged={"rescaled_parts": 1},
            key=[cur, total, sorted([a_text, b_text])] + ([story] if story else []),
            headline=(f"parts add up to the {total:,.0f} {cur} other sources state only "
                      f"when one is read as {entry['rescaled']}"),
            values=[{"value": f"{a_text} + {b_text}",
                     "claims": [(c, ("value",)) for c in claims]},
                    {"value": f"{total:,.0f} {cur}",
                     "claims": [(c, ("value",)) for c in total_claims]}],
            details={"total": total, "currency": cur, "rescaled": entry["rescaled"]},
        ))
    return out


def _slip(a: tuple, b: tuple, text: str, amounts: dict[float, tuple[set, list, set]]
          ) -> tuple[float, str] | None:
    """(total, the rescaled part's reading) when parts ``a`` and ``b`` (rows of one document,
    ``a`` first) add up to a total stated by TOTAL_SOURCES documents only with one of them
    rescaled by a thousand; else None."""
    if a[3] != b[3] or b[9] or SENTENCE_END.search(text[a[7]:b[6]]):
        return None
    fa, fb = a[8], b[8]
    if fa and fb and fa != fb:
        return None
    va, vb = float(a[4]), float(b[4])
    if any(abs(x - (va + vb)) <= AS_WRITTEN * x and not _near(x, va) and not _near(x, vb)
           for x in amounts):
        return None  # the parts add up as written (to more than one of them alone)
    for total in sorted(amounts):
        docs, _claims, fams = amounts[total]
        if len(docs) < TOTAL_SOURCES or total <= max(va, vb):
            continue
        if fams and any(f and f not in fams for f in (fa, fb)):
            continue  # the total measures something else
        for scale in SCALES:
            for part, other, row in ((vb, va, b), (va, vb, a)):
                if part * scale < SHARE * total or _near(total, other):
                    continue  # a rescaled part too small to matter proves nothing
                if abs(part * scale + other - total) <= SLACK * total:
                    return total, f"{part * scale:,.0f} instead of {row[5]}"
    return None
