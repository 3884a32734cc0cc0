"""Picking the findings a short report shows, without holding every finding in memory."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from typing import TypeVar

from audit.severity import rank

F = TypeVar("F", bound=Mapping[str, object])  # a finding: the bundle's or a plain dict


def most_severe(findings: Iterable[F], n: int) -> tuple[list[F], int]:
    """The ``n`` most severe open (not accepted) findings, ties in input order, and how many
    findings are open.

    Works in O(n) memory over a stream, so a summary of 100,000 findings keeps only the top ones.
    """
    seen = 0

    def ranked():
        nonlocal seen
        for i, f in enumerate(findings):
            if f.get("accepted"):
                continue
            seen += 1
            yield rank(f.get("severity")), i, f

    top = heapq.nsmallest(max(0, n), ranked(), key=lambda t: (t[0], t[1]))
    if n <= 0:  # nsmallest(0) does not consume the stream: count it
        for _ in ranked():
            pass
    return [f for _, _, f in top], seen
