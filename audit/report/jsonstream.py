"""Indented JSON with one list streamed item by item (for reports with 100,000s of findings).

Items are encoded with orjson: the standard library's encoder falls back to pure Python when
asked to indent, which was most of the time spent writing a findings JSON (15,000 findings:
1.6 s -> 0.5 s). The output is what ``json.dumps(doc, indent=2, ensure_ascii=False)`` writes,
except that floats use the shortest exact form (``0.00001``, not ``1e-05``); an item orjson cannot
encode (an integer beyond 64 bits) is written by the standard library instead.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import IO, Any

import orjson


def stream_token() -> str:
    """A placeholder string no document contains, to mark where the streamed list goes."""
    return f"@@stream-{uuid.uuid4().hex}@@"


def write_json_streaming(doc: Any, token: str, items: Iterable[Any], fh: IO[str],
                         sort_keys: bool) -> None:
    """Write ``doc`` as ``json.dumps(doc, indent=2)`` would, with the value equal to ``token``
    replaced by the list of ``items``, each encoded as it is read (floats aside: see above)."""
    head, tail, pad = frame(doc, token, sort_keys)
    fh.write(head)
    first = True
    for item in items:
        fh.write(("[\n" if first else ",\n") + pad + encode(item, pad, sort_keys))
        first = False
    fh.write(close(first, pad, tail))


def frame(doc: Any, token: str, sort_keys: bool) -> tuple[str, str, str]:
    """The text before and after the streamed list, and the indentation of its items."""
    try:  # the rest of the document too: a corpus's document list is long
        whole = orjson.dumps(doc, option=_option(sort_keys)).decode()
    except TypeError:
        whole = json.dumps(doc, indent=2, sort_keys=sort_keys, ensure_ascii=False)
    head, tail = whole.split(f'"{token}"')
    line = head[head.rfind("\n") + 1:]
    return head, tail, line[: len(line) - len(line.lstrip())] + "  "


def encode(item: Any, pad: str, sort_keys: bool) -> str:
    """One item of the list, indented by ``pad`` after its first line."""
    try:
        body = orjson.dumps(item, option=_option(sort_keys)).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        body = json.dumps(item, indent=2, sort_keys=sort_keys, ensure_ascii=False)
    return body.replace("\n", "\n" + pad)


def close(empty: bool, pad: str, tail: str) -> str:
    """What follows the last item."""
    return ("[]" if empty else "\n" + pad[:-2] + "]") + tail + "\n"


def _option(sort_keys: bool) -> int:
    return orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
