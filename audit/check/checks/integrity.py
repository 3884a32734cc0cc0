"""integrity: broken provenance found by the pandera suite (``audit/check/integrity.py``), not
by candidates judged with Great Expectations; declared here for its place in the report."""

from __future__ import annotations

NAME = "integrity"
CLASS = "integrity"
SCOPE = "corpus"
JUDGED: tuple[str, ...] = ()
DESCRIPTION = "Broken provenance: a span that no longer matches its text, or orphan rows."
SEVERITY = "error"
ORDER = 100
EXPECTATIONS: tuple[dict, ...] = ()
candidates = None
