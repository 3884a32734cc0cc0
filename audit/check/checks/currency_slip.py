"""currency-slip: one amount stated with the same number in two currencies ("a £25m fee" in
most sources, "a €25 million fee" in one). A converted amount changes its number; the same
number under another currency sign is a currency written wrong (a rewrite that swapped the
sign or the word), a classic copy error that value-conflict cannot see, since it compares
amounts within one currency.

Compared: amounts of one frame (about the event, or background of one year), not per unit,
of at least MIN_AMOUNT, whose measures agree (or one says none), in two currencies of one
story, each stated by some document that does not state the other; the odd currency is the one
fewer documents state; with three currencies, each odd one is set against the most stated
one (unless one page states the number in three: a table of conversions). A page stating the
number in both currencies side by side (within
TOGETHER characters: "a €40m bid, then £40m") takes them for two amounts and rules the pair
out; a page stating them apart contradicts itself and is reported. Reported as a warning: a
round number under two signs is sometimes two facts. A side whose every mention is a lower
bound ("more than €1bn" beside "£1bn") is marked ``lower_bound``: that is how writers render an
amount converted from a stronger currency (the converted number is larger and they round it
down), so confidence weakens it (see ``audit/check/confidence.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.check.texts import by_document, line_around

NAME = "currency-slip"
CLASS = "value-conflict"
SCOPE = "story"
JUDGED = ("currencies",)
DESCRIPTION = "One amount stated with the same number in two currencies (a currency written wrong)."
SEVERITY = "warning"
ORDER = 21
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "warning",
           "An amount's number is stated in one currency only",
           column="currencies", max_value=1.0),
)

MIN_AMOUNT = 1_000_000.0  # small prices ("$5", "€5") match across currencies by chance
CONTEXT_REACH = 80  # characters each side of an amount, within its line, that say what it is
# Words around an amount that say nothing of what it is: how writers state any amount
_NOT_TOPIC = frozenset("""
    that this these those with from into have been will would could should which their there
    were said says also about more than over under some such what when where after before
    billion billions million millions trillion crore crores lakh dollars dollar rupees rupee
    euros euro pounds pound sterling yuan worth amount total year years next last first
    """.split())
_WORD = re.compile(r"[^\W\d_]{4,}")
TOGETHER = 160  # characters: one page's two amounts this close are one statement of two
LOWER_BOUNDS = frozenset({"more_than", "at_least", "just_over"})


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Numbers of a story stated in two currencies by different documents."""
    scope_sql = scoped_claims(inputs.stories)
    rows = con.execute(f"""
        SELECT c.story, c.value_num, c.value->>'currency' AS cur, c.document_id, c.claim_id,
               c.value_text,
               nullif(regexp_extract(coalesce(c.value->>'measure', ''), '(\\S+)$'), ''),
               coalesce(c.value->>'frame', 'event') || ':' || coalesce(c.value->>'year', ''),
               min(s.start_char), coalesce(c.value->>'approx', 'exact'),
               bool_and(s.exact LIKE '$%') AS bare
        FROM {scope_sql} c JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
        WHERE c.kind = 'money' AND c.value_num >= {MIN_AMOUNT} AND cs.role = 'value'
          AND c.qualifiers->>'per' IS NULL AND c.qualifiers->>'move' IS NULL
          AND (c.story, c.value_num) IN (
            SELECT story, value_num FROM {scope_sql}
            WHERE kind = 'money' AND value_num >= {MIN_AMOUNT}
            GROUP BY ALL HAVING count(DISTINCT value->>'currency') > 1)
        GROUP BY ALL
        ORDER BY 1, 2, 3, 5""").fetchall()
    # (story, number, frame) -> currency -> (documents, claims, labels, measure families,
    # how each claim bounds the number); and where each page states the number in each currency
    by_number: dict[tuple, dict[str, tuple[set, list, list, set, set]]] = defaultdict(dict)
    at: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    marked: dict[tuple, set[str]] = defaultdict(set)  # currencies written with more than "$"
    for story, num, cur, doc, claim, label, fam, frame, start, approx, bare in rows:
        key = (story, float(num), frame)
        if not bare:
            marked[key].add(cur)
        docs, claims, labels, fams, approxes = by_number[key].setdefault(
            cur, (set(), [], [], set(), set()))
        approxes.add(approx)
        docs.add(doc)
        claims.append(claim)
        if label not in labels:
            labels.append(label)
        if fam:
            fams.add(fam)
        at[(key, doc)][cur].append(int(start))
    out = []
    sides: list[list[list[tuple[str, int]]]] = []  # each pair's mentions (page, start), by side
    for key, by_cur in sorted(by_number.items(), key=lambda kv: str(kv[0])):
        story, num, _frame = key
        if any(len(at[(key, doc)]) > 2 for docs in by_cur.values() for doc in docs[0]):
            continue  # one page with three currencies for one number: a table of conversions
        ranked = sorted(by_cur.items(), key=lambda kv: (-len(kv[1][0]), kv[0]))
        (ca, a) = ranked[0]
        for cb, b in ranked[1:]:
            if _bare_dollar(ca, cb, marked[key]):
                continue
            cand = _pair(key, ca, a, cb, b, at)
            if cand is not None:
                out.append(cand)
                sides.append([[(doc, x) for doc in sorted(side[0]) for x in at[(key, doc)][cur]]
                              for cur, side in ((ca, a), (cb, b))])
    for cand, words in zip(out, _context_words(con, sides), strict=True):
        if all(len(w) >= 2 for w in words) and not words[0] & words[1]:
            cand.details["other_context"] = True
    return out


