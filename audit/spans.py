"""Spans: the provenance of every claim, as W3C TextQuoteSelector plus position.

``make_span`` is the only way spans are built, so the invariant ``text[start:end] == exact``
holds by construction; ``verify_span`` re-checks it against stored text.
"""

from __future__ import annotations

import bisect
import hashlib

CONTEXT = 32


class LineIndex:
    """Maps offsets to 1-based (line, column) in O(log n)."""

    def __init__(self, text: str):
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def locate(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def span_id(document_id: str, start: int, end: int) -> str:
    return "s" + hashlib.sha256(f"{document_id}:{start}:{end}".encode()).hexdigest()[:16]


def make_span(document_id: str, text: str, start: int, end: int, lines: LineIndex) -> dict:
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} outside text of length {len(text)}")
    line, col = lines.locate(start)
    return {
        "span_id": span_id(document_id, start, end),
        "document_id": document_id,
        "start_char": start,
        "end_char": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT):start],
        "suffix": text[end:end + CONTEXT],
        "line": line,
        "col": col,
    }


def verify_span(text: str, start: int, end: int, exact: str) -> bool:
    return text[start:end] == exact
