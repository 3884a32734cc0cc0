"""Write report files: every requested format rendered first, then each file replaced atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from audit.report.github import render_github
from audit.report.html import render_html
from audit.report.json_out import render_json
from audit.report.junit import render_junit
from audit.report.markdown import render_markdown
from audit.report.sarif import render_sarif


def _sarif_text(bundle: dict[str, Any]) -> str:
    return json.dumps(render_sarif(bundle), indent=2, ensure_ascii=False) + "\n"


# format name -> (renderer returning str, default file name)
FORMATS: dict[str, tuple[Callable[[dict[str, Any]], str], str]] = {
    "json": (render_json, "findings.json"),
    "html": (render_html, "report.html"),
    "junit": (render_junit, "junit.xml"),
    "sarif": (_sarif_text, "findings.sarif"),
    "md": (render_markdown, "summary.md"),
    "github": (render_github, "annotations.txt"),
}


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temp file in the same directory + os.replace."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_reports(
    bundle: dict[str, Any], out_dir: str | os.PathLike[str], formats: Iterable[str]
) -> list[Path]:
    """Render ``formats`` (names from FORMATS) and write them into ``out_dir``.

    All renderers run before any file is written, so a renderer error leaves the previous reports
    untouched. Returns the written paths in the order of ``formats``.
    """
    names = list(dict.fromkeys(formats))
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown report format(s): {', '.join(unknown)}; known: {', '.join(FORMATS)}"
        )
    rendered = [(FORMATS[n][1], FORMATS[n][0](bundle)) for n in names]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, text in rendered:
        path = out / filename
        write_atomic(path, text)
        paths.append(path)
    return paths
