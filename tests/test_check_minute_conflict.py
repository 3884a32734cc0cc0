"""Minutes of play (audit/extract/minutes.py) and minute-conflict, on small invented match
reports, through the real CLI; and the extractor's reading of each way a minute is written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import minutes
from audit.model import Context
from tests.extracting import audit_texts


def conflicts(tmp_path, files: dict[str, str]) -> list[dict]:
    got, _ = audit_texts(tmp_path, {k: f"Match report\n\n{v}\n" for k, v in files.items()})
    return [f for f in got if f["check"] == "minute-conflict"]


def read(text: str) -> list[tuple[str, dict]]:
    out = []
    for c in minutes.extract(Context(text=text), 0, len(text)):
        s = c.spans[0]
        assert text[s.start:s.end]  # provenance: the span is inside the text
        out.append((c.subject, c.value))
    return out


CARD = {
    "a.txt": "Harbour Rovers captain Tomas Velloza was shown a red card in the 31st minute for a "
             "late tackle, and the ten men held on for a draw.",
    "b.txt": "Tomas Velloza was sent off in the 31st minute after a late tackle on Ibsen Marr.",
    "c.txt": "The Rovers lost Tomas Velloza to a red card after 30 minutes and never recovered.",
}


def test_a_card_given_two_minutes_apart_is_a_time_conflict_warning(tmp_path):
    files = dict(CARD, **{"d.txt": "In the 34th minute, Harbour Rovers skipper Tomas Velloza "
                                   "was sent off by referee Ansel Dunmore."})
    got = conflicts(tmp_path, files)
    assert len(got) == 1, got
    f = got[0]
    assert f["class"] == "time-conflict" and f["severity"] == "warning"
    assert f["details"]["player"] == "velloza" and f["details"]["action"] == "card"
    assert {"31'", "34'"} <= {v["value"] for v in f["values"]}
    assert {e["path"].rsplit("/", 1)[-1] for e in f["evidence"]} >= {"d.txt"}


def test_one_minute_apart_elapsed_time_and_another_player_are_no_conflict(tmp_path):
    files = dict(CARD, **{
        "d.txt": "Tomas Velloza saw red in the 32nd minute, the referee Ansel Dunmore said.",
        "e.txt": "Lakeside's Ibsen Marr was booked in the 70th minute for dissent; Marr had "
                 "earlier fouled Tomas Velloza.",
    })
    assert conflicts(tmp_path, files) == []


def test_elapsed_time_next_to_both_minutes_does_not_hide_the_conflict(tmp_path):
    files = dict(CARD, **{
        "d.txt": "Tomas Velloza was sent off in the 29th minute, Harbour Rovers said.",
    })
    got = conflicts(tmp_path, files)  # "after 30 minutes" (30 or 31) is next to 31, not to 29
    assert [sorted(v["value"] for v in f["values"]) for f in got] == [["29'", "31'"]]


def test_two_goals_of_one_player_are_not_one_goal_misdated(tmp_path):
    files = {
        "a.txt": "Corrin Aldaya scored in the 12th minute and again in the 19th minute.",
        "b.txt": "Corrin Aldaya scored in the 19th minute to double the lead.",
        "c.txt": "Corrin Aldaya's goal in the 12th minute opened the scoring.",
        "d.txt": "Corrin Aldaya scored a late goal in the 81st minute as well.",
    }
    assert conflicts(tmp_path, files) == []


@pytest.mark.parametrize("text, minute, elapsed, added", [
    ("Corrin Aldaya scored in the 27th minute.", 27, False, None),
    ("Corrin Aldaya's 68th-minute header won it.", 68, False, None),
    ("Goals: Corrin Aldaya (23'), Piet Oduya (36').", 23, False, None),
    ("Corrin Aldaya marque à la 108e minute.", 108, False, None),
    ("Corrin Aldaya erzielte in der 27. Minute ein Tor.", 27, False, None),
    ("Gol de Corrin Aldaya en el minuto 90+3.", 90, False, 3),
    ("Red card: Corrin Aldaya (Harbour) 29min.", 29, False, None),
    ("Corrin Aldaya was sent off after just two minutes.", 2, True, None),
    # Spanish and Portuguese count the minutes played ("when 29 had been played")
    ("Corrin Aldaya marcó el primer gol a los 29 minutos.", 29, True, None),
    ("Corrin Aldaya marcou o gol aos 41 minutos.", 41, True, None),
])
def test_each_way_a_minute_is_written(text, minute, elapsed, added):
    got = read(text)
    assert got, text
    subject, v = got[0]
    assert subject.endswith(" aldaya")
    assert (v["minute"], v["elapsed"], v["added"]) == (minute, elapsed, added)


@pytest.mark.parametrize("text", [
    "The sides could not be separated after 120 minutes of play.",  # the match's length
    "Corrin Aldaya stood 6' tall at the draw, Tomas Velloza said.",  # a prime outside brackets
    "Corrin Aldaya spent 25 minutes in the press room after the match.",  # no action
    "France scored in the 80th minute.",  # a team, not a player
    "Corrin scored in the 27th minute.",  # a name the page never gives in full
])
def test_no_minute_claim_without_a_player_and_an_action(text):
    assert read(text) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab c9'′(),.+-\n1e2th minute")), max_size=120))
def test_any_text_gives_spans_inside_it_and_bounds_in_order(text):
    for c in minutes.extract(Context(text=text), 0, len(text)):
        s = c.spans[0]
        assert 0 <= s.start < s.end <= len(text)
        lo, hi = c.value["bound"]
        assert lo <= hi and 1 <= c.value["minute"] <= minutes.MAX_MINUTE
