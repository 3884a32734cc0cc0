"""Accepting a finding: append a valid ``[[waiver]]`` entry to ``checks/waivers.toml``.

The file is rewritten whole through a temporary file in the same folder, and the new text is
parsed and validated before it replaces the old one, so a failed call leaves the file as it was.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

from audit.check.waivers import WAIVER_FILE
from audit.errors import ConfigError

FINGERPRINT = re.compile(r"^f[0-9a-f]{16}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def waiver_entry(fingerprint: str, reason: str, about: str = "") -> str:
    """One ``[[waiver]]`` table; strings are TOML basic strings (JSON escapes are valid TOML)."""
    comment = _CONTROL.sub(" ", about).strip()[:160]
    lines = ["[[waiver]]"]
    if comment:
        lines.append(f"# {comment}")
    lines.append(f"fingerprint = {json.dumps(fingerprint)}")
    lines.append(f"reason = {json.dumps(reason.strip(), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def add_waiver(checks_dir: Path, fingerprint: str, reason: str, about: str = "") -> Path:
    """Append a waiver for ``fingerprint``; ``ConfigError`` if it is malformed or already there."""
    if not FINGERPRINT.match(fingerprint):
        raise ConfigError(f"'{fingerprint}' is not a finding fingerprint (f + 16 hex digits)")
    if not reason.strip():
        raise ConfigError("a waiver needs a reason (--reason \"...\")")
    path = checks_dir / WAIVER_FILE
    old = ""
    if path.exists():
        try:
            old = path.read_text(encoding="utf-8")
            data = tomllib.loads(old)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot add to a malformed file: {exc}", path) from None
        waived = {w.get("fingerprint") for w in data.get("waiver", []) if isinstance(w, dict)}
        if fingerprint in waived:
            raise ConfigError(f"{fingerprint} is already waived", path)
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    new = old + sep + waiver_entry(fingerprint, reason, about)
    tomllib.loads(new)  # what we write must parse
    from audit.report.writer import temp_write

    checks_dir.mkdir(parents=True, exist_ok=True)
    tmp = temp_write(path, lambda fh: fh.write(new))  # beside the file, synced, mode 644
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
