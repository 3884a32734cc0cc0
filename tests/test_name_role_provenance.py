"""Names and roles across sources, in our own invented wording: the legitimate forms that must
stay quiet (British and American spellings of one name, one person's two posts, a nationality
adjective and "X of Country", a dateline before a title) and the provenance of what is reported:
every name-variant and role-conflict evidence span shows the words its side states."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from audit.resolve.countries import country_key
from audit.resolve.names import clean_surface
from audit.resolve.roles import title_key
from tests.extracting import audit_texts, pipeline


def _loud(findings, check):
    return [f for f in findings if f["check"] == check and f["severity"] in ("error", "warning")]


# --- British and American spellings of one name ---------------------------------------------

SPELL_A = """Probe lifts off

The probe lifted off from the Ostrava Flight Centre in Velmstad, Norway, on Sunday morning, and the
Harbour Museum in Velmstad, Norway, opened its doors to the crowds.
"""

SPELL_B = """Lift-off day

Early on Sunday the probe lifted off from Ostrava Flight Center in Velmstad, Norway. The Harbor Museum
in Velmstad, Norway, stayed open late.
"""


def test_british_and_american_spellings_of_one_name_are_no_misspelling(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": SPELL_A, "b.txt": SPELL_B})
    nv = _loud(findings, "name-variant")
    assert not nv, [f["message"] for f in nv]


SPELL_TYPO = """Landing day

The probe lifted off from the Ostrava Fligth Centre in Velmstad, Norway, on Sunday.
"""


def test_a_real_misspelling_beside_a_regional_spelling_is_still_reported(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": SPELL_A, "b.txt": SPELL_B,
                                         "c.txt": SPELL_TYPO})
    nv = _loud(findings, "name-variant")
    assert any("Fligth" in f["message"] for f in nv), [f["message"] for f in findings]


# --- dates, nationality adjectives and place names before a title -----------------------------

KING_A = """ date 2031-04-12 Veskan Queen Ilse Marrow opened the new bridge on Friday.
"""

KING_B = """Bridge opens

Queen Ilse Marrow of Veska cut the ribbon on the bridge on Friday.
"""


def test_a_dateline_is_no_organisation_and_an_adjective_names_the_country(tmp_path, monkeypatch):
    from audit.extract import vocab

    monkeypatch.setitem(vocab.NATIONALITIES, "Veskan", "Veska")
    claims = pipeline(KING_A, "person")
    assert [c.value["org"] for c in claims] == ["Veska"], [c.value for c in claims]
    org_spans = [KING_A[s.start:s.end] for c in claims for s in c.spans if s.role == "org"]
    assert org_spans == ["Veskan"]


def test_nationality_adjective_and_title_of_country_are_one_role(tmp_path):
    a = "Halden visit\n\n date 2031-04-12 Norwegian Queen Ilse Marrow toured the yard.\n"
    b = "Yard tour\n\nQueen Ilse Marrow of Norway toured the yard on Friday.\n"
    findings, _ = audit_texts(tmp_path, {"a.txt": a, "b.txt": b})
    rc = [f for f in findings if f["check"] == "role-conflict"]
    assert not rc, [f["message"] for f in rc]


def test_a_day_or_a_figure_before_a_title_names_no_organisation():
    for text in ("After Friday's Mayor Rita Holm spoke, the hall emptied.\n",
                 "12/05/2031 Mayor Rita Holm spoke at the hall.\n",
                 "1,200 Mayor Rita Holm supporters filled the hall.\n"):
        claims = pipeline(text, "person")
        assert claims and all(c.value["org"] is None for c in claims), [c.value for c in claims]


def test_a_company_named_after_its_trade_is_an_organisation_not_a_portfolio():
    """"of Brannholt Energy" names a company; "for Energy" or "of Foreign Affairs" a portfolio."""
    text = "Siv Lunde, the vice president of Brannholt Energy, spoke first.\n"
    [c] = pipeline(text, "person")
    assert (c.value["title"], c.value["org"]) == ("Vice President", "Brannholt Energy")
    for text, title in (("Siv Lunde, the minister for Energy, spoke.\n", "minister for Energy"),
                        ("Minister of Foreign Affairs Siv Lunde spoke.\n",
                         "Minister of Foreign Affairs"),
                        ("Professor of Computer Science Siv Lunde spoke.\n",
                         "Professor of Computer Science")):
        [c] = pipeline(text, "person")
        assert (c.value["title"].lower(), c.value["org"]) == (title.lower(), None), c.value


def test_a_place_name_before_a_title_keeps_its_first_word():
    text = "On Monday, New Mexico governor Alma Reyes signed the bond.\n"
    claims = pipeline(text, "person")
    assert [c.value["org"] for c in claims] == ["New Mexico"], [c.value for c in claims]


# --- property: evidence shows what each side states ------------------------------------------

FIRST = ["Ilse", "Tomas", "Mirela", "Aksel", "Dorota", "Kasimir"]
LAST = ["Marrow", "Venholt", "Quist", "Brandauer", "Lindqvist", "Osterhage"]
ORGS = ["Tessel Robotics", "Orvik Bank", "Kalvik Power", "Brannholt Energy", "Velm Harbour Trust"]
TITLES = ["chief executive", "CEO", "director", "chair"]
COUNTRIES = [("Norwegian", "Norway"), ("Danish", "Denmark"), ("Austrian", "Austria")]


def _misspell(word: str, i: int) -> str:
    """One letter of a long word swapped with its neighbour (a typo a spell checker misses)."""
    j = 2 + i % (len(word) - 3)
    return word[:j] + word[j + 1] + word[j] + word[j + 2:]


@st.composite
def _stories(draw):
    people = draw(st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)),
                           min_size=2, max_size=3, unique=True))
    docs = []
    for d in range(draw(st.integers(2, 4))):
        lines = [f"Report {d + 1}", ""]
        if draw(st.booleans()):
            lines[0] = f" date 2031-0{d + 1}-1{d} " + lines[0]
        for first, last in people:
            if draw(st.integers(0, 4)) == 0:
                last = _misspell(last, d)
            org, org2 = draw(st.sampled_from(ORGS)), draw(st.sampled_from(ORGS))
            title = draw(st.sampled_from(TITLES))
            adj, country = draw(st.sampled_from(COUNTRIES))
            form = draw(st.integers(0, 6))
            lines.append([
                f"{org} {title} {first} {last} toured the site on Monday.",
                f"{first} {last}, {title} of {org}, said the work would end in May.",
                f"{org} and {org2} {title} {first} {last} signed the deal.",
                f"{adj} Minister {first} {last} opened the hall.",
                f"Minister {first} {last} of {country} opened the hall.",
                f"Former {org} {title} {first} {last} was there.",
                f"{first} {last}, the vice president of {org}, spoke first.",
            ][form])
        docs.append("\n".join(lines) + "\n")
    return {f"d{i}.txt": t for i, t in enumerate(docs)}


def _side_states(check: str, comparison: str | None, exact: str, value: str) -> bool:
    """Whether an evidence span's words are what its side of the finding states."""
    if check == "name-variant":
        return clean_surface(exact) == clean_surface(value)
    title, _, org = value.partition(" of ")
    if comparison == "organisation":
        return exact.lower() in org.lower() or org.lower() in exact.lower() or (
            country_key(exact) is not None and country_key(exact) == country_key(org))
    return exact.lower() in value.lower() or title_key(exact)[1] == title_key(title)[1]


