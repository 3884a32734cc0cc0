"""measurement-conflict, time-conflict and relative-day on small invented stories, through the
real CLI (positive and negative cases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.test_checks import audit

AGREE = [
    ("harbour.txt",
     "Barge hits Corran Lock\n\n"
     "The 612-foot barge Malvina struck the Corran Lock gate at 2:14 a.m. CDT on Sunday, "
     "harbour master Lena Voss said. The barge was carrying 9,000 tonnes of gravel. "
     "The lock lies about 4 miles north of Pellham. Crews pumped water for 30 hours.\n"),
    ("wire.txt",
     "Barge damages lock gate\n\n"
     "The barge Malvina, which is 187 m long, struck the Corran Lock gate shortly before "
     "2:15 a.m. on Sunday, harbour master Lena Voss said. Rescuers arrived at 4:40 a.m. "
     "The Corran Lock is roughly 4 miles north of Pellham. A 300-foot crane was brought in.\n"),
    ("radio.txt",
     "Lock closed after barge strike\n\n"
     "The barge struck the Corran Lock gate at 3:14 a.m. EDT Sunday, harbour master Lena "
     "Voss said. The 612-foot Malvina is now moored. Its sister barge is 540 feet long and "
     "its tug is 120 feet long.\n"),
]
CONFLICT = [
    ("harbour.txt",
     "Barge hits Corran Lock\n\n"
     "The 612-foot barge Malvina struck the Corran Lock gate at 2:14 a.m. on Sunday, "
     "harbour master Lena Voss said. The lock lies about 4 miles north of Pellham. "
     "The lock failed on Monday. Two days later, on Thursday, the lock reopened.\n"),
    ("wire.txt",
     "Barge damages lock gate\n\n"
     "The 612-foot barge Malvina struck the Corran Lock gate at 2:14 a.m. on Sunday, "
     "harbour master Lena Voss said. The lock lies about 4 miles north of Pellham.\n"),
    ("blog.txt",
     "Lock strike\n\n"
     "The 621-foot barge Malvina struck the Corran Lock gate at 3:40 a.m. on Sunday, "
     "harbour master Lena Voss said. The lock lies 6 miles north of Pellham.\n"),
]


def _run(root: Path, docs: list[tuple[str, str]]) -> dict:
    invoke("init", root, "--force")
    for name, text in docs:
        (root / "sources" / name).write_text(text)
    _code, bundle, _ = audit(root)
    return bundle


@pytest.fixture(scope="module")
def agree(tmp_path_factory) -> dict:
    return _run(tmp_path_factory.mktemp("agree"), AGREE)


@pytest.fixture(scope="module")
def conflict(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("conflict")
    return root, _run(root, CONFLICT)


def _of(bundle: dict, cls: str) -> list[dict]:
    return [f for f in bundle["findings"] if f["class"] == cls]


def test_agreeing_units_zones_and_markers_give_no_finding(agree):
    # 612 feet = 187 m; 2:14 a.m. CDT = 3:14 a.m. EDT; "shortly before 2:15" fits 2:14;
    # the crane, the sister barge and the rescuers' arrival are other measures and events
    for cls in ("measurement-conflict", "time-conflict", "relative-day"):
        assert _of(agree, cls) == [], [f["message"] for f in _of(agree, cls)]


def test_conflicting_lengths_and_distances_are_reported(conflict):
    _root, bundle = conflict
    found = {tuple(sorted(v["value"] for v in f["values"])) for f in
             _of(bundle, "measurement-conflict")}
    assert ("612-foot (186.5 m)", "621-foot (189.3 m)") in found
    assert ("6 miles (9,656 m)", "about 4 miles (6,437 m)") in found
    for f in _of(bundle, "measurement-conflict"):
        assert f["severity"] in ("error", "warning") and 0 < f["confidence"] <= 0.8
        for e in f["evidence"]:
            assert e["exact"]


def test_conflicting_clock_times_of_one_event_are_reported(conflict):
    _root, bundle = conflict
    times = _of(bundle, "time-conflict")
    assert len(times) == 1
    assert sorted(v["value"] for v in times[0]["values"]) == ["2:14 a.m. Sunday",
                                                              "3:40 a.m. Sunday"]


def test_relative_day_that_misses_its_anchor_is_reported(conflict):
    _root, bundle = conflict
    (f,) = _of(bundle, "relative-day")
    assert f["severity"] == "error"
    assert [e["exact"] for e in f["evidence"]] == ["Two days later"]
    assert f["details"]["anchor"] == "Monday" and f["details"]["stated"] == "Thursday"


def test_claims_and_trace_show_measurements_and_times_readably(conflict):
    root, _ = conflict
    r = invoke("claims", root, "--kind", "measurement")
    assert r.exit_code == 0 and "621-foot (189.3 m)" in r.output and "length" in r.output
    r = invoke("claims", root, "--kind", "time", "--format", "json")
    assert '"3:40 a.m. Sunday"' in r.output and "between 03:37 and 03:43" in r.output
    import json

    claim = next(c for c in json.loads(invoke("claims", root, "--kind", "measurement",
                                              "--format", "json").output)
                 if c["value"].startswith("621"))
    r = invoke("trace", claim["id"], root)
    assert r.exit_code == 0 and "-> 621-foot (189.3 m)" in r.output
    assert "frame: measure barge; frame event; bound 189.13 to 189.43 m; length" in r.output
