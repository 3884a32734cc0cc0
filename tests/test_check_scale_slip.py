"""scale-slip: parts that reach the total other sources state only with a scale word changed
(invented texts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check.checks.scale_slip import _slip
from tests.extracting import audit_texts

STATED = {
    "wire.txt": "Harbour fine\n\nA tribunal ordered Keswick Shipping to pay $2.4 billion in fines "
                "on Tuesday over the oil spill.\n",
    "paper.txt": "Spill ruling\n\nKeswick Shipping must pay $2.4 billion in fines, the "
                 "tribunal ruled on Tuesday.\n",
}


def _slips(findings):
    return [f for f in findings if f["check"] == "scale-slip"]


def test_a_part_typed_in_thousands_instead_of_millions_is_reported(tmp_path):
    files = dict(STATED)
    files["blog.txt"] = ("Tribunal ruling\n\nThe tribunal imposed $1.8 billion in fines on "
                         "Keswick Shipping and $600,000 on its tanker unit.\n")
    findings, _ = audit_texts(tmp_path, files)
    slips = _slips(findings)
    assert len(slips) == 1, [f["message"] for f in findings]
    f = slips[0]
    assert f["class"] == "arithmetic" and f["severity"] == "warning"
    assert "600,000,000 instead of 600,000 USD" in f["message"]
    assert {e["path"] for e in f["evidence"]} >= {"sources/blog.txt", "sources/wire.txt"}


def test_parts_that_add_up_as_written_are_not_a_slip(tmp_path):
    files = dict(STATED)
    files["blog.txt"] = ("Tribunal ruling\n\nThe tribunal imposed $1.8 billion in fines on "
                         "Keswick Shipping and $600 million on its tanker unit.\n")
    findings, _ = audit_texts(tmp_path, files)
    assert _slips(findings) == []


def test_a_small_part_rescaled_to_nothing_proves_nothing(tmp_path):
    # $300,000 read as $300 would leave $2.39 billion, within 0.5 % of $2.4 billion: a part
    # that vanishes when rescaled is no evidence of a typo
    files = dict(STATED)
    files["blog.txt"] = ("Tribunal ruling\n\nThe tribunal added $300,000 in costs, bringing "
                         "the bill to $2.39 billion.\n")
    findings, _ = audit_texts(tmp_path, files)
    assert _slips(findings) == []


def _row(value: float, start: int, end: int, text: str = "x") -> tuple:
    # (document, claim, story, currency, value, text, start, end, family, part)
    return ("d", f"c{start}", "s", "USD", value, text, start, end, None, False)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10_000), st.integers(1, 10_000))
def test_parts_stated_with_their_sum_never_slip(a, b):
    va, vb = a * 1e6, b * 1e6
    amounts = {va + vb: ({"x", "y"}, ["t1", "t2"], set())}
    assert _slip(_row(va, 0, 5), _row(vb, 10, 15), " " * 20, amounts) is None
