"""Where a piece of evidence is, as one short text for every renderer."""

from __future__ import annotations

from audit.report.bundle import Evidence


def where(ev: Evidence, sep: str = ":") -> str:
    """'path:line', or 'path (page N)' for a PDF, whose stored lines mean nothing to a reader."""
    path = str(ev.get("path") or ev.get("document_id") or "")
    if (page := ev.get("page")) is not None:
        return f"{path} (page {int(page)})"
    if ev.get("line") is not None:
        return f"{path}{sep}{ev['line']}"
    return path
