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
    option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    try:  # the rest of the document too: a corpus's document list is long
        whole = orjson.dumps(doc, option=option).decode()
    except TypeError:
        whole = json.dumps(doc, indent=2, sort_keys=sort_keys, ensure_ascii=False)
    head, tail = whole.split(f'"{token}"')
    line = head[head.rfind("\n") + 1:]
    pad = line[: len(line) - len(line.lstrip())] + "  "
    fh.write(head)
    first = True
    for item in items:
        try:
            body = orjson.dumps(item, option=option).decode()
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            body = json.dumps(item, indent=2, sort_keys=sort_keys, ensure_ascii=False)
        fh.write(("[\n" if first else ",\n") + pad + body.replace("\n", "\n" + pad))
        first = False
    fh.write("[]" if first else "\n" + pad[:-2] + "]")
    fh.write(tail + "\n")
