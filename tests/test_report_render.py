"""Report renderers: HTML, SARIF, JUnit, Markdown, GitHub annotations, findings JSON, writer."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from audit.report import FORMATS, write_reports
from audit.report import writer as report_writer
from audit.report.github import escape_data, escape_property, render_github
from audit.report.html import INLINE_LIMIT, render_html, segment
from audit.report.json_out import render_json
from audit.report.junit import render_junit
from audit.report.markdown import md_escape, render_markdown
from audit.report.sarif import render_sarif

try:  # tests/ is a package
    from tests.test_report_bundle import PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_TEXTAREA, make_bundle
except ImportError:  # tests/ on sys.path (rootdir-relative "prepend" import)
    from test_report_bundle import PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_TEXTAREA, make_bundle

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-2.1.0.schema.json"
ERROR_ID = "f-3b9c0d1e2f30"  # the open name-variant error
ACCEPTED_ID = "f-acce97ed0002"


@pytest.fixture
def bundle() -> dict:
    return make_bundle()


def _many(bundle: dict, n: int, severity: str = "error") -> dict:
    """The bundle with ``n`` extra copies of the name-variant finding (fresh ids)."""
    base = next(f for f in bundle["findings"] if f["id"] == ERROR_ID)
    for i in range(n):
        f = copy.deepcopy(base)
        f["id"] = f"f-{i:012x}"
        f["severity"] = severity
        f["message"] = f"variant #{i}: {f['message']}"
        bundle["findings"].append(f)
    bundle["summary"]["total"] += n
    return bundle


# ---------------------------------------------------------------------------------------------
# HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_bodies.append(data)
        else:
            self.text.append(data)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    return c


def _articles(html: str) -> dict[str, str]:
    """finding id -> the article's markup."""
    out = {}
    for m in re.finditer(
        r'<article class="finding"[^>]*id="finding-([^"]+)">.*?</article>', html, re.S
    ):
        out[m.group(1)] = m.group(0)
    return out


def test_html_is_one_self_contained_file(bundle):
    html = render_html(bundle)
    parsed = _parse(html)
    tags = [t for t, _ in parsed.tags]
    for tag in ("link", "img", "iframe", "object", "embed", "audio", "video", "source", "base"):
        assert tag not in tags, tag
    assert tags.count("script") == 1 and tags.count("style") == 1
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, (tag, attrs)
        for name, value in attrs.items():
            if name in ("href", "action", "srcset", "poster", "data", "formaction", "xlink:href"):
                assert value is not None and value.startswith("#"), (tag, name, value)
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "://" not in "".join(parsed.script_bodies)
    # the documents' URLs appear, but only as text
    assert "https://news.example/wire/quantum-partnership" in "".join(parsed.text)


def test_html_has_no_external_resource_references(bundle):
    html = render_html(bundle)
    # any attribute value (quoted or not) or CSS url() pointing at http(s) is a resource reference
    attr_refs = re.findall(
        r"""(?:src|href|action|srcset|poster)\s*=\s*["']?\s*https?:""", html, re.I
    )
    css_refs = re.findall(r"url\(\s*['\"]?\s*https?:", html, re.I)
    assert attr_refs == [] and css_refs == []
    # every "http(s)://" left is in text content (the documents' url metadata)
    for m in re.finditer(r"https?://", html):
        before = html[: m.start()]
        assert before.rfind(">") > before.rfind("<"), html[m.start() - 80 : m.end() + 40]


def test_html_content_security_policy_blocks_everything_else(bundle):
    html = render_html(bundle)
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert m, "CSP meta tag missing"
    csp = m.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in csp
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp


def test_html_escapes_all_source_text(bundle):
    html = render_html(bundle)
    assert html.count("<script") == 1  # the report's own script only
    assert "<img" not in html
    assert "</textarea>" not in html
    assert "</mark><script>" not in html
    assert "onerror=" not in html.replace("onerror=&#34;", "")  # only escaped, never an attribute
    parsed = _parse(html)
    assert not any(name.startswith("on") for _t, attrs in parsed.tags for name in attrs), (
        "an event-handler attribute made it into the page"
    )
    text = "".join(parsed.text)
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_TEXTAREA):
        assert payload in text  # shown as text
    # metadata and labels are escaped too
    assert "Notes from the &lt;b&gt;launch&lt;/b&gt;" in html
    assert "Guest &lt;Blog&gt; &amp; Co" in html
    assert 'title="&lt;/mark&gt;&lt;script&gt;window.__pwned=3&lt;/script&gt;"' in html


