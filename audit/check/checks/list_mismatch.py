"""list-mismatch: lists of organisations for one relation compared (same scope, or narrower)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.check.limits import limit
from audit.text import fold

NAME = "list-mismatch"
CLASS = "list-mismatch"
SCOPE = "story"
JUDGED = ("list_comparison", "missing_members")
DESCRIPTION = "Differing sets for the same relation and scope."
SEVERITY = "warning"
ORDER = 30
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "warning",
           "No member is missing from a list presented as complete for the same scope",
           when={"list_comparison": "same-scope"}, column="missing_members", max_value=0.0),
    expect("expect_column_values_to_not_be_in_set", "info",
           "Lists stated for a narrower scope are reported for information",
           column="list_comparison", value_set=["narrower-scope", "narrower-scope-extra"]),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Pairs of lists for the same relation: same scope (a member missing from a list given as
    complete) or a narrower scope (reported for information, never as an error)."""
    scope_sql = scoped_claims(inputs.stories)
    cap = limit("AUDIT_MAX_LISTS_PER_RELATION")
    cur = con.cursor()  # streamed one relation at a time: a large corpus has 100,000s of lists
    out: list[Candidate] = []
    try:
        group: list[dict] = []
        current = None
        for rows in _lists(cur, scope_sql):
            for claim, doc, path, story_rel, scope, complete, members in rows:
                if story_rel != current:
                    out.extend(_relation_candidates(_bounded(group, cap, inputs)))
                    group, current = [], story_rel
                name_of = {m["id"]: m["name"] for m in sorted(members, key=lambda m: m["id"])}
                if len(name_of) < 2:  # one organisation named is a relation, not a list
                    continue
                story, _, rel = story_rel.partition("|")
                group.append({"claim": claim, "doc": doc, "path": path, "rel": rel,
                              "scope": scope, "story": story, "complete": complete,
                              "ids": sorted(name_of), "name_of": name_of})
        out.extend(_relation_candidates(_bounded(group, cap, inputs)))
    finally:
        cur.close()
    return out


LISTS_PER_QUERY = 50_000


def _lists(cur: duckdb.DuckDBPyConnection, scope_sql: str) -> Iterator[list[tuple]]:
    """The list claims of ``scope_sql`` with their members, in relation, path and claim order,
    a batch of rows at a time. Read by ranges of relations of about LISTS_PER_QUERY lists
    each: one query over every list grouped members into a list() per claim, which does not
    spill, and at 100,000 documents ran out of DuckDB's memory under a 640 or 768 MB cap (not
    under 512 MB or 1 GB: the aggregate sizes itself by the cap); by ranges it fits in 200 MB."""
    rels = cur.execute(f"""
        SELECT c.story || '|' || c.predicate AS rel, count(*) FROM {scope_sql} c
        WHERE c.kind = 'org_list' GROUP BY rel ORDER BY rel""").fetchall()
    ranges: list[tuple[str, str]] = []
    lo, n = None, 0
    for rel, count in rels:
        lo, n = lo if lo is not None else rel, n + count
        if n >= LISTS_PER_QUERY or rel == rels[-1][0]:
            ranges.append((lo, rel))
            lo, n = None, 0
    for lo, hi in ranges:
        cur.execute(f"""
            SELECT c.claim_id, c.document_id, c.path, c.story || '|' || c.predicate, c.subject,
                   CAST(coalesce(c.value->>'complete', 'true') AS BOOLEAN) AS complete,
                   list(DISTINCT {{'id': coalesce(em.entity_id, lower(m.surface)),
                                   'name': coalesce(e.canonical, m.surface)}}) AS members
            FROM {scope_sql} c JOIN mentions m USING (claim_id)
            LEFT JOIN entity_mentions em USING (mention_id)
            LEFT JOIN entities e USING (entity_id)
            WHERE c.kind = 'org_list' AND m.etype = 'org'
              AND c.story || '|' || c.predicate BETWEEN ? AND ?
            GROUP BY ALL ORDER BY 4, c.path, c.claim_id""", [lo, hi])
        while rows := cur.fetchmany(2000):
            yield rows


def _bounded(group: list[dict], cap: int, inputs: Inputs) -> list[dict]:
    """The lists of one relation are compared pairwise: at most ``cap`` of them (path order)."""
    if len(group) <= cap:
        return group
    story = group[0]["story"]
    inputs.warnings.append(
        f"list-mismatch: {len(group):,} lists for '{group[0]['rel']}'"
        f"{f' in story {story}' if story else ''}; only the first {cap:,} compared "
        "(AUDIT_MAX_LISTS_PER_RELATION)")
    return group[:cap]


def _relation_candidates(group: list[dict]) -> list[Candidate]:
    """Candidates among the lists of one relation in one story."""
    if not group:
        return []
    rel = group[0]["rel"]
    out: list[Candidate] = []
    scopes: dict[str, list[dict]] = {}
    for lst in group:  # every name for the whole programme is one scope
        key = "" if _is_general(lst["scope"]) else _scope_key(lst["scope"])
        scopes.setdefault(key, []).append(lst)
    for scope, same in sorted(scopes.items()):
        out.extend(_same_scope(rel, scope, same))
    general = [g for g in group if _is_general(g["scope"]) and g["complete"]]
    if general:
        for narrow in group:
            if not _is_general(narrow["scope"]):
                out.append(_narrower(rel, narrow, general[0]))
    return out


