"""Files that hold many documents: RSS/Atom feeds (feedparser) and tables (JSONL, CSV, Parquet,
read by DuckDB itself).

Each entry or row becomes one :class:`Entry`: a key that is unique within the file (the
entry's id or link, the row's id column, or its row number), its parsed text and metadata,
and the bytes its document id is derived from. The document's path is ``file#key``, so
evidence names the file and the entry. Tables are read in batches, so a large file never sits
in memory whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from audit.errors import InputError
from audit.ingest.readers import Parsed, _join, read_html, read_text

FEED_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml",
              ".xml": "application/rss+xml"}
TABLE_TYPES = {".jsonl": "application/x-ndjson", ".ndjson": "application/x-ndjson",
               ".csv": "text/csv", ".parquet": "application/vnd.apache.parquet"}
MEDIA_TYPES = {**FEED_TYPES, **TABLE_TYPES}
BATCH_ROWS = 2_000
_KEY_UNSAFE = re.compile(r"[\x00-\x20\x7f#]+")
MAX_KEY = 120


@dataclass(frozen=True)
class TableMapping:
    """Which columns of a table hold what (``[audit.tables]`` in the config)."""

    text: str = "text"
    id: str | None = "id"
    title: str | None = "title"
    date: str | None = "date"
    url: str | None = "url"
    publisher: str | None = "publisher"


TABLE_KEYS = tuple(f.name for f in fields(TableMapping))  # what [audit.tables] may set


@dataclass
class Entry:
    key: str
    parsed: Parsed
    media_type: str
    digest: str  # sha256 of the entry's own content
    size: int
    meta: dict[str, object] = field(default_factory=dict)


def is_collection(path: Path) -> bool:
    return path.suffix.lower() in MEDIA_TYPES


def clean_key(value: object, fallback: str) -> str:
    """A key usable after '#' in a path: no spaces, control characters or '#', bounded length."""
    key = _KEY_UNSAFE.sub("-", str(value if value is not None else "")).strip("-")[:MAX_KEY]
    return key or fallback


def _unique(key: str, seen: set[str]) -> str:
    out, n = key, 2
    while out in seen:
        out, n = f"{key}~{n}", n + 1
    seen.add(out)
    return out


def _digest(*parts: object) -> tuple[str, int]:
    blob = json.dumps([str(p) if p is not None else None for p in parts],
                      ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest(), len(blob)


# --- feeds --------------------------------------------------------------------------------

def read_feed(raw: bytes, path: Path) -> Iterator[Entry]:
    import feedparser

    feed = feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=False)
    problem = getattr(feed, "bozo_exception", None) if feed.bozo else None
    if problem is not None and hasattr(problem, "getLineNumber"):
        # malformed XML: feedparser's lenient parse may have recovered some entries, but a
        # truncated or broken feed is refused rather than audited in part
        raise InputError(f"malformed feed XML at line {problem.getLineNumber()}: "
                         f"{problem.getMessage() if hasattr(problem, 'getMessage') else problem}",
                         path)
    if not feed.entries:
        if feed.bozo:
            reason = str(getattr(feed, "bozo_exception", "") or "malformed XML")
            raise InputError(f"not an RSS or Atom feed ({reason[:200]})", path)
        if not feed.feed:
            raise InputError("not an RSS or Atom feed (no channel or feed element)", path)
        return
    publisher = (feed.feed.get("title") or "").strip() or None
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/rss+xml")
    if feed.get("version", "").startswith("atom"):
        media_type = "application/atom+xml"
    seen: set[str] = set()
    for n, item in enumerate(feed.entries, 1):
        title = (item.get("title") or "").strip()
        contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
        body = "\n".join(contents) or item.get("summary", "") or ""
        parsed = read_html(f"<article>{f'<h1>{_esc(title)}</h1>' if title else ''}{body}</article>")
        parsed.meta = {}
        key = _unique(clean_key(item.get("id") or item.get("link"), f"entry-{n}"), seen)
        date = None
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        if stamp:
            date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        digest, size = _digest(key, title, body, item.get("link"), date)
        meta: dict[str, object] = {"title": title or None, "url": item.get("link"),
                                   "date": date, "publisher": publisher}
        yield Entry(key, parsed, media_type, digest, size,
                    {k: v for k, v in meta.items() if v})


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=False)


# --- tables -------------------------------------------------------------------------------

def _source_sql(path: Path) -> str:
    """The table function reading ``path`` (the path is a bound parameter)."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "read_json(?, format = 'newline_delimited')"
    if suffix == ".csv":
        return "read_csv(?, header = true)"
    return "read_parquet(?)"


def read_table(path: Path, mapping: TableMapping) -> Iterator[Entry]:
    """One entry per row; the mapped ``text`` column is the document (plain text)."""
    import duckdb

    con = duckdb.connect()
    try:
        source = _source_sql(path)
        try:
            columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}",
                                                 [str(path)]).fetchall()]
        except duckdb.Error as exc:
            raise InputError(f"cannot read table: {_first_line(exc)}", path) from None
        if mapping.text not in columns:
            raise InputError(f"no column '{mapping.text}' holding the text (columns: "
                             f"{', '.join(columns[:20])}); set [audit.tables] text = ...", path)
        wanted = {"text": mapping.text}
        for name in ("id", "title", "date", "url", "publisher"):
            col = getattr(mapping, name)
            if col and col in columns:
                wanted[name] = col
        select = ", ".join(f'CAST("{c.replace(chr(34), chr(34) * 2)}" AS VARCHAR) AS "{k}"'
                           for k, c in wanted.items())
        try:
            cur = con.execute(f"SELECT {select} FROM {source}", [str(path)])
        except duckdb.Error as exc:
            raise InputError(f"cannot read table: {_first_line(exc)}", path) from None
        media_type = TABLE_TYPES[path.suffix.lower()]
        seen: set[str] = set()
        row_no = 0
        while True:
            try:
                rows = cur.fetchmany(BATCH_ROWS)
            except duckdb.Error as exc:
                raise InputError(f"cannot read table after row {row_no}: {_first_line(exc)}",
                                 path) from None
            if not rows:
                break
            for values in rows:
                row_no += 1
                row = dict(zip(wanted, values, strict=True))
                key = _unique(clean_key(row.get("id"), f"row-{row_no}"), seen)
                text = row["text"] or ""
                parsed = read_text(text) if "\n" in text else _join([(text, "p", "")])
                digest, size = _digest(key, text, row.get("title"), row.get("date"),
                                       row.get("url"), row.get("publisher"))
                meta = {k: row[k] for k in ("title", "date", "url", "publisher") if row.get(k)}
                yield Entry(key, parsed, media_type, digest, size, meta)
    finally:
        con.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
