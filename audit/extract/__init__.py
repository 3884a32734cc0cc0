"""Extract stage: rule-based extractors, each a module with NAME, VERSION and
``extract(ctx, start, end) -> Iterator[ClaimDraft]`` over one zone range of a document."""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

EXTRACTOR_MODULES = (
    "money", "counts", "measurements", "times", "dates", "people", "lists", "places", "quotes",
    "topics", "aliases", "mentions", "untitled", "status",
)


@functools.cache
def extractors() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"audit.extract.{n}") for n in EXTRACTOR_MODULES)
