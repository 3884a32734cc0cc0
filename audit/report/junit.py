"""JUnit XML output for CI test-report views.

Layout (one ``<testsuites>`` root holding one ``<testsuite name="claim-audit">``):

* one ``<testcase classname="audit.<class>" name="<check>">`` per check that ran: the checks in
  ``bundle["summary"]["checks"]`` when the bundle lists them, else every check with a finding;
* open findings at or above the run's ``fail_on`` severity make that testcase fail: one
  ``<failure type="<highest severity>" message="N finding(s) ...">`` whose text lists them;
* open findings below ``fail_on`` do not fail it: they are listed in the testcase's
  ``<system-out>``, one per line (``[warning] f-... message`` plus evidence lines);
* each accepted (waived) finding is its own testcase, ``name="<check> [accepted <id>]"``, holding
  ``<skipped message="<waiver reason>">`` — so waivers show up as skipped tests and the per-check
  testcase keeps its pass/fail meaning.

Characters XML 1.0 cannot carry (control characters) are replaced with U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from audit.report.bundle import Finding, ReportBundle, Tool
from audit.report.location import where
from audit.severity import SEVERITIES, at_least, rank

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _x(value: Any) -> str:
    return _XML_INVALID.sub("\ufffd", "" if value is None else str(value))


def _describe(f: Finding) -> str:
    lines = [f"[{f.get('severity', '')}] {f.get('id', '')} {f.get('message', '')}"]
    for ev in f.get("evidence") or []:
        loc = where(ev)
        if ev.get("page") is None and ev.get("line") is not None and ev.get("column") is not None:
            loc += f":{ev['column']}"
        lines.append(f"    {loc}: {ev.get('exact', '')!r}")
    return "\n".join(lines)


class _Case:
    """What one check's testcase needs, kept as text so findings need not stay in memory."""

    def __init__(self) -> None:
        self.cls: str | None = None
        self.failing: list[str] = []
        self.first_failing = ""
        self.top_rank = len(SEVERITIES)  # the rank of the most severe failing finding
        self.top_severity = ""
        self.below: list[str] = []
        self.accepted: list[tuple[str, str, str]] = []  # (id, reason, description)


def render_junit(bundle: ReportBundle) -> str:
    """Return the JUnit XML document as a string (with XML declaration)."""
    findings = bundle.get("findings") or []
    run = bundle.get("run") or {}
    fail_on = str(run.get("fail_on") or "error")
    if fail_on not in SEVERITIES:  # "never" still shows errors as failures here
        fail_on = "error"

    checks: list[str] = [str(c) for c in (bundle.get("summary") or {}).get("checks") or []]
    cases: dict[str, _Case] = {c: _Case() for c in checks}
    for f in findings:  # one pass: a stream of findings is read once
        check = str(f.get("check", ""))
        case = cases.setdefault(check, _Case())
        if case.cls is None and f.get("class"):
            case.cls = str(f.get("class"))
        if f.get("accepted"):
            case.accepted.append((str(f.get("id", "")), f.get("waiver_reason") or "",
                                  _describe(f)))
            continue
        if at_least(f.get("severity"), fail_on):
            if not case.failing:
                case.first_failing = str(f.get("message", ""))[:200]
            if rank(f.get("severity")) < case.top_rank:
                case.top_rank, case.top_severity = rank(f.get("severity")), str(f.get("severity"))
            case.failing.append(_describe(f))
        else:
            case.below.append(_describe(f))

    suite = ET.Element("testsuite", name="claim-audit")
    props = ET.SubElement(suite, "properties")
    for key in ("id", "started_at", "fail_on", "verdict", "config_hash"):
        if run.get(key) is not None:
            ET.SubElement(props, "property", name=f"run.{key}", value=_x(run[key]))
    tool: Tool = bundle.get("tool") or {"name": "claim-audit", "version": ""}
    ET.SubElement(props, "property", name="tool.version", value=_x(tool.get("version", "")))

    tests = failures = skipped = 0
    for check, item in cases.items():
        cls = item.cls or check
        element = ET.SubElement(suite, "testcase", classname=_x(f"audit.{cls}"), name=_x(check))
        element.set("time", "0")
        tests += 1
        if item.failing:
            failures += 1
            failure = ET.SubElement(
                element,
                "failure",
                message=_x(
                    f"{len(item.failing)} finding(s) at or above "
                    f"'{run.get('fail_on', 'error')}': " + item.first_failing
                ),
                type=_x(item.top_severity),
            )
            failure.text = _x("\n".join(item.failing))
        if item.below:
            out = ET.SubElement(element, "system-out")
            out.text = _x("\n".join(item.below))
        for fid, reason, description in item.accepted:
            tests += 1
            skipped += 1
            waived = ET.SubElement(
                suite,
                "testcase",
                classname=_x(f"audit.{cls}"),
                name=_x(f"{check} [accepted {fid}]"),
            )
            waived.set("time", "0")
            skip = ET.SubElement(waived, "skipped", message=_x(reason or "accepted finding"))
            skip.text = _x(description)

    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", "0")
    if run.get("started_at"):
        # JUnit's timestamp is an ISO 8601 local time without zone designator
        suite.set("timestamp", _x(str(run["started_at"]).removesuffix("Z")))
    root = ET.Element(
        "testsuites",
        name="claim-audit",
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
        time="0",
    )
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
