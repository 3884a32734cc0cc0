"""Unicode normalisation.

Stored text is NFC with typography kept (curly quotes, dashes, no-break spaces): offsets refer to
it. ``fold`` makes a same-length copy for matching, so an offset found in the folded text is an
offset in the stored text too.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ",
    }
)
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def to_stored(text: str) -> str:
    """NFC, one newline convention, no BOM; typography untouched."""
    text = text.lstrip("\ufeff")
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    # most text is NFC already; checking is much cheaper than copying a large document
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Same-length matching form: straight quotes, ASCII hyphens, plain spaces."""
    return text.translate(_FOLD)
