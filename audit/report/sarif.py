"""SARIF 2.1.0 output (GitHub code scanning and other SARIF viewers).

One run; one rule per check; one result per finding. The first evidence row is the result's
location, the others are ``relatedLocations``. Offsets are code points into the stored document
text, so the run declares ``columnKind: unicodeCodePoints``. Accepted findings stay in the log
with an external, accepted suppression carrying the waiver reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from audit.report import location
from audit.report.bundle import Evidence, Finding, ReportBundle, Tool
from audit.severity import rank

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "claimAudit/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

def render_sarif(bundle: ReportBundle) -> dict[str, Any]:
    """Return the SARIF log as a JSON-ready dict."""
    log, results = sarif_log(bundle)
    log["runs"][0]["results"] = list(results)
    return log


def sarif_log(bundle: ReportBundle) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The SARIF log with an empty ``results`` list, and the results as a lazy iterator (so a
    writer can stream a large run: the findings are read once for the rules, once for results).
    """
    tool: Tool = bundle.get("tool") or {"name": "claim-audit", "version": ""}
    run_info = bundle.get("run") or {}
    findings = bundle.get("findings") or []
    summary = bundle.get("summary") or {}

    descriptions = {str(c.get("name")): str(c.get("description"))
                    for c in bundle.get("classes") or []}
    checks: list[str] = [str(c) for c in summary.get("checks") or []]
    check_class: dict[str, str] = {}
    check_level: dict[str, str] = {}
    for f in findings:
        check = str(f.get("check", ""))
        if check not in checks:
            checks.append(check)
        check_class.setdefault(check, str(f.get("class") or check))
        sev = str(f.get("severity", "warning"))
        if rank(sev) < rank(check_level.get(check, "")):
            check_level[check] = sev
    rule_index = {check: i for i, check in enumerate(checks)}
    rules = []
    for check in checks:
        cls = check_class.get(check, check)
        rules.append(
            {
                "id": check,
                "name": _rule_name(check),
                "shortDescription": {
                    "text": descriptions.get(cls, f"claim-audit check {check}")
                },
                "defaultConfiguration": {
                    "level": LEVELS.get(check_level.get(check, ""), "warning")
                },
                "properties": {"class": cls},
            }
        )

    driver: dict[str, Any] = {
        "name": str(tool.get("name") or "claim-audit"),
        "version": str(tool.get("version") or "0"),
        "rules": rules,
    }
    if tool.get("information_uri"):
        driver["informationUri"] = str(tool.get("information_uri"))

    results = (_result(f, rule_index) for f in findings)
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [],
        "properties": {
            "runId": str(run_info.get("id", "")),
            "failOn": str(run_info.get("fail_on", "")),
            "verdict": str(run_info.get("verdict", "")),
            "configHash": str(run_info.get("config_hash", "")),
        },
    }
    if run_info.get("started_at"):
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "startTimeUtc": str(run_info["started_at"]),
            }
        ]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, results


def _rule_name(check: str) -> str:
    """PascalCase name for a rule id (SARIF suggests an identifier-like name)."""
    return (
        "".join(p[:1].upper() + p[1:] for p in check.replace("_", "-").split("-") if p) or "Check"
    )


def _location(ev: Evidence) -> dict[str, Any]:
    region: dict[str, Any] = {}
    if (line := ev.get("line")) is not None:
        region["startLine"] = max(1, int(line))
        if (column := ev.get("column")) is not None:
            region["startColumn"] = max(1, int(column))
    if ev.get("start") is not None:
        region["charOffset"] = max(0, int(ev["start"]))
        if ev.get("end") is not None:
            region["charLength"] = max(0, int(ev["end"]) - int(ev["start"]))
    exact = ev.get("exact")
    if exact is not None:
        region["snippet"] = {"text": str(exact)}
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(str(ev.get("path") or ev.get("document_id") or ""))}
    }
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    check = str(f.get("check", ""))
    result: dict[str, Any] = {
        "ruleId": check,
        "ruleIndex": rule_index[check],
        "level": LEVELS.get(str(f.get("severity", "")), "warning"),
        "message": {"text": str(f.get("message") or check)},
        "partialFingerprints": {FINGERPRINT_KEY: str(f.get("id", ""))},
        "properties": {"class": str(f.get("class") or check)},
    }
    confidence = f.get("confidence")
    if isinstance(confidence, int | float):  # SARIF rank: 0-100, higher = surer
        result["rank"] = round(float(confidence) * 100, 1)
    evidence = f.get("evidence") or []
    if evidence:
        result["locations"] = [_location(evidence[0])]
        related = []
        for i, ev in enumerate(evidence[1:], start=1):
            loc = _location(ev)
            loc["id"] = i
            where = location.where(ev, sep=" line ")
            value = ev.get("value") if ev.get("value") is not None else ev.get("exact")
            loc["message"] = {"text": f"'{value}' ({where})" if value is not None else where}
            related.append(loc)
        if related:
            result["relatedLocations"] = related
    if f.get("accepted"):
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
        if f.get("waiver_reason"):
            suppression["justification"] = str(f["waiver_reason"])
        result["suppressions"] = [suppression]
    return result
