"""Gaps found by running the extractors on fresh documents: a quote introduced by a colon
("X put it this way:" with the quote on the next line), event places the gazetteer lacks (a
dateline, "opened in X", "based in X") and idioms built on "one" read as counts.

Every sentence here is written for these tests; spans are checked character-exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.extract import counts, places, quotes
from tests.extracting import audit_texts, pipeline, run, spans

# --------------------------------------------------------------------------------------------
# 1. a quote introduced by a colon


@pytest.mark.parametrize(
    "text, speaker, words",
    [
        (
            "Lab director Dr. Inés María de la Vega put it this way:\n"
            "“Nobody here works on a single disease any more.”",
            "Inés María de la Vega",
            "Nobody here works on a single disease any more.",
        ),
        (
            'Alderman Pieter van der Meulen said:\n"The ferry will run every hour from May."',
            "Pieter van der Meulen",
            "The ferry will run every hour from May.",
        ),
        (
            "Harbour master Sune Kallevik told reporters: “The new quay can take two ships at "
            "once.”",
            "Sune Kallevik",
            "The new quay can take two ships at once.",
        ),
        (
            "In the words of Joana dos Reis:\n\n“We planted every tree with the schoolchildren.”",
            "Joana dos Reis",
            "We planted every tree with the schoolchildren.",
        ),
        (
            'Rafael Quintero, the chief executive of Amberline Foods, said:\n"Our bakery in the '
            'old tram depot will hire sixty people."',
            "Rafael Quintero",
            "Our bakery in the old tram depot will hire sixty people.",
        ),
        (
            "Speaking at the ribbon cutting, Councillor Ama Mensah-Boateng summed it up:<br>"
            "“This building belongs to the whole valley.”",
            "Ama Mensah-Boateng",
            "This building belongs to the whole valley.",
        ),
        (
            "As Bernhard von Aschen put it: “Every grant is a promise to the next cohort.”",
            "Bernhard von Aschen",
            "Every grant is a promise to the next cohort.",
        ),
    ],
)
def test_colon_introduced_quote_gets_the_speaker_before_the_colon(text, speaker, words):
    (c,) = run(quotes, text)
    assert c.value == {"text": words, "speaker": speaker}
    assert c.subject == speaker.lower()
    assert spans(c, text, "speaker") == [speaker]
    assert spans(c, text, "quote") == [words]


def test_colon_introduced_pronoun_takes_the_person_named_before():
    text = (
        "Director Greta Holmqvist opened the shelter in 2019. She put it this way:\n"
        "“We never turn anyone away in winter.”"
    )
    (c,) = run(quotes, text)
    assert c.value["speaker"] == "Greta Holmqvist"
    assert c.value["speaker_via"] == "pronoun"


@pytest.mark.parametrize(
    "text",
    [
        # no person before the colon
        "The steering board put it this way:\n“We are not finished with the harbour yet.”",
        "The plan has three stages:\n“Clear the site, pour the slab, raise the frame.”",
        # more than one blank line: the colon no longer introduces the quote
        "Here is how Tove Lindahl sees it:\n\n\n\n“Rents will keep rising for years.”",
    ],
)
def test_colon_without_a_person_gives_no_speaker(text):
    (c,) = run(quotes, text)
    assert c.value["speaker"] is None and c.subject == "unknown"


# --------------------------------------------------------------------------------------------
# 2. event places the gazetteer lacks


@pytest.mark.parametrize(
    "text, written",
    [
        ("DELFTHAVEN, 3 April 2025 – The clinic opened its second wing.", "DELFTHAVEN"),
        ("Groningen, Thursday 3 April 2025 -- The clinic opened its second wing.", "Groningen"),
        ("VLISSINGEN – On Thursday the clinic opened its second wing.", "VLISSINGEN"),
        ("MAASBRUGGE (AFP) - The clinic opened its second wing.", "MAASBRUGGE"),
        ("ZWOLLE, Friday 4 April 2025. The clinic opened its second wing.", "ZWOLLE"),
    ],
)
def test_dateline_with_an_unknown_city(text, written):
    (c,) = run(places, text)
    assert c.subject == "dateline"
    name = written if not written.isupper() else written.capitalize()
    assert c.value == {"name": name, "city": name, "region": None}
    assert spans(c, text, "place") == [written]


def test_dateline_in_capitals_gets_the_usual_capitalisation():
    text = "PORT ELLIS, Maine — The cannery reopened after the storm."
    (c,) = run(places, text)  # one place, not the city and the state again
    assert c.subject == "dateline"
    assert c.value == {"name": "Port Ellis, Maine", "city": "Port Ellis", "region": "Maine"}
    assert spans(c, text, "place") == ["PORT ELLIS, Maine"]
    text = "KINGSTON-UPON-HULL, 9 May – Dockers voted to accept the offer."
    (c,) = run(places, text)
    assert c.value["name"] == "Kingston-upon-Hull"


@pytest.mark.parametrize(
    "text, subject, name",
    [
        ("The new maternity ward opened in Assendelft on Monday.", "place", "Assendelft"),
        ("The symposium was held in Wageningen last autumn.", "symposium", "Wageningen"),
        ("The award ceremony took place in Harderwijk.", "ceremony", "Harderwijk"),
        ("The start-up is based in Den Bosch, near the station.", "place", "Den Bosch"),
        ("Our regional office is headquartered in Sint Maarten.", "place", "Sint Maarten"),
        ("Both delegations met in New Lisbury for the final round.", "place", "New Lisbury"),
    ],
)
def test_unknown_place_after_a_verb_of_taking_place(text, subject, name):
    (c,) = run(places, text)
    assert c.subject == subject
    assert c.value == {"name": name, "city": name, "region": None}
    assert spans(c, text, "place") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Wageningen University opened a new greenhouse.",  # an organisation
        "The greenhouse opened in Wageningen University's research park.",
        "The greenhouse opened in March after a long delay.",  # a month
        "The hearing was held in Dutch and in sign language.",  # a language
        "The fair took place in Hall Seven of the expo grounds.",  # a venue word
        "The talks were held in Contoso's offices downtown.",  # a possessive
        "Harderwijk is a small town on the lake.",  # a sentence start
        "It is in Wageningen's interest to keep the ferry.",
        "NASA – The agency confirmed the launch window.",  # an acronym, not a dateline
        "UPDATE – The clinic opened its second wing.",
        "Meanwhile – the clinic opened its second wing.",
        "Groningen – the clinic opened its second wing.",  # mixed case without a date
        "MARTA KOWALCZYK — Staff reporter",  # a byline in capitals
        "The new timetable was signed in Spring after a long wait.",  # a season
        "The review was held in Room 12 of the town hall.",
    ],
)
def test_event_place_negatives(text):
    assert run(places, text) == []


# --------------------------------------------------------------------------------------------
# 3. idioms built on "one"


@pytest.mark.parametrize(
    "text",
    [
        "The merger puts a bakery chain and three mills under one roof.",
        "The backlog was cleared in one go over the weekend.",
        "At one point the queue reached the car park.",
        "Volunteers checked the boxes one by one before the audit.",
        "Neighbours helped one another after the flood.",
        "No one from the council attended the hearing.",
        "The councils spoke with one voice on the bypass.",
        "One day the line will reach the airport.",
        "This is a one time offer for members.",
        "I, for one, welcome the new timetable.",
    ],
)
def test_one_idioms_are_not_counts(text):
    assert [c for c in run(counts, text) if c.value["n"] == 1] == []


def test_one_idiom_leaves_the_real_counts():
    text = "The merger puts a bakery chain and three mills under one roof."
    assert [(c.subject, c.value["n"]) for c in run(counts, text)] == [("mills", 3)]
    text = "The town has one hospital, and funding for one clinic was approved."
    assert [(c.subject, c.value["n"]) for c in run(counts, text)] == [
        ("hospital", 1), ("clinic", 1)]


# --------------------------------------------------------------------------------------------
# end to end: a dateline and an "opened in" place of the same city agree


WIRE = """Cannery reopens in Port Ellis

