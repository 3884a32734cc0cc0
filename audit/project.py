"""``audit init``: the layout of a new audit project."""

from __future__ import annotations

from pathlib import Path

from audit.errors import AuditError

CONFIG = """\
# claim-audit project settings (the same keys work under [tool.audit] in pyproject.toml)
[audit]
sources = "sources"          # folder(s) of documents: .txt .md .html
db = ".audit/audit.duckdb"   # the DuckDB store; ':memory:' for throwaway runs
out = "reports"              # where reports are written
claims = "claims"            # reference facts, aliases, extra vocabulary
checks = "checks"            # suites, severities, waivers
fail_on = "error"            # error | warning | info | never
formats = ["json", "html"]   # json html junit sarif md github
# allow_empty = false          # accept a corpus with no documents (else: exit 2)
# strict_encoding = false      # invalid bytes in a UTF-8 file: an error, not a warning
# allow_external_links = false # follow symbolic links out of the sources folder
"""

MANIFEST = """\
# One [[document]] table per source file; all fields but path are optional.
# [settings]
# exclude = ["notes/*"]
#
# [[document]]
# path = "press-release.html"
# title = "..."
# publisher = "..."
# url = "https://example.org/..."
# date = 2024-04-09
"""

GITIGNORE = ".audit/\nreports/\n"


def init_project(directory: Path, force: bool = False) -> list[Path]:
    from audit.scaffold import scaffold_files

    if directory.exists() and any(directory.iterdir()) and not force:
        raise AuditError("folder is not empty (use --force to add the audit layout anyway)",
                         directory)
    files = {
        "audit.toml": CONFIG,
        "sources/manifest.toml": MANIFEST,
        ".gitignore": GITIGNORE,
        "reports/.gitkeep": "",
        **scaffold_files(),
    }
    written = []
    for rel, content in files.items():
        path = directory / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
