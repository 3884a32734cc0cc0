"""Indented JSON with one list streamed item by item (for reports with 100,000s of findings)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import IO, Any


def stream_token() -> str:
    """A placeholder string no document contains, to mark where the streamed list goes."""
    return f"@@stream-{uuid.uuid4().hex}@@"


def write_json_streaming(doc: Any, token: str, items: Iterable[Any], fh: IO[str],
                         sort_keys: bool) -> None:
    """Write ``doc`` as ``json.dumps(doc, indent=2)`` would, with the value equal to ``token``
    replaced by the list of ``items``, each encoded as it is read."""
    head, tail = json.dumps(doc, indent=2, sort_keys=sort_keys,
                            ensure_ascii=False).split(f'"{token}"')
    line = head[head.rfind("\n") + 1:]
    pad = line[: len(line) - len(line.lstrip())] + "  "
    fh.write(head)
    first = True
    for item in items:
        body = json.dumps(item, indent=2, sort_keys=sort_keys, ensure_ascii=False)
        fh.write(("[\n" if first else ",\n") + pad + body.replace("\n", "\n" + pad))
        first = False
    fh.write("[]" if first else "\n" + pad[:-2] + "]")
    fh.write(tail + "\n")
