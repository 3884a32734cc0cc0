"""End-to-end ``audit run`` on generated corpora of growing size, plus an incremental re-run.

    python benchmarks/bench_scale.py                    # 1k and 10k documents
    python benchmarks/bench_scale.py --big              # ... and 100k
    python benchmarks/bench_scale.py --sizes 2000 --stages

For each size a corpus is generated (``benchmarks/generate.py``, 4 documents per event) and
``python -m audit run CORPUS --format json --fail-on never --quiet`` runs as a child process.
Measured: wall time, documents per second, peak RSS of the child (and of the child with any
worker processes it starts: psutil polls the process tree every 50 ms), and the growth exponent
k between sizes (t ~ n^k). On the largest size of at most 10k documents, one document is then
changed and ``audit run`` repeated (incremental run), and repeated once more with nothing
changed; both are reported as a ratio of the full run. ``--stages`` also times
``audit ingest``, ``audit extract`` and ``audit check`` as separate commands on a fresh database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
for p in (REPO, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def run_measured(args: list[str], poll: float = 0.05) -> dict:
    """Run ``python -m audit ARGS``; wall time and peak RSS (own and process tree)."""
    import psutil

    env = dict(os.environ, GX_ANALYTICS_ENABLED="False")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "audit", *args], cwd=str(REPO), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak_own = peak_tree = peak_jvm = peak_workers = 0
    max_children = 0
    cpu: dict[int, float] = {}  # user + system seconds of each process of the tree, last seen
    while proc.poll() is None:
        try:
            own = ps.memory_info().rss
            kids = ps.children(recursive=True)
            tree = own
            for k in [ps, *kids]:
                try:
                    t = k.cpu_times()
                    cpu[k.pid] = t.user + t.system
                except psutil.Error:
                    pass
            jvm = workers = 0  # the Spark engine's JVM, and every other child (its workers)
            for k in kids:
                try:
                    rss = k.memory_info().rss
                    tree += rss
                    if k.name() == "java":
                        jvm += rss
                    else:
                        workers += rss
                except psutil.Error:
                    pass
            peak_own = max(peak_own, own)
            peak_tree = max(peak_tree, tree)
            peak_jvm = max(peak_jvm, jvm)
            peak_workers = max(peak_workers, workers)
            max_children = max(max_children, len(kids))
        except psutil.Error:
            pass
        time.sleep(poll)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"audit {' '.join(args)} exited {proc.returncode}: {err[-3000:]}")
    return {"seconds": wall, "peak_rss_mb": peak_own / 2**20,
            "peak_tree_rss_mb": peak_tree / 2**20, "max_children": max_children,
            "peak_jvm_rss_mb": peak_jvm / 2**20, "peak_workers_rss_mb": peak_workers / 2**20,
            # CPU of the tree (the JVM and Spark's workers included), as last sampled: a
            # process that ends between two samples loses its last 50 ms at most
            "cpu_tree_s": sum(cpu.values()),
            "stdout": out, "stderr": err}


def exponent(n1, t1, n2, t2) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1) if t1 > 0 and t2 > 0 and n1 != n2 \
        else float("nan")


def touch_one_document(corpus: Path) -> Path:
    """Change one sentence of one document (a real content change: new bytes, new id)."""
    target = sorted((corpus / "sources").glob("*/*-wire.txt"))[0]
    text = target.read_text(encoding="utf-8")
    para = text.find("\n\n", text.find("(")) + 2  # after the first body paragraph
    changed = text[:para] + "Officials added that a second signing is planned.\n\n" + text[para:]
    target.write_text(changed, encoding="utf-8")
    return target


def findings_summary(corpus: Path) -> dict:
    path = corpus / "reports" / "findings.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("summary", {}).get("by_severity", {})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--big", action="store_true", help="add 100,000 documents")
    ap.add_argument("--docs-per-event", type=int, default=4)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--stages", action="store_true",
                    help="also time ingest / extract / check as separate commands")
    ap.add_argument("--no-incremental", action="store_true")
    ap.add_argument("--workdir", type=Path, help="where corpora go (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the corpora")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    import generate

    sizes = sorted(set(args.sizes + ([100_000] if args.big else [])))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{platform.python_version()} on {os.cpu_count()} cores; AUDIT_WORKERS="
          f"{os.environ.get('AUDIT_WORKERS', '(unset)')}; corpora in {work}")
    rows = []
    try:
        for n in sizes:
            corpus = work / f"corpus-{n}"
            if corpus.exists():
                shutil.rmtree(corpus)
            events = max(1, n // args.docs_per_event)
            t0 = time.perf_counter()
            truth = generate.generate(corpus, events, args.docs_per_event, args.seed)
            t_gen = time.perf_counter() - t0
            ndocs = truth["documents"]
            print(f"\n== {ndocs:,} documents ({truth['bytes'] / 1e6:.0f} MB of files), "
                  f"generated in {t_gen:.1f} s")
            r = run_measured(["run", str(corpus), "--format", "json", "--fail-on", "never",
                              "--quiet"])
            sev = findings_summary(corpus)
            print(f"audit run: {r['seconds']:.1f} s, {ndocs / r['seconds']:.1f} documents/s, "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB (with workers "
                  f"{r['peak_tree_rss_mb']:.0f} MB, {r['max_children']} child processes); "
                  f"findings {sev}")
            row = {"documents": ndocs, "mb": truth["bytes"] / 1e6, "generate_seconds": t_gen,
                   "run": {k: v for k, v in r.items() if k not in ("stdout", "stderr")},
                   "findings": sev}
            if args.stages:
                db = work / f"staged-{n}.duckdb"
                db.unlink(missing_ok=True)
                stages = {}
                for stage, extra in (("ingest", []), ("extract", []),
                                     ("check", ["--fail-on", "never", "--format", "json",
                                                "--out", str(work / f"staged-{n}-reports")])):
                    s = run_measured([stage, str(corpus), "--db", str(db), *extra])
                    stages[stage] = {k: v for k, v in s.items() if k not in ("stdout",
                                                                            "stderr")}
                    print(f"  {stage:<8} {s['seconds']:8.1f} s  peak RSS "
                          f"{s['peak_tree_rss_mb']:.0f} MB")
                row["stages"] = stages
                db.unlink(missing_ok=True)
            if not args.no_incremental and n == max(s for s in sizes if s <= 10_000):
                changed = touch_one_document(corpus)
                inc = run_measured(["run", str(corpus), "--format", "json", "--fail-on",
                                    "never", "--timings"])
                line = next((ln for ln in inc["stdout"].splitlines()
                             if ln.startswith("extract:")), "")
                same = run_measured(["run", str(corpus), "--format", "json", "--fail-on",
                                     "never", "--quiet"])
                print(f"incremental (changed {changed.name}): {inc['seconds']:.1f} s = "
                      f"{inc['seconds'] / r['seconds']:.2f} of the full run ({line.strip()}); "
                      f"nothing changed: {same['seconds']:.1f} s = "
                      f"{same['seconds'] / r['seconds']:.2f}")
                print("  " + next((ln for ln in inc["stderr"].splitlines()
                                   if ln.startswith("timings:")), ""))
                print("  " + next((ln for ln in inc["stdout"].splitlines()
                                   if "reused from run" in ln), "no findings reused"))
                row["incremental"] = {"seconds": inc["seconds"],
                                      "ratio": inc["seconds"] / r["seconds"],
                                      "peak_rss_mb": inc["peak_tree_rss_mb"],
                                      "unchanged_seconds": same["seconds"],
                                      "unchanged_ratio": same["seconds"] / r["seconds"]}
            rows.append(row)
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    print("\ndocuments   audit run   docs/s   peak RSS (tree)   growth")
    for i, r in enumerate(rows):
        g = ""
        if i:
            p = rows[i - 1]
            g = f"n^{exponent(p['documents'], p['run']['seconds'], r['documents'], r['run']['seconds']):.2f}"
        print(f"{r['documents']:>9,}  {r['run']['seconds']:8.1f} s  "
              f"{r['documents'] / r['run']['seconds']:7.1f}  {r['run']['peak_rss_mb']:6.0f} MB "
              f"({r['run']['peak_tree_rss_mb']:.0f} MB)  {g:>7}")
    if args.json:
        args.json.write_text(json.dumps({"date": dt.date.today().isoformat(), "rows": rows},
                                        indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
