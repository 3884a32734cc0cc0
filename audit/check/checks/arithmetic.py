"""arithmetic: parts stated in one sentence that add up to more than the stated total (a total
written round allows half its last digit: "$4.7 billion" for parts of $4.707 billion).

One sentence: no sentence end, no paragraph break and no line break that does not wrap a
sentence (``audit.text.runs_on``) between the parts: the rows of a price table or a list
("128GB - $799" / "256GB - $899") are items side by side, not parts of one total; nor are two
amounts joined by "and" alone ("the two models cost $799 and $899": one each); nor amounts in
zones of two kinds, such as a headline's and the lead's on the next line (one amount told
twice)."""

from __future__ import annotations

import bisect
import re

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims, shared_bounds
from audit.check.checks import expect
from audit.check.texts import SENTENCE_END, SENTENCE_OR_PARAGRAPH_END, by_document
from audit.text import runs_on

NAME = "arithmetic"
CLASS = "arithmetic"
SCOPE = "story"
JUDGED = ("parts_total", "stated_total")
DESCRIPTION = "Parts that exceed or do not add up to a stated total."
SEVERITY = "warning"
ORDER = 70
EXPECTATIONS = (
    expect("expect_column_pair_values_a_to_be_greater_than_b", "warning",
           "Parts do not add up to more than the stated total",
           column_A="stated_total", column_B="parts_total", or_equal=True),
)


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """Parts that exceed the total the sources state.

    The total of a currency is the exact amount stated by the most documents, when no larger
    amount is stated by two documents or more (else the story lists prices or items side by
    side and has no total the parts could exceed). Parts and totals
    are figures about the event (not background) measuring the same thing (or not saying what
    they measure). Parts are either
    several exact amounts in one sentence ("CMU gets $70 million and UW $50 million") or a
    per-unit amount times a count in its sentence ("each of the two partnerships receives
    $60 million").
    """
    scope_sql = scoped_claims(inputs.stories)
    bounds = shared_bounds(con, inputs, "value")
    money = rf"""
          SELECT DISTINCT c.claim_id, c.document_id, c.story,
                 c.story || '|' || (c.value->>'currency') AS currency,
                 c.value_num,
                 c.qualifiers->>'per' AS per, c.value_text, b.s0, b.s1,
                 -- the family a figure measures ("punitive damages" -> "damages"), if read
                 regexp_extract(c.value->>'measure', '(\S+)$') AS fam,
                 coalesce(c.value->>'part', 'false') = 'true' AS part, c.zone_kind
          FROM {scope_sql} c JOIN {bounds} b USING (claim_id)
          WHERE c.kind = 'money' AND c.value_num IS NOT NULL
            AND coalesce(c.value->>'approx', 'exact') = 'exact'
            -- background figures (last year's, an earlier programme's) are no parts or totals
            AND coalesce(c.value->>'frame', 'event') = 'event'"""
    # the total is also the largest amount that several documents state: where a larger one
    # is stated twice or more, the most stated amount is one item among others (a price list:
    # "$799 and $899" beside a $1,099 model), not a total that parts can exceed
    totals = {cur: (total, fam) for cur, total, fam, largest in con.execute(f"""
        WITH m AS ({money}),
        -- each amount's most named family; a tie goes to the first by name (SQL's mode
        -- would pick by the order rows happen to be stored in: engines would disagree)
        fams AS (
          SELECT currency, value_num, fam FROM (
            SELECT currency, value_num, fam, count(*) AS n FROM m
            WHERE per IS NULL AND nullif(fam, '') IS NOT NULL GROUP BY ALL)
          QUALIFY row_number() OVER (PARTITION BY currency, value_num
                                     ORDER BY n DESC, fam) = 1),
        amounts AS (
          SELECT currency, value_num, count(DISTINCT document_id) AS docs
          FROM m WHERE per IS NULL GROUP BY currency, value_num)
        SELECT currency, value_num AS total, fams.fam,
               max(CASE WHEN docs > 1 THEN value_num END) OVER (PARTITION BY currency)
        FROM amounts LEFT JOIN fams USING (currency, value_num)
        QUALIFY row_number() OVER (PARTITION BY currency
                                   ORDER BY docs DESC, value_num DESC) = 1""").fetchall()
        if largest is None or total >= largest}
    if not totals:
        return []
    rows = []
    # parts are paired within one document and a bounded window of characters: each amount
    # with the amounts that follow it within PART_WITHIN, the counts within COUNT_WITHIN
    for doc, text, items in by_document(con, f"""
            WITH m AS ({money}),
            counts AS (
              SELECT DISTINCT c.claim_id, c.document_id, c.value_num AS n, b.s0
              FROM {scope_sql} c JOIN {bounds} b USING (claim_id)
              WHERE c.kind = 'count' AND c.predicate = 'count'),
            -- the documents holding a pair _parts may take (an amount with one of its currency
            -- after it within PART_WITHIN, a per-unit amount with a count within COUNT_WITHIN):
            -- only theirs are read
            paired AS (
              SELECT a.document_id FROM m a
              JOIN m b ON b.document_id = a.document_id
                      AND b.currency IS NOT DISTINCT FROM a.currency
                      AND b.s0 > a.s1 AND b.s0 - a.s1 < {PART_WITHIN}
              WHERE a.per IS NULL AND b.per IS NULL
              UNION
              SELECT a.document_id FROM m a
              JOIN counts n ON n.document_id = a.document_id
                           AND n.s0 > a.s0 - {COUNT_WITHIN} AND n.s0 - a.s0 < {COUNT_WITHIN}
              WHERE a.per = 'each')
            SELECT document_id, 'm', claim_id, value_num, currency, per, value_text, s0, s1,
                   nullif(fam, ''), part, zone_kind
            FROM m WHERE document_id IN (SELECT document_id FROM m WHERE currency IN
                                         (SELECT unnest(?::VARCHAR[])))
              AND document_id IN (SELECT document_id FROM paired)
            UNION ALL
            SELECT document_id, 'n', claim_id, n, NULL, NULL, NULL, s0, NULL, NULL, NULL, NULL
            FROM counts
            WHERE document_id IN (SELECT document_id FROM m WHERE per = 'each')
              AND document_id IN (SELECT document_id FROM paired)
            ORDER BY 1, 8, 3""", [sorted(totals)]):
        rows.extend(_parts(doc, text, items, totals))
    rows.sort(key=lambda r: r[-1])
    out = []
    for (a_id, _doc, a_val, story_cur, per, a_text, b_id, b_val, b_text, n_id, n,
         total, _order) in rows:
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
            # a total written round may be the parts' sum rounded ("$4.7 billion" for $4.61
            # billion plus $96.9 million): it holds up to half its last digit more
            judged={"parts_total": parts, "stated_total": total + rounding_slack(total)},
            key=[cur, total, sorted([a_text, b_text or "", str(n or "")])]
            + ([story] if story else []),
            headline=f"parts add up to {parts:,.0f} {cur}, more than the stated total",
            values=[{"value": label, "claims": claims},
                    {"value": f"{total:,.0f} {cur} (total stated most often)", "claims": []}],
            details={"parts": parts, "total": total, "currency": cur},
        ))
    return out


