"""Exit codes that tell the truth: user and environment errors exit 2 naming the path, a
closed output pipe is quiet, Ctrl-C says what was committed; exit 3 is left for bugs.

The fault tests run the real CLI in a subprocess (signals, pipes, resource limits, small or
read-only tmpfs mounts; the mounts need root and are skipped without it).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DOC_A, conflicting_project, invoke

_project = conflicting_project


def _audit(*args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})}, **kw)


def _clean(r) -> None:
    out = r.stdout + r.stderr if hasattr(r, "stderr") else r.output
    assert "internal error" not in out and "Traceback" not in out, out


def test_deeply_nested_html_is_read(tmp_path):
    root = _project(tmp_path)
    depth = 20_000
    (root / "sources" / "deep.html").write_text(
        "<html><body>" + "<div><span>" * depth + "<p>Acme Corp raised $110 million.</p>"
        + "</span></div>" * depth + "</body></html>")
    r = invoke("run", root, "--fail-on", "never")
    assert r.exit_code == 0, r.output
    r = invoke("claims", root, "--document", "deep.html", "--format", "json")
    assert "110,000,000" in r.output


def test_file_name_that_is_not_utf8_exits_2_naming_it(tmp_path):
    root = _project(tmp_path)
    with open(os.fsencode(root / "sources") + b"/odd\xff.txt", "w") as fh:
        fh.write(DOC_A)
    r = _audit("run", root)
    assert r.returncode == 2, r.stderr
    assert "odd\\xff.txt" in r.stderr and "not valid UTF-8" in r.stderr
    _clean(r)
    assert not (root / ".audit").exists()


def test_out_naming_a_file_fails_before_anything_is_written(tmp_path):
    root = _project(tmp_path)
    (root / "outfile").write_text("mine")
    cfg = (root / "audit.toml").read_text().replace('out = "reports"', 'out = "outfile"')
    (root / "audit.toml").write_text(cfg)
    r = invoke("run", root)
    assert r.exit_code == 2 and "outfile" in r.output and "is a file" in r.output
    assert not (root / ".audit").exists()
    assert (root / "outfile").read_text() == "mine"


def test_binary_source_on_a_new_database_leaves_no_database(tmp_path):
    root = _project(tmp_path)
    (root / "sources" / "z.txt").write_bytes(b"abc\x00def")
    r = invoke("run", root)
    assert r.exit_code == 2 and "z.txt" in r.output
    assert not (root / ".audit").exists()


def test_closed_output_pipe_is_quiet(tmp_path):
    root = _project(tmp_path, docs=700)
    assert _audit("ingest", root, env={"AUDIT_WORKERS": "1"}).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "audit", "sources", str(root), "--format",
                             "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()  # the reader takes one line and goes away (| head -1)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert err == "", err


def test_ctrl_c_says_what_was_committed(tmp_path):
    root = _project(tmp_path, docs=400)
    proc = subprocess.Popen([sys.executable, "-m", "audit", "run", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "AUDIT_WORKERS": "1"})
    for line in proc.stdout:
        if line.startswith("ingest:"):
            proc.send_signal(signal.SIGINT)
            break
    rest = proc.stdout.read()
    err = proc.stderr.read()
    code = proc.wait(timeout=120)
    if code != 130:
        pytest.skip(f"the run finished before the signal arrived ({rest[-200:]})")
    assert "nothing was written" not in err
    assert "interrupted" in err and "committed before that: ingest" in err, err
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM document_paths").fetchone()[0] == 400


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_file_size_limit_is_an_environment_error(tmp_path):
    root = _project(tmp_path, docs=60)
    r = _audit("run", root, env={"AUDIT_WORKERS": "1"}, preexec_fn=_limit_file_size)
    assert r.returncode == 2, r.stderr
    assert "File too large" in r.stderr and "error:" in r.stderr
    _clean(r)


@contextlib.contextmanager
def _tmpfs(path: Path, options: str):
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                       capture_output=True)
    if r.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_full_disk_under_the_database_exits_2_naming_it(tmp_path):
    root = _project(tmp_path)
    for i in range(30):
        (root / "sources" / f"long{i}.txt").write_text(
            " ".join(f"Widget{i} Works hired {j} engineers in Springfield." for j in range(400)))
    with _tmpfs(root / ".audit", "size=192k"):
        r = _audit("run", root, env={"AUDIT_WORKERS": "1"})
    assert r.returncode == 2, r.stderr
    assert "No space left on device" in r.stderr and ".audit/audit.duckdb" in r.stderr
    _clean(r)


def test_full_disk_under_the_reports_exits_2_naming_the_report(tmp_path):
    root = _project(tmp_path)
    with _tmpfs(root / "reports", "size=8k"):
        r = _audit("run", root)
        assert not [p for p in (root / "reports").iterdir()]  # no temp file left behind
    assert r.returncode == 2, r.stderr
    assert "No space left on device" in r.stderr and "reports/" in r.stderr
    _clean(r)


def test_read_only_database_folder_exits_2_naming_it(tmp_path):
    root = _project(tmp_path)
    with _tmpfs(root / ".audit", "ro"):
        r = _audit("run", root)
    assert r.returncode == 2, r.stderr
    assert "Read-only file system" in r.stderr and ".audit/audit.duckdb" in r.stderr
    _clean(r)
