"""Regression tests (our own wording) for misses and false findings seen on real coverage:
single curly quote marks, a thing named again taken for a person in "he said", two quotes
that overlap at whole sentences, the evidence of a quote in several parts, and a nationality
adjective read as a partner organisation."""

from __future__ import annotations

from audit.extract import lists, quotes
from audit.model import Context
from audit.resolve.utterances import same_utterance, word_diff
from tests.extracting import VOCAB, audit_texts, run


def _quotes(text: str) -> list[tuple[str, str]]:
    return [(c.subject, c.value["text"]) for c in run(quotes, text)]


def test_single_curly_marks_are_quotes_and_apostrophes_are_not():
    text = ("Harbour master Lena Voss wrote in a post: ‘Our ferries are back on the winter "
            "timetable from Monday!’\n\nShe loves the ‘90s and rock ‘n’ roll.\n")
    assert _quotes(text) == [("lena voss", "Our ferries are back on the winter timetable from "
                                           "Monday!")]


def test_single_marks_keep_a_plural_possessive_inside_the_quote():
    text = "‘It’s the rowers’ day, and the whole town came out,’ said Ann Lee.\n"
    assert _quotes(text) == [("ann lee", "It’s the rowers’ day, and the whole town came out")]


def test_double_marks_inside_single_marks_are_one_quote():
    text = "‘He called the plan “a gift to the island” on Monday night,’ said Ann Lee.\n"
    assert _quotes(text) == [("ann lee", "He called the plan “a gift to the island” on Monday "
                                         "night")]


def test_a_thing_named_again_is_not_the_he_of_he_said():
    text = ("The Harbour Renewal Act passed in May.\n\nMayor Jan Voss called the Act "
            "“a new start for the whole harbour front” on Friday.\n\n“We can finally rebuild "
            "the old quays and the fish market,” he said.\n")
    got = run(quotes, text)
    last = [c for c in got if c.value["text"].startswith("We can finally")]
    assert last and last[0].value["speaker"] in ("Jan Voss", "Voss"), [c.value for c in got]


def test_quotes_overlapping_at_whole_sentences_are_one_utterance():
    # one source joins the sentence before, the other the sentence after, and rewords one word
    a = ("We lost two winters to the storms. Today the pier is open. Today the island is "
         "connected.")
    b = "Today a pier is open. Today, the island's connected. Next we rebuild the school roof."
    assert same_utterance(a, b)
    _, changed = word_diff(a, b)
    assert 1 <= changed <= 4


def test_a_shared_phrase_inside_two_statements_is_not_one_utterance():
    a = "We have worked on the plans for years and we are very proud of"
    b = "we are very proud of the new crews and of the whole harbour staff today"
    assert not same_utterance(a, b)
    c = "The island waited eleven years. We are very proud of the crews."
    d = "Next spring the crews move in. We are very proud of the crews who built it."
    assert not same_utterance(c, d)


PIER_A = """Pier opens

“We waited eleven years for this pier and kept our promise,” Mayor Jan Voss said. “Today is the
day for the island. Today the island is connected.”
"""

PIER_B = """Island pier

Mayor Jan Voss added: “Today is a day for the island. Today, the island's connected. The ferry
runs every hour from Monday.”
"""


def test_drift_evidence_points_at_the_part_both_sources_quote(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": PIER_A, "b.txt": PIER_B})
    qd = [f for f in findings if f["check"] == "quote-drift"]
    assert len(qd) == 1, [f["message"] for f in findings]
    exact = {" ".join(e["exact"].split()) for e in qd[0]["evidence"]}
    assert any(x.startswith("Today is the day") for x in exact), exact
    assert not any(x.startswith("We waited") for x in exact), exact


def test_a_nationality_adjective_is_not_a_partner():
    text = ("The grant is part of a wider partnership with Japan and Western European nations "
            "meant to speed up research.\n")
    found = list(lists.extract(Context(text=text, vocab=VOCAB), 0, len(text)))
    assert all("Western European" not in c.value["members"] for c in found), \
        [c.value for c in found]
    text2 = "The partners are Orvik Bank and Tessel Robotics, with more firms joining later.\n"
    found2 = list(lists.extract(Context(text=text2, vocab=VOCAB), 0, len(text2)))
    assert [c.value["members"] for c in found2] == [["Orvik Bank", "Tessel Robotics"]]


REWRITE_A = """Ferry line news

The harbour board met on Tuesday to discuss the winter timetable and the cost of fuel for the
two old ferries that still serve the outer islands.

“We are in the last stretch of the pier works,” Harbour master Lena Voss said at a meeting with
the island councils in May.

Up to four hundred islanders are believed to have signed the letter asking for an hourly
ferry in winter, one of the largest petitions the board has received.
"""

REWRITE_B = """Ferry news

The harbour board met on Tuesday to discuss the winter timetable and the price of fuel for the
two old ferries that still serve the outer islands.

Harbour master Lena Voss said at a meeting with the island councils in May: “We’re in the
final phase of the pier.”

Up to four hundred islanders are believed to have signed the letter asking for an hourly
ferry in winter, one of the largest petitions the board ever received.
"""

OTHER_C = """Pier works

Lena Voss, the harbour master, opened the new ticket office on Friday morning.

“We are ordering two new ferries for the outer islands this year,” Voss said.

The ticket office will be open every day from six in the morning.
"""


def test_a_rewrite_rewording_a_quote_in_the_same_surroundings_is_drift(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": REWRITE_A, "b.txt": REWRITE_B,
                                         "c.txt": OTHER_C})
    qd = [f for f in findings if f["check"] == "quote-drift"]
    assert len(qd) == 1, [f["message"] for f in qd]
    exact = {" ".join(e["exact"].split()) for e in qd[0]["evidence"]}
    assert exact == {"We are in the last stretch of the pier works",
                     "We’re in the final phase of the pier."}, exact
