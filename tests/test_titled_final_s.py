"""A surname with a final "s" added or dropped is a misspelling when the story names that
person with a title and more often ("John Robert" for Chief Justice John Roberts): found on
real coverage of a court ruling, where two justices' names lost or gained an "s". Between two
untitled names it stays no misspelling (a plural, "Matthew"/"Matthews"). A title in the
plural ("Justices Ana Breyer") is not part of the name."""

from __future__ import annotations

from audit.extract import mentions
from audit.model import Context
from tests.extracting import audit_texts

PAGES = {
    "a.txt": "Court ruling\n\nChief Justice Aldo Fennings wrote for the court on Friday.\n",
    "b.txt": "Ruling\n\nThe opinion by Chief Justice Aldo Fennings was joined by four others.\n",
    "c.txt": "Decision\n\nChief Justice Aldo Fennings read the decision aloud.\n",
    "d.txt": "Recap\n\nThe decision, written by Aldo Fenning, drew a sharp dissent.\n",
}


def _variants(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "name-variant"]


def test_a_titled_persons_surname_with_a_final_s_dropped_is_misspelt(tmp_path):
    found, _ = audit_texts(tmp_path, PAGES)
    (f,) = _variants(found)
    assert {v["value"] for v in f["values"]} == {"Aldo Fenning", "Aldo Fennings"}
    assert f["severity"] == "error"


def test_without_a_title_a_final_s_is_no_misspelling(tmp_path):
    pages = {k: v.replace("Chief Justice ", "") for k, v in PAGES.items()}
    found, _ = audit_texts(tmp_path, pages)
    assert _variants(found) == []


def test_a_plural_title_is_not_read_as_a_name():
    text = "The dissent was signed by Justices Ana Breyer, Sonia Lind and Elena Marr."
    names = [c.value["name"] for c in mentions.extract(Context(text=text), 0, len(text))]
    assert "Ana Breyer" in names
    assert not any(n.startswith("Justices") for n in names)
