"""`audit run` with nothing changed: recorded as a copy of the last run, reports left alone;
anything it depends on changed: computed as usual (audit/rerun.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from tests.conftest import invoke

PAST = 1_700_000_000  # a fixed time long ago: aging twice gives the same metadata


def _age(root: Path) -> None:
    """Date every project file back, so that its metadata can vouch for it (a file modified
    within seconds of a run's snapshot never can)."""
    past = PAST
    for p in root.rglob("*"):
        if p.is_file() and p.suffix != ".duckdb" and "reports" not in p.parts:
            os.utime(p, (past, past))


def _runs(root: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True) as con:
        return con.execute("SELECT run_id, verdict FROM runs ORDER BY seq").fetchall()


def _fingerprints(root: Path, run_id: str) -> list[tuple]:
    with duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True) as con:
        return con.execute(
            "SELECT finding_id, severity, message, details FROM findings WHERE run_id = ? "
            "ORDER BY seq", [run_id]).fetchall()


def _evidence(root: Path, run_id: str) -> list[tuple]:
    with duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True) as con:
        return con.execute(
            "SELECT finding_id, seq, document_id, start_char, end_char, exact "
            "FROM finding_evidence WHERE run_id = ? ORDER BY ALL", [run_id]).fetchall()


def _first_run(root: Path):
    _age(root)
    first = invoke("run", root, "--fail-on", "never")
    assert first.exit_code == 0, first.output
    assert "nothing changed" not in first.output
    return first


def test_unchanged_project_is_recorded_not_recomputed(example_project: Path):
    root = example_project
    _first_run(root)
    report = root / "reports" / "report.html"
    before = report.stat().st_mtime_ns
    second = invoke("run", root, "--fail-on", "never")
    assert second.exit_code == 0, second.output
    assert "nothing changed since run" in second.output
    assert "ingest:" not in second.output  # no stage ran
    (r1, v1), (r2, v2) = _runs(root)
    assert r1 != r2 and v1 == v2
    assert _fingerprints(root, r2) == _fingerprints(root, r1)
    assert _evidence(root, r2) == _evidence(root, r1)
    assert report.stat().st_mtime_ns == before  # not rewritten
    # the summary is the same as the computed run's
    assert "check: " in second.output and "finding(s)" in second.output


def test_failing_gate_keeps_failing_when_reused(tmp_path: Path):
    from tests.conftest import conflicting_project

    root = conflicting_project(tmp_path)
    _age(root)
    first = invoke("run", root)
    assert first.exit_code == 1
    second = invoke("run", root)
    assert "nothing changed" in second.output
    assert second.exit_code == 1 and "verdict: FAIL" in second.output


def test_each_input_change_recomputes(example_project: Path):
    root = example_project
    _first_run(root)

    def recomputed() -> bool:
        _age(root)
        out = invoke("run", root, "--fail-on", "never")
        assert out.exit_code == 0, out.output
        return "nothing changed" not in out.output

    # a project file under checks/ (a comment: the bytes still differ)
    with (root / "checks" / "waivers.toml").open("a") as fh:
        fh.write("\n# reviewed\n")
    assert recomputed()
    assert not recomputed()  # and then it is unchanged again
    # a source's content
    src = sorted((root / "sources").glob("*.txt"))[0]
    src.write_text(src.read_text() + "\nA new closing line.\n")
    assert recomputed()
    # an option that changes the output
    out = invoke("run", root, "--fail-on", "never", "--min-confidence", "0.5")
    assert "nothing changed" not in out.output
    # --full always computes
    out = invoke("run", root, "--fail-on", "never", "--full")
    assert "nothing changed" not in out.output and "ingest:" in out.output
    # a setting in the environment the checks read
    os.environ["AUDIT_MAX_QUOTES_PER_SPEAKER"] = "77"
    try:
        out = invoke("run", root, "--fail-on", "never")
        assert "nothing changed" not in out.output
    finally:
        del os.environ["AUDIT_MAX_QUOTES_PER_SPEAKER"]


def test_store_changed_by_something_else_recomputes(example_project: Path):
    root = example_project
    _first_run(root)
    with duckdb.connect(str(root / ".audit" / "audit.duckdb")) as con:
        con.execute("DELETE FROM claims WHERE claim_id = (SELECT min(claim_id) FROM claims)")
    out = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" not in out.output


def test_store_file_metadata_vouches_for_its_digest(example_project: Path):
    """After a run closes the store, the file's metadata stands for the digest of its derived
    tables (no scan of every row on the next run); a seal that no longer matches the file, or
    that vouches for other content, is never trusted."""
    import json

    root = example_project
    _first_run(root)
    db = root / ".audit" / "audit.duckdb"
    seal = Path(f"{db}.last-run")
    record = json.loads(seal.read_text())
    with duckdb.connect(str(db), read_only=True) as con:
        meta = json.loads(con.execute("SELECT value FROM meta WHERE key = 'last_run'"
                                      ).fetchall()[0][0])
    assert record["store"] == meta["store"]
    # the seal is what the next run compares: one vouching for other content forces a full run
    seal.write_text(json.dumps({**record, "store": "0" * 64}))
    out = invoke("run", root, "--fail-on", "never")
    assert out.exit_code == 0 and "nothing changed" not in out.output
    # that run sealed the store again: the next one reuses it
    assert "nothing changed" in invoke("run", root, "--fail-on", "never").output
    # a store written after it was sealed is digested again, not trusted
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE scratch_note (x INTEGER)")  # no derived table touched
    after = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" in after.output  # same digest, so still reusable


def test_removed_report_is_written_again(example_project: Path):
    root = example_project
    _first_run(root)
    (root / "reports" / "report.html").unlink()
    out = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" in out.output
    assert (root / "reports" / "report.html").is_file()
    assert "wrote" in out.output
    # the rewritten report is the reused run's, and is vouched for on the next run
    again = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" in again.output and "reports unchanged" in again.output


def test_file_touched_just_before_the_run_is_not_trusted(example_project: Path):
    """A file modified within seconds of the last snapshot may have changed again without its
    size or time showing it: the run computes."""
    root = example_project
    _first_run(root)
    src = sorted((root / "sources").glob("*.txt"))[0]
    os.utime(src)  # now: as recent as the snapshot
    out = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" not in out.output and "ingest:" in out.output


def test_file_written_just_before_a_run_is_vouched_for_by_its_bytes(example_project: Path):
    """A file edited right before a run (a checkout, a script) is racily clean for the next
    run: its metadata cannot vouch for it, so its bytes are compared with the stored document
    (as git does) - equal bytes reuse the run, different bytes under the same metadata compute."""
    root = example_project
    _first_run(root)
    src = sorted((root / "sources").glob("*.txt"))[0]
    text = src.read_text(encoding="utf-8")
    src.write_text(text + "\nA closing line written for this test.\n", encoding="utf-8")
    ahead = time.time_ns() + 600 * 10**9  # stays within any later snapshot's racy window
    os.utime(src, ns=(ahead, ahead))
    computed = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" not in computed.output and "ingest:" in computed.output
    again = invoke("run", root, "--fail-on", "never")
    assert "nothing changed since run" in again.output, again.output
    # same size, same time, same inode, other bytes: only the content can tell
    st = src.stat()
    src.write_text(text + "\nA closing line written for this tesT.\n", encoding="utf-8")
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert src.stat().st_size == st.st_size and src.stat().st_ino == st.st_ino
    changed = invoke("run", root, "--fail-on", "never")
    assert "nothing changed" not in changed.output and "ingest:" in changed.output
