"""PDF and Word sources: text, blocks, pages and furniture, and the errors of unreadable files.

Fixtures are made here: Word files by python-docx with our own sentences, PDFs by headless
Chromium printing our own HTML (its default print header and footer - date, title, address,
page numbers - are the running furniture a real PDF carries).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from audit.errors import InputError
from audit.ingest.docx import read_docx
from audit.ingest.pdf import page_of, read_pdf
from tests.conftest import invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is missing")

LEAD = ("The Westport harbour board approved a grant of $12 million for two electric cranes "
        "on Tuesday, May 7, 2024, said board chair Lena Voss.")
FILLER = ("Dock workers will be trained on the new equipment over the summer, and the old diesel "
          "cranes will be sold to a scrap merchant in the autumn. ")


def print_pdf(html: str, out: Path) -> Path:
    page = out.with_suffix(".html")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--print-to-pdf={out}",
         page.as_uri()],
        check=True, capture_output=True, timeout=120)
    page.unlink()
    shutil.rmtree(profile, ignore_errors=True)
    return out


def long_html(title: str) -> str:
    paras = [LEAD] + [f"Paragraph {i}. " + FILLER * 4 for i in range(1, 25)]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<html><head><title>{title}</title></head><body><h1>Cranes for Westport</h1>{body}</body></html>"


@needs_chromium
def test_pdf_pages_text_and_running_furniture(tmp_path):
    pdf = print_pdf(long_html("Westport crane grant"), tmp_path / "grant.pdf")
    parsed = read_pdf(pdf.read_bytes(), pdf)
    text = parsed.text
    assert parsed.meta.get("title") == "Westport crane grant"
    assert text.count("\f") >= 2  # several pages
    assert LEAD in text  # a paragraph is one block, its wrapped lines joined by spaces
    lead = next(b for b in parsed.blocks if text[b.start:b.end] == LEAD)
    assert lead.hint == "" and page_of(text, lead.start) == 1
    last = parsed.blocks[-1]
    assert page_of(text, last.start) == text.count("\f") + 1
    furniture = [text[b.start:b.end] for b in parsed.blocks if b.hint == "footer"]
    # the print header/footer (title, address, "n/m") repeats on every page: furniture
    assert any("Westport crane grant" == f for f in furniture)
    assert any(f.endswith(".html") for f in furniture)
    assert not any("Paragraph" in f for f in furniture)
    for b in parsed.blocks:
        assert text[b.start:b.end] == text[b.start:b.end].strip() and b.end > b.start


@needs_chromium
def test_pdf_audit_run_reports_page_numbers(tmp_path):
    root = tmp_path / "proj"
    (root / "sources").mkdir(parents=True)
    print_pdf(long_html("Crane grant"), root / "sources" / "grant.pdf")
    (root / "sources" / "note.txt").write_text(
        "Westport's harbour board granted $15 million for two electric cranes on "
        "Tuesday, May 7, 2024, board chair Lena Voss said.\n")
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    result = invoke("run", root, "--format", "json", "--format", "md")
    assert result.exit_code in (0, 1), result.output
    bundle = json.loads((root / "reports" / "findings.json").read_text())
    pdf_evidence = [e for f in bundle["findings"] for e in f["evidence"]
                    if e["path"].endswith(".pdf")]
    assert pdf_evidence, "the two sources disagree on the amount: the PDF side is evidence"
    con = duckdb.connect(str(root / ".audit" / "audit.duckdb"), read_only=True)
    text = con.execute("SELECT text FROM documents WHERE media_type = 'application/pdf'"
                       ).fetchall()[0][0]
    for e in pdf_evidence:
        assert text[e["start"]:e["end"]] == e["exact"]
        assert e["page"] == page_of(text, e["start"])
    assert "grant.pdf (page 1)" in (root / "reports" / "summary.md").read_text()


def test_docx_styles_tables_and_meta(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.core_properties.title = "Cranes for Westport"
    d.add_heading("Harbour gets electric cranes", 0)
    d.add_heading("The grant", 1)
    d.add_paragraph(LEAD)
    table = d.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "Funder", (0, 1): "Amount", (1, 0): "Harbour board",
                          (1, 1): "$12 million"}.items():
        table.cell(r, c).text = value
    d.add_paragraph("Figure 1: a crane being unloaded", style="Caption")
    d.add_paragraph("We are building the port of the next fifty years", style="Quote")
    path = tmp_path / "grant.docx"
    d.save(path)
    parsed = read_docx(path.read_bytes(), path)
    blocks = {parsed.text[b.start:b.end]: b for b in parsed.blocks}
    assert parsed.meta["title"] == "Cranes for Westport"
    assert blocks["Harbour gets electric cranes"].hint == "title"
    assert blocks["The grant"].tag == "h1"
    assert blocks[LEAD].tag == "p"
    assert blocks["$12 million"].tag == "td"
    assert blocks["Figure 1: a crane being unloaded"].hint == "caption"
    assert blocks["We are building the port of the next fifty years"].hint == "quote"
    order = [parsed.text[b.start:b.end] for b in parsed.blocks]
    assert order.index(LEAD) < order.index("Funder") < order.index("Figure 1: a crane being unloaded")


@pytest.mark.parametrize("name,payload,says", [
    ("broken.pdf", b"%PDF-1.7\n this is not a pdf body", "not a readable PDF"),
    ("empty.pdf", b"", "not a readable PDF"),
    ("notzip.docx", b"plain words, not a zip package", "not a Word .docx file"),
    ("badzip.docx", b"PK\x03\x04" + b"\x00" * 40, "docx"),
])
def test_unreadable_binary_sources_exit_2_naming_the_file(tmp_path, name, payload, says):
    root = tmp_path / "proj"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "ok.txt").write_text("The board met on Tuesday, May 7, 2024.\n")
    (root / "sources" / name).write_bytes(payload)
    (root / "audit.toml").write_text('[audit]\nsources = "sources"\n')
    result = invoke("run", root)
    assert result.exit_code == 2, result.output
    assert name in result.output and says in result.output
    assert "Traceback" not in result.output
    assert not (root / "reports" / "findings.json").exists()


def test_reader_errors_are_input_errors():
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(b"%PDF-1.4 garbage", "x.pdf")
    with pytest.raises(InputError, match="not a Word .docx file"):
        read_docx(b"garbage", "x.docx")


@needs_chromium
def test_encrypted_pdf_is_a_clear_error(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = print_pdf(long_html("Locked"), tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="encrypted PDF"):
        read_pdf(locked.read_bytes(), locked)
