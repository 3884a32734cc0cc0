"""A time written to the hundredth is the same time as one to the thousandth less than a
hundredth away: race times are rounded up ("9.87" for 9.866), and some pages give the photo
finish's thousandths. Found on real coverage of a sprint final, where it was an error; two
times to the hundredth that differ are still a conflict."""

from __future__ import annotations

from tests.extracting import audit_texts


def _pages(official: str, fine: str) -> dict[str, str]:
    return {
        "a.txt": f"Lowe takes gold\n\nNoa Lowe clocked {official} seconds on "
                 "Sunday night in Oslo.\n",
        "b.txt": f"Photo finish in Oslo\n\nNoa Lowe clocked {official} seconds, "
                 "ahead of Ivo Brandt.\n",
        "c.txt": f"Oslo final\n\nNoa Lowe clocked {fine} seconds, the photo "
                 "finish showed.\n",
    }


def _times(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "time-conflict"]


def test_a_finer_time_that_rounds_to_the_stated_one_agrees(tmp_path):
    found, _ = audit_texts(tmp_path, _pages("9.87", "9.866"))
    assert _times(found) == []


def test_a_finer_time_a_hundredth_or_more_away_conflicts(tmp_path):
    found, _ = audit_texts(tmp_path, _pages("9.87", "9.854"))
    (f,) = _times(found)
    assert {v["value"] for v in f["values"]} == {"9.87 seconds", "9.854 seconds"}


def test_two_times_to_the_hundredth_conflict(tmp_path):
    found, _ = audit_texts(tmp_path, _pages("9.87", "9.88"))
    (f,) = _times(found)
    assert {v["value"] for v in f["values"]} == {"9.87 seconds", "9.88 seconds"}
