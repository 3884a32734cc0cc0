"""Names outside the person patterns, role references in quote attributions, and quote
identity (typography, editorial marks, one utterance or two), in our own wording."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import mentions
from audit.resolve.cluster import Mention, cluster, side_mentions_kept
from audit.resolve.roles import refers_to, title_key
from audit.resolve.utterances import same_utterance, word_diff, words
from tests.extracting import audit_texts, pipeline, run, spans

# --- side mentions --------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("Hartmann's team will hire forty people.", [("Hartmann", "possessive")]),
    ("Photo: Anna Hartmann at the opening.", [("Anna Hartmann", "name")]),
    ("The plan was drawn up by Dr. Lukas Brenner last year.", [("Lukas Brenner", "name")]),
    ("Yesterday Anna Hartmann cut the ribbon.", [("Anna Hartmann", "name")]),
    ("Officials of the New Harbour Bridge Authority came.", []),  # a longer capitalised run
    ("The United Kingdom sent a delegation.", []),  # a country
    ("Tessel Robotics Inc. supplied the robots.", []),  # an organisation suffix
    ("In March the hall opened.", []),
])
def test_side_mentions_read(text, expected):
    found = run(mentions, text)
    assert [(c.value["name"], c.value["form"]) for c in found] == expected
    for c in found:
        assert spans(c, text, "person") == [c.value["name"]]


def test_side_mentions_are_kept_only_for_a_person_of_the_story():
    ms = [Mention("a", "person", "Anna Hartman", "director|"),
          Mention("b", "person", "Hartmann's", "mention"),      # near miss of the surname
          Mention("c", "person", "Anna Hartmann", "mention"),   # near miss of the full name
          Mention("d", "person", "Marrow Glassworks", "mention"),  # unrelated: dropped
          Mention("e", "person", "Hartman", "mention"),  # the known surname: adds nothing
          Mention("f", "person", "Anna Hartman", "mention")]  # the known name: kept
    assert {m.mention_id for m in side_mentions_kept(ms)} == {"a", "b", "c", "f"}
    ents = cluster(ms)
    kinds = {v: k for e in ents for _, v, k in e.members}
    assert kinds["Hartmann"] == "spelling" and kinds["Anna Hartmann"] == "spelling"
    assert "Marrow Glassworks" not in kinds


def test_a_side_mention_near_two_people_is_dropped():
    ms = [Mention("a", "person", "Anna Hartman", "director|"),
          Mention("b", "person", "Lukas Hartmans", "mayor|"),
          Mention("c", "person", "Hartmann's", "mention")]
    assert {m.mention_id for m in side_mentions_kept(ms)} == {"a", "b"}


def test_a_short_or_far_side_mention_is_dropped():
    ms = [Mention("a", "person", "Ann Lee", "director|"),
          Mention("b", "person", "Lea's", "mention"),          # too short to judge
          Mention("c", "person", "Grand Hotel", "mention")]    # nothing near
    assert {m.mention_id for m in side_mentions_kept(ms)} == {"a"}


HALL_A = """Marsk opens a cell lab

The lab's director, Anna Hartman, opened the building on Thursday. Delegations came from the
United Kingdom, and the U.K. research council sent two people.

Tessel Robotics Inc. supplied the robots.
"""

HALL_B = """New lab in Marsk

Photo: Anna Hartmann at the opening.

Hartmann's team will hire staff. Officials from Britain and from the UK attended, and
Tessel Robotics supplied robots. Guests came from Austria.
"""

HALL_C = """Lab opens in Marsk

Tessel Robotics built the robots for the lab in Marsk, which Anna Hartman directs. Guests came
from Australia and from Austria.
"""


def test_end_to_end_side_misspellings_found_and_country_and_legal_variants_quiet(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": HALL_A, "b.txt": HALL_B, "c.txt": HALL_C})
    nv = [f for f in findings if f["check"] == "name-variant"]
    spelled = sorted(f["values"][0]["value"] for f in nv if f["severity"] == "error")
    assert spelled == ["Anna Hartmann", "Hartmann"], [f["message"] for f in nv]
    loud = [f["message"] for f in nv if f["severity"] in ("error", "warning")
            and "Hartman" not in f["message"]]
    assert not loud  # U.K./United Kingdom/Britain/UK, Austria/Australia, Inc. or not
    assert not [f for f in nv if "Tessel" in f["message"]]


# --- role references and pronouns in quote attributions -------------------------------------

ROLES = """The lab is run by Anna Hartman. Hartman was at the opening. “This lab keeps young
researchers here,” she said.

Dr. Lukas Brenner, the president of Marsk University, came too. “We are proud of the new
building and of all who built it,” the president said.

“The money will go to training,” said the president.

“The money will go to the hall,” said the vice president.