def _context_words(con: duckdb.DuckDBPyConnection, sides: list[list[list[tuple[str, int]]]]
                   ) -> list[list[set[str]]]:
    """For each pair, each side's topic words (their first five letters) around its mentions:
    "allocated for solar tubewells" and "the export target" say two amounts are two facts."""
    out: list[list[set[str]]] = [[set(), set()] for _ in sides]
    mentions = [(doc, start, i, j) for i, pair in enumerate(sides)
                for j, side in enumerate(pair) for doc, start in side]
    if not mentions:
        return out
    cols = list(zip(*sorted(mentions), strict=True))
    sql = ("SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS d, unnest(?::INT[]) AS s, "
           "unnest(?::INT[]) AS i, unnest(?::INT[]) AS j) ORDER BY d, s, i, j")
    for _doc, text, rows in by_document(con, sql, [list(c) for c in cols]):
        for _d, start, i, j in rows:
            before, after = line_around(text, start, start, CONTEXT_REACH)
            out[i][j].update(w[:5] for w in _WORD.findall((before + " " + after).lower())
                             if w not in _NOT_TOPIC)
    return out


_DOLLARS = frozenset({"USD", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "JMD", "TTD", "BSD",
                      "BBD", "FJD", "LRD", "NAD", "ZWL", "BZD", "BND", "GYD", "SRD", "XCD"})


def _bare_dollar(ca: str, cb: str, marked: set[str]) -> bool:
    """Whether one side of a pair of dollars is only ever a bare "$", read as the US dollar by
    default: on a page about another dollar's country ("$1.5 million" beside "A$1.5 million")
    it is that dollar, so the same number is no slip."""
    return {ca, cb} <= _DOLLARS and "USD" in (ca, cb) and "USD" not in marked


def _pair(key: tuple, ca: str, a: tuple, cb: str, b: tuple, at: dict) -> Candidate | None:
    """The most stated currency ``ca`` against another, ``cb``: a slip, or None."""
    story, num, _frame = key
    if a[0] <= b[0] or b[0] <= a[0] or (a[3] and b[3] and not a[3] & b[3]):
        return None  # no page on one side only; or they measure different things
    if any(abs(x - y) < TOGETHER for doc in a[0] & b[0]
           for x in at[(key, doc)][ca] for y in at[(key, doc)][cb]):
        return None  # stated side by side: the writer holds them for two amounts
    return Candidate(
        check=NAME,
        judged={"currencies": 2},
        key=["money", num, sorted([ca, cb])] + ([story] if story else []),
        headline=f"amount {num:,.0f} stated in two currencies ({cb} where most say {ca})",
        values=[{"value": a[2][0], "claims": [(c, ("value",)) for c in a[1]]},
                {"value": b[2][0], "claims": [(c, ("value",)) for c in b[1]]}],
        details={"number": num, "currency": ca, "odd_currency": cb,
                 **({"lower_bound": True} if any(side[4] <= LOWER_BOUNDS for side in (a, b))
                    else {})},
    )
