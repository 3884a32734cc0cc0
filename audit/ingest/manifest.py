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

import contextlib
import datetime as dt
import hashlib
import json
import os
import time
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


# A manifest is vouched for by its metadata unless it was modified this close to being read.
RACY_NS = 2_000_000_000


class ManifestCache:
    """Parsed manifests kept in a file beside the store (``audit.duckdb.manifests``), each
    under its file's size, modification time and inode (taken before it is read): parsing the
    TOML of a 10,000-entry manifest took most of finding the sources on a re-run. A manifest
    whose metadata changed, or that holds a value the cache cannot write (anything but text,
    dates and date-times), is read as before. ``file=None``: nothing kept."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._held: dict[str, dict] = {}
        self._fresh: dict[str, dict] = {}
        self._frozen: str | None = None  # what save() writes, once freeze() encoded it
        if file is not None:
            try:
                held = json.loads(file.read_text(encoding="utf-8"))
                self._held = held if isinstance(held, dict) else {}
            except (OSError, ValueError):
                pass

    def read(self, path: Path) -> tuple[list[str], list[dict]]:
        """``read_manifest(path)``, from the cache while the file's metadata is unchanged."""
        if self.file is None:
            return read_manifest(path)
        name = os.path.abspath(path)
        st = os.stat(path)
        stat = [st.st_size, st.st_mtime_ns, st.st_ino]
        held = self._held.get(name)
        if isinstance(held, dict) and held.get("stat") == stat:
            self._fresh[name] = held
            return list(held["exclude"]), [_decode(d) for d in held["docs"]]
        exclude, docs = read_manifest(path)
        encoded = [_encode(d) for d in docs]
        if st.st_mtime_ns < time.time_ns() - RACY_NS and all(e is not None for e in encoded):
            self._fresh[name] = {"stat": stat, "exclude": exclude, "docs": encoded}
        return exclude, docs

    def freeze(self) -> None:
        """Encode what :meth:`save` will write now and let the parsed entries go: ``audit run``
        on a new store saves only after the whole run, and the entries (~240,000 objects at
        20,000 documents) would stay live through the check. Nothing is read after this."""
        if self._frozen is None:
            self._frozen = "" if self.file is None or self._fresh == self._held \
                else json.dumps(self._fresh, sort_keys=True)
            self._held, self._fresh = {}, {}

    def save(self) -> None:
        """Keep the manifests read this time (best effort: a cache not written costs a parse)."""
        self.freeze()
        text, self._frozen = self._frozen, ""
        if self.file is None or not text:
            return
        tmp = self.file.with_name(self.file.name + f".{os.getpid()}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.file)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _encode(entry: dict) -> dict | None:
    out: dict[str, str | dict[str, str]] = {}
    for key, value in entry.items():
        if type(value) is str:
            out[key] = value
        elif type(value) is dt.date:
            out[key] = {"date": value.isoformat()}
        elif type(value) is dt.datetime:
            out[key] = {"datetime": value.isoformat()}
        else:  # a time, a number ...: read from the file (and refused there if it must be)
            return None
    return out


def _decode(entry: dict) -> dict:
    out: dict = {}
    for key, value in entry.items():
        if isinstance(value, dict):
            out[key] = dt.date.fromisoformat(value["date"]) if "date" in value \
                else dt.datetime.fromisoformat(value["datetime"])
        else:
            out[key] = value
    return out


def load_manifest(folder: Path, project_root: Path, real: Resolver | None = None,
                  cache: ManifestCache | None = None) -> Manifest:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    exclude, docs = cache.read(path) if cache is not None else read_manifest(path)
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
