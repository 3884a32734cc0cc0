"""Progress bars for the long stages, for a person watching a terminal and nobody else.

A stage that can take more than a couple of seconds (ingest, extraction, resolution, the checks,
the reports) reports its units of work to a :class:`Bar`; the bar is drawn by tqdm on stderr
only when stderr is a terminal, the command is not quiet (``-q``), ``CI`` is not set, and
``TERM`` is not ``dumb``. Piped or redirected output, CI logs and ``-q`` get nothing. tqdm draws
no colour, so ``NO_COLOR`` holds by construction; the bar is ASCII when ``NO_COLOR`` is set or
the terminal cannot encode block characters.

The pipeline functions take any object with ``start(total)`` and ``advance(n)``; the default
:data:`NO_PROGRESS` does nothing, so library callers and tests pay nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TextIO


class Bar(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


NO_PROGRESS: Bar = _Silent()


def wanted(quiet: bool = False, stream: TextIO | None = None) -> bool:
    """Whether bars should be drawn: a terminal on stderr, not quiet, not CI."""
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI", "").lower() not in ("", "0", "false"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Tqdm:
    """One stage's bar; created empty, sized by ``start`` once the stage knows its total."""

    def __init__(self, desc: str, unit: str, stream: TextIO):
        self.desc, self.unit, self.stream = desc, unit, stream
        self.bar: Any = None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        if self.bar is not None:
            self.bar.close()
        ascii_only = bool(os.environ.get("NO_COLOR")) or \
            (getattr(self.stream, "encoding", "") or "").lower() not in ("utf-8", "utf8")
        # a terminal that reports no size (some pseudo-terminals) gets 80x24: tqdm draws
        # nothing at all when it reads zero rows
        size = shutil.get_terminal_size((80, 24))
        self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, file=self.stream,
                        leave=False, mininterval=0.5, ncols=min(size.columns, 120),
                        nrows=size.lines if size.lines > 0 else 24, ascii=ascii_only,
                        colour=None)

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class ProgressBars:
    """Bars for one command: ``with bars.stage("extract", "doc") as bar: ...``."""

    def __init__(self, enabled: bool, stream: TextIO | None = None):
        self.enabled = enabled
        self.stream = stream or sys.stderr

    @classmethod
    def for_command(cls, quiet: bool = False) -> ProgressBars:
        return cls(wanted(quiet))

    @contextmanager
    def stage(self, desc: str, unit: str = "it") -> Iterator[Bar]:
        if not self.enabled:
            yield NO_PROGRESS
            return
        bar = _Tqdm(desc, unit, self.stream)
        try:
            yield bar
        finally:
            bar.close()
