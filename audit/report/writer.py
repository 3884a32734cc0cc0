"""Write report files: every requested format written to a temp file first, then each file
replaced atomically, so a failing renderer leaves the previous reports untouched.

The machine formats (JSON, SARIF) are streamed finding by finding: a large run's findings come
from DuckDB a page at a time (``FindingStream``) and never sit in memory all at once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from audit.report.bundle import ReportBundle
from audit.report.fragments import FragmentCache
from audit.report.github import ANNOTATION_CAP, render_github
from audit.report.html import html_parts
from audit.report.json_out import write_json
from audit.report.jsonitems import JsonItems
from audit.report.jsonstream import stream_token, write_json_streaming
from audit.report.junit import render_junit
from audit.report.markdown import TOP, render_markdown
from audit.report.sarif import sarif_log


class Writer(Protocol):
    """Writes one format of the bundle into an open text file."""

    def __call__(self, bundle: ReportBundle, fh: IO[str], /) -> None: ...


def _write_sarif(bundle: ReportBundle, fh: IO[str]) -> None:
    log, results = sarif_log(bundle)
    token = stream_token()
    log["runs"][0]["results"] = token
    write_json_streaming(log, token, results, fh, sort_keys=False)


def _text(render: Callable[[ReportBundle], str], top: int | None = None) -> Writer:
    """A writer for a renderer that returns text; ``top``: it shows only that many open findings,
    so a streamed run hands it just those (its counts come from the bundle's summary)."""
    def write(bundle: ReportBundle, fh: IO[str]) -> None:
        findings: Any = bundle.get("findings")
        if top is not None and hasattr(findings, "head") and "total" in bundle.get("summary", {}):
            bundle = {**bundle, "findings": findings.head(top)}
        fh.write(render(bundle))

    return write


def _write_html(bundle: ReportBundle, fh: IO[str], fragments: FragmentCache | None = None
                ) -> None:
    """The page written piece by piece as the template yields it, in writes of about 1 MiB
    (``html_parts``: a finding's block is one piece)."""
    parts: list[str] = []
    size = 0
    for part in html_parts(bundle, fragments):
        parts.append(part)
        size += len(part)
        if size >= 1 << 20:
            fh.write("".join(parts))
            parts, size = [], 0
    fh.write("".join(parts))


# format name -> (writer of the format into an open text file, default file name)
FORMATS: dict[str, tuple[Writer, str]] = {
    "json": (write_json, "findings.json"),
    "html": (_write_html, "report.html"),
    "junit": (_text(render_junit), "junit.xml"),
    "sarif": (_write_sarif, "findings.sarif"),
    "md": (_text(render_markdown, TOP), "summary.md"),
    "github": (_text(render_github, ANNOTATION_CAP), "annotations.txt"),
}


def temp_write(path: Path, write: Callable[[IO[str]], Any]) -> str:
    """Write through ``write`` into a temp file beside ``path``; return the temp file's name."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # a full disk names the report it could not write
        raise
    return tmp


def _remove_stale_temps(out: Path) -> None:
    """Delete temp reports left by a writer that was killed (kill -9, power loss): those whose
    process is gone, and those of the old naming without a process id. A temp file of a
    writer still running (``audit report`` beside ``audit run``) is left alone."""
    names = {filename for _, filename in FORMATS.values()}
    for tmp in out.glob(".*.tmp"):
        parts = tmp.name[1:-len(".tmp")].split(".")
        report = next((n for n in names if tmp.name.startswith(f".{n}.")), None)
        if report is None:
            continue
        pid = parts[-2] if len(parts) >= 2 and parts[-2].isdigit() else None
        if pid is not None and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        _unlink(str(tmp))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def write_reports(
    bundle: ReportBundle, out_dir: str | os.PathLike[str], formats: Iterable[str],
    fragments: FragmentCache | None = None, items: JsonItems | None = None,
) -> list[Path]:
    """Write ``formats`` (names from FORMATS) into ``out_dir``; ``fragments``: the cache of
    HTML finding blocks, ``items``: where the last findings JSON holds each finding, when
    the report is written from a database.

    Every format is written to a temp file before any report is replaced, so a renderer error
    leaves the previous reports untouched. Returns the written paths in the order of ``formats``.
    """
    names = list(dict.fromkeys(formats))
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown report format(s): {', '.join(unknown)}; known: {', '.join(FORMATS)}"
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(out)
    temps: list[tuple[str, Path]] = []
    try:
        for name in names:
            write, filename = FORMATS[name]
            path = out / filename
            extra: dict[str, Any] = {}
            if name == "html" and fragments:
                extra = {"fragments": fragments}
            elif name == "json" and items:
                extra = {"items": items, "path": path}

            def emit(fh: IO[str], w: Any = write, kw: dict = extra) -> None:
                w(bundle, fh, **kw)

            temps.append((temp_write(path, emit), path))
    except BaseException:
        for tmp, _ in temps:
            _unlink(tmp)
        if items:
            items.forget()
        raise
    for tmp, path in temps:
        os.replace(tmp, path)
        if items:
            items.replaced(path)
    return [path for _, path in temps]
