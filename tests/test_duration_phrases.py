"""Lengths as real coverage writes them (texts written here, not copied).

A length with a half in words ("two and a half years", "a two-and-a-half-year contract") is
that length, and "a contract for" names what it is the length of: on a transfer's coverage
the pages giving the true contract length were not read at all, so the one page with a wrong
length was compared only with another wrong one.

A length that is one end of a range ("terms ranging from three to 20 years") is the spread
over several things (each defendant's term), not one thing's length: on a verdict's coverage
the top of one range was an error against another page's "up to 15 years" for the others."""

from __future__ import annotations

import pytest

from audit.extract import times
from tests.extracting import audit_texts, run


@pytest.mark.parametrize("text, n, subject", [
    ("She signed a two-and-a-half-year contract with the club.", 2.5, "contract length"),
    ("She signed a contract for two and a half years.", 2.5, "contract length"),
    ("The loan runs for one and a half years.", 1.5, "loan length"),
    ("The climb took 3 and a half hours.", 3.5, None),
    ("The club offered a deal for 4 years.", 4, "contract length"),
    ("She waited half an hour.", 0.5, None),
])
def test_a_half_in_words_is_read(text, n, subject):
    got = [c for c in run(times, text) if c.predicate == "duration"]
    assert [c.value["n"] for c in got] == [n]
    if subject:
        assert got[0].subject == subject
        assert text[got[0].spans[0].start:got[0].spans[0].end].split()[0][:1].isalnum()


def _page(length: str) -> str:
    return (f"Keeper joins Harbourside\n\nGoalkeeper Mara Velde joined Harbourside FC on "
            f"Monday on a {length} contract, the club said.\n")


def test_a_wrong_contract_length_is_compared_with_the_half_year_one(tmp_path):
    files = {"a.txt": _page("two-and-a-half-year"), "b.txt": _page("two-and-a-half-year"),
             "c.txt": _page("two-and-a-half-year"), "d.txt": _page("three-year")}
    found, _ = audit_texts(tmp_path, files)
    got = [f for f in found if f["class"] == "time-conflict"]
    assert len(got) == 1 and "2.5" in got[0]["message"] and "3 year" in got[0]["message"], got
    assert got[0]["severity"] in ("error", "warning")
    # the same length everywhere: nothing to report
    files["d.txt"] = _page("two and a half year")
    found, _ = audit_texts(tmp_path / "same", files)
    assert not [f for f in found if f["class"] == "time-conflict"]


@pytest.mark.parametrize("text, ends", [
    ("The court handed down terms ranging from three to 20 years.", [20]),
    ("The men got jail terms of between three and 15 years.", [15]),
    ("Terms ran from 3 years, 2 of them suspended, to 15 years in prison.", [3, 15]),
])
def test_the_ends_of_a_range_are_marked(text, ends):
    got = [c for c in run(times, text) if c.predicate == "duration"]
    assert [c.value["n"] for c in got] == ends
    assert all(c.subject.endswith("(range)") for c in got), [c.subject for c in got]


@pytest.mark.parametrize("text", [
    "He was jailed for 20 years on Friday.",
    "From 2019 to 2023 he spent two years at sea and three years ashore.",
])
def test_a_single_length_is_no_range(text):
    got = [c for c in run(times, text) if c.predicate == "duration"]
    assert got and not any("(range)" in c.subject for c in got)


def _verdict(line: str) -> str:
    return f"Verdict in Arlen\n\nThe court in Arlen ruled on Thursday. {line}\n"


def test_the_top_of_a_range_is_not_compared_with_one_term(tmp_path):
    files = {
        "a.txt": _verdict("The court handed down terms ranging from three to 20 years."),
        "b.txt": _verdict("The main defendant was jailed for 20 years and the others were "
                          "handed terms of up to 15 years."),
    }
    found, _ = audit_texts(tmp_path, files)
    assert not [f for f in found if f["class"] == "time-conflict"
                and f["severity"] in ("error", "warning")]
