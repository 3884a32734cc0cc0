"""quote-drift: one utterance quoted with different words in two places.

Two quotes are compared only when they are the same utterance (``audit.resolve.utterances``:
a substantial shared run and most words in order) from two documents, and their speakers agree
or one is unknown. So two different statements of one speaker are never paired, a quote whose
speaker was not found pairs only with a quote it substantially overlaps, and typography,
editorial brackets and ellipses and trimmed ends are not changes; a quote known to be a prefix
(cut off unclosed where the page ends, or ending in an ellipsis) is compared only on the words
it has. A named speaker's sentence reworded phrase by phrase (synonyms swapped every few words,
``audit.resolve.utterances.reworded``) is paired too, but never with a speakerless quote.
A rewrite of one article that rewords a named speaker's quote beyond word overlap is found by
the surroundings instead: the text before and after the two quotes is largely the same
(``_rewritten``). A statement one source quotes whole and another splits into pieces (its own
words between them) is compared whole against the pieces joined, as one finding
(``_joined``); a finding's evidence is every part of a quote that holds a changed word."""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections import Counter
from collections.abc import Iterator

import duckdb

from audit.check.candidates import Candidate, Inputs, scoped_claims
from audit.check.checks import expect
from audit.check.limits import limit
from audit.check.memo import StoryMemo
from audit.resolve.utterances import (
    inflected,
    reworded,
    same_speaker,
    same_utterance,
    swapped,
    word_diff,
    words,
)

__all__ = ["UNKNOWN_SPEAKER", "quotes_by_story", "utterance_pairs", "word_diff", "words"]

NAME = "quote-drift"
CLASS = "quote-drift"
SCOPE = "corpus"
PER_STORY = True  # pairs of one story's quotes; one key in two stories is one finding
JUDGED = ("changed_words",)
DESCRIPTION = "The same speaker's quote worded differently across sources."
SEVERITY = "warning"
ORDER = 50
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "warning",
           "A speaker's quote is worded the same in every source",
           column="changed_words", max_value=0.0),
)


UNKNOWN_SPEAKER = "unknown"  # the subject of a quote whose speaker was not found


def quotes_by_story(con: duckdb.DuckDBPyConnection, explicit_only: bool = False,
                    stories: list[str] | None = None, shared: dict | None = None
                    ) -> dict[str, list[tuple]]:
    """Each story's quotes as (claim_id, path, text, speaker, document_id, incomplete: a known
    prefix), the speaker as its
    person entity's canonical name: from the speaker span's entity, or, for a speaker found
    through a pronoun or a role reference (no span), the entity one of whose spellings it is
    (``explicit_only``: such a speaker counts as unknown). ``stories``: only these (None: all).
    ``shared``: a run's ``Inputs.shared``, where the rows read for these stories are kept for
    the next builder that asks (quote-drift, then attribution-change).
    """
    key = ("quotes", None if stories is None else tuple(stories))
    if shared is None or key not in shared:
        read = _quote_rows(con, stories)
        if shared is not None:
            shared[key] = read
    else:
        read = shared[key]
    rows, spelled = read
    out: dict[str, list[tuple]] = {}
    for cid, path, text, speaker, story, doc, via, incomplete in rows:
        if via and explicit_only:
            speaker = UNKNOWN_SPEAKER
        speaker = spelled.get((story, speaker.lower()), speaker)
        out.setdefault(story, []).append((cid, path, text, speaker, doc, bool(incomplete)))
    return out


def _quote_rows(con: duckdb.DuckDBPyConnection, stories: list[str] | None
                ) -> tuple[list[tuple], dict[tuple[str, str], str]]:
    """The quote rows of ``quotes_by_story`` and each story's person spellings (lower case)
    -> canonical name. A quote's speaker is its first person mention's (the smallest id),
    picked by a narrow ``min`` before the join: a ``row_number() ... = 1`` over the joined
    rows became an ``arg_min`` carrying each quote's whole row, which does not spill (DuckDB
    ran out of a 512 MB cap at 100,000 documents)."""
    only = ("TRUE" if stories is None
            else "coalesce(e.story_id, '') IN (SELECT unnest(?::VARCHAR[]))")
    rows = con.execute(f"""
        SELECT c.claim_id, c.path, c.value->>'text' AS text,
               coalesce(e.canonical, c.subject) AS speaker, c.story, c.document_id,
               c.value->>'speaker_via' AS via, c.value->>'incomplete' AS incomplete
        FROM {scoped_claims(stories)} c
        LEFT JOIN (SELECT claim_id, min(mention_id) AS mention_id FROM mentions
                   WHERE etype = 'person' GROUP BY claim_id) m ON m.claim_id = c.claim_id
        LEFT JOIN entity_mentions em USING (mention_id)
        LEFT JOIN entities e USING (entity_id)
        WHERE c.kind = 'quote'
        ORDER BY c.story, speaker, c.path, c.claim_id""").fetchall()
    spelled: dict[tuple[str, str], str] = {}
    for story, variant, canonical in con.execute(f"""
            SELECT DISTINCT coalesce(e.story_id, ''), lower(em.variant), e.canonical
            FROM entities e JOIN entity_mentions em USING (entity_id)
            WHERE e.etype = 'person' AND {only} ORDER BY 1, 2, 3""",
                                                 [] if stories is None else [stories]
                                                 ).fetchall():
        spelled.setdefault((story, variant), canonical)
    return rows, spelled


