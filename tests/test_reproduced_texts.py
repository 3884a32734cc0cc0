"""A text reproduced without quote marks after a paragraph announcing it as someone's ("the
full text of X's letter:") is that person's words: a reproduction that rewords it meets the
quotes other outlets give (invented story)."""

from __future__ import annotations

import pytest

from audit.extract import quotes
from tests.extracting import audit_texts, run

LETTER = ("Ferro Mills closes two plants\n\n"
          "Ferro Mills will close two plants, chief executive Mara Lint told staff.\n\n"
          "Read the full text of Mara Lint's letter to staff:\n\n"
          "Team,\n\nI have hard news to share with all of you today. "
          "We are closing the plants in Dorn and Ebbe by the end of the year. "
          "I take full blame for the choices that brought the firm here. "
          "Every worker affected will be offered a place at another plant.\n")


def test_the_sentences_after_an_announcement_are_its_owner_quotes():
    got = [c for c in run(quotes, LETTER) if c.value.get("speaker_via") == "reproduced"]
    assert [c.value["text"] for c in got] == [
        "I have hard news to share with all of you today",
        "We are closing the plants in Dorn and Ebbe by the end of the year",
        "I take full blame for the choices that brought the firm here",
        "Every worker affected will be offered a place at another plant."]
    assert {c.value["speaker"] for c in got} == {"Mara Lint"}


@pytest.mark.parametrize("text", [
    # no owner named in the announcement: nobody's words
    "Read the full statement below:\n\nWe are closing the plants in Dorn and Ebbe this year.\n",
    # an announcement that is not of a text
    "Mara Lint's plan in full detail:\n\nWe are closing the plants in Dorn and Ebbe this year.\n",
])
def test_no_reproduction_without_an_owner_or_a_text(text):
    assert [c for c in run(quotes, text) if c.value.get("speaker_via") == "reproduced"] == []


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    files = {
        "wire.txt": "Ferro Mills to shut plants\n\nFerro Mills will shut its Dorn and Ebbe "
                    "plants, chief executive Mara Lint said in a letter to staff. "
                    "\u201cI take full blame for the choices that led the firm here,\u201d "
                    "Lint wrote. \u201cEvery worker affected will be offered a place at another "
                    "plant,\u201d she added.\n",
        "rewrite.txt": LETTER,
    }
    found, _claims = audit_texts(tmp_path_factory.mktemp("letter"), files)
    return [f for f in found if f["check"] == "quote-drift"]


def test_a_reproduction_that_rewords_a_quoted_line_is_reported(findings):
    assert len(findings) == 1, [f["message"] for f in findings]
    (f,) = findings
    values = sorted(v["value"] for v in f["values"])
    # the reproduction's sentences are separate quotes: both pieces of the wire's two-sentence
    # quote are compared with it, joined
    assert values[0].startswith("I take full blame for the choices that brought the firm here")
    assert values[1].startswith("I take full blame for the choices that led the firm here")
    assert f["severity"] == "warning"
