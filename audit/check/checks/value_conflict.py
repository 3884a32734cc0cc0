"""value-conflict: figures that state the same thing (same measure, holder and frame; see
``audit/check/comparable.py``) with values whose bounds do not intersect."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims, shared_bounds, span_bounds
from audit.check.checks import expect
from audit.check.comparable import (
    Figure,
    Value,
    bucket_key,
    canonical_names,
    comparable_sets,
    conflicting,
    frame_of,
    holders_by_value,
    signature,
    values_of,
)
from audit.check.texts import (
    SENTENCE_END,
    SENTENCE_OR_PARAGRAPH_END,
    between,
    by_document,
    line_around,
    temp_ids,
)
from audit.extract.frames import CASUALTY_STATES

NAME = "value-conflict"
CLASS = "value-conflict"
SCOPE = "story"
JUDGED = ("n_values",)
DESCRIPTION = ("Same figure (what it measures, whose it is, when), values that cannot both be "
               "true (amount, count, percentage, date).")
SEVERITY = "error"
ORDER = 20
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "error",
           "An amount, count or date has one value for one key",
           column="n_values", max_value=1.0),
)


# Amounts (counts) further apart than this ratio are taken to be different facts that share a
# generic subject ("funding", "people"), not one fact stated two ways: the values of a key are
# grouped around the value most sources state (its deviations within RATIO are the conflict),
# and each group is compared on its own ($1.2 billion vs $1.25 billion conflict even when the
# story also mentions a separate $45 million grant). A mistyped extra zero is missed, by design.
MONEY_RATIO = 2.0
COUNT_RATIO = 3.0
SHARE_RATIO = 1.5  # a turnout by noon (30%) is not the day's (62%)
# Amounts of one measure and holder a story states in this many different values or more
# (an earnings story's revenues: segments, forecasts, past quarters) are several facts under
# one key: their conflicts are weak evidence (details ``crowded_key``). On the read real-text
# sets (development and held-out 9-20), 0 of 9 such warnings were right, 5 of 9 below it.
CROWDED_KEY_VALUES = 7
# Amounts this close with no sentence or paragraph end between them are parts or alternatives
# of one statement, not one fact restated; so are amounts on consecutive short lines that end
# no sentence (at most FRAGMENT_CHARS: table rows, "Funder: $20m" lines).
LISTED_WITHIN = 250
FRAGMENT_CHARS = 80


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Figures that state the same thing (same measure, holder and frame; see
    ``comparable.py``) with values whose bounds do not intersect."""
    scope_sql = scoped_claims(inputs.stories)
    in_year = story_years(con, scope_sql)
    freed: list[str] = []  # listed amounts compared because they name their own measure
    bounds = shared_bounds(con, inputs, "value")
    listed_ids = listed_amounts(con, scope_sql, in_year, freed, bounds)
    listed = temp_ids(con, "_listed_amounts", listed_ids)
    freed_ids = set(freed)
    listed_nums = _listed_numbers(con, scope_sql, listed_ids, bounds)
    measure_of: dict[str, str | None] = {}
    path_of: dict[str, str] = {}
    rows = con.execute(rf"""
        WITH fig AS (
          SELECT claim_id, story, kind, predicate, subject, qualifiers, value, path,
            CASE kind
              WHEN 'money' THEN (value->>'currency') || ' ' || CAST(value_num AS VARCHAR)
              WHEN 'count' THEN CAST(value_num AS VARCHAR)
              WHEN 'share' THEN CAST(value_num AS VARCHAR)
              WHEN 'date' THEN value->>'iso'
            END AS norm,
            value_num, value->>'currency' AS currency, value_text
          FROM {scope_sql} c
          WHERE kind IN ('money', 'count', 'share', 'date')
            AND NOT (kind = 'date' AND (subject = 'date' OR value->>'precision' <> 'day'
                                        OR (value->>'iso' LIKE 'X%'
                                            AND value->>'iso' NOT LIKE 'XXXX-__-__')))
            AND claim_id NOT IN (SELECT claim_id FROM {listed}))
        -- only figures whose coarse group (currency; counted group) has two values can conflict
        SELECT * EXCLUDE (lo, hi) FROM (
          SELECT fig.*, min(norm) OVER w AS lo, max(norm) OVER w AS hi FROM fig
          WHERE norm IS NOT NULL
          WINDOW w AS (PARTITION BY story, kind, predicate,
                       CASE kind WHEN 'money' THEN currency ELSE subject END))
        WHERE lo <> hi
        ORDER BY story, kind, path, claim_id""").fetchall()
    buckets: dict[tuple, list[tuple[dict, Figure, str]]] = {}
    stated: dict[tuple, set[float]] = {}  # exact amounts of each story and currency
    for row in rows:
        if row[2] == "money" and row[9] is not None:
            stated.setdefault((row[1], row[10]), set()).add(float(row[9]))
    pages_memo: dict[tuple, set[str]] = {}

    def pages_of(story: str, kind: str, num: Decimal | float) -> set[str]:
        """The pages of a story stating a number of a kind, listed ones included."""
        key = (story, kind, float(num))
        if key not in pages_memo:
            pages_memo[key] = {d for (d,) in con.execute(
                f"SELECT DISTINCT document_id FROM {scope_sql} c WHERE coalesce(story, '') = ? "
                "AND kind = ? AND value_num = ?", [story or "", kind, float(num)]).fetchall()}
        return pages_memo[key]
    years = _event_years(rows)
    slips = _year_slips(rows)
    tolls: dict[str, list[tuple]] = {}
    cut_ids: set[str] = set()  # figures in a last sentence that stops mid-sentence
    sums: dict[str, int] = {}  # counts listed in a breakdown by group: the breakdown's sum
    broken_down = listed_tolls(con, scope_sql, bounds)
    stage_of: dict[str, str | None] = {}  # counts of charges: the trial stage each names
    stages: dict[str, set[str]] = {}  # ... and the stages each story names
    for (claim_id, story, kind, pred, subj, quals, value, _path, norm, num, currency,
         label) in rows:
        if norm is not None and kind == "date" and norm.startswith("XXXX-"):
            # a day without a year ("on May 22" on an undated page) is taken in the one year
            # the story's dated mentions of that event give; with none or several, skipped
            year = years.get((story, pred, subj))
            norm = f"{year}{norm[4:]}" if year is not None else None
        if norm is None:
            continue
        v = json.loads(value) if isinstance(value, str) else (value or {})
        q = json.loads(quals) if isinstance(quals, str) else (quals or {})
        fr = frame_of(kind, subj, v, q)
        if v.get("cut"):
            cut_ids.add(claim_id)
        if kind == "count" and isinstance(v.get("breakdown_sum"), int):
            sums[claim_id] = v["breakdown_sum"]
        if kind == "date" and (story, pred, subj, norm[5:]) in slips:
            fr["year"] = None  # the year is what differs: not a frame that keeps them apart
        else:
            fr["frame"] = frame_in_story(fr["frame"], fr["year"], in_year.get(story))
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
        if kind == "count" and fr["state"] in CASUALTY_STATES:
            # a toll rises as the hours pass: pages of different moments give different
            # figures, so a toll is compared only with the same page's (a swap is found below)
            key = (*key, _path)
            tolls.setdefault(story, []).append(
                (_path, fr["state"], num, claim_id, label, bound, fr["frame"]))
            if claim_id in broken_down:
                continue  # "300 killed in the north and 120 in the south": parts of a toll
        if kind == "count" and subj.endswith("counts"):
            stage_of[claim_id] = fr["state"]
            if fr["state"]:
                stages.setdefault(story, set()).add(fr["state"])
        measure_of[claim_id] = fr["measure"]
        path_of[claim_id] = _path
        buckets.setdefault(key, []).append(
            (fr, Figure(claim_id, norm, label, num, bound, exact=fr["exact"]), subj))
    # a freed amount (listed with others, naming its own measure) is compared only with the
    # amounts that name that same measure; the others as before, without it
    compared: list[tuple[tuple, list]] = []
    for key, items in buckets.items():
        compared.append((key, [it for it in items if it[1].claim_id not in freed_ids]))
        for m in sorted({measure_of[it[1].claim_id] or "" for it in items
                         if it[1].claim_id in freed_ids}):
            compared.append((key, [it for it in items if measure_of[it[1].claim_id] == m]))
    named = _named_holders(con, scope_sql)
    several = _several_facts(con, scope_sql)
    # the story's pages that give any figure of a kind: a figure's silent pages are among them
    story_docs = {(story, kind): n for story, kind, n in con.execute(
        f"SELECT story, kind, count(DISTINCT document_id) FROM {scope_sql} c "
        "WHERE kind IN ('money', 'count', 'share', 'date') GROUP BY ALL").fetchall()}
    tells_rounds = functools.cache(functools.partial(_tells_rounds, con, scope_sql))
    out: dict[tuple, Candidate] = {}
    gapped: list[tuple[Candidate, str, list[tuple[int, int, int]]]] = []
    for key, items in compared:
        story, kind, pred = key[0], key[1], key[2]
        quals = key[4]
        canon = canonical_names(fr for fr, _, _ in items)
        ratio = {"money": MONEY_RATIO, "count": COUNT_RATIO, "share": SHARE_RATIO}.get(kind)
        subjects: dict[str, str] = {f.claim_id: s for _, f, s in items}
        sigs = [(signature(fr, kind, canon), f) for fr, f, _ in items]
        holderless = {f.claim_id for t, f in sigs if t[2] is None and t[3] is None}
        # holders named with each number anywhere in the story, listed amounts included
        held = holders_by_value([*((f.num, t[2], t[3]) for t, f in sigs),
                                 *((num, _canon_set(g, canon), _canon_set(r, canon))
                                   for num, g, r in named.get((story, kind), ()))])
        for sig, figs in comparable_sets(sigs, held):
            vals = values_of(figs)
            if len(vals) < 2:
                continue
            groups = magnitude_groups([{"num": v.num, "norm": v.norm, "claims": v.claims,
                                        "v": v} for v in vals], ratio)
            if kind == "money":
                groups = groups + decimal_slips(vals, groups)
            groups = groups + transposed_digits(vals, functools.partial(pages_of, story, kind))
            for group in groups:
                values = conflicting([g["v"] for g in group])
                if not values:
                    continue
                if str(key[5]).startswith("other:forecast:") and len(
                        {path_of[c] for v in values for c in v.claims}) < 2:
                    continue  # one page's two forecasts are of two periods or providers
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
                if any(all(c in cut_ids for c in v.claims) for v in values):
                    cand.details["cut_off"] = True  # one side's sentence was cut short
                if kind == "count" and _within_breakdown(values, sums):
                    cand.details["within_breakdown"] = True
                if _listed_apart(values, listed_nums.get((story, kind), {}).values()):
                    cand.details["listed_apart"] = True
                cand.details["story_documents"] = story_docs.get((story, kind), 0)
                if kind == "count" and (story, key[3], sig[0] or "") in several and any(
                        all(c in holderless for c in v.claims) for v in values):
                    cand.details["several_facts"] = True
                stageless = [all(c in stage_of and stage_of[c] is None for c in v.claims)
                             for v in values]
                if len(stages.get(story, ())) >= 2 and any(stageless) and (
                        stageless.count(False) <= 1):
                    # counts of charges of a story that tells a trial's stages apart ("charged
                    # with five", "convicted on two"), the conflict resting on a side naming no
                    # stage: which tally it is is unknown
                    cand.details["stage_unknown"] = True
                if kind == "count" and key[3] in TIME_UNITS:
                    cand.details["time_unit"] = True
                if kind == "date" and subj in VOTES and tells_rounds(story):
                    cand.details["rounds"] = True
                if any(g.get("slip") for g in group):
                    cand.details["decimal_slip"] = True
                elif any(g.get("transposed") for g in group):
                    cand.details["transposed_digits"] = True
                elif kind == "money" and len(vals) >= CROWDED_KEY_VALUES:
                    # the story states this many amounts of one measure and holder: the key
                    # does not tell its facts apart (segments, forecasts, past quarters)
                    cand.details["crowded_key"] = len(vals)
                if kind == "money":
                    part = _difference_stated(values, stated.get((story, key[3]), set()))
                    if part is not None:
                        cand.details["difference_stated"] = part
                elif kind == "count":
                    gaps = count_gaps(values)
                    if gaps:
                        gapped.append((cand, story, gaps))
                # one conflict found from several signatures is reported once
                same = (story, kind, tuple(v.norm for v in values))
                if same not in out or len(cand.values) > len(out[same].values):
                    out[same] = cand
                elif cand.details.get("transposed_digits"):
                    out[same].details["transposed_digits"] = True  # the pair, found twice
    _mark_counts_apart_by_a_stated_part(con, scope_sql, gapped)
    _mark_same_line(con, list(out.values()), path_of)
    for story, story_tolls in tolls.items():
        for cand in swapped_tolls(story, story_tolls):
            out[(story, "swap", tuple(v["value"] for v in cand.values))] = cand
    return sorted(out.values(), key=lambda c: json.dumps(c.key, sort_keys=True, default=str))


