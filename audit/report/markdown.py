"""Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Every piece of bundle text goes through :func:`md_escape`: Markdown punctuation is
backslash-escaped, ``<``/``>``/``&`` become entities (so no HTML gets through), ``|`` cannot break
a table, newlines become spaces, and ``@name`` cannot mention (ping) a GitHub user.
"""

from __future__ import annotations

import re
from typing import Any

from audit.escape import printable
from audit.report import location
from audit.report.bundle import ReportBundle, Tool
from audit.report.rank import most_severe
from audit.severity import ordered

TOP = 20
# inline syntax: code, emphasis, links/images (no "[" means no link), tables, strikethrough
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# block syntax that only counts at the start of a line: headings, lists, setext underlines
_MD_LEADING = re.compile(r"^(\d*)([#+=.)-])")
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def md_escape(value: Any, limit: int | None = None) -> str:
    """Escape text for use inside a Markdown paragraph or table cell (one line)."""
    text = "" if value is None else str(value)
    text = printable(" ".join(text.split()))  # one line; other controls as \\xNN escapes
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LEADING.sub(r"\1\\\2", text)
    return _MENTION.sub("@\u2060", text)  # word joiner: GitHub does not link it as a mention


def render_markdown(bundle: ReportBundle, top: int = TOP) -> str:
    run = bundle.get("run") or {}
    tool: Tool = bundle.get("tool") or {"name": "claim-audit", "version": ""}
    summary = bundle.get("summary") or {}
    findings = bundle.get("findings") or []
    shown, n_open = most_severe(findings, top)
    n_open = int(summary.get("total", n_open))  # findings may be only the top ones

    verdict = str(run.get("verdict") or "").lower()
    icon = {"fail": "\u274c", "pass": "\u2705"}.get(verdict, "\u2753")
    out = [
        f"## {icon} {md_escape(tool.get('name') or 'claim-audit')}: "
        f"**{md_escape(verdict.upper() or 'NO VERDICT')}**",
        "",
        f"Fails on **{md_escape(run.get('fail_on') or '?')}** and above \u00b7 "
        f"run {md_escape(run.get('id'))} \u00b7 {md_escape(run.get('started_at'))} \u00b7 "
        f"{md_escape(tool.get('name') or 'claim-audit')} {md_escape(tool.get('version'))}",
        "",
    ]
    by_sev = summary.get("by_severity") or {}
    if not by_sev:
        for f in findings:
            if not f.get("accepted"):
                sev = f.get("severity") or ""
                by_sev[sev] = by_sev.get(sev, 0) + 1
    out += ["| Severity | Findings |", "| --- | ---: |"]
    for sev in ordered(by_sev):
        out.append(f"| {md_escape(sev)} | {int(by_sev.get(sev, 0))} |")
    out.append(f"| **total** | **{int(summary.get('total', n_open))}** |")
    accepted = summary.get("accepted")
    if accepted is None:  # a partial bundle: count them (findings may be a stream)
        accepted = sum(1 for f in findings if f.get("accepted"))
    stale = summary.get("stale_waivers") or []
    out += ["", f"Accepted (waived): {accepted} \u00b7 stale waivers: {len(stale)}", ""]

    by_class = summary.get("by_class") or {}
    if by_class:
        out.append(
            "By class: "
            + ", ".join(f"{md_escape(k)} {int(v)}" for k, v in sorted(by_class.items()))
        )
        out.append("")

    if shown:
        title = f"Top {len(shown)} of {n_open} findings" if n_open > top else "Findings"
        out += [f"### {title}", "", "| Severity | Check | Confidence | Finding | Evidence |"]
        out.append("| --- | --- | ---: | --- | --- |")
        for f in shown:
            where = []
            for ev in (f.get("evidence") or [])[:3]:
                loc = location.where(ev)
                where.append(md_escape(loc))
            more = len(f.get("evidence") or []) - 3
            if more > 0:
                where.append(f"+{more} more")
            out.append(
                f"| {md_escape(f.get('severity'))} | {md_escape(f.get('check'))} "
                f"| {_confidence(f.get('confidence'))} "
                f"| {md_escape(f.get('message'), limit=300)} | {'<br>'.join(where)} |"
            )
        out.append("")
    else:
        out += ["No open findings.", ""]
    if stale:
        out += ["### Stale waivers", ""]
        for w in stale:
            out.append(f"- {md_escape(w.get('fingerprint'))}: {md_escape(w.get('reason'))}")
        out.append("")
    return "\n".join(out)


def _confidence(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{float(value):.2f}"
    return ""
