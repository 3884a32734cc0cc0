"""One figure with its decimal point moved ("$432.1 billion" for "$43.21 billion"): found on
real coverage of a quarterly report, where a rewrite gave every figure ten times too large and
the audit took them for other facts (amounts more than 2x apart). Two amounts 10, 100 or 1,000
times apart with the same three or more significant digits are compared; round figures are
not ("$5 million" / "$50 million" may well be two facts)."""

from __future__ import annotations

from tests.extracting import audit_texts


def _pages(slipped: str) -> dict[str, str]:
    return {
        "a.txt": "Orvane results\n\nOrvane reported quarterly revenue of $43.21 billion on "
                 "Wednesday.\n",
        "b.txt": "Orvane beats forecasts\n\nOrvane said revenue reached $43.21 billion in the "
                 "quarter.\n",
        "c.txt": f"Orvane quarter\n\nOrvane reported quarterly revenue of {slipped} on "
                 "Wednesday.\n",
    }


def _conflicts(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "value-conflict"]


def test_a_moved_decimal_point_is_reported(tmp_path):
    found, _ = audit_texts(tmp_path, _pages("$432.1 billion"))
    (f,) = _conflicts(found)
    assert f["details"]["decimal_slip"] is True and f["severity"] == "warning"
    assert {v["value"] for v in f["values"]} == {"43,210,000,000 USD", "432,100,000,000 USD"}


def test_round_figures_ten_times_apart_are_not_a_slip(tmp_path):
    pages = {k: v.replace("$43.21 billion", "$5 million") for k, v in _pages("$50 million").items()}
    found, _ = audit_texts(tmp_path, pages)
    assert _conflicts(found) == []
