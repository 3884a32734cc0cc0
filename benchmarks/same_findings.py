"""Digests of what the audit finds, to show that a refactoring changed nothing.

    python benchmarks/same_findings.py                       # generated corpus, seeds, example, probes
    python benchmarks/same_findings.py --events 60 --docs 4 --seed 7 --json /tmp/after.json
    python benchmarks/same_findings.py --project /work/scratch/realtext/EVENT   # any folder
    python benchmarks/same_findings.py --toy                 # 2 events x 3 documents (CI)

Each corpus is copied into a temporary project and audited with ``audit run``; the script prints
one line per corpus: the number of claims and findings and a digest of both - every claim's id,
kind, value, span offsets and compared flag, and every finding's fingerprint, severity and
message. Run it before and after a change: equal digests mean equal claims and findings.
``--json`` writes the lines' figures, and ``--compare OLD.json`` exits 1 naming the corpora whose
digests differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.evaluate import SEED_DATES, SEEDS, run_audit  # noqa: E402
from benchmarks.generate import generate  # noqa: E402

PROBES = REPO / "tests" / "fixtures" / "probes"


def digests(project: Path) -> dict[str, object]:
    """Claim and finding counts and digests of an audited project's store."""
    import duckdb

    con = duckdb.connect(str(project / ".audit" / "audit.duckdb"), read_only=True)
    try:
        claims = con.execute(
            "SELECT c.claim_id, c.kind, c.predicate, c.subject, c.value::VARCHAR, "
            "c.qualifiers::VARCHAR, c.compared, "
            "string_agg(cs.role || ':' || s.start_char || '-' || s.end_char, ',' "
            "ORDER BY cs.seq) "
            "FROM claims c LEFT JOIN claim_spans cs USING (claim_id) "
            "LEFT JOIN spans s ON s.span_id = cs.span_id "
            "GROUP BY ALL ORDER BY c.claim_id").fetchall()
        run = con.execute("SELECT run_id FROM runs ORDER BY seq DESC LIMIT 1").fetchone()
        findings = con.execute(
            "SELECT finding_id, check_name, severity, message FROM findings WHERE run_id = ? "
            "ORDER BY finding_id", [run[0] if run else ""]).fetchall()
    finally:
        con.close()

    def digest(rows: list[tuple]) -> str:
        h = hashlib.sha256()
        for row in rows:
            h.update(json.dumps(row, default=str).encode())
            h.update(b"\n")
        return h.hexdigest()[:16]

    return {"claims": len(claims), "claims_digest": digest(claims),
            "findings": len(findings), "findings_digest": digest(findings)}


def _audit_copy(sources: Path, work: Path, manifest: str | None = None) -> dict[str, object]:
    shutil.copytree(sources, work / "sources")
    if manifest is not None:
        (work / "sources" / "manifest.toml").write_text(manifest, encoding="utf-8")
    (work / "audit.toml").write_text('[audit]\nsources = "sources"\n', encoding="utf-8")
    run_audit(work, inproc=True)
    return digests(work)


def corpora(args: argparse.Namespace, tmp: Path) -> dict[str, dict[str, object]]:
    """Every corpus named by the arguments, audited; name -> digests."""
    out: dict[str, dict[str, object]] = {}
    for i, project in enumerate(args.project or []):
        out[f"project:{Path(project).name}"] = _audit_copy(Path(project), tmp / f"p{i}")
    if args.project:
        return out
    gen = tmp / "generated"
    generate(gen, args.events, args.docs, args.seed)
    run_audit(gen, inproc=True)
    out[f"generated:{args.events}x{args.docs}:seed{args.seed}"] = digests(gen)
    if args.toy:
        return out
    seeds = sorted(SEEDS.glob("*.txt"))
    if seeds:
        src = tmp / "seed-sources"
        src.mkdir()
        for f in seeds:
            shutil.copy(f, src / f.name)
        manifest = "".join(f'[[document]]\npath = "{n}"\ndate = {d}\n\n'
                           for n, d in SEED_DATES.items())
        out["seeds"] = _audit_copy(src, tmp / "seeds", manifest)
    out["example"] = _audit_copy(REPO / "sources", tmp / "example")
    for probe in sorted(p for p in PROBES.iterdir() if (p / "sources").is_dir()):
        out[f"probe:{probe.name}"] = _audit_copy(probe / "sources", tmp / probe.name)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=60)
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--project", action="append",
                    help="audit a copy of this folder's sources (repeatable) instead of the "
                         "standard corpora")
    ap.add_argument("--toy", action="store_true", help="2 events x 3 documents only")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--compare", type=Path, help="a --json file of an earlier run")
    args = ap.parse_args(argv)
    if args.toy:
        args.events, args.docs = 2, 3
    with tempfile.TemporaryDirectory() as tmp:
        result = corpora(args, Path(tmp))
    for name, d in result.items():
        print(f"{name:40} claims {d['claims']:6} {d['claims_digest']}  "
              f"findings {d['findings']:5} {d['findings_digest']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    if args.compare:
        old = json.loads(args.compare.read_text())
        differ = [n for n in result if n in old and old[n] != result[n]]
        missing = [n for n in result if n not in old]
        for n in differ:
            print(f"DIFFERENT: {n}")
        for n in missing:
            print(f"not in {args.compare}: {n}")
        if differ:
            return 1
        print(f"same as {args.compare}: {len(result) - len(missing)} corpora")
    return 0


if __name__ == "__main__":
    sys.exit(main())
