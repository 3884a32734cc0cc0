"""PDF reader: text boxes of each page as blocks, running headers and footers as furniture.

pdfminer.six is used rather than pypdf because its layout analysis returns one text box per
paragraph (pypdf gives a page as one run of lines with no paragraph breaks); see
``benchmarks/bench_formats.py`` for the measured text quality of both.

Stored text: each box with its lines joined (a hyphen that breaks a word at a line end is
removed, other line ends become spaces, runs of spaces one), boxes separated by a blank line,
pages by a form feed on its own line (``PAGE_BREAK``), so the page of any offset is the number
of form feeds before it plus one (:func:`page_of`). Lines that repeat at the top or bottom of
most pages (running heads, "Page 3 of 9", print dates) are blocks with the ``footer`` hint, so
zoning keeps them as boilerplate.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from audit.errors import InputError
from audit.ingest.readers import BlockSpan, Parsed
from audit.text import to_stored

PAGE_BREAK = "\n\f\n"
# PDF pages above this many are not read (a bound on cost; the error names the file)
MAX_PAGES = 5_000

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_SPACES = re.compile(r"[ \t]{2,}")
# a word broken at a line end: letter, hyphen, newline, lower-case letter
_SOFT_BREAK = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$|^\s*-\s*\d{1,4}\s*-\s*$", re.I)
_EDGE = 2  # boxes at each end of a page that may be running heads or footers


def page_of(text: str, offset: int) -> int:
    """1-based page of ``offset`` in a PDF's stored text."""
    return text.count("\f", 0, offset) + 1


def _box_text(raw: str) -> str:
    text = to_stored(raw.translate(_LIGATURES)).strip()
    text = _SOFT_BREAK.sub("", text)
    text = text.replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


_OPEN_END = re.compile(r"[^.!?:;\"\u201d)\]]$")


def _rejoin(boxes: list[str]) -> list[str]:
    """Layout analysis sometimes cuts a paragraph's last line into a box of its own: a box that
    ends mid-sentence followed by one that starts in lower case is one paragraph."""
    out: list[str] = []
    for box in boxes:
        if out and _OPEN_END.search(out[-1]) and box[:1].islower():
            out[-1] = f"{out[-1]} {box}"
        else:
            out.append(box)
    return out


def _signature(text: str) -> str:
    """Digits folded, so 'Page 3 of 9' on every page is one signature."""
    return re.sub(r"\d+", "#", text.lower())


def _pages(raw: bytes, path: object) -> tuple[list[list[str]], dict[str, str]]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextContainer
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser

        doc = PDFDocument(PDFParser(io.BytesIO(raw)))
        meta = _info(doc)
        pages: list[list[str]] = []
        for page in extract_pages(io.BytesIO(raw), laparams=LAParams()):
            if len(pages) >= MAX_PAGES:
                raise InputError(f"PDF has more than {MAX_PAGES} pages; split it", path)
            pages.append([el.get_text() for el in page if isinstance(el, LTTextContainer)])
    except InputError:
        raise
    except Exception as exc:  # a third-party parser on untrusted bytes: any failure is the file's
        name = type(exc).__name__
        if "Encrypt" in name or "Password" in name:
            raise InputError("encrypted PDF: cannot read its text without the password "
                             "(save an unencrypted copy)", path) from None
        detail = str(exc).strip() or name
        raise InputError(f"not a readable PDF ({detail[:200]})", path) from None
    return pages, meta


def _info(doc) -> dict[str, str]:
    meta: dict[str, str] = {}
    for info in getattr(doc, "info", []) or []:
        for key, field in (("Title", "title"), ("Author", "author")):
            value = info.get(key)
            if isinstance(value, bytes):
                value = value.decode("utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe")
                                    else "latin-1", "replace")
            if isinstance(value, str) and value.strip() and field not in meta:
                meta[field] = value.strip()
    return meta


def _furniture(pages: list[list[str]]) -> set[str]:
    """Signatures of boxes that repeat at a page edge on at least half the pages (two or more)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for boxes in pages:
        edge = boxes[:_EDGE] + boxes[-_EDGE:]
        seen.update({_signature(b) for b in edge if b})
    need = max(2, (len(pages) + 1) // 2)
    return {sig for sig, n in seen.items() if n >= need}


def read_pdf(raw: bytes, path: object = "<pdf>") -> Parsed:
    """Stored text and blocks of a PDF file; ``InputError`` naming the file if it cannot be read."""
    raw_pages, meta = _pages(raw, path)
    pages = [_rejoin([t for t in (_box_text(b) for b in boxes) if t]) for boxes in raw_pages]
    running = _furniture(pages)
    out: list[str] = []
    blocks: list[BlockSpan] = []
    pos = 0
    for n, boxes in enumerate(pages):
        if n:
            out.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        for i, box in enumerate(boxes):
            if i:
                out.append("\n\n")
                pos += 2
            at_edge = i < _EDGE or i >= len(boxes) - _EDGE
            furniture = (at_edge and _signature(box) in running) or bool(_PAGE_NUMBER.match(box))
            blocks.append(BlockSpan(pos, pos + len(box), "p", "footer" if furniture else ""))
            out.append(box)
            pos += len(box)
    return Parsed("".join(out), blocks, meta)
