"""Turn a file's bytes into text: refuse binaries, honour BOMs, detect legacy encodings."""

from __future__ import annotations

import codecs
import re

from audit.errors import InputError

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
    b"\x1f\x8b": "a gzip archive",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of characters that may be control characters before text is judged garbage.
_MAX_CONTROL_RATIO = 0.01


def decode_bytes(raw: bytes, path: object, strict: bool = False,
                 warnings: list[str] | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` naming ``path`` if it is not text.

    A file that is UTF-8 (by its BOM, its declared charset, or the valid multi-byte sequences
    in it) but holds a few invalid bytes is decoded as UTF-8 with U+FFFD for them and a warning
    naming the first byte offset (an error when ``strict``), never re-read as Windows-1252,
    which would turn every dash and accent of the file into mojibake."""
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise InputError(f"binary file ({what}), not a text document", path)
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            if enc == "utf-8-sig":
                return _utf8(raw, path, strict, warnings, "after its byte-order mark"), "utf-8"
            try:
                return raw.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {enc} after byte-order mark: {exc.reason}",
                                 path) from None
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes), not a text document", path)
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _declared_utf8(raw):
            text, enc = _utf8(raw, path, strict, warnings, "declared UTF-8"), "utf-8"
        elif _mostly_utf8(raw):
            text, enc = _utf8(raw, path, strict, warnings, "UTF-8 elsewhere"), "utf-8"
        else:
            text, enc = _detect(raw, path)
    _check_plausible(text, path)
    return text, enc


_DECLARED = re.compile(rb"""<meta[^>]{0,200}charset\s*=\s*["']?\s*utf-?8|"""
                       rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']utf-?8""", re.I)
# A valid UTF-8 multi-byte sequence (2, 3 or 4 bytes).
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                       rb"|[\xf0-\xf4][\x80-\xbf]{3}")
_NON_ASCII = re.compile(rb"[\x80-\xff]+")


def _declared_utf8(raw: bytes) -> bool:
    return bool(_DECLARED.search(raw[:4096]))


def _mostly_utf8(raw: bytes) -> bool:
    """True when most non-ASCII runs are valid UTF-8 (legacy text almost never is)."""
    runs = _NON_ASCII.findall(raw)
    good = sum(1 for r in runs if _valid_utf8(r))
    return good >= 2 and good * 4 >= len(runs) * 3


def _valid_utf8(run: bytes) -> bool:
    try:
        run.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8(raw: bytes, path: object, strict: bool, warnings: list[str] | None,
          why: str) -> str:
    """UTF-8 with U+FFFD for invalid bytes: a warning naming the first offset, or an error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc.start
    text = raw.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - raw.decode("utf-8-sig", errors="ignore").count("\ufffd")
    msg = (f"invalid UTF-8 at byte offset {first} ({bad} invalid sequence(s) in a file that is "
           f"{why})")
    if strict:
        raise InputError(msg, path)
    if warnings is not None:
        warnings.append(f"{path}: {msg}; decoded with U+FFFD in their place "
                        "(strict_encoding = true makes this an error)")
    return text


_MULTIBYTE = ("cp932", "shift_jis", "euc_jp", "iso2022_jp", "gb2312", "gb18030", "gbk", "big5",
              "euc_kr", "cp949", "utf_16", "utf_32", "cp950", "hz")


def _detect(raw: bytes, path: object) -> tuple[str, str]:
    """Not UTF-8: trust a confident multi-byte detection, else Windows-1252, else the detector.

    Short Western texts fool statistical detectors (they guess Baltic or Central European code
    pages), while Windows-1252 is by far the likeliest legacy encoding of English news text.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding.startswith(_MULTIBYTE) and best.chaos < 0.1:
        return str(best), best.encoding
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    if best is None or best.chaos > 0.3:
        raise InputError("bytes are not valid in any likely text encoding", path)
    return str(best), best.encoding


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _check_plausible(text: str, path: object) -> None:
    if not text:
        return
    sample = text[:200_000]
    controls = len(_CONTROLS.findall(sample))
    if controls / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError("binary file (control characters), not a text document", path)
