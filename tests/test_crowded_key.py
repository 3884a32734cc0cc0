"""Amounts of one measure and holder that a story states in seven values or more (an earnings
story's revenues: segments, forecasts, past quarters) are several facts the key does not tell
apart: on the read real-text sets none of nine such warnings was right. Texts written here."""

from __future__ import annotations

from audit.check.confidence import Side, confidence
from tests.extracting import audit_texts


def test_a_crowded_key_alone_leaves_a_finding_at_info():
    one = Side(frozenset({"a"}), frozenset({"body"}))
    many = Side(frozenset({"b", "c", "d"}), frozenset({"body"}))
    base = confidence("value-conflict", [one, many], {"kind": "money"})
    assert base >= 0.3  # a warning
    assert confidence("value-conflict", [one, many],
                      {"kind": "money", "crowded_key": 7}) < 0.3


def _pages(amounts: list[str]) -> dict[str, str]:
    return {f"p{i}.txt": f"Orvane quarter\n\nOrvane reported revenue of {a} on Wednesday, the "
                         "company said.\n" for i, a in enumerate(amounts)}


def _money(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "value-conflict"
            and f["details"].get("kind") == "money"]


def test_seven_amounts_under_one_key_are_info_and_two_are_not(tmp_path):
    seven = ["$12.1 billion", "$9.4 billion", "$7.7 billion", "$15.2 billion",
             "$11.3 billion", "$8.6 billion", "$10.5 billion"]
    found, _ = audit_texts(tmp_path / "seven", _pages(seven))
    assert _money(found) and all(f["details"]["crowded_key"] == 7 and f["severity"] == "info"
                                 for f in _money(found))
    found, _ = audit_texts(tmp_path / "two", _pages(["$12.1 billion"] * 3 + ["$12.6 billion"]))
    (f,) = _money(found)
    assert "crowded_key" not in f["details"] and f["severity"] == "warning"
