"""Every project file kind, malformed: exit 2 naming the file (and line), nothing written.

All files are read by ``audit.projectfiles`` before ``audit run`` opens the database, so a
failing run must not even create it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke

DOC = "Acme Corp raised $110 million from Beta Fund, the company said on Tuesday.\n"

# (file, content, words the message must hold)
CASES = [
    ("audit.toml", "[audit]\nformats = [\n", ["audit.toml:", "malformed TOML"]),
    ("audit.toml", "[audit]\nstrict_encoding = \"yes\"\n", ["strict_encoding", "true or false"]),
    ("sources/manifest.toml", '[[document]]\npath = "a.txt"\ntitle = 5\n',
     ["manifest.toml", "'title' must be a non-empty string"]),
    ("sources/manifest.toml", '[settings]\nexclud = ["x"]\n', ["manifest.toml", "exclud"]),
    ("sources/manifest.toml", '[[document]]\npath = "a.txt"\nretrieved = "yesterday"\n',
     ["manifest.toml", "retrieved"]),
    ("claims/vocabulary.toml", "titles = 5\n", ["vocabulary.toml", "'titles'"]),
    ("claims/vocabulary.toml", 'titels = ["chair"]\n', ["vocabulary.toml", "titels"]),
    ("claims/vocabulary.toml", "[relations]\nfunder = \"paid by\"\n",
     ["vocabulary.toml", "relations.funder"]),
    ("claims/vocabulary.toml", "titles = [\"a\"\nplaces = 3\n", ["vocabulary.toml:", "TOML"]),
    ("claims/aliases.toml", "[aliases]\nCMU = 5\n", ["aliases.toml", "[aliases]"]),
    ("claims/aliases.toml", 'alias = {CMU = "x"}\n', ["aliases.toml", "unknown key"]),
    ("claims/facts.toml", '[[fact]]\nkind = "money"\nsubject = "funding"\namount = nan\n',
     ["facts.toml", "'amount'", "positive finite"]),
    ("claims/facts.toml", '[[fact]]\nkind = "money"\nsubject = "funding"\namount = inf\n',
     ["facts.toml", "'amount'"]),
    ("claims/facts.toml", '[[fact]]\nkind = "money"\nsubject = "funding"\namount = -5\n',
     ["facts.toml", "'amount'"]),
    ("claims/facts.toml", '[[fact]]\nkind = "count"\nsubject = "staff"\nn = 2.5\n',
     ["facts.toml", "whole number"]),
    ("claims/facts.toml", '[[fact]]\nkind = "money"\nsubject = "funding"\namount = 5\n'
     'currency = "dollars"\n', ["facts.toml", "currency"]),
    ("claims/facts.toml", '[[fact]]\nkind = "money"\nsubject = "funding"\namount = 5\n'
     'note = "x"\n', ["facts.toml", "unknown key(s) note"]),
    ("claims/facts.toml", '[[name]]\ncanonical = "Fumio Kishida"\ntype = "human"\n',
     ["facts.toml", "'type'"]),
    ("checks/waivers.toml", '[[waiver]]\nfingerprint = "f12ab"\nreason = "ok"\n'
     'expires = 2030-01-01\n', ["waivers.toml", "expires"]),
    ("checks/waivers.toml", '[[waiver]]\nfingerprint = "f12ab"\n', ["waivers.toml", "reason"]),
    ("checks/waivers.toml", 'waiver = "f12ab"\n', ["waivers.toml", "[[waiver]]"]),
    ("checks/consistency.json", "[" * 100_000 + "]" * 100_000,
     ["consistency.json:1", "nested more than"]),
    ("checks/consistency.json", '{"expectations": [\n{"type": 1}', ["consistency.json:2",
                                                                    "malformed JSON"]),
]


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    assert invoke("init", root).exit_code == 0
    (root / "sources" / "a.txt").write_text(DOC)
    return root


@pytest.mark.parametrize("rel,content,needles", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_malformed_project_file_exits_2_naming_it(tmp_path, rel, content, needles):
    root = _project(tmp_path)
    (root / rel).write_text(content)
    r = invoke("run", root)
    assert r.exit_code == 2, r.output
    assert "internal error" not in r.output and "Traceback" not in r.output
    for needle in needles:
        assert needle in r.output, r.output
    assert not (root / ".audit").exists()  # validated before the database was created


def _suite_with(tmp_path: Path, change) -> tuple[Path, str]:
    root = _project(tmp_path)
    suite = json.loads((root / "checks" / "consistency.json").read_text())
    change(suite["expectations"])
    (root / "checks" / "consistency.json").write_text(json.dumps(suite))
    r = invoke("run", root)
    return root, r


def test_suite_expectation_naming_an_unknown_column_is_refused(tmp_path):
    def change(exps):
        exps[2]["kwargs"]["column"] = "n_valuez"

    root, r = _suite_with(tmp_path, change)
    assert r.exit_code == 2 and "consistency.json" in r.output
    assert "expectation #3" in r.output and "'n_valuez'" in r.output


@pytest.mark.parametrize("condition", [
    'check == "value-conflict"',
    {"type": "comparison", "column": {"name": "chek"}, "operator": "==",
     "parameter": "value-conflict"},
    {"type": "comparison", "column": {"name": "check"}, "operator": "~",
     "parameter": "value-conflict"},
    {"type": "pass_through", "pass_through_filter": "check == 'x'"},
    {"type": "and", "conditions": []},
    None,
])
def test_suite_malformed_row_condition_is_refused(tmp_path, condition):
    def change(exps):
        exps[2]["kwargs"]["row_condition"] = condition

    root, r = _suite_with(tmp_path, change)
    assert r.exit_code == 2, r.output
    assert "consistency.json" in r.output and "expectation #3" in r.output


def test_valid_strict_files_are_accepted(tmp_path):
    root = _project(tmp_path)
    (root / "claims" / "facts.toml").write_text(
        '[[name]]\ncanonical = "Acme Corp"\ntype = "org"\n\n'
        '[[fact]]\nkind = "money"\nsubject = "funding"\namount = 110000000\ncurrency = "USD"\n'
        '\n[[fact]]\nkind = "count"\nsubject = "staff"\nn = 12\n')
    (root / "claims" / "aliases.toml").write_text('[aliases]\nACME = "Acme Corp"\n')
    (root / "claims" / "vocabulary.toml").write_text(
        'titles = ["chief tinkerer"]\n[relations]\nfunder = ["bankrolled by"]\n')
    (root / "sources" / "manifest.toml").write_text(
        '[[document]]\npath = "a.txt"\ntitle = "Acme funding"\ndate = 2023-05-02\n'
        "retrieved = 2023-05-03T10:00:00Z\n")
    r = invoke("run", root, "--fail-on", "never")
    assert r.exit_code == 0, r.output


def test_check_command_validates_before_creating_a_database(tmp_path):
    root = tmp_path / "bare"
    root.mkdir()
    r = invoke("check", root)
    assert r.exit_code == 2 and "no documents" in r.output
    assert not (root / ".audit").exists()
    (root / "checks").mkdir()
    (root / "checks" / "waivers.toml").write_text('[[waiver]]\nfingerprint = "f1"\nreason = "x"\n'
                                                  "until = 3\n")
    r = invoke("check", root)
    assert r.exit_code == 2 and "waivers.toml" in r.output and "until" in r.output
    assert not (root / ".audit").exists()
