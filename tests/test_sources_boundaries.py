"""What ingest accepts: no silent pass on an empty or vanished corpus, no silent mojibake,
nothing from outside the sources folder through a symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DOC_A, DOC_B, conflicting_project, invoke

_project = conflicting_project


def _docs(root: Path) -> list[str]:
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT path FROM document_paths ORDER BY 1").fetchall()]
    finally:
        con.close()


# --- an empty or vanished corpus fails the gate --------------------------------------------------

def test_empty_sources_fail_the_gate_and_keep_the_corpus(tmp_path):
    root = _project(tmp_path)
    assert invoke("run", root).exit_code == 1  # a value conflict (a warning; the gate fails on it)
    (tmp_path / "empty").mkdir()
    for where in (tmp_path / "empty", Path("/dev/zero")):
        r = invoke("run", root, "--sources", where, "--fail-on", "error")
        assert r.exit_code == 2, r.output
        assert str(where) in r.output
        assert _docs(root) == ["sources/a.txt", "sources/b.txt"]  # nothing was removed


def test_empty_corpus_is_accepted_when_allowed(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "empty").mkdir()
    r = invoke("run", root, "--sources", tmp_path / "empty", "--allow-empty")
    assert r.exit_code == 0 and "verdict: PASS" in r.output
    (root / "audit.toml").write_text('[audit]\nsources = "nothing"\nallow_empty = true\n')
    (root / "nothing").mkdir()
    assert invoke("run", root).exit_code == 0


def test_check_on_an_empty_database_fails(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "empty").mkdir()
    assert invoke("ingest", root, "--sources", tmp_path / "empty", "--allow-empty").exit_code == 0
    r = invoke("check", root)
    assert r.exit_code == 2 and "no documents" in r.output
    assert invoke("check", root, "--allow-empty").exit_code == 0


# --- invalid bytes in a UTF-8 file ---------------------------------------------------------------

UTF8_WITH_A_BAD_BYTE = ("Acme Corp — the “builder” of Zürich — raised $110 million.\n".encode()
                        + b"One stray \xff byte here.\n")


def test_invalid_utf8_is_a_warning_naming_the_offset_not_mojibake(tmp_path):
    root = _project(tmp_path)
    (root / "sources" / "c.txt").write_bytes(UTF8_WITH_A_BAD_BYTE)
    r = invoke("run", root, "--fail-on", "never")
    assert r.exit_code == 0
    offset = UTF8_WITH_A_BAD_BYTE.index(b"\xff")
    assert f"c.txt: invalid UTF-8 at byte offset {offset}" in r.output
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    text, enc = con.execute("SELECT text, encoding FROM documents WHERE path LIKE '%c.txt'"
                            ).fetchone()
    con.close()
    assert enc == "utf-8" and "Zürich — raised" in text and "â€" not in text


def test_invalid_utf8_under_strict_encoding_exits_2(tmp_path):
    root = _project(tmp_path)
    (root / "sources" / "c.txt").write_bytes(UTF8_WITH_A_BAD_BYTE)
    (root / "audit.toml").write_text('[audit]\nstrict_encoding = true\n')
    r = invoke("run", root)
    assert r.exit_code == 2 and "c.txt" in r.output and "invalid UTF-8 at byte offset" in r.output
    assert not (root / ".audit").exists()


def test_declared_utf8_html_with_a_bad_byte_stays_utf8(tmp_path):
    root = _project(tmp_path)
    page = (b'<html><head><meta charset="utf-8"><title>T</title></head><body><p>Caf\xe9 '
            b"Acme raised $110 million.</p></body></html>")
    (root / "sources" / "c.html").write_bytes(page)
    r = invoke("run", root, "--fail-on", "never")
    assert "c.html: invalid UTF-8 at byte offset" in r.output


def test_legacy_windows_1252_text_is_still_read(tmp_path):
    root = _project(tmp_path)
    (root / "sources" / "c.txt").write_bytes("Café owner said “yes”.\n".encode("cp1252"))
    r = invoke("run", root, "--fail-on", "never")
    assert r.exit_code == 0 and "invalid UTF-8" not in r.output


# --- symbolic links ------------------------------------------------------------------------------

def test_file_link_outside_the_sources_is_refused(tmp_path):
    root = _project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Private note: the vault code is 1234.\n")
    (root / "sources" / "link.txt").symlink_to(secret)
    r = invoke("run", root)
    assert r.exit_code == 2 and "link.txt" in r.output and "outside the sources" in r.output
    assert not (root / ".audit").exists()
    assert not (root / "reports" / "report.html").exists()


def test_folder_link_outside_the_sources_is_refused(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text(DOC_A)
    (root / "sources" / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    r = invoke("run", root)
    assert r.exit_code == 2 and "more" in r.output and "outside the sources" in r.output


def test_external_links_are_followed_when_allowed(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text(DOC_B.replace("120", "130"))
    (tmp_path / "one.txt").write_text(DOC_A)
    (root / "sources" / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "sources" / "one.txt").symlink_to(tmp_path / "one.txt")
    (tmp_path / "elsewhere" / "back").symlink_to(tmp_path / "elsewhere")  # a loop
    (root / "audit.toml").write_text('[audit]\nallow_external_links = true\n')
    r = invoke("run", root, "--fail-on", "never")
    assert r.exit_code == 0, r.output
    docs = _docs(root)
    assert any(d.endswith("elsewhere/x.txt") for d in docs)
    assert any(d.endswith("one.txt") for d in docs)


def test_links_inside_the_sources_and_loops(tmp_path):
    root = _project(tmp_path)
    src = root / "sources"
    (src / "alias.txt").symlink_to(src / "a.txt")  # the same file twice: read once
    (src / "here").symlink_to(src, target_is_directory=True)  # a folder loop
    (src / "x.txt").symlink_to(src / "y.txt")  # a file loop
    (src / "y.txt").symlink_to(src / "x.txt")
    (src / "dangling.txt").symlink_to(src / "gone.txt")
    r = invoke("run", root, "--fail-on", "never")
    assert r.exit_code == 0, r.output
    assert "x.txt: broken or looping symbolic link, skipped" in r.output
    assert "dangling.txt: broken or looping symbolic link" in r.output
    assert _docs(root) == ["sources/a.txt", "sources/b.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_source_is_refused(tmp_path):
    root = _project(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = invoke("ingest", root, "--sources", fifo)
    assert r.exit_code == 2 and "not a regular file or folder" in r.output