ROUNDING_CAP = 0.025  # a round total stands for at most this much more (as in frames.bound)


def rounding_slack(total: float) -> float:
    """Half the last significant digit of a total written round ("4,700,000,000": 50 million),
    at most ROUNDING_CAP of it; 0 for a total with cents or no trailing zero."""
    if total != int(total) or total < 10:
        return 0.0
    digits = str(int(total))
    zeros = len(digits) - len(digits.rstrip("0"))
    return min(10 ** zeros / 2, ROUNDING_CAP * total) if zeros else 0.0


PART_WITHIN = 200  # characters from the end of one amount to the start of the next part
COUNT_WITHIN = 120  # characters between a per-unit amount and its count
# A document that states, shortly before its parts, an amount at least their sum has given
# their own total ("$52.7 billion. This includes $39 billion ... and $13.2 billion"): the parts
# are that total's, not the story's most stated one.
OWN_TOTAL_WITHIN = 400


def _parts(doc: str, text: str, items: list[tuple], totals: dict) -> list[tuple]:
    """One document's (amount, next part) and (per-unit amount, count) pairs below the total,
    with no sentence end between them; each row ends with its sort key."""
    money = [r for r in items if r[1] == "m"]
    counts = [r for r in items if r[1] == "n"]
    count_starts = [r[7] for r in counts]
    out = []
    for i, (_, _, a_id, a_val, cur, per, a_text, a0, a1, a_fam, _, zone) in enumerate(money):
        total, t_fam = totals.get(cur, (None, None))
        if total is None or not a_val < total:
            continue
        if a_fam and t_fam and a_fam != t_fam:  # parts of one total measure the same thing
            continue
        if per is None:
            for k in range(i + 1, len(money)):  # (an index: a slice would copy the rest)
                b_id, b_val, b_cur, b_per, b_text, b0 = money[k][2:8]
                b_fam = money[k][9]
                if b0 - a1 >= PART_WITHIN:
                    break
                if (a_fam and b_fam and a_fam != b_fam) or (b_fam and t_fam and b_fam != t_fam):
                    continue
                if money[k][10]:
                    continue  # "$39 billion, including $2 billion for ...": inside the first
                if money[k][11] != zone:
                    continue  # a headline's amount and the lead's below it: one told twice
                if _own_total(money, i, cur, a0, a_val + b_val):
                    continue
                if _listed(text, money, i, k, total):
                    continue
                if len(_FINISH.findall(text, max(0, a0 - _FINISH_REACH),
                                       money[k][8] + _FINISH_REACH)) >= 2:
                    continue  # "second place takes $75,000, third $50,000": prizes by place
                if _RESPECTIVE.fullmatch(text, a1, b0):
                    continue  # "will cost $799 and $899": one value each, not two parts
                if _bracketed(text, a0, a1) and _bracketed(text, b0, money[k][8]):
                    continue  # "128 GB ($799), 256 GB ($899)": each the price of an item
                if _converted(text, a0, a1) or _converted(text, b0, money[k][8]):
                    continue  # "$400/£360/€400": one price in three currencies
                if (b0 > a1 and b_cur == cur and b_per is None and b_val < total
                        and _one_sentence(text, a1, b0)):
                    out.append((a_id, doc, a_val, cur, per, a_text, b_id, b_val, b_text,
                                None, None, total, (doc, a0, 0, b0, b_id)))
        elif per == "each" and 0 < total:
            for k in range(bisect.bisect_right(count_starts, a0 - COUNT_WITHIN), len(counts)):
                n_id, n_val, n0 = counts[k][2], counts[k][3], counts[k][7]
                if n0 - a0 >= COUNT_WITHIN:
                    break
                if _one_sentence(text, min(n0, a1), max(n0, a1)):
                    out.append((a_id, doc, a_val, cur, per, a_text, None, None, None,
                                n_id, n_val, total, (doc, a0, 1, n0, n_id)))
    return out


