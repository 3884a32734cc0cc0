"""Findings: what a check reports, with the evidence that makes it traceable to source text."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from audit.severity import at_least, rank_sql

# Severity order in SQL over ``findings f``: most severe first, unknown severities last.
SEVERITY_RANK_SQL = rank_sql("f.severity")


# json.dumps(..., sort_keys=True, ensure_ascii=False, default=str), without a new encoder per
# call (a fingerprint and a findings row's details are written with it)
_KEY_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class Evidence:
    """One place in one document that supports a finding (a claim's span)."""

    document_id: str
    start: int
    end: int
    exact: str
    value: str | None = None
    claim_id: str | None = None
    span_id: str | None = None


@dataclass
class Finding:
    check: str
    cls: str
    severity: str
    message: str
    key: Any  # what makes the finding itself: hashed into the fingerprint (no offsets, no ids)
    evidence: list[Evidence] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)  # [{"value": ..., "documents": [...]}]
    details: dict = field(default_factory=dict)
    accepted: bool = False
    waiver_reason: str | None = None
    confidence: float = 1.0  # see audit/check/confidence.py

    @functools.cached_property
    def fingerprint(self) -> str:
        """Stable across runs and unrelated edits: hashes the check and the finding's key
        (entity, values, comparison key), never offsets or document versions."""
        blob = _KEY_JSON.encode([self.check, self.key])
        return "f" + hashlib.sha256(blob.encode()).hexdigest()[:16]


def fails(severity: str, fail_on: str) -> bool:
    """Whether a finding of ``severity`` reaches the ``--fail-on`` threshold."""
    return fail_on != "never" and at_least(severity, fail_on)
