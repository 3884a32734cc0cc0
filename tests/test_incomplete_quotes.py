"""Quotes known to be a prefix of what was said (cut off where a page ends, or ending in an
ellipsis) are compared only on the words they have; in our own invented words."""

from __future__ import annotations

import pytest

from audit.extract import quotes
from audit.resolve.utterances import word_diff
from tests.extracting import audit_texts, run

WHOLE = "We will rebuild the ferry pier before winter and nobody will lose a single sailing"


@pytest.mark.parametrize("text,expected", [
    ("“We will rebuild the ferry pier before winter and nobody,” said Ines Vardy.\n", None),
    ("Ines Vardy said: “We will rebuild the ferry pier before winter and nobody will\n",
     "unclosed"),
    ("Ines Vardy said: “We will rebuild the ferry pier before winter and…”\n", "ellipsis"),
    ("Ines Vardy said: “We will rebuild the ferry pier before winter...”\n", "ellipsis"),
])
def test_a_prefix_is_marked(text, expected):
    [q] = run(quotes, text)
    assert q.value.get("incomplete") == expected


def test_an_unclosed_paragraph_that_the_text_goes_on_after_is_not_marked():
    text = ("Ines Vardy said: “We will rebuild the ferry pier before winter\n\n"
            "The council meets on Tuesday to vote on the budget.\n")
    [q] = run(quotes, text)
    assert "incomplete" not in q.value


def test_a_prefix_is_compared_only_on_its_words():
    cut = "We will rebuild the ferry pier before winter and nobody will lo"
    assert word_diff(cut, WHOLE, a_prefix=True)[1] == 0
    assert word_diff(WHOLE, cut, b_prefix=True)[1] == 0
    # a word it has that differs is still a change
    wrong = "We will rebuild the ferry pier before spring and nobody"
    assert word_diff(wrong, WHOLE, a_prefix=True)[1] == 1
    assert word_diff("We will rebuild the ferry pier before winter and everyone", WHOLE,
                     a_prefix=True)[1] == 1


def test_a_page_cut_off_inside_a_quote_is_no_drift(tmp_path):
    findings, claims = audit_texts(tmp_path, {
        "a.txt": f"The harbour board met on Monday.\n\n“{WHOLE},” said Ines Vardy, the "
                 "harbour master.\n",
        "b.txt": "The harbour board met on Monday.\n\nHarbour master Ines Vardy said: “We will "
                 "rebuild the ferry pier before winter and nobody will lose a sin\n",
    })
    cut = [v for k, _, v in claims if k == "quote" and v.get("incomplete")]
    assert [v["incomplete"] for v in cut] == ["unclosed"]
    assert not [f for f in findings if f["check"] == "quote-drift"]


def test_a_changed_word_before_the_cut_is_still_drift(tmp_path):
    findings, _ = audit_texts(tmp_path, {
        "a.txt": f"The harbour board met on Monday.\n\n“{WHOLE},” said Ines Vardy, the "
                 "harbour master.\n",
        "b.txt": "The harbour board met on Monday.\n\nHarbour master Ines Vardy said: “We will "
                 "rebuild the ferry pier before spring and nobody will lose a sin\n",
    })
    drift = [f for f in findings if f["check"] == "quote-drift"]
    assert drift and drift[0]["severity"] == "warning"
