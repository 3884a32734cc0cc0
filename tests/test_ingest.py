"""Ingest: zoning of real pages, encodings, versions, and bad input that must be refused."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from audit.ingest.zones import ZONER_VERSION
from audit.store.schema import SCHEMA_VERSION
from tests.conftest import invoke


def zones_of(db: Path, name: str) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        """SELECT z.kind, substr(d.text, z.start_char + 1, z.end_char - z.start_char)
           FROM zones z JOIN documents d USING (document_id)
           JOIN document_paths p USING (document_id)
           WHERE p.path LIKE ? ORDER BY z.seq""", [f"%{name}"]).fetchall()
    con.close()
    return rows


def kind_of(zones: list[tuple[str, str]], needle: str) -> str:
    """The kind of the zone holding ``needle`` (adjacent zones of one kind are merged)."""
    hits = [k for k, t in zones if needle in t]
    assert hits, f"{needle!r} not in any zone"
    return hits[0]


def db_of(root: Path) -> Path:
    return root / ".audit" / "audit.duckdb"


def test_seed_zones(seeds_project: Path):
    result = invoke("ingest", seeds_project)
    assert result.exit_code == 0, result.output
    z000 = zones_of(db_of(seeds_project), "000_68f6d385267182c0.txt")
    assert z000[0][0] == "title"
    # the "Featured" sidebar and everything in it, and the author box, are boilerplate
    assert kind_of(z000, "Featured") == "boilerplate"
    sidebar = [k for k, t in z000 if "DeepSeek" in t or "Cybersecurity Predictions" in t]
    assert sidebar and set(sidebar) == {"boilerplate"}
    assert kind_of(z000, "About the Author") == "boilerplate"
    assert all(k == "boilerplate" for k, t in z000 if "newspaper editor" in t)
    # article paragraphs are body
    assert any(k == "body" and "Kishido" in t for k, t in z000)

    z004 = zones_of(db_of(seeds_project), "004_9d3b0c5d8f3e1603.txt")
    captions = [k for k, t in z004 if "From left to right" in t]
    assert len(captions) == 2 and set(captions) == {"boilerplate"}
    assert kind_of(z004, "Skip to main content") == "boilerplate"
    assert kind_of(z004, "Media Inquiries") == kind_of(z004, "Peter Kerwin") == "boilerplate"
    assert any(k == "title" and t.startswith("CMU Joins") for k, t in z004)
    assert any(k in ("body", "quote") and "Kishida" in t for k, t in z004)


def test_zone_offsets_cover_stored_text(seeds_project: Path):
    invoke("ingest", seeds_project)
    con = duckdb.connect(str(db_of(seeds_project)), read_only=True)
    bad = con.execute("""SELECT count(*) FROM zones z JOIN documents d USING (document_id)
                         WHERE z.start_char < 0 OR z.end_char > length(d.text)
                            OR z.start_char >= z.end_char""").fetchone()[0]
    assert bad == 0


SIDEBAR_ARTICLE = """City Opens Flood Barrier After Six-Year Build

By Dana Whitfield

The harbour authority switched on the new tidal barrier on Monday, March 4, 2024, at a cost of
$212 million, officials said.

Mayor Ines Calloway said the barrier would protect 40,000 homes.

You might also like

Bakery chain to close 12 stores by June 2025

Three injured as tram derails near Central Station on Friday

About the writer

