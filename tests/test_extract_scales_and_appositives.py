"""Probes from fresh documents: hyphenated money scales, organisation names read as people after a
title, and people introduced with a lower-case appositive ("the county's transport director").

Every sentence here is written for these tests; spans are checked character-exactly.
"""

from __future__ import annotations

import pytest

from audit.extract import money, people
from audit.model import ClaimDraft
from audit.resolve.cluster import roles_agree
from tests.extracting import pipeline, run, spans


def names(text: str) -> list[str]:
    return [c.value["name"] for c in run(people, text)]


def person(text: str, name: str) -> ClaimDraft:
    found = [c for c in run(people, text) if c.value["name"] == name]
    assert len(found) == 1, [(c.subject, c.value) for c in run(people, text)]
    return found[0]


# --- 1. a scale word hyphenated to the number ---------------------------------------------------


@pytest.mark.parametrize(
    "text, exact, amount, currency",
    [
        (
            "The province unveiled a $2.7-billion transit upgrade on Tuesday.",
            "$2.7-billion",
            2.7e9,
            "USD",
        ),
        ("Harbourline secured a €45-million loan from two lenders.", "€45-million", 45e6, "EUR"),
        ("Lenders pledged USD 3.8-billion to the grid operator.", "USD 3.8-billion", 3.8e9, "USD"),
        ("Officials signed a £600-Million contract.", "£600-Million", 600e6, "GBP"),
        ("A 650-million-euro battery plant is planned.", "650-million-euro", 650e6, "EUR"),
        ("The town bought a C$12-thousand mower.", "C$12-thousand", 12e3, "CAD"),
        ("The agency floated a $1.05-trillion budget.", "$1.05-trillion", 1.05e12, "USD"),
    ],
)
def test_money_hyphenated_scale(text, exact, amount, currency):
    (c,) = run(money, text)
    assert spans(c, text, "value") == [exact]
    assert {k: c.value[k] for k in ("amount", "currency", "approx")} == {
        "amount": amount, "currency": currency, "approx": "exact"}


def test_money_hyphenated_scale_through_the_pipeline():
    text = (
        "Backers put $1.2-billion into the Solvay Ridge recycling campus, about $300-million more."
    )
    found = pipeline(text, "money")
    assert [(spans(c, text, "value"), c.value["amount"]) for c in found] == [
        (["$1.2-billion"], 1.2e9),
        (["$300-million"], 3e8),
    ]
    assert found[1].value["approx"] == "about"


@pytest.mark.parametrize(
    "expr", ["$1.2 billion", "$1.2bn", "1.2 billion dollars", "USD 1,200 million", "$1.2-billion"]
)
def test_money_scale_spellings_agree(expr):
    text = f"The utility set aside {expr} for the new substation."
    (c,) = run(money, text)
    assert spans(c, text, "value") == [expr]
    assert (c.value["amount"], c.value["currency"]) == (1.2e9, "USD")


def test_money_hyphenated_rate_and_range_keep_their_readings():
    text = "The operator earns a C$90-million-a-year fee; bids of $4-6 million were rejected."
    fee, bids = run(money, text)
    assert spans(fee, text, "value") == ["C$90-million"]
    assert fee.value["amount"] == 90e6 and fee.qualifiers == {"per": "year"}
    assert spans(bids, text, "value") == ["$4-6 million"]
    assert (bids.value["amount"], bids.value["max"]) == (4e6, 6e6)


@pytest.mark.parametrize(
    "text",
    [
        "Recycling has become a billion-dollar industry in the valley.",
        "The multimillion-dollar renovation ran late.",
        "Whether it pays off is the million-dollar question.",
        "Geologists dated the 3-billion-year-old rocks.",
        "The 45-million-strong audience watched the final.",
    ],
)
def test_money_hyphenated_scale_without_amount_or_currency_does_not_fire(text):
    assert run(money, text) == []


# --- 2. an organisation's last words are not a person -------------------------------------------


def test_appositive_org_after_said_is_not_split_into_a_person():
    text = (
        "“We expect the line to run by spring,” said Prof. Lucia Brandt, chief operating "
        "officer of Northgate Battery Reclaim."
    )
    (c,) = run(people, text)
    assert c.value["name"] == "Lucia Brandt"
    assert c.subject == "chief operating officer|northgate battery reclaim"
    assert spans(c, text, "org") == ["Northgate Battery Reclaim"]
    assert spans(c, text, "title") == ["chief operating officer"]


def test_appositive_org_before_said_is_not_split_into_a_person():
    text = (
        "Henrik Solberg, managing director of Fjordline Copper, told reporters the smelter reopens."
    )
    (c,) = run(people, text)
    assert c.value["name"] == "Henrik Solberg"
    assert c.value["org"] == "Fjordline Copper"
    assert c.subject == "managing director|fjordline copper"


