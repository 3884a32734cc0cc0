"""Funder lists given one member per line or bullet, after a cue that ends in a colon."""

from __future__ import annotations

from audit.extract import lists
from audit.extract.vocab import load_vocabulary
from audit.model import Context


def run(text: str):
    ctx = Context(text=text, vocab=load_vocabulary())
    return list(lists.extract(ctx, 0, len(text)))


def test_one_member_per_block():
    text = "The funders are:\n\nNVIDIA\n\nAmazon\n\nSoftBank Group\n\nThe deal was signed on Monday."
    (claim,) = run(text)
    assert claim.predicate == "funder" and claim.value["complete"] is True
    assert [text[s.start:s.end] for s in claim.spans] == ["NVIDIA", "Amazon", "SoftBank Group"]


def test_bullets_with_separators_and_partial_cue():
    text = "Backers include:\n- Vestra Energi;\n- Kobolt Materials; and\n- Helio Cells.\n\nMore text."
    (claim,) = run(text)
    assert claim.value["members"] == ["Vestra Energi", "Kobolt Materials", "Helio Cells"]
    assert claim.value["complete"] is False  # "include" introduces a partial list


def test_sentences_after_a_colon_are_not_a_list():
    assert run("The programme is funded by: the city.\nNext line is a long sentence here.") == []
    assert run("The funders are:\n\nThe city council said it would decide. Later more.") == []
