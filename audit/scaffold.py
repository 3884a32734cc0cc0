"""Starter files for ``claims/`` and ``checks/`` written by ``audit init``."""

from __future__ import annotations


def scaffold_files() -> dict[str, str]:
    return {
        "checks/consistency.json": suite_text(),
        "claims/facts.toml": "# Reference facts the audit checks claims against.\n",
        "claims/aliases.toml": (
            "# Entity aliases: [aliases]\n# CMU = \"Carnegie Mellon University\"\n"
        ),
        "claims/vocabulary.toml": "# Extra extractor vocabulary (titles, relation cues).\n",
        "checks/waivers.toml": (
            "# Accepted findings:\n# [[waiver]]\n# fingerprint = \"f...\"\n# reason = \"...\"\n"
        ),
    }


def suite_text() -> str:
    """The built-in suite as ``checks/consistency.json`` holds it (made from the check modules)."""
    import json

    from audit.check.checks import default_suite

    return json.dumps(default_suite(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
