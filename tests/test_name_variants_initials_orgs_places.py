"""Name-variant misses real coverage taught us, in our own invented wording: initials written
without full stops (a South Asian press convention), an organisation misspelt outside any role,
a place name with a letter dropped. Each report case runs the real CLI on small documents."""

from __future__ import annotations

import pytest

from audit.resolve.cluster import Mention, cluster
from audit.resolve.names import classify, tokens
from tests.extracting import audit_texts, pipeline


def name_variants(tmp_path, files: dict[str, str]) -> list[dict]:
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    return [f for f in got if f["check"] == "name-variant"]


def reported(findings: list[dict]) -> list[set[str]]:
    return [{v["value"] for v in f["values"]} for f in findings
            if f["severity"] in ("error", "warning")]


# --- undotted initials ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("The review will be led by KR Venkatesan, Commissioner of Harbour Safety.", "KR Venkatesan"),
    ("The review will be led by K R Venkatesan, Commissioner of Harbour Safety.",
     "K R Venkatesan"),
    ("Agency chairman P Ramaswamy said the rocket performed well.", "P Ramaswamy"),
])
def test_undotted_initials_open_a_name(text, name):
    assert [p.value["name"] for p in pipeline(text, "person")] == [name]


@pytest.mark.parametrize("text, name", [
    ("UK Prime Minister Idris Callow visited the site.", "Idris Callow"),
    ("US Steel chief executive Dale Morlan said the plant would close.", "Dale Morlan"),
    ("The talks began at 10 AM Monday with Governor Dale Morlan.", "Dale Morlan"),
    ("A Reuters reporter asked Mayor Ivo Brandt about the budget.", "Ivo Brandt"),
])
def test_acronyms_articles_and_clock_times_are_no_initials(text, name):
    assert [p.value["name"] for p in pipeline(text, "person")] == [name]


def test_the_three_ways_of_writing_initials_are_one_name():
    assert tokens("A M Venkatesan") == tokens("AM Venkatesan") == tokens("A.M. Venkatesan") \
        == ("am", "venkatesan")
    assert tokens("John F. Kennedy") == ("john", "f", "kennedy")
    assert classify("A.M. Venkatesan", "A M Venkatesan") == "case"
    assert classify("A.M. Venkatesan", "AM Venkatasan") == "spelling"


def test_a_title_written_without_its_of_keeps_the_appositive():
    # "Commissioner Harbour Safety": the "of" left out; no person called "Harbour Safety"
    [p] = pipeline("The review is led by Mira Okonjo, Commissioner Harbour Safety, North Zone.",
                   "person")
    assert p.value["name"] == "Mira Okonjo" and p.value["org"] == "Harbour Safety"
    # a capitalised name after the title is still the next person's
    [q] = pipeline("Mira Okonjo, Commissioner Tomas Ferreira, spoke first.", "person")
    assert q.value["name"] == "Tomas Ferreira"


def test_initials_in_three_styles_and_a_misspelt_surname_are_reported(tmp_path):
    nv = name_variants(tmp_path, {
        "a.txt": "The inquiry will be headed by KR Venkatasan, Commissioner of Harbour Safety, "
                 "Eastern Zone, the ministry said.",
        "b.txt": "The inquiry will be headed by K R Venkatesan, Commissioner Harbour Safety, "
                 "Eastern Zone.",
        "c.txt": "Officials said K.R. Venkatesan, Commissioner of Harbour Safety, would report "
                 "within a month.",
    })
    assert any({"KR Venkatasan", "K R Venkatesan"} <= r or {"KR Venkatasan", "K.R. Venkatesan"}
               <= r for r in reported(nv))
    # the initials written three ways are no misspelling on their own
    assert not any(r == {"K R Venkatesan", "K.R. Venkatesan"} for r in reported(nv))


# --- organisations misspelt outside any role -----------------------------------------------------

def _org_members(ms: list[Mention]) -> dict[str, str]:
    return {v: k for e in cluster(ms) if e.etype == "org" for _, v, k in e.members}


def _story(*side: str, org: str = "Harwick Polytechnic Institute", times: int = 2) -> list:
    ms = [Mention(f"o{i}", "org", org) for i in range(times)]
    ms.append(Mention("p", "person", "Lena Moss", "president|" + org.lower()))
    ms += [Mention(f"s{i}", "person", s, "mention") for i, s in enumerate(side)]
    return ms


