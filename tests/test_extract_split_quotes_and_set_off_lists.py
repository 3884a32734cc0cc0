"""Gaps found by running the extractors on fresh documents: quotes split by an attribution vs a
separate partial quote, speakers of "called it" quotes, funder lists set off by dashes or
parentheses, and lists naming only part of a group ("two of the funders, A and B").

Every sentence here is written for these tests; spans are checked character-exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.extract import lists, quotes
from audit.model import ClaimDraft
from tests.extracting import audit_texts, pipeline, run, spans


def said(text: str) -> list[tuple[str, str | None]]:
    return [(c.value["text"], c.value["speaker"]) for c in run(quotes, text)]


# --------------------------------------------------------------------------------------------
# 1. one quote interrupted by its attribution, or two quotes


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "“We will rebuild the mill district block by block,” Councillor Amara Quist said, "
            "adding that the money would go “straight to the riverside wards.”",
            "We will rebuild the mill district block by block",
            "straight to the riverside wards.",
        ),
        (
            '"The contract is finally signed and sealed," said Dr. Felix Moreau, who called it '
            '"a turning point for the whole valley."',
            "The contract is finally signed and sealed",
            "a turning point for the whole valley.",
        ),
        (
            "“We found the leak on Monday morning,” Ibarra said, and added: “The pipes will all "
            "be replaced before winter.”",
            "We found the leak on Monday morning",
            "The pipes will all be replaced before winter.",
        ),
        (
            "“Our crews are ready,” Foreman Lukas Brandt told the council, noting the new depot "
            "was “weeks ahead of the schedule we promised.”",
            "Our crews are ready",
            "weeks ahead of the schedule we promised.",
        ),
    ],
)
def test_fragment_introduced_by_other_words_is_a_separate_quote(text, first, second):
    found = run(quotes, text)
    assert [c.value["text"] for c in found] == [first, second]
    assert spans(found[0], text, "quote") == [first]
    assert spans(found[1], text, "quote") == [second]


def test_separate_fragment_keeps_the_speaker_named_before_it():
    text = (
        "“This plant will put three hundred people back to work,” Okafor said, adding that the "
        "jobs would stay “right here on the east bank.”"
    )
    assert said(text) == [
        ("This plant will put three hundred people back to work", "Okafor"),
        ("right here on the east bank.", "Okafor"),
    ]
    text = "“We kept every promise,” said Nadia Ferreira, who later called it “a plan for all.”"
    assert said(text) == [("We kept every promise", "Nadia Ferreira"),
                          ("a plan for all.", "Nadia Ferreira")]


@pytest.mark.parametrize(
    "text, parts, speaker",
    [
        (
            "“The line reopens on Friday,” said Transit Director Hana Velasquez. “Trains will run "
            "every ten minutes.”",
            ["The line reopens on Friday", "Trains will run every ten minutes."],
            "Hana Velasquez",
        ),
        (
            "“We have every permit we need,” Ruth Abara told reporters, “and the cranes arrive "
            "next week.”",
            ["We have every permit we need", "and the cranes arrive next week."],
            "Ruth Abara",
        ),
        (
            '"Nobody lost a job here," Velasquez said on Tuesday. "Not one single person."',
            ["Nobody lost a job here", "Not one single person."],
            "Velasquez",
        ),
        (
            "“The bridge is safe,” said Colm Byrne, the city engineer, speaking at the opening. "
            "“Every bolt was checked.”",
            ["The bridge is safe", "Every bolt was checked."],
            "Colm Byrne",
        ),
        (
            "“The samples are clean,” said Kenji Tanabe, director of the Ostrava Water Institute. "
            "“We tested every well twice.”",
            ["The samples are clean", "We tested every well twice."],
            "Kenji Tanabe",
        ),
    ],
)
def test_attribution_that_only_interrupts_joins_the_parts(text, parts, speaker):
    (c,) = run(quotes, text)
    assert spans(c, text, "quote") == parts
    assert c.value == {"text": " ".join(parts), "speaker": speaker}


def test_pronoun_interruption_still_joins():
    text = "“We are ready,” she said. “The plant opens in May.”"
    (c,) = run(quotes, text)
    assert c.value["text"] == "We are ready The plant opens in May."


# --------------------------------------------------------------------------------------------
# 2. "called it", "described the X as", "termed"


@pytest.mark.parametrize(
    "text, speaker, words",
    [
        (
            "Governor Ines Albrecht called the settlement “a fair deal for every family in the "
            "county.”",
            "Ines Albrecht",
            "a fair deal for every family in the county.",
        ),
        (
            'Dr. Samuel Okonkwo described it as "the most ambitious water project in the '
            "state's history.\"",
            "Samuel Okonkwo",
            "the most ambitious water project in the state's history.",
        ),
        ("Union leader Priya Nandakumar termed the offer “an insult.”", "Priya Nandakumar",
         "an insult."),
        (
            "Mayor Tomas Reyes opened the session. Later, Reyes called the vote "
            '"a victory for common sense in this chamber."',
            "Reyes",
            "a victory for common sense in this chamber.",
        ),
        (
            "Senator Maria Ocampo praised the bill, calling it “the fairest tax reform in a "
            "decade.”",
            "Maria Ocampo",
            "the fairest tax reform in a decade.",
        ),
        (
            "Chancellor Beatrix Hallam described the new campus as “a promise kept to the "
            "north of the city.”",
            "Beatrix Hallam",
            "a promise kept to the north of the city.",
        ),
    ],
)
def test_naming_verbs_give_the_speaker(text, speaker, words):
    (c,) = run(quotes, text)
    assert c.value["speaker"] == speaker and c.subject == speaker.lower()
    assert c.value["text"] == words
    assert spans(c, text, "speaker") == [speaker]


def test_naming_verb_pronoun_takes_the_person_named_before():
    text = (
        "Treasurer Ada Lindqvist spoke first. She described the budget as “balanced, honest and "
        "long overdue.”"
    )
    (c,) = run(quotes, text)
    assert c.value["speaker"] == "Ada Lindqvist" and c.value["speaker_via"] == "pronoun"


@pytest.mark.parametrize(
    "text",
    [
        "Residents called the plan “a land grab dressed up as a park.”",
        "Contoso called the merger “a step change for the whole industry.”",
        "They described it as “the worst flooding anyone here can remember.”",
        'The report called the scheme "an expensive gamble with public money."',
        "Halvorsen Capital called it “a sound investment in the region.”",
        "Mayor Reyes called for “a full and independent inquiry into the contract.”",
    ],
)
def test_naming_verb_without_a_person_gives_no_speaker(text):
    (c,) = run(quotes, text)
    assert c.value["speaker"] is None and c.subject == "unknown"


def test_short_scare_quote_after_called_stays_skipped():
    assert run(quotes, 'Critics called it a "land grab" and others an “eyesore.”') == []


# --------------------------------------------------------------------------------------------
# 3. lists set off by dashes or parentheses


def org_lists(text: str) -> list[ClaimDraft]:
    return [c for c in run(lists, text) if c.kind == "org_list"]


@pytest.mark.parametrize(
    "text, relation, members",
    [
        (
            "The sponsors — Kestrel Bank, Orchard Mutual and the Lindqvist Foundation — met in "
            "Oslo on Friday.",
            "funder",
            ["Kestrel Bank", "Orchard Mutual", "Lindqvist Foundation"],
        ),
        (
            "Its investors -- Brightwater Ventures, Koval Partners, and Sable Rock Capital -- "
            "declined to comment.",
            "funder",
            ["Brightwater Ventures", "Koval Partners", "Sable Rock Capital"],
        ),
        (
            "The backers – Tamsin Holdings and the Ferro Group – pulled out in March.",
            "funder",
            ["Tamsin Holdings", "Ferro Group"],
        ),
        (
            "The project's donors (the Alder Trust, Greyfield Bank and Maple Civic Fund) were "
            "thanked by name.",
            "funder",
            ["Alder Trust", "Greyfield Bank", "Maple Civic Fund"],
        ),
        (
            "Both partners (Velo Robotics and Castell Labs) will share the patents.",
            "partner",
            ["Velo Robotics", "Castell Labs"],
        ),
        (
            "The work was paid for by its sponsors — Kestrel Bank, Orchard Mutual and Pine Hill "
            "Credit.",
            "funder",
            ["Kestrel Bank", "Orchard Mutual", "Pine Hill Credit"],
        ),
        (
            "The funders, Halvorsen Capital and the Northwind Climate Fund, signed on Monday.",
            "funder",
            ["Halvorsen Capital", "Northwind Climate Fund"],
        ),
    ],
)
def test_list_set_off_after_a_relation_noun(text, relation, members):
    (c,) = org_lists(text)
    assert c.predicate == relation
    assert c.value["members"] == members and c.value["complete"] is True
    assert spans(c, text, "org") == members
    assert c.subject == "programme"


def test_set_off_list_owned_by_an_organisation_is_scoped_to_it():
    text = "Keio’s funders (Arden Works, Brightwater Ventures and Koval Partners) were named."
    (c,) = org_lists(text)
    assert c.subject == "Keio" and spans(c, text, "scope") == ["Keio"]
    assert c.value["members"] == ["Arden Works", "Brightwater Ventures", "Koval Partners"]


@pytest.mark.parametrize(
    "text",
    [
        "The funders — who asked not to be named — signed on Monday.",
        "The backers (see the table below) are listed in the appendix.",
        "Unlike the investors, Kestrel Bank and Orchard Mutual kept quiet.",
        "The donors (Alder Trust) asked for privacy.",
        "Its backers — Kestrel Bank and Orchard Mutual said on Friday — were pleased.",
        "The partners (two regional utilities) have not yet been named.",
    ],
)
def test_set_off_negatives(text):
    assert org_lists(text) == []


# --------------------------------------------------------------------------------------------
# 4. a part of the group: narrower, never complete


@pytest.mark.parametrize(
    "text, relation, members",
    [
        (
            "Three of the sponsors, Kestrel Bank, Orchard Mutual and the Alder Trust, renewed "
            "their pledges.",
            "funder",
            ["Kestrel Bank", "Orchard Mutual", "Alder Trust"],
        ),
        (
            "Some of those investors (Brightwater Ventures and Sable Rock Capital) had backed "
            "the first plant.",
            "funder",
            ["Brightwater Ventures", "Sable Rock Capital"],
        ),
        (
            "The second phase is financed by two of the founding backers, Tamsin Holdings and "
            "the Ferro Group, and by a state loan.",
            "funder",
            ["Tamsin Holdings", "Ferro Group"],
        ),
        (
            "Several other partners — Velo Robotics and Castell Labs — joined later.",
            "partner",
            ["Velo Robotics", "Castell Labs"],
        ),
        (
            "Two of those backers, the Northwind Climate Fund and Halvorsen Capital, also backed "
            "the 2021 seed round.",
            "funder",
            ["Northwind Climate Fund", "Halvorsen Capital"],
        ),
    ],
)
def test_part_of_the_group_is_an_incomplete_list(text, relation, members):
    (c,) = org_lists(text)
    assert c.predicate == relation and c.value["members"] == members
    assert c.value["complete"] is False
    assert c.subject == "programme"


@pytest.mark.parametrize(
    "text",
    [
        "One of the funders, Halvorsen Capital, declined to comment.",
        "Two of the funders, he said, had doubts about the site.",
        "Many of the investors, however, stayed away from the vote.",
    ],
)
def test_part_negatives(text):
    assert org_lists(text) == []


# --------------------------------------------------------------------------------------------
# end to end: neither the split quote nor the narrower list is reported


FULL = """Harlow Falls battery plant gets its money