def utterance_pairs(quotes: list[tuple]) -> Iterator[tuple[tuple, tuple]]:
    """Pairs of quotes from two documents that are one utterance (``same_utterance``) and
    whose speakers agree or one is unknown, or, when both speakers are named and agree, one
    sentence reworded phrase by phrase (``reworded``) or a partial quote with one word
    swapped (``swapped``). Two statements of one speaker are not
    paired."""
    toks = [words(q[2]) for q in quotes]
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a[4] == b[4] or toks[i] == toks[j] or not toks[i] or not toks[j]:
                continue
            known = UNKNOWN_SPEAKER not in (a[3].lower(), b[3].lower())
            if known and not same_speaker(a[3], b[3]):
                continue
            if same_utterance(a[2], b[2]) or (known and (reworded(a[2], b[2])
                                                         or swapped(a[2], b[2]))):
                yield a, b


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
    return [c for piece in pieces(con, inputs) for c in piece]


def pieces(con: duckdb.DuckDBPyConnection, inputs: Inputs, size: int | None = None
           ) -> Iterator[list[Candidate]]:
    """:func:`candidates` in lists of about ``size`` candidates (None: one list), each key's
    in its order. The stories' pairs are built a range of stories at a time (about
    ``4 * size`` quotes), and each story's candidates are kept as the memo's JSON until every
    range is built; the lists are then decoded a group of whole stories at a time, stories
    that share a key (one key found in two stories is one finding, merged by the run from one
    list) always in one group, a group's stories in order; the groups follow their first
    stories. At 100,000 documents the 41,918 candidates at once were ~2.5 million live
    objects."""
    cap = limit("AUDIT_MAX_QUOTES_PER_SPEAKER")
    memo = StoryMemo(con, NAME, inputs, extra=str(cap))
    # the stories not memoised (all of them without states); the others come from the memo
    quotes_of = quotes_by_story(con, stories=memo.missing(), shared=inputs.shared)
    stories = sorted(set(quotes_of) | set(memo.states or ()))
    if size is None:
        yield [c for _, cands, _ in _built(con, stories, quotes_of, memo, cap, inputs,
                                           memo.states is not None) for c in cands]
        memo.save()
        return
    # each story's candidates as the memo keeps them (JSON), and their keys
    texts: list[str] = []
    cids: list[list[str]] = []
    for lo, hi in _story_ranges(stories, quotes_of, 4 * size):
        for _, cands, text in _built(con, stories[lo:hi], quotes_of, memo, cap, inputs,
                                     True):
            texts.append(text)
            cids.append([c.cid for c in cands])
            del cands
    memo.save()
    for group in _groups(cids, size):
        piece = [_candidate(c) for k in group for c in json.loads(texts[k])["candidates"]]
        for k in group:
            texts[k] = ""
        if piece:
            yield piece
        del piece


PIECES = pieces  # the run takes this check's candidates a range of stories at a time


def _story_ranges(stories: list[str], quotes_of: dict[str, list[tuple]], quotes: int
                  ) -> Iterator[tuple[int, int]]:
    """Ranges (start, end) of ``stories`` holding about ``quotes`` quotes to compare each
    (a memoised story counts as none)."""
    lo, n = 0, 0
    for k, story in enumerate(stories):
        n += len(quotes_of.get(story, ()))
        if n >= quotes:
            yield lo, k + 1
            lo, n = k + 1, 0
    if lo < len(stories):
        yield lo, len(stories)


