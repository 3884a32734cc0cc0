"""A speaker named after a possessive ("Northwind Labs' Mara Olsen", "Acme's chief executive
Ann Lee") is the person, not the company that owns the possessive: real coverage wrote a
chief executive so, and the company was read as the speaker."""

from __future__ import annotations

import pytest

from tests.extracting import pipeline

QUOTE = "We will appeal the ruling and keep the store open for every developer"


@pytest.mark.parametrize("text", [
    f'“{QUOTE},” said Northwind Labs’ Mara Olsen.',
    f'"{QUOTE}," said Northwind Labs\' Mara Olsen.',
    f'"{QUOTE}," Northwind Labs\' Mara Olsen said in a statement.',
    f'"{QUOTE}," said Northwind\'s chief executive Mara Olsen.',
    f'Northwind Labs\' Mara Olsen said: "{QUOTE}."',
])
def test_the_person_after_a_possessive_speaks(text):
    quotes = pipeline(text, "quote")
    assert [(q.subject, q.value.get("speaker")) for q in quotes] == [
        ("mara olsen", "Mara Olsen")]
    speaker = [s for s in quotes[0].spans if s.role == "speaker"]
    assert [text[s.start:s.end] for s in speaker] == ["Mara Olsen"]


def test_a_possessive_owner_with_no_person_after_it_stays_the_speaker():
    text = f'"{QUOTE}," said Mara Olsen\'s company.'
    assert [q.subject for q in pipeline(text, "quote")] == ["mara olsen"]
