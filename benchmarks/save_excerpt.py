"""Save one search result's excerpt as a real-text document, byte for byte, and check it.

Why: the real-text sets' texts live outside the repository (third-party text is never
committed), so a lost scratch folder is re-gathered from the stored pages the search tool
returns. A saved text is exactly one result's ``excerpt`` string (UTF-8, nothing added), and the
gold's SHA-256 of each document says whether a copy is the one the offsets index: the same
address can come back as another window of its page, which fails the check.

Usage:
    python benchmarks/save_excerpt.py GOLD_TOML FILE OUT_DIR < excerpt.json   # a known document
    python benchmarks/save_excerpt.py --new OUT_DIR/EVENT/FILE < excerpt.json  # a new one
    python benchmarks/save_excerpt.py --missing GOLD_DIR OUT_DIR               # what is left

stdin holds the excerpt as the JSON string literal the tool printed (quotes and backslash
escapes kept), so no character is lost in copying. A known document is written to
OUT_DIR/<event slug>/FILE when its SHA-256 matches the gold (exit 0), else kept as
FILE.mismatch for a retry (exit 1); ``--new`` writes the file and prints its SHA-256 for a new
gold file; ``--missing`` lists each document not yet saved with its checksum, with its outlet
and address, and exits 1 while any is missing. Bad input (an unreadable gold file, a document
the gold does not list, stdin that is no JSON string) exits 2 naming it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from pathlib import Path


class SaveError(Exception):
    """Bad input: the message names the file or the argument."""


def decode_excerpt(raw: str) -> bytes:
    """The bytes of an excerpt given as a JSON string literal."""
    try:
        text = json.loads(raw.strip())
    except json.JSONDecodeError as exc:
        raise SaveError(f"stdin: not a JSON string literal ({exc.msg})") from None
    if not isinstance(text, str):
        raise SaveError("stdin: not a JSON string literal")
    return text.encode("utf-8")


def read_gold(path: Path) -> dict:
    try:
        gold = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SaveError(f"{path}: cannot read the gold file: {exc}") from None
    if "slug" not in gold.get("event", {}):
        raise SaveError(f"{path}: no [event] slug")
    return gold


def save_known(gold_path: Path, name: str, out: Path, data: bytes) -> bool:
    """Write a gold document's text when its checksum matches; True when it does."""
    gold = read_gold(gold_path)
    want = next((d.get("sha256") for d in gold.get("documents", []) if d.get("file") == name),
                None)
    if want is None:
        raise SaveError(f"{gold_path}: lists no document {name!r}")
    folder = out / gold["event"]["slug"]
    folder.mkdir(parents=True, exist_ok=True)
    ok = hashlib.sha256(data).hexdigest() == want
    (folder / (name if ok else name + ".mismatch")).write_bytes(data)
    return ok


def missing(gold_dir: Path, out: Path) -> list[str]:
    """One line per gold document not saved under ``out`` with its checksum."""
    lines = []
    for path in sorted(gold_dir.glob("*.toml")):
        gold = read_gold(path)
        for d in gold.get("documents", []):
            p = out / gold["event"]["slug"] / d["file"]
            if not (p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == d["sha256"]):
                lines.append(f"{gold['event']['slug']}/{d['file']}\t{d.get('outlet', '')}\t"
                             f"{d.get('url', '')}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("args", nargs="+", type=Path)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--new", action="store_true", help="save a new document, print its SHA-256")
    mode.add_argument("--missing", action="store_true", help="list the documents not yet saved")
    a = ap.parse_args(argv)
    if a.missing:
        if len(a.args) != 2:
            raise SaveError("--missing takes GOLD_DIR OUT_DIR")
        lines = missing(*a.args)
        print("\n".join(lines + [f"{len(lines)} missing"]))
        return 1 if lines else 0
    data = decode_excerpt(sys.stdin.read())
    if a.new:
        if len(a.args) != 1:
            raise SaveError("--new takes OUT_DIR/EVENT/FILE")
        a.args[0].parent.mkdir(parents=True, exist_ok=True)
        a.args[0].write_bytes(data)
        print(f"{a.args[0]}: {len(data)} bytes sha256={hashlib.sha256(data).hexdigest()}")
        return 0
    if len(a.args) != 3:
        raise SaveError("takes GOLD_TOML FILE OUT_DIR")
    gold_path, name, out = a.args
    ok = save_known(gold_path, str(name), out, data)
    print(("OK " if ok else "MISMATCH (kept as .mismatch) ") + str(name))
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SaveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
