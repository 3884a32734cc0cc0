"""A synthetic report bundle shared by the report tests (``make_bundle``), and checks that it
keeps the bundle contract itself (offsets, exact text, line/column), so the renderer tests run on
realistic input.

The documents are fictional and written for these tests. One of them carries HTML/JS injection
payloads in its text, in a claim label and in a finding.
"""

from __future__ import annotations

import copy

from audit.check.checks import classes

WIRE = (
    "Harbor City and Lakeside University launch $45 million quantum partnership\n"
    "\n"
    "HARBOR CITY, March 3, 2025 (Monday) - Mayor Elena Marchetta and Lakeside University "
    "president Tomas Varga announced a $45 million research partnership on Monday. "
    "The programme is funded by Orbital Systems, Kestrel Labs and Northwind Bank.\n"
    "\n"
    '"We are committed to building the quantum workforce of this region," Marchetta said.\n'
    "\n"
    "Three companies back the effort, the statement said.\n"
    "\n"
    "Related: Harbor City budget hearing moves to April\n"
)

RELEASE = (
    "Lakeside University and Harbor City announce quantum partnership\n"
    "\n"
    "Mayor Elena Marchetti and President Tomas Varga signed the agreement on March 3, 2025. "
    "Private funding of $54 million comes from Orbital Systems, Kestrel Labs, Northwind Bank "
    "and Pellucid Analytics.\n"
    "\n"
    '"We are determined to build the quantum workforce of the whole region," Marchetti said.\n'
    "\n"
    "Press contact: press@lakeside.example\n"
)

BLOG = (
    "Notes from the Harbor City quantum launch\n"
    "\n"
    "By a guest writer\n"
    "\n"
    "The partnership between Harbor City and Lakeside University is worth $45 million, "
    "backed by Orbital Systems and Kestrel Labs.\n"
    "\n"
    "Comments (2)\n"
    "visitor: <script>window.__pwned=1</script> nice!\n"
    'other: <img src=x onerror="window.__pwned=2"> & </textarea> "quoted" \'single\'\n'
)

PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=2">'
PAYLOAD_TEXTAREA = "</textarea>"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def find(text: str, exact: str, occurrence: int = 0) -> int:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.index(exact, pos + 1)
    return pos


def _doc(doc_id, path, title, publisher, url, published, text, zones, claims):
    return {
        "id": doc_id,
        "path": path,
        "title": title,
        "publisher": publisher,
        "url": url,
        "published": published,
        "chars": len(text),
        "text": text,
        "zones": zones,
        "claims": claims,
    }


def _claim(claim_id, kind, label, text, exact, occurrence=0, role="value", extra=()):
    start = find(text, exact, occurrence)
    spans = [{"start": start, "end": start + len(exact), "role": role}]
    for ex, occ, r in extra:
        s = find(text, ex, occ)
        spans.append({"start": s, "end": s + len(ex), "role": r})
    return {"id": claim_id, "kind": kind, "label": label, "spans": spans}


def _zones(text, *parts):
    """Zones from (kind, first_line_text, last_line_text) triples, in order; body elsewhere."""
    zones = []
    pos = 0
    for kind, first, last in parts:
        start = text.index(first, pos)
        end = text.index(last, start) + len(last)
        if start > pos:
            zones.append({"kind": "body", "start": pos, "end": start})
        zones.append({"kind": kind, "start": start, "end": end})
        pos = end
    if pos < len(text):
        zones.append({"kind": "body", "start": pos, "end": len(text)})
    return zones


def _ev(doc, exact, occurrence=0, value=None, claim_id=None, start=None):
    text = doc["text"]
    if start is None:
        start = find(text, exact, occurrence)
    end = start + len(exact)
    line, column = line_col(text, start)
    return {
        "document_id": doc["id"],
        "path": doc["path"],
        "start": start,
        "end": end,
        "line": line,
        "column": column,
        "exact": exact,
        "value": exact if value is None else value,
        "claim_id": claim_id,
        "before": text[max(0, start - 80) : start],
        "after": text[end : end + 80],
    }