# Two amounts with nothing but "and", "or", a comma or a slash between them ("the two models
# cost $799 and $899", "$799/$899") give one value to each of several things named together, not
# parts of one sum: parts name what each is for ("$70 million to CMU and $50 million to UW").
# Nor are amounts given as one more of the kind ("two bids, one of £80m and another of £90m":
# alternatives, each a whole price).
_RESPECTIVE = re.compile(
    r"(?i)[ \t]*(?:,|/|,?[ \t]*(?:and|or))[ \t]*(?:(?:another|the[ \t]+other|a[ \t]+(?:second"
    r"|third|later|new|fresh|higher|improved|revised)(?:[ \t]+(?:bid|offer|one|proposal))?)"
    r"[ \t]+(?:of|at|for|worth|valued[ \t]+at)[ \t]*)?")


# Places of a finish ("second-place finishers", "the third spot", "finishing third",
# "runner-up"): amounts each said of a place are prizes by rank, each a whole, not parts of
# the winner's prize
_FINISH = re.compile(
    r"(?i)\b(?:(?:first|second|third|fourth|fifth|sixth|[1-9](?:st|nd|rd|th))[ \t-]+(?:place"
    r"|spot|position|finish)|runners?[ \t-]+up|finish(?:ed|ing)[ \t]+(?:first|second|third"
    r"|fourth|fifth|sixth))\b")
