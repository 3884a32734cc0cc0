"""The check's findings are made and written a few rejected candidates at a time
(``findings_per_write``): the run's rows and reports must not depend on how many.

A generated corpus is run once by the real CLI; copies of its project are then checked again
(``--full``) with the default and with tiny write batches, each in its own copy so the runs
get the same run id, and their findings, evidence and reports compared.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from audit.check.run import FINDINGS_PER_WRITE, run_checks
from audit.config import load_config
from audit.store import open_store
from benchmarks.generate import generate
from tests.conftest import invoke

EVENTS, DOCS, SEED = 10, 4, 7


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("batches") / "base"
    generate(root, EVENTS, DOCS, SEED)
    result = invoke("run", root, "--fail-on", "never", "--format", "json")
    assert result.exit_code == 0, result.output
    return root


def _check_and_report(base: Path, into: Path, per_write: int) -> tuple[list, list, dict]:
    shutil.copytree(base, into)
    cfg = load_config(into)
    with open_store(cfg.db_path) as store:
        result = run_checks(store, cfg.claims_dir, cfg.checks_dir, "never", cfg.digest(),
                            full=True, findings_per_write=per_write)
        findings = store.con.execute(
            "SELECT run_id, finding_id, seq, check_name, class, severity, message, accepted, "
            "waiver_reason, details FROM findings WHERE run_id = ? ORDER BY seq",
            [result.run_id]).fetchall()
        evidence = store.con.execute(
            "SELECT * FROM finding_evidence WHERE run_id = ? ORDER BY finding_id, seq",
            [result.run_id]).fetchall()
    out = into / "reports"
    shutil.rmtree(out, ignore_errors=True)
    r = invoke("report", into, "--format", "json", "--format", "html", "--format", "sarif",
               "--format", "md")
    assert r.exit_code == 0, r.output
    reports = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    return findings, evidence, reports


# each run has its own start time (the JSON's ``started_at``, the pages' header and footer;
# Markdown escapes its first hyphen)
_STARTED = re.compile(r"\d{4}\\?-\d\d-\d\d[T ]\d\d:\d\d:\d\dZ?")


def test_findings_and_reports_do_not_depend_on_the_write_batch(built, tmp_path):
    runs = {n: _check_and_report(built, tmp_path / f"w{n}", n)
            for n in (FINDINGS_PER_WRITE, 1, 7)}
    findings, evidence, reports = runs[FINDINGS_PER_WRITE]
    assert len(findings) > 2 * 7 and len(evidence) > len(findings)  # many batches of 7
    assert set(reports) == {"findings.json", "report.html", "findings.sarif", "summary.md"}
    for n in (1, 7):
        other_findings, other_evidence, other_reports = runs[n]
        assert other_findings == findings, n
        assert other_evidence == evidence, n
        for name, text in reports.items():  # the same bytes but for the start time
            assert _STARTED.sub("T", other_reports[name]) == _STARTED.sub("T", text), (n, name)

