"""Score an audit run against planted discrepancies: precision and recall per class.

    # a generated corpus (runs 'audit run' in it, scores against CORPUS/truth.toml)
    python benchmarks/evaluate.py /tmp/corpus
    # the same corpus audited one event at a time (no cross-event comparisons)
    python benchmarks/evaluate.py /tmp/corpus --per-event --jobs 2
    # the example project (copied to a temporary folder first: nothing is written here)
    python benchmarks/evaluate.py --project . --planted sources/PLANTED.md
    # the two real seed documents against benchmarks/seeds-expected.toml
    python benchmarks/evaluate.py --seeds

Scoring is ``audit.evaluation.score``: a planted item is found when a finding of its class and
severity has evidence in the item's first document and shows one of its values; a finding at
error or warning severity that matches no planted item is a false finding. Info-level planted
items are matched against all findings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from audit.evaluation import GATED, Score, load_planted, score  # noqa: E402

SEEDS = REPO.parent / "shared" / "seeds"
SEED_DATES = {"000_68f6d385267182c0.txt": "2024-04-12", "004_9d3b0c5d8f3e1603.txt": "2024-04-10"}


# --- running the audit ---------------------------------------------------------------------------

def run_audit(project: Path, inproc: bool = False, extra: tuple[str, ...] = ()) -> tuple[dict,
                                                                                         float]:
    """``audit run PROJECT --format json --fail-on never``; returns (findings.json, seconds)."""
    args = ["run", str(project), "--format", "json", "--fail-on", "never", "--quiet", *extra]
    t0 = time.perf_counter()
    if inproc:
        from click.testing import CliRunner

        from audit.cli import cli

        res = CliRunner().invoke(cli, args, catch_exceptions=False)
        if res.exit_code != 0:
            raise RuntimeError(f"audit run failed ({res.exit_code}): {res.output[-2000:]}")
    else:
        env = dict(os.environ, GX_ANALYTICS_ENABLED="False")
        proc = subprocess.run([sys.executable, "-m", "audit", *args], capture_output=True,
                              text=True, env=env, cwd=str(REPO))
        if proc.returncode != 0:
            raise RuntimeError(f"audit run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    secs = time.perf_counter() - t0
    bundle = json.loads((project / "reports" / "findings.json").read_text(encoding="utf-8"))
    return bundle, secs


def copy_project(src: Path, dest: Path) -> Path:
    """A throwaway copy of a project's sources, claims and checks (nothing written in src)."""
    from audit.config import load_config

    cfg = load_config(src)
    dest.mkdir(parents=True, exist_ok=True)
    srcs = []
    for s in cfg.sources:
        rel = s.relative_to(cfg.root)
        if s.is_dir():
            shutil.copytree(s, dest / rel, ignore=shutil.ignore_patterns(".*"))
        else:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(s, dest / rel)
        srcs.append(rel.as_posix())
    for d, key in ((cfg.claims_dir, "claims"), (cfg.checks_dir, "checks")):
        if d and d.is_dir():
            shutil.copytree(d, dest / key)
    (dest / "audit.toml").write_text(
        "[audit]\nsources = " + json.dumps(srcs) + "\n", encoding="utf-8")
    return dest


def seeds_project(dest: Path) -> Path:
    (dest / "sources").mkdir(parents=True, exist_ok=True)
    entries = []
    for name, date in SEED_DATES.items():
        shutil.copy(SEEDS / name, dest / "sources" / name)
        entries.append(f'[[document]]\npath = "{name}"\ndate = {date}\n')
    (dest / "sources" / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    (dest / "audit.toml").write_text('[audit]\nsources = "sources"\n', encoding="utf-8")
    return dest


# --- scoring and printing --------------------------------------------------------------------------

def merge(scores: list[Score]) -> Score:
    out = Score()
    for s in scores:
        out.planted.update(s.planted)
        out.found.update(s.found)
        out.false.update(s.false)
        out.missed_items.extend(s.missed_items)
        out.false_items.extend(s.false_items)
    return out


def breakdown(planted: list[dict], sc: Score) -> dict[tuple[str, str], dict[str, int]]:
    """planted/found/missed/false per (class, severity)."""
    rows: dict[tuple[str, str], Counter] = {}
    counted = [p for p in planted if p["severity"] in GATED or p["severity"] == "info"]
    missed_ids = {id(m) for m in sc.missed_items}
    for p in counted:
        r = rows.setdefault((p["class"], p["severity"]), Counter())
        r["planted"] += 1
        r["missed" if id(p) in missed_ids else "found"] += 1
    for f in sc.false_items:
        rows.setdefault((f["class"], f["severity"]), Counter())["false"] += 1
    return {k: {x: v.get(x, 0) for x in ("planted", "found", "missed", "false")}
            for k, v in sorted(rows.items())}


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.1%}"