_FINISH_REACH = 80


# How far a bracket may be from an amount it encloses: a currency code or sign and a price's
# tail (".-", ",00") lie between ("(CHF 849.-)").
_BRACKET_REACH = 12


def _bracketed(text: str, s: int, e: int) -> bool:
    """Whether the amount at text[s:e] stands alone in brackets ("(CHF 849.-)", "($799)"):
    a price given for the item named before it, as in a spec list, not a part of a sum."""
    before = text[max(0, s - _BRACKET_REACH):s]
    after = text[e:e + _BRACKET_REACH]
    o = before.rfind("(")
    c = after.find(")")
    if o < 0 or c < 0 or ")" in before[o:] or "(" in after[:c]:
        return False
    return all(w in _SCALE for w in re.findall(r"[a-z]+", before[o:] + after[:c]))


_SCALE = frozenset("m mn bn b k million billion thousand".split())

# An amount joined by a slash to another amount ("$300/£250", "$400/£360/€400"): one price
# written in several currencies, the price of an item, not a part of a sum.
_SLASH_AFTER = re.compile(r"[ \t]?/[ \t]?(?:[^\w\s]|[A-Z]{3}|\d)")
_SLASH_BEFORE = re.compile(r"(?:\d|[^\w\s])[ \t]?/[ \t]?$")


def _converted(text: str, s: int, e: int) -> bool:
    """Whether the amount at text[s:e] is one of a slash-joined group of amounts."""
    return bool(_SLASH_AFTER.match(text, e)) or bool(
        _SLASH_BEFORE.search(text, max(0, s - 4), s))


def _one_sentence(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] holds no sentence end, no paragraph break and no line break that
    ends its line (a line break inside a hard-wrapped sentence is no end)."""
    if SENTENCE_OR_PARAGRAPH_END.search(text, a, b):
        return False
    nl = text.find("\n", a, b)
    while nl >= 0:
        if not runs_on(text[text.rfind("\n", 0, nl) + 1:nl]):
            return False
        nl = text.find("\n", nl + 1, b)
    return True


def _listed(text: str, money: list[tuple], i: int, k: int, total: float) -> bool:
    """Whether the two amounts are items of a longer run rather than the parts of one sum:
    the run (amounts each near the next, with no sentence end between) states the total itself
    as one more item ("A: $120 million / B: $90 million / C: $70 million": three awards, none
    the others' total), or holds a third amount of their currency (a price list, "mini $699,
    13 $799, Pro $999", where any two prices add up to more than the most quoted one). The run
    goes on through amounts of other currencies: a price table flattened to text gives each
    model's price in several currencies side by side."""
    cur = money[i][4]
    same = sum(1 for j in range(i, k + 1) if money[j][4] == cur)
    for step, edge in ((-1, i), (1, k)):
        # walk the run outwards, amount by amount, while each is near the last one and in
        # its sentence ("A at $799, B at $899, C at $999 and D at $1,099": D is an item too)
        j = edge + step
        while 0 <= j < len(money):
            a, b = (money[j][8], money[edge][7]) if step < 0 else (money[edge][8], money[j][7])
            if b - a >= PART_WITHIN or SENTENCE_END.search(text[a:b]):
                break
            if money[j][4] == cur:
                if money[j][3] == total:
                    return True
                same += 1
            edge, j = j, j + step
    return same >= 3


def _own_total(money: list[tuple], i: int, cur: str, a0: int, parts: float) -> bool:
    """Whether the document states an amount of ``cur`` of at least ``parts`` (2 % slack) in
    the OWN_TOTAL_WITHIN characters before the first part (``money`` sorted by start)."""
    for k in range(i - 1, -1, -1):
        row = money[k]
        if a0 - row[7] > OWN_TOTAL_WITHIN:
            return False
        if row[4] == cur and row[5] is None and row[3] >= 0.98 * parts:
            return True
    return False
