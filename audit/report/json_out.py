"""The findings JSON: the bundle without the documents' text, zones and claims."""

from __future__ import annotations

import io
from typing import IO, Any

from audit.report.bundle import ReportBundle
from audit.report.jsonstream import stream_token, write_json_streaming

DOCUMENT_KEYS = ("id", "path", "title", "publisher", "url", "published", "chars")


def findings_document(bundle: ReportBundle) -> dict[str, Any]:
    """A shallow copy of the bundle whose documents keep only their metadata (and without the
    class catalogue, which only guides the renderers)."""
    out = {k: v for k, v in bundle.items() if k != "classes"}
    out["documents"] = [
        {k: v for k, v in d.items() if k in DOCUMENT_KEYS} for d in bundle.get("documents") or []
    ]
    return out


def write_json(bundle: ReportBundle, fh: IO[str]) -> None:
    """Write the findings JSON, streaming the findings (``bundle["findings"]`` may be lazy)."""
    doc, token = findings_document(bundle), stream_token()
    doc["findings"] = token
    write_json_streaming(doc, token, bundle.get("findings") or [], fh, sort_keys=True)


def render_json(bundle: ReportBundle) -> str:
    buf = io.StringIO()
    write_json(bundle, buf)
    return buf.getvalue()
