"""role-conflict: one person's role stated differently across sources.

Compared per person entity, between documents: the same title held now in one source and
formerly in another ("director" / "former director": ``status``; not for a title inside a
quotation, the title when the speaker spoke: "I never bribed Senator M."), the same title at two
different organisations ("chief executive of Tessel" / "chief executive of Halden":
``organisation``, information only: one person often heads a company and its subsidiary, and
nothing when one source names both), and different titles that no source states together
("director" / "chief executive": ``title``, information only: people hold several posts).
Titles are compared by meaning ("CEO" = "chief executive" = "Chief Executive Officer",
"Secretary of Commerce" = "Commerce Secretary"), organisations by distinctive word, initials
or country ("Moroccan" = "Morocco": ``audit.resolve.roles``). Evidence points at the words
that differ: the organisations named, or the titles."""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.extract.vocab import STOP_WORDS
from audit.resolve.countries import country_key
from audit.resolve.roles import RANKS, compare_roles, orgs_agree, title_key, without_country

NAME = "role-conflict"
CLASS = "role-conflict"
SCOPE = "story"
JUDGED = ("role_comparison",)
DESCRIPTION = "One person's title, its status or organisation stated differently across sources."
SEVERITY = "warning"
ORDER = 15
EXPECTATIONS = (
    expect("expect_column_values_to_not_be_in_set", "warning",
           "A person holds the same role (current or former, or its deputy) in every source",
           column="role_comparison", value_set=["status", "rank"]),
    expect("expect_column_values_to_not_be_in_set", "info",
           "A person is given the same title at the same organisation in every source",
           column="role_comparison", value_set=["title", "organisation"]),
)
# The words each comparison is about: evidence points at them (the title, or the organisation
# named), not at the person's name.
_EVIDENCE_ROLES = {"organisation": ("org",), "title": ("title",), "status": ("title",)}


def _label(title: str, org: str | None, status: str | None, kind: str = "") -> str:
    """How a side reads; for two titles compared, a country the post is held in is left out
    ("Deputy President of Kenya" and "Deputy President" are one side against "Vice
    President")."""
    if kind == "title" and org and country_key(org) is not None:
        org = None
    return " ".join(x for x in (status, without_country(title), f"of {org}" if org else None)
                    if x)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT c.story, e.entity_id, e.canonical, c.document_id, c.claim_id,
               c.value->>'title', c.value->>'org', c.value->>'status', c.path, o.prefix, o.suffix,
               coalesce(TRY_CAST(c.value->>'quoted' AS BOOLEAN), false)
        FROM {scope_sql} c
        JOIN mentions m ON m.claim_id = c.claim_id AND m.etype = 'person'
        JOIN entity_mentions em USING (mention_id) JOIN entities e USING (entity_id)
        LEFT JOIN (SELECT cs.claim_id, first(s.prefix ORDER BY cs.seq) AS prefix,
                          first(s.suffix ORDER BY cs.seq) AS suffix
                   FROM claim_spans cs JOIN spans s USING (span_id)
                   WHERE cs.role = 'org' GROUP BY cs.claim_id) o ON o.claim_id = c.claim_id
        WHERE c.kind = 'person' AND c.predicate = 'role_holder'
        ORDER BY c.story, e.canonical, c.path, c.claim_id""").fetchall()
    people: dict[tuple, list[tuple]] = defaultdict(list)
    path_of: dict[str, str] = {}
    joined: dict[str, list[str]] = {}  # claim -> organisations written with its own
    quoted: set[str] = set()  # claims whose title is in someone's quoted words
    for story, eid, canonical, doc, claim, title, org, status, path, prefix, suffix, q in rows:
        path_of[claim] = path or ""
        if q:
            quoted.add(claim)
        people[(story, eid, canonical)].append((doc, claim, title or "", org, status or ""))
        if org:  # only a role's own organisation has others joined to it
            joined[claim] = _joined_orgs(prefix or "", suffix or "")
    out: list[Candidate] = []
    for (story, _eid, canonical), stated in people.items():
        out.extend(_person(story, canonical, stated, joined, quoted))
    out.extend(_ranks(people, path_of))
    return out


# roles several people hold together, where "co-" says so and is no rank below the role
_SHARED_ROLES = frozenset({"founder", "founders", "owner", "owners", "author", "authors",
                           "creator", "creators", "inventor", "inventors"})


_PAST = ("former", "then")  # a lower title held before is no rank conflict


def _rank_of(title: str) -> tuple[str, str] | None:
    """("vice", "president") for "Vice President"; None for a title without a rank word."""
    words = title_key(title)[1].replace("-", " ").split()
    if len(words) >= 2 and words[0] in RANKS:
        if words[0] == "co" and words[-1] in _SHARED_ROLES:
            return None  # a co-founder is a founder: one of several, not a lower rank
        return words[0], " ".join(words[1:])
    return None


def _rank_pair(ka: str, kb: str) -> bool:
    """Whether one title key is the other's deputy ("vice president" / "president")."""
    ra, rb = _rank_of(ka), _rank_of(kb)
    return (ra is not None and ra[1] == kb) or (rb is not None and rb[1] == ka)


