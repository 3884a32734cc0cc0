"""The PDF reader benchmark runs at toy size (so it cannot rot) and our reader keeps the text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium makes the PDFs")
def test_bench_formats_toy_size():
    out = subprocess.run([sys.executable, str(REPO / "benchmarks" / "bench_formats.py"),
                          "--docs", "1"], capture_output=True, text=True, timeout=600,
                         check=True).stdout
    ours = re.search(r"pdfminer \(ours\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out)
    assert ours, out
    f1, _, _, paragraphs = map(float, ours.groups())
    assert f1 > 0.85 and paragraphs > 0.5, out
    assert re.search(r"^pypdf\s", out, re.M), out
