"""Control characters in text we print (file names above all) shown as escapes.

A file name may hold any byte but ``/`` and NUL: a newline, an escape sequence that recolours
a terminal, a line that fakes a workflow annotation. Every console line and every line-based
report (``summary.md``, ``annotations.txt``) passes names and messages through
:func:`printable`, so what a reader sees is what the name holds.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line/paragraph separators, bidi overrides, and the lone
# surrogates Python uses for undecodable bytes in file names.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # an undecodable byte in a file name (surrogateescape)
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: object) -> str:
    """``text`` with every control character written as ``\\xNN`` / ``\\uNNNN``."""
    return _UNSAFE.sub(_escape, str(text))


def printable_lines(text: str) -> str:
    """Like :func:`printable`, keeping newlines (and tabs) of multi-line text."""
    return "\n".join(printable(line.replace("\t", " ")) for line in text.split("\n"))
