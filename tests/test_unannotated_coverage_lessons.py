"""False alarms found by reading the audit's errors on real coverage that has no gold file
(sixteen events gathered for that purpose), each written here as a rule in our own words."""

from __future__ import annotations

from audit.extract import dates, minutes, times
from audit.extract.frames import time_frame
from audit.resolve.utterances import word_diff
from tests.extracting import audit_texts, run

_BODY = (" The trial opened on April 15, 2024, and heard from twenty witnesses before the jury "
         "retired to consider its decision.\n")


def test_a_day_inside_a_quotation_is_not_the_happenings_day():
    quoted = '"The real verdict comes on Nov. 5 with the voters," Harlan Drew said.'
    (c,) = [c for c in run(dates, quoted) if c.value.get("precision") == "day"]
    assert "event" not in c.value
    (c,) = run(dates, "The jury reached its verdict on Thursday.")
    assert c.value["event"] == "verdict"


def test_a_quoted_future_day_is_no_date_conflict(tmp_path):
    files = {
        "a.txt": f"Drew convicted\n\nThe jury reached its verdict on Thursday.{_BODY}",
        "b.txt": f"Drew verdict\n\nJurors reached the verdict on Thursday afternoon.{_BODY}",
        "c.txt": f"Drew reacts\n\n“The real verdict comes on Nov. 5 with the voters,” Harlan "
                 f"Drew said.{_BODY}",
        "d.txt": f"Drew reacts\n\n“The real verdict comes on Nov. 5 with the voters,” Harlan "
                 f"Drew told reporters.{_BODY}",
        "e.txt": f"Drew defiant\n\nHarlan Drew said: “The real verdict comes on Nov. 5 with the "
                 f"voters.”{_BODY}",
    }
    found, _ = audit_texts(tmp_path, files)
    assert not [f for f in found if f["class"] == "date-conflict"]


def test_a_month_abbreviated_in_a_quote_is_no_rewording():
    _, changes = word_diff("The vote comes on Nov. 5 and we will win.",
                           "The vote comes on November 5 and we will win.")
    assert changes == 0
    _, changes = word_diff("The vote comes on Nov. 5 and we will win.",
                           "The vote comes on Nov. 6 and we will win.")
    assert changes == 1


def test_two_minutes_of_one_player_coordinated_are_both_read():
    text = "Ivo Brandt scored almost identical goals in the 22nd and 30th minute for Arlen."
    got = [(c.subject, c.value["minute"]) for c in run(minutes, text)]
    assert got == [("goal brandt", 22), ("goal brandt", 30)]
    (c,) = [c for c in run(minutes, text) if c.value["minute"] == 22]
    assert text[c.spans[0].start:c.spans[0].end] == "22nd"


def test_a_length_before_a_noun_is_not_the_events_length():
    (c,) = run(times, "Rescue crews working 12-hour shifts cleared the debris.")
    assert c.subject == ""  # the shift's length: compared with nothing
    (c,) = run(times, "Rescuers searched the rubble for more than 24 hours.")
    assert c.subject != ""


def test_a_when_clause_takes_the_year_of_the_clause_before():
    text = "That compares with his first win in 2017, when he took 66.1% of the vote."
    at = text.index("66.1")
    assert time_frame(text, 0, len(text), at, at + 5, 2022) == ("other", "2017", 2017)


def test_injuries_to_a_group_say_what_happened_to_it():
    from audit.extract import counts

    (c,) = run(counts, "The blast caused injuries to 11 workers at the plant.")
    assert (c.subject, c.value["state"]) == ("workers", "injured")


def test_a_figure_of_a_happening_days_or_weeks_earlier_is_not_the_events():
    from audit.extract import counts

    (c,) = run(counts, "A march a week earlier drew as many as 300,000 people in Arlen.")
    assert (c.value["frame"], c.value["frame_cue"]) == ("other", "a week earlier")
    (c,) = run(counts, "The march on Sunday drew 300,000 people in Arlen.")
    assert c.value["frame"] == "event"
