"""The sources manifest (``sources/manifest.toml``): metadata for each document.

    [settings]
    exclude = ["PLANTED.md"]          # glob patterns, relative to the sources folder

    [[document]]
    path = "wire-story.txt"          # relative to the folder holding the manifest
    title = "..."
    publisher = "..."
    url = "https://..."
    date = 2024-04-09                # TOML date or ISO string

Documents without an entry still ingest, with what can be read from the file itself.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from audit.errors import InputError
from audit.ingest.paths import Resolver

MANIFEST_NAME = "manifest.toml"
_FIELDS = {"path", "title", "publisher", "url", "date", "retrieved"}


@dataclass
class Manifest:
    path: Path | None = None
    entries: dict[Path, dict] = field(default_factory=dict)  # resolved file path -> metadata
    exclude: tuple[str, ...] = ()


def load_manifest(folder: Path, project_root: Path, real: Resolver | None = None) -> Manifest:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"malformed manifest: {exc}", path) from None
    settings = data.get("settings", {})
    exclude = settings.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise InputError("settings.exclude must be a list of glob patterns", path)
    docs = data.get("document", [])
    if not isinstance(docs, list):
        raise InputError("'document' must be an array of tables ([[document]])", path)
    entries: dict[Path, dict] = {}
    root = project_root.resolve()
    real = real or Resolver()
    for n, entry in enumerate(docs, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise InputError(f"document #{n} has no 'path'", path)
        unknown = set(entry) - _FIELDS
        if unknown:
            raise InputError(f"document #{n} ({entry['path']}): unknown field(s) "
                             f"{', '.join(sorted(unknown))}", path)
        target = real(folder / entry["path"])
        if not target.is_relative_to(root):
            raise InputError(f"document #{n}: path '{entry['path']}' is outside the project", path)
        if not target.is_file():
            raise InputError(f"document #{n}: file '{entry['path']}' does not exist", path)
        meta = dict(entry)
        if "date" in meta:
            meta["date"] = _parse_date(meta["date"], path, n)
        entries[target] = meta
    return Manifest(path, entries, tuple(exclude))


def _parse_date(val, path: Path, n: int) -> dt.date:
    if isinstance(val, dt.datetime):
        return val.date()
    if isinstance(val, dt.date):
        return val
    if isinstance(val, str):
        try:
            return dt.date.fromisoformat(val[:10])
        except ValueError:
            pass
    raise InputError(f"document #{n}: date {val!r} is not an ISO date (YYYY-MM-DD)", path)


def parse_loose_date(val: str | None) -> dt.date | None:
    """Best effort for dates read from a file's own metadata (never an error)."""
    if not val:
        return None
    try:
        return dt.date.fromisoformat(val.strip()[:10])
    except ValueError:
        return None