def test_html_template_marks_nothing_safe():
    for name in ("report.html.j2", "finding.html.j2"):
        template = resources.files("audit").joinpath("templates", name).read_text()
        assert "|safe" not in template.replace(" ", "") and "autoescape false" not in template
    source = Path(render_html.__code__.co_filename).read_text()
    assert "autoescape=True" in source
    # the one Markup: a finding block rendered by finding.html.j2 (now or by an earlier run)
    assert source.count("Markup(") == 1 and 'Markup(html)' in source


def _store(tmp_path):
    from audit.store import open_store

    return open_store(tmp_path / "cache.duckdb")


def test_html_fragment_cache_gives_the_same_page(bundle, tmp_path):
    from audit.report.fragments import FragmentCache

    plain = render_html(copy.deepcopy(bundle))
    with _store(tmp_path) as store:
        cache = FragmentCache(store.con)
        assert render_html(copy.deepcopy(bundle), cache) == plain  # fills the cache
        n = store.query("SELECT count(*) FROM report_fragments")[0][0]
        assert n == len(bundle["findings"])
        assert render_html(copy.deepcopy(bundle), cache) == plain  # reads it


def test_html_fragment_cache_is_reused_and_invalidated(bundle, tmp_path):
    """A cached block is used while everything it shows is unchanged, and re-rendered when a
    document it names is renamed or the finding's evidence changes."""
    from audit.report.fragments import FragmentCache

    with _store(tmp_path) as store:
        cache = FragmentCache(store.con)
        render_html(copy.deepcopy(bundle), cache)
        store.con.execute("UPDATE report_fragments SET html = replace(html, '</article>', "
                          "'<i>cached</i></article>')")
        html = render_html(copy.deepcopy(bundle), cache)
        assert html.count("<i>cached</i>") == len(bundle["findings"])  # every block reused

        renamed = copy.deepcopy(bundle)
        doc = renamed["findings"][0]["evidence"][0]["document_id"]
        for d in renamed["documents"]:
            if d["id"] == doc:
                d["path"] = "renamed/" + d["path"]
        articles = _articles(render_html(renamed, cache))
        touched = {f["id"] for f in renamed["findings"]
                   if doc in {e["document_id"] for e in f["evidence"]}
                   or doc in {d for v in f.get("values") or [] for d in v.get("documents", [])}}
        assert touched and len(touched) < len(articles)
        for fid, article in articles.items():
            assert ("<i>cached</i>" in article) == (fid not in touched), fid

        edited = copy.deepcopy(bundle)
        edited["findings"][0]["evidence"][0]["after"] += " more words"
        articles = _articles(render_html(edited, cache))
        assert "<i>cached</i>" not in articles[edited["findings"][0]["id"]]
        # the table keeps only the latest page's blocks
        assert store.query("SELECT count(*) FROM report_fragments")[0][0] == len(articles)


def test_html_fragment_cache_read_only_does_not_write(bundle, tmp_path):
    from audit.report.fragments import FragmentCache

    with _store(tmp_path) as store:
        render_html(copy.deepcopy(bundle), FragmentCache(store.con, writable=False))
        assert store.query("SELECT count(*) FROM report_fragments")[0][0] == 0


def test_html_top_summary(bundle):
    html = render_html(bundle)
    text = " ".join("".join(_parse(html).text).split())
    assert '<span class="verdict verdict-fail">FAIL</span>' in html
    assert "fail on: error" in text
    assert "claim-audit 0.1.0" in text and "2026-11-25T14:00:00Z" in text
    for d in bundle["documents"]:
        assert f'href="#doc-{d["id"]}"' in html
    for title in ("Coastal Wire Service", "Lakeside University", "2025-03-05", "sources/blog.html"):
        assert title in text
    # severity counts
    assert re.search(r'href="#findings-error">error</a></th><td>2</td>', html)
    assert re.search(r'href="#findings-warning">warning</a></th><td>3</td>', html)
    assert re.search(r"<th>quote-drift</th><td>1</td>", html)