def _groups(cids: list[list[str]], size: int) -> Iterator[list[int]]:
    """The stories (their indexes, ascending) in groups of about ``size`` candidates, every
    story that shares a key with another in that one's group; a group is made when its first
    story comes (a key of two far apart stories at 100,000 documents kept 27,193 candidates
    in one run of consecutive stories)."""
    root = list(range(len(cids)))

    def find(k: int) -> int:
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    first: dict[str, int] = {}  # the first story of each key
    for k, ids in enumerate(cids):
        for cid in ids:
            a, b = find(first.setdefault(cid, k)), find(k)
            if a != b:
                root[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for k in range(len(cids)):
        members.setdefault(find(k), []).append(k)
    group: list[int] = []
    n = 0
    for k in range(len(cids)):
        if find(k) != k:
            continue  # in the group of its component's first story
        group.extend(members[k])
        n += sum(len(cids[j]) for j in members[k])
        if n >= size:
            yield sorted(group)
            group, n = [], 0
    if group:
        yield sorted(group)


def _built(con: duckdb.DuckDBPyConnection, stories: list[str],
           quotes_of: dict[str, list[tuple]], memo: StoryMemo, cap: int, inputs: Inputs,
           as_json: bool) -> list[tuple[str, list[Candidate], str]]:
    """Each of ``stories``' candidates and their memo payload as JSON (its quotes taken out
    of ``quotes_of``): pairs of every story first, then the database is asked once for all
    of them (a query per story scans the spans each time: 12,500 stories took minutes); a
    story whose state is unchanged since its candidates were built takes them from the memo
    (word diffs too). Without ``as_json`` a built story's JSON is "" (nothing kept)."""
    story_cands: list[list[Candidate]] = []
    story_texts: list[str] = []
    todo: list[tuple[int, str, list[tuple]]] = []
    story_notes: dict[int, list[str]] = {}
    for story in stories:
        text = memo.get_json(story)
        if text is not None:  # the story's candidates as built when its state was this
            held = json.loads(text)
            inputs.warnings.extend(held["warnings"])
            story_cands.append([_candidate(c) for c in held["candidates"]])
            story_texts.append(text)
            continue
        quotes = quotes_of.pop(story, [])
        # pairwise: one speaker's quotes are bounded, so that one group cannot stall the run
        seen: Counter[str] = Counter()
        kept = []
        for q in quotes:
            seen[q[3].lower()] += 1
            if seen[q[3].lower()] <= cap:
                kept.append(q)
        notes = [f"quote-drift: {n:,} quotes of {speaker!r}"
                 f"{f' in story {story}' if story else ''}; only the first {cap:,} compared "
                 "(AUDIT_MAX_QUOTES_PER_SPEAKER)"
                 for speaker, n in sorted(seen.items()) if n > cap]
        inputs.warnings.extend(notes)
        story_cands.append([])
        story_texts.append("")
        story_notes[len(story_cands) - 1] = notes
        todo.append((len(story_cands) - 1, story, kept))
    quotes_in = {i: kept for i, _, kept in todo}
    found = [(i, story, list(utterance_pairs(kept)), _rewrite_pairs(kept))
             for i, story, kept in todo]
    where = _surroundings(con, {q[0] for *_, rw in found for pair in rw for q in pair})
    story_pairs = [(i, story, pairs + _rewritten(rw, where)) for i, story, pairs, rw in found]
    del found, where
    groups = [(i, _split_groups(pairs)) for i, _, pairs in story_pairs]
    starts = _starts(con, {p[0] for _, gs in groups for _, pieces in gs for p in pieces})
    story_pairs = [(i, story, _joined(pairs, gs, starts))
                   for (i, story, pairs), (_, gs) in zip(story_pairs, groups, strict=True)]
    del groups, starts
    parts = _parts(con, {c for _, _, pairs in story_pairs for pair in pairs for q in pair
                         for c in _ids(q)})
    for i, _, pairs in story_pairs:
        # one label per wording: copies differing only in typography are one value of the
        # finding their pairs merge into, not several (many values lower its confidence)
        label: dict[tuple[str, ...], str] = {}
        for q in sorted({q[2] for pair in pairs for q in pair}):
            label.setdefault(tuple(words(q)), q)
        built = [_build(a, b, parts, label) for a, b in pairs]
        story_cands[i] = against_majority(pairs, built)
    # the pages' languages of the stories that may hold a translated pair, in one query
    foreign = [story for i, story, _ in story_pairs
               if story_cands[i] and not all(q[2].isascii() for q in quotes_in[i])]
    page_langs = _story_languages(con, foreign) if foreign else {}
    for i, story, _ in story_pairs:
        _mark_translated(story_cands[i], quotes_in[i], page_langs.get(story or "", {}))
        if as_json:
            story_texts[i] = json.dumps({"candidates": [_payload(c) for c in story_cands[i]],
                                         "warnings": story_notes[i]}, sort_keys=True)
            memo.put_json(story, story_texts[i])
    return list(zip(stories, story_cands, story_texts, strict=True))


def against_majority(pairs: list[tuple[tuple, tuple]], built: list[Candidate | None]
                     ) -> list[Candidate]:
    """The candidates of one story's pairs (``built[k]`` of ``pairs[k]``; None: the two agree),
    one per odd wording rather than one per two wordings. A wording (a quote's words) is
    supported by the pages quoting it so or agreeing with it (a trimmed copy). A wording of
    one page is compared with the better-supported wordings it pairs with, not also with
    another lone page's wording that is compared with one too (a copy error shows against the
    wording several pages copied). Lone wordings left to pair among themselves, four or more
    of them linked (one pairs with three others: ``TRANSCRIPT_PARTNERS``), are transcripts each
    page made of spoken words: no page departs from a copy the others share, so the pair is marked
    ``no_majority`` (weak evidence), unless one side negates what the other says (details
    ``negated``: "was" / "wasn't prepared" changes the meaning whoever transcribed it; one or
    two changed words only: a negation among many changed words is another sentence)."""
    wording = {_node(q): tuple(words(q[2])) for pair in pairs for q in pair}
    support: dict[tuple, set[str]] = {}
    for (a, b), cand in zip(pairs, built, strict=True):
        for q, other in ((a, b), (b, a)):
            support.setdefault(wording[_node(q)], set()).add(q[4])
            if cand is None:  # agrees with the other: supports its wording too
                support.setdefault(wording[_node(other)], set()).add(q[4])
    sides = [(wording[_node(a)], wording[_node(b)]) for a, b in pairs]
    lone = {w for w, pages in support.items() if len(pages) < 2}
    backed = {w for (x, y), cand in zip(sides, built, strict=True) if cand is not None
              for w, other in ((x, y), (y, x)) if w in lone and other not in lone}
    partners: dict[tuple, set[tuple]] = {}
    kept: list[tuple[Candidate, tuple, tuple]] = []
    for (x, y), cand in zip(sides, built, strict=True):
        if cand is None:
            continue
        if x in lone and y in lone:
            if x in backed and y in backed:
                continue  # both are compared with a wording other pages share
            partners.setdefault(x, set()).add(y)
            partners.setdefault(y, set()).add(x)
        kept.append((cand, x, y))
    for cand, x, y in kept:
        if x in lone and y in lone and \
                max(len(partners[x]), len(partners[y])) >= TRANSCRIPT_PARTNERS:
            if cand.judged["changed_words"] <= NEGATION_MAX_CHANGED and negated(
                    cand.details.get("diff") or []):
                cand.details["negated"] = True
            else:
                cand.details["no_majority"] = True
    return [cand for cand, _, _ in kept]


def _node(q: tuple) -> str:
    """A quote's node in the utterance graph: its claim id, or its pieces' ids joined."""
    return q[0] if isinstance(q[0], str) else "+".join(q[0])


# a lone wording paired with this many other lone wordings: four pages or more each with its
# own transcript (three wordings may be one reworded by a rewrite and another by a second)
TRANSCRIPT_PARTNERS = 3
NEGATION_MAX_CHANGED = 2  # a negation flip is one or two words; more is another sentence
_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "nothing", "none", "cannot"})


