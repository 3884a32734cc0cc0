"""Accepted findings (``checks/waivers.toml``): a known finding, by fingerprint, with a reason.

    [[waiver]]
    fingerprint = "f3b9c0d1e2f3a4b5c"
    reason = "the blog corrected this on April 12; we audit the archived copy"
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from audit.projectfiles import read_waivers

WAIVER_FILE = "waivers.toml"


@dataclass(frozen=True)
class Waiver:
    fingerprint: str
    reason: str


def load_waivers(checks_dir: Path | None) -> list[Waiver]:
    if checks_dir is None or not (checks_dir / WAIVER_FILE).is_file():
        return []
    return [Waiver(fp, reason) for fp, reason in read_waivers(checks_dir / WAIVER_FILE)]
