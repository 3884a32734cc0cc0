"""The findings JSON: the bundle without the documents' text, zones and claims."""

from __future__ import annotations

import io
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
    data, index = old if old is not None else (b"", {})
    reused: dict[str, bytes] = {}
    for _, key in keys:
        at = index.get(key)
        if at is not None:
            piece = data[at[0]:at[0] + at[1]]
            if len(piece) != at[1] or not piece.startswith(pad.encode() + b"{") \
                    or not piece.endswith(b"}"):
                reused = {}  # not the file the index describes: encode everything
                break
            reused[key] = piece
    fresh = findings.select([fid for fid, key in keys if key not in reused])
    items.copied += sum(1 for _, key in keys if key in reused)
    items.encoded += sum(1 for _, key in keys if key not in reused)
    out = fh.buffer  # type: ignore[attr-defined]  # a text file over a binary one (patchable)
    fh.flush()
    pos = out.write(head.encode())
    new_index: dict[str, list[int]] = {}
    for i, (fid, key) in enumerate(keys):
        copied = reused.get(key)
        if copied is None:
            item = next(fresh)
            if item["id"] != fid:  # pragma: no cover - both are read in report order
                raise RuntimeError(f"findings JSON: expected finding {fid}, read {item['id']}")
            piece = (pad + encode(item, pad, sort_keys=True)).encode()
        else:
            piece = copied
        pos += out.write(b"[\n" if i == 0 else b",\n")
        new_index[key] = [pos, len(piece)]
        pos += out.write(piece)
    if next(fresh, None) is not None:  # pragma: no cover - both are read in report order
        raise RuntimeError("findings JSON: more findings read than keyed")
    out.write(close(not keys, pad, tail).encode())
    out.flush()
    items.wrote(path, layout, new_index)


def render_json(bundle: ReportBundle) -> str:
    buf = io.StringIO()
    write_json(bundle, buf)
    return buf.getvalue()
