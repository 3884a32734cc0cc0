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
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from audit.ingest.paths import Resolver
from audit.projectfiles import ProjectFileError, read_manifest

MANIFEST_NAME = "manifest.toml"


@dataclass
class Manifest:
    path: Path | None = None
    entries: dict[Path, dict] = field(default_factory=dict)  # resolved file path -> metadata
    exclude: tuple[str, ...] = ()
    digest: str = ""  # of the manifest's bytes: an edit re-reads the files it describes


def load_manifest(folder: Path, project_root: Path, real: Resolver | None = None) -> Manifest:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    exclude, docs = read_manifest(path)
    entries: dict[Path, dict] = {}
    root = os.fspath(project_root.resolve())
    inside = os.path.join(root, "")
    base = os.fspath(folder)
    real = real or Resolver()
    for n, entry in enumerate(docs, 1):  # string work: a manifest may list 100,000s of files
        target = real(os.path.join(base, entry["path"]))
        where = os.fspath(target)
        if where != root and not where.startswith(inside):
            raise ProjectFileError(f"document #{n}: path '{entry['path']}' is outside the "
                                   "project", path)
        if not os.path.isfile(where):
            raise ProjectFileError(f"document #{n}: file '{entry['path']}' does not exist", path)
        meta = dict(entry)
        if "date" in meta:
            meta["date"] = _parse_date(meta["date"], path, n)
        entries[target] = meta
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return Manifest(path, entries, tuple(exclude), digest)


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
    raise ProjectFileError(f"document #{n}: date {val!r} is not an ISO date (YYYY-MM-DD)", path)


def parse_loose_date(val: str | None) -> dt.date | None:
    """Best effort for dates read from a file's own metadata (never an error)."""
    if not val:
        return None
    try:
        return dt.date.fromisoformat(val.strip()[:10])
    except ValueError:
        return None
