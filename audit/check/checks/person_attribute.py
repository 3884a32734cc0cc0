"""attribute-conflict: one person given two ages, two birth years or two home towns, by different
sources.

Read from the "named" person claims (``audit.extract.untitled``: "Ada Brill, 41, of Tarnwick",
"41-year-old Ada Brill"), per person entity, between documents (one source's own statements are
not compared: "Ivo, 44, and his son Ivo, 12" may share a name).

Birth years ("was born on Jan. 30, 1930", "Born in 1931 ..., Brill endured"): two that differ
conflict (``born``).

Ages: two ages of one person conflict when they differ, except by a year or more as many as
the documents are dated apart in the right direction: a birthday may fall between a report 30
days or more before another (the later one giving the higher age). Home towns: two regions (US
states, countries) that differ conflict ("of Ohio" / "from Utah": ``home``); two different towns,
or towns in one region, are information only (``home-town``: a suburb and its city, a town and
the place a family moved from); a town and a region are not compared (the gazetteer does not
know which towns lie in which region).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.extract.vocab import COUNTRIES, US_STATES

NAME = "attribute-conflict"
CLASS = "attribute-conflict"
SCOPE = "story"
JUDGED = ("attribute_comparison",)
DESCRIPTION = "One person given two ages, birth years or home towns by different sources."
SEVERITY = "warning"
ORDER = 17
EXPECTATIONS = (
    expect("expect_column_values_to_not_be_in_set", "warning",
           "A person has one age, one birth year and one home region in every source",
           column="attribute_comparison", value_set=["age", "born", "home"]),
    expect("expect_column_values_to_not_be_in_set", "info",
           "A person's home town is named the same way in every source",
           column="attribute_comparison", value_set=["home-town"]),
)

BIRTHDAY_GAP_DAYS = 30  # documents this far apart may straddle a birthday


def ages_conflict(a: int, b: int, date_a: dt.date | None, date_b: dt.date | None) -> bool:
    """Whether two ages of one person, stated in documents dated ``date_a`` and ``date_b``,
    cannot both be right."""
    if a == b:
        return False
    if date_a is None or date_b is None:
        return True
    (young, d_young), (old, d_old) = sorted(((a, date_a), (b, date_b)))
    gap = (d_old - d_young).days
    if gap < BIRTHDAY_GAP_DAYS:
        return True
    return old - young > 1 + gap // 365


def _parts(home: str) -> tuple[str, str]:
    """(town, region) of a home as written: "Tarnwick, Ohio" -> ("tarnwick", "ohio"); a region
    alone has no town; a town alone no region."""
    parts = [p.strip().rstrip(".") for p in home.split(",") if p.strip()]
    region = parts[-1] if parts and (parts[-1] in US_STATES or parts[-1] in COUNTRIES) else ""
    town = parts[0] if parts and parts[0] != region else ""
    return town.casefold(), region.casefold()


def compare_homes(a: str, b: str) -> str | None:
    """ "home" (two regions), "home-town" (two towns) or None (they agree or can't be told)."""
    (ta, ra), (tb, rb) = _parts(a), _parts(b)
    if ra and rb and ra != rb:
        return "home"
    if ta and tb and ta != tb:
        return "home-town"
    return None


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT c.story, e.canonical, c.document_id, c.claim_id, c.value, d.published
        FROM {scope_sql} c
        JOIN documents d USING (document_id)
        JOIN mentions m ON m.claim_id = c.claim_id AND m.etype = 'person'
        JOIN entity_mentions em USING (mention_id) JOIN entities e USING (entity_id)
        WHERE c.kind = 'person' AND c.predicate = 'named'
        ORDER BY c.story, e.canonical, c.path, c.claim_id""").fetchall()
    people: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for story, canonical, doc, claim, value, published in rows:
        v = json.loads(value)
        if "age" in v or "home" in v or "born" in v:
            people[(story, canonical)].append((doc, claim, v.get("age"), v.get("home"),
                                               published, v.get("born")))
    out: list[Candidate] = []
    for (story, person), stated in people.items():
        out.extend(_person(story, person, stated))
    return out


def _person(story: str, person: str, stated: list[tuple]) -> list[Candidate]:
    found: dict[str, dict[str, set[str]]] = {}
    for i, (doc_a, ca, age_a, home_a, date_a, born_a) in enumerate(stated):
        for doc_b, cb, age_b, home_b, date_b, born_b in stated[i + 1:]:
            if doc_a == doc_b:
                continue
            pairs = []
            if age_a is not None and age_b is not None and \
                    ages_conflict(age_a, age_b, date_a, date_b):
                pairs.append(("age", str(age_a), str(age_b)))
            if born_a is not None and born_b is not None and born_a != born_b:
                pairs.append(("born", str(born_a), str(born_b)))
            if home_a and home_b:
                kind = compare_homes(home_a, home_b)
                if kind is not None:
                    pairs.append((kind, home_a, home_b))
            for kind, la, lb in pairs:
                entry = found.setdefault(kind, {})
                entry.setdefault(la, set()).add(ca)
                entry.setdefault(lb, set()).add(cb)
    out = []
    for kind, sides in sorted(found.items()):
        role = kind if kind in ("age", "born") else "home"
        what = {"age": "age", "born": "birth year"}.get(kind, "home town")
        out.append(Candidate(
            check=NAME,
            judged={"attribute_comparison": kind},
            key=["attribute", person, kind, sorted(sides)] + ([story] if story else []),
            headline=f"{person}'s {what} differs: " + " vs ".join(sorted(sides)),
            # the evidence is the stated values; the person is named in the message
            values=[{"value": label, "claims": [(c, (role,)) for c in sorted(cl)]}
                    for label, cl in sorted(sides.items())],
            details={"person": person, "attribute": role, "comparison": kind},
        ))
    return out
