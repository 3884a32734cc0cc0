"""Figures that name a part or a bound, not the thing itself, found on real coverage of a
trial and of a phone launch (regression tests in our own words):

- a jury "of eight men and four women": each count is part of a group told by sex, not a
  count to hold against "two women" named elsewhere in the story;
- "a mandatory minimum sentence of 15 years" is the least a charge carries, not its maximum;
- a spec list with each price in brackets ("64 GB ($499), 128 GB ($599)") names one price per
  model: the prices are not parts of a sum;
- a German plural ending ("Geräte"/"Geräten": nouns are capitalised) is no misspelling."""

from __future__ import annotations

from tests.extracting import audit_texts, pipeline


def _classes(found: list[dict], name: str) -> list[dict]:
    return [f for f in found if f["class"] == name]


def test_a_group_told_by_sex_is_counted_in_parts():
    text = "A jury of seven men and five women heard the case. He paid two women, they said."
    counts = {(c.subject, c.value["n"]): c.value.get("part") for c in pipeline(text, "count")}
    assert counts[("jury women", 5)] is True  # the jury's women: a part, and the jury's
    assert counts[("women", 2)] is None


def test_jury_women_and_the_women_of_the_charge_are_not_one_count(tmp_path):
    pages = {
        "a.txt": "Verdict in Dunmore trial\n\nThe jury of seven men and five women convicted "
                 "Rolf Dunmore on Friday.\n",
        "b.txt": "Dunmore convicted\n\nRolf Dunmore was found guilty of paying two women to "
                 "travel, the court heard on Friday.\n",
        "c.txt": "Dunmore trial ends\n\nJurors, seven men and five women, deliberated for two "
                 "days before convicting Rolf Dunmore.\n",
    }
    found, _ = audit_texts(tmp_path, pages)
    assert [f for f in _classes(found, "value-conflict") if "women" in f["message"]] == []


def test_a_minimum_term_is_not_a_maximum():
    text = ("The first charge carries a mandatory minimum sentence of 15 years. The second "
            "carries a maximum sentence of 10 years.")
    subjects = sorted(c.subject for c in pipeline(text, "time"))
    assert subjects == ["sentence length (maximum)", "sentence length (minimum)"]


def test_bracketed_prices_in_a_spec_list_are_not_parts(tmp_path):
    pages = {
        "a.txt": "Velo phone launched\n\nThe Velo Max costs $1,199 and ships on Friday, the "
                 "maker said.\n",
        "b.txt": "Velo Max priced\n\nThe top Velo Max model is priced at $1,199 in the "
                 "United States.\n",
        "c.txt": "Velo prices\n\nThe Velo comes in 64 GB ($499), 128 GB ($599) and 256 GB ($699) "
                 "versions.\n",
    }
    found, _ = audit_texts(tmp_path, pages)
    assert _classes(found, "arithmetic") == []
    pages["c.txt"] = ("Velo prices\n\nThe maker spent $599 on the 128 GB model's parts and "
                      "$699 on its assembly.\n")
    found, _ = audit_texts(tmp_path / "parts", pages)
    assert len(_classes(found, "arithmetic")) == 1


GERAETE = {
    f"{n}.txt": f"Neue Geräte {n}\n\n{body}\n" for n, body in enumerate([
        "Der Hersteller stellt die neuen Geräte am Montag vor. Alle neuen Geräte kosten mehr.",
        "Die neuen Geräte kommen im Herbst. Die teuren Geräte haben mehr Speicher.",
        "Mit den neuen Geräten will der Hersteller wachsen. Die alten Geräte bleiben im Handel.",
    ])
}


def test_a_german_plural_ending_is_no_misspelling(tmp_path):
    found, _ = audit_texts(tmp_path, GERAETE)
    assert _classes(found, "name-variant") == []


def test_a_body_counted_without_a_noun_after_it_is_still_read():
    # the body's size ends before the figure's noun would: no word to test for a sex
    counts = [(c.subject, c.value["n"]) for c in pipeline("A squad of 23 flew home.", "count")]
    assert counts == [("squad", 23)]


def test_the_named_few_of_a_group_are_a_part():
    # "the names of two soldiers" (of three aboard) counts those named; "the names of the 12
    # victims" names the whole group
    named = {(c.subject, c.value["n"]): c.value.get("part") for c in pipeline(
        "The army released the names of two soldiers who died. The names of the 12 victims "
        "were read out.", "count")}
    assert named == {("soldiers", 2): True, ("victims", 12): None}
    (two,) = pipeline("The two soldiers named were from Ohio.", "count")
    assert two.value.get("part") is True


def test_a_winning_margin_and_a_score_needed_are_no_tallies(tmp_path):
    # "by seven runs" is the margin, "needed 16 runs" what was left to score: found on real
    # coverage of a cricket final, where the two were compared as one count of runs
    kinds = {c.value["n"]: c.value.get("aspect") for c in pipeline(
        "Harbour needed 16 runs to win. Lakeside won by seven runs. Ruiz made 76 runs.",
        "count")}
    assert kinds == {16: "needed", 7: "margin", 76: None}
    pages = {
        "a.txt": "Lakeside win final\n\nLakeside won the final by seven runs on Sunday.\n",
        "b.txt": "Final\n\nHarbour needed 16 runs from the last two overs on Sunday.\n",
        "c.txt": "Lakeside champions\n\nLakeside beat Harbour by seven runs in the final.\n",
    }
    found, _ = audit_texts(tmp_path, pages)
    assert [f for f in found if f["class"] == "value-conflict"] == []


def test_a_count_in_one_over_is_that_overs():
    # "three sixes in Patel's over" is one over's, not the innings' five sixes
    periods = {c.value["n"]: c.value.get("period") for c in pipeline(
        "Ruiz hit three sixes in Okafor's over. Ruiz made 52 with five sixes. "
        "Soto took two wickets in the 18th over.", "count")}
    assert periods == {3: "one over", 5: None, 2: "over 18"}
