"""Worker processes that end with their parent.

A process pool's workers (and the judging worker) wait on a pipe from the parent; when the
parent is killed outright (kill -9, the OOM killer) nobody tells them, and they used to stay
behind holding memory and a resource tracker. Each worker calls :func:`die_with_parent`
first: a daemon thread that polls the parent's id and exits the process once it changes
(the worker was re-parented, so its parent is gone). Polling ``getppid`` is portable and
costs nothing measurable; it never depends on which thread of the parent started the worker.
"""

from __future__ import annotations

import os
import threading

POLL_SECONDS = 0.25


def die_with_parent(parent_pid: int) -> None:
    """Exit this process within ``POLL_SECONDS`` of ``parent_pid`` ending."""
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="audit-parent-watch", daemon=True).start()
