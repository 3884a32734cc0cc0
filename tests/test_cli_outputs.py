"""The CLI over a real audit: claims, trace, every report format, and the seeds' report in
headless Chromium (Kishido/Kishida visible and highlighted, filters, injected markup inert)."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_SOURCES, SEED_FILES, invoke

INJECTED = """Visitor guide <script>window.__pwned = 1</script>

The museum said <img src=x onerror="window.__pwned = 2"> on Monday, 3 June 2024 that 40,000
people visited. </textarea><b>bold?</b> Director Mia Kowalski said the numbers were "better
than we ever hoped for this early in the year".
"""


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(EXAMPLE_SOURCES, root / "sources")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    r = invoke("run", root, *[x for f in ("json", "html", "junit", "sarif", "md", "github")
                              for x in ("--format", f)])
    assert r.exit_code == 1, r.output
    return root


def test_all_formats_written(example):
    out = example / "reports"
    names = {p.name for p in out.iterdir()}
    assert {"findings.json", "report.html", "junit.xml", "findings.sarif", "summary.md",
            "annotations.txt"} <= names
    ET.parse(out / "junit.xml")
    sarif = json.loads((out / "findings.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert "::error file=" in (out / "annotations.txt").read_text()
    assert "FAIL" in (out / "summary.md").read_text().upper()


def test_claims_listing_formats(example):
    r = invoke("claims", example, "--kind", "money", "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert rows and {row["kind"] for row in rows} == {"money"}
    assert any(row["value_json"]["amount"] == 110_000_000 for row in rows)
    csv_out = invoke("claims", example, "--document", "wire-story.txt", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("id,path,line,kind")
    assert all("wire-story.txt" in line for line in csv_out.splitlines()[1:] if line)
    table = invoke("claims", example, "--kind", "person").output
    assert "Jahanian" in table


def test_trace_shows_the_span_in_context(example):
    rows = json.loads(invoke("claims", example, "--kind", "date", "--format", "json").output)
    wrong = next(r for r in rows if r["value_json"].get("weekday") == "Wednesday")
    r = invoke("trace", wrong["id"], example)
    assert r.exit_code == 0
    assert "wire-story.txt" in r.output and "ok" in r.output
    assert "Wednesday" in r.output and f"{wrong['line']:>5} |" in r.output
    bad = invoke("trace", "cdeadbeef", example)
    assert bad.exit_code == 2 and "no claim" in bad.output


def test_report_command_rewrites_from_the_database(example, tmp_path):
    """`audit report` reads the run back (findings streamed from DuckDB) and writes the same
    files `audit run` wrote, passing checks and all."""
    formats = [x for f in ("json", "junit", "sarif", "md", "github") for x in ("--format", f)]
    r = invoke("report", example, *formats, "--out", tmp_path)
    assert r.exit_code == 0, r.output
    for name in ("findings.json", "junit.xml", "findings.sarif", "summary.md",
                 "annotations.txt"):
        assert (tmp_path / name).read_text() == (example / "reports" / name).read_text(), name
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    names = {c.get("name") for c in junit.iter("testcase")}
    assert {"integrity", "reference", "arithmetic"} <= names  # checks that found nothing


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    if not SEED_FILES:
        pytest.skip("seed documents not available")
    root = tmp_path_factory.mktemp("seedsreport")
    (root / "sources").mkdir()
    for f in SEED_FILES:
        shutil.copy(f, root / "sources" / f.name)
    (root / "sources" / "injected.txt").write_text(INJECTED)
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    invoke("run", root, "--format", "html")
    return root / "reports" / "report.html"


def test_seeds_report_in_chromium(seeds_report, tmp_path):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            external: list[str] = []
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith("file://")
                       else (external.append(route.request.url), route.abort()))
            page.goto(seeds_report.as_uri())
            finding = page.locator('article.finding[data-severity="error"]',
                                   has_text="Kishido").first
            expect(finding).to_be_visible()
            marks = finding.locator("mark")
            texts = [marks.nth(i).inner_text() for i in range(marks.count())]
            assert any("Kishido" in t for t in texts) and any("Kishida" in t for t in texts)
            box = page.locator('#filters input[name="sev"][value="error"]')
            box.uncheck()
            expect(finding).to_be_hidden()
            box.check()
            expect(finding).to_be_visible()
            assert page.evaluate("window.__pwned") is None
            body = page.locator("body").text_content()
            assert "<script>window.__pwned = 1</script>" in body
            assert "</textarea><b>bold?</b>" in body
            assert external == []
            page.screenshot(path=str(tmp_path / "seeds-report.png"), full_page=False)
            assert (tmp_path / "seeds-report.png").stat().st_size > 10_000
        finally:
            browser.close()


def test_html_caps_findings_but_json_keeps_all(example, tmp_path, monkeypatch):
    import audit.api

    monkeypatch.setattr(audit.api, "HTML_MAX_FINDINGS", 2)
    r = invoke("report", example, "--format", "json", "--format", "html", "--out", tmp_path)
    assert r.exit_code == 0 and "most severe" in r.output
    total = len(json.loads((tmp_path / "findings.json").read_text())["findings"])
    html = (tmp_path / "report.html").read_text()
    assert total > 2 and html.count('<article class="finding"') == 2


def test_run_timings_name_every_stage(tmp_path):
    shutil.copytree(EXAMPLE_SOURCES, tmp_path / "sources")
    r = invoke("run", tmp_path, "--timings", "--quiet", "--format", "md", "--db", ":memory:")
    text = r.output + (r.stderr if hasattr(r, "stderr") else "")
    line = next(ln for ln in text.splitlines() if ln.startswith("timings:"))
    for stage in ("ingest", "extract", "resolve", "check", "report"):
        assert f"{stage} " in line
    assert "peak RSS" in line and " MiB" in line


def test_capped_html_is_the_same_after_the_json(tmp_path, monkeypatch):
    """The capped HTML reuses the findings the JSON just read; it must show what a query for
    the most severe findings shows, with and without an accepted (waived) finding."""
    import audit.api

    monkeypatch.setattr(audit.api, "HTML_MAX_FINDINGS", 3)
    shutil.copytree(EXAMPLE_SOURCES, tmp_path / "sources")
    (tmp_path / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    invoke("run", tmp_path, "--format", "json")
    top = json.loads((tmp_path / "reports" / "findings.json").read_text())["findings"][0]
    for waived in (False, True):
        if waived:
            (tmp_path / "checks").mkdir(exist_ok=True)
            (tmp_path / "checks" / "waivers.toml").write_text(
                f'[[waiver]]\nfingerprint = "{top["id"]}"\nreason = "checked"\n')
            invoke("run", tmp_path, "--format", "json")
        both, alone = tmp_path / f"both{waived}", tmp_path / f"alone{waived}"
        invoke("report", tmp_path, "--format", "json", "--format", "html", "--out", both)
        invoke("report", tmp_path, "--format", "html", "--out", alone)
        page = (both / "report.html").read_text()
        assert page == (alone / "report.html").read_text()
        assert page.count('<article class="finding"') == 3
        assert (f'id="finding-{top["id"]}"' in page) == (not waived)
