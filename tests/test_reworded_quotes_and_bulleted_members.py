"""A named speaker's quote reworded phrase by phrase is drift, two statements are not; a
bulleted funder list ends at the first line that is not a name, and more bullet cues are read.
In our own wording."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import lists
from audit.extract.vocab import load_vocabulary
from audit.model import Context
from audit.resolve.utterances import reworded, same_utterance
from tests.extracting import audit_texts

# --- reworded quotes ------------------------------------------------------------------------

SAID = "When farmers and engineers sit at one table, irrigation gets cheaper and every village wins"
REWORDED = ("When growers and engineers share the same table, irrigation becomes cheaper and "
            "every valley wins")


def test_a_sentence_reworded_phrase_by_phrase_has_the_same_skeleton():
    # no run of four shared words, so the overlap rule alone does not pair them
    assert not same_utterance(SAID, REWORDED)
    assert reworded(SAID, REWORDED) and reworded(REWORDED, SAID)


def test_two_statements_sharing_phrases_are_not_reworded():
    a = "The new canal will serve every village in the valley by the end of next year"
    b = "Every village in the district asked us for water, and the canal is our answer to them"
    assert not reworded(a, b)
    # a shared opening with a different clause after it
    c = "When farmers and engineers sit at one table, we learn what the fields really need"
    assert not reworded(SAID, c)
    # too short to tell a rewording from a coincidence
    assert not reworded("We are very proud today", "We are very happy today")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=4).flatmap(
    lambda every: st.tuples(st.integers(min_value=3 * every + 2, max_value=30), st.just(every))))
def test_one_word_swapped_every_few_words_keeps_the_skeleton(n_every):
    n, every = n_every  # at least three runs of shared words
    said = [f"w{k}" for k in range(n)]
    changed = [f"x{k}" if k % (every + 1) == every else w for k, w in enumerate(said)]
    assert reworded(" ".join(said), " ".join(changed))


CANAL_A = """Valley canal opens

The Orrin valley canal opened on Monday. Water minister Ilse Marrow opened the sluice.

Marrow said: “When farmers and engineers sit at one table, irrigation gets cheaper and every
village wins.”

“The canal was finished two months early and under budget,” Marrow added.
"""

CANAL_B = """Canal opens in the Orrin valley

Water minister Ilse Marrow opened the Orrin valley canal on Monday.

“When growers and engineers share the same table, irrigation becomes cheaper and every valley
wins,” said minister Ilse Marrow.
"""

CANAL_C = """Orrin canal

Water minister Ilse Marrow opened the canal on Monday.

“I grew up on a farm that waited forty years for this water,” Marrow said.

“When farmers and engineers sit at one table, the rest of us learn what fields really need.”
"""


def test_a_reworded_quote_is_drift_end_to_end(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": CANAL_A, "b.txt": CANAL_B, "c.txt": CANAL_C})
    qd = [f for f in findings if f["check"] == "quote-drift"]
    texts = [sorted(e["exact"] for e in f["evidence"]) for f in qd]
    # the rewording of the first statement is found; its second statement, reworded in c.txt
    # with a clause of its own, and the speakerless fragment are paired with nothing
    assert any(any("growers" in t for t in ts) and any("farmers" in t for t in ts)
               for ts in texts), [f["message"] for f in qd]
    assert all(not any("fields really need" in t for t in ts) for ts in texts)
    assert all(f["severity"] == "warning" for f in qd)


# --- bulleted lists -------------------------------------------------------------------------

def read(text: str):
    ctx = Context(text=text, vocab=load_vocabulary())
    return [(c.predicate, c.value) for c in lists.extract(ctx, 0, len(text))]


def test_a_sentence_after_the_bullets_is_not_a_member():
    text = ("The canal is paid for by:\n\nHollin Water\n\nBrask Cement\n\nTeodor Pumps\n\n"
            "Eleven village cooperatives are also chipping in.\n\nMore text follows here.")
    ((rel, value),) = read(text)
    assert rel == "funder"
    assert value["members"] == ["Hollin Water", "Brask Cement", "Teodor Pumps"]


def test_a_bulleted_member_may_carry_a_legal_form_and_connectors():
    text = "The funders are:\n\n- Hollin Water Ltd\n- Bank of Orrin\n- Brask & Sons\n\nEnd."
    ((_, value),) = read(text)
    assert value["members"] == ["Hollin Water Ltd", "Bank of Orrin", "Brask & Sons"]


def test_more_cues_introduce_a_bulleted_funder_list():
    for cue in ("Who is putting up the money:", "The companies behind the canal project:",
                "Putting up the money are"):
        sep = "\n\n" if cue.endswith(":") else " "
        items = ("Hollin Water\n\nBrask Cement\n\nTeodor Pumps" if sep == "\n\n"
                 else "Hollin Water, Brask Cement and Teodor Pumps.")
        found = read(f"{cue}{sep}{items}")
        assert [(r, v["members"]) for r, v in found] == [
            ("funder", ["Hollin Water", "Brask Cement", "Teodor Pumps"])], cue


LIST_A = """<html><body><article><h1>Orrin canal funded</h1>
<p>The Orrin canal opened on Monday in Tessby.</p>
<p>The canal is paid for by:</p>
<ul><li>Hollin Water</li><li>Brask Cement</li><li>Teodor Pumps</li></ul>
<p>Eleven village cooperatives are also chipping in.</p>
</article></body></html>
"""

LIST_B = """Orrin canal opens

The Orrin canal opened on Monday in Tessby. Funding comes from Teodor Pumps, Hollin Water and
Brask Cement, plus eleven village cooperatives.
"""

LIST_C = """Canal in Tessby

The Orrin canal opened on Monday in Tessby. The canal is funded by Hollin Water and Teodor
Pumps, along with eleven village cooperatives.
"""


def test_bulleted_list_compared_end_to_end(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.html": LIST_A, "b.txt": LIST_B, "c.txt": LIST_C})
    lm = [f for f in findings if f["check"] == "list-mismatch" and f["severity"] != "info"]
    # only c.txt leaves a funder out; the sentence after the bullets is no missing member
    assert len(lm) == 1, [f["message"] for f in lm]
    assert "Brask Cement missing" in lm[0]["message"]
    assert "cooperatives" not in lm[0]["message"]


def test_check_reuse_is_keyed_by_the_rules_checks_call():
    # a story's findings are reused only under the same code signature: an edit to quote
    # identity (resolve/utterances.py) or to the text toolkit must invalidate them too
    import audit
    from audit.check.run import code_signature, signed_files

    package = Path(audit.__file__).parent
    names = {p.relative_to(package).as_posix() for p in signed_files()}
    assert {"check/run.py", "check/checks/quote_drift.py", "resolve/utterances.py",
            "resolve/roles.py", "text.py", "data/vocabulary.toml"} <= names
    assert len(code_signature()) == 16
