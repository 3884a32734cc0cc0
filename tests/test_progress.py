"""Progress bars: drawn on a terminal, never into a pipe, with -q or in CI (audit/progress.py)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import conflicting_project

BAR_MARK = "%|"  # tqdm's bar: "extract:  40%|####      | 4/10 [...]"
DOCS = 12  # enough for every stage to draw


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "TERM")}
    env.update(TERM="xterm", COLUMNS="100", **extra)
    return env


def _run_in_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the real CLI with stdout and stderr on a pseudo-terminal; all it drew, and the
    exit code."""
    main, sub = pty.openpty()
    fcntl.ioctl(sub, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # rows, columns
    proc = subprocess.Popen([sys.executable, "-m", "audit.cli", *args], stdin=subprocess.DEVNULL,
                            stdout=sub, stderr=sub, env=env, close_fds=True)
    os.close(sub)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            proc.kill()
            pytest.fail("the CLI drew nothing for 120 s")
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return proc.wait(), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def many_docs(tmp_path: Path) -> Path:
    return conflicting_project(tmp_path, docs=DOCS)


def test_bars_are_drawn_on_a_terminal(many_docs: Path):
    code, drawn = _run_in_terminal(["run", str(many_docs)], _env())
    assert code == 1  # the planted conflict still fails the gate
    for stage in ("ingest", "extract", "check"):
        assert f"{stage}:" in drawn and BAR_MARK in drawn, drawn[-2000:]
    # the extraction bar is sized by the documents to extract
    assert re.search(rf"extract:\s+\d+%\|.*\| \d+/{DOCS} ", drawn), drawn[-2000:]
    assert "verdict: FAIL" in drawn


def test_no_color_draws_an_ascii_bar(many_docs: Path):
    code, drawn = _run_in_terminal(["run", str(many_docs)], _env(NO_COLOR="1"))
    assert code == 1 and BAR_MARK in drawn
    assert "\x1b[3" not in drawn  # no colour escape (foreground colours 30-37)
    bar_lines = [ln for ln in drawn.replace("\r", "\n").splitlines() if BAR_MARK in ln]
    assert bar_lines and all(ln.isascii() for ln in bar_lines)


@pytest.mark.parametrize("how", ["quiet", "ci", "dumb terminal"])
def test_no_bars_when_not_wanted_on_a_terminal(many_docs: Path, how: str):
    args, env = ["run", str(many_docs)], _env()
    if how == "quiet":
        args.append("-q")
    elif how == "ci":
        env["CI"] = "true"
    else:
        env["TERM"] = "dumb"
    code, drawn = _run_in_terminal(args, env)
    assert code == 1 and "verdict: FAIL" in drawn
    assert BAR_MARK not in drawn


def test_no_bars_into_a_pipe(many_docs: Path):
    proc = subprocess.run([sys.executable, "-m", "audit.cli", "run", str(many_docs)],
                          capture_output=True, text=True, env=_env(), timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert BAR_MARK not in proc.stderr and BAR_MARK not in proc.stdout
    assert "\r" not in proc.stderr
