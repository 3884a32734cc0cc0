"""name-variant: an entity's spellings that differ from its canonical one (resolve/ found
the variants and their kind: spelling, case, order, partial)."""

from __future__ import annotations

import duckdb

from audit.check.candidates import Candidate, Inputs
from audit.check.checks import expect

NAME = "name-variant"
CLASS = "name-variant"
SCOPE = "corpus"
JUDGED = ("variant_kind",)
DESCRIPTION = "One entity spelled several ways across or within sources."
SEVERITY = "error"
ORDER = 10
EXPECTATIONS = (
    expect("expect_column_values_to_not_be_in_set", "error",
           "An entity's name is not misspelt (one or two letters off) anywhere",
           column="variant_kind", value_set=["spelling"]),
    expect("expect_column_values_to_not_be_in_set", "info",
           "An entity's name is written with the same letter case everywhere",
           column="variant_kind", value_set=["case"]),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Every spelling of an entity that differs from its canonical spelling."""
    rows = con.execute("""
        SELECT e.entity_id, e.etype, e.canonical, em.variant, em.variant_kind,
               list(DISTINCT [m.claim_id, m.span_id] ORDER BY [m.claim_id, m.span_id])
        FROM entities e JOIN entity_mentions em USING (entity_id)
        JOIN mentions m USING (mention_id)
        WHERE e.variants > 1
        GROUP BY ALL ORDER BY e.canonical, em.variant, e.entity_id""").fetchall()
    by_entity: dict[str, dict] = {}
    for eid, etype, canonical, variant, kind, pairs in rows:
        ent = by_entity.setdefault(eid, {"etype": etype, "canonical": canonical, "v": {}})
        # evidence: the span each mention was read from (a claim also holds other names: a
        # place claim's town, a role's person), one per span
        spans = dict.fromkeys(span for _claim, span in pairs)
        claims = [(next(c for c, s in pairs if s == span), (f"@{span}",)) for span in spans]
        ent["v"][variant] = (kind, claims)
    out = []
    for ent in by_entity.values():
        canon_claims = ent["v"].get(ent["canonical"], ("same", []))[1]
        for variant, (kind, claims) in sorted(ent["v"].items()):
            if kind == "same":
                continue
            out.append(Candidate(
                check="name-variant",
                judged={"variant_kind": kind},
                key=[ent["etype"], ent["canonical"], variant],
                headline=f"{ent['etype']} name spelled two ways ({kind})",
                values=[
                    {"value": variant, "claims": claims},
                    {"value": ent["canonical"], "claims": canon_claims},
                ],
                details={"variant_kind": kind, "entity": ent["canonical"]},
            ))
    return out
