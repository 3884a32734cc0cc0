"""Earthquake magnitudes (``audit/extract/magnitudes.py``) in invented sentences, and their
comparison by measurement-conflict through the real CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import magnitudes
from audit.extract.frames import intersects
from audit.model import Context
from tests.extracting import audit_texts, run


def _read(text: str, day: dt.date | None = None) -> list[float]:
    if day is None:
        return [c.value["value"] for c in run(magnitudes, text)]
    return [c.value["value"] for c in magnitudes.extract(Context(text, day), 0, len(text))]


@pytest.mark.parametrize(("text", "value"), [
    ("A magnitude 6.4 earthquake struck the valley on Tuesday.", 6.4),
    ("The magnitude-6.4 quake shook the valley.", 6.4),
    ("A 6.4-magnitude earthquake struck the valley.", 6.4),
    ("A 6.4 magnitude quake struck the valley.", 6.4),
    ("The earthquake had a magnitude of 6.4, the institute said.", 6.4),
    ("The quake measured 6.4 on the Richter scale.", 6.4),
    ("A 6.4 Richter scale earthquake hit the valley.", 6.4),
    ("Un terremoto de magnitud 6,4 sacudió el valle.", 6.4),
    ("O terremoto de magnitude 6,4 atingiu o vale.", 6.4),
    ("Ein Erdbeben der Stärke 6,4 erschütterte das Tal.", 6.4),
    ("A magnitude 7 earthquake struck the coast.", 7.0),
])
def test_a_quakes_magnitude_is_read_in_its_usual_forms(text, value):
    assert _read(text) == [value]


@pytest.mark.parametrize("text", [
    "A problem of this magnitude needs a plan, the minister said.",  # no figure
    "The star has a magnitude of 6.4 and is hard to see.",  # no quake in the sentence
    "It was followed by aftershocks of magnitude 5.1 and 4.8.",  # other shocks
    "A second quake of magnitude 5.1 followed an hour later.",
    "A magnitude 4.9 aftershock shook the town at dawn.",
    "This follows a 7.8-magnitude earthquake near the border in the spring.",
    "The region's last big quake, a 6.1-magnitude tremor, destroyed the bridge.",
    "It is the deadliest since 2004, when a 6.3-magnitude earthquake hit the port.",
    "Three strong quakes with magnitudes of 6.3, 5.9 and 5.5 hit the region.",
    "A magnitude 6.3 earthquake hit the port in 2004, the museum recalls.",  # earlier year
])
def test_other_shocks_and_other_magnitudes_are_left_out(text):
    assert _read(text, dt.date(2025, 3, 4)) == []


def test_a_magnitude_bound_is_just_under_half_its_last_digit():
    (c,) = run(magnitudes, "A magnitude 6.3 earthquake struck the valley.")
    assert c.value["bound"] == [6.251, 6.349]  # 6.2 and 6.4 do not touch it
    (c,) = run(magnitudes, "A magnitude 7 earthquake struck the valley.")
    assert c.value["bound"] == [6.951, 7.049]  # "magnitude 7" is 7.0, as agencies give it
    (c,) = run(magnitudes, "An earthquake of about magnitude 6 struck the valley.")
    assert c.value["approx"] == "about" and c.value["bound"][0] < 5.5


@settings(max_examples=60, deadline=None)
@given(st.integers(10, 95), st.integers(10, 95))
def test_two_magnitudes_agree_exactly_when_their_written_digits_do(a, b):
    """Tenths: 6.3 and 6.3 agree; 6.3 and 6.4 do not (each bound is half the last digit)."""
    ca, = run(magnitudes, f"A magnitude {a / 10:.1f} earthquake struck the valley.")
    cb, = run(magnitudes, f"The {b / 10:.1f}-magnitude quake hit the valley.")
    assert intersects(ca.value["bound"], cb.value["bound"]) == (a == b)


PAGES = {
    "a.txt": "Quake shakes the Aldmoor valley\n\nA magnitude 6.4 earthquake struck the Aldmoor "
             "valley on Tuesday night, the seismology office said. It was followed by "
             "aftershocks of 5.1 and 4.8.\n",
    "b.txt": "Strong earthquake hits Aldmoor valley\n\nThe 6.4-magnitude quake hit the Aldmoor "
             "valley late on Tuesday, the seismology office said.\n",
    "c.txt": "Aldmoor valley earthquake\n\nAn earthquake of magnitude 6.9 struck the Aldmoor "
             "valley on Tuesday, 40 km from Corvel, the seismology office said. A second quake "
             "of magnitude 5.1 "
             "followed an hour later. The region's last big quake, a 6.1-magnitude tremor, "
             "hit the valley long ago.\n",
}


def test_one_page_giving_another_magnitude_is_a_measurement_conflict(tmp_path):
    found, claims = audit_texts(tmp_path, PAGES)
    read = sorted(v["value"] for k, s, v in claims if s == "magnitude")
    assert read == [6.4, 6.4, 6.9]  # the aftershocks and the old quake are not read
    (f,) = [f for f in found if f["class"] == "measurement-conflict"]
    assert f["details"]["measure"] == "magnitude" and f["severity"] == "error"
    assert [v["value"] for v in f["values"]] == ["magnitude 6.4", "magnitude 6.9"]
    assert {e["exact"] for e in f["evidence"]} == {"magnitude 6.4", "6.4-magnitude",
                                                   "magnitude 6.9"}
    same = dict(PAGES, **{"c.txt": PAGES["c.txt"].replace("magnitude 6.9", "magnitude 6.4")})
    found, _ = audit_texts(tmp_path / "same", same)
    assert not [f for f in found if f["class"] == "measurement-conflict"]


def _page(title: str, value: str, agency: str) -> str:
    return (f"{title}\n\nA magnitude {value} earthquake struck the Aldmoor valley on Tuesday "
            f"night, {agency} said. Rescue teams reached the village of Corvel on Wednesday.\n")


def test_three_magnitudes_or_every_one_stated_twice_are_agencies_estimates(tmp_path):
    """Agencies publish different magnitudes for one quake: three values, or two values each
    stated by two pages, are info; one page's odd value against the rest stays an error."""
    three = {"a.txt": _page("Quake in Aldmoor", "6.4", "the national survey"),
             "b.txt": _page("Aldmoor quake", "6.4", "the national survey"),
             "c.txt": _page("Earthquake hits Aldmoor", "6.6", "a European centre"),
             "d.txt": _page("Strong quake in the valley", "6.5", "the regional institute")}
    found, _ = audit_texts(tmp_path / "three", three)
    (f,) = [f for f in found if f["class"] == "measurement-conflict"]
    assert f["details"]["agency_estimates"] is True and f["severity"] == "info"
    twice = dict(three, **{"d.txt": _page("Strong quake in the valley", "6.6",
                                          "a European centre")})
    found, _ = audit_texts(tmp_path / "twice", twice)
    (f,) = [f for f in found if f["class"] == "measurement-conflict"]
    assert f["details"]["agency_estimates"] is True and f["severity"] == "info"
    once = dict(three, **{"d.txt": _page("Strong quake in the valley", "6.4",
                                         "the national survey")})
    found, _ = audit_texts(tmp_path / "once", once)
    (f,) = [f for f in found if f["class"] == "measurement-conflict"]
    assert "agency_estimates" not in f["details"] and f["severity"] == "error"


def test_another_shocks_depth_is_not_the_quakes_depth():
    from audit.extract import measurements

    main = "The quake of magnitude 6.4 struck at a depth of 10 km under the valley."
    later = "The latest earthquake, of magnitude 5.2, struck at a depth of 7 km."
    assert [c.subject for c in run(measurements, main)] == ["depth"]
    assert run(measurements, later) == []
    plain = "The latest survey of the lake put its depth at 7 km."  # no quake: kept
    assert [(c.subject, c.value["value"]) for c in run(measurements, plain)] == [("depth", 7)]
