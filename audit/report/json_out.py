"""The findings JSON: the bundle without the documents' text, zones and claims."""

from __future__ import annotations

import json
from typing import Any

DOCUMENT_KEYS = ("id", "path", "title", "publisher", "url", "published", "chars")


def findings_document(bundle: dict[str, Any]) -> dict[str, Any]:
    """A shallow copy of the bundle whose documents keep only their metadata."""
    out = dict(bundle)
    out["documents"] = [
        {k: d[k] for k in DOCUMENT_KEYS if k in d} for d in bundle.get("documents") or []
    ]
    return out


def render_json(bundle: dict[str, Any]) -> str:
    return (
        json.dumps(findings_document(bundle), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    )
