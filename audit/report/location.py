"""Where a piece of evidence is, as one short text for every renderer."""

from __future__ import annotations

from typing import Any


def where(ev: dict[str, Any], sep: str = ":") -> str:
    """'path:line', or 'path (page N)' for a PDF, whose stored lines mean nothing to a reader."""
    path = str(ev.get("path") or ev.get("document_id") or "")
    if ev.get("page") is not None:
        return f"{path} (page {int(ev['page'])})"
    if ev.get("line") is not None:
        return f"{path}{sep}{ev['line']}"
    return path
