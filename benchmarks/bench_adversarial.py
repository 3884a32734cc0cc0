"""Adversarial inputs: does the cost of ``audit run`` grow near-linearly with a hostile document?

    python benchmarks/bench_adversarial.py                       # default sizes (a few minutes)
    python benchmarks/bench_adversarial.py --cases line table --sizes-scale 0.1
    python benchmarks/bench_adversarial.py --toy                 # what the CI test runs

Each case writes one project with one invented document whose hostile part grows, runs
``python -m audit run DIR --format json --fail-on never --timings`` as a child process (with a
time limit) and reads the stage timings it prints; then each check's candidate builder alone
over the stored claims, in a child process (``--builders``, same limit). Per case and size: wall
time, the seconds of each stage and of each builder, and the growth exponent k of the run and
of the slowest builder against the previous size (t ~ n^k; k near 1 is linear). The fixed cost
of a run (imports, the Great Expectations context: seconds) hides growth at small sizes, so the
builders' k is the figure to read.

Cases (all text invented here):

* ``line``: one line repeating a sentence with an amount ("The board set aside $12 million for
  the harbour works. "), N kilobytes;
* ``table``: a plain-text table of N lines "Funder i: $N million";
* ``nesting``: HTML with a paragraph inside N nested ``<div>``;
* ``elements``: HTML with N sibling ``<p>`` elements, one amount each.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SENTENCE = "The board set aside $12 million for the harbour works. "


def line_doc(kb: int) -> tuple[str, str]:
    n = max(1, kb * 1024 // len(SENTENCE))
    return "line.txt", "Harbour works funded\n\n" + SENTENCE * n + "\n"


def table_doc(lines: int) -> tuple[str, str]:
    rows = "".join(f"Funder {i}: ${i % 40 + 1} million\n" for i in range(1, lines + 1))
    return "table.txt", "Harbour works funders\n\nThe funders are listed below.\n\n" + rows


def nesting_doc(depth: int) -> tuple[str, str]:
    inner = "<p>The board set aside $12 million for the harbour works.</p>"
    return "nest.html", ("<html><body>" + "<div>" * depth + inner + "</div>" * depth
                         + "</body></html>\n")


def elements_doc(n: int) -> tuple[str, str]:
    body = "".join(f"<p>Item {i} costs ${i % 50 + 1} million.</p>" for i in range(n))
    return "many.html", f"<html><body><h1>Harbour works</h1>{body}</body></html>\n"


CASES = {
    # name: (builder, unit, default sizes, toy sizes)
    "line": (line_doc, "KB", [10, 30, 100, 300], [2, 4]),
    "table": (table_doc, "lines", [300, 1000, 3000, 10000], [20, 40]),
    "nesting": (nesting_doc, "deep", [100, 300, 1000, 3000], [10, 20]),
    "elements": (elements_doc, "elements", [3000, 10000, 30000, 100000], [50, 100]),
}
STAGE = re.compile(r"(\w+) ([\d.]+) s \(([\d,]+) MiB\)")


def run_case(name: str, size: int, timeout: float, work: Path) -> dict:
    builder = CASES[name][0]
    proj = work / f"{name}-{size}"
    shutil.rmtree(proj, ignore_errors=True)
    (proj / "sources").mkdir(parents=True)
    fname, text = builder(size)
    (proj / "sources" / fname).write_text(text, encoding="utf-8")
    env = dict(os.environ, GX_ANALYTICS_ENABLED="False", AUDIT_JUDGE_WORKER="0")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "audit", "run", str(proj), "--format",
                               "json", "--fail-on", "never", "--timings", "--quiet"],
                              cwd=str(REPO), env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"case": name, "size": size, "bytes": len(text.encode()), "seconds": None,
                "exit": "timeout", "stages": {}}
    wall = time.perf_counter() - t0
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("timings:")), "")
    stages = {m[0]: float(m[1]) for m in STAGE.findall(line)}
    peak = max((int(m[2].replace(",", "")) for m in STAGE.findall(line)), default=None)
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning")]
    return {"case": name, "size": size, "bytes": len(text.encode()), "seconds": round(wall, 2),
            "exit": proc.returncode, "stages": stages, "peak_mib": peak,
            "warnings": warnings[:3],
            "builders": time_builders(proj, timeout) if proc.returncode in (0, 1) else {},
            "error": None if proc.returncode in (0, 1) else proc.stderr.strip()[-300:]}


def time_builders(proj: Path, timeout: float) -> dict[str, float | None]:
    """Seconds of each check's candidate builder over ``proj``'s stored claims (a child
    process: a builder that runs past ``timeout`` is reported as None)."""
    db = proj / ".audit" / "audit.duckdb"
    if not db.exists():
        return {}
    try:
        proc = subprocess.run([sys.executable, __file__, "--builders", str(db)], cwd=str(REPO),
                              capture_output=True, text=True, timeout=timeout)
        return json.loads(proc.stdout or "{}")
    except subprocess.TimeoutExpired:
        return {"(all)": None}


def builders_main(db: Path) -> None:
    import duckdb

    sys.path.insert(0, str(REPO))
    from audit.check.candidates import Inputs
    from audit.check.checks import builders

    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for check in builders():
        t0 = time.perf_counter()
        check.candidates(con, Inputs())
        out[check.name] = round(time.perf_counter() - t0, 3)
    print(json.dumps(out))


def growth(prev: dict | None, cur: dict) -> float | None:
    if not prev or not prev["seconds"] or not cur["seconds"] or prev["size"] == cur["size"]:
        return None
    return math.log(cur["seconds"] / prev["seconds"]) / math.log(cur["size"] / prev["size"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    ap.add_argument("--sizes-scale", type=float, default=1.0,
                    help="multiply every default size by this")
    ap.add_argument("--toy", action="store_true", help="tiny sizes (the CI test)")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--work", type=Path, help="folder for the projects (default: a temp dir)")
    ap.add_argument("--builders", type=Path, help=argparse.SUPPRESS)  # child: time builders
    args = ap.parse_args(argv)
    if args.builders:
        builders_main(args.builders)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="audit-adv-"))
    results = []
    try:
        for name in args.cases:
            _, unit, sizes, toy = CASES[name]
            sizes = toy if args.toy else [max(1, int(s * args.sizes_scale)) for s in sizes]
            prev = None
            for size in sizes:
                r = run_case(name, size, args.timeout, work)
                r["k"] = growth(prev, r) if r["exit"] in (0, 1) else None
                slow = max(r["builders"].items(),
                           key=lambda kv: float("inf") if kv[1] is None else kv[1],
                           default=(None, None))
                r["slowest_builder"], r["builder_seconds"] = slow
                r["builder_k"] = growth(
                    prev and {"size": prev["size"], "seconds": prev["builder_seconds"]},
                    {"size": size, "seconds": r["builder_seconds"]})
                results.append(r)
                stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
                k = f"k={r['k']:.2f}" if r["k"] is not None else ""
                bk = f"k={r['builder_k']:.2f}" if r["builder_k"] is not None else ""
                secs = f"{r['seconds']:.1f} s" if r["seconds"] is not None else "timeout"
                bs = (f"{slow[0]} {slow[1]:.2f} s" if slow[1] is not None
                      else f"{slow[0]} timeout" if slow[0] else "-")
                print(f"{name:9s} {size:>7,} {unit:8s} {r['bytes']:>10,} B  {secs:>9s}  "
                      f"exit {r['exit']}  {k:7s} [{stages}]  slowest builder: {bs} {bk}"
                      + (f"  {r['error']}" if r.get("error") else ""), flush=True)
                prev = r if r["seconds"] and r["exit"] in (0, 1) else None
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
