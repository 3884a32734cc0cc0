"""Quote-drift on the shapes real coverage gives it: a statement reworded in more than one of
its parts, one source splitting a statement that another quotes whole, hyphenated compounds,
a one-word swap in a short partial quote, a speaker named with an organisation's title. End to
end through the CLI, in our own invented wording and names."""

from __future__ import annotations

import pytest

from tests.extracting import audit_texts


def drift(findings):
    return [f for f in findings if f["class"] == "quote-drift"]


def test_a_statement_reworded_in_two_parts_shows_both_parts(tmp_path):
    first = "The harbour crane failed twice this month and cost our carriers a great deal"
    second = "We will not sign another contract until the port replaces it for good"
    files = {
        "a.txt": f'"{first}," said trader Wim Oostra on Monday. "{second}," he added.',
        "b.txt": '"The harbour crane failed twice this month and cost our carriers a fortune," '
                 'said trader Wim Oostra on Monday. "We shall not sign another contract until '
                 'the port replaces it for good," he added.',
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    qd = drift(got)
    assert len(qd) == 1, [f["message"] for f in got]
    exact = [e["exact"] for e in qd[0]["evidence"]]
    assert sum("crane" in x for x in exact) == 2 and sum("contract" in x for x in exact) == 2, \
        exact


def test_two_statements_sharing_a_hyphenated_compound_are_not_one_utterance(tmp_path):
    """'once-in-a-century' is one word as written: sharing it and 'the valley' is two shared
    words, too little to call two different sentences one statement."""
    files = {
        "a.txt": "Crews poured the last of the concrete in March, a year late and over budget. "
                 "“Building it took a once-in-a-century effort from every crew in the valley,” "
                 "engineer Hedda Lunn told the council in her final report.",
        "b.txt": "Engineer Hedda Lunn opened the dam. “A once-in-a-century chance for the "
                 "valley,” Lunn said.",
        "c.txt": "“This is a once in a century chance for the valley and its farms,” said "
                 "engineer Hedda Lunn.",
        "d.txt": "“This is a rare chance for the valley and its farms,” said engineer Hedda Lunn.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Dam opens\n\n{v}\n" for k, v in files.items()})
    pairs = [sorted(e["path"].rsplit("/", 1)[-1] for e in f["evidence"]) for f in drift(got)]
    assert not [p for p in pairs if "a.txt" in p], [f["message"] for f in drift(got)]
    # a compound written with spaces is the same words; a compound swapped for a word is drift
    assert ["c.txt", "d.txt"] in pairs, pairs


def test_a_statement_split_into_two_quotes_is_compared_whole(tmp_path):
    """One page quotes the statement whole, another in two pieces with its own words between:
    one finding, the whole against both pieces, not a finding pairing the whole with the
    second piece as if it were another statement."""
    files = {
        "a.txt": "The board answered on Tuesday. “We accept the ruling on the tram contract. "
                 "This outcome reflects our duty to the riders of the city. We trust that "
                 "settling the dispute now, rather than after years of appeals, lets the "
                 "project move ahead,” said chair Tove Rask.",
        "b.txt": "Chair Tove Rask spoke after the ruling. “We accept the ruling on the tram "
                 "contract. This outcome reflects our duty to the riders of the city,” Rask "
                 "said.\n\nThe tram line has been delayed twice since 2019.\n\n“We hope that "
                 "settling the dispute now, instead of after years of appeals, lets the project "
                 "move ahead,” Rask said.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Tram ruling\n\n{v}\n" for k, v in files.items()})
    qd = drift(got)
    assert len(qd) == 1, [f["message"] for f in qd]
    b_side = [e["exact"] for e in qd[0]["evidence"] if e["path"].endswith("b.txt")]
    assert len(b_side) == 2 and "tram contract" in b_side[0] and "appeals" in b_side[1], b_side
    assert "3 words changed" in qd[0]["message"], qd[0]["message"]


