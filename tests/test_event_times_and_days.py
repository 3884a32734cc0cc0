"""The event a clock time or a day belongs to, and the time-conflict and date-conflict findings
it allows across outlets that name one happening in different words (invented stories)."""

from __future__ import annotations

import pytest

from audit.extract import dates, times
from audit.extract.events import OCCUR, story_events
from tests.extracting import audit_texts, run


def _clock_events(text: str) -> list[tuple[str, str]]:
    return [(text[c.spans[0].start:c.spans[0].end], c.subject) for c in run(times, text)
            if c.predicate == "clock"]


def _day_events(text: str) -> list[tuple[str, str | None]]:
    return [(text[c.spans[0].start:c.spans[0].end], c.value.get("event"))
            for c in run(dates, text)]


@pytest.mark.parametrize("text, expected", [
    # the event word after the time, and a phrasal verb folded into its kind of happening
    ("At 3:05 A.M. on May 2, the cargo rocket lifted off from the coastal pad.",
     [("3:05 A.M.", "launch")]),
    ("The Vela probe blasted off at 6:40 p.m. EDT.", [("6:40 p.m. EDT", "launch")]),
    # a generic verb takes its noun, across a parenthesis; the converted time has no event
    ("The tremor struck a valley 40 km (25 miles) east of Dunmore at 9:12 p.m. local time "
     "(1912 GMT) on Tuesday.", [("9:12 p.m. local time", "quake"), ("1912 GMT", "")]),
    ("The earthquake that rattled the coast at 9:12 p.m. cut power.",
     [("9:12 p.m.", "quake")]),
    # a generic verb with no noun is the generic event; a statement's time is no event's
    ("It happened at 9:12 p.m., the mayor said.", [("9:12 p.m.", OCCUR)]),
    ("The toll rose to 40 from the quake at 10 a.m., officials said.", [("10 a.m.", "")]),
    # an event noun inside a name or modifying another noun is not the event
    ("The Orbital Launch Vehicle stood on the pad at 9 p.m.", [("9 p.m.", "")]),
    ("The launch attempt at 8:14 p.m. was scrubbed.", [("8:14 p.m.", "")]),
    ("It launches from Launch Complex 7 in the desert at 6:02 a.m. local time.",
     [("6:02 a.m. local time", "launch")]),
])
def test_the_event_of_a_clock_time(text, expected):
    assert _clock_events(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("A strong earthquake struck the valley on Friday night.", [("Friday", "quake")]),
    ("The earthquake that occurred on Saturday evening flattened homes.",
     [("Saturday", "quake")]),
    ("On June 8, 2031, a 6.2 magnitude quake struck the valley.", [("June 8, 2031", "quake")]),
    ("The death toll in Friday's earthquake reached 40.", [("Friday", "quake")]),
    # the day of a statement, of a visit to the scene, of a topic line: not the happening's
    ("The quake has killed at least 40 people, officials said Saturday.", [("Saturday", None)]),
    ("Inspectors reached the scene of the collapse Monday.", [("Monday", None)]),
    ("2031-06-10 Valley quake toll rises to 40", [("2031-06-10", None)]),
    # a declaration is dated as its own act, when its verb stands next to the day
    ("The mayor on June 10 declared a day of mourning after the quake struck the valley.",
     [("June 10", "mourning")]),
    ("A curfew was in force, the army announced on Sunday.", [("Sunday", "curfew")]),
    ("The quake struck on Friday, and the mayor declared a day of mourning.",
     [("Friday", "quake")]),
    ("The mayor declared a day of mourning for the victims of Friday's quake.",
     [("Friday", "quake")]),
    ("Officials said on Monday that the curfew would stay.", [("Monday", None)]),
    ("An earlier quake on Tuesday had been smaller.", [("Tuesday", None)]),
])
def test_the_happening_a_day_belongs_to(text, expected):
    assert _day_events(text) == expected


def test_a_generic_event_stands_for_the_one_happening_only():
    assert story_events(["quake", OCCUR, "rescu"])[OCCUR] == "quake"
    assert story_events(["crash", "explo", OCCUR])[OCCUR] == OCCUR  # two happenings: unknown
    assert story_events(["arriv", OCCUR])[OCCUR] == OCCUR  # an arrival is not the incident


ERUPTION = {
    "wire.txt": "Kerral volcano erupts\n\nMount Kerral erupted at 4:20 a.m. on Thursday, "
                "sending ash over Alsby, the observatory said. Rescuers arrived at 7:30 a.m. "
                "An earlier eruption on March 3, 2019 had been smaller.\n",
    "paper.txt": "Ash falls on Alsby\n\nThe volcano blew its top at 4:20 a.m. local time "
                 "Thursday. The eruption took place after weeks of tremors. The governor "
                 "visited the town on Saturday.\n",
    "rewrite.txt": "Volcano news\n\nThe eruption took place at 4:20 p.m., spreading ash over "
                   "Alsby. Mount Kerral erupted on Friday, the observatory said in a "
                   "statement on Friday. Rescuers arrived at 7:30 a.m.\n",
}


@pytest.fixture(scope="module")
def eruption(tmp_path_factory):
    findings, _claims = audit_texts(tmp_path_factory.mktemp("eruption"), ERUPTION)
    return findings


def test_a_clock_slip_between_a_m_and_p_m_is_reported(eruption):
    found = [f for f in eruption if f["check"] == "time-conflict"]
    assert len(found) == 1, [f["message"] for f in found]
    assert sorted(v["value"] for v in found[0]["values"])[-1].startswith("4:20 p.m.")
    assert all("7:30" not in v["value"]
               for v in found[0]["values"])  # the rescuers' arrival is another event


def test_a_day_one_outlet_moves_is_reported_with_lower_confidence(eruption):
    found = [f for f in eruption if f["check"] == "date-conflict"]
    assert len(found) == 1, [f["message"] for f in found]
    (f,) = found
    values = sorted(v["value"] for v in f["values"])
    assert values[0].startswith("Friday") and values[1].startswith("Thursday")
    assert f["severity"] == "warning" and f["details"]["adjacent_days"] is True
    assert not any("2019" in v["value"] or "Saturday" in v["value"] for v in f["values"])


MALL = {
    "a.txt": "Gunman kills four at Harlow mall\n\nA gunman opened fire at the Harlow mall on "
             "Saturday, killing four people, police said. The shooting happened at 2:15 p.m. "
             "It was the second in the city this week, after a shooting on Tuesday at a school "
             "that left one dead.\n",
    "b.txt": "Four dead in Harlow mall shooting\n\nFour people were killed when a gunman opened "
             "fire at the Harlow mall at about 2:15 p.m. Saturday. A shooting on Tuesday at a "
             "school killed one. Police said on Sunday the suspect was in custody.\n",
    "c.txt": "Harlow mourns\n\nThe shooting at the Harlow mall on Saturday shocked the city. "
             "Officers arrived at 2:21 p.m., six minutes after the first call. The mayor "
             "declared a day of mourning on Monday. An earlier shooting on March 3, 2021 had "
             "killed two at the same mall. Friday marks one week since the attack.\n",
}


def test_other_happenings_of_the_kind_and_later_acts_are_not_compared(tmp_path):
    # another shooting introduced with "a"/"earlier", a statement's day, an arrival, a
    # declaration, an anniversary: none is the mall shooting's day or time
    findings, _claims = audit_texts(tmp_path, MALL)
    assert [f["message"] for f in findings
            if f["check"] in ("date-conflict", "time-conflict")] == []
