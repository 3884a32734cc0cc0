"""Probe projects (tests/fixtures/probes): fresh documents in varied formats and wording,
audited end to end; agreeing sources give no error or warning, planted ones are all found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import invoke

PROBES = Path(__file__).parent / "fixtures" / "probes"

# project -> the (class, text in the message) of every expected error/warning finding
EXPECTED = {
    "battery-agree": [],
    "battery-variants": [],
    "institute-agree": [],
    "battery-planted": [
        ("date-weekday", "Thursday does not fit 2025-03-04"),
        ("name-variant", "Tomasz Brennar"),
        ("value-conflict", "1,250,000,000 USD"),
        ("list-mismatch", "Marrow Street Partners missing"),
        ("quote-drift", "Amara Osei"),
    ],
    "port-agree": [],
    "port-planted": [
        ("date-weekday", "Thursday does not fit 2025-03-18"),
        ("name-variant", "Tomasz Wierzbiki"),
        ("value-conflict", "47,000,000 GBP"),
        ("list-mismatch", "Kestrelmouth Harbour Authority missing"),
    ],
    "institute-planted": [
        ("date-weekday", "Thursday does not fit 2025-03-12"),
        ("name-variant", "Kjærgarad"),
        ("value-conflict", "58,000,000 EUR"),
        ("list-mismatch", "Klinikum Oberhausen missing"),
        ("quote-drift", "de la Fuente"),
    ],
}
# findings that may come with a planted item (the same discrepancy seen from another side)
ALLOWED_EXTRA = {("count-vs-list", "listed"), ("name-variant", "Brenner"),
                 ("quote-drift", "Amara Osei")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_probe_project(tmp_path: Path, name: str):
    root = tmp_path / name
    shutil.copytree(PROBES / name / "sources", root / "sources")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    r = invoke("run", root, "--format", "json", "--fail-on", "never")
    assert r.exit_code == 0, r.output
    findings = json.loads((root / "reports" / "findings.json").read_text())["findings"]
    serious = [f for f in findings if f["severity"] in ("error", "warning")]
    for cls, needle in EXPECTED[name]:
        assert any(f["class"] == cls and needle in f["message"] for f in serious), (
            cls, needle, [f["message"] for f in serious])
    for f in serious:
        expected = any(f["class"] == cls and needle in f["message"]
                       for cls, needle in EXPECTED[name])
        extra = EXPECTED[name] and any(f["class"] == cls and needle in f["message"]
                                       for cls, needle in ALLOWED_EXTRA)
        assert expected or extra, f"unexpected {f['severity']}: {f['message']}"
    # the transliteration is not an error
    assert not [f for f in serious if "Soren Kjaergaard" in f["message"]]
