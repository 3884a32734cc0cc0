"""Extract stage: rule-based extractors, each a module with NAME, VERSION and
``extract(ctx, start, end) -> Iterator[ClaimDraft]`` over one zone range of a document."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys
from types import ModuleType

EXTRACTOR_MODULES = (
    "money", "counts", "shares", "measurements", "magnitudes", "times", "minutes", "dates",
    "people", "lists", "places", "quotes", "topics", "aliases", "mentions", "untitled", "status",
    "storeys",
)


@functools.cache
def extractors() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"audit.extract.{n}") for n in EXTRACTOR_MODULES)


_DECLARED = re.compile(r'^(NAME|VERSION) = "([^"\\]*)"$', re.MULTILINE)


@functools.cache
def declared() -> tuple[tuple[str, str], ...]:
    """Each extractor's (NAME, VERSION), for the extraction signature: read from its source
    (``NAME = "..."`` and ``VERSION = "..."`` at module level) without importing it, since an
    import compiles the module's patterns (two seconds on a busy machine) and a re-run whose
    documents are all extracted needs no extractor. A module that does not declare them so is
    imported (tests/test_extract_patterns.py checks both ways agree)."""
    out = []
    for name in EXTRACTOR_MODULES:
        full = f"audit.extract.{name}"
        module = sys.modules.get(full)
        if module is None:
            spec = importlib.util.find_spec(full)
            source = spec.loader.get_source(full) if spec and spec.loader else None  # type: ignore[attr-defined]  # SourceLoader
            pairs = _DECLARED.findall(source or "")
            found: dict[str, str] = dict(pairs)
            if len(pairs) == 2 and len(found) == 2:
                out.append((found["NAME"], found["VERSION"]))
                continue
            module = importlib.import_module(full)
        out.append((module.NAME, module.VERSION))
    return tuple(out)
