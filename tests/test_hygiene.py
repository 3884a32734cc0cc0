"""Hygiene under faults: workers die with their parent, stale temp reports are cleared,
manifest edits reach unchanged files, control characters in file names never reach an output
raw. Fault tests use real processes and signals, each bounded in time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from tests.conftest import conflicting_project, invoke

_project = conflicting_project


def _gone(p: psutil.Process) -> bool:
    try:
        return p.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_workers_die_when_the_audit_is_killed(tmp_path):
    root = _project(tmp_path)
    for i in range(600):
        (root / "sources" / f"d{i:04d}.txt").write_text(" ".join(
            f"Widget{i} Works hired {j} engineers in Springfield, said Jane Doe." for j in range(60)))
    env = {**os.environ, "AUDIT_WORKERS": "2", "AUDIT_JUDGE_WORKER": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "audit", "run", str(root), "-q"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    children: list[psutil.Process] = []
    while time.monotonic() < deadline and proc.poll() is None:
        children = parent.children(recursive=True)
        spawned = [c for c in children if "spawn_main" in " ".join(_cmdline(c))]
        if len(spawned) >= 3:  # the judging worker and two pool workers
            break
        time.sleep(0.1)
    else:
        pytest.skip("the run ended before its workers were seen")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not all(_gone(c) for c in children):
        time.sleep(0.2)
    left = [(c.pid, _cmdline(c)[-1:]) for c in children if not _gone(c)]
    for c in children:  # never leave them behind, whatever the assertion says
        if not _gone(c):
            c.kill()
    assert not left, left


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def test_stale_temp_reports_are_removed_on_the_next_run(tmp_path):
    root = _project(tmp_path)
    reports = root / "reports"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = [reports / f".report.html.{dead}.x1y2z3.tmp", reports / ".findings.json.abc.tmp"]
    live = reports / f".report.html.{os.getpid()}.q9w8e7.tmp"  # a writer still running
    for p in [*stale, live]:
        p.write_text("partial")
    r = subprocess.run([sys.executable, "-m", "audit", "run", str(root)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert not any(p.exists() for p in stale)
    assert live.exists()
    assert (reports / "report.html").exists()


def test_manifest_edits_reach_unchanged_files(tmp_path):
    root = _project(tmp_path)
    manifest = root / "sources" / "manifest.toml"

    def titles() -> dict[str, str]:
        import json

        r = invoke("sources", root, "--format", "json")
        return {d["path"]: d["title"] for d in json.loads(r.output)}

    assert invoke("ingest", root).exit_code == 0
    manifest.write_text('[[document]]\npath = "a.txt"\ntitle = "Acme funding round"\n')
    r = invoke("ingest", root)
    assert "new metadata for 1" in r.output and "2 unchanged" in r.output
    assert titles()["sources/a.txt"] == "Acme funding round"
    manifest.write_text('[[document]]\npath = "a.txt"\ntitle = "Acme raises money"\n')
    invoke("ingest", root)
    assert titles()["sources/a.txt"] == "Acme raises money"
    r = invoke("ingest", root)  # nothing changed: nothing re-read
    assert "new metadata" not in r.output
    manifest.write_text("")  # the entry removed: the title comes from the file again
    invoke("ingest", root)
    assert titles()["sources/a.txt"] == "a"


def test_control_characters_in_file_names_are_escaped_everywhere(tmp_path):
    root = _project(tmp_path)
    odd = "evil\x1b[31m\n::error file=x::fake\x07.txt"
    (root / "sources" / "b.txt").rename(root / "sources" / odd)
    r = subprocess.run([sys.executable, "-m", "audit", "run", str(root), "--format", "md",
                        "--format", "github", "--format", "json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    r2 = subprocess.run([sys.executable, "-m", "audit", "sources", str(root)],
                        capture_output=True, text=True, timeout=120)
    annotations = (root / "reports" / "annotations.txt").read_text()
    summary = (root / "reports" / "summary.md").read_text()
    for text in (annotations, summary, r.stdout, r.stderr, r2.stdout):
        assert "\x1b" not in text and "\x07" not in text
    assert "evil\\x1b[31m" in r2.stdout
    assert "evil\\x1b[31m%0A::error" in annotations  # one annotation, escaped
    assert "evil\\\\x1b" in summary  # Markdown shows the backslash of the escape
    assert all(line.startswith("::") for line in annotations.splitlines())