def _check_evidence(files: dict[str, str]) -> int:
    """Audit ``files``; every name-variant and role-conflict evidence span shows its side's
    words. Returns how many spans were checked."""
    root = Path(tempfile.mkdtemp(prefix="names-prov-"))
    try:
        findings, _ = audit_texts(root, files)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    checked = 0
    for f in findings:
        if f["check"] not in ("name-variant", "role-conflict"):
            continue
        for e in f["evidence"]:
            text = files[e["path"].replace("\\", "/").rsplit("/", 1)[-1]]
            assert text[e["start"]:e["end"]] == e["exact"]
            assert _side_states(f["check"], f["details"].get("comparison"), e["exact"],
                                e["value"]), (f["message"], e["exact"], e["value"])
            checked += 1
    return checked


@settings(max_examples=4, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],  # each example is a whole audit run
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_stories())
def test_name_and_role_evidence_shows_what_each_side_states(files):
    _check_evidence(files)


MIXED = {
    "a.txt": "Grid deal\n\n date 2031-02-03 Tessel Robotics CEO Ilse Marrow spoke.\n"
             "Ilse Marrow, chief executive of Tessel Robotics, said so.\n",
    "b.txt": "Deal\n\nIlse Marow, the chief executive of Orvik Bank, toured the site.\n"
             "Former Tessel Robotics chief executive Ilse Marow was there.\n",
    "c.txt": "Deal done\n\nIlse Marrow, the vice president of Orvik Bank, spoke first.\n"
             "Orvik Bank president Ilse Marrow signed.\n",
}


def test_name_and_role_evidence_on_a_mixed_story():
    """A misspelt name, two organisations, a former title and a deputy's title in one story:
    the property holds and is not vacuous."""
    assert _check_evidence(MIXED) >= 4


def test_one_organisation_in_british_and_american_spelling_agrees_for_a_role():
    from audit.resolve.roles import orgs_agree

    assert orgs_agree("Ministry of Defence", "Defense Ministry")
    assert orgs_agree("Velm Harbour Trust", "Velm Harbor Trust")
    assert not orgs_agree("Tessel Robotics", "Orvik Bank")
