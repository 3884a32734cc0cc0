"""quote-drift: one speaker's quote worded differently in two places."""

from __future__ import annotations

import difflib
import re

import duckdb

from audit.check.candidates import CUR, Candidate, Inputs
from audit.check.checks import expect
from audit.check.limits import limit
from audit.ingest.normalize import fold

NAME = "quote-drift"
CLASS = "quote-drift"
SCOPE = "corpus"
JUDGED = ("changed_words",)
DESCRIPTION = "The same speaker's quote worded differently across sources."
SEVERITY = "warning"
ORDER = 50
EXPECTATIONS = (
    expect("expect_column_values_to_be_between", "warning",
           "A speaker's quote is worded the same in every source",
           column="changed_words", max_value=0.0),
)


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


def candidates(con: duckdb.DuckDBPyConnection, inputs: Inputs) -> list[Candidate]:
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
    cap = limit("AUDIT_MAX_QUOTES_PER_SPEAKER")
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
        if len(quotes) > cap:  # pairwise: bounded so that one group cannot stall the run
            inputs.warnings.append(
                f"quote-drift: {len(quotes):,} quotes of {speaker!r}"
                f"{f' in story {story}' if story else ''}; only the first {cap:,} compared "
                "(AUDIT_MAX_QUOTES_PER_SPEAKER)")
            quotes, n = quotes[:cap], min(n, cap)
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
