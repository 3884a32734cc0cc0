"""Ctrl-C (SIGINT) that stops any stage within a second, and an honest account of what had
been committed when it came.

Kept free of heavy imports: the CLI imports it at start.

Python runs signal handlers only between bytecodes of the main thread, so a long DuckDB query
ignored Ctrl-C until it ended (minutes, on a hostile document). While a store is open,
:func:`watching` has the C-level handler also write to a socket (``signal.set_wakeup_fd``, set
once per process) that a thread reads at once: it interrupts the open stores' running
queries. The main thread then unwinds (the open transaction rolls back) and, before the store
closes, :func:`watching` compares what the database holds with what it held when opened; the
CLI prints :func:`message`.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

_requested = threading.Event()
_message: list[str] = []

_PROGRESS = """
    SELECT (SELECT max(updated_at) FROM document_paths),
           (SELECT max(extracted_at) FROM extractions),
           (SELECT bit_xor(hash(entity_id, canonical)) FROM entities),
           (SELECT coalesce(max(seq), 0) FROM runs)"""


def requested() -> bool:
    """Whether Ctrl-C came while a store was open (an interrupted query raises an ordinary
    error; the CLI treats any error after this as the interrupt)."""
    return _requested.is_set()


# How long to wait for the watcher thread when a query says it was interrupted before the
# thread had marked the request: DuckDB also checks for a pending Ctrl-C itself while it
# runs, so its "Query interrupted" can reach the main thread first (seen under load in CI).
INTERRUPT_GRACE = 1.0


def came(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C's doing: a KeyboardInterrupt, any error once the request is
    marked, or an error that says a query was interrupted, once the mark follows."""
    if isinstance(exc, KeyboardInterrupt) or _requested.is_set():
        return True
    return "interrupted" in str(exc).lower() and _requested.wait(INTERRUPT_GRACE)


_first: list[tuple] = []  # the store's progress when the command opened it first


def begin() -> None:
    """A new command: what it commits is counted from the first store it opens (stages open
    and close their stores one after another)."""
    _first.clear()


def message() -> str:
    return _message[-1] if _message else "interrupted; nothing was committed"


_active: list[Any] = []  # connections of the stores open now (innermost last)
_installed: list[bool] = []


def _install() -> bool:
    """Once per process, from the main thread: the wake-up socket and the thread reading it
    (kept for the process's life, so stores opened and closed in any order share it)."""
    if _installed:
        return _installed[0]
    import socket

    reader, writer = socket.socketpair()
    writer.setblocking(False)
    try:
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main thread of the main interpreter
        reader.close()
        writer.close()
        _installed.append(False)
        return False

    def watch() -> None:
        while True:
            try:
                data = reader.recv(64)
            except OSError:
                return
            if not data:
                return
            if signal.SIGINT in data:
                _requested.set()
                for con in list(_active):
                    with contextlib.suppress(Exception):
                        con.interrupt()

    threading.Thread(target=watch, name="audit-interrupt", daemon=True).start()
    _sockets.extend((reader, writer))
    _installed.append(True)
    return True


_sockets: list[Any] = []


@contextlib.contextmanager
def watching(con: Any) -> Iterator[None]:
    """Interrupt ``con``'s running query on Ctrl-C; on the way out after an interrupt, record
    what had been committed since ``con`` was opened."""
    if threading.current_thread() is not threading.main_thread() or not _install():
        yield
        return
    import duckdb

    try:
        before = con.execute(_PROGRESS).fetchone()
    except duckdb.Error:  # no schema yet (a read-only probe of a foreign file)
        before = None
    if before is not None and not _first:
        _first.append(before)
    _active.append(con)
    try:
        yield
    except BaseException as exc:
        if came(exc):
            _requested.set()
            _message.append(_account(con, _first[0] if _first else before))
        raise
    finally:
        with contextlib.suppress(ValueError):
            _active.remove(con)


READ_BACK_ATTEMPTS = 3


def _account(con: Any, before: tuple | None) -> str:
    """What was committed between ``before`` (a :data:`_PROGRESS` row) and now."""
    import duckdb

    if before is None:
        return "interrupted; nothing was committed"
    paths_at, extracted_at, entities, seq = before
    # The watcher thread's interrupt can land on the first statement after the one it was
    # aimed at (a race under load): read back again before giving up.
    for attempt in range(READ_BACK_ATTEMPTS):
        try:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")  # in case the interrupted statement left one open
            paths = con.execute("SELECT count(*) FROM document_paths WHERE ? IS NULL "
                                "OR updated_at > ?", [paths_at, paths_at]).fetchone()[0]
            docs = con.execute("SELECT count(*) FROM extractions WHERE ? IS NULL "
                               "OR extracted_at > ?", [extracted_at, extracted_at]).fetchone()[0]
            now = con.execute(_PROGRESS).fetchone()
            runs = [r[0] for r in con.execute(
                "SELECT run_id FROM runs WHERE seq > ? ORDER BY seq", [seq]).fetchall()]
            break
        except duckdb.Error:
            if attempt == READ_BACK_ATTEMPTS - 1:
                return ("interrupted; what was committed before the interrupt could not be "
                        "read back")
            time.sleep(0.05)
    done = []
    if paths:
        done.append(f"{paths} source path(s) ingested")
    if docs:
        done.append(f"{docs} document(s) extracted")
    if now[2] != entities:
        done.append("entities resolved")
    if runs:
        done.append(f"check run {', '.join(runs)}")
    if not done:
        return "interrupted; nothing was committed (the database is as it was)"
    return ("interrupted; committed before the interrupt: " + ", ".join(done)
            + "; the step that was running was rolled back (a re-run resumes from there)")
