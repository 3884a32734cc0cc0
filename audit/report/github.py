"""GitHub Actions workflow-command annotations (``::error file=...::message``).

Escaping follows GitHub's runner: in the message (data) ``%``, ``\\r``, ``\\n`` become ``%25``,
``%0D``, ``%0A``; in property values (file, title) ``:`` and ``,`` also become ``%3A`` and
``%2C``. Accepted findings are omitted. Open findings are emitted most severe first, at most
``cap`` of them; when some are left out a final ``::notice`` says how many and points to the full
report.
"""

from __future__ import annotations

from typing import Any

from audit.escape import printable
from audit.report.bundle import ReportBundle
from audit.report.rank import most_severe

ANNOTATION_CAP = 50
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: Any) -> str:
    """GitHub's escapes, then every other control character (from a file name or a
    document) as ``\\xNN``, so one finding is one line and cannot act on the runner."""
    text = "" if value is None else str(value)
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: Any) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: Any, **props: Any) -> str:
    fields = ",".join(f"{k}={escape_property(v)}" for k, v in props.items() if v is not None)
    return f"::{command}{' ' + fields if fields else ''}::{escape_data(message)}"


def render_github(
    bundle: ReportBundle, cap: int = ANNOTATION_CAP, report_path: str = "reports/report.html"
) -> str:
    shown, n_open = most_severe(bundle.get("findings") or [], cap)
    # findings may be only the top ones: the summary has the full count
    n_open = int((bundle.get("summary") or {}).get("total", n_open))
    lines = []
    for f in shown:
        evidence = f.get("evidence") or []
        ev = evidence[0] if evidence else {}
        props: dict[str, Any] = {"file": ev.get("path")}
        if ev.get("path") and (line := ev.get("line")) is not None:
            props["line"] = int(line)
            if (column := ev.get("column")) is not None:
                props["col"] = int(column)
        props["title"] = f.get("check") or f.get("class") or "claim-audit"
        lines.append(
            annotation(COMMANDS.get(str(f.get("severity")), "warning"), f.get("message"), **props)
        )
    left = n_open - len(lines)
    if left > 0:
        lines.append(
            annotation(
                "notice",
                f"{left} more finding(s) not annotated (showing {len(lines)} of {n_open}); "
                f"see the full report: {report_path}",
                title="claim-audit",
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")
