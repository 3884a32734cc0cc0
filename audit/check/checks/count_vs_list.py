"""count-vs-list: a count stated right before a list, against the number of items listed."""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims, span_bounds
from audit.check.checks import expect
from audit.check.memo import StoryMemo
from audit.check.texts import by_document

NAME = "count-vs-list"
CLASS = "count-vs-list"
SCOPE = "corpus"
PER_STORY = True  # a count and its list lie in one document; one key in two stories is one finding
JUDGED = ("stated_count", "listed_count")
DESCRIPTION = "A stated count disagrees with the items listed."
SEVERITY = "warning"
ORDER = 40
EXPECTATIONS = (
    expect("expect_column_pair_values_to_be_equal", "warning",
           "A stated count matches the number of items listed with it",
           column_A="stated_count", column_B="listed_count"),
)


# What may stand between a count and the list it announces: "four backers: A, B and C",
# "three areas - A; B; C", "five themes, namely A, B ..." (ASCII \b and RE2's \s, as the SQL
# this replaced matched).
_LIST_LEAD = re.compile(
    r"[\t\n\f\r :,;.\-–—(]*"
    r"(?:(?:are|were|include|including|namely|listed|as follows)\b[\t\n\f\r :,\-–—]*)?"
    r"(?:the[\t\n\f\r ]+)?", re.ASCII | re.DOTALL)
LEAD_WITHIN = 40  # characters between a count and its list


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    """A count stated right before a list ("four backers: A, B, C and D") against the list.

    The pairs are found within one document, so each story's are kept in the check memo
    (``audit/check/memo.py``) and only the stories whose memo is stale are read again."""
    memo = StoryMemo(con, NAME, inputs, extra=f"{LEAD_WITHIN}|{_LIST_LEAD.pattern}")
    missing = memo.missing()
    found: dict[str, list[tuple]] = defaultdict(list)
    # the pairs are found in SQL (each count with the lists starting within LEAD_WITHIN after
    # its end), so only their rows and their documents' texts are read; the text between them
    # is tested here (see texts.py for why not in SQL)
    for _doc, text, pairs in by_document(con, f"""
        WITH spans_of AS (
          SELECT DISTINCT c.claim_id, c.document_id, c.kind, c.value, c.value_num, c.subject,
                 c.story, b.s0, b.s1
          FROM {scoped_claims(missing)} c
          JOIN {span_bounds('value', 'context', 'org', 'item', 'tail')} b USING (claim_id)
          WHERE c.kind IN ('count', 'org_list', 'topic_list')),
        n AS (SELECT * FROM spans_of WHERE kind = 'count'),
        l AS (SELECT document_id, claim_id, kind, s0,
                CASE kind WHEN 'topic_list' THEN json_array_length(value, '$.items')
                  ELSE json_array_length(value, '$.members')
                       + coalesce(TRY_CAST(json_extract_string(value, '$.others.n') AS INTEGER),
                                  0) END AS listed,
                (json_type(value, '$.others') = 'OBJECT'
                 AND TRY_CAST(json_extract_string(value, '$.others.n') AS INTEGER) IS NULL)
                  AS open_tail
              FROM spans_of WHERE kind <> 'count')
        SELECT n.document_id, n.s1, l.s0, n.story, n.claim_id, l.claim_id, n.value_num,
               n.subject, l.kind, l.listed, l.open_tail
        FROM n JOIN l ON l.document_id = n.document_id AND l.s0 >= n.s1
                     AND l.s0 - n.s1 <= {LEAD_WITHIN}
        ORDER BY n.document_id, n.s0, n.claim_id, l.s0, l.claim_id"""):
        for _, n1, l0, story, count_id, list_id, stated, subject, kind, listed, tail in pairs:
            if _LIST_LEAD.fullmatch(text[n1:l0]):
                found[story].append((count_id, list_id, stated, subject, kind, listed, tail,
                                     (count_id, l0, list_id)))
    rows = [r for story_rows in found.values() for r in story_rows]
    if memo.states is not None:
        for story in missing or ():
            memo.put(story, found.get(story, []))
        for story in sorted(set(memo.states) - set(missing or ())):
            held = memo.get(story)
            if held is None:  # pragma: no cover - missing() lists every stale story
                raise RuntimeError(f"count-vs-list: no memo for story {story!r}")
            rows.extend((*r[:7], tuple(r[7])) for r in held)
        memo.save()
    rows.sort(key=lambda r: r[-1])
    out = []
    for count_id, list_id, stated, subject, _kind, listed, open_tail, _order in rows:
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