def negated(diff: list[list[str]]) -> bool:
    """Whether the words one wording has and the other lacks include a negation ("not",
    "never", a verb's "n't")."""
    for tag, text in diff:
        if tag == "equal":
            continue
        for w in text.lower().replace("\u2019", "'").split():
            w = w.strip(".,;:!?\"'“”()")
            if w in _NEGATIONS or w.endswith("n't"):
                return True
    return False


def _story_languages(con: duckdb.DuckDBPyConnection, stories: list[str]
                     ) -> dict[str, dict[str, str | None]]:
    """Each of ``stories`` to its pages (document id) and the language each is written in
    (None when unsure: a page too short to tell), read in one query (a query per story scans
    the documents each time)."""
    from audit.check.language import SAMPLE_CHARS, language

    rows = con.execute(f"""
        SELECT coalesce(ds.story_id, ''), d.document_id, substr(d.text, 1, {SAMPLE_CHARS})
        FROM documents d JOIN current_documents p USING (document_id)
        LEFT JOIN document_stories ds USING (document_id)
        WHERE coalesce(ds.story_id, '') IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY 1, 2""", [sorted({s or "" for s in stories})]).fetchall()
    out: dict[str, dict[str, str | None]] = {}
    for story, doc, text in rows:
        out.setdefault(story, {})[doc] = language(text)
    return out


