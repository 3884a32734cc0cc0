"""The measure of a measurement is the head noun of the phrase it modifies, also after a
modifier in -ing or -ed ("a 40,000-square-foot seed testing hall"); a participle that starts a
clause after the noun still ends the phrase. In our own wording."""

from __future__ import annotations

import pytest

from audit.extract.measurements import measure_of
from tests.extracting import audit_texts


def measure(text: str, written: str) -> str | None:
    s = text.index(written)
    return measure_of(text, 0, len(text), s, s + len(written), "-" in written)


@pytest.mark.parametrize("text,written,expected", [
    ("The board approved a 40,000-square-foot seed testing hall near Brenvik.",
     "40,000-square-foot", "hall"),
    ("Crews built a 12-metre cooling tower.", "12-metre", "tower"),
    ("It bought a 2,000-square-foot refurbished depot in Oslo.", "2,000-square-foot", "depot"),
    ("A 210-metre barge carrying the turbines ran aground.", "210-metre", "barge"),
    ("A 210-metre barge carrying turbines ran aground.", "210-metre", "barge"),
    ("A 6-km path winding along the river opened.", "6-km", "path"),
    ("The town opened a 3,000-square-metre hall.", "3,000-square-metre", "hall"),
    ("It plans a 9,000-square-foot sea kelp drying hall near Brenvik.", "9,000-square-foot",
     "hall"),
    ("It plans a 9,000-square-foot solar panel repair hall.", "9,000-square-foot", "hall"),
])
def test_head_noun_of_the_phrase(text, written, expected):
    assert measure(text, written) == expected


HALL_A = """Brenvik seed hall

The Brenvik seed institute will build a 40,000-square-foot seed testing hall near Brenvik, the
institute said on Monday.
"""

HALL_B = """New seed hall for Brenvik

The Brenvik seed institute will build a 46,000-square-foot hall near Brenvik, it said on Monday.
"""

HALL_C = """Brenvik builds

On Monday the Brenvik seed institute said it will build a 40,000-square-foot hall in Brenvik.
"""


def test_a_hall_after_a_modifier_is_compared(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": HALL_A, "b.txt": HALL_B, "c.txt": HALL_C})
    mc = [f for f in findings if f["check"] == "measurement-conflict"]
    assert len(mc) == 1, [f["message"] for f in findings]
    exact = sorted(e["exact"] for e in mc[0]["evidence"])
    assert any("46,000" in x for x in exact) and any("40,000" in x for x in exact)