def test_quotes_cut_at_different_sentence_ends_are_not_reworded(tmp_path):
    """One page ends the sentence with two more words and stops; another ends it sooner and
    runs on with the next sentence: each was trimmed, nothing was reworded."""
    from audit.resolve.utterances import word_diff

    long_end = "I have hard news about the mill to share with all of you"
    next_one = "I have hard news about the mill to share. We will close it in May"
    assert word_diff(long_end, next_one)[1] == 0
    # a name swapped at the very end is still a change (no sentence starts at "Dalby")
    assert word_diff("the mill will move to Dalby", "the mill will move to Orsa soon")[1] == 1
    files = {"a.txt": f"“{long_end},” owner Brit Halme wrote to the staff on Monday.",
             "b.txt": f"Brit Halme told workers on Monday: “{next_one}.”"}
    got, _ = audit_texts(tmp_path, {k: f"Mill news\n\n{v}\n" for k, v in files.items()})
    assert not drift(got), [f["message"] for f in drift(got)]


def test_a_partial_quote_with_one_word_swapped_is_drift(tmp_path):
    """A few words quoted inside the writer's sentence, one of them not the speaker's: the
    shared runs around the swap are short, but the rest is word for word."""
    files = {
        "a.txt": "Mayor Ilse Brandvold said the winter toll “too often keeps pupils from "
                 "school” on the islands.",
        "b.txt": "“The ferry toll is high, and in the dark months it too often bars pupils from "
                 "school,” said Mayor Ilse Brandvold on Monday.",
        "c.txt": "Mayor Ilse Brandvold said she wants “more pupils from the islands” in the "
                 "new school next year.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Ferry toll\n\n{v}\n" for k, v in files.items()})
    qd = drift(got)
    assert len(qd) == 1 and "1 word changed" in qd[0]["message"], [f["message"] for f in qd]
    assert not any(e["path"].endswith("c.txt") for e in qd[0]["evidence"])


def test_a_sentence_left_out_between_two_pieces_is_not_a_change(tmp_path):
    """The release quotes three sentences; a report quotes the first and the last, with its
    own words between them: a trim, not a finding."""
    s1 = "During the season our crews rebuilt every pier on the north shore."
    s2 = "Fishing towns along the coast asked us to do the same for them."
    s3 = "The demand for working harbours has never been higher."
    files = {
        "a.txt": f"“{s1} {s2} {s3}” said director Rune Vik in the release.",
        "b.txt": f"Director Rune Vik looked back on the year: “{s1}” Turning to the future, he "
                 f"added, “{s3}”",
    }
    got, _ = audit_texts(tmp_path, {k: f"Pier works\n\n{v}\n" for k, v in files.items()})
    assert not drift(got), [f["message"] for f in drift(got)]


def test_a_speaker_after_an_organisation_with_of_and_a_title_is_read():
    from audit.extract import quotes
    from tests.extracting import run

    text = ("“Big steps in tidal power need patient work with many partners,” said University "
            "of Norland President Mara Quellton in a statement.")
    got = run(quotes, text)
    assert [c.value["speaker"] for c in got] == ["Mara Quellton"]


CUT_A = """Tidal grant for Norland

The grant will be split with the University of Vesterby. The two regions also signed other
pacts to deepen ties on trade and energy.

“Big advances in tidal power demand patient and close work across borders and with a wide
circle of industry, academic and public partners,” Mara Quellton, president of """

CUT_B = """Norland tidal grant

Funding will be shared with the University of Vesterby. The two regions have also signed other
agreements to strengthen ties on trade and energy.

“Large tidal power advances will require close and patient cooperation with a broad circle of
partners in industry, academia and government across borders,” said University of Norland
President Mara Quellton in a statement.

The first turbines are due in the water next spring, the university said.
"""