def make_bundle() -> dict:
    """A realistic bundle: 3 documents, 7 findings (one accepted), several classes."""
    wire = _doc(
        "d-1a2b3c4d5e6f",
        "sources/wire.txt",
        "Harbor City and Lakeside University launch $45 million quantum partnership",
        "Coastal Wire Service",
        "https://news.example/wire/quantum-partnership",
        "2025-03-03",
        WIRE,
        _zones(
            WIRE,
            ("title", "Harbor City and", "partnership"),
            ("quote", '"We are committed', "Marchetta said."),
            ("boilerplate", "Related:", "April"),
        ),
        [
            _claim("c-w1", "money", "amount = 45000000 USD", WIRE, "$45 million", 1),
            _claim("c-w2", "person", "mayor = Elena Marchetta", WIRE, "Mayor Elena Marchetta"),
            # nested inside c-w2
            _claim("c-w3", "person", 'person = "Elena Marchetta" <name>', WIRE, "Elena Marchetta"),
            _claim(
                "c-w4",
                "org_list",
                "funders = {Orbital Systems, Kestrel Labs, Northwind Bank}",
                WIRE,
                "Orbital Systems, Kestrel Labs and Northwind Bank",
            ),
            # overlaps c-w4 partially: "funded by Orbital Systems"
            _claim("c-w5", "topic_list", "relation = funded by", WIRE, "funded by Orbital Systems"),
            _claim("c-w6", "date", "date = 2025-03-03 (Monday)", WIRE, "March 3, 2025 (Monday)"),
            _claim(
                "c-w7",
                "quote",
                "quote by Elena Marchetta",
                WIRE,
                "We are committed to building the quantum workforce of this region,",
            ),
            _claim("c-w8", "count", "count = 3 companies", WIRE, "Three companies"),
            _claim("c-w9", "money", "amount = 45000000 USD (title)", WIRE, "$45 million"),
        ],
    )
    release = _doc(
        "d-9f8e7d6c5b4a",
        "sources/press release.md",
        "Lakeside University and Harbor City announce quantum partnership",
        "Lakeside University",
        "https://lakeside.example/news/quantum",
        "2025-03-03",
        RELEASE,
        _zones(
            RELEASE,
            ("title", "Lakeside University and", "partnership"),
            ("quote", '"We are determined', "Marchetti said."),
            ("boilerplate", "Press contact:", "example"),
        ),
        [
            _claim("c-r1", "person", "mayor = Elena Marchetti", RELEASE, "Elena Marchetti"),
            _claim("c-r2", "money", "amount = 54000000 USD", RELEASE, "$54 million"),
            _claim(
                "c-r3",
                "org_list",
                "funders = {Orbital Systems, Kestrel Labs, Northwind Bank, Pellucid Analytics}",
                RELEASE,
                "Orbital Systems, Kestrel Labs, Northwind Bank and Pellucid Analytics",
            ),
            _claim(
                "c-r4",
                "quote",
                "quote by Elena Marchetti",
                RELEASE,
                "We are determined to build the quantum workforce of the whole region,",
            ),
            _claim("c-r5", "date", "date = 2025-03-03", RELEASE, "March 3, 2025"),
        ],
    )
    blog = _doc(
        "d-5566778899aa",
        "sources/blog.html",
        'Notes from the <b>launch</b> "blog"',
        "Guest <Blog> & Co",
        "https://blog.example/?a=1&b=<2>",
        "2025-03-05",
        BLOG,
        _zones(
            BLOG,
            ("title", "Notes from", "launch"),
            ("byline", "By a guest", "writer"),
            ("boilerplate", "Comments (2)", "'single'"),
        ),
        [
            _claim("c-b1", "money", "amount = 45000000 USD", BLOG, "$45 million"),
            _claim(
                "c-b2",
                "org_list",
                "funders = {Orbital Systems, Kestrel Labs}",
                BLOG,
                "Orbital Systems and Kestrel Labs",
            ),
            _claim(
                "c-b3", "alias", "</mark><script>window.__pwned=3</script>", BLOG, PAYLOAD_SCRIPT
            ),
        ],
    )
    documents = [wire, release, blog]

    findings = [
        {
            "id": "f-3b9c0d1e2f30",
            "check": "name-variant",
            "class": "name-variant",
            "severity": "error",
            "message": (
                "'Elena Marchetta' (wire.txt, line 3) vs 'Elena Marchetti' "
                "(press release.md, line 3)"
            ),
            "accepted": False,
            "waiver_reason": None,
            "values": [
                {"value": "Elena Marchetta", "documents": [wire["id"]]},
                {"value": "Elena Marchetti", "documents": [release["id"]]},
            ],
            "details": {},
            "evidence": [
                _ev(wire, "Elena Marchetta", claim_id="c-w3"),
                _ev(release, "Elena Marchetti", claim_id="c-r1"),
            ],
        },
        {
            "id": "f-77aa88bb99cc",
            "check": "value-conflict",
            "class": "value-conflict",
            "severity": "error",
            "message": "amount: 45000000 USD (wire.txt, blog.html) vs 54000000 USD (press release.md)",
            "accepted": False,
            "waiver_reason": None,
            "values": [
                {"value": "45000000 USD", "documents": [wire["id"], blog["id"]]},
                {"value": "54000000 USD", "documents": [release["id"]]},
            ],
            "details": {"scope": "total private funding"},
            "evidence": [
                _ev(wire, "$45 million", 1, value="45000000 USD", claim_id="c-w1"),
                _ev(release, "$54 million", value="54000000 USD", claim_id="c-r2"),
                _ev(blog, "$45 million", value="45000000 USD", claim_id="c-b1"),
            ],
        },
        {
            "id": "f-0a1b2c3d4e5f",
            "check": "quote-drift",
            "class": "quote-drift",
            "severity": "warning",
            "message": "Quote by Elena Marchetta worded differently in wire.txt and press release.md",
            "accepted": False,
            "waiver_reason": None,
            "values": [
                {"value": "We are committed to building ...", "documents": [wire["id"]]},
                {"value": "We are determined to build ...", "documents": [release["id"]]},
            ],
            "details": {
                "diff": [
                    ["equal", "We are"],
                    ["delete", "committed"],
                    ["insert", "determined"],
                    ["equal", "to"],
                    ["delete", "building"],
                    ["insert", "build"],
                    ["equal", "the quantum workforce of"],
                    ["delete", "this"],
                    ["insert", "the whole"],
                    ["equal", "region,"],
                ]
            },
            "evidence": [
                _ev(wire, "We are committed to building the quantum workforce of this region,"),
                _ev(
                    release, "We are determined to build the quantum workforce of the whole region,"
                ),
            ],
        },
        {
            "id": "f-1122334455ff",
            "check": "list-mismatch",
            "class": "list-mismatch",
            "severity": "warning",
            "message": "funders differ: Pellucid Analytics only in press release.md, Northwind Bank "
            "missing from blog.html",
            "accepted": False,
            "waiver_reason": None,
            "values": [
                {
                    "value": "Orbital Systems, Kestrel Labs, Northwind Bank",
                    "documents": [wire["id"]],
                },
                {
                    "value": "Orbital Systems, Kestrel Labs, Northwind Bank, Pellucid Analytics",
                    "documents": [release["id"]],
                },
                {"value": "Orbital Systems, Kestrel Labs", "documents": [blog["id"]]},
            ],
            "details": {
                "sets": {
                    "both": ["Kestrel Labs", "Orbital Systems"],
                    "only": {
                        wire["id"]: ["Northwind Bank"],
                        release["id"]: ["Northwind Bank", "Pellucid Analytics"],
                        blog["id"]: [],
                    },
                }
            },
            "evidence": [
                _ev(wire, "Orbital Systems, Kestrel Labs and Northwind Bank"),
                _ev(
                    release, "Orbital Systems, Kestrel Labs, Northwind Bank and Pellucid Analytics"
                ),
                _ev(blog, "Orbital Systems and Kestrel Labs"),
            ],
        },
        {
            "id": "f-44556677aabb",
            "check": "count-vs-list",
            "class": "count-vs-list",
            "severity": "warning",
            "message": "count 3 matches the 3 funders listed in wire.txt, but press release.md "
            "lists 4",
            "accepted": False,
            "waiver_reason": None,
            "values": [{"value": "3", "documents": [wire["id"]]}],
            "details": {},
            # evidence that does not start at a claim span start ("companies" inside c-w8)
            "evidence": [_ev(wire, "companies", value="companies")],
        },
        {
            "id": "f-deadbeef0001",
            "check": "single-source",
            "class": "single-source",
            "severity": "info",
            "message": f"Only blog.html mentions {PAYLOAD_SCRIPT} | and {PAYLOAD_IMG} {PAYLOAD_TEXTAREA}",
            "accepted": False,
            "waiver_reason": None,
            "values": [{"value": PAYLOAD_IMG, "documents": [blog["id"]]}],
            "details": {"scope": PAYLOAD_TEXTAREA},
            "evidence": [_ev(blog, PAYLOAD_SCRIPT), _ev(blog, PAYLOAD_IMG)],
        },
        {
            "id": "f-acce97ed0002",
            "check": "date-weekday",
            "class": "date-weekday",
            "severity": "error",
            "message": "March 3, 2025 is a Monday; press release.md gives no weekday",
            "accepted": True,
            "waiver_reason": "Checked by hand: the weekday is right (ticket #12)",
            "values": [{"value": "2025-03-03", "documents": [wire["id"], release["id"]]}],
            "details": {},
            "evidence": [_ev(wire, "March 3, 2025 (Monday)"), _ev(release, "March 3, 2025")],
        },
    ]
    open_ = [f for f in findings if not f["accepted"]]
    by_severity = {"error": 0, "warning": 0, "info": 0}
    by_class: dict[str, int] = {}
    for f in open_:
        by_severity[f["severity"]] += 1
        by_class[f["class"]] = by_class.get(f["class"], 0) + 1
    return {
        "schema_version": "1.0",
        "tool": {"name": "claim-audit", "version": "0.1.0"},
        "run": {
            "id": "r-20251125-0001",
            "started_at": "2026-11-25T14:00:00Z",
            "fail_on": "error",
            "verdict": "fail",
            "config_hash": "c0ffee12",
        },
        "summary": {
            "total": len(open_),
            "by_severity": by_severity,
            "by_class": by_class,
            "accepted": len(findings) - len(open_),
            "stale_waivers": [
                {"fingerprint": "f-0ld0ld0ld00", "reason": "Old <typo> waiver & gone"}
            ],
            "checks": [
                "name-variant",
                "value-conflict",
                "list-mismatch",
                "count-vs-list",
                "quote-drift",
                "date-weekday",
                "arithmetic",
                "single-source",
            ],
        },
        "documents": documents,
        "findings": findings,
        "classes": classes(),  # the check modules' classes, in report order
    }


def bundle_copy() -> dict:
    return copy.deepcopy(make_bundle())


# ---------------------------------------------------------------------------------------------
# the fixture keeps the contract


def test_bundle_evidence_matches_text():
    bundle = make_bundle()
    docs = {d["id"]: d for d in bundle["documents"]}
    for f in bundle["findings"]:
        for ev in f["evidence"]:
            text = docs[ev["document_id"]]["text"]
            assert text[ev["start"] : ev["end"]] == ev["exact"]
            assert (ev["line"], ev["column"]) == line_col(text, ev["start"])
            assert text[: ev["start"]].endswith(ev["before"])
            assert text[ev["end"] :].startswith(ev["after"])


def test_bundle_claims_and_zones_in_range():
    for doc in make_bundle()["documents"]:
        n = len(doc["text"])
        assert doc["chars"] == n
        for z in doc["zones"]:
            assert 0 <= z["start"] < z["end"] <= n
        for c in doc["claims"]:
            for s in c["spans"]:
                assert 0 <= s["start"] < s["end"] <= n


def test_line_col():
    assert line_col("ab\ncd", 0) == (1, 1)
    assert line_col("ab\ncd", 4) == (2, 2)
