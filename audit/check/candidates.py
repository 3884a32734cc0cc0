"""Candidate rows for the consistency suite, computed in DuckDB.

Each builder runs SQL over the current corpus (blocking, joins and grouping happen in the
database) and returns one :class:`Candidate` per thing worth judging: a pair of spellings, a key
with several values, a list compared with another. Great Expectations then judges the
candidates' columns (see ``suite.py``); only what it rejects becomes a finding.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import duckdb

from audit.check.comparable import (
    Figure,
    bucket_key,
    canonical_names,
    comparable_sets,
    conflicting,
    frame_of,
    signature,
    values_of,
)
from audit.ingest.normalize import fold

# The current corpus's claims that are compared (not read in boilerplate or bylines).
CUR = """(SELECT c.*, p.path, coalesce(ds.story_id, '') AS story FROM claims c
          JOIN (SELECT document_id, min(path) AS path FROM document_paths GROUP BY ALL) p
            USING (document_id)
          LEFT JOIN document_stories ds USING (document_id)
          WHERE c.compared)"""


def scoped_claims(stories: list[str] | None = None) -> str:
    """CUR, limited to the given stories (an incremental check recomputes only the stories
    whose documents or entities changed)."""
    if stories is None:
        return CUR
    ids = ", ".join("'" + s.replace("'", "''") + "'" for s in sorted(stories)) or "NULL"
    return CUR.replace("WHERE c.compared)",
                       f"WHERE c.compared AND coalesce(ds.story_id, '') IN ({ids}))")


@dataclass
class Candidate:
    check: str
    judged: dict[str, Any]
    key: Any
    headline: str
    values: list[dict]  # [{"value": label, "claims": [(claim_id, roles)]}]
    details: dict = field(default_factory=dict)

    @property
    def cid(self) -> str:
        import hashlib

        blob = json.dumps([self.check, self.key], sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


# --- name-variant ---------------------------------------------------------------------------

def name_variants(con: duckdb.DuckDBPyConnection) -> list[Candidate]:
    """Every spelling of an entity that differs from its canonical spelling."""
    rows = con.execute("""
        SELECT e.entity_id, e.etype, e.canonical, em.variant, em.variant_kind,
               list(DISTINCT m.claim_id ORDER BY m.claim_id) AS claims
        FROM entities e JOIN entity_mentions em USING (entity_id)
        JOIN mentions m USING (mention_id)
        WHERE e.variants > 1
        GROUP BY ALL ORDER BY e.canonical, em.variant, e.entity_id""").fetchall()
    by_entity: dict[str, dict] = {}
    for eid, etype, canonical, variant, kind, claims in rows:
        ent = by_entity.setdefault(eid, {"etype": etype, "canonical": canonical, "v": {}})
        ent["v"][variant] = (kind, claims)
    out = []
    roles = ("person", "org", "place", "speaker")
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
                    {"value": variant, "claims": [(c, roles) for c in claims]},
                    {"value": ent["canonical"], "claims": [(c, roles) for c in canon_claims]},
                ],
                details={"variant_kind": kind, "entity": ent["canonical"]},
            ))
    return out


# --- value-conflict ---------------------------------------------------------------------------

# Amounts (counts) further apart than this ratio are taken to be different facts that share a
# generic subject ("funding", "people"), not one fact stated two ways: the values of a key are
# grouped around the value most sources state (its deviations within RATIO are the conflict),
# and each group is compared on its own ($1.2 billion vs $1.25 billion conflict even when the
# story also mentions a separate $45 million grant). A mistyped extra zero is missed, by design.
MONEY_RATIO = 2.0
COUNT_RATIO = 3.0
# Amounts this close with no sentence or paragraph end between them are parts or alternatives
# of one statement, not one fact restated; so are amounts on consecutive short lines that end
# no sentence (at most FRAGMENT_CHARS: table rows, "Funder: $20m" lines).
LISTED_WITHIN = 250
FRAGMENT_CHARS = 80


def value_conflicts(con: duckdb.DuckDBPyConnection, stories: list[str] | None = None
                    ) -> list[Candidate]:
    """Figures that state the same thing (same measure, holder and frame; see
    ``comparable.py``) with values whose bounds do not intersect."""
    scope_sql = scoped_claims(stories)
    rows = con.execute(rf"""
        WITH mv0 AS (
          SELECT c.claim_id, c.document_id, min(s.start_char) AS s0, max(s.end_char) AS s1
          FROM {scope_sql} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind = 'money' AND cs.role = 'value' GROUP BY ALL),
        -- the line an amount stands on is a fragment (a table cell, a headline, a short
        -- "Funder: $20m" line) when it is short and ends no sentence
        mv AS (
          SELECT mv0.*, length(lb) + (s1 - s0) + length(la) <= {FRAGMENT_CHARS}
                        AND NOT regexp_matches(lb || la, '[.!?](\s|$)') AS fragment
          FROM (SELECT mv0.*,
                  regexp_extract(substr(d.text, greatest(s0 - {FRAGMENT_CHARS}, 0) + 1,
                                        s0 - greatest(s0 - {FRAGMENT_CHARS}, 0)),
                                 '[^\n]*$') AS lb,
                  regexp_extract(substr(d.text, s1 + 1, {FRAGMENT_CHARS}), '^[^\n]*') AS la
                FROM mv0 JOIN documents d USING (document_id)) mv0),
        -- several amounts in one statement are parts or alternatives, not one fact restated:
        -- one sentence, or a run of fragments (the rows of a table); a paragraph break ends a
        -- statement otherwise (a headline's amount is not a part of the body's)
        listed AS (
          SELECT DISTINCT a.claim_id FROM mv a JOIN mv b USING (document_id)
          JOIN documents d USING (document_id)
          WHERE a.claim_id <> b.claim_id AND abs(a.s0 - b.s0) < {LISTED_WITHIN}
            AND NOT regexp_matches(substr(d.text, least(a.s1, b.s1) + 1,
                greatest(a.s0, b.s0) - least(a.s1, b.s1)),
                CASE WHEN a.fragment AND b.fragment THEN '[.!?](\s|$)'
                     ELSE '[.!?](\s|$)|\n\s*\n' END))
        SELECT claim_id, story, kind, predicate, subject, qualifiers, value, path,
            CASE kind
              WHEN 'money' THEN (value->>'currency') || ' ' || CAST(value_num AS VARCHAR)
              WHEN 'count' THEN CAST(value_num AS VARCHAR)
              WHEN 'date' THEN value->>'iso'
            END AS norm,
            value_num, value->>'currency' AS currency, value_text
        FROM {scope_sql} c
        WHERE kind IN ('money', 'count', 'date')
          AND NOT (kind = 'date' AND (subject = 'date' OR value->>'precision' <> 'day'
                                      OR value->>'iso' LIKE 'X%'))
          AND claim_id NOT IN (SELECT claim_id FROM listed)
        ORDER BY story, kind, path, claim_id""").fetchall()
    buckets: dict[tuple, list[tuple[dict, Figure, str]]] = {}
    for (claim_id, story, kind, pred, subj, quals, value, _path, norm, num, currency,
         label) in rows:
        if norm is None:
            continue
        v = json.loads(value) if isinstance(value, str) else (value or {})
        q = json.loads(quals) if isinstance(quals, str) else (quals or {})
        fr = frame_of(kind, subj, v, q)
        bound = None
        if kind != "date":
            bound = fr["bound"] or ([num, num] if fr["exact"] and num is not None else None)
            if bound is None:
                continue
            if not fr["exact"]:
                norm = f"{label} ({norm})"  # a bounded figure is its own value
        key = bucket_key(story, kind, pred, subj, currency, q, fr)
        if key is None:
            continue
        buckets.setdefault(key, []).append(
            (fr, Figure(claim_id, norm, label, num, bound, exact=fr["exact"]), subj))
    out: dict[tuple, Candidate] = {}
    for key, items in buckets.items():
        story, kind, pred = key[0], key[1], key[2]
        quals = key[4]
        canon = canonical_names(fr for fr, _, _ in items)
        ratio = {"money": MONEY_RATIO, "count": COUNT_RATIO}.get(kind)
        subjects: dict[str, str] = {f.claim_id: s for _, f, s in items}
        for sig, figs in comparable_sets([(signature(fr, kind, canon), f)
                                          for fr, f, _ in items]):
            vals = values_of(figs)
            if len(vals) < 2:
                continue
            groups = magnitude_groups([{"num": v.num, "norm": v.norm, "claims": v.claims,
                                        "v": v} for v in vals], ratio)
            for group in groups:
                values = conflicting([g["v"] for g in group])
                if not values:
                    continue
                values.sort(key=lambda v: v.norm)
                subj = key[3] if kind != "money" else (
                    sig[1] or sig[0]
                    or _most_common(subjects[c] for v in values for c in v.claims))
                cand = Candidate(
                    check="value-conflict",
                    judged={"n_values": len(values)},
                    key=[kind, pred, subj, quals, [v.norm for v in values]]
                    + ([story] if story else []),
                    headline=f"{kind} of '{subj}' differs",
                    values=[{"value": v.label, "claims": [(c, ("value",)) for c in v.claims]}
                            for v in values],
                    details={"kind": kind, "subject": subj, "qualifiers": json.loads(quals),
                             "frame": key[5], "measure": sig[1] or sig[0],
                             "holder": {"gives": sorted(sig[2] or ()),
                                        "gets": sorted(sig[3] or ())}},
                )
                # one conflict found from several signatures is reported once
                same = (story, kind, tuple(v.norm for v in values))
                if same not in out or len(cand.values) > len(out[same].values):
                    out[same] = cand
    return sorted(out.values(), key=lambda c: json.dumps(c.key, sort_keys=True, default=str))


def _most_common(items) -> str:
    counts: dict[str, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    return min(counts, key=lambda x: (-counts[x], x)) if counts else "amount"


def magnitude_groups(values: list[dict], ratio: float | None) -> list[list[dict]]:
    """Group values (dicts with ``num``, ``norm`` and ``claims``) around the value most claims
    state: it and every value within ``ratio`` of it are one fact stated differently; the rest
    is grouped the same way. ``ratio`` None (dates) keeps them together."""
    if ratio is None:
        return [list(values)]
    rest = sorted(values, key=lambda v: (-len(v.get("claims") or ()), v["num"] is None,
                                         -(v["num"] or 0), v["norm"]))
    out: list[list[dict]] = []
    while rest:
        anchor, rest = rest[0], rest[1:]
        group, keep = [anchor], []
        for v in rest:
            (group if _near(anchor["num"], v["num"], ratio) else keep).append(v)
        out.append(group)
        rest = keep
    return out


def _near(a, b, ratio: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a <= 0 or b <= 0:
        return a == b
    return max(a, b) <= ratio * min(a, b)


# --- date-weekday -----------------------------------------------------------------------------

def date_weekdays(con: duckdb.DuckDBPyConnection, stories: list[str] | None = None
                  ) -> list[Candidate]:
    scope_sql = scoped_claims(stories)
    rows = con.execute(f"""
        SELECT claim_id, value->>'iso', value->>'weekday', value_text,
               CAST(value->>'weekday_ok' AS BOOLEAN), story
        FROM {scope_sql} WHERE kind = 'date' AND value->>'weekday' IS NOT NULL
          AND value->>'weekday_ok' IS NOT NULL AND value->>'weekday_ok' <> 'null'
        ORDER BY path, claim_id""").fetchall()
    out = []
    import datetime as dt

    for claim_id, iso, weekday, label, ok, story in rows:
        try:
            actual = dt.date.fromisoformat(iso).strftime("%A")
        except (TypeError, ValueError):
            continue
        out.append(Candidate(
            check="date-weekday",
            judged={"weekday_ok": bool(ok)},
            key=[iso, weekday] + ([story] if story else []),
            headline=f"{weekday} does not fit {iso} (a {actual})",
            values=[{"value": label, "claims": [(claim_id, ("value", "weekday"))]}],
            details={"stated": weekday, "actual": actual, "date": iso},
        ))
    return out


# --- list-mismatch ------------------------------------------------------------------------------

def list_mismatches(con: duckdb.DuckDBPyConnection, stories: list[str] | None = None
                    ) -> list[Candidate]:
    """Pairs of lists for the same relation: same scope (a member missing from a list given as
    complete) or a narrower scope (reported for information, never as an error)."""
    scope_sql = scoped_claims(stories)
    cur = con.cursor()  # streamed one relation at a time: a large corpus has 100,000s of lists
    cur.execute(f"""
        SELECT c.claim_id, c.document_id, c.path, c.story || '|' || c.predicate, c.subject,
               CAST(coalesce(c.value->>'complete', 'true') AS BOOLEAN) AS complete,
               list(DISTINCT {{'id': coalesce(em.entity_id, lower(m.surface)),
                               'name': coalesce(e.canonical, m.surface)}}) AS members
        FROM {scope_sql} c JOIN mentions m USING (claim_id)
        LEFT JOIN entity_mentions em USING (mention_id)
        LEFT JOIN entities e USING (entity_id)
        WHERE c.kind = 'org_list' AND m.etype = 'org'
        GROUP BY ALL ORDER BY 4, c.path, c.claim_id""")
    out: list[Candidate] = []
    try:
        group: list[dict] = []
        current = None
        while rows := cur.fetchmany(2000):
            for claim, doc, path, story_rel, scope, complete, members in rows:
                if story_rel != current:
                    out.extend(_relation_candidates(group))
                    group, current = [], story_rel
                name_of = {m["id"]: m["name"] for m in sorted(members, key=lambda m: m["id"])}
                if len(name_of) < 2:  # one organisation named is a relation, not a list
                    continue
                story, _, rel = story_rel.partition("|")
                group.append({"claim": claim, "doc": doc, "path": path, "rel": rel,
                              "scope": scope, "story": story, "complete": complete,
                              "ids": sorted(name_of), "name_of": name_of})
        out.extend(_relation_candidates(group))
    finally:
        cur.close()
    return out


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


def _scope_key(scope: str) -> str:
    return re.sub(r"[\W_]+", " ", fold(scope or "").lower()).strip()


# A scope named by the programme itself ("The Bridge Storage Programme is funded by ...") is the
# whole, not a part of it.
_PROGRAMME_NOUNS = {"programme", "program", "programmes", "programs", "initiative", "alliance",
                    "project", "projects", "pact", "fund", "partnership", "partnerships",
                    "collaboration", "collaborations", "agreement", "agreements", "scheme",
                    "effort", "efforts", "venture", "network", "hub", "centre", "center",
                    "consortium", "consortia", "coalition", "taskforce", "mission"}


def _is_general(scope: str) -> bool:
    key = _scope_key(scope)
    return key in _GENERAL or (bool(key) and key.split()[-1] in _PROGRAMME_NOUNS
                               and len(key.split()) > 1 and not _PART_WORDS & set(key.split()))


_PART_WORDS = {"side", "share", "part", "portion", "half", "team", "lab", "labs"}


# --- count-vs-list ----------------------------------------------------------------------------

# What may stand between a count and the list it announces: "four backers: A, B and C",
# "three areas - A; B; C", "five themes, namely A, B ...".
_LIST_LEAD = (
    r"(?s)[\s:,;.\-–—(]*"
    r"(?:(?:are|were|include|including|namely|listed|as follows)\b[\s:,\-–—]*)?(?:the\s+)?"
)


def count_vs_list(con: duckdb.DuckDBPyConnection) -> list[Candidate]:
    """A count stated right before a list ("four backers: A, B, C and D") against the list."""
    rows = con.execute(f"""
        WITH spans_of AS (
          SELECT c.claim_id, c.document_id, c.kind, c.value, c.value_num, c.subject,
                 min(s.start_char) AS s0, max(s.end_char) AS s1
          FROM {CUR} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind IN ('count', 'org_list', 'topic_list')
            AND cs.role IN ('value', 'context', 'org', 'item', 'tail')
          GROUP BY ALL)
        SELECT n.claim_id, l.claim_id, n.value_num, n.subject, l.kind,
               CASE l.kind WHEN 'topic_list' THEN json_array_length(l.value, '$.items')
                 ELSE json_array_length(l.value, '$.members')
                      + coalesce(TRY_CAST(json_extract_string(l.value, '$.others.n') AS INTEGER),
                                 0) END AS listed,
               (json_type(l.value, '$.others') = 'OBJECT'
                AND TRY_CAST(json_extract_string(l.value, '$.others.n') AS INTEGER) IS NULL)
                 AS open_tail
        FROM spans_of n JOIN spans_of l USING (document_id)
        JOIN documents d USING (document_id)
        WHERE n.kind = 'count' AND l.kind <> 'count'
          AND l.s0 >= n.s1 AND l.s0 - n.s1 <= 40
          AND regexp_full_match(substr(d.text, n.s1 + 1, l.s0 - n.s1), ?)
        ORDER BY n.claim_id""", [_LIST_LEAD]).fetchall()
    out = []
    for count_id, list_id, stated, subject, _kind, listed, open_tail in rows:
        if open_tail or stated is None or listed is None:
            continue
        out.append(Candidate(
            check="count-vs-list",
            judged={"stated_count": int(stated), "listed_count": int(listed)},
            key=[subject, int(stated), int(listed)],
            headline=f"'{int(stated):d} {subject}' but {listed} listed",
            values=[{"value": f"{int(stated)} {subject}", "claims": [(count_id, ("value",))]},
                    {"value": f"{listed} listed", "claims": [(list_id, ("org", "item",
                                                                         "tail"))]}],
        ))
    return out


# --- quote-drift --------------------------------------------------------------------------------

_WORD = re.compile(r"[\w'’]+")  # hyphens and dashes separate words: 'U.S.-Japan' = 'U.S. — Japan'
MIN_SHARED = 0.5  # two quotes sharing less than this share of words are different quotes
UNKNOWN_SPEAKER = "unknown"  # the subject of a quote whose speaker was not found


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(fold(text))]


def word_diff(a: str, b: str) -> tuple[list[list[str]], int]:
    """Word-level diff of two wordings and the number of changed words, ignoring words cut
    from either end (a shortened quote is not a reworded one): where the wordings differ at an
    end, as many words as the shorter side has there count as changed, the rest as trimmed."""
    wa, wb = words(a), words(b)
    ra, rb = _WORD.findall(fold(a)), _WORD.findall(fold(b))
    ops = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    diff: list[list[str]] = []
    changed = 0
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        edge = n == 0 or n == len(ops) - 1
        if tag == "equal":
            diff.append(["equal", " ".join(ra[i1:i2])])
            continue
        if tag in ("delete", "replace") and i2 > i1:
            diff.append(["delete", " ".join(ra[i1:i2])])
        if tag in ("insert", "replace") and j2 > j1:
            diff.append(["insert", " ".join(rb[j1:j2])])
        if edge and tag == "replace":  # a changed word, then one side runs on (trimmed)
            changed += min(i2 - i1, j2 - j1)
        elif not (edge and tag in ("delete", "insert")):
            changed += max(i2 - i1, j2 - j1)
    return diff, changed


def quote_drift(con: duckdb.DuckDBPyConnection) -> list[Candidate]:
    rows = con.execute(f"""
        SELECT c.claim_id, c.path, c.value->>'text' AS text,
               coalesce(e.canonical, c.subject) AS speaker, c.story
        FROM {CUR} c
        LEFT JOIN mentions m ON m.claim_id = c.claim_id AND m.etype = 'person'
        LEFT JOIN entity_mentions em USING (mention_id)
        LEFT JOIN entities e USING (entity_id)
        WHERE c.kind = 'quote'
        QUALIFY row_number() OVER (PARTITION BY c.claim_id ORDER BY m.mention_id) = 1
        ORDER BY speaker, c.path, c.claim_id""").fetchall()
    by_speaker: dict[str, list[tuple]] = {}
    for r in rows:
        by_speaker.setdefault(f"{r[4]}|{r[3].lower()}", []).append(r)
    out = []
    for group, quotes in sorted(by_speaker.items()):
        story, _, speaker = group.partition("|")
        # a quote whose speaker was not found is compared with every speaker's quotes of its
        # story too: the same words are the same quote, however the sources attributed it
        n = len(quotes)
        if speaker != UNKNOWN_SPEAKER:
            quotes = quotes + by_speaker.get(f"{story}|{UNKNOWN_SPEAKER}", [])
        toks = [words(q[2]) for q in quotes]
        sets = [set(t) for t in toks]
        for i, a in enumerate(quotes[:n]):
            wa = sets[i]
            for j in range(i + 1, len(quotes)):
                b, wb = quotes[j], sets[j]
                if not wa or not wb:
                    continue
                shared = len(wa & wb) / min(len(wa), len(wb))
                if shared < MIN_SHARED or toks[i] == toks[j]:
                    continue
                diff, changed = word_diff(a[2], b[2])
                if changed == 0:
                    continue  # one is a trimmed copy of the other
                out.append(Candidate(
                    check="quote-drift",
                    judged={"changed_words": changed},
                    key=[a[3], sorted([" ".join(words(a[2])), " ".join(words(b[2]))])],
                    headline=f"quote by {a[3]} worded differently ({changed} "
                             f"word{'' if changed == 1 else 's'} changed)",
                    values=[{"value": a[2], "claims": [(a[0], ("quote",))]},
                            {"value": b[2], "claims": [(b[0], ("quote",))]}],
                    details={"diff": diff, "speaker": a[3]},
                ))
    return out


# --- arithmetic ---------------------------------------------------------------------------------

def arithmetic(con: duckdb.DuckDBPyConnection, stories: list[str] | None = None
               ) -> list[Candidate]:
    """Parts that exceed the total the sources state.

    The total of a currency is the exact amount stated by the most documents. Parts are either
    several exact amounts in one sentence ("CMU gets $70 million and UW $50 million") or a
    per-unit amount times a count in its sentence ("each of the two partnerships receives
    $60 million").
    """
    scope_sql = scoped_claims(stories)
    rows = con.execute(rf"""
        WITH m AS (
          SELECT c.claim_id, c.document_id, c.story,
                 c.story || '|' || (c.value->>'currency') AS currency,
                 c.value_num,
                 c.qualifiers->>'per' AS per, c.value_text, min(s.start_char) AS s0,
                 max(s.end_char) AS s1
          FROM {scope_sql} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind = 'money' AND cs.role = 'value' AND c.value_num IS NOT NULL
            AND coalesce(c.value->>'approx', 'exact') = 'exact'
          GROUP BY ALL),
        totals AS (
          SELECT currency, value_num AS total FROM m WHERE per IS NULL
          GROUP BY currency, value_num QUALIFY row_number() OVER (PARTITION BY currency
                   ORDER BY count(DISTINCT document_id) DESC, value_num DESC) = 1),
        counts AS (
          SELECT c.claim_id, c.document_id, c.value_num AS n, min(s.start_char) AS s0
          FROM {scope_sql} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
          WHERE c.kind = 'count' AND cs.role = 'value' GROUP BY ALL)
        SELECT a.claim_id, a.document_id, a.value_num, a.currency, a.per, a.value_text,
               b.claim_id, b.value_num, b.value_text, n.claim_id, n.n, t.total
        FROM m a JOIN totals t USING (currency)
        JOIN documents d ON d.document_id = a.document_id
        LEFT JOIN m b ON b.document_id = a.document_id AND b.currency = a.currency
             AND b.s0 > a.s1 AND b.s0 - a.s1 < 200 AND b.per IS NULL AND a.per IS NULL
             AND NOT regexp_matches(substr(d.text, a.s1 + 1, b.s0 - a.s1), '[.!?](\s|$)')
        LEFT JOIN counts n ON n.document_id = a.document_id AND a.per = 'each'
             AND abs(n.s0 - a.s0) < 120
             AND NOT regexp_matches(substr(d.text, least(n.s0, a.s1) + 1,
                                           abs(n.s0 - a.s1)), '[.!?](\s|$)')
        WHERE a.value_num < t.total AND (b.claim_id IS NOT NULL OR n.claim_id IS NOT NULL)
          AND coalesce(b.value_num, 0) < t.total
        ORDER BY a.document_id, a.s0""").fetchall()
    out = []
    for (a_id, _doc, a_val, story_cur, per, a_text, b_id, b_val, b_text, n_id, n,
         total) in rows:
        story, _, cur = story_cur.rpartition("|")
        if per == "each" and n_id is not None:
            parts, label = a_val * n, f"{n:g} × {a_text}"
            claims = [(a_id, ("value",)), (n_id, ("value", "context"))]
        elif b_id is not None:
            parts, label = a_val + b_val, f"{a_text} + {b_text}"
            claims = [(a_id, ("value",)), (b_id, ("value",))]
        else:
            continue
        out.append(Candidate(
            check="arithmetic",
            judged={"parts_total": parts, "stated_total": total},
            key=[cur, total, sorted([a_text, b_text or "", str(n or "")])]
            + ([story] if story else []),
            headline=f"parts add up to {parts:,.0f} {cur}, more than the stated total",
            values=[{"value": label, "claims": claims},
                    {"value": f"{total:,.0f} {cur} (total stated most often)", "claims": []}],
            details={"parts": parts, "total": total, "currency": cur},
        ))
    return out


# --- single-source ------------------------------------------------------------------------------

def single_source(con: duckdb.DuckDBPyConnection, stories: list[str] | None = None
                  ) -> list[Candidate]:
    """Amounts and counts that only one document states (when there are several documents)."""
    scope_sql = scoped_claims(stories)
    rows = con.execute(f"""
        WITH sized AS (SELECT story, count(DISTINCT document_id) AS docs FROM {scope_sql}
                       GROUP BY story HAVING count(DISTINCT document_id) > 1)
        SELECT kind, CASE kind WHEN 'money' THEN value->>'currency' ELSE subject END AS subject,
               value_num, count(DISTINCT document_id) AS n_documents,
               any_value(value_text ORDER BY claim_id), list(claim_id ORDER BY claim_id), story
        FROM {scope_sql} JOIN sized USING (story)
        WHERE kind IN ('money', 'count') AND value_num IS NOT NULL
        GROUP BY ALL HAVING count(DISTINCT document_id) = 1
        ORDER BY story, kind, subject, value_num""").fetchall()
    return [Candidate(
        check="single-source",
        judged={"n_documents": n},
        key=[kind, subject, num] + ([story] if story else []),
        headline=f"only one document states this {kind}",
        values=[{"value": label, "claims": [(c, ("value",)) for c in claims]}],
    ) for kind, subject, num, n, label, claims, story in rows]


# Checks whose findings stay inside one story (their keys carry the story): an incremental check
# reuses the previous run's findings of these for the stories that did not change.
STORY_SCOPED = {"value-conflict", "date-weekday", "list-mismatch", "arithmetic", "single-source"}

BUILDERS = {
    "name-variant": name_variants,
    "value-conflict": value_conflicts,
    "date-weekday": date_weekdays,
    "list-mismatch": list_mismatches,
    "count-vs-list": count_vs_list,
    "quote-drift": quote_drift,
    "arithmetic": arithmetic,
    "single-source": single_source,
}
