"""Starter files for ``claims/`` and ``checks/`` written by ``audit init``."""

from __future__ import annotations


def scaffold_files() -> dict[str, str]:
    return {
        "claims/facts.toml": "# Reference facts the audit checks claims against.\n",
        "claims/aliases.toml": (
            "# Entity aliases: [aliases]\n# CMU = \"Carnegie Mellon University\"\n"
        ),
        "claims/vocabulary.toml": "# Extra extractor vocabulary (titles, relation cues).\n",
        "checks/waivers.toml": (
            "# Accepted findings:\n# [[waiver]]\n# fingerprint = \"f...\"\n# reason = \"...\"\n"
        ),
    }
