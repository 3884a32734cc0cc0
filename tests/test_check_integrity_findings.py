"""A run whose integrity suite fails stores the integrity findings and fails the gate.

Regression: DuckDB 2 refuses new work on a connection whose last result was half read; the run
record read its sequence number with fetchone(), so the first integrity finding to be stored
crashed the check (exit 3) instead of being reported.
"""

from __future__ import annotations

import json

import duckdb

from tests.conftest import invoke


def test_tampered_span_is_an_integrity_error_not_a_crash(example_project):
    root = example_project
    # the first check of this database: no earlier run record to read
    assert invoke("ingest", root).exit_code == 0
    assert invoke("extract", root).exit_code == 0
    db = root / ".audit" / "audit.duckdb"
    con = duckdb.connect(str(db))
    span_id = con.execute("SELECT span_id FROM spans ORDER BY span_id LIMIT 1").fetchall()[0][0]
    con.execute("UPDATE spans SET exact = exact || 'x' WHERE span_id = ?", [span_id])
    con.close()
    result = invoke("check", root, "--format", "json")
    assert result.exit_code == 1, result.output
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    integrity = [f for f in bundle["findings"] if f["class"] == "integrity"]
    assert integrity and all(f["severity"] == "error" for f in integrity)
    assert any(span_id in json.dumps(f) for f in integrity)
