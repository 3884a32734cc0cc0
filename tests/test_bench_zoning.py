"""benchmarks/zoning.py at toy size: two invented pages in the ScrapingHub benchmark's layout
(html/<id>.html.gz + ground-truth.json), so the script cannot rot; and its metric on known cases."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.zoning import shingle_match, tokenize

REPO = Path(__file__).resolve().parents[1]

_PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/w">Weather desk</a></li></ul></nav>
<article><h1>{title}</h1>
{paras}
</article>
<aside><h2>Elsewhere today</h2><ul><li><a href="/x">Choir wins a regional cup for the third time in a row</a></li>
<li><a href="/y">Bakery on the corner doubles its opening hours this winter</a></li></ul></aside>
<footer><p>Copyright the Example Gazette. All rights reserved.</p></footer>
</body></html>"""

_BODIES = {
    "a1": ("Ferry timetable changes at the lake",
           ["The lake ferry will run every forty minutes from next month, the operator said on "
            "Monday, instead of every hour as it does today.",
            "Two extra boats were leased for the summer season, and the evening crossing moves "
            "from seven to half past seven so that hikers can catch it after the last bus.",
            "Residents of the northern shore had asked for more frequent crossings for years, "
            "a spokesperson for the operator added in a short written statement."]),
    "b2": ("Village library opens a tool lending shelf",
           ["The village library now lends drills, ladders and sewing machines alongside its "
            "books, after a donation from a retired carpenter who kept a large workshop.",
            "Borrowers can keep a tool for one week and renew it twice, the librarian said, and "
            "the shelf will grow as more neighbours bring in things they rarely use."]),
}


def _write(folder: Path) -> None:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for key, (title, paras) in _BODIES.items():
        html = _PAGE.format(title=title, paras="\n".join(f"<p>{p}</p>" for p in paras))
        with gzip.open(folder / "html" / f"{key}.html.gz", "wt", encoding="utf-8") as f:
            f.write(html)
        truth[key] = {"articleBody": "\n".join(paras), "url": f"https://example.org/{key}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_script_runs_on_toy_pages(tmp_path: Path) -> None:
    _write(tmp_path)
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "zoning.py"), str(tmp_path),
         "--bootstrap", "20", "--worst", "2"],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=300).stdout
    assert "2 pages from" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines()
            if line.startswith(("ours ", "trafilatura "))}
    assert set(rows) == {"ours", "trafilatura"}
    for cells in rows.values():
        f1, empty = float(cells[1]), int(cells[-2])
        assert 0.0 <= f1 <= 1.0 and empty == 0
    # the article text is kept: ours loses at most the shingles around its title
    assert float(rows["ours"][1]) >= 0.9
    assert "worst 2 pages for ours" in out


def test_script_limit_and_bad_folder(tmp_path: Path) -> None:
    _write(tmp_path / "b")
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "zoning.py"), str(tmp_path / "b"),
         "--limit", "1", "--bootstrap", "5", "--kinds", "body,quote"],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=300).stdout
    assert "1 pages from" in out and "ours = zones body, quote" in out
    bad = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "zoning.py"), str(tmp_path / "missing")],
        capture_output=True, text=True, cwd=REPO, timeout=60)
    assert bad.returncode != 0 and "ground-truth.json" in bad.stderr


def test_metric_matches_the_benchmark_definition() -> None:
    assert tokenize("It's 4.5 km") == ["It", "s", "4", "5", "km"]
    assert shingle_match("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    # 2 true shingles, 1 predicted of which 1 matches: tp 1, fp 0, fn 1 -> normalised by 2
    assert shingle_match("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    assert shingle_match("", "") == (0.0, 0.0, 0.0)
    assert shingle_match("a b", "") == (0.0, 0.0, 1.0)  # a short text is one short shingle
