"""attribution-change: the same words quoted as one person's in one source and as another's in
another.

Only quotes whose speaker the source names next to them count (not one found through "she
said" or "the president said": those are the audit's own inference), only quotes of two
documents, and only when the wording is nearly the same: most of the shorter quote's words in
order (ATTRIBUTION_SHARE) with a run of ATTRIBUTION_RUN words. Two people who are one entity
(a misspelt name), or whose names may be one person's (a surname and the full name; a
spelling a letter off), are the same speaker; so are a person and the organisation the story
names them a post at ("Epic CEO Tim Sweeney" and "Epic Games": the company's statement).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.check.checks.quote_drift import UNKNOWN_SPEAKER, quotes_by_story
from audit.check.memo import StoryMemo
from audit.resolve.utterances import same_speaker, words

NAME = "attribution-change"
CLASS = "attribution-change"
SCOPE = "corpus"
PER_STORY = True  # pairs of one story's quotes; one key in two stories is one finding
JUDGED = ("same_speaker",)
DESCRIPTION = "The same quoted words credited to different people in different sources."
SEVERITY = "warning"
ORDER = 55
EXPECTATIONS = (
    expect("expect_column_values_to_be_in_set", "warning",
           "Quoted words are credited to the same person in every source",
           column="same_speaker", value_set=[True]),
)
ATTRIBUTION_SHARE = 0.8
ATTRIBUTION_RUN = 6


def _same_words(a: list[str], b: list[str]) -> bool:
    if min(len(a), len(b)) < ATTRIBUTION_RUN:
        return False
    blocks = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks()
    return (max(x.size for x in blocks) >= ATTRIBUTION_RUN
            and sum(x.size for x in blocks) >= ATTRIBUTION_SHARE * min(len(a), len(b)))


def _credited_twice(named: list[tuple], speaks_for: dict[str, set[str]] | None = None
                    ) -> Iterator[tuple[tuple, tuple]]:
    """Pairs of quotes from two documents with nearly the same words and different speakers
    (a person and the organisation the story names them a post at are one voice)."""
    toks = [words(q[2]) for q in named]
    for i, a in enumerate(named):
        for j in range(i + 1, len(named)):
            b = named[j]
            if a[4] != b[4] and not same_speaker(a[3], b[3]) \
                    and not _one_voice(a[3], b[3], speaks_for or {}) \
                    and _same_words(toks[i], toks[j]):
                yield a, b


# words that open many organisations' names and tell none apart
_ORG_STOP = frozenset("the a an of and for university college national state us u.s. new "
                      "international american british".split())


def _first_word(name: str) -> str:
    """The first word of a name that is no common opening word ("Epic Games" -> "epic")."""
    ws = [w for w in words(name) if w not in _ORG_STOP]
    return ws[0] if ws else ""


def _one_voice(a: str, b: str, speaks_for: dict[str, set[str]]) -> bool:
    """Whether one speaker is a person the story names with a post at an organisation whose
    name opens like the other speaker's ("Tim Sweeney", the CEO of Epic, and "Epic Games"): a
    company's statement is its chief's or spokesperson's words, credited either way."""
    for person, other in ((a, b), (b, a)):
        first = _first_word(other)
        if len(first) >= 3 and first in speaks_for.get(person.lower(), set()):
            return True
    return False


def _posts(con: duckdb.DuckDBPyConnection, stories: list[str] | None
           ) -> dict[str, dict[str, set[str]]]:
    """story -> person (lower case) -> the first name words of the organisations the story
    names them a post at (role claims: "Epic CEO Tim Sweeney")."""
    out: dict[str, dict[str, set[str]]] = {}
    for story, person, org in con.execute(f"""
            SELECT DISTINCT c.story, lower(c.value->>'name'), c.value->>'org'
            FROM {scoped_claims(stories)} c
            WHERE c.kind = 'person' AND c.predicate = 'role_holder'
              AND c.value->>'org' IS NOT NULL AND c.value->>'name' IS NOT NULL
            ORDER BY ALL""").fetchall():
        first = _first_word(org)
        if first:
            out.setdefault(story or "", {}).setdefault(person, set()).add(first)
    return out


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    out: list[Candidate] = []
    # a story's candidates kept while its state is unchanged; only the others' quotes are read
    memo = StoryMemo(con, NAME, inputs)
    quotes_of = quotes_by_story(con, explicit_only=True, stories=memo.missing(),
                                shared=inputs.shared)
    posts = _posts(con, memo.missing())
    for story in sorted(set(quotes_of) | set(memo.states or ())):
        held = memo.get(story)
        if held is not None:
            out.extend(_candidate(c) for c in held)
            continue
        named = [q for q in quotes_of.get(story, []) if q[3].lower() != UNKNOWN_SPEAKER]
        built = [_build(a, b) for a, b in _credited_twice(named, posts.get(story, {}))]
        memo.put(story, [{"key": c.key, "headline": c.headline, "values": c.values,
                          "details": c.details} for c in built])
        out.extend(built)
    memo.save()
    return out


def _build(a: tuple, b: tuple) -> Candidate:
    first, second = sorted([a, b], key=lambda q: (q[3], q[0]))
    return Candidate(
        check=NAME,
        judged={"same_speaker": False},
        key=[sorted([first[3], second[3]]), " ".join(words(first[2]))],
        headline=f"the same words credited to {first[3]} and to {second[3]}",
        values=[{"value": f"{first[3]}: {first[2]}",
                 "claims": [(first[0], ("quote", "speaker"))]},
                {"value": f"{second[3]}: {second[2]}",
                 "claims": [(second[0], ("quote", "speaker"))]}],
        details={"speakers": [first[3], second[3]]},
    )


def _candidate(d: dict) -> Candidate:
    """A candidate from the memo: claims' roles are tuples again, as when built."""
    values = [{**v, "claims": [(claim, tuple(roles)) for claim, roles in v["claims"]]}
              for v in d["values"]]
    return Candidate(check=NAME, judged={"same_speaker": False}, key=d["key"],
                     headline=d["headline"], values=values, details=d["details"])