# Units of time in the languages of the coverage read so far: "29 minutos", "20 ans", "zehn
# Jahren" counted as things are a minute of play, an age, a span since (the extractors read
# such figures in English; other languages' fall through to counts), never a tally to compare
TIME_UNITS = frozenset("""years days hours minutes seconds weeks months ans années jours
    heures secondes semaines mois años anos días dias horas minutos segundos semanas meses
    jahre jahren tage tagen stunden minuten sekunden wochen monate monaten anni giorni
    minuti secondi settimane mesi""".split())


# A vote held in rounds: a page that dates the first round and one that dates the runoff both
# date "the election"; where any page of the story tells of rounds, two days of a vote may be
# its two rounds
VOTES = frozenset({"election", "vote", "poll", "ballot", "referendum"})
_ROUNDS = (r"(?i)\b(?:run-?offs?|(?:first|second|final)[ -]rounds?|ballotage|ballottaggio"
           r"|segunda[ ]vuelta|segundo[ ]turno|(?:second|deuxième|premier)[ ]tour|stichwahl)\b")


def _tells_rounds(con: duckdb.DuckDBPyConnection, scope_sql: str, story: str) -> bool:
    """Whether one of the story's pages tells of a vote's rounds."""
    hit = con.execute(f"""
        SELECT 1 FROM documents d
        WHERE d.document_id IN (SELECT document_id FROM {scope_sql} c
                                WHERE coalesce(story, '') = ?)
          AND regexp_matches(d.text, ?) LIMIT 1""", [story or "", _ROUNDS]).fetchone()
    return hit is not None


