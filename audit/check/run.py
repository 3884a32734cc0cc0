"""The check stage: integrity + consistency suites, waivers, and the run record in DuckDB."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from audit import __version__
from audit.check.candidates import BUILDERS, Candidate
from audit.check.evidence import EvidenceIndex
from audit.check.findings import SEVERITY_ORDER, Finding, fails
from audit.check.reference import load_facts, reference_candidates
from audit.check.suite import judge, load_suite
from audit.check.waivers import load_waivers
from audit.store import Store
from audit.store.rows import insert_rows

MAX_EVIDENCE_PER_VALUE = 8


@dataclass
class CheckResult:
    run_id: str
    findings: list[Finding]
    checks: list[str]
    stale_waivers: list[dict] = field(default_factory=list)
    fail_on: str = "error"

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if not f.accepted and fails(f.severity, self.fail_on)]

    @property
    def verdict(self) -> str:
        return "fail" if self.failing else "pass"


def load_inputs(claims_dir: Path | None, checks_dir: Path | None):
    """Read and validate every user file the checks need, before anything runs."""
    suite, suite_path = load_suite(checks_dir)
    return suite, suite_path, load_facts(claims_dir), load_waivers(checks_dir)


def run_checks(store: Store, claims_dir: Path | None, checks_dir: Path | None,
               fail_on: str = "error", config_hash: str = "", inputs: tuple | None = None
               ) -> CheckResult:
    """``inputs`` is what :func:`load_inputs` returned, when the caller validated them early."""
    suite, suite_path, facts, waivers = inputs or load_inputs(claims_dir, checks_dir)
    con = store.con
    from audit.check.integrity import run_integrity

    findings: list[Finding] = list(run_integrity(con))
    candidates: list[Candidate] = []
    for build in BUILDERS.values():
        candidates.extend(build(con))
    candidates.extend(reference_candidates(con, facts))
    by_cid: dict[str, Candidate] = {}
    for c in candidates:
        if c.cid in by_cid:  # the same finding found twice: one finding, all the evidence
            _merge(by_cid[c.cid], c)
        else:
            by_cid[c.cid] = c
    rows = [{"cid": c.cid, "check": c.check, **c.judged} for c in by_cid.values()]
    rejected = judge(rows, suite, suite_path)
    # one finding per candidate: the most severe expectation that rejected it
    worst: dict[str, object] = {}
    for j in rejected:
        prev = worst.get(j.cid)
        if prev is None or SEVERITY_ORDER[j.severity] > SEVERITY_ORDER[prev.severity]:
            worst[j.cid] = j
    claim_ids = {cl for cid in worst for v in by_cid[cid].values for cl, _ in v["claims"]}
    ev = EvidenceIndex(con, claim_ids)
    for cid in sorted(worst, key=lambda c: (by_cid[c].check, json.dumps(by_cid[c].key,
                                                                       default=str))):
        j, cand = worst[cid], by_cid[cid]
        findings.append(_finding(cand, j.severity, j.cls, j.expectation, ev))
    findings.sort(key=lambda f: (-SEVERITY_ORDER.get(f.severity, 0), f.cls, f.fingerprint))
    # waivers
    waived = {w.fingerprint: w for w in waivers}
    seen = set()
    for f in findings:
        w = waived.get(f.fingerprint)
        if w:
            f.accepted, f.waiver_reason = True, w.reason
            seen.add(w.fingerprint)
    stale = [{"fingerprint": w.fingerprint, "reason": w.reason} for w in waivers
             if w.fingerprint not in seen]
    checks = sorted({e["meta"]["check"] for e in suite["expectations"]} | {"integrity"})
    result = CheckResult("", findings, checks, stale, fail_on)
    result.run_id = _store_run(store, result, config_hash)
    return result


def _merge(into: Candidate, other: Candidate) -> None:
    labels = {v["value"]: v for v in into.values}
    for v in other.values:
        if v["value"] in labels:
            labels[v["value"]]["claims"] = labels[v["value"]]["claims"] + v["claims"]
        else:
            into.values.append(v)


def _finding(cand: Candidate, severity: str, cls: str, expectation: str,
             ev: EvidenceIndex) -> Finding:
    evidence = []
    values = []
    parts = []
    for v in cand.values:
        items = []
        for claim_id, roles in v["claims"]:
            items.extend(ev.first(claim_id, roles, v["value"]))
        docs = sorted({e.document_id for e in items})
        values.append({"value": v["value"], "documents": docs})
        evidence.extend(items[:MAX_EVIDENCE_PER_VALUE])
        where = "; ".join(dict.fromkeys(ev.locate(e) for e in items[:4]))
        more = f" and {len(items) - 4} more" if len(items) > 4 else ""
        parts.append(f"'{_short(v['value'])}'" + (f" ({where}{more})" if where else ""))
    message = f"{cand.headline}: " + " vs ".join(parts)
    details = dict(cand.details)
    details["expectation"] = expectation
    return Finding(check=cand.check, cls=cls, severity=severity, message=message,
                   key=cand.key, evidence=evidence, values=values, details=details)


def _short(s: str, n: int = 90) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _store_run(store: Store, result: CheckResult, config_hash: str) -> str:
    con = store.con
    docs = [r[0] for r in con.execute(
        "SELECT DISTINCT document_id FROM document_paths ORDER BY 1").fetchall()]
    doc_set = hashlib.sha256(",".join(docs).encode()).hexdigest()[:16]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction():
        seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM runs").fetchone()[0]
        run_id = f"r{seq:05d}-{doc_set[:8]}"
        con.execute("""INSERT INTO runs (run_id, seq, started_at, tool_version, config_hash,
                                         document_set, documents, fail_on, verdict, checks,
                                         stale_waivers)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [run_id, seq, now, __version__, config_hash, doc_set, len(docs),
                     result.fail_on, result.verdict, result.checks,
                     json.dumps(result.stale_waivers, sort_keys=True)])
        insert_rows(con, "findings", [{
            "run_id": run_id, "finding_id": f.fingerprint, "seq": i, "check_name": f.check,
            "class": f.cls, "severity": f.severity, "message": f.message,
            "accepted": f.accepted, "waiver_reason": f.waiver_reason,
            "details": json.dumps({"values": f.values, **f.details}, sort_keys=True,
                                  ensure_ascii=False, default=str),
        } for i, f in enumerate(_unique(result.findings))])
        insert_rows(con, "finding_evidence", [{
            "run_id": run_id, "finding_id": f.fingerprint, "seq": k,
            "document_id": e.document_id, "claim_id": e.claim_id, "span_id": e.span_id,
            "start_char": e.start, "end_char": e.end, "exact": e.exact, "value": e.value,
        } for f in _unique(result.findings) for k, e in enumerate(f.evidence)])
    return run_id


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            out.append(f)
    return out