def _pair(rel: str, a: dict, b: dict, comparison: str, missing: set, scope_note: str,
          key: list, names: dict[str, str] | None = None) -> Candidate:
    """``names``: member id -> name, when ``missing`` holds members neither list names."""
    names = names or {**a["name_of"], **b["name_of"]}
    sa, sb = set(a["ids"]), set(b["ids"])
    return Candidate(
        check="list-mismatch",
        judged={"list_comparison": comparison, "missing_members": len(missing)},
        key=key,
        headline=f"{rel} lists differ"
        + (f" ({', '.join(sorted(names[x] for x in missing))} missing)" if missing else ""),
        values=[
            {"value": ", ".join(sorted(names[x] for x in sa)),
             "claims": [(a["claim"], ("org", "tail"))]},
            {"value": ", ".join(sorted(names[x] for x in sb)),
             "claims": [(b["claim"], ("org", "tail"))]},
        ],
        details={"sets": {"both": sorted(names[x] for x in sa & sb),
                          "only": {a["doc"]: sorted(names[x] for x in sa - sb),
                                   b["doc"]: sorted(names[x] for x in sb - sa)}},
                 "scope": scope_note, "relation": rel,
                 "missing": sorted(names[x] for x in missing)},
    )


def _same_scope(rel: str, scope: str, lists: list[dict]) -> list[Candidate]:
    """A complete list lacks members that the other lists of the same scope name more often
    than complete ones leave them out."""
    out = []
    for lst in lists:
        others = [o for o in lists if o is not lst and set(o["ids"]) != set(lst["ids"])]
        if not lst["complete"] or not others:
            continue
        # a member is missing when more lists name it than complete lists leave it out, and
        # a complete list or at least two lists name it (a partial list, "two of the funders, A
        # and B", speaks only for the members it names, and alone never makes one missing)
        complete = [o for o in lists if o is not lst and o["complete"]]
        support: dict[str, int] = {}
        for o in lists:
            if o is lst:
                continue
            for m in o["ids"]:
                support[m] = support.get(m, 0) + 1
        named_complete = {m for o in complete for m in o["ids"]}
        missing = {m for m, n in support.items()
                   if (m in named_complete or n >= 2)
                   and n > sum(1 for o in complete if m not in o["ids"])} - set(lst["ids"])
        if not missing:
            continue
        ref = max(others, key=lambda o: (len(missing & set(o["ids"])), o["complete"],
                                         -len(o["path"]), o["path"]))
        names = {k: v for o in lists for k, v in o["name_of"].items()}
        names.update(lst["name_of"])
        names.update(ref["name_of"])
        note = (f"both lists are stated for '{lst['scope']}' and this one is presented as "
                "complete, so a member named elsewhere is missing from it")
        out.append(_pair(rel, lst, ref, "same-scope", missing, note,
                         [rel, scope, sorted(names[x] for x in lst["ids"]),
                          sorted(names[x] for x in missing)]
                         + ([lst["story"]] if lst["story"] else []), names))
    return out


def _narrower(rel: str, narrow: dict, wide: dict) -> Candidate:
    extra = set(narrow["ids"]) - set(wide["ids"])
    note = (f"'{narrow['scope']}' list vs the '{wide['scope']}' list: different scopes; a list "
            "for a narrower scope does not contradict the whole")
    comparison = "narrower-scope-extra" if extra else "narrower-scope"
    names = {**narrow["name_of"], **wide["name_of"]}
    return _pair(rel, narrow, wide, comparison, set(), note,
                 [rel, _scope_key(narrow["scope"]), sorted(names[x] for x in narrow["ids"]),
                  "narrower"] + ([narrow["story"]] if narrow["story"] else []))


_GENERAL = {"", "programme", "program", "overall", "total", "all", "partnership",
            "partnerships", "initiative", "project"}


@functools.lru_cache(maxsize=65536)  # pure; asked for each list several times
def _scope_key(scope: str) -> str:
    return re.sub(r"[\W_]+", " ", fold(scope or "").lower()).strip()


# A scope named by the programme itself ("The Bridge Storage Programme is funded by ...") is the
# whole, not a part of it.
_PROGRAMME_NOUNS = {"programme", "program", "programmes", "programs", "initiative", "alliance",
                    "project", "projects", "pact", "fund", "partnership", "partnerships",
                    "collaboration", "collaborations", "agreement", "agreements", "scheme",
                    "effort", "efforts", "venture", "network", "hub", "centre", "center",
                    "consortium", "consortia", "coalition", "taskforce", "mission"}


@functools.lru_cache(maxsize=65536)
def _is_general(scope: str) -> bool:
    key = _scope_key(scope)
    return key in _GENERAL or (bool(key) and key.split()[-1] in _PROGRAMME_NOUNS
                               and len(key.split()) > 1 and not _PART_WORDS & set(key.split()))


_PART_WORDS = {"side", "share", "part", "portion", "half", "team", "lab", "labs"}
