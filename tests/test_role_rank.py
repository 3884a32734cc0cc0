"""A title-case headline's name, and one surname given a title and its deputy's rank (invented
texts)."""

from __future__ import annotations

from audit.extract import people
from tests.extracting import audit_texts, run

HEADLINE = ("Harbour News\n\nVice President Lindqvist Opens the Week of Talks by Signing a "
            "Treaty\n\nThe treaty was signed on Monday by President Anna Lindqvist in Tallberg.\n")


def test_a_headline_name_stops_before_the_next_capitalised_word():
    got = {(c.value["title"], c.value["name"]) for c in run(people, HEADLINE)}
    assert ("Vice President", "Lindqvist") in got
    assert ("President", "Anna Lindqvist") in got


def test_a_name_in_running_text_is_read_whole():
    text = "The fair was opened by Vice President Anna Lindqvist Berg on Monday.\n"
    got = {c.value["name"] for c in run(people, text)}
    assert "Anna Lindqvist Berg" in got


def test_a_headline_name_whose_words_never_recur_is_kept_as_read():
    text = "City Desk\n\nMayor Tomas Harlow Resigns After Long Budget Row\n\nHe leaves in May.\n"
    got = {c.value["name"] for c in run(people, text)}
    assert got <= {"Tomas Harlow Resigns", "Tomas Harlow"}


OTHER = ("Treaty signed\n\nPresident Anna Lindqvist signed the treaty in Tallberg on Monday, "
         "her office said.\n")


def _ranks(findings):
    return [f for f in findings if f["check"] == "role-conflict"
            and f["details"].get("comparison") == "rank"]


def test_a_deputy_title_for_the_same_surname_is_a_rank_conflict(tmp_path):
    findings, _ = audit_texts(tmp_path, {"rewrite.txt": HEADLINE, "wire.txt": OTHER})
    ranks = _ranks(findings)
    assert len(ranks) == 1, [f["message"] for f in findings]
    f = ranks[0]
    assert f["severity"] == "warning"
    assert {v["value"] for v in f["values"]} == {"Vice President", "President"}
    assert all(e["exact"] in ("Vice President", "President") for e in f["evidence"])


def test_a_former_deputy_is_no_rank_conflict(tmp_path):
    former = ("Treaty signed\n\nFormer Vice President Lindqvist attended the signing in "
              "Tallberg on Monday.\n")
    findings, _ = audit_texts(tmp_path, {"a.txt": former, "wire.txt": OTHER})
    assert _ranks(findings) == []


def test_two_people_with_different_first_names_are_no_rank_conflict(tmp_path):
    other = ("Treaty signed\n\nVice President Erik Lindqvist attended the signing in "
             "Tallberg on Monday.\n")
    findings, _ = audit_texts(tmp_path, {"a.txt": other, "wire.txt": OTHER})
    assert _ranks(findings) == []


def test_a_co_founder_is_a_founder_but_a_co_chair_is_not_the_chair(tmp_path):
    files = {
        "a.txt": "Robotics maker Quillon\n\nQuillon co-founder Mira Teodorescu said on Monday "
                 "the plant will open in May.\n",
        "b.txt": "Quillon opens plant\n\nFounder Mira Teodorescu said on Monday the plant will "
                 "open in May.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    assert _ranks(findings) == []
    chair = {
        "a.txt": "Harbour board\n\nCo-chair Mira Teodorescu said on Monday the board will "
                 "meet in May.\n",
        "b.txt": "Harbour board meets\n\nChair Mira Teodorescu said on Monday the board will "
                 "meet in May.\n",
    }
    findings, _ = audit_texts(tmp_path / "chair", chair)
    assert len(_ranks(findings)) == 1, findings
