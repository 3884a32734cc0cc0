"""Stage timings for ``audit run --timings``: wall time per stage and the peak memory so far.

Benchmarks read these lines instead of guessing which stage a slow or large run spends on.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


def peak_rss_mb() -> float:
    """Peak resident memory of this process (the largest of it and of its finished worker
    processes, each counted alone), in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024  # bytes vs KiB
    return max(own, kids) * scale


class Timings:
    """Collects (stage, seconds, peak MB) and prints them as one line."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.stages: list[tuple[str, float, float]] = []
        self.inner: set[int] = set()  # stages timed inside another (left out of the total)
        self._open = 0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        nested = self._open > 0
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1
            if nested:
                self.inner.add(len(self.stages))
            self.stages.append((name, time.perf_counter() - t0, peak_rss_mb()))

    def line(self) -> str:
        parts, inner = [], []
        for i, (n, s, m) in enumerate(self.stages):
            if i in self.inner:  # finished before the stage it is part of
                inner.append(f"{n} {s:.1f} s")
                continue
            parts.append(f"{n} {s:.1f} s ({m:,.0f} MiB" + "".join(f"; {x}" for x in inner)
                         + ")")
            inner = []
        total = sum(s for i, (_, s, _) in enumerate(self.stages) if i not in self.inner)
        peak = max((m for _, _, m in self.stages), default=peak_rss_mb())
        return (f"timings: {', '.join(parts)}; total {total:.1f} s; peak RSS {peak:,.0f} MiB "
                "(the MiB after each stage is the peak so far)")
