"""Bounds on the work one group of claims can cause, with the warning a run prints when one is
reached. Every check pairs claims only inside bounded groups (a window of characters in one
document, one speaker's quotes, one relation's lists), so its cost grows near-linearly with the
corpus; these limits cap the groups that have no natural bound. Each can be raised with an
environment variable of the same name (README, "Limits")."""

from __future__ import annotations

import os

from audit.errors import ConfigError

DEFAULTS = {
    # quotes of one speaker in one story compared pairwise (the first ones, in path order)
    "AUDIT_MAX_QUOTES_PER_SPEAKER": 1000,
    # lists of one relation in one story compared with each other
    "AUDIT_MAX_LISTS_PER_RELATION": 500,
}


def limit(name: str) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return DEFAULTS[name]
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigError(f"environment variable {name} must be a whole number of at least 1, "
                          f"not {raw!r}")
    return value
