"""The findings JSON is written as a patch of the last one (audit/report/jsonitems.py): the
findings whose key is unchanged are copied from the old file. The bytes must be those of a
full rewrite, whatever happened to the old file."""

from __future__ import annotations

import os
from pathlib import Path

from audit.check.export import build_bundle, latest_run
from audit.report.json_out import render_json
from audit.report.jsonitems import JsonItems
from audit.report.writer import write_reports
from audit.store import open_store
from benchmarks.generate import generate
from tests.conftest import invoke, restate_first_amount

FMT = ("--format", "json", "--fail-on", "never")


def _full_rewrite(root: Path) -> str:
    """The findings JSON of the latest run, every finding read and encoded."""
    with open_store(root / ".audit" / "audit.duckdb", read_only=True) as store:
        bundle = build_bundle(store.con, latest_run(store.con), with_documents=False)
        return render_json(bundle)


def _patched(root: Path, out: Path) -> JsonItems:
    """Write the latest run's findings JSON into ``out`` through the store's index."""
    with open_store(root / ".audit" / "audit.duckdb") as store:
        bundle = build_bundle(store.con, latest_run(store.con), with_documents=False)
        items = JsonItems(store.con)
        write_reports(bundle, out, ["json"], items=items)
        return items


def test_patched_findings_json_equals_a_full_rewrite(tmp_path):
    root = tmp_path / "p"
    generate(root, 14, 4, 20240409)
    assert invoke("run", root, *FMT).exit_code == 0
    report = root / "reports" / "findings.json"
    assert report.read_text(encoding="utf-8") == _full_rewrite(root)
    restate_first_amount(root)
    assert invoke("run", root, *FMT).exit_code == 0
    assert report.read_text(encoding="utf-8") == _full_rewrite(root)
    # written again from the store: every finding copied from the file just written
    items = _patched(root, root / "reports")
    assert items.copied > 50 and items.encoded == 0
    assert report.read_text(encoding="utf-8") == _full_rewrite(root)
    # the old file edited behind the store's back (same size, other bytes): nothing copied
    data = bytearray(report.read_bytes())
    at = data.index(b'"message": "') + len(b'"message": "')
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")
    report.write_bytes(bytes(data))
    items = _patched(root, root / "reports")
    assert items.copied == 0 and items.encoded > 50
    assert report.read_text(encoding="utf-8") == _full_rewrite(root)
    # another folder: no index there, everything encoded; then copied from it
    other = tmp_path / "elsewhere"
    assert _patched(root, other).copied == 0
    assert (other / "findings.json").read_text(encoding="utf-8") == _full_rewrite(root)
    assert _patched(root, other).encoded == 0
    # the file removed: written in full
    os.unlink(other / "findings.json")
    assert _patched(root, other).copied == 0
    assert (other / "findings.json").read_text(encoding="utf-8") == _full_rewrite(root)


def test_a_patched_rewrite_holds_one_finding_of_the_old_file_at_a_time(tmp_path):
    """The old file is copied a finding at a time, never read whole: at 100,000 documents it
    is 680 MB, and holding it (and a copy of each finding taken from it) added about twice that
    to the report stage's peak."""
    import tracemalloc

    root = tmp_path / "p"
    generate(root, 100, 4, 7)  # ~3 MB of findings JSON
    assert invoke("run", root, *FMT).exit_code == 0
    report = root / "reports" / "findings.json"
    size = report.stat().st_size
    with open_store(root / ".audit" / "audit.duckdb") as store:
        bundle = build_bundle(store.con, latest_run(store.con), with_documents=False)
        items = JsonItems(store.con)
        tracemalloc.start()
        try:
            write_reports(bundle, root / "reports", ["json"], items=items)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert items.copied > 100 and items.encoded == 0
    assert report.read_text(encoding="utf-8") == _full_rewrite(root)
    assert peak < size, (peak, size)  # reading it whole (and copying) took over twice its size
