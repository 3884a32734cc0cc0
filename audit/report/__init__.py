"""Report renderers: pure functions over the report bundle (see DESIGN.md "report")."""

from audit.report.writer import FORMATS, write_reports

__all__ = ["FORMATS", "write_reports"]