SLIP_DIGITS = 3  # significant digits two amounts must share to be one written twice


def _digits(num: float) -> str:
    """The significant digits of an amount as a string: 57,010,000,000 -> "5701"."""
    return f"{num:.6f}".replace(".", "").strip("0")


def decimal_slips(vals: list, groups: list[list[dict]]) -> list[list[dict]]:
    """Pairs of amounts in different magnitude groups that are one figure with its decimal
    point moved (10, 100 or 1,000 times apart, the same SLIP_DIGITS or more significant digits:
    "$570.1 billion" for "$57.01 billion"): a slip in copying, compared although far apart
    (amounts more than 2x apart are otherwise two facts). A round figure ("$5 million" /
    "$50 million") shares too few digits to tell a slip from two facts."""
    group_of = {id(g["v"]): i for i, group in enumerate(groups) for g in group}
    out = []
    for i, a in enumerate(vals):
        for b in vals[i + 1:]:
            if not a.num or not b.num or group_of.get(id(a)) == group_of.get(id(b)):
                continue
            hi, lo = max(a.num, b.num), min(a.num, b.num)
            if not any(abs(hi / lo - k) < 1e-9 * k for k in (10.0, 100.0, 1000.0)):
                continue
            da, db = _digits(float(a.num)), _digits(float(b.num))
            if da == db and len(da) >= SLIP_DIGITS:
                out.append([{"num": v.num, "norm": v.norm, "claims": v.claims, "v": v,
                             "slip": True} for v in (a, b)])
    return out


