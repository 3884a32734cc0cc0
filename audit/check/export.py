"""The report bundle: one run's findings with the documents they point into, as a plain dict.

The renderers in ``audit.report`` are pure functions of this dict; its shape is the findings
JSON contract (``schema_version``) plus each document's text, zones and claim spans for the
HTML document view.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import duckdb

from audit import __version__
from audit.check.findings import fails

SCHEMA_VERSION = "1.0"
CONTEXT = 80


def latest_run(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT run_id FROM runs ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else None


def build_bundle(con: duckdb.DuckDBPyConnection, run_id: str, with_documents: bool = True,
                 checks: list[str] | None = None, stale_waivers: list[dict] | None = None
                 ) -> dict:
    run = con.execute("SELECT run_id, started_at, tool_version, config_hash, fail_on, verdict "
                      "FROM runs WHERE run_id = ?", [run_id]).fetchone()
    rows = con.execute("""
        SELECT finding_id, check_name, class, severity, message, accepted, waiver_reason,
               details FROM findings WHERE run_id = ? ORDER BY seq""", [run_id]).fetchall()
    ev_rows = con.execute("""
        SELECT fe.finding_id, fe.document_id, p.path, fe.start_char, fe.end_char, s.line, s.col,
               fe.exact, fe.value, fe.claim_id,
               substr(d.text, greatest(fe.start_char - ?, 0) + 1,
                      fe.start_char - greatest(fe.start_char - ?, 0)) AS before,
               substr(d.text, fe.end_char + 1, ?) AS after
        FROM finding_evidence fe
        JOIN documents d USING (document_id)
        LEFT JOIN spans s ON s.span_id = fe.span_id
        LEFT JOIN (SELECT document_id, min(path) AS path FROM document_paths GROUP BY ALL) p
          ON p.document_id = fe.document_id
        WHERE fe.run_id = ? ORDER BY fe.finding_id, fe.seq""",
                           [CONTEXT, CONTEXT, CONTEXT, run_id]).fetchall()
    evidence = defaultdict(list)
    for (fid, doc, path, start, end, line, col, exact, value, claim, before, after) in ev_rows:
        evidence[fid].append({
            "document_id": doc, "path": path, "start": start, "end": end, "line": line,
            "column": col, "exact": exact, "value": value, "claim_id": claim,
            "before": before, "after": after})
    findings = []
    for fid, check, cls, sev, msg, accepted, reason, details in rows:
        det = json.loads(details)
        values = det.pop("values", [])
        findings.append({"id": fid, "check": check, "class": cls, "severity": sev,
                         "message": msg, "accepted": accepted, "waiver_reason": reason,
                         "values": values, "details": det, "evidence": evidence[fid]})
    open_ = [f for f in findings if not f["accepted"]]
    by_sev = Counter(f["severity"] for f in open_)
    summary = {
        "total": len(open_),
        "by_severity": {s: by_sev.get(s, 0) for s in ("error", "warning", "info")},
        "by_class": dict(sorted(Counter(f["class"] for f in open_).items())),
        "accepted": sum(1 for f in findings if f["accepted"]),
        "failing": sum(1 for f in open_ if fails(f["severity"], run[4])),
        "stale_waivers": stale_waivers or [],
        "checks": checks or sorted({f["check"] for f in findings}),
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "claim-audit", "version": __version__},
        "run": {"id": run[0], "started_at": run[1].isoformat(timespec="seconds") + "Z",
                "fail_on": run[4], "verdict": run[5], "config_hash": run[3]},
        "summary": summary,
        "documents": _documents(con, with_documents, _evidence_docs(findings)),
        "findings": findings,
    }


# The HTML document view carries every document's text for a small corpus; for a large one,
# only the first documents that findings point into, most severe findings first (a report of
# 100,000 articles would neither open nor fit in memory).
ALL_TEXT_UP_TO = 50
MAX_TEXT_DOCS = 300


def _evidence_docs(findings: list[dict]) -> list[str]:
    order = {"error": 0, "warning": 1, "info": 2}
    seen: dict[str, None] = {}
    for f in sorted(findings, key=lambda f: (f["accepted"], order.get(f["severity"], 3))):
        for e in f["evidence"]:
            seen.setdefault(e["document_id"])
            if len(seen) >= MAX_TEXT_DOCS:
                return list(seen)
    return list(seen)


def _documents(con: duckdb.DuckDBPyConnection, with_text: bool,
               evidence_docs: list[str] | None = None) -> list[dict]:
    docs = con.execute("""
        SELECT d.document_id, min(p.path), d.title, d.publisher, d.url, d.published, d.chars
        FROM documents d JOIN document_paths p USING (document_id)
        GROUP BY ALL ORDER BY 2""").fetchall()
    keep = [r[0] for r in docs] if len(docs) <= ALL_TEXT_UP_TO else \
        sorted(evidence_docs or ())
    texts: dict[str, str] = {}
    zones = defaultdict(list)
    claims = defaultdict(list)
    if with_text and keep:
        con.execute("CREATE OR REPLACE TEMP TABLE _keep AS "
                    "SELECT unnest(?::VARCHAR[]) AS document_id", [keep])
        texts = dict(con.execute("SELECT document_id, text FROM documents "
                                 "JOIN _keep USING (document_id)").fetchall())
        for doc, kind, s, e in con.execute(
                "SELECT document_id, kind, start_char, end_char FROM zones "
                "JOIN _keep USING (document_id) ORDER BY document_id, seq").fetchall():
            zones[doc].append({"kind": kind, "start": s, "end": e})
        for doc, cid, kind, label, spans in con.execute("""
                SELECT c.document_id, c.claim_id, c.kind, c.value_text,
                       list({'start': s.start_char, 'end': s.end_char, 'role': cs.role}
                            ORDER BY cs.seq)
                FROM claims c JOIN _keep USING (document_id)
                JOIN claim_spans cs USING (claim_id) JOIN spans s USING (span_id)
                GROUP BY c.document_id, c.claim_id, c.kind, c.value_text, c.seq
                ORDER BY c.document_id, c.seq""").fetchall():
            claims[doc].append({"id": cid, "kind": kind, "label": f"{kind}: {label}",
                                "spans": spans})
    out = []
    for doc, path, title, publisher, url, published, chars in docs:
        d = {"id": doc, "path": path, "title": title, "publisher": publisher, "url": url,
             "published": published.isoformat() if published else None, "chars": chars}
        if doc in texts:
            d.update(text=texts[doc], zones=zones[doc], claims=claims[doc])
        out.append(d)
    return out
