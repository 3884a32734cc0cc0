"""Triage from the report: "Accept" gives a ready waiver entry; `audit waive` appends one."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from audit.check.waive import add_waiver, waiver_entry
from audit.check.waivers import load_waivers
from audit.errors import ConfigError
from audit.report.html import render_html
from tests.conftest import invoke
from tests.test_report_browser import ERROR_ID, _Page, browser, make_bundle  # noqa: F401


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render_html(make_bundle()), encoding="utf-8")
    return path


def test_accept_copies_a_valid_waiver(browser, report):  # noqa: F811
    from playwright.sync_api import expect

    p = _Page(browser, permissions=["clipboard-read", "clipboard-write"])
    page = p.page
    try:
        page.goto(report.as_uri())
        finding = page.locator(f'article[id="finding-{ERROR_ID}"]')
        button = finding.locator("p.accept button")
        expect(button).to_be_visible()
        button.click()
        expect(finding.locator(".accept-status")).to_contain_text("checks/waivers.toml")
        entry = page.evaluate("navigator.clipboard.readText()")
        data = tomllib.loads(entry)
        assert data["waiver"][0]["fingerprint"] == ERROR_ID
        assert data["waiver"][0]["reason"].startswith("TODO")
        # accepted findings offer nothing to accept
        expect(page.locator("section#accepted p.accept, .waiver ~ p.accept")).to_have_count(0)
        assert p.errors == [] and p.non_file_requests() == []
    finally:
        p.context.close()


def test_accept_without_clipboard_shows_the_entry(browser, report):  # noqa: F811
    from playwright.sync_api import expect

    p = _Page(browser)
    page = p.page
    try:
        page.goto(report.as_uri())
        page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        finding = page.locator(f'article[id="finding-{ERROR_ID}"]')
        finding.locator("p.accept button").click()
        box = finding.locator("textarea")
        expect(box).to_be_visible()
        assert tomllib.loads(box.input_value())["waiver"][0]["fingerprint"] == ERROR_ID
        expect(finding.locator(".accept-status")).to_contain_text(f"audit waive {ERROR_ID}")
    finally:
        p.context.close()


def test_waiver_entry_escapes_anything():
    hostile = 'a "quoted"\nreason with \\ backslash, \x07 bell and \u2028 separator'
    entry = waiver_entry("f0123456789abcdef", hostile, about="x\ny = 1\n[[waiver]]")
    data = tomllib.loads(entry)
    assert len(data["waiver"]) == 1
    assert data["waiver"][0]["reason"] == hostile.strip()
    assert "y" not in data["waiver"][0]


def test_add_waiver_validates_and_keeps_file_on_error(tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "waivers.toml").write_text("# accepted findings\n")
    add_waiver(checks, "f0123456789abcdef", "the blog corrected it later")
    assert [w.fingerprint for w in load_waivers(checks)] == ["f0123456789abcdef"]
    assert (checks / "waivers.toml").stat().st_mode & 0o777 == 0o644  # not a private temp's mode
    before = (checks / "waivers.toml").read_text()
    with pytest.raises(ConfigError, match="already waived"):
        add_waiver(checks, "f0123456789abcdef", "again")
    with pytest.raises(ConfigError, match="not a finding fingerprint"):
        add_waiver(checks, "not-an-id", "reason")
    with pytest.raises(ConfigError, match="needs a reason"):
        add_waiver(checks, "f1111111111111111", "  ")
    assert (checks / "waivers.toml").read_text() == before
    assert not list(checks.glob(".waivers.toml.*"))  # no temp file left behind


def test_audit_waive_command(example_project):
    root = example_project
    assert invoke("run", root, "--format", "json").exit_code == 1
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    errors = [f for f in bundle["findings"] if f["severity"] == "error" and not f["accepted"]]
    for f in errors:
        result = invoke("waive", f["id"], root, "--reason", "accepted by the editor")
        assert result.exit_code == 0, result.output
        assert f"waived {f['id']}" in result.output
    again = invoke("waive", errors[0]["id"], root, "--reason", "twice")
    assert again.exit_code == 2 and "already waived" in again.output
    unknown = invoke("waive", "f0000000000000000", root, "--reason", "nothing")
    assert unknown.exit_code == 2 and "no finding f0000000000000000" in unknown.output
    result = invoke("run", root, "--format", "json")
    assert result.exit_code == 0, result.output  # every error is now accepted
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    accepted = {f["id"] for f in bundle["findings"] if f["accepted"]}
    assert {f["id"] for f in errors} <= accepted
