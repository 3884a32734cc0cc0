"""benchmarks/realtext.py at toy size: an invented event (our own wording) with a gold file.

The real development set lives outside the repository; this runs the same script, end to end
through the real CLI, on three short invented documents and checks the scoring.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.realtext import load_gold, match, score_event, summarize  # noqa: E402

DOCS = {
    "release.txt": (
        "Northfield College receives $12 million pledge\n\n"
        "NORTHFIELD, June 3, 2021 - Northfield College said its alumna Marguerite Hollisfield "
        "has pledged $12 million toward a new science library. The pledge must be matched, so the "
        "library could draw $24 million in total.\n\n"
        "\"This library will be open to every student, day and night,\" said college president "
        "Tobias Brandauer.\n"),
    "courier.txt": (
        "Alumna pledges $12 million for Northfield science library\n\n"
        "Marguerite Hollisfield, a chemist who graduated in 1979, pledged $12 million to "
        "Northfield College on Thursday for a science library. With the matching money the project "
        "may reach $24 million in total, the college said.\n\n"
        "\"This library will be open to every student, day and night,\" president Tobias Brandaur "
        "said.\n"),
    "digest.txt": (
        "Northfield College gets science library pledge\n\n"
        "Chemist Marguerite Hollisfield pledged $12 million to Northfield College for a "
        "science library, college president Tobias Brandauer said.\n"),
}


def _locs(file: str, find: str) -> list[dict]:
    text = DOCS[file]
    out, i = [], text.find(find)
    while i >= 0:
        out.append({"file": file, "line": text.count("\n", 0, i) + 1, "start": i,
                    "end": i + len(find)})
        i = text.find(find, i + 1)
    assert out, (file, find)
    return out


def _toml_items(items: list[dict]) -> str:
    parts = []
    for it in items:
        locs = ", ".join(f'{{ file = "{x["file"]}", line = {x["line"]}, start = {x["start"]}, '
                         f'end = {x["end"]} }}' for x in it["locations"])
        parts.append(f'[[items]]\nid = "{it["id"]}"\nkind = "{it["kind"]}"\n'
                     f'check = "{it["check"]}"\nwhat = "{it["what"]}"\n'
                     f'values = {json.dumps(it["values"])}\nlocations = [{locs}]\n')
    return "\n".join(parts)


ITEMS = [
    {"id": "president-spelling", "kind": "must-report", "check": "name-variant",
     "what": "The president's surname loses a letter in one paper.",
     "values": ["Brandaur", "Brandauer"],
     "locations": _locs("courier.txt", "Brandaur") + _locs("release.txt", "Brandauer")
     + _locs("digest.txt", "Brandauer")},
    {"id": "pledge-vs-matched-total", "kind": "variant", "check": "value-conflict",
     "what": "The total includes the matching money; not a conflict with the pledge.",
     "values": ["$12 million", "$24 million"],
     "locations": _locs("release.txt", "$24 million") + _locs("courier.txt", "$24 million")
     + _locs("release.txt", "$12 million") + _locs("courier.txt", "$12 million")
     + _locs("digest.txt", "$12 million")},
]


def write_event(root: Path, docs: dict[str, str] = DOCS, items: list[dict] = ITEMS) -> Path:
    texts, gold = root / "texts" / "toy-pledge", root / "gold"
    texts.mkdir(parents=True)
    gold.mkdir()
    head = ('[event]\nslug = "toy-pledge"\nsummary = "An invented college pledge"\n'
            'date = "2021-06-03"\ndomain = "philanthropic gift"\n')
    docs_toml = ""
    for name, text in docs.items():
        (texts / name).write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        docs_toml += (f'\n[[documents]]\nfile = "{name}"\noutlet = "Outlet {name}"\n'
                      f'kind = "news"\nsha256 = "{sha}"\n')
    (gold / "toy-pledge.toml").write_text(head + docs_toml + "\n" + _toml_items(items),
                                          encoding="utf-8")
    return root


def run_script(root: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GX_ANALYTICS_ENABLED="False")
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "realtext.py"),
                           str(root / "texts"), "--gold", str(root / "gold"), *extra],
                          capture_output=True, text=True, env=env, cwd=str(REPO))


def test_toy_event_scores_the_planted_misspelling(tmp_path):
    root = write_event(tmp_path)
    proc = run_script(root, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    items = {i["id"]: i for i in out["events"][0]["items"]}
    assert items["president-spelling"]["found"]
    assert items["president-spelling"]["found_same_class"]
    total = out["total"]
    assert total["must_report"] == 1 and total["must_report_recall"] == 1.0
    verdicts = out["events"][0]["findings"]
    # Every gated finding that pairs the legitimate total with the pledge is counted false.
    for v in verdicts:
        if v["item"] == "pledge-vs-matched-total":
            assert v["false"] == (v["severity"] in ("error", "warning"))
        if v["item"] is None:
            assert v["false"] == (v["severity"] in ("error", "warning"))
    gated = [v for v in verdicts if v["severity"] in ("error", "warning")]
    assert total["error_warning_precision"] == sum(not v["false"] for v in gated) / len(gated)
    assert "warning" not in proc.stderr  # checksums match the saved texts


def test_text_report_lists_found_and_warns_on_changed_text(tmp_path):
    root = write_event(tmp_path)
    path = root / "texts" / "toy-pledge" / "digest.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    proc = run_script(root)
    assert proc.returncode == 0, proc.stderr
    assert "found: president-spelling [name-variant]" in proc.stdout
    assert "must-report recall" in proc.stdout
    assert "digest.txt: sha256 differs" in proc.stderr


def test_matching_prefers_unshared_locations_and_counts_variants_false(tmp_path):
    gold = load_gold(write_event(tmp_path) / "gold" / "toy-pledge.toml")
    rel = DOCS["release.txt"]
    courier = DOCS["courier.txt"]

    def ev(file: str, text: str, find: str) -> dict:
        s = text.find(find)
        return {"path": f"sources/{file}", "start": s, "end": s + len(find), "exact": find}

    amount = {"severity": "error", "class": "value-conflict", "message": "amounts differ",
              "evidence": [ev("release.txt", rel, "$24 million"),
                           ev("courier.txt", courier, "$12 million")]}
    name = {"severity": "error", "class": "name-variant", "message": "spelt two ways",
            "evidence": [ev("courier.txt", courier, "Brandaur"),
                         ev("release.txt", rel, "Brandauer")]}
    stray = {"severity": "warning", "class": "quote-drift", "message": "quote differs",
             "evidence": [ev("release.txt", rel, "This library")]}
    assert match(amount, gold.items).id == "pledge-vs-matched-total"
    assert match(name, gold.items).id == "president-spelling"
    assert match(stray, gold.items) is None
    res = score_event(gold, [amount, name, stray])
    assert [v["false"] for v in res["findings"]] == [True, False, True]
    total = summarize([{**res, "seconds": 0, "warnings": []}])
    assert total["error_precision"] == 0.5
    assert total["error_warning_precision"] == pytest.approx(1 / 3)
    assert total["variants_flagged"] == 1
    assert total["per_class"]["value-conflict"]["false_errors"] == 1


def test_matching_breaks_a_tie_by_the_values_the_message_names(tmp_path):
    # one person's first name and surname are two items touching the same documents: a
    # finding about the first name goes to the first name's item, whichever comes first
    docs = {"a.txt": "Coach Jon-Pierre Lavallee spoke.\n",
            "b.txt": "Coach Jon-Piere Lavalee spoke.\n"}
    sur = {"id": "surname", "kind": "must-report", "check": "name-variant",
           "what": "Surname loses a letter.", "values": ["Lavalee", "Lavallee"],
           "locations": [{"file": f, "line": 1, "start": docs[f].find("Lav"),
                          "end": docs[f].find(" spoke")} for f in docs]}
    first = {"id": "first-name", "kind": "must-report", "check": "name-variant",
             "what": "First name loses a letter.", "values": ["Jon-Piere", "Jon-Pierre"],
             "locations": [{"file": f, "line": 1, "start": docs[f].find("Jon"),
                            "end": docs[f].find(" Lav")} for f in docs]}
    gold = load_gold(write_event(tmp_path, docs, [sur, first]) / "gold" / "toy-pledge.toml")
    ev = [{"path": f"sources/{f}", "start": docs[f].find("Jon"),
           "end": docs[f].find(" spoke"), "exact": ""} for f in docs]
    about_first = {"severity": "error", "class": "name-variant", "evidence": ev,
                   "message": "'Jon-Piere Lavallee' vs 'Jon-Pierre Lavallee'"}
    about_both = {"severity": "error", "class": "name-variant", "evidence": ev,
                  "message": "'Jon-Piere Lavalee' vs 'Jon-Pierre Lavallee'"}
    assert match(about_first, gold.items).id == "first-name"
    assert match(about_both, gold.items).id == "surname"  # a tie on values: the first item


def test_an_item_within_one_page_matches_a_finding_that_also_cites_other_pages(tmp_path):
    # the gold item: one page misspells the surname against its own other mentions; the
    # audit compares that page's odd spelling with every page's right one
    docs = {"a.txt": "Coach Lavallee arrived. Later Lavalee left.\n",
            "b.txt": "Coach Lavallee spoke.\n"}
    a = docs["a.txt"]
    item = {"id": "own-page", "kind": "must-report", "check": "name-variant",
            "what": "One page drops a letter of the surname once.",
            "values": ["Lavalee", "Lavallee"],
            "locations": [{"file": "a.txt", "line": 1, "start": a.find(w),
                           "end": a.find(w) + len(w)} for w in ("Lavallee", "Lavalee")]}
    gold = load_gold(write_event(tmp_path, docs, [item]) / "gold" / "toy-pledge.toml")
    odd = a.find("Lavalee")
    across = {"severity": "error", "class": "name-variant", "message": "spelt two ways",
              "evidence": [{"path": "sources/a.txt", "start": odd, "end": odd + 7},
                           {"path": "sources/b.txt", "start": 6, "end": 14}]}
    elsewhere = {"severity": "error", "class": "name-variant", "message": "spelt two ways",
                 "evidence": [{"path": "sources/b.txt", "start": 6, "end": 14},
                              {"path": "sources/c.txt", "start": 0, "end": 5}]}
    assert match(across, gold.items).id == "own-page"
    assert match(elsewhere, gold.items) is None
    other_class = {**across, "class": "quote-drift"}  # about something else on that page
    assert match(other_class, gold.items) is None


def test_a_finding_naming_two_of_an_items_values_matches_it_touched_in_one_page(tmp_path):
    # the gold lists the right spelling on two pages only; the audit sets the misspelt page
    # against a third page the gold did not list
    docs = {"a.txt": "Orvane said Orvano would list.\n", "b.txt": "Orvano will list.\n",
            "c.txt": "Orvano listed today.\n"}
    a = docs["a.txt"]
    item = {"id": "misspelt", "kind": "must-report", "check": "name-variant",
            "what": "One page misspells the company once.", "values": ["Orvane", "Orvano"],
            "locations": [{"file": "a.txt", "line": 1, "start": 0, "end": 6},
                          {"file": "a.txt", "line": 1, "start": a.find("Orvano"),
                           "end": a.find("Orvano") + 6},
                          {"file": "b.txt", "line": 1, "start": 0, "end": 6}]}
    gold = load_gold(write_event(tmp_path, docs, [item]) / "gold" / "toy-pledge.toml")
    ev = [{"path": "sources/a.txt", "start": 0, "end": 6},
          {"path": "sources/c.txt", "start": 0, "end": 6}]
    naming = {"severity": "error", "class": "name-variant", "evidence": ev,
              "message": "org name spelled two ways: 'Orvane' vs 'Orvano'"}
    assert match(naming, gold.items).id == "misspelt"
    silent = {**naming, "message": "org name spelled two ways"}
    assert match(silent, gold.items) is None  # touched in one page, values not named


@pytest.mark.parametrize("broken, needle", [
    ('kind = "must-report"', 'kind = "must"'),
    ("start = ", "start = -"),
])
def test_bad_gold_file_exits_2_naming_it(tmp_path, broken, needle):
    root = write_event(tmp_path)
    path = root / "gold" / "toy-pledge.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(broken, needle, 1),
                    encoding="utf-8")
    proc = run_script(root)
    assert proc.returncode == 2
    assert "toy-pledge.toml" in proc.stderr and "Traceback" not in proc.stderr


def _validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "validate_gold.py"),
                           str(root / "gold"), str(root / "texts")],
                          capture_output=True, text=True, cwd=str(REPO))


def test_validate_gold_accepts_the_toy_event_and_names_a_bad_offset(tmp_path):
    root = write_event(tmp_path / "good")
    ok = _validate(root)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "toy-pledge.toml: ok" in ok.stdout
    shifted = [dict(it, locations=[dict(x, start=x["start"] + 3, end=x["end"] + 3)
                                   for x in it["locations"]]) for it in ITEMS]
    bad = write_event(tmp_path / "bad", items=shifted)
    broken = _validate(bad)
    assert broken.returncode == 1
    assert "president-spelling" in broken.stdout
    (bad / "texts" / "toy-pledge" / "digest.txt").write_text("edited\n", encoding="utf-8")
    assert "sha256 mismatch for digest.txt" in _validate(bad).stdout
    # what the scorer would refuse, the validator names too: a page date of a month only
    gold = root / "gold" / "toy-pledge.toml"
    text = gold.read_text(encoding="utf-8")
    gold.write_text(text.replace('[[documents]]\n', '[[documents]]\ndate = "2024-09"\n', 1),
                    encoding="utf-8")
    dated = _validate(root)
    assert dated.returncode == 1 and "is not YYYY-MM-DD" in dated.stdout, dated.stdout


def test_available_scores_a_partial_copy_and_drops_items_left_one_sided(tmp_path):
    root = write_event(tmp_path)
    (root / "texts" / "toy-pledge" / "digest.txt").unlink()
    assert run_script(root).returncode == 2  # a missing text stops the full run
    proc = run_script(root, "--json", "--available")
    assert proc.returncode == 0, proc.stderr
    assert "1 of 3 texts missing or changed" in proc.stderr
    event = json.loads(proc.stdout)["events"][0]
    assert event["documents"] == 2
    items = {i["id"]: i for i in event["items"]}
    assert items["president-spelling"]["found"]  # still two documents on its two sides
    (root / "texts" / "toy-pledge" / "courier.txt").write_text("changed\n", encoding="utf-8")
    alone = run_script(root, "--json", "--available")
    assert alone.returncode == 0, alone.stderr
    assert json.loads(alone.stdout)["events"] == []  # one text left: nothing to compare


def test_available_drops_an_item_whose_other_figure_is_only_in_missing_texts():
    from benchmarks.realtext import _other_figure_missing
    # worded apart, one figure: the "about 150" side is gone
    assert _other_figure_missing(["about 200", "about 150"],
                                 ["a village of about 200", "roughly 200", "200 residents"])
    # both figures still stated: the disagreement remains
    assert not _other_figure_missing(["about 200", "about 150"], ["about 200", "about 150"])
    # the same figure in two currencies: nothing of the values is missing
    assert not _other_figure_missing(["40 million francs", "EUR 40 million"],
                                     ["40 million francs", "EUR 40 million"])
    assert not _other_figure_missing(["Tuesday", "Monday"], ["on Tuesday", "released Monday"])


def _save(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "save_excerpt.py"), *args],
                          input=stdin, capture_output=True, text=True, cwd=str(REPO))


def test_save_excerpt_keeps_only_the_copy_the_gold_checksums(tmp_path):
    root = write_event(tmp_path / "ev")
    gold = str(root / "gold" / "toy-pledge.toml")
    out = tmp_path / "regathered"
    assert _save("--missing", str(root / "gold"), str(out)).stdout.endswith("3 missing\n")
    exact = json.dumps(DOCS["digest.txt"])  # as the search tool prints an excerpt
    ok = _save(gold, "digest.txt", str(out), stdin=exact)
    assert ok.returncode == 0 and ok.stdout.startswith("OK")
    assert (out / "toy-pledge" / "digest.txt").read_text(encoding="utf-8") == DOCS["digest.txt"]
    other_window = json.dumps(DOCS["courier.txt"].replace("\n\n", "\n"))
    bad = _save(gold, "courier.txt", str(out), stdin=other_window)
    assert bad.returncode == 1 and not (out / "toy-pledge" / "courier.txt").exists()
    assert (out / "toy-pledge" / "courier.txt.mismatch").exists()
    left = _save("--missing", str(root / "gold"), str(out))
    assert left.returncode == 1 and "toy-pledge/courier.txt" in left.stdout \
        and "digest.txt" not in left.stdout
    for args, stdin, needle in ((["--new", str(out / "n" / "a.txt")], "not json", "stdin"),
                                ([gold, "absent.txt", str(out)], exact, "absent.txt")):
        r = _save(*args, stdin=stdin)
        assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr
