"""The findings JSON: the bundle without the documents' text, zones and claims."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any

import duckdb

from audit.report.bundle import ReportBundle
from audit.report.jsonitems import JsonItems, item_version, patchable
from audit.report.jsonstream import close, encode, frame, stream_token, write_json_streaming

DOCUMENT_KEYS = ("id", "path", "title", "publisher", "url", "published", "chars")


def findings_document(bundle: ReportBundle) -> dict[str, Any]:
    """A shallow copy of the bundle whose documents keep only their metadata (and without the
    class catalogue, which only guides the renderers)."""
    out = {k: v for k, v in bundle.items() if k != "classes"}
    out["documents"] = [
        {k: v for k, v in d.items() if k in DOCUMENT_KEYS} for d in bundle.get("documents") or []
    ]
    return out


def write_json(bundle: ReportBundle, fh: IO[str], items: JsonItems | None = None,
               path: Path | None = None) -> None:
    """Write the findings JSON, streaming the findings (``bundle["findings"]`` may be lazy).
    ``items`` and ``path``: the store's record of the last file written at ``path``, whose
    unchanged findings are copied instead of read and encoded again."""
    doc, token = findings_document(bundle), stream_token()
    doc["findings"] = token
    findings: Any = bundle.get("findings") or []
    if path is not None and patchable(findings, fh, items):
        assert items is not None
        _write_patched(doc, token, findings, fh, items, path)
        return
    write_json_streaming(doc, token, findings, fh, sort_keys=True)


def _write_patched(doc: dict, token: str, findings: Any, fh: IO[str], items: JsonItems,
                   path: Path) -> None:
    """The bytes ``write_json_streaming`` writes; each finding whose key is in the last file's
    index is copied from that file, the others are read (in one query) and encoded."""
    head, tail, pad = frame(doc, token, sort_keys=True)
    layout = pad
    keys = findings.keys(f"{item_version()}|{duckdb.__version__}|{layout}")
    old = items.previous(path, layout)
    src, index = old if old is not None else (None, {})
    try:
        _copy_patched(head, tail, pad, keys, src, index, findings, fh, items, path)
    finally:
        if src is not None:
            src.close()


def _reusable(src: Any, index: dict[str, list[int]], keys: list, pad: str
              ) -> dict[str, list[int]]:
    """key -> [start, length] of each finding the old file holds as the index says (each one's
    ends read, not the file: it may be 680 MB); none when one does not fit."""
    if src is None:
        return {}
    fd, size = src.fileno(), os.fstat(src.fileno()).st_size
    opening = pad.encode() + b"{"
    reused: dict[str, list[int]] = {}
    for _, key in keys:
        at = index.get(key)
        if at is None:
            continue
        start, length = at
        if start < 0 or length <= len(opening) or start + length > size \
                or os.pread(fd, len(opening), start) != opening \
                or os.pread(fd, 1, start + length - 1) != b"}":
            return {}  # not the file the index describes: encode everything
        reused[key] = at
    return reused


def _copy_patched(head: str, tail: str, pad: str, keys: list, src: Any,
                  index: dict[str, list[int]], findings: Any, fh: IO[str], items: JsonItems,
                  path: Path) -> None:
    reused = _reusable(src, index, keys, pad)
    fresh = findings.select([fid for fid, key in keys if key not in reused])
    items.copied += sum(1 for _, key in keys if key in reused)
    items.encoded += sum(1 for _, key in keys if key not in reused)
    out = fh.buffer  # type: ignore[attr-defined]  # a text file over a binary one (patchable)
    fh.flush()
    pos = out.write(head.encode())
    new_index: dict[str, list[int]] = {}
    for i, (fid, key) in enumerate(keys):
        at = reused.get(key)
        if at is None:
            item = next(fresh)
            if item["id"] != fid:  # pragma: no cover - both are read in report order
                raise RuntimeError(f"findings JSON: expected finding {fid}, read {item['id']}")
            piece = (pad + encode(item, pad, sort_keys=True)).encode()
        else:
            piece = os.pread(src.fileno(), at[1], at[0])
            if len(piece) != at[1]:  # pragma: no cover - the file shrank while being read
                raise RuntimeError(f"findings JSON: {path} changed while being copied")
        pos += out.write(b"[\n" if i == 0 else b",\n")
        new_index[key] = [pos, len(piece)]
        pos += out.write(piece)
    if next(fresh, None) is not None:  # pragma: no cover - both are read in report order
        raise RuntimeError("findings JSON: more findings read than keyed")
    out.write(close(not keys, pad, tail).encode())
    out.flush()
    items.wrote(path, pad, new_index)  # the layout is the pad


def render_json(bundle: ReportBundle) -> str:
    buf = io.StringIO()
    write_json(bundle, buf)
    return buf.getvalue()
