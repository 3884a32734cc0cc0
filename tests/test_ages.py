"""Ages of named people: the two press forms, keyed by surname; lone numbers and lists not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.extract import ages
from audit.model import Context


def read(text: str) -> list[tuple[str, int, str]]:
    ctx = Context(text=text)
    out = []
    for c in ages.extract(ctx, 0, len(text)):
        v = c.spans[0]
        assert text[v.start : v.end] == str(c.value["n"])
        out.append((c.subject, c.value["n"], text[c.spans[1].start : c.spans[1].end]))
    return out


@pytest.mark.parametrize("text, subject, age", [
    ("Marta Delgado, 61, of Pellham, was driving.", "years old (delgado)", 61),
    ("Rescuers found Marta Delgado, 61, a nurse, in the car.", "years old (delgado)", 61),
    ("The 61-year-old Marta Delgado was driving.", "years old (delgado)", 61),
])
def test_the_two_press_forms(text, subject, age):
    assert [(s, n) for s, n, _ in read(text)] == [(subject, age)]


@pytest.mark.parametrize("text", [
    "Pellham, 12, was the smallest village.",  # one capitalised word: a place, not a person
    "On Monday, June 5, 28, people came.",
    "Omar and Dana Fisk, ages 70 and 68, died.",  # a list of ages
    "The 61-year-old Pellham resident Marta Delgado was driving.",  # age not beside the name
    "Marta Delgado, 61,000 votes behind, conceded.",
])
def test_other_numbers_beside_names_are_not_ages(text):
    assert read(text) == []


@given(st.integers(min_value=1, max_value=119))
def test_any_plausible_age_is_read_with_exact_spans(n):
    assert read(f"Jo Varga, {n}, of Tessel, spoke.") == [("years old (varga)", n, "Jo Varga")]
