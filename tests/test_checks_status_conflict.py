"""status-conflict: a deal stated as done in one source and as pending in another published no
earlier; the extractor's forms, and the legitimate cases that must stay quiet (our own
wording)."""

from __future__ import annotations

import json

from audit.extract import status
from tests.conftest import invoke
from tests.extracting import run


def _states(text: str) -> list[tuple[str, str | None, str]]:
    return [(c.value["state"], c.value["buyer"], c.value["target"]) for c in run(status, text)]


def test_completed_and_pending_forms():
    assert _states("Tessel Robotics has acquired the drone maker Orvik Aero for $40 million.") \
        == [("completed", "Tessel Robotics", "Orvik Aero")]
    assert _states("Tessel now owns Orvik Aero.") == [("completed", "Tessel", "Orvik Aero")]
    assert _states("Tessel completed its $40 million purchase of Orvik Aero on Friday.") \
        == [("completed", "Tessel", "Orvik Aero")]
    assert _states("Orvik Aero has been acquired by Tessel.") \
        == [("completed", "Tessel", "Orvik Aero")]
    assert _states("Tessel agreed to buy rival Orvik Aero.") \
        == [("pending", "Tessel", "Orvik Aero")]
    assert _states("Tessel said it will acquire Orvik Aero.") == [("pending", None, "Orvik Aero")]
    assert _states("Orvik Aero will be acquired by Tessel.") \
        == [("pending", "Tessel", "Orvik Aero")]
    assert _states("The proposed acquisition of Orvik Aero needs approval.") \
        == [("pending", None, "Orvik Aero")]


def test_headline_present_past_simple_and_dated_background_state_nothing():
    assert _states("Tessel buys Orvik Aero") == []
    assert _states("Tessel bought Halden Clay years ago.") == []
    assert _states("It followed its deal to acquire Halden Clay in 2016.") == []
    assert _states("Tessel has bought a stake in Orvik Aero.") == []


PENDING = "Tessel to buy Orvik Aero\n\nTessel Robotics agreed to buy Orvik Aero for $40 million.\n"
DONE = "Drone deal\n\nTessel Robotics has acquired drone maker Orvik Aero for $40 million.\n"
OTHER = "Tessel news\n\nTessel Robotics will acquire Halden Clay, the company said.\n"


def _project(tmp_path, docs: dict[str, tuple[str, str | None]]):
    src = tmp_path / "sources"
    src.mkdir(parents=True)
    entries = []
    for name, (text, date) in docs.items():
        (src / name).write_text(text, encoding="utf-8")
        entries.append(f'[[document]]\npath = "{name}"\npublisher = "{name[:-4]}"\n'
                       + (f'date = "{date}"\n' if date else ""))
    (src / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    (tmp_path / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    r = invoke("run", tmp_path, "--format", "json", "--fail-on", "never")
    assert r.exit_code == 0, r.output
    found = json.loads((tmp_path / "reports" / "findings.json").read_text(encoding="utf-8"))
    return [f for f in found["findings"] if f["check"] == "status-conflict"]


def test_done_on_the_same_day_as_pending_is_a_warning(tmp_path):
    got = _project(tmp_path, {"a.txt": (PENDING, "2025-06-02"), "b.txt": (DONE, "2025-06-02"),
                              "c.txt": (OTHER, "2025-06-02")})
    assert len(got) == 1 and got[0]["severity"] == "warning", got
    assert "Orvik Aero" in got[0]["message"] and got[0]["details"]["undated"] is False
    exact = {e["exact"] for e in got[0]["evidence"]}
    assert {"agreed to buy", "has acquired"} <= exact <= {"agreed to buy", "has acquired", "to buy"}


def test_done_after_pending_is_progress_not_a_conflict(tmp_path):
    assert _project(tmp_path, {"a.txt": (PENDING, "2025-06-02"),
                               "b.txt": (DONE, "2025-09-30")}) == []


def test_an_undated_page_gives_a_weaker_finding(tmp_path):
    got = _project(tmp_path, {"a.txt": (PENDING, "2025-06-02"), "b.txt": (DONE, None)})
    assert len(got) == 1 and got[0]["details"]["undated"] is True
    assert got[0]["confidence"] < 0.5 and got[0]["severity"] in ("warning", "info")
