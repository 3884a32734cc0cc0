"""Errors that map to exit codes.

User errors (bad input, bad config, a busy database) exit 2 with a one-line message and no
traceback; anything else is a bug and exits 3.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class AuditError(Exception):
    """A problem with the user's input or environment; the message is shown as-is."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, path: object | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path is not None else message)


class InputError(AuditError):
    """A source document, manifest or declared-facts file cannot be read."""


class ConfigError(AuditError):
    """The project configuration, a suite or a waiver file is malformed."""


class DatabaseBusy(AuditError):
    """Another process holds the database."""


class EnvironmentFault(AuditError):
    """The machine refused: disk full, no permission, a read-only folder. Not a bug: exit 2."""


# errno names of environment failures (disk full, quota, permission, read-only, too large)
ENVIRONMENT_ERRNOS = ("ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EFBIG")
# the same failures as DuckDB words them (it raises its own exception types)
ENVIRONMENT_PHRASES = ("No space left on device", "Disk quota exceeded", "Permission denied",
                       "Read-only file system", "File too large", "Operation not permitted")


def environment_fault(exc: BaseException) -> EnvironmentFault | None:
    """``exc`` as an :class:`EnvironmentFault` naming the path, when the machine caused it."""
    import errno

    if isinstance(exc, OSError) and exc.errno is not None \
            and errno.errorcode.get(exc.errno) in ENVIRONMENT_ERRNOS:
        where = exc.filename if exc.filename is not None else None
        return EnvironmentFault(f"{exc.strerror or exc} ({_hint(exc.errno)})", where)
    text = str(exc)
    if "duckdb" in type(exc).__module__:
        for phrase in ENVIRONMENT_PHRASES:
            if phrase in text:
                return EnvironmentFault(f"database: {text.splitlines()[0]}")
    return None


def _hint(code: int) -> str:
    import errno

    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "free some space, or point db/out elsewhere"
    if code == errno.EROFS:
        return "the folder is read-only; point db/out at a writable folder"
    return "no permission; check the owner and mode of the file or folder"
