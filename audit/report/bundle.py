"""The report bundle's shape: what ``audit.check.export.build_bundle`` hands every renderer.

Its keys are the findings JSON contract (``schema_version`` "1.1", README "The findings JSON")
plus, for the renderers only, each document's text, zones and claim spans (the HTML document
view) and ``classes`` (the report's class order and descriptions, from the check modules).
Renderers read it with ``.get`` and defaults, so a partial bundle (a test's) renders too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict


class Tool(TypedDict):
    name: str
    version: str
    information_uri: NotRequired[str]  # SARIF's driver.informationUri, when given


class RunInfo(TypedDict, total=False):
    id: str
    started_at: str
    fail_on: str
    verdict: str
    config_hash: str


class Summary(TypedDict, total=False):
    total: int
    by_severity: dict[str, int]
    by_class: dict[str, int]
    accepted: int
    failing: int
    stale_waivers: list[dict[str, str]]
    checks: list[str]


class Document(TypedDict, total=False):
    id: str
    path: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    chars: int
    text: str  # the HTML document view only, as are zones and claims
    zones: list[dict[str, Any]]
    claims: list[dict[str, Any]]


class Evidence(TypedDict, total=False):
    document_id: str
    path: str | None
    start: int
    end: int
    line: int | None
    page: int | None  # PDF sources only
    column: int | None
    exact: str
    value: str | None
    claim_id: str | None
    before: str
    after: str


# One finding as the stream yields it ("class" is a keyword, hence the functional form).
Finding = TypedDict("Finding", {
    "id": str, "check": str, "class": str, "severity": str, "message": str, "accepted": bool,
    "waiver_reason": str | None, "confidence": float | None,
    "values": list[dict[str, Any]], "details": dict[str, Any],
    "evidence": list[Evidence]}, total=False)


class ClassInfo(TypedDict):
    name: str
    description: str


class ReportBundle(TypedDict, total=False):
    schema_version: str
    tool: Tool
    run: RunInfo
    summary: Summary
    documents: list[Document]
    findings: Iterable[Finding]  # a FindingStream: read again on each iteration
    classes: list[ClassInfo]
