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
