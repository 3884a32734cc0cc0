"""The generator's legitimate amounts in another frame must be legitimate: an earlier programme
is one fact of its event (every document that mentions it gives one amount), and a rounded
total ("about ...") stays within 10 % of the total (a planted amount error is 8-30 % off)."""

from __future__ import annotations

import re
import tomllib

from audit.extract import money
from benchmarks.generate import _about, generate
from tests.extracting import run


def amount(text: str) -> float:
    (claim,) = run(money, f"It received {text}.")
    return claim.value["amount"]


def test_earlier_amounts_agree_and_rounded_totals_are_close(tmp_path):
    generate(tmp_path, 40, 5, 11)
    truth = tomllib.loads((tmp_path / "truth.toml").read_text(encoding="utf-8"))
    earlier: dict[str, set[float]] = {}
    for item in truth["legitimate"]:
        note = item.get("note", "")
        kind = re.search(r"another frame \(([\w-]+)\)", note)
        if not kind:
            continue
        event = item["documents"][0].split("-")[0]
        if kind[1] in ("earlier", "last-year"):
            earlier.setdefault(event, set()).add(amount(item["values"][0]))
    assert any(len(v) for v in earlier.values())
    assert all(len(v) == 1 for v in earlier.values()), earlier


def test_about_rounds_only_within_ten_percent():
    for m in range(1, 2000):
        r = _about(m)
        assert abs(r - m) <= 0.1 * m
    assert _about(12) == 12 and _about(24) == 25 and _about(447) == 450