PORT ELLIS, Maine, 2 June 2025 – The Tidewater cannery reopened on Monday after the storm, \
bringing the packing line and the smokehouse under one roof.

Plant manager Odile de la Croix put it this way:
“We lost the roof, not the people.”
"""

LOCAL = """Tidewater cannery back in business

The Tidewater cannery reopened in Port Ellis, Maine on Monday, 2 June 2025.

In the words of plant manager Odile de la Croix: “We lost the roof, not the people.”
"""


def test_end_to_end_place_and_colon_quote(tmp_path: Path):
    findings, claims = audit_texts(tmp_path / "proj", {"wire.txt": WIRE, "local.txt": LOCAL})
    loud = [(f.get("check"), f["message"]) for f in findings
            if f["severity"] in ("error", "warning")]
    assert loud == []
    got = [c for c in claims if c[0] in ("quote", "place", "count")]
    assert sorted(v["name"] for k, _, v in got if k == "place") == ["Port Ellis, Maine"] * 2
    assert [s for k, s, _ in got if k == "quote"] == ["odile de la croix"] * 2
    assert [v for k, _, v in got if k == "count"] == []


# --- a lower-case role before the speaker's name ----------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ('"The pier doubles our capacity," said harbour master Lena Voss.', "Lena Voss"),
    ('"We open in May," port director Ann Lee said on Friday.', "Ann Lee"),
    ('"Costs are on budget," said head of operations Marek Nowak.', "Marek Nowak"),
    ('"The pier doubles our capacity," said the report. Lena Voss agreed.', None),
    ('"The pier doubles our capacity," said in a statement. Lena Voss agreed.', None),
])
def test_speaker_after_a_lower_case_role(text, speaker):
    assert [q.value.get("speaker") for q in pipeline(text, "quote")] == [speaker]
