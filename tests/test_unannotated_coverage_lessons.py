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



def test_british_and_american_spelling_in_a_quote_is_no_rewording():
    _, changes = word_diff("The harbour is unrecognisable after the storm.",
                           "The harbor is unrecognizable after the storm.")
    assert changes == 0
    _, changes = word_diff("The harbour is unrecognisable after the storm.",
                           "The harbour is unreachable after the storm.")
    assert changes == 1
    _, changes = word_diff("Both firms are fuelled by one belief.",
                           "Both firms are fueled by one belief.")
    assert changes == 0
    _, changes = word_diff("The forms were filled in May.", "The forms were filed in May.")
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


def test_the_whole_a_part_is_taken_from_is_a_total():
    from audit.extract import counts

    whole, part = run(counts, "The jury found Harlan Drew guilty on five of the six counts.")
    assert (whole.value["n"], whole.value["holder"]["total"]) == (6, True)
    assert (part.value["n"], part.value["state"]) == (5, "convicted")  # the part, a stage
    (c,) = run(counts, "Harlan Drew was sentenced on three counts.")
    assert (c.value["n"], c.value["holder"]["total"]) == (3, False)


def test_a_share_counted_while_the_count_is_under_way_is_not_read():
    from audit.extract import shares

    assert run(shares, "Okafor had 54% of the vote with 26% of the ballots counted.") == []
    (c,) = run(shares, "Okafor had 54% of the vote in the final count.")
    assert c.value["pct"] == 54.0


def test_an_opening_phrase_naming_a_part_of_the_period_scopes_the_sentence():
    from audit.extract import counts

    (c,) = run(counts, "For the first half of the year, Harbor Motors sold 831,000 cars.")
    assert c.value["period"] == "first half"
    (c,) = run(counts, "Harbor Motors sold 443,956 cars from April through June.")
    assert "period" not in c.value


def test_bids_given_one_after_another_are_no_parts_of_the_fee(tmp_path):
    from tests.test_frames_real_coverage import found

    files = {"a.txt": "Arlen signed Ivo Brandt for £105m. Arlen had two bids rejected first, one "
                      "of £80m and another of £90m, before the record fee was agreed.",
             "b.txt": "Ivo Brandt joins Arlen for a £105m fee.",
             "c.txt": "Arlen paid £105m for Ivo Brandt."}
    assert found(tmp_path, files, "arithmetic") == []
    files["a.txt"] = ("Arlen signed Ivo Brandt for £105m. Arlen pays £80m to Alder Town and "
                      "£90m to Birch City for him.")
    assert len(found(tmp_path / "parts", files, "arithmetic")) == 1


def test_a_part_of_a_group_shares_what_the_groups_noun_says_happened():
    from audit.extract import counts

    got = [(c.subject, c.value["state"]) for c in
           run(counts, "Rescuers found 31 survivors, including four children, in the hull.")]
    assert got == [("survivors", "survived"), ("children", "survived")]
    (c,) = run(counts, "The dead include four children.")
    assert c.value["state"] == "killed"
    (c,) = run(counts, "Four children were pulled from the hull.")
    assert c.value["state"] == "pulled"


def test_a_country_a_title_is_held_in_is_no_other_title():
    from audit.resolve.roles import compare_roles, title_key

    assert title_key("Deputy President of Kenya") == title_key("Deputy President")
    assert title_key("Deputy President of Arlen Holdings") != title_key("Deputy President")
    assert compare_roles(("Deputy President", None, ""),
                         ("Deputy President of Kenya", None, "")) is None
    assert compare_roles(("Deputy President", None, ""), ("Vice President", None, "")) == "title"
    assert title_key("Secretary of State") == ("", "secretary of state")


def test_a_country_the_post_is_held_in_is_no_other_side_of_a_title_conflict():
    from audit.check.checks.role_conflict import _label

    assert _label("Deputy President", "Kenya", None, "title") == "Deputy President"
    assert _label("Deputy President of Kenya", None, None, "title") == "Deputy President"
    assert _label("Chief Executive", "Arlen Holdings", None, "title") == \
        "Chief Executive of Arlen Holdings"
    assert _label("Minister", "Kenya", None, "organisation") == "Minister of Kenya"


