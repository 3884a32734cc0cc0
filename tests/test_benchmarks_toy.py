"""The check-stage benchmarks run at toy size (their figures are measured by hand: see
benchmarks/README.md; these only keep the scripts working)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=str(REPO), capture_output=True,
                          text=True, timeout=900)


def test_bench_check_runs_at_toy_size(tmp_path: Path):
    out = tmp_path / "check.json"
    r = _bench("benchmarks/bench_check.py", "--sizes", "400", "--no-gx-full", "--json",
               str(out))
    assert r.returncode == 0, r.stderr
    assert "candidates: value-conflict" in r.stdout and "run_checks" in r.stdout


def test_adversarial_benchmark_runs_at_toy_size(tmp_path: Path):
    out = tmp_path / "adv.json"
    r = _bench("benchmarks/bench_adversarial.py", "--toy", "--cases", "line", "table",
               "--json", str(out))
    assert r.returncode == 0, r.stderr
    rows = json.loads(out.read_text())
    assert [x["case"] for x in rows] == ["line", "line", "table", "table"]
    assert all(x["exit"] == 0 and x["builders"].get("value-conflict") is not None
               for x in rows)


def test_same_findings_runs_at_toy_size_and_compares(tmp_path: Path):
    out = tmp_path / "digests.json"
    r = _bench("benchmarks/same_findings.py", "--toy", "--json", str(out))
    assert r.returncode == 0, r.stderr
    first = json.loads(out.read_text())
    assert list(first) == ["generated:2x3:seed7"] and first["generated:2x3:seed7"]["claims"] > 0
    r = _bench("benchmarks/same_findings.py", "--toy", "--compare", str(out))
    assert r.returncode == 0 and "same as" in r.stdout, r.stdout + r.stderr
    first["generated:2x3:seed7"]["findings_digest"] = "0" * 16
    out.write_text(json.dumps(first))
    r = _bench("benchmarks/same_findings.py", "--toy", "--compare", str(out))
    assert r.returncode == 1 and "DIFFERENT: generated:2x3:seed7" in r.stdout


def test_spark_benchmark_runs_at_toy_size(tmp_path: Path):
    import os
    import shutil

    import pytest

    from audit.engine import let_spark_in

    let_spark_in()  # the CLI tests keep pyspark out of this process
    try:
        import pyspark  # noqa: F401
        missing = None if shutil.which("java") else "no Java runtime"
    except ImportError:
        missing = "pyspark is not installed"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Spark benchmark: {missing}")
        pytest.skip(missing)
    out = tmp_path / "spark.json"
    r = _bench("benchmarks/bench_spark.py", "--toy", "--spark-conf", "spark.driver.memory=1g",
               "--spark-conf", "spark.sql.shuffle.partitions=2", "--json", str(out))
    assert r.returncode == 0, r.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert [x["engine"] for x in rows] == ["duckdb", "spark"]
    assert all(x["same_findings"] and x["n_findings"] > 0 for x in rows)
    assert "spark read+extract" in rows[1]["stages"] and rows[1]["parquet_bytes"]["claims"] > 0
    # the check stage's Spark parts, timed inside "check"
    assert {"spark integrity", "spark candidates", "spark judge"} <= set(rows[1]["stages"])


def test_bench_extract_runs_at_toy_size(tmp_path: Path):
    out = tmp_path / "extract.json"
    r = _bench("benchmarks/bench_extract.py", "--mb", "0.02", "--repeat", "2", "--no-spacy",
               "--json", str(out))
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    ours = res["extract_document (all extractors)"]
    assert ours["claims"] > 0 and ours["cpu_seconds"] > 0
    assert set(res["per_extractor"]) >= {"money", "status", "mentions"}
