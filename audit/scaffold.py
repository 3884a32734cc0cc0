"""Starter files for ``claims/`` and ``checks/`` written by ``audit init``."""

from __future__ import annotations


def scaffold_files() -> dict[str, str]:
    from importlib.resources import files

    suite = files("audit").joinpath("data/consistency.json").read_text(encoding="utf-8")
    return {
        "checks/consistency.json": suite,
        "claims/facts.toml": "# Reference facts the audit checks claims against.\n",
        "claims/aliases.toml": (
            "# Entity aliases: [aliases]\n# CMU = \"Carnegie Mellon University\"\n"
        ),
        "claims/vocabulary.toml": "# Extra extractor vocabulary (titles, relation cues).\n",
        "checks/waivers.toml": (
            "# Accepted findings:\n# [[waiver]]\n# fingerprint = \"f...\"\n# reason = \"...\"\n"
        ),
    }
