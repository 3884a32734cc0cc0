"""reference: claims that contradict the names and facts declared in ``claims/facts.toml``
(loaded by ``audit/check/reference.py``)."""

from __future__ import annotations

import duckdb

from audit.check.candidates import CUR, Candidate, Inputs
from audit.check.checks import expect
from audit.resolve.names import classify, clean_surface, near_token, tokens

NAME = "reference"
CLASS = "reference"
SCOPE = "corpus"
PER_STORY = True  # each claim against the declared facts; one key in two stories is one finding
JUDGED = ("matches_reference",)
DESCRIPTION = "A claim that contradicts a declared reference fact."
SEVERITY = "error"
ORDER = 80
EXPECTATIONS = (
    expect("expect_column_values_to_be_in_set", "error",
           "Claims agree with the reference facts declared in claims/",
           column="matches_reference", value_set=[True]),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    facts = inputs.facts
    out: list[Candidate] = []
    if facts["name"]:
        rows = con.execute(f"""
            SELECT m.etype, m.surface, list(m.claim_id ORDER BY m.claim_id)
            FROM mentions m JOIN {CUR} c USING (claim_id)
            GROUP BY ALL ORDER BY 1, 2""").fetchall()
        for item in facts["name"]:
            etype = item.get("type", "person")
            canon = item["canonical"]
            ctoks = tokens(canon, etype)
            for m_etype, surface, claims in rows:
                if m_etype != etype:
                    continue
                variant = clean_surface(surface)
                vtoks = tokens(variant, etype)
                if not any(near_token(v, c) for v in vtoks for c in ctoks):
                    continue
                kind = classify(canon, variant, etype)
                if kind != "spelling":
                    continue
                out.append(Candidate(
                    check="reference", judged={"matches_reference": False},
                    key=["name", canon, variant],
                    headline=f"name differs from the declared spelling '{canon}'",
                    values=[{"value": variant, "claims": [(c, ("person", "org", "place",
                                                               "speaker")) for c in claims]},
                            {"value": f"{canon} (declared in claims/facts.toml)", "claims": []}],
                ))
    for item in facts["fact"]:
        kind, subject = item["kind"], item["subject"]
        want = float(item["amount"] if kind == "money" else item["n"])
        params = [kind, subject, want]
        cur_filter = ""
        if kind == "money" and item.get("currency"):
            cur_filter = "AND value->>'currency' = ?"
            params.append(item["currency"])
        rows = con.execute(f"""
            SELECT value_text, list(claim_id ORDER BY claim_id) FROM {CUR}
            WHERE kind = ? AND subject = ? AND value_num IS NOT NULL AND value_num <> ?
              AND coalesce(value->>'approx', 'exact') = 'exact' {cur_filter}
            GROUP BY ALL ORDER BY 1""", params).fetchall()
        for label, claims in rows:
            out.append(Candidate(
                check="reference", judged={"matches_reference": False},
                key=["fact", kind, subject, want, label],
                headline=f"{kind} of '{subject}' differs from the declared reference",
                values=[{"value": label, "claims": [(c, ("value",)) for c in claims]},
                        {"value": f"{want:,.0f} (declared in claims/facts.toml)", "claims": []}],
            ))
    return out
