"""Shared fixtures: the real seeds, the example project, and a CLI runner."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.cli import cli

# A pytest-xdist worker's __main__ has neither __spec__ nor __file__; pyspark's connect modules
# (imported by Great Expectations when pyspark is installed) take such a process for their own
# doctest runner and call sys.exit(0) on import. Give the worker's main module a file: the
# package's empty __init__.py (processes spawned from a worker run that file as their main).
_MAIN = sys.modules["__main__"]
if getattr(_MAIN, "__spec__", None) is None and not hasattr(_MAIN, "__file__"):
    _MAIN.__file__ = str(Path(__file__).with_name("__init__.py"))

# The CLI keeps pyspark out of a DuckDB run's process, and Great Expectations decides once, on
# import, whether pyspark is there. Tests run both engines in one worker process: pyspark is
# imported first, so a DuckDB test that imports GX never leaves it blind to Spark.
try:
    import pyspark  # noqa: F401
except ImportError:
    pass

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
EXAMPLE_SOURCES = REPO / "sources"


def invoke(*args: str):
    """Run the real CLI in-process; returns click's Result (exit_code, output, stderr)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def restate_first_amount(root: Path, story: str = "e0003", by: int = 7) -> Path:
    """Make one source of a generated story state another amount (its first "N million"
    raised by ``by``): the one-document edit the re-run tests make. Returns the file."""
    import re

    doc = sorted((root / "sources").glob(f"{story}/*.txt"))[0]
    text = doc.read_text(encoding="utf-8")
    amount = re.search(r"(\d+) million", text)
    assert amount, doc
    doc.write_text(text[:amount.start(1)] + str(int(amount.group(1)) + by)
                   + text[amount.end(1):], encoding="utf-8")
    return doc


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh audit project created by 'audit init', with no documents yet."""
    root = tmp_path / "proj"
    result = invoke("init", root)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def seeds_project(project: Path) -> Path:
    """A project whose sources are copies of the two real seed documents."""
    if not SEED_FILES:
        pytest.skip(f"seed documents not found in {SEEDS}")
    for f in SEED_FILES:
        shutil.copy(f, project / "sources" / f.name)
    return project


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """A copy of the example project shipped in the repository."""
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE_SOURCES, root / "sources")
    for sub in ("claims", "checks"):
        if (REPO / sub).is_dir():
            shutil.copytree(REPO / sub, root / sub)
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    return root


# Two documents that disagree on one amount (a value-conflict error), for tests of what runs do
# around a failing gate rather than of what is found.
DOC_A = "Acme Corp raised $110 million from Beta Fund, the company said on Tuesday.\n"
DOC_B = "Acme Corp raised $120 million from Beta Fund, its chief executive said.\n"


def conflicting_project(tmp_path: Path, docs: int = 2) -> Path:
    """A new project with DOC_A and DOC_B, plus ``docs - 2`` unrelated one-line notes. Its gate
    fails on warnings: the planted figure conflict is one (``confidence.CEILING``)."""
    root = tmp_path / "p"
    assert invoke("init", root).exit_code == 0
    toml = root / "audit.toml"
    toml.write_text(toml.read_text().replace('fail_on = "error"', 'fail_on = "warning"', 1))
    (root / "sources" / "a.txt").write_text(DOC_A)
    (root / "sources" / "b.txt").write_text(DOC_B)
    for i in range(docs - 2):
        (root / "sources" / f"n{i:04d}.txt").write_text(
            f"Note {i}: Widget Works hired {i + 3} engineers in Springfield this spring.\n")
    return root


@pytest.fixture(params=["ibis", "pandas"])
def backend(request, monkeypatch):
    """The integrity suite's pandera rules run in DuckDB through ibis, and again with the
    pandas fallback (tests that take this fixture run once with each)."""
    from audit.check import integrity

    if request.param == "ibis":
        pytest.importorskip("pyarrow", reason="ibis's DuckDB backend needs pyarrow")
    else:
        monkeypatch.setattr(integrity, "_ibis_usable", lambda: False)
    return request.param