def test_appositive_org_through_the_pipeline():
    text = (
        "Ines Varga, chief financial officer of Tidewell Lithium, said the plant would hire 80 "
        "people. The site, said Dr. Omar Haddad, chief executive of Brightmoor Cell Works, opens "
        "in May."
    )
    found = pipeline(text, "person")
    assert sorted((c.value["name"], c.subject) for c in found) == [
        ("Ines Varga", "chief financial officer|tidewell lithium"),
        ("Omar Haddad", "chief executive|brightmoor cell works"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The chief financial officer of Ardent Polymer declined to comment.",
        "A spokesperson for Kessel Metals said nothing.",
        "The managing director of Oakhurst Grain Trading Hub said prices would fall.",
    ],
)
def test_org_words_after_a_title_without_a_name_make_no_person(text):
    assert run(people, text) == []


def test_pre_name_title_of_org_keeps_a_two_word_name():
    text = "Speakers included Managing Director of Bluewater Cobalt Priya Raman and others."
    c = person(text, "Priya Raman")
    assert c.subject == "managing director|bluewater cobalt"
    assert spans(c, text, "org") == ["Bluewater Cobalt"]
    assert names(text) == ["Priya Raman"]


def test_list_with_marked_org_end_keeps_the_listed_person():
    text = "Guests included Rosa Lind, President of Harlow University Tomas Berg, and Governor of Nevada Carla Munoz."
    found = run(people, text)
    assert sorted((c.value["name"], c.subject) for c in found) == [
        ("Carla Munoz", "governor|nevada"),
        ("Tomas Berg", "president|harlow university"),
    ]


# --- 3. appositives and pre-name titles with department words -------------------------------------


def test_lowercase_possessive_appositive_gives_the_person():
    text = "Esi Mensah, the county's transport director, said the bridge would reopen in June."
    c = person(text, "Esi Mensah")
    assert c.value["title"] == "transport director" and c.value["org"] is None
    assert c.subject == "transport director|"
    assert spans(c, text, "person") == ["Esi Mensah"]
    assert spans(c, text, "title") == ["transport director"]
    assert spans(c, text, "org") == []


def test_appositive_with_pronoun_and_modifier():
    text = "Ruth Adler, its deputy communications director, declined to comment on Friday."
    c = person(text, "Ruth Adler")
    assert c.subject == "deputy communications director|"


def test_pre_name_department_title_after_generic_place_noun():
    text = "County finance director Liam Hart presented the budget to the board."
    c = person(text, "Liam Hart")
    assert c.value["title"] == "finance director" and c.value["org"] is None
    assert spans(c, text, "title") == ["finance director"]


def test_pre_name_department_title_capitalised():
    text = "Housing Director Mara Quist opened the hearing. Kenyan Health Minister Achieng Otieno spoke."
    q = person(text, "Mara Quist")
    assert q.subject == "housing director|" and q.value["org"] is None
    o = person(text, "Achieng Otieno")
    assert o.subject == "health minister|kenya" and spans(o, text, "org") == ["Kenyan"]


def test_capitalised_department_word_after_an_org_name_stays_with_the_org():
    text = "Orbis Research Director Hana Ito led the study."
    c = person(text, "Hana Ito")
    assert c.subject == "director|orbis research"


def test_department_title_forms_agree_across_documents():
    a = person("City planning director Kwesi Boateng approved it.", "Kwesi Boateng")
    b = person("Kwesi Boateng, the city's planning director, approved it.", "Kwesi Boateng")
    c = person("Kwesi Boateng, director of planning, approved it.", "Kwesi Boateng")
    assert a.subject == b.subject == "planning director|"
    assert c.subject == "director of planning|"
    assert roles_agree({a.subject}, {c.subject}) and roles_agree({b.subject}, {c.subject})


def test_appositive_through_the_pipeline():
    text = (
        "Nadia Flores, the city's housing director, said 400 permits would be issued within "
        "90 days."
    )
    found = pipeline(text, "person")
    assert [(c.value["name"], c.subject) for c in found] == [("Nadia Flores", "housing director|")]


@pytest.mark.parametrize(
    "text",
    [
        "Esi Mensah, who met the county's transport director, said the bridge would reopen.",
        "Esi Mensah, a critic of the planning director, spoke at the meeting.",
        "The county's transport director said the bridge would reopen in June.",
        "Residents, the city's planning director and two engineers toured the site.",
    ],
)
def test_lowercase_appositive_must_not_make_a_person(text):
    assert run(people, text) == []