def _mark_translated(cands: list[Candidate], quotes: list[tuple],
                     page_languages: dict[str, str | None] | None = None) -> None:
    """Mark (details ``translated``) a pair quoted in a language other than the one most of
    the story's pages are in: two pages' translations of one statement ("Con dolor" / "Con
    tristeza" for "With sorrow") differ in words as a matter of course. Pages are counted,
    not quotes, each in the language it is written in (``page_languages``), or, when too
    short to tell, in the language most of its quotes are in: four pages in French that quote
    at length are still translations beside nine in English (on held-out set 31 the French
    quotes outnumbered the English ones; on set 48 the English pages quoted no one and three
    French pages' translations of a runner's words were the only quotes). Quotes are
    identified only in a story where one holds a letter outside ASCII (a page in another
    language): an English-only story costs nothing."""
    if not cands or all(q[2].isascii() for q in quotes):
        return
    from audit.check.language import quote_language

    lang = {q[0]: quote_language(q[2]) for q in quotes if isinstance(q[0], str)}
    per_page: dict[str, Counter[str]] = {}
    for q in quotes:
        code = lang.get(q[0]) if isinstance(q[0], str) else None
        if code:
            per_page.setdefault(q[4], Counter())[code] += 1
    # each page counts once: in its own language, else in the one most of its quotes are in
    page_lang = dict(page_languages or {})
    for page, quoted in per_page.items():
        if page_lang.get(page) is None:
            page_lang[page] = min(quoted, key=lambda k: (-quoted[k], k))
    main = _main_language(Counter(code for code in page_lang.values() if code))
    if main is None:
        return  # no language most pages are in
    for c in cands:
        # each side in one known language (a piece too short to tell, "Je me sens bien",
        # takes its side's), the same on both, and not the story's
        sides = [{lang.get(cl) for cl, _ in v["claims"]} - {None} for v in c.values]
        codes = set().union(*sides)
        if all(sides) and len(codes) == 1 and main not in codes:
            c.details["translated"] = True


def _main_language(counts: Counter[str]) -> str | None:
    """The language with more pages than any other, or None (none counted, or a tie)."""
    top = counts.most_common(2)
    if not top or len(top) == 2 and top[0][1] == top[1][1]:
        return None
    return top[0][0]


def _ids(q: tuple) -> list[str]:
    """The claim ids of a quote, or of the pieces of a quote joined by ``_joined``."""
    return list(q[0]) if isinstance(q[0], tuple) else [q[0]]


def _split_groups(pairs: list[tuple[tuple, tuple]]) -> list[tuple[tuple, tuple[tuple, ...]]]:
    """Quotes paired with two or more quotes of one other document, with those quotes: a
    statement one source quotes whole and another splits into pieces with its own words
    between them ("A. B. C." / "A. B.", it said, ... "C."). Only pieces that open a sentence
    (a few words quoted inside the writer's own sentence are a quote of their own, compared
    on their own), that are not one utterance with each other (a quote the page repeats is no
    piece), and only pairs in no other such group."""
    partners: dict[tuple[str, str], list[tuple]] = {}
    for a, b in pairs:
        partners.setdefault((a[0], b[4]), []).append(b)
        partners.setdefault((b[0], a[4]), []).append(a)
    whole = {q[0]: q for pair in pairs for q in pair}
    out = []
    for (cid, _), found in sorted(partners.items()):
        pieces = [p for p in found if _opens_sentence(p[2])]
        if len(pieces) < 2 or any(same_utterance(x[2], y[2]) for k, x in enumerate(pieces)
                                  for y in pieces[k + 1:]):
            continue
        out.append((whole[cid], tuple(pieces)))
    used = Counter(_pair_key(q, p) for q, pieces in out for p in pieces)
    return [(q, ps) for q, ps in out if all(used[_pair_key(q, p)] == 1 for p in ps)]


def _opens_sentence(text: str) -> bool:
    """Whether a quote's first letter is a capital (a whole sentence, not a phrase)."""
    return next((c for c in text if c.isalpha()), "").isupper()


def _pair_key(x: tuple, y: tuple) -> tuple[str, str]:
    """Two quotes' claim ids in a fixed order."""
    return (x[0], y[0]) if x[0] <= y[0] else (y[0], x[0])


def _starts(con: duckdb.DuckDBPyConnection, claim_ids: set[str]) -> dict[str, int]:
    """Where each quote claim's first quoted part starts in its document."""
    if not claim_ids:
        return {}
    return dict(con.execute("""
        SELECT cs.claim_id, min(s.start_char)
        FROM claim_spans cs JOIN spans s USING (span_id)
        WHERE cs.role = 'quote' AND cs.claim_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY ALL""", [sorted(claim_ids)]).fetchall())


