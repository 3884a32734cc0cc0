"""Helpers shared by the extractor tests: run one extractor (or all of them) over a text and
check every span it makes."""

from __future__ import annotations

from audit.extract.pipeline import extract_document
from audit.extract.vocab import load_vocabulary
from audit.model import ClaimDraft, Context, Zone

VOCAB = load_vocabulary()


def run(mod, text: str) -> list[ClaimDraft]:
    """``mod.extract`` over the whole text; every span is inside it and trimmed."""
    found = list(mod.extract(Context(text=text, vocab=VOCAB), 0, len(text)))
    for c in found:
        assert c.extractor == mod.NAME and c.version == mod.VERSION
        for s in c.spans:
            exact = text[s.start : s.end]
            assert 0 <= s.start < s.end <= len(text) and exact.strip() == exact, repr(exact)
    return found


def spans(claim: ClaimDraft, text: str, role: str) -> list[str]:
    return [text[s.start : s.end] for s in claim.spans if s.role == role]


def pipeline(text: str, kind: str) -> list[ClaimDraft]:
    """Every extractor over the text as one body zone, as the extract stage runs them."""
    zones = [Zone("body", 0, len(text))]
    return [c for c, _ in extract_document(text, zones, None, VOCAB) if c.kind == kind]


def audit_texts(root, files: dict[str, str]) -> tuple[list[dict], list[tuple]]:
    """Write ``files`` into a new project at ``root``, run the real CLI, and return the
    findings and the stored claims as (kind, subject, value dict) in claim-id order."""
    import json

    import duckdb

    from tests.conftest import invoke

    (root / "sources").mkdir(parents=True)
    for name, text in files.items():
        (root / "sources" / name).write_text(text, encoding="utf-8")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    r = invoke("run", root, "--format", "json", "--fail-on", "never")
    assert r.exit_code == 0, r.output
    findings = json.loads((root / "reports" / "findings.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT kind, subject, value FROM claims ORDER BY claim_id").fetchall()
    finally:
        con.close()
    return findings["findings"], [(k, s, json.loads(v)) for k, s, v in rows]
