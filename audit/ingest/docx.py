"""Word (.docx) reader: paragraphs, headings, tables and captions as blocks, in document order.

python-docx reads the file; paragraph styles give the block's role (Title and Heading N are
headings, Caption a caption, Quote a pull quote), each table cell is a block as in HTML tables,
and the core properties give title and author (not a date: templates carry their own creation
date, which says nothing about the text). Stored text is the blocks joined by blank lines, as for
HTML.
"""

from __future__ import annotations

import io

from audit.errors import InputError
from audit.ingest.readers import Parsed, _join

MAX_BLOCKS = 1_000_000  # a bound on cost for a pathological file


def _style_role(style_name: str) -> tuple[str, str]:
    """(tag, hint) of a paragraph style."""
    name = style_name.lower()
    if name == "title":
        return "h1", "title"
    if name.startswith("heading"):
        level = name.removeprefix("heading").strip()
        return (f"h{level}" if level in {"1", "2", "3", "4", "5", "6"} else "h2"), ""
    if name == "caption":
        return "p", "caption"
    if "quote" in name:
        return "p", "quote"
    if name.startswith("list"):
        return "li", ""
    return "p", ""


def _open(raw: bytes, path: object):
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(f"reading .docx needs python-docx ({exc})", path) from None
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise InputError("not a Word .docx file (not a zip package)", path)
    try:
        return docx.Document(io.BytesIO(raw))
    except PackageNotFoundError:
        raise InputError("not a Word .docx file (not a zip package)", path) from None
    except Exception as exc:  # a third-party parser on untrusted bytes: the file is at fault
        detail = str(exc).strip() or type(exc).__name__
        raise InputError(f"not a readable .docx file ({detail[:200]})", path) from None


def read_docx(raw: bytes, path: object = "<docx>") -> Parsed:
    """Stored text and blocks of a .docx file; ``InputError`` naming the file if unreadable."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open(raw, path)
    pieces: list[tuple[str, str, str]] = []
    try:
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                tag, hint = _style_role(item.style.name if item.style is not None else "")
                pieces.append((item.text, tag, hint))
            elif isinstance(item, Table):
                for row in item.rows:
                    seen: set[int] = set()
                    for cell in row.cells:  # merged cells repeat: read each once
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        pieces.append((cell.text, "td", ""))
            if len(pieces) > MAX_BLOCKS:
                raise InputError(f"more than {MAX_BLOCKS} paragraphs and cells", path)
    except InputError:
        raise
    except Exception as exc:
        detail = str(exc).strip() or type(exc).__name__
        raise InputError(f"not a readable .docx file ({detail[:200]})", path) from None
    parsed = _join(pieces)
    props = document.core_properties
    meta: dict[str, str] = {}
    if props.title and props.title.strip():
        meta["title"] = props.title.strip()
    if props.author and props.author.strip():
        meta["author"] = props.author.strip()
    parsed.meta = meta
    return parsed