def _joined(pairs: list[tuple[tuple, tuple]], groups: list[tuple[tuple, tuple[tuple, ...]]],
            starts: dict[str, int]) -> list[tuple[tuple, tuple]]:
    """The pairs with each split statement's pieces (``_split_groups``) joined in page order
    into one side (an ellipsis between pieces: a sentence left out between them is a trim,
    not a change), compared with the whole as one finding, when the pieces stand in the same
    order in the whole and their joined words are one utterance with it; the pairs of a
    group that is not are kept as they are."""
    drop: set[tuple[str, str]] = set()
    out = []
    for q, pieces in groups:
        ordered = sorted(pieces, key=lambda p: (starts.get(p[0], 0), p[0]))
        # joined with an ellipsis: what the page left out between its pieces is not a change
        text = " … ".join(p[2] for p in ordered)
        mine = words(q[2])
        at = []
        for p in ordered:
            sm = difflib.SequenceMatcher(a=mine, b=words(p[2]), autojunk=False)
            best = max(sm.get_matching_blocks(), key=lambda x: x.size)
            at.append(best.a)
        if at != sorted(at) or not same_utterance(q[2], text):
            continue
        speakers = [p[3] for p in ordered if p[3].lower() != UNKNOWN_SPEAKER]
        side = (tuple(p[0] for p in ordered), ordered[0][1], text,
                speakers[0] if speakers else ordered[0][3], ordered[0][4], ordered[-1][5],
                tuple(p[2] for p in ordered))
        out.append((q, side))
        drop.update(_pair_key(q, p) for p in ordered)
    return [pr for pr in pairs if _pair_key(*pr) not in drop] + out


def _build(a: tuple, b: tuple, parts: dict,
           label: dict[tuple[str, ...], str] | None = None) -> Candidate | None:
    """The candidate of a pair of one speaker's quotes (None: they differ in no word)."""
    if a[3].lower() == UNKNOWN_SPEAKER:
        a, b = b, a  # name the finding after the known speaker
    diff, changed = word_diff(a[2], b[2], a_prefix=a[5], b_prefix=b[5])
    if changed == 0:
        return None  # a trimmed copy, or typography and editorial marks only
    return Candidate(
        check="quote-drift",
        judged={"changed_words": changed},
        key=[a[3], sorted([" ".join(words(a[2])), " ".join(words(b[2]))])],
        headline=f"quote by {a[3]} worded differently ({changed} "
                 f"word{'' if changed == 1 else 's'} changed)",
        values=[{"value": (label or {}).get(tuple(words(a[2])), a[2]),
                 "claims": _side_claims(parts, a, b)},
                {"value": (label or {}).get(tuple(words(b[2])), b[2]),
                 "claims": _side_claims(parts, b, a)}],
        details={"diff": diff, "speaker": a[3],
                 **({"grammar_only": True} if grammar_only(diff) else {}),
                 **({"aside_dropped": True} if aside_dropped(diff, a[2], b[2]) else {})},
    )


# Words whose change in a quote mends its grammar, not what was said: auxiliaries of "be",
# "have" and "do", and "and" ("No fire reported" / "No fire was reported", "you have been
# found" / "you are found"). Not modals, negations, prepositions or particles ("give in" /
# "give up" changes the meaning), nor determiners and possessives: on the read real-text
# sets "this case" / "their case" and "our" / "the" were misquotes an editor must hear of.
_GRAMMAR_WORDS = frozenset("""is are was were be been being am has have had having do does did
    a an the and &""".split())


def grammar_only(diff: list[list[str]]) -> bool:
    """Whether every change inside a word diff (the stretches between two equal ones; those
    at either end are trimmed) mends grammar only: the same letters spaced otherwise ("on
    board" / "onboard", "defendants’" / "defendant's"), auxiliaries or "and" added, dropped
    or swapped (``_GRAMMAR_WORDS``; articles, which the word diff already ignores, go with
    them), "that" added or dropped alone (a complementiser: "sure (that) we"; "that" for
    another word is a change), or one word inflected otherwise ("talk" / "talking"). A change
    at an end where both sides differ is a change."""
    runs: list[tuple[list[str], list[str], bool]] = []  # deleted, inserted, inside
    current: tuple[list[str], list[str]] | None = None
    seen_equal = False
    for tag, text in diff:
        if tag == "equal":
            if current is not None:
                runs.append((*current, seen_equal))
                current = None
            seen_equal = True
            continue
        if current is None:
            current = ([], [])
        # an apostrophe moved is a possessive's grammar: "defendants’" / "defendant's"
        ws = [w.strip(".,;:!?\"'’“”()").lower().replace("'", "").replace("’", "")
              for w in text.split()]
        (current[0] if tag == "delete" else current[1]).extend(w for w in ws if w)
    if current is not None:
        runs.append((*current, False))
    if not any(inside for *_, inside in runs):
        return False
    for deleted, inserted, inside in runs:
        if not inside:
            if deleted and inserted:
                return False  # a change at an end: both sides differ there
            continue
        if not (deleted and inserted) and (deleted or inserted) == ["that"]:
            continue  # a complementiser dropped: "make certain (that) we get"
        deleted = [w for w in deleted if w not in _GRAMMAR_WORDS]
        inserted = [w for w in inserted if w not in _GRAMMAR_WORDS]
        if "".join(deleted) == "".join(inserted):
            continue
        if len(deleted) == 1 and len(inserted) == 1 and inflected(deleted[0], inserted[0]):
            continue
        return False
    return True


