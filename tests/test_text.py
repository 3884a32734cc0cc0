"""The text toolkit (audit/text.py): one abbreviation list for every sentence bound, sentence
bounds shared through the extraction context, folding, and hard-wrap detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.model import Context
from audit.text import (
    ABBREVIATIONS,
    SENTENCE_BREAK,
    SENTENCE_DOT,
    Sentences,
    deaccent,
    fold,
    is_hard_wrapped,
    runs_on,
    sentence_end,
    sentence_start,
    to_stored,
)


def _bounds(text: str, word: str) -> dict[str, tuple[int, int] | int | bool]:
    """Where each sentence function puts the bounds of the sentence holding ``word``."""
    i = text.index(word)
    return {
        "zone": Sentences(text, 0, len(text)).bounds(i, i + len(word)),
        "start": sentence_start(text, i),
        "end": sentence_end(text, 0, len(text)),
        "dot": SENTENCE_DOT.search(text) is not None,
        "report": SENTENCE_BREAK.search(text) is not None,
    }


@pytest.mark.parametrize("abbr", [*ABBREVIATIONS, "U.S", "J"])
def test_no_sentence_function_ends_a_sentence_after_an_abbreviation(abbr):
    text = f"The grant went to {abbr}. Halden and others"
    b = _bounds(text, "others")
    assert b == {"zone": (0, len(text)), "start": 0, "end": len(text), "dot": False,
                 "report": False}


def test_every_sentence_function_ends_a_sentence_after_a_word():
    text = "The grant went to Halden. Marrow and others"
    cut = text.index("Marrow")
    b = _bounds(text, "others")
    assert b["zone"] == (cut, len(text)) and b["start"] == cut
    assert b["end"] == text.index(".") + 1 and b["dot"] and b["report"]


def test_zone_sentences_keep_lines_a_single_break_joins():
    text = "Funding came from the\nbank. Then a\n\nnew paragraph\n- a bullet"
    s = Sentences(text, 0, len(text))
    i = text.index("bank")
    assert s.bounds(i, i + 4) == (0, text.index(". Then"))
    i = text.index("new")
    assert s.bounds(i, i + 3) == (text.index("new"), text.index("\n- a"))
    assert sentence_start(text, text.index("bank")) == text.index("bank")  # per line


def test_context_shares_sentences_per_range_and_compares_without_them():
    text = "One sentence. Two sentences here."
    a, b = Context(text=text), Context(text=text)
    assert a.sentences(0, len(text)) is a.sentences(0, len(text))
    assert a.sentences(0, 5) is not a.sentences(0, len(text))
    # the cache lives on the context, not in a module keyed on the text object
    assert a.sentences(0, len(text)) is not b.sentences(0, len(text))
    assert a == b


@given(st.text())
def test_fold_keeps_length(s):
    assert len(fold(s)) == len(s)


def test_fold_deaccent_and_stored_form():
    assert fold("\u201cA\u2014B\u00a0C\u2019s\u201d") == "\"A-B C's\""
    assert deaccent("Søren Müller, Zoë") == "Søren Muller, Zoe"
    assert to_stored("\ufeffa\r\nb\u2028c e\u0301") == "a\nb\nc \u00e9"


def test_hard_wrapped_paragraphs_and_lists_of_lines():
    wrapped = ("The council approved the funding for the new concert hall on\n"
               "Monday after a long debate about the costs of the building and\n"
               "its maintenance.")
    listing = "Tessel Bank\nMarrow Glassworks\nHalden Clay"
    assert is_hard_wrapped(wrapped) and not is_hard_wrapped(listing)
    assert runs_on("The council approved the funding for the new hall on")
    assert not runs_on("The council approved the funding for the new hall.")
    assert not runs_on("Short line")