def legit_errors(findings: list[dict], legit: list[dict]) -> list[tuple[dict, dict]]:
    """Error findings whose evidence shows only the values of a legitimate variant."""
    out = []
    errors = [f for f in findings if f["severity"] == "error"]
    for item in legit:
        vals = set(item.get("values", []))
        docs = set(item.get("documents", []))
        for f in errors:
            if f["class"] != item["class"]:
                continue
            exact = {e["exact"] for e in f["evidence"]}
            paths = {(e.get("path") or "").rsplit("/", 1)[-1] for e in f["evidence"]}
            if exact and exact <= vals and (not docs or paths <= docs):
                out.append((item, f))
    return out


def where(f: dict, n: int = 3) -> str:
    locs = [f"{e.get('path')}:{e.get('line')}" for e in f.get("evidence", [])]
    locs = list(dict.fromkeys(locs))
    return ", ".join(locs[:n]) + (f" (+{len(locs) - n})" if len(locs) > n else "")


def report(sc: Score, planted: list[dict], findings: list[dict], legit: list[dict],
           label: str, show: int = 40) -> dict:
    rows = breakdown(planted, sc)
    print(f"\n== {label}")
    print(f"{'class':<22}{'severity':<9}{'planted':>8}{'found':>7}{'missed':>7}{'false':>7}"
          f"{'precision':>11}{'recall':>8}")
    per_class: dict[str, dict] = {}
    for (cls, sev), r in rows.items():
        prec = _ratio(r["found"], r["found"] + r["false"]) if sev in GATED else None
        rec = _ratio(r["found"], r["planted"])
        print(f"{cls:<22}{sev:<9}{r['planted']:>8}{r['found']:>7}{r['missed']:>7}"
              f"{r['false']:>7}{_pct(prec):>11}{_pct(rec):>8}")
        per_class[f"{cls}/{sev}"] = {**r, "precision": prec, "recall": rec}
    gated_planted = sum(r["planted"] for (c, s), r in rows.items() if s in GATED)
    gated_found = sum(r["found"] for (c, s), r in rows.items() if s in GATED)
    gated_false = sum(r["false"] for r in rows.values())
    g_prec = _ratio(gated_found, gated_found + gated_false)
    g_rec = _ratio(gated_found, gated_planted)
    print(f"{'error+warning':<31}{gated_planted:>8}{gated_found:>7}"
          f"{gated_planted - gated_found:>7}{gated_false:>7}{_pct(g_prec):>11}{_pct(g_rec):>8}")
    print(f"{'all (audit.evaluation)':<31}{sum(sc.planted.values()):>8}"
          f"{sum(sc.found.values()):>7}{len(sc.missed_items):>7}{sum(sc.false.values()):>7}"
          f"{sc.precision:>10.1%}{sc.recall:>8.1%}")
    sev = Counter(f["severity"] for f in findings)
    print(f"findings: {len(findings)} ({sev.get('error', 0)} error, {sev.get('warning', 0)} "
          f"warning, {sev.get('info', 0)} info)")
    if sc.missed_items:
        print(f"\nmissed ({len(sc.missed_items)}):")
        for m in sc.missed_items[:show]:
            print(f"  - {m.get('id', '?')} {m['class']}/{m['severity']} in "
                  f"{m.get('documents', ['?'])[0]}: {m.get('values', [])[:2]}")
            near = [f for f in findings if f["class"] == m["class"]
                    and m.get("documents", [""])[0] in {(e.get('path') or '').rsplit('/', 1)[-1]
                                                        for e in f["evidence"]}]
            for f in near[:2]:
                print(f"      nearest: [{f['severity']}] {f['message'][:150]}")
        if len(sc.missed_items) > show:
            print(f"  ... {len(sc.missed_items) - show} more")
    if sc.false_items:
        print(f"\nfalse findings ({len(sc.false_items)}):")
        for f in sc.false_items[:show]:
            print(f"  - [{f['severity']}] {f['class']}: {f['message'][:220]}")
            print(f"      at {where(f)}")
        if len(sc.false_items) > show:
            print(f"  ... {len(sc.false_items) - show} more")
    bad = legit_errors(findings, legit)
    if bad:
        print(f"\nlegitimate variants reported as errors ({len(bad)}):")
        for item, f in bad[:show]:
            print(f"  - {item.get('id')}: {f['message'][:200]}")
    return {"label": label, "per_class": per_class, "gated_precision": g_prec,
            "gated_recall": g_rec, "precision": sc.precision, "recall": sc.recall,
            "planted": sum(sc.planted.values()), "found": sum(sc.found.values()),
            "false": sum(sc.false.values()), "legit_errors": len(bad),
            "findings": len(findings)}


def score_bundle(bundle: dict, truth: dict) -> Score:
    return score(bundle["findings"], truth.get("planted", []))


# --- modes -------------------------------------------------------------------------------------

def evaluate_corpus(corpus: Path, truth_path: Path, inproc: bool, show: int) -> dict:
    truth = load_planted(truth_path)
    bundle, secs = run_audit(corpus, inproc)
    sc = score_bundle(bundle, truth)
    n = len(bundle.get("documents", []))
    res = report(sc, truth.get("planted", []), bundle["findings"], truth.get("legitimate", []),
                 f"{corpus} as one project: {n} documents, audit run {secs:.1f} s", show)
    res["seconds"] = secs
    return res