def test_a_price_list_whose_last_item_is_the_most_stated_price_has_no_total(tmp_path):
    from tests.test_frames_real_coverage import found

    files = {"a.txt": "The Lumo 14 will start at $799, the Lumo 14 Plus at $899, the Lumo 14 "
                      "Pro at $999 and the Lumo 14 Pro Max at $1,099.",
             "b.txt": "The Lumo 14 Pro Max costs $1,099.",
             "c.txt": "Buyers pay $1,099 for the Lumo 14 Pro Max."}
    assert found(tmp_path, files, "arithmetic") == []


def test_prices_written_in_several_currencies_are_no_parts(tmp_path):
    from tests.test_frames_real_coverage import found

    files = {"a.txt": "The Zephyr S costs $300/£250, while the Zephyr X is $500/£450; the Lumo "
                      "console will sell at $500/£450/€500 and its digital edition at "
                      "$400/£360/€400.",
             "b.txt": "The Lumo console costs £450 in Britain.",
             "c.txt": "Britons pay £450 for the Lumo console."}
    assert found(tmp_path, files, "arithmetic") == []


def test_a_palace_is_no_person():
    from audit.extract import untitled

    text = ("Early results take the Dorvan dynasty one step closer to the Malacañang Palace, 36 "
            "years after the family fled.")
    assert run(untitled, text) == []
    (c,) = run(untitled, "The driver, Ivo Brandt, 36, was taken to hospital.")
    assert (c.value["name"], c.value["age"]) == ("Ivo Brandt", 36)


def test_a_post_sought_is_no_title_held():
    from audit.extract import people

    assert run(people, "The party's candidate for mayor Ivo Brandt spoke on Sunday.") == []
    (c,) = run(people, "Mayor Ivo Brandt spoke on Sunday.")
    assert (c.value["name"], c.value["title"]) == ("Ivo Brandt", "Mayor")


def test_minutes_before_a_clock_time_are_that_time():
    (c,) = run(times, "The ruling came two minutes before 4 p.m. on Tuesday.")
    assert (c.predicate, c.value["minutes"], c.value["approx"]) == ("clock", 15 * 60 + 58, "exact")
    (c,) = run(times, "The ruling came shortly before 4 p.m. on Tuesday.")
    assert (c.value["minutes"], c.value["approx"]) == (16 * 60, "shortly before")
    (c,) = run(times, "On Tuesday, two minutes before 4 p.m., the judge returned.")
    assert (c.value["minutes"], c.value["day"]) == (15 * 60 + 58, "Tuesday")


def test_thousands_grouped_with_dots_are_one_count():
    from audit.extract import counts

    (c,) = run(counts, "Samir Talib received 13.538.179 votes in the runoff.")
    assert (c.subject, c.value["n"]) == ("votes", 13_538_179)
    (c,) = run(counts, "Samir Talib received 13,538,179 votes in the runoff.")
    assert c.value["n"] == 13_538_179
    assert run(counts, "Samir Talib received 13.538 votes.") == []  # a decimal, or not?


def test_a_number_spelled_in_scale_words_between_digit_groups_is_read_whole():
    from audit.extract import counts

    text = "Okafor received 16 million 384 thousand 403 votes on Sunday."
    (c,) = run(counts, text)  # not "403 votes"
    value = next(s for s in c.spans if s.role == "value")
    assert (c.value["n"], text[value.start:value.end]) == (16_384_403,
                                                           "16 million 384 thousand 403")
    (c,) = run(counts, "About 500 thousand people marched.")
    assert c.value["n"] == 500_000


def test_balls_to_spare_are_a_margin_not_a_batters_balls():
    from audit.extract import counts

    (c,) = run(counts, "Arlen won the final with six balls to spare.")
    assert (c.subject, c.value.get("aspect")) == ("balls", "margin")
    (c,) = run(counts, "Brandt made 26 off 17 balls before he was caught.")
    assert "aspect" not in c.value