_ASIDE_OPEN = r"[,(\u2014\u2013]\s*"
_ASIDE_CLOSE = r"[^\w\s]*\s*[,)\u2014\u2013]"


def aside_dropped(diff: list[list[str]], a: str, b: str) -> bool:
    """Whether the one change between two wordings is an aside one of them leaves out: words
    the other sets off by commas, dashes or brackets, inside the quote ("Somewhere along the
    way, I don't know where, you lost your way" / "Somewhere along the way, you lost your
    way"). An abridgement, not other words in the speaker's mouth; a word dropped that no
    commas set off ("brings in a footprint" / "brings a footprint") is a change."""
    changes = [(tag, text) for tag, text in diff if tag != "equal"]
    if not changes or len({tag for tag, _ in changes}) != 1 or diff[0][0] != "equal" \
            or diff[-1][0] != "equal":
        return False
    quote = (a if changes[0][0] == "delete" else b).replace("\u2019", "'")
    for _, text in changes:
        ws = [re.escape(w) for w in text.replace("\u2019", "'").split()]
        if not ws or re.search(_ASIDE_OPEN + r"[^\w\s]*\s*".join(ws) + _ASIDE_CLOSE,
                               quote, re.IGNORECASE) is None:
            return False
    return True


def _side_claims(parts: dict, q: tuple, other: tuple) -> list[tuple[str, tuple[str, ...]]]:
    """The evidence of one side: each claim with the parts where it drifts from the other
    side, or from each piece of the other side when that side is a split statement joined."""
    others = other[6] if len(other) > 6 else (other[2],)
    out: list[tuple[str, tuple[str, ...]]] = []
    for c in _ids(q):
        for piece in others:
            out.extend((c, r) for r in _part_roles(parts, c, piece) if (c, r) not in out)
    return out


def _payload(c: Candidate) -> dict:
    """A candidate as the memo keeps it (JSON)."""
    return {"judged": c.judged, "key": c.key, "headline": c.headline, "values": c.values,
            "details": c.details}


def _candidate(d: dict) -> Candidate:
    """A candidate from the memo: claims' roles are tuples again, as when built."""
    values = [{**v, "claims": [(claim, tuple(roles)) for claim, roles in v["claims"]]}
              for v in d["values"]]
    return Candidate(check="quote-drift", judged=d["judged"], key=d["key"],
                     headline=d["headline"], values=values, details=d["details"])


REWRITE_MIN_WORDS = 5  # words of each quote a rewritten quote is looked for in
REWRITE_LENGTH = 1.6  # longest / shortest word count of the two
REWRITE_CONTEXT = 250  # characters read on each side of a quote
REWRITE_SIMILAR = 0.35  # share of word pairs the two contexts share, on each side
REWRITE_CONTEXT_PAIRS = 4  # word pairs each context holds at least (a page's first line: none)


def _rewrite_pairs(quotes: list[tuple]) -> list[tuple[tuple, tuple]]:
    """One speaker's quotes that may be one utterance reworded beyond word overlap by a
    rewrite of the same article: the same named speaker in two documents, neither quote has a
    copy (the same utterance) in the other document, and their lengths are close. Whether
    they are is decided by their surroundings (``_rewritten``)."""
    toks = [words(q[2]) for q in quotes]
    by_doc: dict[str, list[int]] = {}
    for i, q in enumerate(quotes):
        by_doc.setdefault(q[4], []).append(i)

    @functools.cache  # asked again for each pair a quote is in
    def partnered(i: int, doc: str) -> bool:
        return any(toks[i] == toks[k] or same_utterance(quotes[i][2], quotes[k][2])
                   for k in by_doc.get(doc, ()))

    named = [q[3].lower() != UNKNOWN_SPEAKER for q in quotes]
    cands = []
    for i, a in enumerate(quotes):
        if not named[i]:
            continue
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a[4] == b[4] or not named[j]:
                continue
            la, lb = len(toks[i]), len(toks[j])
            if min(la, lb) < REWRITE_MIN_WORDS or max(la, lb) > REWRITE_LENGTH * min(la, lb):
                continue
            if not same_speaker(a[3], b[3]):
                continue
            if partnered(i, b[4]) or partnered(j, a[4]):
                continue
            cands.append((a, b))
    return cands


