"""Report renderers: pure functions over the report bundle (`audit/check/export.py` builds it;
ARCHITECTURE.md, `audit/report/`)."""

from audit.report.writer import FORMATS, write_reports

__all__ = ["FORMATS", "write_reports"]
