"""Write the example project's two binary sources: ``sources/council-briefing.pdf`` and
``sources/tsukuba-gazette.docx`` (texts written for this project; the outlets are invented).

The PDF is headless Chromium's print of our own HTML (no print header or footer, so the file
does not depend on the date or the folder it was made in); its second section starts on page
2, where the planted amount is. The .docx is written by python-docx. Each carries one planted
discrepancy, listed in ``sources/PLANTED.md``. Run ``python tests/make_example_binaries.py``
after editing the texts; the files are committed, so an audit needs neither tool.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "sources"

BRIEFING_TITLE = "Briefing note: two U.S.-Japan university partnerships in artificial intelligence"

BRIEFING_PAGE_1 = [
    ("h1", BRIEFING_TITLE),
    ("p", "Pacific Innovation Council · Briefing note · April 12, 2024"),
    ("h2", "What was signed"),
    ("p", "On Tuesday, April 9, 2024, two pairs of universities signed agreements at the U.S. "
          "Department of Commerce in Washington, D.C. to work together on artificial "
          "intelligence. The University of Washington is partnering with the University of "
          "Tsukuba, and Carnegie Mellon University with Keio University."),
    ("p", "Commerce Secretary Gina Raimondo hosted the signing, which was timed to coincide "
          "with the official visit of Japanese Prime Minister Fumio Kishida."),
    ("h2", "What each partnership will do"),
    ("p", "The Seattle and Tsukuba pairing is built around workforce development: joint "
          "courses, short research stays and internships for students of both universities."),
    ("p", "The Pittsburgh and Tokyo pairing is organised around research themes, with "
          "robotics and the life sciences among them."),
    ("h2", "Why this matters for the region"),
    ("p", "Both governments want frontier research to stay among close allies. University "
          "agreements are a cheap and durable way to do that: they outlast any single "
          "government programme, and the people they train carry the ties into industry."),
    ("p", "For universities, the attraction is access: to computing capacity that no single "
          "campus can afford, to data held by companies, and to students who would not "
          "otherwise cross the Pacific. For companies, it is a pipeline of people who already "
          "know their tools."),
    ("p", "The council will watch three things over the coming year: whether the first "
          "student exchanges happen on time, whether the research themes turn into joint "
          "publications, and whether other universities follow with agreements of their own."),
]

BRIEFING_PAGE_2 = [
    ("h2", "Who pays"),
    # planted: the total is $110 million in every other source
    ("p", "Private industry has committed $120 million to the two partnerships, according to "
          "the Department of Commerce. The backers are NVIDIA, Amazon, Arm, SoftBank Group and "
          "Microsoft, together with nine Japanese companies."),
    ("p", "No split between the two partnerships has been published, and the companies have "
          "not said how much of their support will come as computing time rather than "
          "funding for staff and students."),
    ("h2", "About this note"),
    ("p", "Briefing notes summarise public announcements for the council's members. They are "
          "not investment advice."),
]

GAZETTE_TITLE = "University of Tsukuba signs AI pact with the University of Washington"

GAZETTE = [
    ("Title", GAZETTE_TITLE),
    ("Normal", "By Aiko Brandt, Tsukuba Science City Gazette · April 11, 2024"),
    # planted: 'Raimundo' (every other source: Raimondo)
    ("Normal", "The University of Tsukuba and the University of Washington signed an agreement "
               "on Tuesday, April 9, 2024, to cooperate on artificial intelligence, at a "
               "ceremony hosted by Commerce Secretary Gina Raimundo at the U.S. Department of "
               "Commerce in Washington, D.C."),
    ("Normal", "The signing was arranged during the official visit of Japanese Prime Minister "
               "Fumio Kishida. A second partnership, between Carnegie Mellon University and "
               "Keio University, was signed at the same event."),
    ("Heading 1", "Who pays"),
    ("Normal", "Together the two partnerships are backed by $110 million from NVIDIA, Amazon, "
               "Arm, SoftBank Group and Microsoft, plus nine Japanese companies."),
    ("Heading 1", "What comes next"),
    ("Normal", "The partnership with Seattle will concentrate on workforce development. "
               "Students from Tsukuba are expected to join courses in Seattle, and researchers "
               "from both universities will spend short stays at each other's laboratories."),
    ("Normal", "University staff said that planning for the first exchanges would begin this "
               "spring."),
]


def briefing_html() -> str:
    def block(items: list[tuple[str, str]]) -> str:
        return "".join(f"<{tag}>{text}</{tag}>" for tag, text in items)

    return ("<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{BRIEFING_TITLE}</title>"
            "<style>body{font-family:serif;font-size:12pt;line-height:1.4}"
            ".page2{break-before:page}</style></head><body>"
            f"{block(BRIEFING_PAGE_1)}<section class='page2'>{block(BRIEFING_PAGE_2)}</section>"
            "</body></html>")


def write_pdf(out: Path) -> Path:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is needed to print the PDF")
    work = Path(tempfile.mkdtemp(prefix="example-pdf-"))
    try:
        page = work / "briefing.html"
        page.write_text(briefing_html(), encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={work / 'profile'}",
             "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()],
            check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def write_docx(out: Path) -> Path:
    import datetime as dt

    import docx

    d = docx.Document()
    props = d.core_properties
    props.title, props.author = GAZETTE_TITLE, "Aiko Brandt"
    # fixed times, so the file's bytes (and its document id) do not change with each run
    props.created = props.modified = dt.datetime(2024, 4, 11, 9, 0)
    for style, text in GAZETTE:
        if style == "Title":
            d.add_heading(text, 0)
        elif style.startswith("Heading"):
            d.add_heading(text, int(style.split()[1]))
        else:
            d.add_paragraph(text, style=style)
    d.save(str(out))
    return out


if __name__ == "__main__":
    print(write_pdf(SOURCES / "council-briefing.pdf"))
    print(write_docx(SOURCES / "tsukuba-gazette.docx"))
