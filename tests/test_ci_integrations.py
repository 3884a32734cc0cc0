"""The GitHub Action and the pre-commit hook run the commands they declare, on a real project.

The action's audit step is executed by bash exactly as written in action.yml (with the inputs
GitHub would pass as environment variables); the hook's entry is executed as pre-commit would,
from the project folder, with no file names.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO

AUDIT = shutil.which("audit")
needs_cli = pytest.mark.skipif(AUDIT is None, reason="the audit command is not installed")


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_action_declares_inputs_and_installs_itself():
    action = load(REPO / "action.yml")
    assert action["runs"]["using"] == "composite"
    steps = {s.get("id"): s for s in action["runs"]["steps"]}
    assert '"$GITHUB_ACTION_PATH"' in steps["install"]["run"]  # installs this repository
    assert (REPO / "pyproject.toml").is_file()
    used = set(re.findall(r"inputs\.([\w-]+)", json.dumps(action["runs"])))
    assert used <= set(action["inputs"]), used - set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in action["inputs"]:
        assert f"`{name}`" in readme, f"README does not document the action input {name}"


def _run_action_step(project: Path, tmp: Path, fail_on: str) -> tuple[int, Path, Path, str]:
    step = next(s for s in load(REPO / "action.yml")["runs"]["steps"] if s.get("id") == "audit")
    inputs = {"project": str(project), "fail-on": fail_on, "formats": "json sarif md github"}
    env = {**os.environ, "GITHUB_OUTPUT": str(tmp / "gh-output"),
           "GITHUB_STEP_SUMMARY": str(tmp / "gh-summary")}
    for key, value in step["env"].items():
        m = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value)
        assert m, value
        env[key] = inputs[m.group(1)]
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True,
                          text=True, timeout=600)
    return proc.returncode, tmp / "gh-output", tmp / "gh-summary", proc.stdout + proc.stderr


@needs_cli
def test_action_audit_step_gates_and_publishes(example_project, tmp_path):
    code, output, summary, log = _run_action_step(example_project, tmp_path, "error")
    assert code == 1, log  # the example project's planted errors fail the step
    reports = example_project / "reports"
    assert f"reports={reports}" in output.read_text()
    assert (reports / "findings.sarif").is_file() and (reports / "findings.json").is_file()
    assert "error" in summary.read_text().lower()
    assert "::error" in log  # annotations were printed for the workflow log
    code, _, _, log = _run_action_step(example_project, tmp_path, "never")
    assert code == 0, log


@needs_cli
def test_pre_commit_hook_entry(example_project):
    (hook,) = load(REPO / ".pre-commit-hooks.yaml")
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("sources/press.html") and files.search("checks/waivers.toml")
    assert not files.search("README.md") and not files.search("src/sources.py")
    proc = subprocess.run(shlex.split(hook["entry"]), cwd=example_project, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (example_project / "reports" / "summary.md").is_file()
    waived = example_project / "checks" / "waivers.toml"
    findings = json.loads(subprocess.run(
        [AUDIT, "findings", "--format", "json"], cwd=example_project, capture_output=True,
        text=True, timeout=120, check=True).stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error" and not f.get("accepted")]
    assert errors
    with waived.open("a", encoding="utf-8") as fh:
        for f in errors:
            fh.write(f'\n[[waiver]]\nfingerprint = "{f["id"]}"\nreason = "accepted in a test"\n')
    proc = subprocess.run(shlex.split(hook["entry"]), cwd=example_project, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
