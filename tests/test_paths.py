"""The cached resolver gives os.path.realpath's answer, links and '..' included."""

import os
from pathlib import Path

from audit.ingest.paths import Resolver


def _tree(tmp_path: Path) -> list[Path]:
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "a.txt").write_text("a")
    (tmp_path / "real" / "b.txt").write_text("b")
    (tmp_path / "linkdir").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "link.txt").symlink_to(tmp_path / "real" / "sub" / "a.txt")
    (tmp_path / "real" / "rel.txt").symlink_to(Path("sub") / "a.txt")
    return [
        tmp_path / "real" / "sub" / "a.txt",
        tmp_path / "linkdir" / "sub" / "a.txt",
        tmp_path / "linkdir" / "b.txt",
        tmp_path / "real" / "link.txt",
        tmp_path / "linkdir" / "rel.txt",
        tmp_path / "linkdir" / "sub" / ".." / "b.txt",
        tmp_path / "real" / "missing.txt",
    ]


def test_resolver_matches_realpath(tmp_path):
    real = Resolver()
    for p in _tree(tmp_path) * 2:  # the second pass reads the folder cache
        assert real(p) == Path(os.path.realpath(p)), p


def test_resolver_relative_paths(tmp_path, monkeypatch):
    paths = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    real = Resolver()
    for p in paths:
        rel = p.relative_to(tmp_path)
        assert real(rel) == Path(os.path.realpath(p)), rel


def test_linked_folder_files_ingest_once(tmp_path):
    """discover() deduplicates a file reached through a linked folder."""
    from audit.ingest.pipeline import discover

    src = tmp_path / "sources"
    (src / "real").mkdir(parents=True)
    (src / "real" / "one.txt").write_text("One document.")
    (src / "alias.txt").symlink_to(src / "real" / "one.txt")
    found = list(discover([src], tmp_path))
    assert [f.real for f in found] == [(src / "real" / "one.txt").resolve()]