def _ranks(people: dict[tuple, list[tuple]], path_of: dict[str, str]) -> list[Candidate]:
    """One surname given a title and its deputy's ("Vice President Lindqvist" / "President
    Anna Lindqvist") in one story: resolution keeps two people with different titles apart,
    but one name (or its surname alone) cannot hold both ranks of one post at once, unless a
    source says the lower one is former. One finding per name and lower title, its evidence
    the titles."""
    roles = ("title",)  # the titles differ: the evidence points at them
    out: list[Candidate] = []
    by_story: dict[str, list[tuple[str, list[tuple]]]] = defaultdict(list)
    for (story, _eid, canonical), stated in sorted(people.items()):
        by_story[story].append((canonical, stated))
    for story, persons in by_story.items():
        for name_a, sa in persons:
            lows: dict[tuple[str, str], list[str]] = defaultdict(list)
            for _doc, claim, title, org, status in sa:
                rank = _rank_of(title)
                if rank is not None and (status or title_key(title)[0]) not in _PAST:
                    lows[(_label(title, org, status), rank[1])].append(claim)
            for (low, base), claims_low in sorted(lows.items()):
                org_low = next(o for _d, c, _t, o, _s in sa if c == claims_low[0])
                sides: dict[str, set[str]] = defaultdict(set)
                names = {name_a}
                for name_b, sb in persons:
                    ta, tb = name_a.split(), name_b.split()
                    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
                    if long_[-len(short):] != short:
                        continue
                    for _doc, claim_b, title_b, org_b, status_b in sb:
                        st_b, key_b = title_key(title_b)
                        if key_b == base and (status_b or st_b) not in _PAST \
                                and orgs_agree(org_low, org_b):
                            sides[base].add(claim_b)  # one side: the title, however held
                            names.add(name_b)
                if not sides:
                    continue
                person = max(sorted(names), key=lambda n: len(n.split()))
                values = [{"value": low, "claims": [(c, roles) for c in sorted(claims_low)]}]
                # evidence order: the higher title in the lower one's own documents first (a
                # source that contradicts itself), then one claim per other source in path
                # order, then the rest
                low_docs = {d for d, c, _t, _o, _s in sa if c in claims_low}
                order = sorted((path_of.get(c, ""), d, c) for _n, st in persons
                               for d, c, _t, _o, _s in st if c in sides[base])
                seen_docs: set[str] = set()
                ranked = []
                for i, (_p, d, c) in enumerate(dict.fromkeys(order)):
                    ranked.append(((d not in low_docs, d in seen_docs, i), c))
                    seen_docs.add(d)
                high = [c for _k, c in sorted(ranked)]
                values += [{"value": base.title(), "claims": [(c, roles) for c in high]}]
                out.append(Candidate(
                    check=NAME,
                    judged={"role_comparison": "rank"},
                    key=["role", name_a, "rank", low] + ([story] if story else []),
                    headline=f"{person}'s role differs (rank)",
                    values=values,
                    details={"person": person, "comparison": "rank"},
                ))
    return out