Dana Whitfield covers infrastructure and has won 3 regional awards.
"""


def test_differently_worded_sidebar_is_boilerplate(project: Path):
    (project / "sources" / "barrier.txt").write_text(SIDEBAR_ARTICLE)
    assert invoke("ingest", project).exit_code == 0
    zones = zones_of(db_of(project), "barrier.txt")
    assert kind_of(zones, "City Opens Flood Barrier After Six-Year Build") == "title"
    assert kind_of(zones, "By Dana Whitfield") == "byline"
    assert kind_of(zones, "You might also like") == "boilerplate"
    assert kind_of(zones, "Bakery chain to close 12 stores by June 2025") == "boilerplate"
    assert kind_of(zones, "has won 3 regional awards") == "boilerplate"
    assert kind_of(zones, "Mayor Ines Calloway said the barrier") == "body"


HTML_PAGE = """<!doctype html><html><head><title>Grant for battery lab</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2024-03-09T10:00:00Z">
<style>.x{color:red}</style><script>var secret = "do not read";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Battery lab wins&nbsp;€45 million</h1>
<p class="byline">By Ana Ruiz</p>
<p>The consortium said on Saturday that backers include Volta AG and Nordlicht GmbH.</p>
<figure><img src="x.jpg"><figcaption>The lab in Aachen. Photo by Ana Ruiz</figcaption></figure>
<blockquote><p>“We will build here,” said Ana Ruiz.</p></blockquote>
</article>
<aside class="related-stories"><h2>More from Example Times</h2><ul><li>Port strike ends after 9 days</li></ul></aside>
<footer>© 2024 Example Times. All rights reserved.</footer></body></html>"""


def test_html_structure_and_metadata(project: Path):
    (project / "sources" / "lab.html").write_text(HTML_PAGE)
    assert invoke("ingest", project).exit_code == 0
    zones = zones_of(db_of(project), "lab.html")
    assert kind_of(zones, "Battery lab wins\u00a0€45 million") == "title"  # no-break space kept
    assert kind_of(zones, "By Ana Ruiz") == "byline"
    assert kind_of(zones, "The lab in Aachen. Photo by Ana Ruiz") == "caption"
    assert kind_of(zones, "“We will build here,” said Ana Ruiz.") == "quote"
    assert kind_of(zones, "Port strike ends after 9 days") == "boilerplate"
    assert kind_of(zones, "More from Example Times") == "boilerplate"
    assert kind_of(zones, "Home News") == "boilerplate"
    assert not any("secret" in t or "color:red" in t for _, t in zones)
    out = invoke("sources", project, "--format", "json")
    assert '"publisher": "Example Times"' in out.output
    assert '"date": "2024-03-09"' in out.output


def test_markdown_reader(project: Path):
    md = ("---\ntitle: Harbour News\npublisher: Dockside Blog\ndate: 2024-05-02\n---\n"
          "# Barrier opens\n\nThe **barrier** cost [$212 million](http://example.org).\n\n"
          "> “It works,” said Ines Calloway.\n\n## Related posts\n\n- Other story\n")
    (project / "sources" / "post.md").write_text(md)
    assert invoke("ingest", project).exit_code == 0
    zones = zones_of(db_of(project), "post.md")
    assert kind_of(zones, "The barrier cost $212 million.") == "body"
    assert kind_of(zones, "“It works,” said Ines Calloway.") == "quote"
    assert kind_of(zones, "Other story") == "boilerplate"
    out = invoke("sources", project, "--format", "json").output
    assert "Dockside Blog" in out and "Harbour News" in out


def test_encodings(project: Path):
    src = project / "sources"
    (src / "latin1.txt").write_bytes("Café Zürich raised €5 million".encode("cp1252"))
    (src / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Größe: ¥15 billion".encode("utf-16-le"))
    (src / "bom8.txt").write_bytes(codecs.BOM_UTF8 + "Naïve “quotes”".encode())
    assert invoke("ingest", project).exit_code == 0
    con = duckdb.connect(str(db_of(project)), read_only=True)
    texts = dict(con.execute("SELECT p.path, d.text FROM documents d JOIN document_paths p "
                             "USING (document_id)").fetchall())
    assert texts["sources/latin1.txt"] == "Café Zürich raised €5 million"
    assert texts["sources/utf16.txt"] == "Größe: ¥15 billion"
    assert texts["sources/bom8.txt"] == "Naïve “quotes”"
    norm = con.execute("SELECT norm_text FROM documents WHERE text LIKE 'Naïve%'").fetchone()[0]
    assert norm == 'Naïve "quotes"'


def _count_docs(root: Path) -> int:
    db = db_of(root)
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    return n


def test_bad_file_after_committed_batches_leaves_nothing(project: Path, monkeypatch):
    """New documents are committed in batches; a bad file read after some batches removes them
    again, so the database is as it was before the failed ingest."""
    import audit.ingest.pipeline as pipeline

    monkeypatch.setattr(pipeline, "BATCH_DOCS", 2)
    for i in range(7):
        (project / "sources" / f"a{i}.txt").write_text(f"Document {i} mentions ${i + 1} million.")
    (project / "sources" / "z.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke("ingest", project)
    assert result.exit_code == 2 and "z.png" in result.output
    assert _count_docs(project) == 0
    (project / "sources" / "z.png").unlink()
    assert "7 added" in invoke("ingest", project).output
    assert _count_docs(project) == 7


@pytest.mark.parametrize(
    "name,content,needle",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("nul.txt", b"hello\x00world\x00\x00", "NUL bytes"),
        ("garbage.txt", bytes(range(128, 256)) * 40 + b"\x01\x02\x03\x04" * 50, "not"),
        ("notes.zip", b"PK\x03\x04rest", "ZIP"),
        ("notes.docx", b"PK\x03\x04rest", "not a Word .docx file"),  # a .docx is read as Word
    ],
)
def test_bad_files_exit_2_and_write_nothing(project: Path, name, content, needle):
    (project / "sources" / "good.txt").write_text("A fine document about $5 million.")
    assert invoke("ingest", project).exit_code == 0
    before = _count_docs(project)
    (project / "sources" / "later.txt").write_text("Another fine document.")
    (project / "sources" / name).write_bytes(content)
    result = invoke("ingest", project)
    assert result.exit_code == 2
    assert name in result.output and needle in result.output
    assert "Traceback" not in result.output
    assert _count_docs(project) == before  # the good file read before it was rolled back


def test_manifest_errors(project: Path):
    src = project / "sources"
    (src / "a.txt").write_text("Text.")
    (src / "manifest.toml").write_text('[[document]]\npath = "missing.txt"\n')
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "missing.txt" in r.output and "manifest.toml" in r.output
    (src / "manifest.toml").write_text('[[document]]\npath = "../../outside.txt"\n')
    (project.parent / "outside.txt").write_text("x")
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "outside the project" in r.output
    (src / "manifest.toml").write_text('[[document]\npath = "a.txt"\n')
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "manifest.toml:1: malformed TOML" in r.output
    assert _count_docs(project) == 0


def test_malformed_config(project: Path):
    (project / "audit.toml").write_text("[audit\nsources = 3")
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "audit.toml" in r.output and "malformed TOML" in r.output
    (project / "audit.toml").write_text('[audit]\nfail_on = "sometimes"\n')
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "fail_on" in r.output
    (project / "audit.toml").write_text('[audit]\nsauces = "x"\n')
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "sauces" in r.output


def test_pyproject_tool_table(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Some text.")
    (tmp_path / "pyproject.toml").write_text('[tool.audit]\nsources = "docs"\ndb = "x.duckdb"\n')
    assert invoke("ingest", tmp_path).exit_code == 0
    assert (tmp_path / "x.duckdb").exists()


def test_empty_document_warns(project: Path):
    (project / "sources" / "empty.txt").write_text("")
    r = invoke("ingest", project)
    assert r.exit_code == 0
    assert "empty.txt" in r.output and "warning" in r.output
    assert _count_docs(project) == 1


def test_reingest_is_idempotent_and_changes_make_versions(project: Path):
    f = project / "sources" / "a.txt"
    f.write_text("First version: $10 million.")
    assert "1 added" in invoke("ingest", project).output
    assert "1 unchanged" in invoke("ingest", project).output
    con = duckdb.connect(str(db_of(project)), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    con.close()
    f.write_text("Second version: $12 million.")
    assert "1 updated" in invoke("ingest", project).output
    con = duckdb.connect(str(db_of(project)), read_only=True)
    rows = con.execute("SELECT version FROM document_versions ORDER BY version").fetchall()
    assert rows == [(1,), (2,)]
    cur = con.execute("SELECT d.text FROM document_paths JOIN documents d USING (document_id)")
    assert cur.fetchall() == [("Second version: $12 million.",)]


def test_unchanged_files_are_vouched_for_by_their_metadata(project: Path, monkeypatch):
    """A file hashed once, and older than the clock's tick, is not read again while its size,
    modification time and inode stay; other bytes under new metadata are read (and a file
    modified just before it was hashed is hashed again next time)."""
    import hashlib
    import os
    import time

    from audit.ingest import pipeline

    a, b = project / "sources" / "a.txt", project / "sources" / "b.txt"
    a.write_text("First file: $10 million.")
    b.write_text("Second file: $20 million.")
    old = time.time() - 60
    os.utime(a, (old, old))
    assert "2 added" in invoke("ingest", project).output  # a's metadata recorded as read
    hashed: list[bytes] = []
    real = hashlib.sha256

    def counting(data: bytes = b"", **kw):
        hashed.append(bytes(data))
        return real(data, **kw)

    monkeypatch.setattr(pipeline.hashlib, "sha256", counting)
    for _ in range(2):
        hashed.clear()
        assert "2 unchanged" in invoke("ingest", project).output
        # a vouched for by its metadata; b, modified too recently, hashed again
        assert a.read_bytes() not in hashed and b.read_bytes() in hashed
    a.write_text("First file: $11 million.")  # same size, new mtime
    os.utime(a, (old + 1, old + 1))
    out = invoke("ingest", project).output
    assert "1 updated" in out and "1 unchanged" in out
    con = duckdb.connect(str(db_of(project)), read_only=True)
    texts = {r[0] for r in con.execute(
        "SELECT d.text FROM document_paths JOIN documents d USING (document_id)").fetchall()}
    con.close()
    assert "First file: $11 million." in texts


def test_document_id_is_content_hash(project: Path, tmp_path: Path):
    (project / "sources" / "a.txt").write_text("Same bytes.")
    invoke("ingest", project)
    other = tmp_path / "other"
    invoke("init", other)
    (other / "sources" / "b.txt").write_text("Same bytes.")
    invoke("ingest", other)
    ids = []
    for root in (project, other):
        con = duckdb.connect(str(db_of(root)), read_only=True)
        ids.append(con.execute("SELECT document_id FROM documents").fetchone()[0])
        con.close()
    assert ids[0] == ids[1]


def test_database_in_use(project: Path):
    (project / "sources" / "a.txt").write_text("Text.")
    invoke("ingest", project)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); "
         "time.sleep(30)", str(db_of(project))],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        r = subprocess.run([sys.executable, "-m", "audit", "ingest", str(project)],
                           capture_output=True, text=True)
        assert r.returncode == 2
        assert "in use" in r.stderr and "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.wait()


def test_newer_schema_refused(project: Path):
    (project / "sources" / "a.txt").write_text("Text.")
    invoke("ingest", project)
    con = duckdb.connect(str(db_of(project)))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    r = invoke("ingest", project)
    assert r.exit_code == 2 and "newer" in r.output


def test_memory_db(project: Path):
    (project / "sources" / "a.txt").write_text("Text.")
    r = invoke("ingest", project, "--db", ":memory:")
    assert r.exit_code == 0 and "1 added" in r.output
    assert not db_of(project).exists()


def test_internal_error_exits_3():
    import click
    from click.testing import CliRunner

    from audit.cli import handle_errors

    @click.command()
    @handle_errors
    def boom():
        raise RuntimeError("kaput")

    r = CliRunner().invoke(boom, [])
    assert r.exit_code == 3
    assert "internal error" in r.output and "Traceback" not in r.output


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from audit.cli import main; sys.argv=['audit','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('pandas','great_expectations','pandera','duckdb') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HEAVY []" in out


def test_older_schema_is_migrated_forward(tmp_path: Path):
    from audit.store import open_store
    from audit.store.schema import MIGRATIONS

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.query("SELECT count(*) FROM document_stories") == [(0,)]


def test_pooled_reading_matches_serial_and_reports_bad_files(project: Path, tmp_path: Path,
                                                              monkeypatch):
    import audit.ingest.pipeline as pipeline

    for i in range(6):
        (project / "sources" / f"doc{i}.txt").write_text(f"Story {i}\n\nThe fund holds ${i} million.")
    assert invoke("ingest", project).exit_code == 0
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    monkeypatch.setenv("AUDIT_WORKERS", "2")
    pooled = tmp_path / "pooled.duckdb"
    assert invoke("ingest", project, "--db", pooled).exit_code == 0
    q = "SELECT document_id, text FROM documents ORDER BY 1"
    a = duckdb.connect(str(db_of(project)), read_only=True)
    b = duckdb.connect(str(pooled), read_only=True)
    try:
        assert a.execute(q).fetchall() == b.execute(q).fetchall()
        assert a.execute("SELECT * FROM zones ORDER BY ALL").fetchall() == \
            b.execute("SELECT * FROM zones ORDER BY ALL").fetchall()
    finally:
        a.close()
        b.close()
    (project / "sources" / "zz.txt").write_bytes(b"\x00\x01binary")
    r = invoke("ingest", project, "--db", pooled)
    assert r.exit_code == 2 and "zz.txt" in r.output and "NUL" in r.output


def test_interrupted_extraction_resumes_where_it_stopped(project: Path, monkeypatch):
    """Extraction commits each batch with its documents' extraction records: after a failure
    the batches done stay done, and the next run extracts only the rest."""
    import audit.extract.pipeline as pipeline

    for i in range(6):
        (project / "sources" / f"d{i}.txt").write_text(
            f"Report {i}: the lab received ${i + 2} million on Monday, 3 June 2024.")
    assert invoke("ingest", project).exit_code == 0
    monkeypatch.setattr(pipeline, "BATCH_DOCS", 2)
    real, calls = pipeline._extract_job, []

    def failing(job):
        calls.append(job[0])
        if len(calls) == 5:
            raise RuntimeError("worker lost")
        return real(job)

    monkeypatch.setattr(pipeline, "_extract_job", failing)
    assert invoke("extract", project).exit_code == 3  # a bug, not a user error
    con = duckdb.connect(str(db_of(project)), read_only=True)
    done = {r[0] for r in con.execute("SELECT document_id FROM extractions").fetchall()}
    claimed = {r[0] for r in con.execute("SELECT DISTINCT document_id FROM claims").fetchall()}
    con.close()
    assert len(done) == 4 and claimed == done  # two whole batches, nothing of the third
    monkeypatch.setattr(pipeline, "_extract_job", real)
    r = invoke("extract", project)
    assert r.exit_code == 0 and "2 document(s) extracted" in r.output


RELEASE = """Tarnby ferry terminal gets a new pier