def test_a_side_mention_one_letter_off_an_organisation_joins_it():
    got = _org_members(_story("Harwik Polytechnic", "Harwick Polytechnic"))
    assert got.get("Harwik Polytechnic") == "spelling"
    assert "Harwick Polytechnic" not in got  # the right spelling needs no report
    # a word's last letter dropped, with the organisation's last word written too
    assert _org_members(_story("Harwicks Polytechnic Institute")).get(
        "Harwicks Polytechnic Institute") == "spelling"


def test_organisation_side_mentions_need_one_organisation_named_twice():
    assert _org_members(_story("Harwik Polytechnic", times=1)) == \
        {"Harwick Polytechnic Institute": "same"}
    # two organisations it could misspell: neither
    ms = _story("Harwik Polytechnic") + [Mention("q1", "org", "Harwig Polytechnic Trust"),
                                         Mention("q2", "org", "Harwig Polytechnic Trust")]
    assert "Harwik Polytechnic" not in _org_members(ms)
    # a person the story names keeps the side mention
    ms2 = _story("Lena Mos")
    assert "Lena Mos" not in _org_members(ms2)


def test_an_organisation_misspelt_in_passing_is_reported(tmp_path):
    nv = name_variants(tmp_path, {
        "a.txt": "Lena Moss, president of Harwick Polytechnic Institute, announced the gift. "
                 "Harwick Polytechnic Institute will use it for scholarships.",
        "b.txt": "The gift doubles the Harwik Polytechnic endowment, Lena Moss said.",
        "c.txt": "Omar Reyes, provost of Harwick Polytechnic Institute, welcomed the gift.",
    })
    assert any({"Harwik Polytechnic", "Harwick Polytechnic Institute"} <= r
               for r in reported(nv))


# --- places before a noun of a kind of place -----------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("The freight train stopped near Korvanta Halt station at dusk.", "Korvanta Halt"),
    ("Rescuers reached Dunmarra village by noon.", None),  # no locative word before it
    ("Rescuers worked in Dunmarra village through the night.", "Dunmarra"),
    ("The crash happened in the Velloran district late on Friday.", "Velloran"),
])
def test_a_place_before_a_kind_of_place_is_read(text, name):
    got = [c.value["name"] for c in pipeline(text, "place")]
    assert got == ([name] if name else [])


@pytest.mark.parametrize("text", [
    "She waited at Hollins University station for an hour.",   # an organisation word
    "Crews gathered at NRX station before the test.",           # an acronym
    "Talks were held near Governor Lindqvist's home town.",     # a title word, a possessive
    "Officials stayed in Northern region offices.",             # a compass word alone
])
def test_organisations_acronyms_and_titles_are_no_such_place(text):
    assert [c.value["name"] for c in pipeline(text, "place")] == []


def test_a_station_name_with_a_letter_dropped_is_reported(tmp_path):
    nv = name_variants(tmp_path, {
        "a.txt": "The two trains collided near Korvanta Halt station on Friday evening.",
        "b.txt": "Officials said the collision near Korvanta Halt station killed 40 people.",
        "c.txt": "The express left the rails at Korvnta Halt station, officials said.",
    })
    assert any({"Korvnta Halt", "Korvanta Halt"} <= r for r in reported(nv))


def test_a_name_written_alike_often_anchors_its_misspelling_without_any_role(tmp_path):
    files = {
        "a.txt": "The first goal came from Tobiah Marchetti. The crowd cheered for Tobiah "
                 "Marchetti at the end of the match.",
        "b.txt": "The second goal came from Tobiah Marchetti late in the match.",
        "c.txt": "Two goals from Tobaih Marchetti settled the match.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    hits = [f for f in got if f["class"] == "name-variant" and f["severity"] == "error"]
    assert any("Tobaih Marchetti" in f["message"] for f in hits), got


def test_a_name_written_twice_is_no_anchor(tmp_path):
    files = {
        "a.txt": "The second goal came from Tobiah Marchetti late in the match.",
        "b.txt": "Two goals from Tobaih Marchetti settled the match.",
        "c.txt": "Tobiah Marchetti was the best player on the pitch.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    assert not [f for f in got if f["class"] == "name-variant" and f["severity"] == "error"]

