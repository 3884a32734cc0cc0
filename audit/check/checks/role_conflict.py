"""role-conflict: one person's role stated differently across sources.

Compared per person entity, between documents: the same title held now in one source and
formerly in another ("director" / "former director": ``status``), the same title at two
different organisations ("chief executive of Tessel" / "chief executive of Halden":
``organisation``), and different titles that no source states together ("director" / "chief
executive": ``title``, information only: people hold several posts). Titles are compared by
meaning ("CEO" = "chief executive" = "Chief Executive Officer"), organisations by distinctive
word, initials or country (``audit.resolve.roles``).
"""

from __future__ import annotations

import json
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.resolve.roles import compare_roles, title_key

NAME = "role-conflict"
CLASS = "role-conflict"
SCOPE = "story"
JUDGED = ("role_comparison",)
DESCRIPTION = "One person's title, its status or organisation stated differently across sources."
SEVERITY = "warning"
ORDER = 15
EXPECTATIONS = (
    expect("expect_column_values_to_not_be_in_set", "warning",
           "A person holds the same role (title, organisation, current or former) in every "
           "source", column="role_comparison", value_set=["status", "organisation"]),
    expect("expect_column_values_to_not_be_in_set", "info",
           "A person is given the same title in every source",
           column="role_comparison", value_set=["title"]),
)


def _label(title: str, org: str | None, status: str | None) -> str:
    return " ".join(x for x in (status, title, f"of {org}" if org else None) if x)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT c.story, e.entity_id, e.canonical, c.document_id, c.claim_id, c.value
        FROM {scope_sql} c
        JOIN mentions m ON m.claim_id = c.claim_id AND m.etype = 'person'
        JOIN entity_mentions em USING (mention_id) JOIN entities e USING (entity_id)
        WHERE c.kind = 'person' AND c.predicate = 'role_holder'
        ORDER BY c.story, e.canonical, c.path, c.claim_id""").fetchall()
    people: dict[tuple, list[tuple]] = defaultdict(list)
    for story, eid, canonical, doc, claim, value in rows:
        v = json.loads(value)
        people[(story, eid, canonical)].append(
            (doc, claim, v.get("title") or "", v.get("org"), v.get("status") or ""))
    out: list[Candidate] = []
    for (story, _eid, canonical), stated in people.items():
        out.extend(_person(story, canonical, stated))
    return out


def _person(story: str, person: str, stated: list[tuple]) -> list[Candidate]:
    titles_of: dict[str, set[str]] = defaultdict(set)  # document -> title keys it states
    former_of: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for doc, _c, title, _o, status in stated:
        st, key = title_key(title)
        titles_of[doc].add(key)
        former_of[doc].add((key, (status or st) == "former"))
    found: dict[tuple, dict] = {}
    for i, a in enumerate(stated):
        for b in stated[i + 1:]:
            if a[0] == b[0]:
                continue  # one source's own titles are the person's several posts
            kind = compare_roles((a[2], a[3], a[4]), (b[2], b[3], b[4]))
            if kind is None:
                continue
            ka, kb = title_key(a[2])[1], title_key(b[2])[1]
            if kind == "title" and any({ka, kb} <= t for t in titles_of.values()):
                continue  # a source states both titles: two posts, not a conflict
            if kind == "status" and any({(ka, True), (ka, False)} <= f
                                        for f in former_of.values()):
                continue
            la, lb = _label(a[2], a[3], a[4]), _label(b[2], b[3], b[4])
            pair = (kind, tuple(sorted({ka, kb})))  # one finding per title (pair)
            entry = found.setdefault(pair, {})
            entry.setdefault(la, set()).add(a[1])
            entry.setdefault(lb, set()).add(b[1])
    out = []
    for (kind, labels), sides in sorted(found.items()):
        values = [{"value": label, "claims": [(c, ("person", "title", "org"))
                                              for c in sorted(claims)]}
                  for label, claims in sorted(sides.items())]
        out.append(Candidate(
            check=NAME,
            judged={"role_comparison": kind},
            key=["role", person, kind, list(labels), sorted(sides)]
            + ([story] if story else []),
            headline=f"{person}'s role differs ({kind})",
            values=values,
            details={"person": person, "comparison": kind},
        ))
    return out
