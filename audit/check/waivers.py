"""Accepted findings (``checks/waivers.toml``): a known finding, by fingerprint, with a reason.

    [[waiver]]
    fingerprint = "f3b9c0d1e2f3a4b5c"
    reason = "the blog corrected this on April 12; we audit the archived copy"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from audit.errors import ConfigError

WAIVER_FILE = "waivers.toml"


@dataclass(frozen=True)
class Waiver:
    fingerprint: str
    reason: str


def load_waivers(checks_dir: Path | None) -> list[Waiver]:
    if checks_dir is None or not (checks_dir / WAIVER_FILE).is_file():
        return []
    path = checks_dir / WAIVER_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"malformed TOML: {exc}", path) from None
    items = data.get("waiver", [])
    if not isinstance(items, list):
        raise ConfigError("'waiver' must be an array of tables ([[waiver]])", path)
    out = []
    for n, w in enumerate(items, 1):
        if not isinstance(w, dict) or not isinstance(w.get("fingerprint"), str) \
                or not w["fingerprint"].startswith("f"):
            raise ConfigError(f"waiver #{n} needs a 'fingerprint' (an id like f3b9c...)", path)
        if not isinstance(w.get("reason"), str) or not w["reason"].strip():
            raise ConfigError(f"waiver #{n} ({w['fingerprint']}) needs a 'reason'", path)
        out.append(Waiver(w["fingerprint"], w["reason"].strip()))
    return out