TARNBY - The port of Tarnby opened its new ferry pier on Friday, 6 June 2025, with 14.5 million
euros from the regional council and the harbour board.

"The pier doubles our capacity," said harbour master Lena Voss.

About the partnership: the council and the harbour board have worked together since 2019.

- ENDS -

Notes to editors

1. The Tarnby Harbour Board was founded in 1887 and manages 6 piers. In 2023 it invested
   3 million euros in dredging.

About Tarnby Harbour Board

The board employs 240 people and handled 1.2 million passengers last year.
"""


def test_press_release_back_matter_is_boilerplate(project: Path):
    (project / "sources" / "release.txt").write_text(RELEASE)
    assert invoke("ingest", project).exit_code == 0
    zones = zones_of(db_of(project), "release.txt")
    assert kind_of(zones, "opened its new ferry pier") == "body"
    assert kind_of(zones, "About the partnership") == "body"  # a sentence, not a heading
    for needle in ("- ENDS -", "Notes to editors", "invested", "employs 240 people"):
        assert kind_of(zones, needle) == "boilerplate", needle


def test_a_new_zoner_rezones_stored_documents(project: Path):
    """A database written by an older zoner is re-zoned (and re-extracted) by the next run."""
    (project / "sources" / "release.txt").write_text(RELEASE)
    assert invoke("run", project, "--fail-on", "never").exit_code == 0
    db = db_of(project)
    fresh = zones_of(db, "release.txt")
    con = duckdb.connect(str(db))
    con.execute("UPDATE zones SET kind = 'body'")  # what an older zoner might have said
    con.execute("UPDATE meta SET value = '1' WHERE key = 'zoner_version'")
    con.execute("UPDATE extractions SET signature = 'older'")
    con.close()
    assert kind_of(zones_of(db, "release.txt"), "employs 240 people") == "body"
    r = invoke("run", project, "--fail-on", "never")
    assert r.exit_code == 0, r.output
    assert zones_of(db, "release.txt") == fresh
    con = duckdb.connect(str(db), read_only=True)
    compared = con.execute("SELECT count(*) FROM claims WHERE compared AND value_text LIKE "
                           "'%240%'").fetchone()[0]
    version = con.execute("SELECT value FROM meta WHERE key = 'zoner_version'").fetchone()[0]
    con.close()
    assert compared == 0 and version == ZONER_VERSION


def test_parsed_manifest_is_kept_beside_the_store(project: Path, monkeypatch):
    """A manifest whose metadata is unchanged is not parsed again (its parsed entries are kept
    in a file beside the store); an edited one is, and its new metadata reaches the document."""
    import os
    import time

    from audit.ingest import manifest as manifest_module

    src = project / "sources"
    (src / "a.txt").write_text("Some text: $10 million.")
    man = src / "manifest.toml"
    man.write_text('[[document]]\npath = "a.txt"\ntitle = "Old title"\ndate = 2024-04-09\n'
                   'retrieved = 2024-04-10T08:00:00Z\n')
    old = time.time() - 60
    os.utime(man, (old, old))
    assert "1 added" in invoke("ingest", project).output
    assert invoke("ingest", project).exit_code == 0  # the store exists now: kept
    assert Path(f"{db_of(project)}.manifests").is_file()
    parsed: list[Path] = []
    real = manifest_module.read_manifest

    def counting(path):
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(manifest_module, "read_manifest", counting)
    assert "1 unchanged" in invoke("ingest", project).output
    assert parsed == []
    from audit.ingest.pipeline import find_sources

    files, _ = find_sources([src], project, manifests=manifest_module.ManifestCache(
        Path(f"{db_of(project)}.manifests")))
    assert files[0].meta == {"path": "a.txt", "title": "Old title",
                             "date": __import__("datetime").date(2024, 4, 9),
                             "retrieved": real(man)[1][0]["retrieved"]}
    man.write_text(man.read_text().replace("Old title", "New title"))
    assert "1 unchanged" in invoke("ingest", project).output
    assert parsed == [man]
    con = duckdb.connect(str(db_of(project)), read_only=True)
    assert con.execute("SELECT title FROM documents").fetchall() == [("New title",)]
    con.close()


def test_first_run_keeps_its_parsed_manifest_once_the_store_exists(project: Path):
    (project / "sources" / "a.txt").write_text("Some text: $10 million.")
    import os
    import time

    man = project / "sources" / "manifest.toml"
    man.write_text('[[document]]\npath = "a.txt"\ntitle = "A title"\n')
    os.utime(man, (time.time() - 60, time.time() - 60))
    kept = Path(f"{db_of(project)}.manifests")
    assert invoke("run", project, "--fail-on", "never").exit_code == 0
    assert "manifest.toml" in kept.read_text()
