"""Feeds and tables: many documents per file, each named file#key, read incrementally, and
clear errors for files that are not what their suffix says."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.conftest import invoke

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Daily</title>
<item><title>Westport gets cranes</title><link>https://news.example/cranes</link>
<guid>cranes-1</guid><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The harbour board approved $12 million for two electric cranes on
Tuesday, May 7, 2024, said board chair Lena Voss.&lt;/p&gt;</description></item>
<item><title>Cranes follow-up</title><link>https://news.example/follow-up</link>
<description>The board approved $15 million for the two cranes, chair Lena Voss said.</description>
</item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Port Notes</title><id>urn:port</id>
<updated>2024-05-08T00:00:00Z</updated>
<entry><title>Crane grant</title><id>urn:port:1</id><updated>2024-05-08T09:00:00Z</updated>
<content type="html">&lt;p&gt;Westport will spend $12 million on two cranes.&lt;/p&gt;</content></entry>
</feed>
"""


def project(tmp_path: Path, files: dict[str, str | bytes], config: str = "") -> Path:
    root = tmp_path / "proj"
    (root / "sources").mkdir(parents=True)
    for name, content in files.items():
        target = root / "sources" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n' + config)
    return root


def stored(root: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    try:
        return {r[0]: r[1:] for r in con.execute(
            "SELECT p.path, d.title, d.publisher, d.published, d.url, d.media_type, d.text "
            "FROM document_paths p JOIN documents d USING (document_id)").fetchall()}
    finally:
        con.close()


def test_feed_entries_are_documents(tmp_path):
    root = project(tmp_path, {"harbour.rss": FEED, "port.atom": ATOM})
    result = invoke("run", root, "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1, result.output  # $12 million vs $15 million: a warning
    docs = stored(root)
    entry = docs["sources/harbour.rss#cranes-1"]
    assert entry[0] == "Westport gets cranes" and entry[1] == "Harbour Daily"
    assert str(entry[2]) == "2024-05-07" and entry[3] == "https://news.example/cranes"
    assert "$12 million" in entry[5]
    assert "sources/harbour.rss#https://news.example/follow-up" in docs  # no guid: the link
    assert docs["sources/port.atom#urn:port:1"][4] == "application/atom+xml"
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    conflict = next(f for f in bundle["findings"] if f["class"] == "value-conflict")
    assert {e["path"] for e in conflict["evidence"]} >= {
        "sources/harbour.rss#cranes-1", "sources/harbour.rss#https://news.example/follow-up"}
    for e in conflict["evidence"]:
        text = next(d[5] for p, d in docs.items() if p == e["path"])
        assert text[e["start"]:e["end"]] == e["exact"]


def test_feed_reingest_is_incremental_and_removes_dropped_entries(tmp_path):
    root = project(tmp_path, {"harbour.rss": FEED})
    assert invoke("ingest", root).exit_code == 0
    again = invoke("ingest", root)
    assert "0 added, 0 updated, 2 unchanged, 0 removed" in again.output
    shorter = FEED.split("<item><title>Cranes follow-up")[0] + "</channel></rss>\n"
    (root / "sources" / "harbour.rss").write_text(shorter)
    result = invoke("ingest", root)
    assert "0 added, 0 updated, 1 unchanged, 1 removed" in result.output, result.output


def test_tables_jsonl_csv_parquet_with_mapping(tmp_path):
    rows = [{"key": f"a{i}", "body": f"Row {i} says the board approved ${i} million.",
             "headline": f"Headline {i}", "day": "2024-05-07", "outlet": "Port Post"}
            for i in range(1, 4)]
    jsonl = "".join(json.dumps(r) + "\n" for r in rows)
    csv = "key,body,headline\nc1,\"The board, in one sentence, approved $12 million.\",Row C\n"
    root = project(tmp_path, {"rows.jsonl": jsonl, "rows.csv": csv},
                   '[audit.tables]\ntext = "body"\nid = "key"\ntitle = "headline"\n'
                   'date = "day"\npublisher = "outlet"\n')
    duckdb.sql(f"COPY (SELECT 'p1' AS key, 'Parquet row: $12 million for cranes.' AS body) "
               f"TO '{root / 'sources' / 'rows.parquet'}' (FORMAT parquet)")
    result = invoke("ingest", root)
    assert result.exit_code == 0, result.output
    docs = stored(root)
    assert docs["sources/rows.jsonl#a2"][:3] == ("Headline 2", "Port Post",
                                                 docs["sources/rows.jsonl#a2"][2])
    assert str(docs["sources/rows.jsonl#a2"][2]) == "2024-05-07"
    assert docs["sources/rows.csv#c1"][5] == "The board, in one sentence, approved $12 million."
    assert docs["sources/rows.parquet#p1"][4] == "application/vnd.apache.parquet"


def test_large_table_streams_in_batches(tmp_path):
    from audit.ingest import collections

    n = collections.BATCH_ROWS * 2 + 7
    jsonl = "".join(json.dumps({"text": f"Line {i} of the table."}) + "\n" for i in range(n))
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl)
    keys = [e.key for e in collections.read_table(path, collections.TableMapping())]
    assert len(keys) == n and keys[0] == "row-1" and keys[-1] == f"row-{n}"
    assert len(set(keys)) == n


@pytest.mark.parametrize("files,config,says", [
    ({"feed.rss": "<rss><channel><item><title>x</title>"}, "", "malformed feed XML at line"),
    ({"feed.xml": "this is not xml at all"}, "", "feed"),
    ({"rows.jsonl": '{"text": "fine"}\n{"text": broken\n'}, "", "cannot read table"),
    ({"rows.jsonl": '{"body": "no text column"}\n'}, "", "no column 'text'"),
    ({"rows.csv": "id,body\n1,words\n"}, '[audit.tables]\ntext = "content"\n', "no column 'content'"),
    ({"rows.jsonl": '{"text": "x"}\n'}, '[audit.tables]\nbody = "text"\n', "unknown tables setting"),
])
def test_bad_feeds_and_tables_exit_2(tmp_path, files, config, says):
    root = project(tmp_path, {"ok.txt": "The board met on Tuesday, May 7, 2024.\n", **files},
                   config)
    result = invoke("run", root)
    assert result.exit_code == 2, result.output
    assert says in result.output, result.output
    assert "Traceback" not in result.output
    if "tables setting" not in says:
        assert next(iter(files)) in result.output  # the file is named
    assert not (root / "reports" / "findings.json").exists()
