"""name-variant: an entity's spellings that differ from its canonical one (resolve/ found
the variants and their kind: spelling, case, order, partial)."""

from __future__ import annotations

import itertools

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
    # flat rows, grouped here: DuckDB hands nested lists to Python far more slowly
    rows = con.execute("""
        SELECT DISTINCT e.entity_id, e.etype, e.canonical, em.variant, em.variant_kind,
               m.claim_id, m.span_id
        FROM entities e JOIN entity_mentions em USING (entity_id)
        JOIN mentions m USING (mention_id)
        WHERE e.variants > 1
        ORDER BY e.canonical, em.variant, e.entity_id, em.variant_kind, m.claim_id,
                 m.span_id""").fetchall()
    by_entity: dict[str, dict] = {}
    for (eid, variant, _), group in itertools.groupby(rows, key=lambda r: (r[0], r[3], r[4])):
        first_row = None
        # evidence: the span each mention was read from (a claim also holds other names: a
        # place claim's town, a role's person), one per span, with the first claim read from it
        first: dict = {}
        for row in group:
            first_row = first_row or row
            first.setdefault(row[6], row[5])
        assert first_row is not None
        _, etype, canonical, _, kind, _, _ = first_row
        ent = by_entity.setdefault(eid, {"etype": etype, "canonical": canonical, "v": {}})
        claims = [(claim, (f"@{span}",)) for span, claim in first.items()]
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