def transposed_digits(vals: list, pages: Callable[[Decimal | float], set[str]]
                      ) -> list[list[dict]]:
    """Pairs of figures of one magnitude written with the same SLIP_DIGITS or more digits in
    another order ("549" / "459", "1,301" / "1,031"), on pages none of which states both: one
    figure with two digits swapped in copying, compared on its own (beside the group the
    figure's other values make), whatever the support of each side."""
    out = []
    for i, a in enumerate(vals):
        for b in vals[i + 1:]:
            if not a.num or not b.num or a.num == b.num:
                continue
            da, db = _digits(float(a.num)), _digits(float(b.num))
            if len(da) < SLIP_DIGITS or sorted(da) != sorted(db) or da == db or (
                    len(str(int(a.num))) != len(str(int(b.num)))):
                continue
            if pages(a.num) & pages(b.num):
                continue  # a page states both (of any measure): two figures of its own
            out.append([{"num": v.num, "norm": v.norm, "claims": v.claims, "v": v,
                         "transposed": True} for v in (a, b)])
    return out


def _mark_same_line(con: duckdb.DuckDBPyConnection, cands: list[Candidate],
                    path_of: dict[str, str]) -> None:
    """Mark (details ``same_line``) a two-valued conflict whose odd value's every page also
    states the common value in the same line (one paragraph): its writer set the two figures
    side by side as two facts ("11 and 12 states", an equity and an enterprise value), where
    figures far apart on one page may be a slip (a headline's figure against the body's)."""
    odd_of: dict[int, tuple[list[str], list[str]]] = {}
    for i, c in enumerate(cands):
        if len(c.values) != 2:
            continue
        sides = [[cl for cl, _ in v["claims"]] for v in c.values]
        pages = [{path_of.get(cl, "") for cl in side} for side in sides]
        odd, common = sorted(range(2), key=lambda k: (len(pages[k]), sorted(pages[k])))
        if pages[odd] <= pages[common] and len(pages[common]) > 1:
            odd_of[i] = (sides[odd], sides[common])
    if not odd_of:
        return
    ids = sorted({cl for a, b in odd_of.values() for cl in a + b})
    lines: dict[str, set[int]] = {}
    for cl, line in con.execute(
            "SELECT cs.claim_id, s.line FROM claim_spans cs JOIN spans s USING (span_id) "
            "WHERE cs.role = 'value' AND cs.claim_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids]).fetchall():
        lines.setdefault(cl, set()).add(int(line))
    for i, (odd_claims, common_claims) in odd_of.items():
        placed = {(path_of.get(cl, ""), n) for cl in common_claims for n in lines.get(cl, ())}
        if all(any((path_of.get(cl, ""), n) in placed for n in lines.get(cl, ()))
               for cl in odd_claims):
            cands[i].details["same_line"] = True


TOTAL_SLACK = 0.01  # a listed total may be its rounded parts' sum ("$10.4m": $10m + $350,000)
_ROW_MARK = re.compile(r"[ \t]*(?:[\u2022\u00b7\u25aa\u25cf*\u2013\u2014-]|\d{1,2}[.)])[ \t]")


SEVERAL_FACTS_VALUES = 2  # a page giving this many values of one counted noun ...
SEVERAL_FACTS_PAGES = 2  # ... and this many such pages: the noun counts several things


def _several_facts(con: duckdb.DuckDBPyConnection, scope_sql: str
                   ) -> set[tuple[str, str, str]]:
    """(story, counted noun, what happened to it) that several pages each count with several
    values ("37 seats", "25 seats" for two parties): in the writers' own view the noun stands for
    several facts, so two pages' figures that name no holder are most likely of different
    holders."""
    return {(story, subject, state) for story, subject, state in con.execute(f"""
        SELECT story, subject, state FROM (
          SELECT story, subject, coalesce(value->>'state', '') AS state, document_id
          FROM {scope_sql} c
          WHERE kind = 'count' AND value_num IS NOT NULL
          GROUP BY ALL HAVING count(DISTINCT value_num) >= {SEVERAL_FACTS_VALUES})
        GROUP BY ALL HAVING count(*) >= {SEVERAL_FACTS_PAGES}""").fetchall()}


def _listed_numbers(con: duckdb.DuckDBPyConnection, scope_sql: str, listed: list[str],
                    bounds: str | None = None) -> dict[tuple, dict[str, set[float]]]:
    """(story, kind) -> document -> the numbers that page lists as rows of a breakdown: listed
    amounts (see ``listed_amounts``) each on a line of its own that opens with a list mark or
    is a short fragment ("- Name, role: $120 million"). Amounts listed inside one sentence are
    left out: a sentence states a total with its parts as often as separate items."""
    out: dict[tuple, dict[str, set[float]]] = {}
    for doc, text, rows in by_document(con, f"""
            SELECT DISTINCT c.document_id, c.story, c.kind, c.value_num, b.s0, b.s1
            FROM {scope_sql} c JOIN {bounds or span_bounds('value')} b USING (claim_id)
            WHERE claim_id IN (SELECT unnest(?::VARCHAR[])) AND c.value_num IS NOT NULL
            ORDER BY ALL""", [sorted(set(listed))]):
        for _doc, story, kind, num, s0, s1 in rows:
            if _on_fragment(text, s0, s1) or _ROW_MARK.match(text, text.rfind("\n", 0, s0) + 1):
                out.setdefault((story, kind), {}).setdefault(doc, set()).add(float(num))
    return out


def _listed_apart(values: list, pages: Iterable[set[float]]) -> bool:
    """Whether one page lists two of the conflicting values as rows of a breakdown (see
    ``_listed_numbers``), neither of them the total of that page's other rows."""
    nums = {float(v.num) for v in values if v.num is not None}
    for listed in pages:
        both = nums & listed
        if len(both) < 2:
            continue
        top = max(listed)
        if top in both and abs(top - (sum(listed) - top)) <= TOTAL_SLACK * top:
            continue
        return True
    return False


# Only a figure with another of its document starting less than LISTED_WITHIN from its own
# start can be listed with one (``listed_in`` and ``own_measures`` look no further, and an
# isolated figure lies in no other's window): the others are not read.
_NEIGHBOURED = f"""
            WINDOW w AS (PARTITION BY document_id ORDER BY s0, claim_id)
            QUALIFY s0 - lag(s0) OVER w < {LISTED_WITHIN}
                 OR lead(s0) OVER w - s0 < {LISTED_WITHIN}"""


def _within_breakdown(values: list[Value], sums: dict[str, int]) -> bool:
    """One value is a row of a breakdown by group ("120 passengers, 6 infants, 2 pilots and 4
    crew") and every other value lies above it and within the breakdown's sum ("130
    passengers"): most likely a count of some of the other groups with it, loosely named."""
    for v in values:
        top = max((sums[c] for c in v.claims if c in sums), default=None)
        if top is None or v.num is None:
            continue
        if all(o.num is not None and v.num < o.num <= top for o in values if o is not v):
            return True
    return False


def listed_tolls(con: duckdb.DuckDBPyConnection, scope_sql: str,
                 bounds: str | None = None) -> set[str]:
    """Casualty counts stated together with another one of one page (one sentence, or a run of
    table rows): a breakdown by place or by group, not the toll restated."""
    states = ", ".join(f"'{s}'" for s in sorted(CASUALTY_STATES))
    out: set[str] = set()
    for _doc, text, rows in by_document(con, f"""
            SELECT * FROM (
              SELECT DISTINCT c.document_id, c.claim_id, b.s0, b.s1
              FROM {scope_sql} c JOIN {bounds or span_bounds('value')} b USING (claim_id)
              WHERE c.kind = 'count' AND c.value->>'state' IN ({states}))
            {_NEIGHBOURED}
            ORDER BY document_id, s0, claim_id"""):
        hit = listed_in(text, [(r[2], r[3]) for r in rows])
        out.update(r[1] for r, h in zip(rows, hit, strict=True) if h)
    return out


def _named_holders(con: duckdb.DuckDBPyConnection, scope_sql: str
                   ) -> dict[tuple, list[tuple[float, list[str], list[str]]]]:
    """(story, kind) -> (number, givers, receivers) of every amount and count that names a
    holder, listed ones included ("$300 million from the state, $90 million from the
    county" says whose $300 million is, though it is not compared itself)."""
    out: dict[tuple, list[tuple[float, list[str], list[str]]]] = {}
    for story, kind, num, gives, gets in con.execute(f"""
            SELECT story, kind, value_num, value->'holder'->'gives', value->'holder'->'gets'
            FROM {scope_sql} c
            WHERE kind IN ('money', 'count') AND value_num IS NOT NULL
              AND (json_array_length(value->'holder'->'gives') > 0
                   OR json_array_length(value->'holder'->'gets') > 0)""").fetchall():
        g = json.loads(gives) if isinstance(gives, str) else (gives or [])
        r = json.loads(gets) if isinstance(gets, str) else (gets or [])
        out.setdefault((story, kind), []).append((float(num), list(g), list(r)))
    return out


def _canon_set(names: list[str], canon: dict[str, str]) -> frozenset[str] | None:
    return frozenset(canon.get(n, n) for n in names) or None


def _specific(num: float | None) -> bool:
    """A figure precise enough to recognise when it reappears (2,137; not 2,000 or 12)."""
    return num is not None and num >= 20 and float(num).is_integer() and int(num) % 10 != 0


def swapped_tolls(story: str, figs: list[tuple]) -> list[Candidate]:
    """A toll given for the wrong group: one page gives X killed where the other pages of that
    update give X injured and another figure Y killed (the dead and the injured swapped).
    ``figs``: (document, state, number, claim, label, bound, frame) of the story's tolls.
    Only specific numbers (not round) count: a round figure recurs by chance."""
    docs: dict[tuple[float, str], set[str]] = {}
    for doc, state, num, _c, _l, _b, frame in figs:
        if frame == "event" and _specific(num):
            docs.setdefault((float(num), state), set()).add(doc)
    out: list[Candidate] = []
    for (x, a), docs_a in sorted(docs.items()):
        for (x2, b), docs_b in sorted(docs.items()):
            if x2 != x or b == a or docs_a & docs_b or len(docs_b) <= len(docs_a):
                continue
            # what the majority's pages give as the group ``a``: the figure most pages give
            ys = {float(n) for d, st, n, _c, _l, _b, fr in figs
                  if st == a and d in docs_b and fr == "event" and n is not None
                  and float(n) != x}
            if not ys:
                continue
            y = max(ys, key=lambda v: (len({d for d, st, n, *_r in figs if st == a and n == v
                                            and d not in docs_a}), v))
            wrong = [(c, lab) for d, st, n, c, lab, _b, fr in figs
                     if st == a and d in docs_a and n is not None and float(n) == x]
            right = [(c, lab) for d, st, n, c, lab, _b, fr in figs
                     if st == a and fr == "event" and n is not None and float(n) == y
                     and d not in docs_a]
            if not wrong or not right:
                continue
            values = sorted([(f"{int(x)} ({a})", wrong), (f"{int(y)} ({a})", right)])
            out.append(Candidate(
                check="value-conflict",
                judged={"n_values": 2},
                key=["count", "count", a, "swapped", [v for v, _ in values], story],
                headline=f"count of '{a}' differs: {int(x)} is the {b} figure elsewhere",
                values=[{"value": v, "claims": [(c, ("value",)) for c, _ in cl]}
                        for v, cl in values],
                details={"kind": "count", "subject": a, "swapped": {
                    "value": int(x), "given_as": a, "elsewhere_as": b}},
            ))
    return out


def _years_of_days(rows: list[tuple], by_day: bool) -> dict[tuple, set[str]]:
    """The years the dated days of each (story, predicate, subject) name; ``by_day``: keyed
    by month-day too."""
    seen: dict[tuple, set[str]] = {}
    for row in rows:
        if row[2] == "date" and row[8] and not row[8].startswith("X"):
            key = (row[1], row[3], row[4], row[8][5:]) if by_day else (row[1], row[3], row[4])
            seen.setdefault(key, set()).add(row[8][:4])
    return seen


def _event_years(rows: list[tuple]) -> dict[tuple, int]:
    """(story, predicate, subject) -> the year of its dated days, when they name only one."""
    return {k: int(next(iter(v))) for k, v in _years_of_days(rows, False).items()
            if len(v) == 1}


def _year_slips(rows: list[tuple]) -> set[tuple]:
    """(story, predicate, subject, month-day) of event days stated with two or more years
    ("sentencing on March 28, 2023" and "... March 28, 2024"): one year is a slip, so these
    days are compared whatever the story's year (a day of another year is otherwise
    background)."""
    return {k for k, v in _years_of_days(rows, True).items() if len(v) >= 2}


def _difference_stated(values: list, amounts: set[float]) -> float | None:
    """When the gap between two of the amounts is itself an amount the story states (within
    2 %), they are more likely a part and a total ("$100M from one, $150M from both") than one
    figure misstated: that amount, else None."""
    nums = sorted({float(v.num) for v in values if v.num is not None and v.num > 0})
    for i, low in enumerate(nums):
        for high in nums[i + 1:]:
            gap = high - low
            hit = next((x for x in sorted(amounts) if abs(x - gap) <= 0.02 * gap), None)
            if hit is not None:
                return hit
    return None


COUNT_GAP_MIN = 10  # smaller gaps ("5" vs "7": a "2" stands on most pages) prove nothing


def count_gaps(values: list) -> list[tuple[int, int, int]]:
    """(low, high, gap) for each pair of whole counts whose gap could be a stated part."""
    nums = sorted({int(v.num) for v in values
                   if v.num is not None and v.num > 0 and float(v.num).is_integer()})
    return [(low, high, high - low) for i, low in enumerate(nums) for high in nums[i + 1:]
            if high - low >= COUNT_GAP_MIN and high - low != low]


def _mark_counts_apart_by_a_stated_part(con: duckdb.DuckDBPyConnection, scope_sql: str,
                                        gapped: list) -> None:
    """Two counts whose gap a page stating one of them also states as a count, whatever it
    counts ("470 firm orders and 370 options", then "this order of 840 aircraft"), are a part
    and its total, not one count misstated (details ``difference_stated``). One query over the
    numbers involved, so the cost does not grow with the number of conflicts."""
    if not gapped:
        return
    nums = sorted({n for _, _, gaps in gapped for t in gaps for n in t})
    pages: dict[tuple[str, int], set[str]] = {}
    for story, num, doc in con.execute(
            f"SELECT DISTINCT coalesce(story, ''), value_num, document_id FROM {scope_sql} c "
            f"WHERE kind = 'count' AND value_num IN ({', '.join(map(str, nums))})").fetchall():
        pages.setdefault((story, int(num)), set()).add(doc)
    for cand, story, gaps in gapped:
        def on(n: int, story: str = story or "") -> set[str]:
            return pages.get((story, n), set())
        for low, high, gap in gaps:
            if on(gap) & (on(low) | on(high)):
                cand.details["difference_stated"] = gap
                break


def _most_common(items) -> str:
    counts: dict[str, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    return min(counts, key=lambda x: (-counts[x], x)) if counts else "amount"


def story_years(con: duckdb.DuckDBPyConnection, scope_sql: str) -> dict[str, int]:
    """The year of each story's event: the year its dated days name most often. Where two
    years are named equally often the story has none (SQL ``mode`` would pick one of them by
    the order rows happen to be stored in, so two engines, or two loads, would disagree)."""
    tally: dict[str, list[tuple[int, int]]] = {}
    for story, year, n in con.execute(f"""
            SELECT story, TRY_CAST(value->>'year' AS INTEGER) AS year, count(*)
            FROM {scope_sql} c
            WHERE kind = 'date' AND value->>'precision' = 'day' AND value->>'iso' NOT LIKE 'X%'
              AND story IS NOT NULL AND year IS NOT NULL
            GROUP BY ALL""").fetchall():
        tally.setdefault(story, []).append((int(n), int(year)))
    out: dict[str, int] = {}
    for story, counts in tally.items():
        top = max(n for n, _ in counts)
        years = [y for n, y in counts if n == top]
        if len(years) == 1:
            out[story] = years[0]
    return out


def frame_in_story(frame: str, year: int | None, story_year: int | None) -> str:
    """A figure of another year than its story's event ("$39,900 in 2019" in a story of
    2023; "the final bill came to $12bn when the merger closed in 2024" in a story of 2022) is
    background or a later development, even when its page has no date to tell the extractor
    so: it is compared only with figures of that year."""
    if frame == "event" and year is not None and story_year is not None and year != story_year:
        return "other"
    return frame


def listed_amounts(con: duckdb.DuckDBPyConnection, scope_sql: str,
                   years: dict[str, int] | None = None,
                   freed: list[str] | None = None, bounds: str | None = None) -> list[str]:
    """Amounts (and percentages, each among their own kind) stated as parts or alternatives of
    one statement, not one fact restated: two less than LISTED_WITHIN apart with no sentence
    end between them, or a run of fragments (the rows of a table); a paragraph break ends a
    statement otherwise (a headline's amount is not a part of the body's); an amount about
    this event and one about another time are never listed together. Each is paired only with
    those inside that window of its document, read in order: linear in their number.
    Percentages: "North America sales grew 11%, while international sales grew 14%" are two
    segments' rises, whatever their shared measure."""
    out: list[str] = []
    for kind in ("money", "share"):
        out.extend(_listed_of_kind(con, scope_sql, kind, years, freed, bounds))
    return out


def _listed_of_kind(con: duckdb.DuckDBPyConnection, scope_sql: str, kind: str,
                    years: dict[str, int] | None, freed: list[str] | None,
                    bounds: str | None) -> list[str]:
    out: list[str] = []
    for _doc, text, rows in by_document(con, f"""
            SELECT * FROM (
              SELECT DISTINCT c.document_id, c.claim_id, b.s0, b.s1,
                     coalesce(c.value->>'frame', 'event') AS frame,
                     TRY_CAST(c.value->>'year' AS INTEGER) AS year, c.story,
                     c.value->>'measure' AS measure
              FROM {scope_sql} c JOIN {bounds or span_bounds('value')} b USING (claim_id)
              WHERE c.kind = '{kind}')
            {_NEIGHBOURED}
            ORDER BY document_id, s0, claim_id"""):
        frames = []
        for r in rows:
            frame = frame_in_story(r[4], r[5], (years or {}).get(r[6]))
            frames.append("event" if frame == "event" else f"other:{r[5] or ''}")
        spans = [(r[2], r[3]) for r in rows]
        hit = listed_in(text, spans, frames)
        own = own_measures(text, spans, [r[7] for r in rows], hit)
        out.extend(r[1] for r, h, o in zip(rows, hit, own, strict=True) if h and not o)
        if freed is not None:
            freed.extend(r[1] for r, h, o in zip(rows, hit, own, strict=True) if h and o)
    return out


def own_measures(text: str, amounts: list[tuple[int, int]], measures: list[str | None],
                 hit: list[bool]) -> list[bool]:
    """For listed amounts of one document (sorted by start), whether each names a measure
    that no amount listed with it names ("$550 million in compensatory damages and $4.14
    billion in punitive damages"): the words say which fact each one is, so it is compared
    like an amount standing alone."""
    own = [False] * len(amounts)
    for i, (a0, a1) in enumerate(amounts):
        if not hit[i] or not measures[i]:
            continue
        own[i] = True
        # only the neighbours inside the window (amounts are sorted by start): linear
        lo = i
        while lo > 0 and a0 - amounts[lo - 1][0] < LISTED_WITHIN:
            lo -= 1
        hi = i
        while hi + 1 < len(amounts) and amounts[hi + 1][0] - a0 < LISTED_WITHIN:
            hi += 1
        for j in range(lo, hi + 1):
            b0, b1 = amounts[j]
            if j == i or measures[j] != measures[i]:
                continue
            if not SENTENCE_OR_PARAGRAPH_END.search(between(text, min(a1, b1), max(a0, b0))):
                own[i] = False
                break
    return own


def _on_fragment(text: str, s0: int, s1: int) -> bool:
    """Whether the line the amount text[s0:s1] stands on is a fragment (a table cell, a
    headline, a short "Funder: $20m" line): short, and ending no sentence."""
    before, after = line_around(text, s0, s1, FRAGMENT_CHARS)
    return (len(before) + (s1 - s0) + len(after) <= FRAGMENT_CHARS
            and not SENTENCE_END.search(before + after))


def listed_in(text: str, amounts: list[tuple[int, int]],
              frames: list[str] | None = None) -> list[bool]:
    """For amounts (start, end) of one document sorted by start, whether each is listed with
    another (see :func:`listed_amounts`). With ``frames`` (each amount's time frame), amounts
    of two frames are not listed together: "$60,990, up from $39,900 in 2019" compares this
    event's price with an earlier one, each a fact of its own."""
    # the line an amount stands on is a fragment (a table cell, a headline, a short
    # "Funder: $20m" line) when it is short and ends no sentence
    frag = [_on_fragment(text, s0, s1) for s0, s1 in amounts]
    hit = [False] * len(amounts)
    for i, (a0, a1) in enumerate(amounts):
        for j in range(i + 1, len(amounts)):
            b0, b1 = amounts[j]
            if b0 - a0 >= LISTED_WITHIN:
                break
            if hit[i] and hit[j]:
                continue
            if frames is not None and frames[i] != frames[j]:
                continue
            ends = SENTENCE_END if frag[i] and frag[j] else SENTENCE_OR_PARAGRAPH_END
            if not ends.search(between(text, min(a1, b1), max(a0, b0))):
                hit[i] = hit[j] = True
    return hit


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
        group: list[dict] = [anchor]
        keep: list[dict] = []
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
