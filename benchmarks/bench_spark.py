"""The Spark engine in local mode against the DuckDB engine on generated corpora.

    python benchmarks/bench_spark.py --sizes 10000            # one size, both engines
    python benchmarks/bench_spark.py --sizes 10000 100000
    python benchmarks/bench_spark.py --toy                    # CI: 40 documents

For each size a corpus is generated (``benchmarks/generate.py``, 4 documents per event) and
``python -m audit run CORPUS --timings --format json --fail-on never -q`` runs as a child
process, once per engine on a fresh database (Spark: ``--engine spark``, ``local[2]``,
``spark.driver.memory`` 2g unless ``--spark-conf`` says otherwise). Measured: wall time, peak
RSS of the process tree (the JVM and Spark's Python workers are children of the audit
process), the per-stage times of ``--timings``, the bytes of each Parquet table the Spark
engine wrote (for the cluster plan in benchmarks/README.md), and whether the two engines gave
the same finding fingerprints. The tree's peak RSS is also given split into the driver (the
``audit`` process), the JVM and the other children (Spark's Python workers), and the driver's
peak after each stage as ``--timings`` prints it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for p in (REPO, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench_scale import run_measured  # noqa: E402
from generate import generate  # noqa: E402

# "check 40.0 s (471 MiB; spark judge 20.0 s)": a stage, and the parts timed inside it
_STAGE = re.compile(r"([a-z+ ]+?) ([\d.]+) s\b")
_STAGE_MIB = re.compile(r"([a-z+ ]+?) [\d.]+ s \(([\d,]+) MiB")


def stages(stderr: str) -> dict[str, float]:
    line = next((x for x in stderr.splitlines() if x.startswith("timings: ")), "")
    body = line.removeprefix("timings: ").split("; total")[0]
    return {m[1].strip(" ,"): float(m[2]) for m in _STAGE.finditer(body)}


def stage_mib(stderr: str) -> dict[str, int]:
    """The audit process's own peak RSS (MiB) after each top-level stage of ``--timings``."""
    line = next((x for x in stderr.splitlines() if x.startswith("timings: ")), "")
    body = line.removeprefix("timings: ").split("; total")[0]
    return {m[1].strip(" ,"): int(m[2].replace(",", "")) for m in _STAGE_MIB.finditer(body)}


def parquet_bytes(out: Path) -> dict[str, int]:
    return {t.name: sum(f.stat().st_size for f in t.rglob("*.parquet"))
            for t in sorted(out.iterdir()) if t.is_dir()}


def fingerprints(project: Path) -> list[str]:
    doc = json.loads((project / "reports" / "findings.json").read_text())
    return sorted(f["id"] for f in doc["findings"])


def measure(corpus: Path, engine: str, conf: list[str]) -> dict:
    shutil.rmtree(corpus / ".audit", ignore_errors=True)
    shutil.rmtree(corpus / "reports", ignore_errors=True)
    args = ["run", str(corpus), "--timings", "--format", "json", "--fail-on", "never", "-q"]
    if engine == "spark":
        args += ["--engine", "spark"]
        for c in conf:
            args += ["--spark-conf", c]
    r = run_measured(args)
    row = {"engine": engine, "seconds": round(r["seconds"], 1),
           "peak_tree_rss_mb": round(r["peak_tree_rss_mb"]),
           "peak_own_rss_mb": round(r["peak_rss_mb"]), "cpu_tree_s": round(r["cpu_tree_s"], 1),
           "peak_jvm_rss_mb": round(r["peak_jvm_rss_mb"]),
           "peak_workers_rss_mb": round(r["peak_workers_rss_mb"]),
           "stages": stages(r["stderr"]), "driver_mib_after": stage_mib(r["stderr"]),
           "findings": fingerprints(corpus)}
    if engine == "spark":
        row["parquet_bytes"] = parquet_bytes(corpus / ".audit" / "spark")
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--toy", action="store_true", help="40 documents (CI)")
    ap.add_argument("--spark-conf", action="append", default=[],
                    help="KEY=VALUE passed to --spark-conf (repeatable)")
    ap.add_argument("--json", type=Path, help="write the rows here")
    ap.add_argument("--keep", type=Path, help="generate corpora under this folder and keep them")
    args = ap.parse_args(argv)
    sizes = [40] if args.toy else args.sizes
    conf = args.spark_conf or ["spark.driver.memory=2g"]
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-spark-"))
    rows = []
    try:
        for n in sizes:
            corpus = base / f"c{n}"
            if not (corpus / "audit.toml").exists():
                generate(corpus, max(1, n // 4), 4, 7)
            duck = measure(corpus, "duckdb", conf)
            spark = measure(corpus, "spark", conf)
            same = duck["findings"] == spark["findings"]
            for row in (duck, spark):
                row["documents"] = n
                row["same_findings"] = same
                row["n_findings"] = len(row.pop("findings"))
                rows.append(row)
                st = ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
                print(f"{n:>7} docs  {row['engine']:<6} {row['seconds']:>7.1f} s  CPU "
                      f"{row['cpu_tree_s']:>7.1f} s  peak tree "
                      f"{row['peak_tree_rss_mb']:>6,} MiB (driver {row['peak_own_rss_mb']:,}, "
                      f"JVM {row['peak_jvm_rss_mb']:,}, workers {row['peak_workers_rss_mb']:,})"
                      f"  findings {row['n_findings']:>6} "
                      f"(same: {same})  stages: {st}")
            pq = spark.get("parquet_bytes", {})
            if pq:
                total = sum(pq.values())
                print(f"{n:>7} docs  parquet {total / 2**20:.1f} MiB "
                      f"({total / n / 1024:.1f} KiB/document): "
                      + ", ".join(f"{k} {v / 2**20:.1f}" for k, v in pq.items()))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0 if all(r["same_findings"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
