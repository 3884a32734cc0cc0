"""Quote-drift pairs only one utterance with itself; attribution changes; role-conflict. End to
end through the CLI, in our own wording, with the legitimate variants that must stay quiet."""

from __future__ import annotations

from tests.extracting import audit_texts

FERRY_A = """Tarnby ferry pier opens

The new ferry pier in Tarnby opened on Friday. Lena Voss, the harbour master, cut the ribbon.

“The pier doubles our capacity and keeps the island connected through the winter,” Voss said.

“We waited eleven years for this day, and the whole island turned out,” she added.
"""

FERRY_B = """Pier opens in Tarnby

Harbour master Lena Voss opened the new pier in Tarnby on Friday.

“The pier doubles our capacity and keeps the island linked through the winter,” said Voss.

“Our crews trained all summer for the new berths,” Voss said.
"""

FERRY_C = """Tarnby gets its pier

“The pier doubles our capacity and keeps the island connected through the winter…”

“We waited eleven years for this day, and the whole island turned out,” said harbour master
Lena Voss.

Councillor Per Holm said the town paid for the road. “Ferries will run every hour in summer
and every two hours in the dark months,” he said.
"""


def drift(findings):
    return [f for f in findings if f["check"] == "quote-drift"]


def test_one_utterance_reworded_is_drift_and_two_statements_are_not(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": FERRY_A, "b.txt": FERRY_B, "c.txt": FERRY_C})
    qd = drift(findings)
    assert len(qd) == 1, [f["message"] for f in qd]
    assert qd[0]["severity"] == "warning" and "1 word changed" in qd[0]["message"]
    assert ["insert", "linked"] in qd[0]["details"]["diff"] or \
        ["delete", "linked"] in qd[0]["details"]["diff"]


TYPO_A = """Museum reopens

“It’s the museum’s best year, and we’re only in May,” said director Ann Lee of the Kiln Museum.
"""

TYPO_B = """Kiln Museum reopens

"It's the museum's best year - and we're only in May," said Ann Lee, director of the Kiln Museum.

"[The Kiln Museum] has never had so many school visits," Lee said.
"""

TYPO_C = """Kiln Museum news

“It’s the museum’s best year…” Ann Lee said.

“The museum has never had so many school visits,” Lee said.
"""


def test_typography_brackets_ellipses_and_trims_are_not_drift(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": TYPO_A, "b.txt": TYPO_B, "c.txt": TYPO_C})
    assert not drift(findings), [f["message"] for f in drift(findings)]


ROLE_A = """Halden Clay appoints a chief

Ingrid Solberg, the chief executive of Halden Clay, opened the plant. Marsk Mayor Jan Voss
was there.
"""

ROLE_B = """New plant for Halden Clay

Halden Clay CEO Ingrid Solberg opened the plant, with Mayor Jan Voss of Marsk.
"""

ROLE_C = """Plant opens in Marsk

Former Halden Clay chief executive Ingrid Solberg opened the plant. Jan Voss, the mayor of
Marsk, spoke.
"""


def roles(findings):
    return [f for f in findings if f["check"] == "role-conflict"]


def test_role_conflict_status_is_a_warning_and_wording_variants_are_quiet(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": ROLE_A, "b.txt": ROLE_B, "c.txt": ROLE_C})
    loud = [f for f in roles(findings) if f["severity"] in ("error", "warning")]
    assert len(loud) == 1, [f["message"] for f in roles(findings)]
    assert "Ingrid Solberg" in loud[0]["message"] and loud[0]["details"]["comparison"] == "status"
    assert not [f for f in roles(findings) if "Voss" in f["message"]]


ORG_A = """Robotics chief visits

Tessel Robotics CEO Ola Dahl toured the new lab on Monday.
"""

ORG_B = """Lab tour

Ola Dahl, chief executive of Orvik Bank, toured the new lab on Monday.
"""

ORG_C = """Lab visitors

Ola Dahl, the chief executive of Tessel Robotics Inc., and the rector met on Monday.
"""


def test_role_conflict_organisation_is_information(tmp_path):
    """The same title at two organisations: both may be true (a company and its subsidiary),
    so it is told, not warned about; its evidence is the organisations named."""
    files = {"a.txt": ORG_A, "b.txt": ORG_B, "c.txt": ORG_C}
    findings, _ = audit_texts(tmp_path, files)
    rc = roles(findings)
    assert len(rc) == 1 and rc[0]["details"]["comparison"] == "organisation", \
        [f["message"] for f in rc]
    assert rc[0]["severity"] == "info"
    texts = {f"{k}": v for k, v in files.items()}
    shown = {texts[e["path"].rsplit("/", 1)[-1]][e["start"]:e["end"]] for e in rc[0]["evidence"]}
    assert {s.removesuffix(" Inc.") for s in shown} == {"Tessel Robotics", "Orvik Bank"}, shown


PARENT_A = """Grid deal

Brannholt Energy chief executive Siv Lunde signed the grid deal on Tuesday.
"""

PARENT_B = """Grid deal signed

Siv Lunde, chief executive of Kalvik Power, signed the deal on Tuesday.
"""

PARENT_C = """Deal for the grid

Kalvik Power and Brannholt Energy chief executive Siv Lunde signed the deal. Kalvik Power is
a unit of Brannholt Energy.
"""


def test_one_source_naming_both_posts_is_no_role_conflict(tmp_path):
    """A chief executive of a parent company and of its unit, named so by one source."""
    findings, _ = audit_texts(tmp_path, {"a.txt": PARENT_A, "b.txt": PARENT_B,
                                         "c.txt": PARENT_C})
    assert not roles(findings), [f["message"] for f in roles(findings)]


TWO_POSTS_A = """University gift

Anna Hartman, president of Marsk University, announced the gift.
"""

TWO_POSTS_B = """Gift to Marsk

Marsk University President and Chancellor Anna Hartman thanked the donor.
"""

TWO_POSTS_C = """Donor thanked

Anna Hartman, chancellor of Marsk University, thanked the donor.
"""


def test_two_posts_held_together_are_not_a_role_conflict(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": TWO_POSTS_A, "b.txt": TWO_POSTS_B,
                                         "c.txt": TWO_POSTS_C})
    assert not [f for f in roles(findings) if f["severity"] in ("error", "warning")]


CREDIT_A = """Bridge reopens

“The bridge carries twice the traffic it was built for and needs a new deck,” said Mayor
Jan Voss of Marsk.
"""

CREDIT_B = """Marsk bridge

“The bridge carries twice the traffic it was built for and needs a new deck,” said Tessel
Robotics chief executive Ola Dahl.
"""

CREDIT_C = """Bridge works

Ola Dahl runs Tessel Robotics. “The bridge carries twice the traffic it was built for and
needs a new deck,” he said.
"""


def test_the_same_words_credited_to_two_people_is_an_attribution_change(tmp_path):
    findings, _ = audit_texts(tmp_path, {"a.txt": CREDIT_A, "b.txt": CREDIT_B})
    ac = [f for f in findings if f["check"] == "attribution-change"]
    assert len(ac) == 1 and ac[0]["severity"] == "warning", [f["message"] for f in findings]
    assert "Jan Voss" in ac[0]["message"] and "Ola Dahl" in ac[0]["message"]
    assert not drift(findings)  # not a reworded quote: the same words


def test_a_chief_and_the_company_they_head_are_one_voice():
    # a company's statement credited to the company on one page and to its chief executive
    # on another (the story names him with that post) is one voice; the mayor is another
    from audit.check.checks.attribution_change import _credited_twice, _one_voice
    words = "The bridge carries twice the traffic it was built for and needs a new deck"
    posts = {"ola dahl": {"tessel"}}
    assert _one_voice("Tessel Robotics", "Ola Dahl", posts)
    assert _one_voice("Ola Dahl", "Tessel", posts)
    assert not _one_voice("Jan Voss", "Tessel Robotics", posts)
    assert not _one_voice("Ola Dahl", "Marsk Council", posts)
    quotes = [("c1", "a.txt", words, "Tessel Robotics", "d1"),
              ("c2", "b.txt", words, "Ola Dahl", "d2"),
              ("c3", "c.txt", words, "Jan Voss", "d3")]
    pairs = {(a[3], b[3]) for a, b in _credited_twice(quotes, posts)}
    assert pairs == {("Tessel Robotics", "Jan Voss"), ("Ola Dahl", "Jan Voss")}
    assert len(list(_credited_twice(quotes))) == 3  # no posts known: every pair


def test_a_speaker_the_audit_inferred_is_no_attribution_change(tmp_path):
    """'he said' is the audit's own reading; only speakers the sources name count."""
    findings, _ = audit_texts(tmp_path, {"a.txt": CREDIT_A, "c.txt": CREDIT_C})
    assert not [f for f in findings if f["check"] == "attribution-change"]


def test_the_evidence_of_a_quote_in_parts_is_the_part_that_changed(tmp_path):
    first = "The new ferry terminal will change how this island lives and works"
    second = "We have waited a long time for a crossing that runs every hour of the day"
    files = {
        "a.txt": f'"{first}," said mayor Ilse Brandvold on Monday. "{second}," she added.',
        "b.txt": f'"{first}," said mayor Ilse Brandvold on Monday. "{second}," she added.',
        "c.txt": f'"The new ferry terminal will transform how this island lives and works," '
                 f'said mayor Ilse Brandvold on Monday. "{second}," she added.',
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    drifts = [f for f in got if f["class"] == "quote-drift"]
    assert drifts, got
    for f in drifts:
        assert all("ferry terminal" in e["exact"] for e in f["evidence"]), f["evidence"]


def test_a_quoted_word_is_a_term_not_a_statement_to_compare(tmp_path):
    said = ('"The decision hurts beyond words. I am heartbroken that the ferry service will end '
            'this winter," said Mayor Ilse Brandvold')
    files = {
        "a.txt": f"{said} on Monday.",
        "b.txt": 'Brandvold said she was "heartbroken" by the decision on Monday.',
        "c.txt": f"{said}.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    assert not [f for f in got if f["class"] == "quote-drift"], got
