"""Quote-drift on the shapes real coverage gives it: a statement reworded in more than one of
its parts, one source splitting a statement that another quotes whole, hyphenated compounds,
a one-word swap in a short partial quote, a speaker named with an organisation's title. End to
end through the CLI, in our own invented wording and names."""

from __future__ import annotations

from tests.extracting import audit_texts


def drift(findings):
    return [f for f in findings if f["class"] == "quote-drift"]


def test_a_statement_reworded_in_two_parts_shows_both_parts(tmp_path):
    first = "The harbour crane failed twice this month and cost our carriers a great deal"
    second = "We will not sign another contract until the port replaces it for good"
    files = {
        "a.txt": f'"{first}," said trader Wim Oostra on Monday. "{second}," he added.',
        "b.txt": '"The harbour crane failed twice this month and cost our carriers a fortune," '
                 'said trader Wim Oostra on Monday. "We shall not sign another contract until '
                 'the port replaces it for good," he added.',
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    qd = drift(got)
    assert len(qd) == 1, [f["message"] for f in got]
    exact = [e["exact"] for e in qd[0]["evidence"]]
    assert sum("crane" in x for x in exact) == 2 and sum("contract" in x for x in exact) == 2, \
        exact