Marrow Glassworks built the hall. “The hall was built in a record time this year,” it said.
"""


def test_role_references_and_pronouns_name_the_speaker():
    quotes = {c.value["text"]: c.value for c in pipeline(ROLES, "quote")}
    first = quotes["This lab keeps young researchers here"]
    assert (first["speaker"], first["speaker_via"]) == ("Anna Hartman", "pronoun")
    proud = quotes["We are proud of the new building and of all who built it"]
    assert (proud["speaker"], proud["speaker_via"]) == ("Lukas Brenner", "role")
    assert quotes["The money will go to training"]["speaker"] == "Lukas Brenner"
    assert quotes["The money will go to the hall"]["speaker"] is None  # no vice president named
    assert quotes["The hall was built in a record time this year"]["speaker"] is None


@pytest.mark.parametrize("phrase,title,fits", [
    ("chief executive", "CEO", True), ("president", "President", True),
    ("minister", "Foreign Minister", True), ("president", "Vice President", False),
    ("director", "Deputy Director", False), ("mayor", "Chief Executive", False),
])
def test_role_reference_fits_title(phrase, title, fits):
    assert refers_to(phrase, title) is fits


@pytest.mark.parametrize("a,b,agree", [
    ("Keio", "Keio University", True), ("CMU", "Carnegie Mellon", True),
    ("UH", "University of Houston", True), ("U.K.", "Britain", True),
    ("Tessel Robotics Inc.", "Tessel Robotics", True), (None, "Orvik Bank", True),
    ("Tessel Robotics", "Orvik Bank", False), ("France", "Germany", False),
    ("Marsk University", "Marsk City Council", True),  # shares a distinctive word: may be one
])
def test_organisations_of_a_role_agree(a, b, agree):
    from audit.resolve.roles import orgs_agree

    assert orgs_agree(a, b) is agree


def test_title_key_reads_status_and_synonyms():
    assert title_key("Former CEO") == ("former", "chief executive")
    assert title_key("chief executive officer") == ("", "chief executive")
    assert title_key("ex-chairman") == ("former", "chair")


# --- quote identity ---------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("We won’t stop now, not ever", "We won't stop now - not ever"),
    ("She called it ‘historic’ and meant it", 'She called it "historic" and meant it'),
    ("The hall is ready…", "The hall is ready..."),
    ("[It] is a fine day for the harbour and the town",
     "This is a fine day for the harbour and the town"),
    ("We [the council] will build it and open it in May",
     "We will build it and open it in May"),
    ("We will build it … and open it in May",
     "We will build it this winter and open it in May"),
    ("will build it and open it in May", "We will build it and open it in May, she said"),
    ("My feet were hanging over the side and the glass broke under", "My feet were hanging "
     "over the side and the glass broke under us, which is how we got out"),
    ("My feet were hanging over the side and the glass bro", "My feet were hanging over the "
     "side and the glass broke under us"),
])
def test_typography_and_editorial_marks_are_not_changes(a, b):
    assert same_utterance(a, b)
    assert word_diff(a, b)[1] == 0


def test_a_changed_word_is_a_change():
    diff, changed = word_diff("This money keeps young researchers in the region",
                              "This money keeps young scientists in the region")
    assert changed == 1 and ["insert", "scientists"] in diff


@pytest.mark.parametrize("a,b", [
    ("We are proud of the new building and of all who built it",
     "The money will go to training the new staff of the hall"),
    ("The harbour will be ready in May and the ferries will run daily",
     "Our ferries have never run so often in the winter"),
    ("This is the best day for the town", "The town has waited for the ferry for years"),
])
def test_two_statements_of_one_speaker_are_not_one_utterance(a, b):
    assert not same_utterance(a, b)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("we the harbour will open ferry town in may winter run "
                                "won't it's daily".split()), min_size=3, max_size=14))
def test_a_quote_is_its_own_utterance_whatever_its_typography(ws):
    text = " ".join(ws)
    curly = text.replace("'", "’")
    assert words(text) == words(curly)
    assert same_utterance(text, curly) and word_diff(text, curly)[1] == 0


@pytest.mark.parametrize("a,b,kind", [
    (("CEO", "Halden Clay", ""), ("Chief Executive Officer", "Halden Clay Inc.", ""), None),
    (("Chairman", "Orvik Bank", ""), ("chairwoman", None, ""), None),
    (("Director", "Marsk Museum", "former"), ("Director", "Marsk Museum", ""), "status"),
    (("Ex-CEO", "Halden Clay", ""), ("CEO", "Halden Clay", ""), "status"),
    (("Mayor", "Marsk", "outgoing"), ("Mayor", "Marsk", ""), None),  # still in office
    (("CEO", "Tessel Robotics", ""), ("CEO", "Orvik Bank", ""), "organisation"),
    (("President", "University of Marsk", ""), ("Chancellor", "University of Marsk", ""),
     "title"),
])
def test_compare_roles(a, b, kind):
    from audit.resolve.roles import compare_roles

    assert compare_roles(a, b) == kind
