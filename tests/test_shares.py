"""Percentages whose measure the words name: an election's turnout and a candidate's share of
the vote (real election coverage disagrees on both: a digit slipped, a provisional figure
against the final one). Texts written here."""

from __future__ import annotations

import pytest

from audit.extract import shares
from tests.extracting import audit_texts, run


@pytest.mark.parametrize("text, subject, pct, holder", [
    ("Turnout was 62.7% on Sunday, the commission said.", "turnout", 62.7, None),
    ("The vote drew a 58.4 percent turnout.", "turnout", 58.4, None),
    ("Voter turnout stood at about 75 per cent.", "turnout", 75.0, None),
    ("Frekwencja? Turnout reached 62,11% in the end.", "turnout", 62.11, None),
    ("Anna Okafor won 42.3% of the vote.", "vote share", 42.3, "okafor"),
    ("In the count of votes, Brandt (38.1%) trailed.", "vote share", 38.1, "brandt"),
    ("Reformer Anna Okafor has won the runoff, securing 53.3% of the vote, the election "
     "board said.", "vote share", 53.3, "okafor"),
    ("Ivo Brandt, the sitting mayor, was re-elected after winning 61% of the votes.",
     "vote share", 61.0, "brandt"),
    ("Brandt received 1,204,311 votes, accounting for 44.4% of the total.", "vote share", 44.4,
     "brandt"),
])
def test_a_named_percentage_is_read(text, subject, pct, holder):
    (c,) = run(shares, text)
    assert (c.subject, c.value["pct"]) == (subject, pct)
    assert c.value["holder"]["gets"] == ([holder] if holder else [])
    value = next(s for s in c.spans if s.role == "value")
    assert text[value.start:value.end].startswith(str(pct).split(".")[0])


@pytest.mark.parametrize("text", [
    "Shares of Harbor Robotics rose 5% on Friday.",
    "Apple, with 25% market share, led the market.",
    "The company took a 20% stake in the start-up.",
    "There is a 30 percent chance of rain.",
    "The count went on overnight, with 49.8% of the votes counted by morning.",
    "Okafor had 54% of the vote and Brandt had 45% with just over 26% of the ballots counted.",
    "According to partial results, Okafor won 54% of the vote.",
    "Orrin Labs reported a 95% profit drop.",  # operating or net? coverage writes both so
    "Orrin's earnings rose 40% last quarter.",
])
def test_a_percentage_of_no_named_measure_is_not_read(text):
    assert list(run(shares, text)) == []


def test_precision_as_written():
    (c,) = run(shares, "Turnout was 17% in the town.")
    assert c.value["bound"] == [16.5, 17.5]
    (c,) = run(shares, "Turnout was 17.27% in the town.")
    assert c.value["bound"] == [17.265, 17.275]


_BODY = (" Polling stations closed at 8 p.m. on Sunday and counting went on through the night "
         "across the country.\n")


def _conflicts(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "value-conflict"
            and f["details"].get("kind") == "share"]


def test_two_turnouts_conflict_and_a_rounding_does_not(tmp_path):
    files = {f"{c}.txt": f"Vote in Arlen\n\nTurnout was 62.7% in Sunday's vote, officials "
                         f"said.{_BODY}" for c in "abc"}
    files["d.txt"] = f"Arlen votes\n\nTurnout was 67.2% in Sunday's vote.{_BODY}"
    found, _ = audit_texts(tmp_path, files)
    (f,) = _conflicts(found)
    assert f["severity"] == "warning" and "turnout" in f["message"]
    files["d.txt"] = f"Arlen votes\n\nTurnout was 63% in Sunday's vote.{_BODY}"  # 62.7 rounded
    found, _ = audit_texts(tmp_path / "rounded", files)
    assert _conflicts(found) == []


def test_vote_shares_are_compared_per_holder(tmp_path):
    files = {
        "a.txt": f"Result\n\nAnna Okafor won 42.3% of the vote and Ivo Brandt polled 38.1%.{_BODY}",
        "b.txt": f"Result\n\nOkafor won 42.3% of the vote.{_BODY}",
        "c.txt": f"Result\n\nIvo Brandt won 38.1% of the vote.{_BODY}",
    }
    found, _ = audit_texts(tmp_path, files)
    assert _conflicts(found) == []  # two candidates' shares are two facts
    files["c.txt"] = f"Result\n\nAnna Okafor won 43.2% of the vote.{_BODY}"
    found, _ = audit_texts(tmp_path / "slip", files)
    (f,) = _conflicts(found)
    assert "okafor" in f["details"]["holder"]["gets"]


@pytest.mark.parametrize("text, subject, pct", [
    ("Orrin Labs said revenue rose 18% to $4.1 billion.", "revenue rise", 18.0),
    ("It posted revenue of $4.1 billion, an 18% increase from a year earlier.", "revenue rise", 18.0),
    ("The group reported an 18 percent jump in sales.", "revenue rise", 18.0),
    ("Revenue was $4.1 billion, up 18% year-on-year and 4% sequentially.", "revenue rise", 18.0),
    ("Revenue was $4.1 billion, up 4% from the previous quarter.", "revenue rise (sequential)",
     4.0),
    ("Net income fell 7.5% to $310 million.", "net income fall", 7.5),
    ("Cloud revenue rose 31% in the quarter.", "cloud revenue rise", 31.0),
    ("Adjusted earnings per share (EPS) were $1.10, up 22% from a year ago.",
     "adjusted eps rise", 22.0),
    ("Orrin's third-quarter revenue climbed 18%.", "revenue rise", 18.0),
    ("Net income attributable to the parent's shareholders dropped 12.4 percent.",
     "attributable net income fall", 12.4),
    ("Annual revenue rose 40% to $9.2 billion.", "annual revenue rise", 40.0),
    ("Its cloud unit, which booked revenue of $2 billion, posted a 9% sequential increase.",
     "segment revenue rise (sequential)", 9.0),
])
def test_a_financial_measures_change_is_read(text, subject, pct):
    (c,) = run(shares, text)
    assert (c.subject, c.value["pct"]) == (subject, pct)


_EARNINGS = (" The results were released after the market closed on Wednesday, and the chief "
             "executive said demand stayed strong.\n")


def test_two_growth_rates_of_one_measure_conflict_and_other_measures_do_not(tmp_path):
    files = {f"{c}.txt": f"Orrin results\n\nOrrin Labs said third-quarter revenue rose 18% to "
                         f"$4.1 billion.{_EARNINGS}" for c in "abc"}
    files["d.txt"] = (f"Orrin results\n\nOrrin Labs posted revenue of $4.1 billion, a 21% increase "
                      f"from a year earlier.{_EARNINGS}")
    found, _ = audit_texts(tmp_path, files)
    (f,) = _conflicts(found)
    assert f["severity"] == "warning" and "revenue rise" in f["message"]
    # a part's growth, an adjusted figure's and a sequential one's are other measures
    files["d.txt"] = (f"Orrin results\n\nCloud revenue rose 21%, adjusted earnings per share "
                      f"rose 25% and revenue was up 5% sequentially.{_EARNINGS}")
    found, _ = audit_texts(tmp_path / "parts", files)
    assert _conflicts(found) == []