def test_a_page_cut_off_in_the_attribution_still_names_the_speaker_and_pairs_the_rewrite(
        tmp_path):
    """One page stops inside the attribution (no verb); the other rewrote the same paragraphs
    and reworded the quote beyond word overlap: the text before the quotes decides."""
    got, claims = audit_texts(tmp_path, {"a.txt": CUT_A, "b.txt": CUT_B})
    speakers = sorted(v["speaker"] for k, _, v in claims if k == "quote")
    assert speakers == ["Mara Quellton", "Mara Quellton"], speakers
    qd = drift(got)
    assert len(qd) == 1 and qd[0]["severity"] == "warning", [f["message"] for f in got]


def test_copies_differing_only_in_typography_are_one_side_of_the_finding(tmp_path):
    """Four pages quote the same words (commas, a capital after a split, curly or straight
    marks) and one changes two of them: one finding with two values, four pages against one,
    a warning; not five values that read as five different statements."""
    same = [
        "“We want the new line to open here, to stay here and to carry freight for decades,” "
        "said director Oda Brekke.",
        "“We want the new line to open here,” said director Oda Brekke. “To stay here and to "
        "carry freight for decades.”",
        "\"We want the new line to open here, to stay here and to carry freight for decades,\" "
        "said director Oda Brekke.",
        "“We want the new line to open here, to stay here, and to carry freight for decades,” "
        "said director Oda Brekke.",
    ]
    odd = ("“We intend the new line to start here, to stay here and to carry freight for "
           "decades,” said director Oda Brekke.")
    files = {f"p{k}.txt": f"Freight line\n\n{t}\n" for k, t in enumerate(same)}
    files["odd.txt"] = f"Freight line\n\n{odd}\n"
    got, _ = audit_texts(tmp_path, files)
    qd = drift(got)
    assert len(qd) == 1 and len(qd[0]["values"]) == 2, [f["message"] for f in qd]
    assert qd[0]["severity"] == "warning", qd[0]["confidence"]


def test_an_article_or_a_nouns_number_is_no_change_but_a_swapped_word_is():
    """An editor lets a dropped or swapped article and one noun's singular or plural pass;
    a verb swapped for another, or a second noun changing number, stays a change."""
    from audit.resolve.utterances import word_diff

    base = "the survey found signs of a slow leak in the northern dike"
    assert word_diff(base, "the survey found signs of slow leaks in the northern dike")[1] == 0
    assert word_diff(base, "the survey found signs of the slow leak in a northern dikes")[1] == 0
    assert word_diff(base, "the survey found signs of a slow leak in the northern dikes.")[1] == 0
    assert word_diff(base, "the survey hid signs of a slow leak in the northern dike")[1] == 1
    two = word_diff(base, "the survey found sign of a slow leaks in the northern dike")[1]
    assert two == 2, two


def no_drift(tmp_path, files: dict[str, str], title: str = "Story") -> None:
    got, _ = audit_texts(tmp_path, {k: f"{title}\n\n{v}\n" for k, v in files.items()})
    assert not drift(got), [f["message"] for f in drift(got)]


def test_a_partial_quote_differing_in_an_article_and_a_plural_is_no_finding(tmp_path):
    no_drift(tmp_path, {
        "a.txt": "Inspectors said on Friday that the cracks were \"typical of a gradual failure "
                 "of the southern pylon.\" The bridge stays closed.",
        "b.txt": "Inspectors reported that the cracks were “typical of gradual failure of the "
                 "southern pylons.” The bridge stays closed until May.",
    }, "Bridge closed")


