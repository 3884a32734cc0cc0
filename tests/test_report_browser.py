"""The HTML report in a real browser: Debian's Chromium driven by Playwright (sync API).

Without /usr/bin/chromium these tests skip locally and fail under CI (CI=... set).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit.report.html import render_html

try:  # tests/ is a package
    from tests.test_report_bundle import PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_TEXTAREA, make_bundle
except ImportError:  # tests/ on sys.path (rootdir-relative "prepend" import)
    from test_report_bundle import PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_TEXTAREA, make_bundle

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ERROR_ID = "f-3b9c0d1e2f30"
BLOG_ID = "d-5566778899aa"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class _Page:
    """A page that only loads file:// URLs and records everything else it tried."""

    def __init__(self, browser, **context_args):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_args)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def non_file_requests(self) -> list[str]:
        return self.blocked + [u for u in self.requests if not u.startswith("file://")]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render_html(make_bundle()), encoding="utf-8")
    return path


def test_report_in_chromium(browser, report, tmp_path):
    from playwright.sync_api import expect

    p = _Page(browser)
    page = p.page
    try:
        page.goto(report.as_uri())
        expect(page.locator("#filters")).to_be_visible()  # the script ran (CSP hash matches)

        error = page.locator(f'article[id="finding-{ERROR_ID}"]')
        expect(error).to_be_visible()
        expect(error.locator("ol.ev mark")).to_have_count(2)
        expect(error.locator("ol.ev mark").first).to_have_text("Elena Marchetta")

        # severity filter
        box = page.locator('#filters input[name="sev"][value="error"]')
        box.uncheck()
        expect(error).to_be_hidden()
        expect(page.locator('article[id="finding-f-0a1b2c3d4e5f"]')).to_be_visible()
        box.check()
        expect(error).to_be_visible()

        # class, document and text filters
        page.select_option('#filters select[name="cls"]', "quote-drift")
        expect(error).to_be_hidden()
        expect(page.locator('article[id="finding-f-0a1b2c3d4e5f"]')).to_be_visible()
        page.select_option('#filters select[name="cls"]', "")
        page.select_option('#filters select[name="doc"]', BLOG_ID)
        expect(error).to_be_hidden()
        expect(page.locator('article[id="finding-f-deadbeef0001"]')).to_be_visible()
        page.select_option('#filters select[name="doc"]', "")
        page.fill('#filters input[name="q"]', "PELLUCID")
        expect(error).to_be_hidden()
        expect(page.locator('article[id="finding-f-1122334455ff"]')).to_be_visible()
        expect(page.locator("#filter-count")).to_contain_text("of 7 findings shown")
        page.fill('#filters input[name="q"]', "")
        expect(error).to_be_visible()

        # injected markup is inert text
        assert page.evaluate("typeof window.__pwned") == "undefined"
        blog = page.locator(f'section[id="doc-{BLOG_ID}"] .doctext')
        blog.scroll_into_view_if_needed()  # content-visibility: auto renders it once near view
        for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_TEXTAREA):
            # innerText: the rendered text a reader sees (retried until the next frame draws it)
            expect(blog).to_contain_text(payload, use_inner_text=True)
        assert page.locator("img, iframe, textarea").count() == 0
        assert page.locator("script").count() == 1
        single = page.locator('article[id="finding-f-deadbeef0001"]')
        expect(single.locator("header + p")).to_contain_text(PAYLOAD_SCRIPT)

        # evidence links land on their anchor in the document view
        error.locator("ol.ev a").first.click()
        assert page.evaluate("location.hash") == "#doc-d-1a2b3c4d5e6f-120"
        target = page.locator('[id="doc-d-1a2b3c4d5e6f-120"]')
        expect(target).to_be_in_viewport()
        expect(target).to_have_text("Elena Marchetta")

        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert (tmp_path / "report.png").stat().st_size > 10_000
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert p.non_file_requests() == []
        assert p.errors == []  # no script errors, no CSP violations
    finally:
        p.context.close()


def test_report_readable_without_javascript(browser, report):
    from playwright.sync_api import expect

    p = _Page(browser, java_script_enabled=False)
    page = p.page
    try:
        page.goto(report.as_uri())
        expect(page.locator("#filters")).to_be_hidden()
        expect(page.locator("article.finding")).to_have_count(7)
        for i in range(7):
            expect(page.locator("article.finding").nth(i)).to_be_visible()
        expect(page.locator(f'section[id="doc-{BLOG_ID}"] .doctext')).to_contain_text(
            PAYLOAD_SCRIPT
        )
        assert p.non_file_requests() == []
    finally:
        p.context.close()
