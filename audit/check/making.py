"""Findings made from judged candidates, and their rows in the store: the part of the check
that both engines run, the DuckDB engine in this process (``run._Sink``), the Spark engine in
its executors (``audit/engine/sparkcheck.py``), so a finding, its fingerprint, severity,
message and evidence are the same whichever engine made them.

Pure: a candidate, the expectation that rejected it, and the spans of its claims
(``EvidenceIndex``) in; a :class:`Finding` and its ``findings`` / ``finding_evidence`` rows out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from audit.check.candidates import Candidate
from audit.check.confidence import THRESHOLDS, Side, confidence, severity_for
from audit.check.findings import Finding
from audit.severity import rank

if TYPE_CHECKING:
    from audit.check.evidence import EvidenceIndex
    from audit.check.suite import Judgement

MAX_EVIDENCE_PER_VALUE = 8
# json.dumps(..., sort_keys=True, ensure_ascii=False, default=str), one encoder for every row
_ROW_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def worst(rejected: Iterable[Judgement]) -> dict[str, Judgement]:
    """Per rejected candidate, the most severe expectation that rejected it (the first one
    of equal severity)."""
    out: dict[str, Judgement] = {}
    for j in rejected:
        prev = out.get(j.cid)
        if prev is None or rank(j.severity) < rank(prev.severity):
            out[j.cid] = j
    return out


def claim_ids(cand: Candidate) -> list[str]:
    """The claims whose spans a candidate's finding shows (each once, in order)."""
    return list(dict.fromkeys(cl for v in cand.values for cl, _ in v["claims"]))


@dataclass(frozen=True)
class Making:
    """What turns a rejected candidate into the run's rows: the run, the waivers (fingerprint
    -> reason), the lowest confidence kept and the confidence thresholds of the suite.
    Picklable: the Spark engine sends it to its executors."""

    run_id: str
    waived: dict[str, str] = field(default_factory=dict)
    min_confidence: float = 0.0
    limits: dict[str, float] = field(default_factory=lambda: dict(THRESHOLDS))

    def finding(self, cand: Candidate, j: Judgement, ev: EvidenceIndex) -> Finding:
        """The finding of ``cand`` as judged by ``j``, its evidence from ``ev``."""
        evidence = []
        values = []
        parts = []
        sides = []
        for v in cand.values:
            items = []
            for claim_id, roles in v["claims"]:
                items.extend(ev.first(claim_id, roles, v["value"]))
            docs = sorted({e.document_id for e in items})
            values.append({"value": v["value"], "documents": docs})
            sides.append(Side(frozenset(docs), frozenset(
                ev.zone[c] for c, _ in v["claims"] if c in ev.zone)))
            evidence.extend(items[:MAX_EVIDENCE_PER_VALUE])
            where = "; ".join(dict.fromkeys(ev.locate(e) for e in items[:4]))
            more = f" and {len(items) - 4} more" if len(items) > 4 else ""
            parts.append(f"'{_short(v['value'])}'" + (f" ({where}{more})" if where else ""))
        message = f"{cand.headline}: " + " vs ".join(parts)
        details = dict(cand.details)
        details["expectation"] = j.expectation
        score = confidence(j.cls, sides, details)
        demoted = severity_for(j.severity, score, self.limits)
        if demoted != j.severity:
            details["judged_severity"] = j.severity  # what the suite said before confidence
        f = Finding(check=cand.check, cls=j.cls, severity=demoted, message=message,
                    key=cand.key, evidence=evidence, values=values, details=details,
                    confidence=score)
        known = cand.__dict__.get("_fingerprint")  # hashed with the candidate's id (``cid``)
        if known is not None:
            f.__dict__["fingerprint"] = known
        return f

    def admit(self, f: Finding) -> bool:
        """Whether the run keeps ``f`` (integrity findings whatever their confidence); a
        waived one is marked accepted with the waiver's reason."""
        if f.confidence < self.min_confidence and f.cls != "integrity":
            return False
        reason = self.waived.get(f.fingerprint)
        if reason is not None:
            f.accepted, f.waiver_reason = True, reason
        return True

    def finding_row(self, f: Finding) -> dict:
        """``f`` as a ``findings`` row (``seq`` 0: the run numbers its findings at the end)."""
        return {"run_id": self.run_id, "finding_id": f.fingerprint, "seq": 0,
                "check_name": f.check, "class": f.cls, "severity": f.severity,
                "message": f.message, "accepted": f.accepted,
                "waiver_reason": f.waiver_reason, "details": _details(f)}

    def evidence_rows(self, f: Finding) -> list[dict]:
        """``f``'s evidence as ``finding_evidence`` rows, in order."""
        return [{"run_id": self.run_id, "finding_id": f.fingerprint, "seq": k,
                 "document_id": e.document_id, "claim_id": e.claim_id, "span_id": e.span_id,
                 "start_char": e.start, "end_char": e.end, "exact": e.exact, "value": e.value}
                for k, e in enumerate(f.evidence)]

    def finding_columns(self, findings: list[Finding]) -> dict[str, list]:
        """:meth:`finding_row` of each finding, as columns (``rows.insert_columns``)."""
        n = len(findings)
        return {"run_id": [self.run_id] * n, "finding_id": [f.fingerprint for f in findings],
                "seq": [0] * n, "check_name": [f.check for f in findings],
                "class": [f.cls for f in findings], "severity": [f.severity for f in findings],
                "message": [f.message for f in findings],
                "accepted": [f.accepted for f in findings],
                "waiver_reason": [f.waiver_reason for f in findings],
                "details": [_details(f) for f in findings]}

    def evidence_columns(self, findings: list[Finding]) -> dict[str, list]:
        """:meth:`evidence_rows` of each finding, as columns."""
        items = [(f.fingerprint, k, e) for f in findings for k, e in enumerate(f.evidence)]
        return {"run_id": [self.run_id] * len(items),
                "finding_id": [fp for fp, _, _ in items], "seq": [k for _, k, _ in items],
                "document_id": [e.document_id for _, _, e in items],
                "claim_id": [e.claim_id for _, _, e in items],
                "span_id": [e.span_id for _, _, e in items],
                "start_char": [e.start for _, _, e in items],
                "end_char": [e.end for _, _, e in items],
                "exact": [e.exact for _, _, e in items],
                "value": [e.value for _, _, e in items]}


def _details(f: Finding) -> str:
    """The ``details`` JSON of ``f``'s row: its values, details and confidence."""
    return _ROW_JSON.encode({"values": f.values, **f.details, "confidence": f.confidence})


def _short(s: str, n: int = 90) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"