def test_two_statements_on_one_frame_are_not_one_utterance(tmp_path):
    """A phrase quoted inside the writer's sentence and another page's whole sentence open
    with the same words, then name different things; the function words after the shared
    opening ("of the") are no evidence that they are one statement."""
    from audit.resolve.utterances import same_utterance

    phrase = "typical of a gradual failure of the southern pylon."
    other = "The rust is typical of a gradual collapse of the deck."
    assert not same_utterance(phrase, other)
    files = {
        "a.txt": "Inspectors said on Friday that the cracks were \"typical of a gradual failure "
                 "of the southern pylon.\" The bridge stays closed.",
        "b.txt": f"“{other}” the inspectors said on Friday. The bridge stays closed until May.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Bridge closed\n\n{v}\n" for k, v in files.items()})
    assert not drift(got), [f["message"] for f in drift(got)]


def test_a_different_ending_of_two_closed_sentences_counts_every_word():
    """Both quotes stop where their sentence stops: the words that differ at the end were not
    trimmed from either, so each of them is a change, not only as many as the shorter has."""
    from audit.resolve.utterances import word_diff

    a = "The flood will close the road along the river."
    assert word_diff(a, "The flood will close the old timber bridge.")[1] == 4
    # one of them runs on unclosed: the rest may have been trimmed, as before
    assert word_diff(a, "The flood will close the old timber bridge")[1] == 3


@pytest.mark.parametrize("a, b, changed", [
    ("the strikes in the US hurt our slate this year",
     "the strikes in the United States hurt our slate this year", 0),
    ("the strikes in the UK hurt our slate this year",
     "the strikes in Britain hurt our slate this year", 0),
    ("the strikes in the US hurt our slate this year",
     "the strikes in France hurt our slate this year", 2),
    # one quote stops at the country, the other runs on into its next sentence
    ("the strikes in the US", "the strikes in the United States. We have a deal", 0),
])
def test_two_names_of_one_country_in_a_quote_are_no_change(a, b, changed):
    from audit.resolve.utterances import word_diff
    assert word_diff(a, b)[1] == changed


def test_a_quote_cut_off_by_the_page_end_at_a_country_name_is_no_change():
    # the shorter quote stops where its page was cut, right after "the US"; the other runs on
    from audit.resolve.utterances import word_diff
    short = "the strikes in the US"
    long_ = "the strikes in the United States. We have a deal with the writers"
    assert word_diff(short, long_, a_prefix=True)[1] == 0
    assert word_diff(long_, short, b_prefix=True)[1] == 0
    # another country is still a change
    assert word_diff("the strikes in France", long_, a_prefix=True)[1] > 0


@pytest.mark.parametrize("a, b, changed", [
    ("We are ready to build the new line", "We're ready to build the new line", 0),
    ("We do not expect delays at the yard", "We don't expect delays at the yard", 0),
    ("It is the best season we have had", "It's the best season we've had", 0),
    ("We cannot wait for the opening", "We can't wait for the opening", 0),
    # a negation added or dropped is a change, contracted or not
    ("We will stop the works this year", "We won't stop the works this year", 1),
    # a possessive is no contraction
    ("The mayor's plan is good for the port", "The mayor plan is good for the port", 1),
    # a thousands separator written or not (set 41); another figure or a decimal is a change
    ("For almost 1,000 years the abbey has stood here",
     "For almost 1000 years the abbey has stood here", 0),
    ("We raised 12.500 euros in a week", "We raised 12500 euros in a week", 0),
    ("We raised 12,500 euros in a week", "We raised 12,600 euros in a week", 1),
    ("Prices rose 2.5 percent this year", "Prices rose 25 percent this year", 2),
])
def test_a_contraction_or_a_thousands_separator_written_out_is_no_change(a, b, changed):
    from audit.resolve.utterances import word_diff
    assert word_diff(a, b)[1] == changed


