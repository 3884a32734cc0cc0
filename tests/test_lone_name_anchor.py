"""A name written alone on many pages anchors its one-letter misspelling, down to five
letters: a five-letter company named alone throughout a story and misspelt once (found on real
coverage of a bridge collapse: the firm's name with one consonant changed on one page)."""

from __future__ import annotations

from tests.extracting import audit_texts

PAGES = {
    "a.txt": "Footbridge collapse: managers arrested\n\nPolice arrested two managers of Tarvo on "
             "Monday. Tarvo had repaired the footbridge over the river in Kelbridge.\n",
    "b.txt": "Kelbridge footbridge\n\nThe footbridge was reopened by Tarvo last week. "
             "Investigators said Tarvo had not asked for a safety check before reopening it.\n",
    "c.txt": "Arrests after footbridge collapse\n\nTwo managers of Tarvo were among those "
             "arrested on Monday, police in Kelbridge said.\n",
    "d.txt": "Kelbridge mourns\n\nA company called Tarwo reopened the footbridge last week, "
             "four days before it fell into the river. Police arrested nine people on Monday.\n",
    "e.txt": "Questions for the repair firm\n\nThe town had signed a contract with Tarvo in "
             "March, and the work by Tarvo took seven months, officials in Kelbridge said.\n",
}


def _variants(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "name-variant"]


def test_a_five_letter_name_written_alone_anchors_its_misspelling(tmp_path):
    found, _ = audit_texts(tmp_path, PAGES)
    (f,) = _variants(found)
    assert [v["value"] for v in f["values"]] == ["Tarwo", "Tarvo"]
    assert f["severity"] in ("error", "warning")


def test_written_fewer_times_it_anchors_nothing(tmp_path):
    few = {k: v for k, v in PAGES.items() if k != "e.txt"}  # four times alone
    found, _ = audit_texts(tmp_path, few)
    assert _variants(found) == []