HARLOW FALLS, Tuesday 4 June 2024. The funders — Marrow Street Partners, Halvorsen Capital, \
the Buckeye Infrastructure Bank, and the Northwind Climate Fund — signed the financing papers \
the same morning.

“This plant will turn yesterday’s batteries into tomorrow’s jobs,” Kwame Osei said.
"""

PART = """Recycling plant financing closes in Harlow Falls

HARLOW FALLS, Tuesday 4 June 2024. Two of the funders, Halvorsen Capital and the Northwind \
Climate Fund, said they had each committed money to Kwame Osei's earlier projects.

“This plant will turn yesterday’s batteries into tomorrow’s jobs,” Osei said, adding that the \
work would stay “right here in Harlow Falls.”
"""


def test_end_to_end_no_reworded_quote_and_no_missing_members(tmp_path: Path):
    findings, claims = audit_texts(tmp_path / "proj", {"full.txt": FULL, "part.txt": PART})
    loud = [(f.get("check"), f["message"]) for f in findings
            if f["severity"] in ("error", "warning")]
    assert loud == []
    values = [(k, v) for k, _, v in claims if k in ("quote", "org_list")]
    texts = sorted(v["text"] for k, v in values if k == "quote")
    assert texts == ["This plant will turn yesterday’s batteries into tomorrow’s jobs"] * 2 + [
        "right here in Harlow Falls."]
    assert sorted((len(v["members"]), v["complete"]) for k, v in values if k == "org_list") == [
        (2, False), (4, True)]


# --- third probe: one funder is no list; "comprises"; harbour master ----------------------------

def test_one_organisation_that_will_pay_is_not_a_list():
    text = ("The quay will create 120 jobs. Tarn Shipping will contribute four million pounds and "
            "the council two million pounds.")
    assert pipeline(text, "org_list") == []
    both = "Tarn Shipping and Orvik Council will contribute six million pounds."
    assert [c.value["members"] for c in pipeline(both, "org_list")] == [
        ["Tarn Shipping", "Orvik Council"]]


def test_comprises_introduces_a_complete_list():
    text = ("The consortium comprises Tarn Shipping, Orvik Council, the Halden Port Authority "
            "and Brann Energy.")
    lists = pipeline(text, "org_list")
    assert [len(c.value["members"]) for c in lists] == [4] and lists[0].value["complete"]


def test_harbour_master_is_a_title():
    text = "Lena Voss, harbour master at the Halden Port Authority, said the berth opens in May."
    people = pipeline(text, "person")
    assert [(p.value["name"], p.value["title"]) for p in people] == [("Lena Voss",
                                                                      "Harbour Master")]