def _surroundings(con: duckdb.DuckDBPyConnection, claim_ids: set[str]
                  ) -> dict[str, tuple[str, int, int, str]]:
    """Per quote claim: its document, where its quoted text starts and ends, and the text."""
    if not claim_ids:
        return {}
    return {cid: (doc, a, b, text) for cid, doc, a, b, text in con.execute("""
        SELECT cs.claim_id, s.document_id, min(s.start_char), max(s.end_char),
               any_value(d.text)
        FROM claim_spans cs JOIN spans s USING (span_id) JOIN documents d USING (document_id)
        WHERE cs.role = 'quote' AND cs.claim_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY ALL""", [sorted(claim_ids)]).fetchall()}


def _rewritten(cands: list[tuple[tuple, tuple]], where: dict[str, tuple[str, int, int, str]]
               ) -> list[tuple[tuple, tuple]]:
    """The pairs of ``_rewrite_pairs`` that are one utterance reworded by a rewrite of the
    same article: the text just before and just after each quote is largely the same in both
    (the rewrite kept the paragraphs around the quote and changed its words). Two statements
    of one speaker stand in different surroundings, so they are not paired; nor are quotes
    with next to nothing on one side (a short page's headline, the speaker's name after it):
    a few shared words there say nothing about the rest of the page. A quote the page ends
    with (``_cut_off``) is judged by the text before it alone."""
    out = []
    for a, b in cands:
        if a[0] not in where or b[0] not in where:
            continue
        _, a0, a1, ta = where[a[0]]
        _, b0, b1, tb = where[b[0]]
        w = REWRITE_CONTEXT
        if _similar(ta[max(0, a0 - w):a0], tb[max(0, b0 - w):b0]) < REWRITE_SIMILAR:
            continue
        if _cut_off(ta, a1) or _cut_off(tb, b1) or \
                _similar(ta[a1:a1 + w], tb[b1:b1 + w]) >= REWRITE_SIMILAR:
            out.append((a, b))
    return out


def _cut_off(text: str, end: int) -> bool:
    """The page stops mid-sentence right after the quote (fewer than REWRITE_CONTEXT_PAIRS
    word pairs follow it, and no sentence end closes the text: a page copied up to a length
    limit), so there is no text after it to compare and the text before it decides alone. A
    page that just ends with a quote has ended its sentence."""
    rest = text[end:].strip()
    return len(words(rest)) <= REWRITE_CONTEXT_PAIRS and (not rest or rest[-1] not in ".!?\"”’»)")


def _similar(x: str, y: str) -> float:
    """Share of the word pairs of the shorter text found in the other (0 when either holds
    fewer than REWRITE_CONTEXT_PAIRS)."""
    def pairs(t: str) -> set[tuple[str, str]]:
        ws = words(t)
        return set(zip(ws, ws[1:], strict=False))

    px, py = pairs(x), pairs(y)
    if min(len(px), len(py)) < REWRITE_CONTEXT_PAIRS:
        return 0.0
    return len(px & py) / min(len(px), len(py))


def _parts(con: duckdb.DuckDBPyConnection, claim_ids: set[str]) -> dict[str, list[str]]:
    """The quoted parts (in order) of those claims quoted in more than one part."""
    if not claim_ids:
        return {}
    rows = con.execute("""
        SELECT cs.claim_id, list(s.exact ORDER BY cs.seq)
        FROM claim_spans cs JOIN spans s USING (span_id)
        WHERE cs.role = 'quote' AND cs.claim_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY ALL HAVING count(*) > 1""", [sorted(claim_ids)]).fetchall()
    return {cid: list(texts) for cid, texts in rows}


def _part_roles(parts: dict[str, list[str]], claim_id: str, other: str
                ) -> list[tuple[str, ...]]:
    """The evidence of a quote in several parts: each part that shares at least half its words
    in order with the other wording (the one the two sources have in common) and holds a
    changed word, where the drift is (a statement reworded in two of its sentences shows
    both); else the part that shares most; not always the first."""
    texts = parts.get(claim_id)
    if not texts:
        return [("quote",)]
    theirs = words(other)

    def score(t: str) -> tuple[bool, int]:
        mine = words(t)
        sm = difflib.SequenceMatcher(a=mine, b=theirs, autojunk=False)
        shared = sum(x.size for x in sm.get_matching_blocks() if x.size >= 2)
        return max(2, len(mine) // 2) <= shared < len(mine), shared

    scores = [score(t) for t in texts]
    drifted = [k for k, s in enumerate(scores) if s[0]]
    if drifted:
        return [(f"quote:{k}",) for k in drifted]
    best = max(range(len(texts)), key=lambda k: (*scores[k], -k))
    return [(f"quote:{best}",)]