def test_html_findings_grouped_by_severity_then_class(bundle):
    html = render_html(bundle)
    pos = {s: html.index(f'id="findings-{s}"') for s in ("error", "warning", "info", "accepted")}
    assert pos["error"] < pos["warning"] < pos["info"] < pos["accepted"]
    warning = html[pos["warning"] : pos["info"]]
    classes = re.findall(r'<div class="group" data-class="([^"]+)">', warning)
    assert classes == ["list-mismatch", "count-vs-list", "quote-drift"]  # the check modules' order
    arts = _articles(html)
    assert set(arts) == {f["id"] for f in bundle["findings"]}
    err = arts[ERROR_ID]
    assert 'data-severity="error"' in err and 'data-class="name-variant"' in err
    assert 'data-documents="d-1a2b3c4d5e6f d-9f8e7d6c5b4a"' in err
    assert "<q>Elena Marchetta</q>" in err and "<q>Elena Marchetti</q>" in err
    assert err.count("<mark>") == 2
    assert (
        '<a href="#doc-d-1a2b3c4d5e6f-120">sources/wire.txt:3</a> HARBOR CITY, March 3, 2025 '
        "(Monday) - Mayor <mark>Elena Marchetta</mark> and Lakeside" in err
    )


def test_html_quote_drift_and_list_mismatch_details(bundle):
    arts = _articles(render_html(bundle))
    drift = arts["f-0a1b2c3d4e5f"]
    assert "<del>committed</del> <ins>determined</ins>" in drift
    assert "<del>this</del> <ins>the whole</ins>" in drift
    sets = arts["f-1122334455ff"]
    table = re.search(r'<table class="sets">.*?</table>', sets, re.S).group(0)
    headers = re.findall(r"<th>([^<]*)</th>", table)
    assert headers == [
        "In all",
        "Only in wire.txt",
        "Only in press release.md",
        "Only in blog.html",
    ]
    rows = [re.findall(r"<td>([^<]*)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", table)[1:]]
    assert rows == [
        ["Kestrel Labs", "Northwind Bank", "Northwind Bank", ""],
        ["Orbital Systems", "", "Pellucid Analytics", ""],
    ]


def test_html_accepted_and_stale_waivers(bundle):
    html = render_html(bundle)
    accepted = html[html.index('id="findings-accepted"') :]
    assert f'id="finding-{ACCEPTED_ID}"' in accepted
    assert "Accepted: Checked by hand: the weekday is right (ticket #12)" in accepted
    before_accepted = html[: html.index('id="findings-accepted"')]
    assert f'id="finding-{ACCEPTED_ID}"' not in before_accepted
    stale = html[html.index('id="stale-waivers"') :]
    assert "<code>f-0ld0ld0ld00</code> Old &lt;typo&gt; waiver &amp; gone" in stale


def test_html_every_evidence_link_has_an_anchor(bundle):
    html = render_html(bundle)
    ids = _parse(html).ids
    assert len(ids) == len(set(ids)), "duplicate ids"
    hrefs = re.findall(r'href="#(doc-[^"]+)"', html)
    evidence_rows = sum(len(f["evidence"]) for f in bundle["findings"])
    assert len([h for h in hrefs if h.count("-") > 2]) == evidence_rows
    for h in hrefs:
        assert h in ids, h
    # an evidence start that is no claim start ("companies" inside "Three companies")
    assert '<mark class="claim kind-count" id="doc-d-1a2b3c4d5e6f-408"' in html
    # an evidence start outside any claim gets a plain anchor
    assert '<span id="doc-d-5566778899aa-258">&lt;img src=x' in html