def evaluate_per_event(corpus: Path, truth_path: Path, jobs: int, show: int,
                       inproc: bool = False) -> dict:
    """Audit every event folder as its own project (no comparisons across events)."""
    truth = load_planted(truth_path)
    events = sorted(p for p in (corpus / "sources").iterdir() if p.is_dir())
    planted_by_doc: dict[str, list[dict]] = {}
    for p in truth.get("planted", []):
        planted_by_doc.setdefault(p["documents"][0], []).append(p)
    tmp = Path(tempfile.mkdtemp(prefix="audit-per-event-"))

    def one(folder: Path) -> tuple[Score, list[dict], list[dict], float]:
        proj = tmp / folder.name
        shutil.copytree(folder, proj / "sources")
        (proj / "audit.toml").write_text('[audit]\nsources = "sources"\n', encoding="utf-8")
        bundle, secs = run_audit(proj, inproc)
        names = {p.name for p in folder.iterdir()}
        planted = [p for d in sorted(names) for p in planted_by_doc.get(d, [])]
        return score(bundle["findings"], planted), planted, bundle["findings"], secs

    t0 = time.perf_counter()
    try:
        if inproc or jobs <= 1:
            results = [one(f) for f in events]
        else:
            with ThreadPoolExecutor(jobs) as pool:
                results = list(pool.map(one, events))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    wall = time.perf_counter() - t0
    sc = merge([r[0] for r in results])
    planted = [p for r in results for p in r[1]]
    findings = [f for r in results for f in r[2]]
    res = report(sc, planted, findings, truth.get("legitimate", []),
                 f"{corpus} one event at a time: {len(events)} projects, {wall:.1f} s", show)
    res["seconds"] = wall
    return res


def evaluate_project(project: Path, planted_path: Path, inproc: bool, show: int,
                     in_place: bool = False) -> dict:
    truth = load_planted(planted_path)
    tmp = None
    if not in_place:
        tmp = Path(tempfile.mkdtemp(prefix="audit-project-"))
        project = copy_project(project, tmp / "project")
    try:
        bundle, secs = run_audit(project, inproc)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    sc = score_bundle(bundle, truth)
    res = report(sc, truth.get("planted", []), bundle["findings"], truth.get("legitimate", []),
                 f"project {planted_path.name}: {len(bundle.get('documents', []))} documents, "
                 f"{secs:.1f} s", show)
    res["seconds"] = secs
    return res


def evaluate_seeds(expected: Path, inproc: bool, show: int) -> dict:
    truth = load_planted(expected)
    tmp = Path(tempfile.mkdtemp(prefix="audit-seeds-"))
    try:
        bundle, secs = run_audit(seeds_project(tmp / "seeds"), inproc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sc = score_bundle(bundle, truth)
    res = report(sc, truth.get("planted", []), bundle["findings"], truth.get("legitimate", []),
                 f"seeds vs {expected.name}: {secs:.1f} s", show)
    res["seconds"] = secs
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="a generated corpus folder")
    ap.add_argument("--truth", type=Path, help="ground truth (default CORPUS/truth.toml)")
    ap.add_argument("--per-event", action="store_true",
                    help="audit each event folder as its own project")
    ap.add_argument("--both", action="store_true", help="whole corpus and per event")
    ap.add_argument("--jobs", type=int, default=2, help="parallel runs for --per-event")
    ap.add_argument("--project", type=Path, help="an audit project (copied to a temp folder)")
    ap.add_argument("--planted", type=Path, help="planted list for --project "
                    "(PLANTED.md or a TOML file)")
    ap.add_argument("--in-place", action="store_true", help="run --project where it is")
    ap.add_argument("--seeds", action="store_true", help="the seed documents")
    ap.add_argument("--expected", type=Path, default=Path(__file__).with_name(
        "seeds-expected.toml"))
    ap.add_argument("--inproc", action="store_true", help="run the CLI in this process")
    ap.add_argument("--show", type=int, default=40, help="list at most this many misses/false")
    ap.add_argument("--json", type=Path, help="write the scores here")
    args = ap.parse_args(argv)
    results = []
    if args.seeds:
        results.append(evaluate_seeds(args.expected, args.inproc, args.show))
    if args.project:
        planted = args.planted or args.project / "sources" / "PLANTED.md"
        if not planted.is_absolute() and not planted.exists():
            planted = args.project / planted
        results.append(evaluate_project(args.project, planted, args.inproc, args.show,
                                        args.in_place))
    if args.corpus:
        truth = args.truth or args.corpus / "truth.toml"
        if args.both or not args.per_event:
            results.append(evaluate_corpus(args.corpus, truth, args.inproc, args.show))
        if args.both or args.per_event:
            results.append(evaluate_per_event(args.corpus, truth, args.jobs, args.show,
                                              args.inproc))
    if not results:
        ap.error("give a CORPUS, --project or --seeds")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, tomllib.TOMLDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