def test_the_quote_caches_are_emptied_after_the_builders_and_change_no_finding(tmp_path):
    """The check run empties the per-quote caches once its builders are done (mem7: some two
    million objects at 100,000 documents, kept through the findings' writing and the reports);
    a check of the same store afterwards, the caches filled afresh, finds the same."""
    import json

    from audit.resolve import utterances
    from tests.conftest import invoke

    first = "The harbour crane failed twice this month and cost our carriers a great deal"
    files = {"a.txt": f'"{first}," said trader Wim Oostra on Monday.',
             "b.txt": '"The harbour crane failed twice this month and cost our carriers a '
                      'fortune," said trader Wim Oostra on Monday.'}
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    assert len(drift(got)) == 1
    caches = (utterances._tokens, utterances._words, utterances._pairs, utterances._opens,
              utterances.same_utterance, utterances.same_speaker)
    assert [fn.cache_info().currsize for fn in caches] == [0] * len(caches)
    utterances.same_utterance(first, first)  # filled again: the next check starts from this
    r = invoke("check", tmp_path, "--full", "--format", "json", "--fail-on", "never")
    assert r.exit_code == 0, r.output
    again = json.loads((tmp_path / "reports" / "findings.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in again["findings"]] == [f["id"] for f in got]
    assert [fn.cache_info().currsize for fn in caches] == [0] * len(caches)


# --- one finding per odd wording (lessons of held-out set 39) ---------------------------------

_STATEMENT = ("We kept the pace steady for twenty miles and then the legs took over, "
              "and I am proud of every kilometre")


_LEADS = ["The runner Edda Morlund won the harbour race on Sunday.",
          "Edda Morlund took the harbour race in a course record.",
          "A cold wind did not stop Edda Morlund from winning again.",
          "Morlund, 31, crossed the line alone at the harbour.",
          "The favourite, Edda Morlund, kept her title this weekend."]


def _pages(wordings: list[str]) -> dict[str, str]:
    """One page per wording, each with its own lead (identical pages are one document)."""
    return {f"p{k}.txt": f"Harbour race\n\n{_LEADS[k]} “{w},” Morlund said after the "
                         "finish.\n" for k, w in enumerate(wordings)}


def _odd(finding) -> set[str]:
    return {e["path"].rsplit("/", 1)[-1] for e in finding["evidence"]}


def test_each_odd_wording_is_compared_with_the_majoritys_only(tmp_path):
    """Three pages copy the statement word for word, two each change another word: two
    findings, each odd page against the three, and none pairing the two odd pages."""
    odd_one = _STATEMENT.replace("steady", "even")
    odd_two = _STATEMENT.replace("proud", "happy")
    got, _ = audit_texts(tmp_path, _pages([_STATEMENT] * 3 + [odd_one, odd_two]))
    qd = [f for f in drift(got) if f["severity"] == "warning"]
    assert len(qd) == 2, [f["message"] for f in drift(got)]
    assert sorted(_odd(f) - {"p0.txt", "p1.txt", "p2.txt"} == {p} for f in qd
                  for p in ("p3.txt", "p4.txt")).count(True) == 2
    assert all({"p0.txt", "p1.txt", "p2.txt"} <= _odd(f) for f in qd), [_odd(f) for f in qd]


def test_transcripts_with_no_common_wording_are_information(tmp_path):
    """Four pages, each with its own transcript of the spoken words (no two alike): no page
    departs from a copy the others share, so the differences are information, not warnings."""
    wordings = [_STATEMENT,
                _STATEMENT.replace("steady", "even"),
                _STATEMENT.replace("proud", "happy"),
                _STATEMENT.replace("took over", "did the rest")]
    got, _ = audit_texts(tmp_path, _pages(wordings))
    assert drift(got), "the differences are still reported"
    assert not [f for f in drift(got) if f["severity"] != "info"], \
        [(f["severity"], f["message"]) for f in drift(got)]


def test_a_negated_transcript_stays_a_warning_without_a_majority(tmp_path):
    """The same four transcripts, but one page turns "I am proud" into "I am not proud": a
    change of meaning, whoever transcribed it."""
    wordings = [_STATEMENT,
                _STATEMENT.replace("steady", "even"),
                _STATEMENT.replace("I am proud", "I am not proud"),
                _STATEMENT.replace("took over", "did the rest")]
    got, _ = audit_texts(tmp_path, _pages(wordings))
    warned = [f for f in drift(got) if f["severity"] == "warning"]
    assert warned and all("p2.txt" in _odd(f) for f in warned), \
        [(f["severity"], f["message"]) for f in drift(got)]


@pytest.mark.parametrize("a, b, expected", [
    ("I was prepared", "I wasn't prepared", True),
    ("we will never sign it", "we will sign it", True),
    ("we did not expect this", "we did expect this", True),
    ("we kept the pace steady", "we kept the pace even", False),
])
def test_a_negation_flip_is_told_from_a_reworded_phrase(a, b, expected):
    from audit.check.checks.quote_drift import negated
    from audit.resolve.utterances import word_diff

    diff, _ = word_diff(a, b)
    assert negated(diff) is expected, diff



def test_three_lone_wordings_stay_warnings(tmp_path):
    """Three pages each with its own wording: one may be the wording a rewrite changed and
    another a second rewrite's; only four or more lone transcripts are information."""
    wordings = [_STATEMENT,
                _STATEMENT.replace("steady", "even"),
                _STATEMENT.replace("proud", "happy")]
    got, _ = audit_texts(tmp_path, _pages(wordings))
    assert [f for f in drift(got) if f["severity"] == "warning"], \
        [(f["severity"], f["message"]) for f in drift(got)]


# --- lessons of held-out set 41 ---------------------------------------------------------------

def test_a_quote_with_its_thousands_written_two_ways_is_no_finding(tmp_path):
    no_drift(tmp_path, {
        "a.txt": '"For almost 1,000 years this abbey has welcomed pilgrims from every country," '
                 'said the abbot, Tomas Reyl, on Friday.',
        "b.txt": '"For almost 1000 years this abbey has welcomed pilgrims from every country," '
                 'said the abbot, Tomas Reyl.',
    })


def test_an_ise_spelling_the_spelling_table_lacks_is_no_change():
    from audit.resolve.utterances import word_diff

    a = "For a thousand years the study of law here has been core to Western civilization"
    b = "For a thousand years the study of law here has been core to western civilisation"
    assert word_diff(a, b)[1] == 0
    assert word_diff(a, a.replace("civilization", "civilian life"))[1] > 0


def test_a_remark_transcribed_in_another_tense_is_at_most_information(tmp_path):
    """A spoken answer as two outlets wrote it down: "that" dropped and "wanted" heard as
    "wants" mend its grammar only (the two inflections of one verb)."""
    got, _ = audit_texts(tmp_path, {
        "a.txt": "Story\n\nThe chief executive told reporters: “The captain reported that he had "
                 "trouble and that he wanted to come back.”\n",
        "b.txt": "Story\n\nAsked about a distress call, the chief executive said “the captain "
                 "reported that he had trouble and he wants to come back. He was cleared” to "
                 "turn around.\n",
    })
    assert not [f for f in drift(got) if f["severity"] in ("error", "warning")], \
        [f["message"] for f in drift(got)]


def test_a_spelling_next_to_where_one_quote_is_trimmed_is_no_change():
    from audit.resolve.utterances import word_diff

    long_ = "will commit to finalizing this sale as soon as possible"
    assert word_diff(long_, "finalising this sale as soon as possible")[1] == 0
    assert word_diff(long_, "abandoning this sale as soon as possible")[1] == 1


@pytest.mark.parametrize("a, b", [
    ("the rocket placed both satellites into a low orbit",
     "the rocket placed both satellites in a low orbit"),
    ("we agreed upon a fair deal with the union", "we agreed on a fair deal with the union"),
])
def test_a_preposition_said_two_ways_is_no_change(a, b):
    from audit.resolve.utterances import word_diff

    assert word_diff(a, b)[1] == 0
    assert word_diff(a, b.replace("a low", "a high").replace("a fair", "an unfair"))[1] >= 1