def _both_orgs(orgs_of: dict[str, list[str | None]], oa: str | None, ob: str | None) -> bool:
    """Whether one source names the person's title at both organisations (a chief executive of
    a company and of its subsidiary): two posts held together, not a conflict."""
    return any(any(orgs_agree(oa, o) for o in orgs) and any(orgs_agree(ob, o) for o in orgs)
               for orgs in orgs_of.values())


_SP = r"[ \t\u00a0]+"
_ORG_WORDS = rf"[A-Z][\w&.'’-]*(?:{_SP}(?:of{_SP})?[A-Z][\w&.'’-]*){{0,3}}"
_JOINED_BEFORE = re.compile(rf"(?<![\w'’-])({_ORG_WORDS}){_SP}(?:and|&){_SP}\Z")
_JOINED_AFTER = re.compile(rf"\A{_SP}(?:and|&){_SP}(?:its{_SP})?({_ORG_WORDS})")


def _joined_orgs(prefix: str, suffix: str) -> list[str]:
    """Organisations joined to a role's own by "and" ("Kalvik Power and Brannholt Energy chief
    executive", "chief executive of Brannholt Energy and Kalvik Power"): the source names the
    title at both."""
    found = [m.group(1) for m in (_JOINED_BEFORE.search(prefix), _JOINED_AFTER.search(suffix))
             if m is not None]
    return [o for o in found if o.split()[0] not in STOP_WORDS]


def _person(story: str, person: str, stated: list[tuple],
            joined: dict[str, list[str]] | None = None,
            quoted: set[str] | frozenset[str] = frozenset()) -> list[Candidate]:
    titles_of: dict[str, set[str]] = defaultdict(set)  # document -> title keys it states
    former_of: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    orgs_of: dict[tuple[str, str], list[str | None]] = defaultdict(list)  # (doc, title) -> orgs
    for doc, claim, title, org, status in stated:
        st, key = title_key(title)
        titles_of[doc].add(key)
        former_of[doc].add((key, (status or st) == "former"))
        if org:
            orgs_of[(doc, key)] += [org, *(joined or {}).get(claim, ())]
    found: dict[tuple, dict] = {}
    for i, a in enumerate(stated):
        for b in stated[i + 1:]:
            if a[0] == b[0]:
                continue  # one source's own titles are the person's several posts
            kind = compare_roles((a[2], a[3], a[4]), (b[2], b[3], b[4]))
            if kind is None:
                continue
            ka, kb = title_key(a[2])[1], title_key(b[2])[1]
            if kind == "title" and _rank_pair(ka, kb):
                continue  # a title and its deputy's: reported by _ranks
            if kind == "title" and any({ka, kb} <= t for t in titles_of.values()):
                continue  # a source states both titles: two posts, not a conflict
            if kind == "status" and (any({(ka, True), (ka, False)} <= f
                                         for f in former_of.values())
                                     or a[1] in quoted or b[1] in quoted):
                continue  # a source says both; or a speaker's words, the title when spoken
            if kind == "organisation" and _both_orgs(
                    {d: o for (d, k), o in orgs_of.items() if k == ka}, a[3], b[3]):
                continue
            la, lb = _label(a[2], a[3], a[4], kind), _label(b[2], b[3], b[4], kind)
            pair = (kind, tuple(sorted({ka, kb})))  # one finding per title (pair)
            entry = found.setdefault(pair, {})
            entry.setdefault(la, set()).add(a[1])
            entry.setdefault(lb, set()).add(b[1])
    out = []
    for (kind, labels), sides in sorted(found.items()):
        roles = _EVIDENCE_ROLES.get(kind, ("title",))
        values = [{"value": label, "claims": [(c, roles) for c in sorted(claims)]}
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