def test_html_document_view_zones_and_claims(bundle):
    html = render_html(bundle)
    wire = html[html.index('<section class="doc" id="doc-d-1a2b3c4d5e6f">') :]
    wire = wire[: wire.index("</section>")]
    assert (
        '<span class="zone zone-boilerplate">Related: Harbor City budget hearing moves to April'
        in wire
    )
    assert '<mark class="claim kind-money" id="doc-d-1a2b3c4d5e6f-43"' in wire
    # nested: "Mayor Elena Marchetta" (outer) contains "Elena Marchetta" (inner)
    assert (
        '<mark class="claim kind-person" id="doc-d-1a2b3c4d5e6f-114" title="mayor = Elena Marchetta">Mayor </mark>'
        in wire
    )
    assert re.search(
        r'id="doc-d-1a2b3c4d5e6f-120" title="person = &#34;Elena Marchetta&#34; &lt;name&gt;\nmayor',
        wire,
    )
    # overlapping: "funded by Orbital Systems" x "Orbital Systems, Kestrel Labs and Northwind Bank"
    assert 'title="relation = funded by">funded by </mark>' in wire
    assert (
        '<mark class="claim kind-org_list" title="funders = {Orbital Systems, Kestrel Labs, Northwind Bank}">, Kestrel Labs and Northwind Bank</mark>'
        in wire
    )
    # the document text survives intact, in order
    parsed = _parse(
        html[
            html.index('<div class="doctext">') : html.index(
                "</div>", html.index('<div class="doctext">')
            )
        ]
    )
    assert "".join(parsed.text) == bundle["documents"][0]["text"]


def test_segment_nested_and_overlapping_spans():
    text = "abcdefghij"
    spans = [(0, 10, "outer", "O"), (2, 5, "inner", "I"), (4, 8, "cross", "C")]
    zones = [(0, 3, "title"), (3, 10, "body")]
    runs = segment(text, zones, spans, anchors={0, 2, 4, 9})
    segs = [(r["zone"], s["t"], s["kind"], s["id"]) for r in runs for s in r["segs"]]
    assert "".join(s[1] for s in segs) == text
    assert segs == [
        ("title", "ab", "outer", 0),
        ("title", "c", "inner", 2),
        ("body", "d", "inner", None),
        ("body", "e", "inner", 4),  # inner (3) and cross (4) both cover; shortest wins
        ("body", "fgh", "cross", None),
        ("body", "i", "outer", None),
        ("body", "j", "outer", 9),
    ]
    title_e = next(s["title"] for r in runs for s in r["segs"] if s["t"] == "e")
    assert title_e.split("\n") == ["I", "C", "O"]


def test_segment_empty_and_uncovered_text():
    assert segment("", [], [], set()) == []
    runs = segment("hello world", [], [(6, 11, "place", "w")], {3})
    segs = [(r["zone"], s["t"], s["kind"], s["id"]) for r in runs for s in r["segs"]]
    assert segs == [
        (None, "hel", None, None),
        (None, "lo ", None, 3),
        (None, "world", "place", 6),
    ]


def test_html_filters_are_progressive_enhancement(bundle):
    html = render_html(bundle)
    assert '<nav class="filters" id="filters" hidden>' in html  # shown only by the script
    for sev in ("error", "warning", "info"):
        assert f'<input type="checkbox" name="sev" value="{sev}" checked>' in html
    assert '<select name="cls">' in html and '<select name="doc">' in html
    assert '<input type="search" name="q"' in html
    # no finding is hidden or collapsed in the markup itself
    assert not re.search(r"<article[^>]*hidden", html)
    assert "<details" not in html


def test_html_large_sections_collapse_past_the_limit(bundle):
    big = _many(bundle, INLINE_LIMIT + 5)
    html = render_html(big)
    errors = html[html.index('id="findings-error"') : html.index('id="findings-warning"')]
    head, tail = errors.split('<details class="more">')
    assert head.count('<article class="finding"') == INLINE_LIMIT
    assert tail.count('<article class="finding"') == INLINE_LIMIT + 5 + 2 - INLINE_LIMIT
    assert f"{7} more error findings" in tail
    assert len(_articles(html)) == len(big["findings"])


def test_html_is_deterministic(bundle):
    assert render_html(bundle) == render_html(make_bundle())


def test_html_tolerates_sparse_bundle():
    html = render_html({"findings": [], "documents": []})
    assert "No open findings" in html
    minimal = {
        "run": {"verdict": "pass", "fail_on": "error"},
        "documents": [{"id": "d-1", "path": "a.txt", "text": "x"}],
        "findings": [
            {
                "id": "f-1",
                "check": "integrity",
                "severity": "error",
                "message": "orphan",
                "evidence": [{"document_id": "d-missing", "path": "gone.txt", "start": 3}],
            }
        ],
    }
    html = render_html(minimal)
    assert 'class="verdict verdict-pass">PASS<' in html
    assert '<span class="loc">gone.txt</span>' in html  # no dangling link


