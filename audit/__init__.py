"""claim-audit: a provenance audit for factual claims across documents.

The Python API (``audit/api.py``, README "Python API") is importable from here:
``from audit import Project``. It imports nothing heavy at load time.
"""

__version__ = "0.1.0"

from audit.api import (  # noqa: E402 - the version first: the API's modules read it
    Claim,
    Diff,
    Document,
    Evidence,
    ExtractResult,
    Finding,
    Outcome,
    Project,
    ReportResult,
    Span,
    Trace,
    init_project,
)

__all__ = ["Claim", "Diff", "Document", "Evidence", "ExtractResult", "Finding", "Outcome",
           "Project", "ReportResult", "Span", "Trace", "__version__", "init_project"]
