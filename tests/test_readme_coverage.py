"""README.md documents every CLI command and option and every key of the files a user writes:
the lists are taken from the code (the click command tree, the config and project-file readers),
so a new option or key fails here until README describes it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from audit.cli import cli
from audit.config import KNOWN_KEYS
from audit.ingest.collections import TABLE_KEYS
from audit.projectfiles import FACT_KINDS, MANIFEST_FIELDS, VOCABULARY_LISTS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
# options every command has, described once in the paragraph above the command table
COMMON = {"--db", "--help"}


def _commands() -> list[tuple[str, click.Command]]:
    group = cli
    assert isinstance(group, click.Group)
    return sorted(group.commands.items())


def _row(name: str) -> str:
    """The command table's row of ``audit NAME``."""
    rows = [ln for ln in README.splitlines() if ln.startswith(f"| `audit {name}")]
    assert len(rows) == 1, f"README's command table has {len(rows)} rows for 'audit {name}'"
    return rows[0]


def _options(cmd: click.Command) -> list[str]:
    return [o for p in cmd.params if isinstance(p, click.Option)
            for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_every_command_and_its_options_are_in_the_command_table(name):
    cmd = dict(_commands())[name]
    row = _row(name)
    missing = [o for o in _options(cmd)
               if o not in COMMON and not re.search(rf"{re.escape(o)}(?![\w-])", row)]
    assert not missing, f"'audit {name}' options not in its README row: {missing}"
    for arg in (p for p in cmd.params if isinstance(p, click.Argument)):
        if arg.name != "project":  # every command's optional first argument
            assert arg.name.upper() in row or arg.name.replace("_", " ") in row.lower(), arg


def test_group_options_and_common_options_are_described():
    for opt in _options(cli):
        assert re.search(rf"`audit {re.escape(opt)}`", README), opt
    assert "`--db PATH`" in README
    assert "`audit --help` and `audit COMMAND --help`" in README


def _documented_key(key: str) -> bool:
    """``key`` in a code span, as a TOML key in a code block, or as a table header."""
    k = re.escape(key)
    return bool(re.search(rf"`{k}`|^\s*{k}\s*=|^\[\[?(?:[\w.]+\.)?{k}\]\]?|`\[\[?{k}\]\]?`",
                          README, re.M))


@pytest.mark.parametrize("key", sorted(KNOWN_KEYS))
def test_every_config_key_is_in_the_configuration_table(key):
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^\| `{re.escape(key)}` \|", section, re.M), key


@pytest.mark.parametrize("key", sorted(
    {*TABLE_KEYS, *MANIFEST_FIELDS, *VOCABULARY_LISTS, "relations", "aliases", "name",
     "canonical", "type", "fact", "kind", "subject", "currency", *FACT_KINDS.values(),
     "waiver", "fingerprint", "reason", "exclude", "settings", "document"}))
def test_every_project_file_key_is_in_readme(key):
    assert _documented_key(key), key