# ---------------------------------------------------------------------------------------------
# SARIF


def _validator():
    schema = json.loads(SCHEMA_PATH.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_schema_is_the_official_one():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert len(schema["definitions"]) >= 50


def test_sarif_validates_against_schema(bundle):
    log = render_sarif(bundle)
    errors = sorted(_validator().iter_errors(log), key=str)
    assert errors == []
    json.dumps(log)  # JSON-ready
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_sarif_validates_for_big_and_sparse_bundles(bundle):
    validator = _validator()
    assert list(validator.iter_errors(render_sarif(_many(bundle, 20, "info")))) == []
    assert list(validator.iter_errors(render_sarif({"findings": [], "documents": []}))) == []


def test_sarif_rules_and_results(bundle):
    run = render_sarif(bundle)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "claim-audit" and driver["version"] == "0.1.0"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == bundle["summary"]["checks"]  # one per check that ran, incl. no findings
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["name-variant"]["defaultConfiguration"]["level"] == "error"
    assert rules["quote-drift"]["defaultConfiguration"]["level"] == "warning"
    assert rules["single-source"]["defaultConfiguration"]["level"] == "note"
    assert rules["arithmetic"]["shortDescription"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"

    results = {r["partialFingerprints"]["claimAudit/v1"]: r for r in run["results"]}
    assert set(results) == {f["id"] for f in bundle["findings"]}
    for r in run["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert results["f-deadbeef0001"]["level"] == "note"
    assert results["f-0a1b2c3d4e5f"]["level"] == "warning"

    err = results[ERROR_ID]
    assert err["level"] == "error" and err["ruleId"] == "name-variant"
    assert err["message"]["text"].startswith("'Elena Marchetta' (wire.txt, line 3)")
    loc = err["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "sources/wire.txt"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 45,
        "charOffset": 120,
        "charLength": 15,
        "snippet": {"text": "Elena Marchetta"},
    }
    (related,) = err["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "sources/press%20release.md"
    assert related["physicalLocation"]["region"]["charOffset"] == 72
    assert "Elena Marchetti" in related["message"]["text"]
    assert [r["id"] for r in results["f-77aa88bb99cc"]["relatedLocations"]] == [1, 2]


def test_sarif_suppressions_only_for_accepted(bundle):
    results = render_sarif(bundle)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["partialFingerprints"]["claimAudit/v1"] for r in suppressed] == [ACCEPTED_ID]
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Checked by hand: the weekday is right (ticket #12)",
        }
    ]


# ---------------------------------------------------------------------------------------------
# JUnit


def _suite(xml: str) -> ET.Element:
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "claim-audit"
    return suites[0]


def test_junit_structure(bundle):
    xml = render_junit(bundle)
    assert xml.startswith("<?xml")
    suite = _suite(xml)
    cases = suite.findall("testcase")
    per_check = [c for c in cases if "[accepted" not in c.get("name")]
    assert [c.get("name") for c in per_check] == bundle["summary"]["checks"]
    classes = {c.get("name"): c.get("classname") for c in per_check}
    assert classes["name-variant"] == "audit.name-variant"
    assert classes["arithmetic"] == "audit.arithmetic"

    failing = {c.get("name"): c.find("failure") for c in per_check if c.find("failure") is not None}
    assert set(failing) == {"name-variant", "value-conflict"}
    assert failing["name-variant"].get("type") == "error"
    assert "f-3b9c0d1e2f30" in failing["name-variant"].text
    assert "sources/wire.txt:3:45" in failing["name-variant"].text

    by_name = {c.get("name"): c for c in per_check}
    # warnings/info below fail_on: listed in system-out, not failures
    assert by_name["quote-drift"].find("failure") is None
    assert "f-0a1b2c3d4e5f" in by_name["quote-drift"].find("system-out").text
    assert PAYLOAD_SCRIPT in by_name["single-source"].find("system-out").text
    assert list(by_name["arithmetic"]) == []  # ran, found nothing: a pass

    (waived,) = [c for c in cases if "[accepted" in c.get("name")]
    assert waived.get("name") == f"date-weekday [accepted {ACCEPTED_ID}]"
    assert waived.find("skipped").get("message").startswith("Checked by hand")
    assert by_name["date-weekday"].find("failure") is None  # the accepted error does not fail

    assert suite.get("tests") == str(len(cases))
    assert (
        suite.get("failures") == "2" and suite.get("skipped") == "1" and suite.get("errors") == "0"
    )
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["run.verdict"] == "fail" and props["run.fail_on"] == "error"


def test_junit_fail_on_threshold(bundle):
    bundle["run"]["fail_on"] = "warning"
    suite = _suite(render_junit(bundle))
    failing = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert failing == {
        "name-variant",
        "value-conflict",
        "list-mismatch",
        "count-vs-list",
        "quote-drift",
    }
    bundle["run"]["fail_on"] = "info"
    suite = _suite(render_junit(bundle))
    failing = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert "single-source" in failing


def test_junit_checks_from_findings_and_odd_characters(bundle):
    del bundle["summary"]["checks"]
    bundle["findings"][0]["message"] = 'bad \x00 ctrl \x1b chars & "quotes" <x> ]]>'
    suite = _suite(render_junit(bundle))
    names = [c.get("name") for c in suite.findall("testcase") if "[accepted" not in c.get("name")]
    assert names == list(dict.fromkeys(f["check"] for f in bundle["findings"]))
    failure = suite.find("testcase[@name='name-variant']/failure")
    assert 'bad \ufffd ctrl \ufffd chars & "quotes" <x> ]]>' in failure.text


# ---------------------------------------------------------------------------------------------
# Markdown


def test_markdown_summary(bundle):
    md = render_markdown(bundle)
    assert md.splitlines()[0] == "## \u274c claim-audit: **FAIL**"
    assert "Fails on **error** and above" in md
    assert "| error | 2 |" in md and "| warning | 3 |" in md and "| info | 1 |" in md
    assert "Accepted (waived): 1" in md and "stale waivers: 1" in md
    rows = [line for line in md.splitlines() if line.startswith("| error |") and "name" in line]
    assert rows and "sources/wire.txt:3" in rows[0] and "sources/press release.md:3" in rows[0]
    assert "f-0ld0ld0ld00" in md
    assert ACCEPTED_ID not in md and "March 3, 2025 is a Monday" not in md  # accepted: not listed


def _cells(row: str) -> int:
    """Number of table cells in a GFM row: unescaped pipes minus one."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_escaping(bundle):
    bundle["findings"][0]["message"] = (
        "a | b `code` <b>bold</b> *em* _u_ [link](x) @octocat\nnext & ~s~"
    )
    md = render_markdown(bundle)
    assert "<b>" not in md and "<script" not in md and "<img" not in md
    finding_rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    table = [r for r in finding_rows if r.count("|") > 3 and not r.startswith("| Severity")]
    for row in table:
        if _cells(row) > 2:
            assert _cells(row) == 5, row  # severity, check, confidence, finding, evidence
    row = next(r for r in table if "octocat" in r)
    assert "a \\| b \\`code\\` &lt;b&gt;bold&lt;/b&gt; \\*em\\* \\_u\\_ \\[link\\](x)" in row
    assert "@\u2060octocat next &amp; \\~s\\~" in row  # no mention, no line break
    assert md_escape("# title") == "\\# title" and md_escape("1. item") == "1\\. item"
    assert md_escape("x" * 500, limit=10) == "x" * 9 + "\u2026"


def test_markdown_top_twenty(bundle):
    md = render_markdown(_many(bundle, 30, "warning"))
    assert "### Top 20 of 36 findings" in md
    rows = [line for line in md.splitlines() if re.match(r"\| (error|warning|info) \| \S", line)]
    rows = [r for r in rows if _cells(r) == 5]
    assert len(rows) == 20
    assert rows[0].startswith("| error |") and rows[1].startswith("| error |")


# ---------------------------------------------------------------------------------------------
# GitHub annotations


def _unescape(value: str) -> str:
    return (
        value.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_github_escaping_rules():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("%0A literal") == "%250A literal"  # no double meaning


def test_github_annotations(bundle):
    f = bundle["findings"][0]
    f["message"] = "line one\nline two: 50% off, really\r\nend"
    f["check"] = "name-variant: x, y"
    f["evidence"][0]["path"] = "sources/a,b:c.txt"
    out = render_github(bundle)
    lines = out.splitlines()
    assert out.endswith("\n") and len(lines) == 6  # 7 findings, 1 accepted, under the cap
    first = lines[0]
    assert first == (
        "::error file=sources/a%2Cb%3Ac.txt,line=3,col=45,title=name-variant%3A x%2C y"
        "::line one%0Aline two: 50%25 off, really%0D%0Aend"
    )
    head, message = first.split("::", 2)[1:]
    assert _unescape(message) == f["message"]
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert _unescape(props["file"]) == "sources/a,b:c.txt"
    assert _unescape(props["title"]) == "name-variant: x, y"
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error",
        "::error",
        "::warning",
        "::warning",
        "::warning",
        "::notice",
    ]
    assert ACCEPTED_ID not in out and "March 3, 2025 is a Monday" not in out


def test_github_cap_and_final_notice(bundle):
    out = render_github(bundle, cap=2, report_path="out/report.html")
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error ") and lines[1].startswith("::error ")
    assert lines[2].startswith("::notice title=claim-audit::4 more finding(s)")
    assert lines[2].endswith("out/report.html")
    assert render_github({"findings": []}) == ""


def test_github_finding_without_evidence():
    bundle = {"findings": [{"id": "f-1", "check": "integrity", "severity": "info", "message": "m"}]}
    assert render_github(bundle) == "::notice title=integrity::m\n"


# ---------------------------------------------------------------------------------------------
# findings JSON


def test_json_drops_document_bodies(bundle):
    bundle["documents"][0]["title"] = "Caf\u00e9 \u2014 launch"
    before = copy.deepcopy(bundle)
    out = render_json(bundle)
    assert bundle == before  # input untouched
    assert "Caf\u00e9 \u2014 launch" in out  # ensure_ascii=False
    data = json.loads(out)
    assert out == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    for doc, original in zip(data["documents"], bundle["documents"], strict=True):
        assert set(doc) == {"id", "path", "title", "publisher", "url", "published", "chars"}
        assert doc["chars"] == original["chars"]
    assert data["findings"] == json.loads(json.dumps(bundle["findings"]))
    assert data["summary"] == bundle["summary"] and data["run"] == bundle["run"]
    assert data["schema_version"] == "1.0"


# ---------------------------------------------------------------------------------------------
# writing


def test_formats_table():
    assert {name: filename for name, (_fn, filename) in FORMATS.items()} == {
        "json": "findings.json",
        "html": "report.html",
        "junit": "junit.xml",
        "sarif": "findings.sarif",
        "md": "summary.md",
        "github": "annotations.txt",
    }


def test_write_reports(bundle, tmp_path):
    out = tmp_path / "reports"
    paths = write_reports(bundle, out, ["json", "html", "junit", "sarif", "md", "github"])
    assert [p.name for p in paths] == [
        "findings.json",
        "report.html",
        "junit.xml",
        "findings.sarif",
        "summary.md",
        "annotations.txt",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temp files
    assert (out / "report.html").read_text(encoding="utf-8") == render_html(bundle)
    assert json.loads((out / "findings.sarif").read_text()) == render_sarif(bundle)
    assert (out / "findings.json").read_text(encoding="utf-8") == render_json(bundle)
    ET.fromstring((out / "junit.xml").read_bytes())
    # rewriting replaces the files
    bundle["run"]["verdict"] = "pass"
    write_reports(bundle, out, ["md"])
    assert "**PASS**" in (out / "summary.md").read_text(encoding="utf-8")


def test_write_reports_all_or_nothing(bundle, tmp_path, monkeypatch):
    write_reports(bundle, tmp_path, ["md"])
    old = (tmp_path / "summary.md").read_text()
    with pytest.raises(ValueError, match="unknown report format"):
        write_reports(bundle, tmp_path, ["md", "pdf"])

    def boom(_bundle, fh):  # fails half-way through writing its file
        fh.write("<testsuites")
        raise RuntimeError("renderer failed")

    monkeypatch.setitem(report_writer.FORMATS, "junit", (boom, "junit.xml"))
    bundle["run"]["verdict"] = "pass"
    with pytest.raises(RuntimeError):
        write_reports(bundle, tmp_path, ["md", "junit"])
    assert (tmp_path / "summary.md").read_text() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]
