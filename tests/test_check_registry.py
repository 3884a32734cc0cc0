"""The check registry: every check module declares itself, and everything that lists the checks
(builders, story scope, judged columns, the built-in suite, the report's classes) follows it."""

from __future__ import annotations

import json
from pathlib import Path

from audit.check.checks import (
    builders,
    classes,
    default_suite,
    judged_columns,
    registry,
    story_scoped,
)
from audit.scaffold import scaffold_files, suite_text
from audit.severity import SEVERITIES, at_least, rank, rank_sql

ROOT = Path(__file__).parent.parent


def test_every_check_module_is_registered_in_report_order():
    mods = sorted(p.stem for p in (ROOT / "audit/check/checks").glob("*.py")
                  if not p.stem.startswith("_"))
    checks = registry()
    assert sorted(c.module.rsplit(".", 1)[1] for c in checks) == mods
    assert [c.order for c in checks] == sorted(c.order for c in checks)
    assert [c["name"] for c in classes()] == [
        "name-variant", "role-conflict", "attribute-conflict", "status-conflict", "value-conflict",
        "measurement-conflict", "list-mismatch", "count-vs-list", "quote-drift",
        "attribution-change", "date-weekday", "relative-day", "time-conflict", "date-conflict",
        "arithmetic",
        "reference", "single-source", "integrity"]
    assert all(c["description"] for c in classes())
    assert story_scoped() == {"value-conflict", "date-weekday", "list-mismatch", "arithmetic",
                              "single-source", "role-conflict", "attribute-conflict",
                              "status-conflict", "measurement-conflict", "time-conflict",
                              "relative-day", "scale-slip", "date-conflict", "currency-slip",
                              "minute-conflict"}
    assert "integrity" not in {c.name for c in builders()}


def test_each_expectation_judges_its_own_declared_columns():
    suite = default_suite()
    by_name = {c.name: c for c in registry()}
    assert {e["meta"]["check"] for e in suite["expectations"]} == {
        c.name for c in builders()}
    for e in suite["expectations"]:
        check = by_name[e["meta"]["check"]]
        cols = {v for k, v in e["kwargs"].items() if k in ("column", "column_A", "column_B")}
        assert cols and cols <= set(check.judged) <= set(judged_columns())
        assert e["severity"] in ("critical", "warning", "info")


def test_the_example_projects_suite_is_the_built_in_one():
    """`audit init` writes the built-in suite; the example project keeps an unedited copy."""
    assert (ROOT / "checks" / "consistency.json").read_text(encoding="utf-8") == suite_text()
    assert json.loads(scaffold_files()["checks/consistency.json"]) == default_suite()


def test_severity_order_is_defined_once():
    assert [rank(s) for s in SEVERITIES] == [0, 1, 2]
    assert rank("bogus") == len(SEVERITIES)
    assert at_least("error", "warning") and at_least("warning", "warning")
    assert not at_least("info", "warning") and not at_least("bogus", "info")
    assert "WHEN 'error' THEN 0" in rank_sql("f.severity")
