"""Figures compared the way an editor compares them, for patterns real coverage taught us (all in
our own invented wording): casualty tolls that rise between reports, a dead figure given as the
injured one, "pounds" of thrust, another company's layoffs, counts of different sets, the
distance of a town, an owner's share, an unnamed figure that is another giver's, the length of a
voyage. Each case runs the real CLI on small documents."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check.checks.quote_drift import grammar_only
from audit.check.checks.value_conflict import swapped_tolls
from audit.extract import counts, dates, measurements, mentions, money, quotes, storeys, times
from audit.model import Context, Zone
from audit.resolve.utterances import word_diff
from audit.text import unwrapped
from tests.extracting import audit_texts, pipeline, run
from tests.test_frames import VOCAB, figures, one


def found(tmp_path, files: dict[str, str], cls: str) -> list[dict]:
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    return [f for f in got if f["class"] == cls and f["severity"] in ("error", "warning")]


# --- casualty tolls ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, state", [
    ("The storm has claimed the lives of 212 people, officials said.", "killed"),
    ("The landslide struck at dawn, killing more than 40 people.", "killed"),
    ("The death toll in the flooding has reached 316 people.", "killed"),
    ("Rescuers have counted at least 90 deaths so far.", "killed"),
    ("Officials said another 512 people were injured.", "injured"),
])
def test_casualty_counts_know_their_group(text, state):
    assert figures(counts, text)[0]["state"] == state


def test_tolls_of_different_moments_are_updates_not_conflicts(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The floods in Varenne have killed at least 140 people, officials said.",
        "b.txt": "The death toll from the floods in Varenne rose to 312 people on Tuesday.",
        "c.txt": "The floods in Varenne killed 296 people, the interior ministry said.",
    }, "value-conflict") == []


def test_a_toll_that_contradicts_itself_in_one_page_is_reported_as_information(tmp_path):
    """One page's two tolls are compared (a toll rises between pages, not within one), but
    on real coverage such pairs were a count and a later count: weak evidence, info."""
    files = {
        "a.txt": "The blast at the Orvel depot killed 14 people. Police later said the blast "
                 "at the Orvel depot killed 19 people.",
        "b.txt": "The blast at the Orvel depot killed 14 people.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    tolls = [f for f in got if f["check"] == "value-conflict"]
    assert len(tolls) == 1 and tolls[0]["severity"] == "info", tolls
    assert tolls[0]["details"]["judged_severity"] in ("error", "warning")


def test_the_dead_figure_given_as_the_injured_one_is_reported(tmp_path):
    got = found(tmp_path, {
        "a.txt": "At least 1,207 people died in the quake and 3,419 people were injured, the "
                 "ministry said.",
        "b.txt": "The ministry said 1,207 people were killed and 3,419 people were injured.",
        "c.txt": "At least 3,419 people were killed in the quake, the ministry said.",
    }, "value-conflict")
    assert len(got) == 1, got
    exact = {(e["path"].rsplit("/", 1)[-1], e["exact"]) for e in got[0]["evidence"]}
    assert ("c.txt", "3,419") in exact and ("a.txt", "1,207") in exact, exact


def test_an_early_toll_in_a_later_clause_about_an_old_disaster_is_background():
    fig = [f for f in figures(counts, "The region has not seen such a disaster since 1998 when a "
                                      "flood hit the valley, killing around 400 people.")
           if f["n"] == 400][0]
    assert fig["frame"] == "other" and fig["year"] == 1998, fig


# --- pounds of thrust ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The booster produced 8.1 million pounds of thrust at lift-off.",
    "Fully fuelled, the vehicle weighed 4.6 million pounds on the pad.",
    "Its engines fired 7.3 million pounds (3.3 million kilograms) of force.",
])
def test_pounds_of_weight_or_thrust_are_not_money(text):
    assert figures(money, text) == []


@pytest.mark.parametrize("text", [
    "The club paid 40 million pounds for the midfielder.",
    "The council will spend 2 million pounds on new roads, a heavy burden.",
    "The £5 million bridge can carry a load of 40 tonnes.",
])
def test_pounds_as_currency_stay_money(text):
    assert len(figures(money, text)) == 1


def test_weights_of_a_rocket_are_no_money_conflict(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The Orla rocket weighed 5.2 million pounds at lift-off.",
        "b.txt": "The Orla rocket produced 8.1 million pounds of thrust at lift-off.",
    }, "value-conflict") == []


# --- whose figure: another organisation, another giver, an owner's share -------------------------

def test_another_companys_layoffs_are_not_this_companys_figure(tmp_path):
    assert found(tmp_path, {
        "a.txt": "Kestrel Labs will lay off 6,500 workers worldwide.",
        "b.txt": "The cuts come days after rival Norvane Systems said it would lay off 4,000 "
                 "workers.",
    }, "value-conflict") == []


def test_the_same_organisations_counts_still_conflict(tmp_path):
    got = found(tmp_path, {
        "a.txt": "Kestrel Labs will lay off 6,500 workers worldwide.",
        "b.txt": "Kestrel Labs said it would lay off 5,000 workers worldwide.",
    }, "value-conflict")
    assert len(got) == 1, got


def test_an_unnamed_figure_equal_to_another_givers_is_not_compared_with_a_third(tmp_path):
    assert found(tmp_path, {
        "a.txt": "Under the plan, the Arvon Council gives $500 million and Kessel County "
                 "$150 million.",
        "b.txt": "Harlow Sports will commit $380 million in financing for the arena.",
        "c.txt": "Funding of $500 million for the arena is in the budget.",
    }, "value-conflict") == []


def test_an_owners_share_is_a_part_of_its_own():
    got = one(money, "That puts the Harlows’ personal share at a minimum of $320 million.")
    assert got["holder"]["gets"] == ["harlows"] and got.get("part") is True, got


def test_the_bulk_of_a_commitment_is_a_part():
    assert one(money, "The state carries the bulk of that commitment at $500 million.")["part"]
    assert "part" not in one(money, "The share price rose to $5.")


# --- what is counted and what is measured --------------------------------------------------------

def test_counts_of_two_kinds_together_are_another_set(tmp_path):
    assert figures(counts, "Deaths were reported in seven districts and municipalities.")[0][
        "n"] == 7
    assert found(tmp_path, {
        "a.txt": "Damage was heaviest in four districts near the river.",
        "b.txt": "Damage was reported in seven districts and municipalities.",
    }, "value-conflict") == []


def test_the_distance_of_a_town_is_not_the_distance_of_the_event(tmp_path):
    town = one(measurements, "About 25 miles south of Darvel, in the village of Ostrin, "
                             "houses collapsed.")
    assert town["measure"] == "distance of ostrin from darvel", town
    assert found(tmp_path, {
        "a.txt": "The epicentre lay about 70 kilometres south of Darvel.",
        "b.txt": "About 25 miles south of Darvel, in the village of Ostrin, houses collapsed.",
    }, "measurement-conflict") == []


def test_voyage_lengths_are_compared(tmp_path):
    got = found(tmp_path, {
        "a.txt": "The probe set off on an approximately 1.4-million-mile journey.",
        "b.txt": "The agency expects the probe to have travelled 1.5 million miles by its return.",
    }, "measurement-conflict")
    assert len(got) == 1, got


# --- the swap rule as a property -------------------------------------------------------------------

_TOLL = st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]),
                  st.sampled_from(["killed", "injured", "missing"]),
                  st.integers(min_value=1, max_value=3000))


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOLL, max_size=12))
def test_no_swap_is_found_where_every_number_keeps_its_group(tolls):
    state_of: dict[int, str] = {}
    figs = []
    for i, (doc, state, num) in enumerate(tolls):
        state = state_of.setdefault(num, state)
        figs.append((doc, state, float(num), f"c{i}", str(num), [num, num], "event"))
    assert swapped_tolls("s", figs) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(_TOLL, max_size=12), st.randoms(use_true_random=False))
def test_swaps_do_not_depend_on_the_order_of_the_figures(tolls, rnd):
    figs = [(doc, state, float(num), f"c{i}", str(num), [num, num], "event")
            for i, (doc, state, num) in enumerate(tolls)]
    shuffled = list(figs)
    rnd.shuffle(shuffled)
    assert [c.key for c in swapped_tolls("s", figs)] == [
        c.key for c in swapped_tolls("s", shuffled)]


def test_a_toll_broken_down_by_place_is_no_conflict(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The storm killed 300 people in the north and 120 people in the south.",
        "b.txt": "The storm killed 420 people, officials said.",
    }, "value-conflict") == []


# --- counts of vehicles and other things in an accident ------------------------------------------

@pytest.mark.parametrize("text, n, state", [
    ("Six wagons of the freight train, which was bound for the port, derailed at dusk.", 6,
     "derailed"),
    ("The freight train was made up of three engines and 40 wagons.", 40, "make-up"),
    ("The crash involved four buses as traffic slowed.", 4, "involved"),
    ("Four buses -- two coaches, a minibus and a school bus -- were involved.", 4, "involved"),
    ("The storm caused the sinking of three barges on the river.", 3, "sank"),
    ("Two barges drifting downstream struck the pier.", 2, "drifting"),
])
def test_a_count_knows_what_happened_to_its_group(text, n, state):
    got = [f for f in figures(counts, text) if f["n"] == n]
    assert len(got) == 1 and got[0].get("state") == state, got


def test_the_part_of_a_whole_that_something_happened_to_is_its_own_count():
    text = "The train had three engines and 40 wagons, nine of which overturned."
    got = {(f["n"], f.get("state")) for f in figures(counts, text)}
    assert (40, "make-up") in got and (9, "overturned") in got


def test_a_count_picked_by_position_is_a_part():
    got = [f for f in figures(counts, "Its last three wagons left the rails.") if f["n"] == 3]
    assert got and got[0].get("part") is True


def test_the_make_up_of_a_train_is_not_compared_with_what_derailed(tmp_path):
    files = {
        "a.txt": "The freight train had two engines and 40 wagons, nine of which overturned "
                 "near the river on Monday.",
        "b.txt": "Twelve wagons of the freight train, which was bound for the port, overturned "
                 "near the river on Monday.",
        "c.txt": "The freight train was made up of two engines and 40 wagons when it left the "
                 "rails near the river on Monday.",
    }
    got = found(tmp_path, files, "value-conflict")
    said = [{v["value"] for v in f["values"]} for f in got]
    assert not any(any("40" in v for v in s) for s in said), said  # 40 is the train's make-up
    assert any({"9 wagons", "12 wagons"} <= s for s in said), said  # 9 vs 12 overturned


def test_trains_involved_are_not_trains_that_derailed(tmp_path):
    files = {
        "a.txt": "Early reports said two trains derailed near the junction on Friday.",
        "b.txt": "The crash near the junction on Friday involved three trains.",
        "c.txt": "Three trains -- two expresses and a freight train -- were involved in the "
                 "crash near the junction on Friday.",
    }
    assert found(tmp_path, files, "value-conflict") == []


def test_a_figure_in_a_sentence_cut_off_by_the_end_of_the_page_is_weak(tmp_path):
    files = {
        "a.txt": "The ferry was carrying about 600 passengers when it ran aground on Sunday.",
        "b.txt": "The ferry ran aground on Sunday. Officials said there were about 310 passengers o",
        "c.txt": "About 600 passengers were aboard the ferry that ran aground on Sunday.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}" for k, v in files.items()})
    cut = [f for f in got if f["class"] == "value-conflict"]
    assert cut and all(f["severity"] == "info" for f in cut), cut
    assert all(f["details"].get("cut_off") is True for f in cut)
    whole = dict(files, **{"b.txt": files["b.txt"] + "n board."})
    got, _ = audit_texts(tmp_path / "whole", {k: f"Story\n\n{v}" for k, v in whole.items()})
    assert any(f["class"] == "value-conflict" and f["severity"] == "warning" for f in got), got


@pytest.mark.parametrize("text, kept", [
    (" date 2021-05-04 The bridge reopened at a ceremony on Tuesday.", False),
    ("Published: May 4, 2021\nThe bridge reopened at a ceremony on Tuesday.", False),
    ("The bridge reopened at a ceremony on May 4, 2021.", True),
    ("May 4, 2021 - The bridge reopened at a ceremony.", True),
])
def test_a_page_stamp_opening_a_line_is_no_date_of_the_story(text, kept):
    doc = Context(text=text, vocab=VOCAB, doc_date=None)
    got = [c for c in dates.extract(doc, 0, len(text)) if c.value.get("iso") == "2021-05-04"]
    assert len(got) == 1, got
    assert (got[0].subject != "date") == kept, got  # a stamp names no happening


def test_a_bare_dollar_on_a_page_that_marks_us_dollars_is_another_dollar(tmp_path):
    files = {
        "a.txt": "The mining group agreed on Monday to pay $300 million to settle the claim.",
        "b.txt": "The mining group agreed on Monday to pay $300 million to settle the claim, "
                 "lawyers said.",
        "c.txt": "The mining group agreed on Monday to pay US$300 million ($455 million) to "
                 "settle the claim.",
        "d.txt": "The mining group agreed on Monday to pay US$300 million to settle the claim; "
                 "its smaller rival paid A$20 million. The group will pay $455 million.",
    }
    assert found(tmp_path, files, "value-conflict") == []
    plain = dict(files, **{"c.txt": "The mining group agreed on Monday to pay $455 million to "
                                    "settle the claim."})
    assert found(tmp_path / "plain", plain, "value-conflict")  # a US page: a real conflict


@pytest.mark.parametrize("text, currencies", [
    ("The court awarded $US730 million in damages.", ["USD"]),
    ("The club paid $A45m for the ground, or $US29m.", ["AUD", "USD"]),
    ("Wellington set aside $NZ 12 million for the bridge.", ["NZD"]),
])
def test_the_country_written_after_the_dollar_sign_marks_the_dollar(text, currencies):
    doc = Context(text=text, vocab=VOCAB, doc_date=None)
    got = list(money.extract(doc, 0, len(text)))
    assert [c.value["currency"] for c in got] == currencies, got
    assert all("dollar" not in c.qualifiers for c in got), got  # marked: no bare "$" here


# --- the length of a lasting thing ---------------------------------------------------------------

def test_the_length_of_a_mission_or_contract_is_compared_whatever_the_wording(tmp_path):
    files = {
        "a.txt": "The Heron probe left on Monday on a 25-day uncrewed flight around Mars.",
        "b.txt": "The Heron mission will last 26 days, the space agency said on Monday.",
        "c.txt": "The agency's Heron probe now begins a four-week mission around Mars.",
    }
    assert found(tmp_path, files, "time-conflict") == []  # roundings of one length
    wrong = dict(files, **{"c.txt": "The Heron mission will last close to 41 days in all."})
    got = found(tmp_path / "wrong", wrong, "time-conflict")
    assert len(got) == 1 and "mission length" in got[0]["message"], got
    deal = {
        "a.txt": "The striker joined Norrvik on a four-year deal on Tuesday.",
        "b.txt": "The striker signed a four-year contract with Norrvik on Tuesday.",
        "c.txt": "Norrvik said on Tuesday the striker had signed a five-year contract.",
    }
    got = found(tmp_path / "deal", deal, "time-conflict")
    assert len(got) == 1 and "contract length" in got[0]["message"], got


# --- the day a court case ended -----------------------------------------------------------------

def test_a_settlement_or_verdict_placed_on_two_days_is_a_date_conflict(tmp_path):
    files = {
        "a.txt": "The shipping line settled the pollution lawsuit for $40 million on Tuesday, "
                 "averting a jury trial.",
        "b.txt": "The shipping line reached a $40 million settlement on Tuesday with the "
                 "fishing towns.",
        "c.txt": "The shipping line reached a $40 million settlement Thursday with the towns.",
    }
    got = found(tmp_path, files, "date-conflict")
    assert len(got) == 1 and "settle" in got[0]["message"], got
    agree = dict(files, **{"c.txt": "The towns' lawyers said the settlement, reached on "
                                    "Tuesday, ends six years of litigation."})
    assert found(tmp_path / "agree", agree, "date-conflict") == []
    verdict = {
        "a.txt": "The former trader was convicted on Monday of wire fraud.",
        "b.txt": "Jurors returned their verdict on Monday after five hours.",
        "c.txt": "The former trader was found guilty on Friday of wire fraud.",
    }
    got = found(tmp_path / "verdict", verdict, "date-conflict")
    assert len(got) == 1 and "verdict" in got[0]["message"], got


def test_bogies_and_carriages_are_coaches_when_counts_are_compared(tmp_path):
    files = {
        "a.txt": "Six bogies of the night mail train derailed near Kestrel Halt on Sunday.",
        "b.txt": "Six coaches of the night mail train derailed near Kestrel Halt on Sunday.",
        "c.txt": "The collision caused the derailment of three carriages of the night mail train.",
    }
    got = found(tmp_path, files, "value-conflict")
    assert len(got) == 1 and "coaches" in got[0]["message"], got
    same = dict(files, **{"c.txt": "Six carriages of the night mail train left the rails."})
    assert found(tmp_path / "same", same, "value-conflict") == []


# --- days counted from another day, and the phases of a landing --------------------------------

@pytest.mark.parametrize("text, anchor, stated, fits", [
    ("The mayor spoke to reporters on Saturday, four days after the storm began on Tuesday, "
     "June 6.", "2023-06-06", "Saturday", True),
    ("The mayor spoke on Friday, three days after the storm began on Wednesday.",
     "Wednesday", "Friday", False),
    ("On Sunday, two days before the vote on Tuesday, she held a rally.", "Tuesday", "Sunday",
     True),
    ("The storm began on Tuesday. Four days later, on Saturday, the mayor spoke.", "Tuesday",
     "Saturday", True),
])
def test_a_preposition_counts_days_from_the_day_stated_after_it(text, anchor, stated, fits):
    from datetime import date
    got = [f for f in figures(times, text, date(2023, 6, 12)) if f.get("type") == "relative"]
    assert [(f["anchor"], f["stated"], f["fits"]) for f in got] == [(anchor, stated, fits)]


def test_the_start_of_a_landing_descent_is_not_the_landing(tmp_path):
    files = {
        "a.txt": "The lander began its landing descent at 5:44 p.m. and touched down on the "
                 "plain at 6:03 p.m.",
        "b.txt": "The lander touched down on the plain at 6:03 p.m., the agency said.",
        "c.txt": "The probe started the landing sequence at 5:44 p.m. and landed at 6:03 p.m.",
    }
    assert found(tmp_path, files, "time-conflict") == []


# --- forecasts are not results -----------------------------------------------------------------

def test_a_forecast_is_not_compared_with_the_result(tmp_path):
    files = {
        "a.txt": "Quarterly revenue at Pellworth reached $9.4 billion, the company said.",
        "b.txt": "Pellworth's executives had been calling for revenue of $7 billion; the "
                 "quarter brought $9.4 billion.",
        "c.txt": "Pellworth posted revenue of $9.4 billion against the anticipated $7.6 billion.",
        "d.txt": "Revenue came to $9.4 billion, well above the $7 billion Pellworth had forecast.",
    }
    assert found(tmp_path, files, "value-conflict") == []
    wrong = dict(files, **{"d.txt": "Revenue came to $4.9 billion, Pellworth said on Tuesday."})
    assert found(tmp_path / "wrong", wrong, "value-conflict")  # a result still conflicts
    market = {
        "a.txt": "Pellworth's revenue of $9.4 billion beat analysts' estimates of $8.1 billion.",
        "b.txt": "Analysts had expected revenue of $8.1 billion; Pellworth reported $9.4 billion.",
        "c.txt": "Pellworth reported $9.4 billion, above the consensus of $6.2 billion.",
    }
    got = found(tmp_path / "market", market, "value-conflict")  # forecasts differ among themselves
    assert len(got) == 1 and "9,400,000,000" not in got[0]["message"], got
    one_page = {
        "a.txt": "Pellworth's revenue of $9.4 billion beat analysts' estimates of $8.1 billion. "
                 "For the next quarter, analysts' estimates of $10.2 billion look low.",
        "b.txt": "Pellworth reported revenue of $9.4 billion for the quarter.",
    }
    assert found(tmp_path / "one", one_page, "value-conflict") == []  # two periods, one page


@pytest.mark.parametrize("text, lengths", [
    ("The striker's move is worth more than 90m euros (£78m), the club said.", []),
    ("Officials put the bill at 45m dollars.", []),
    ("The new pier is 90m long and cost 12m pounds.", ["90m"]),
])
def test_millions_of_a_currency_are_not_metres(text, lengths):
    assert [f["exact"] for f in figures(measurements, text)] == lengths


def test_the_span_of_a_first_or_a_record_is_compared_whatever_the_noun(tmp_path):
    files = {
        "a.txt": "The Tallis pickup is the first new vehicle the carmaker has built in three "
                 "years, the company said on Monday.",
        "b.txt": "Unveiling the carmaker's first new model in three years, the chief spoke on "
                 "Monday.",
        "c.txt": "The Tallis is the carmaker's first new vehicle in five years, it said on "
                 "Monday.",
    }
    got = found(tmp_path, files, "time-conflict")
    assert len(got) == 1 and "first in" in got[0]["message"], got
    plans = dict(files, **{"c.txt": "The first Tallis plant will open in five years, the "
                                    "carmaker said on Monday."})
    assert found(tmp_path / "plans", plans, "time-conflict") == []


# --- amounts in other languages -----------------------------------------------------------------

@pytest.mark.parametrize("text, amounts", [
    ("Die Ablöse beträgt 80 Millionen Franken, dazu 15 Mio. Euro Boni.",
     [(80_000_000, "CHF"), (15_000_000, "EUR")]),
    ("El traspaso costó 75 millones de euros.", [(75_000_000, "EUR")]),
    ("Le club a payé 1,5 milliards de dollars.", [(1_500_000_000, "USD")]),
    ("O clube pagou 62,5 milhões de euros.", [(62_500_000, "EUR")]),
    ("Il costo: 1.200 milioni di euro.", [(1_200_000_000, "EUR")]),
    ("The fee is €70 Mio. plus bonuses.", [(70_000_000, "EUR")]),
])
def test_amounts_written_in_another_language_are_read(text, amounts):
    doc = Context(text=text, vocab=VOCAB, doc_date=None)
    got = [(c.value["amount"], c.value["currency"]) for c in money.extract(doc, 0, len(text))]
    assert got == amounts
    assert not [c for c in counts.extract(doc, 0, len(text))]  # "75 millones" counts nothing


def test_a_rewrite_giving_the_fee_in_francs_is_a_currency_slip(tmp_path):
    files = {
        "a.txt": "Rovenna signed the winger for 60 million euros on Tuesday, the club said.",
        "b.txt": "The winger joined Rovenna for €60 million on Tuesday.",
        "c.txt": "Der Flügelspieler wechselt für 60 Millionen Franken zu Rovenna.",
    }
    got = found(tmp_path, files, "value-conflict")
    assert any("two currencies" in f["message"] for f in got), got


def test_the_record_a_fee_beats_is_another_figure(tmp_path):
    files = {
        "a.txt": "Rovenna paid about 95 million euros for the winger, a league record, "
                 "surpassing the 70 million euros Rovenna spent on a goalkeeper years before.",
        "b.txt": "The winger cost Rovenna about 95 million euros, reports said on Tuesday.",
        "c.txt": "The fee is about 95 million euros; the previous record of 70 million euros "
                 "stood for years.",
    }
    assert found(tmp_path, files, "value-conflict") == []


def test_a_total_over_a_span_is_not_the_price(tmp_path):
    files = {
        "a.txt": "The new arena will cost $900 million, the county said on Monday.",
        "b.txt": "The county approved the $900 million arena on Monday.",
        "c.txt": "Rent will come to more than $1.2 billion over the 30-year lease, the county "
                 "said of the $900 million arena.",
    }
    assert found(tmp_path, files, "value-conflict") == []
    doc = Context(text=files["c.txt"], vocab=VOCAB, doc_date=None)
    assert [c.qualifiers.get("over") for c in money.extract(doc, 0, len(files["c.txt"]))] == [
        "30 year", None]
    paid_out = "The trust's grant of $9 million over five years funds the library."
    doc = Context(text=paid_out, vocab=VOCAB, doc_date=None)
    assert [c.qualifiers for c in money.extract(doc, 0, len(paid_out))] == [{}]  # its total


# --- Indian units -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, amount", [
    ("The lander alone cost Rs. 240 crore, officials said.", 2_400_000_000),
    ("Each family will get Rs 5 lakh in relief.", 500_000),
    ("The mission's budget is ₹615 crore.", 6_150_000_000),
    # digits grouped the South Asian way: thousands, then pairs (lakh, crore)
    ("The 512GB model is priced at Rs 1,84,900 in India.", 184_900),
    ("The scheme costs ₹1,25,00,000 a year.", 12_500_000),
])
def test_rupees_in_lakh_and_crore(text, amount):
    doc = Context(text=text, vocab=VOCAB, doc_date=None)
    got = [(c.value["amount"], c.value["currency"]) for c in money.extract(doc, 0, len(text))]
    assert got == [(amount, "INR")]


def test_a_count_in_lakh_is_a_hundred_thousand_times_its_number():
    assert figures(counts, "Officials said 3 lakh people were moved to shelters.")[0]["n"] == \
        300_000
    assert figures(counts, "Officials said 2,35,000 people were moved to shelters.")[0]["n"] == \
        235_000


@given(st.integers(min_value=100_000, max_value=10**12))
def test_lakh_grouping_reads_the_number_written(n):
    from audit.extract.numbers import parse_decimal

    digits = str(n)
    head, tail = digits[:-3], digits[-3:]
    pairs = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
    assert parse_decimal(",".join(pairs) + "," + tail) == n


def test_two_costs_in_crore_are_compared(tmp_path):
    files = {
        "a.txt": "The Varna lander cost Rs 240 crore, the space agency said.",
        "b.txt": "The Varna lander cost Rs 240 crore to build, the agency said on Friday.",
        "c.txt": "The Varna lander cost Rs 420 crore, a former agency chief said.",
    }
    got = found(tmp_path, files, "value-conflict")
    assert len(got) == 1 and "INR" in got[0]["message"], got


@pytest.mark.parametrize("text, part", [
    ("The shelter held food that would last six hikers for a week.", None),
    ("Its last two carriages left the rails near the bridge.", True),
    ("A guide and five other hikers were inside the shelter.", True),
])
def test_last_is_a_position_only_after_a_determiner(text, part):
    assert figures(counts, text)[0].get("part") is part


def test_the_equivalent_of_a_blended_offer_is_not_the_cash_price(tmp_path):
    files = {
        "a.txt": "Orvel will pay the equivalent of $61.40 per Tansy share in the cash-and-stock "
                 "deal, it said on Monday.",
        "b.txt": "Orvel's offer of $63.20 per Tansy share is a 40 per cent premium, it said on "
                 "Monday.",
        "c.txt": "Orvel offered $63.20 per Tansy share on Monday.",
    }
    assert found(tmp_path, files, "value-conflict") == []


def test_an_annual_salary_is_no_transfer_fee(tmp_path):
    files = {
        "a.txt": "Ostvik signed the forward in a deal that could reach 80 million euros, the "
                 "club said on Monday.",
        "b.txt": "The forward joined Ostvik for up to 80 million euros on Monday.",
        "c.txt": "Ostvik will pay the forward an annual salary of about $80m, the club said on "
                 "Monday.",
    }
    assert found(tmp_path, files, "value-conflict") == []
    doc = Context(text=files["c.txt"], vocab=VOCAB, doc_date=None)
    assert [c.qualifiers for c in money.extract(doc, 0, len(files["c.txt"]))] == [
        {"per": "year"}]


def test_figures_of_another_case_the_story_is_compared_with_are_background(tmp_path):
    files = {
        "a.txt": "A jury found the trader Ilse Marrow guilty on six counts on Friday.",
        "b.txt": "Marrow was convicted on six counts of fraud on Friday, the court said.",
        "c.txt": "Her case has been compared to that of the banker Odo Vance, who was convicted "
                 "on three counts of theft.",
    }
    assert found(tmp_path, files, "value-conflict") == []


def test_losses_nearing_a_figure_allow_a_lower_estimate(tmp_path):
    files = {
        "a.txt": "The cost to rebuild Varenne was estimated at $3.8 billion, the agency said.",
        "b.txt": "The governor put losses at nearing a staggering $4 billion on Friday.",
        "c.txt": "Losses are approaching $4 billion, the governor said on Friday.",
    }
    assert found(tmp_path, files, "value-conflict") == []


# --- survivors, the confirmed dead, projections (set 6, our own words) ---------------------------

@pytest.mark.parametrize("text, state", [
    ("The plane carried 120 people, and 64 passengers have been confirmed deceased.", "killed"),
    ("The fire resulted in the death of 31 workers, the agency said.", "killed"),
    ("Only two crew members surviving the crash were taken to hospital.", "survived"),
    ("Rescuers found 12 survivors in the wreck.", "survived"),
])
def test_the_dead_and_the_survivors_are_groups_of_their_own(text, state):
    assert figures(counts, text)[-1]["state"] == state


def test_survivors_and_a_rising_toll_are_not_the_crew_or_one_toll(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The airliner carried 150 passengers and seven crew members. So far 60 "
                 "travellers have been confirmed deceased, with only two crew members surviving.",
        "b.txt": "The airliner carried 150 passengers and seven crew members. The crash resulted "
                 "in the death of 155 travellers, the fire service said.",
        "c.txt": "The jet had 150 passengers and seven crew members on board.",
    }, "value-conflict") == []


def test_a_projection_is_compared_only_with_projections(tmp_path):
    files = {
        "a.txt": "The Harbour Party is projected to finish with 14 seats in the assembly.",
        "b.txt": "The Harbour Party won 12 seats in the assembly, the final count showed.",
        "c.txt": "The Harbour Party won 12 seats in the assembly.",
    }
    assert figures(counts, files["a.txt"])[0]["frame_cue"] == "forecast:expected"
    assert found(tmp_path, files, "value-conflict") == []


def test_a_governing_majority_is_counted_and_compared(tmp_path):
    assert [(f["n"], f["measure"]) for f in figures(
        counts, "The Harbour Party won with a commanding majority of 58 members.")] == \
        [(58, "majority")]
    assert [f["measure"] for f in figures(counts, "The majority of 300 pupils agreed.")] == \
        ["pupils"]  # most of them, not a margin
    got = found(tmp_path, {
        "a.txt": "With one seat left to declare, the Harbour Party has a majority of 58 members.",
        "b.txt": "The Harbour Party won the assembly with a landslide majority of 56.",
    }, "value-conflict")
    assert len(got) == 1 and "majority" in got[0]["message"], [f["message"] for f in got]


def test_a_minute_of_one_digit_before_am_is_read():
    assert figures(times, "At 9:7 a.m. on Sunday the ferry ran aground.")[0]["minutes"] == 547


def test_a_total_marker_after_the_next_figure_is_that_figures():
    got = figures(counts, "The Harbour Party won with a majority of 58 and a total of 190 seats.")
    assert [(f["n"], f["holder"]["total"]) for f in got] == [(58, False), (190, True)]


def test_a_sentencing_date_with_another_year_is_a_conflict(tmp_path):
    got = found(tmp_path, {
        "a.txt": "Jurors convicted Orla Brennick of fraud. Her sentencing is scheduled for "
                 "June 12, 2025.",
        "b.txt": "Orla Brennick was convicted of fraud and is scheduled to be sentenced on "
                 "June 12, 2026.",
        "c.txt": "A sentencing date was set for June 12, 2026, for Orla Brennick.",
    }, "value-conflict")
    assert any("2025-06-12" in f["message"] and "sentencing" in f["message"] for f in got), \
        [f["message"] for f in got]


def test_touched_down_and_landed_are_one_happening(tmp_path):
    from audit.extract.events import event_of
    for t in ("The probe touched down near the crater at 4:12 p.m.",
              "The probe landed near the crater at 4:12 p.m.",
              "The probe soft-landed at 4:12 p.m."):
        i = t.find("4:12")
        assert event_of(t, 0, i, i + 4, len(t)) == "land", t
    got = found(tmp_path, {
        "a.txt": "The Corvan-2 probe touched down near the crater at 4:12 p.m. on Tuesday.",
        "b.txt": "The Corvan-2 probe landed near the crater at 4:12 p.m. on Tuesday.",
        "c.txt": "The Corvan-2 probe touched down at 4:31 p.m. on Tuesday, officials said.",
    }, "time-conflict")
    assert len(got) == 1 and "4:31" in got[0]["message"], [f["message"] for f in got]


def test_a_givers_running_total_is_not_this_gift(tmp_path):
    got = figures(money, "Halloran has given more than $500 million to Norland over the years.")
    assert (got[0]["frame"], got[0]["frame_cue"]) == ("other", "cumulative")
    assert figures(money, "Halloran has given $300 million to Norland.")[0]["frame"] == "event"
    assert figures(money, "The drive raised more than $40 million from other donors.")[0][
        "holder"]["gives"] == ["other donors"]
    assert found(tmp_path, {
        "a.txt": "Halloran gave $300 million to Norland College on Tuesday. Halloran has given "
                 "more than $500 million to Norland over three decades.",
        "b.txt": "Norland College received a $300 million gift from Halloran. His support to "
                 "Norland, totaling more than $500 million, spans decades.",
        "c.txt": "Halloran's $300 million gift to Norland College was announced on Tuesday.",
    }, "value-conflict") == []


def test_a_figure_of_a_part_of_the_game_is_compared_only_with_that_part(tmp_path):
    got = figures(counts, "Brannock threw two touchdown passes in the fourth quarter and "
                          "ran for 30 yards.")
    assert got[0]["period"] == "fourth quarter"
    assert "period" not in figures(counts, "Brannock threw three touchdown passes.")[0]
    assert figures(counts, "The striker scored 2 goals in stoppage time.")[0]["period"] == \
        "extra time"
    assert found(tmp_path, {
        "a.txt": "Brannock threw two touchdown passes in the fourth quarter, the Owls said.",
        "b.txt": "Brannock finished with three touchdown passes and 240 yards.",
        "c.txt": "Brannock threw three touchdown passes on Sunday.",
    }, "value-conflict") == []
    got = found(tmp_path / "same-part", {
        "a.txt": "Brannock threw two touchdown passes in the fourth quarter, the Owls said.",
        "b.txt": "Brannock threw four touchdown passes in the fourth quarter on Sunday.",
    }, "value-conflict")
    assert len(got) == 1, [f["message"] for f in got]  # the same part still conflicts


def test_revenue_in_a_quarter_is_not_a_part_of_the_event():
    """A company's quarter is its whole reporting period: amounts keep no sub-period."""
    got = figures(money, "Revenue in the third quarter rose to $12.4 billion.")
    assert "period" not in got[0]


def test_seats_of_a_partial_count_are_not_compared(tmp_path):
    got = figures(counts, "With 480 constituencies declared, the Harbour Party has 3 seats.")
    assert (got[-1]["frame"], got[-1]["frame_cue"]) == ("other", "partial count")
    assert found(tmp_path, {
        "a.txt": "With 480 constituencies declared, the Harbour Party has 3 seats and the "
                 "Valley Party 41 seats.",
        "b.txt": "With every seat declared, the Harbour Party ended on 7 seats.",
        "c.txt": "The Harbour Party won 7 seats, the final result showed.",
    }, "value-conflict") == []


def test_a_giver_named_other_is_not_the_gifts_giver(tmp_path):
    got = figures(money, "The campaign helped the college raise more than $40 million "
                         "from other donors.")
    assert (got[0]["frame"], got[0]["frame_cue"]) == ("other", "other givers")
    assert found(tmp_path, {
        "a.txt": "Halloran gave Norland College $30 million in 2015, a campaign that helped "
                 "the college raise more than $40 million from other donors for its "
                 "scholarship fund.",
        "b.txt": "Norland College's scholarship fund received a $30 million gift.",
        "c.txt": "The $30 million gift went to Norland College's scholarship fund.",
    }, "value-conflict") == []


def test_amounts_one_page_lists_as_rows_of_a_breakdown_are_different_items(tmp_path):
    """A page listing each claimant's award on a line of its own shows that two pages giving
    one award each name different awards: information, not an error."""
    files = {
        "a.txt": "The jury set the damages for each family:\n\n"
                 "- Dara Quill, mother of a pupil: $120 million\n"
                 "- Tomas Ferro, a first responder: $90 million\n"
                 "- Ines Lark, a teacher's sister: $70 million",
        "b.txt": "The jury awarded Dara Quill, who left the state after the threats, "
                 "$120 million in damages.",
        "c.txt": "Critics said awarding the first responder $90 million in damages went too far.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    pairs = [f for f in got if f["check"] == "value-conflict"
             and "120,000,000" in f["message"] and "90,000,000" in f["message"]]
    assert pairs and all(f["severity"] == "info" and f["details"]["listed_apart"] is True
                         for f in pairs), [(f["severity"], f["message"]) for f in got]
    # nor is the most stated award the total of the other rows
    assert not [f for f in got if f["check"] == "arithmetic"], [f["message"] for f in got]


def test_a_total_listed_with_its_parts_is_no_breakdown_of_items():
    from audit.check.checks.value_conflict import _listed_apart
    from audit.check.comparable import Value

    def vals(*nums):
        return [Value(str(n), str(n), n, [n, n], True) for n in nums]
    assert _listed_apart(vals(120.0, 90.0), [{120.0, 90.0, 70.0}])
    assert not _listed_apart(vals(10.4, 10.0), [{10.4, 10.0, 0.35}])  # a total and its parts
    assert not _listed_apart(vals(120.0, 90.0), [{120.0, 70.0}, {90.0, 70.0}])


@pytest.mark.parametrize("text, change", [
    ("The Valley Party took a beating, losing 61 seats, the count showed.", "loss"),
    ("The result meant the loss of 61 seats for the Valley Party.", "loss"),
    ("The Harbour Party won 300 seats, a gain of 118 seats.", "gain"),
    ("The Harbour Party, gaining over 100 seats, now leads.", "gain"),
    ("The Harbour Party won 300 seats.", None),
])
def test_a_count_gained_or_lost_is_a_change(text, change):
    assert figures(counts, text)[-1].get("change") == change


def test_a_change_is_not_compared_with_a_level(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The Valley Party was routed, losing 61 seats. The Harbour Party won 300 "
                 "seats.",
        "b.txt": "The Harbour Party took 300 seats; the Valley Party kept 40 seats.",
        "c.txt": "The Valley Party won only 40 seats in the new assembly.",
    }, "value-conflict") == []
    got = found(tmp_path / "two-losses", {
        "a.txt": "The Valley Party was routed, losing 61 seats.",
        "b.txt": "The Valley Party was routed, losing 58 seats.",
    }, "value-conflict")
    assert len(got) == 1, [f["message"] for f in got]  # two losses still conflict


def test_surpassing_a_figure_is_a_lower_bound():
    got = figures(counts, "The Harbour Party won a huge majority, surpassing 400 seats.")
    assert got[-1]["bound"] == [400.0, None]


def test_holderless_counts_of_a_noun_every_page_counts_several_times_are_info(tmp_path):
    """Election coverage gives each party's seats: when pages each give two or more seat
    counts, two pages' seat counts that name no party are most likely two parties."""
    files = {
        "a.txt": "The Harbour Party came first with 37 seats. The Valley Party won 25 seats "
                 "and the Coast Party 24 seats.",
        "b.txt": "Results gave the Harbour Party 37 seats, ahead of 25 seats for the Valley "
                 "Party and 24 seats for the Coast Party.",
        "c.txt": "An exit poll put the winner on 36 seats.",
    }
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    seats = [f for f in got if f["check"] == "value-conflict" and "seats" in f["message"]]
    assert seats and all(f["severity"] == "info" and f["details"]["several_facts"] is True
                         for f in seats), [(f["severity"], f["message"]) for f in got]
    # a noun one page counts once stays a warning
    got = found(tmp_path / "one-fact", {
        "a.txt": "The Harbour Party won 37 seats in the vote.",
        "b.txt": "The Harbour Party won 37 seats, the count showed.",
        "c.txt": "The Harbour Party won 35 seats in the vote.",
    }, "value-conflict")
    assert len(got) == 1 and got[0]["severity"] == "warning", [f["message"] for f in got]


def test_a_round_count_in_words_is_as_loose_as_in_digits(tmp_path):
    assert figures(counts, "The maker recalls two million cars.")[0]["bound"] == \
        figures(counts, "The maker recalls 2 million cars.")[0]["bound"]
    assert found(tmp_path, {
        "a.txt": "The maker recalls two million cars over a brake fault.",
        "b.txt": "The maker recalls 2,031,220 cars over a brake fault.",
        "c.txt": "The maker recalls 2 million cars over a brake fault.",
    }, "value-conflict") == []


def test_each_item_of_a_nationality_breakdown_counts_its_own_people():
    from audit.model import Context as Ctx

    def subjects(text):
        return [(c.value["n"], c.subject)
                for c in counts.extract(Ctx(text=text, vocab=VOCAB), 0, len(text))]
    assert subjects("Aboard were 41 Kenyan, three Ugandan, two Germans and one Irish.") == [
        (41, "kenya nationals"), (3, "uganda nationals"), (2, "germany nationals"),
        (1, "ireland nationals")]
    # the people of one country however named are one group
    assert {s for _, s in subjects("There were 41 Kenyans, 41 Kenyan citizens and 41 Kenyan "
                                   "passengers.")} == {"kenya nationals"}
    assert subjects("They hired 12 engineers, five designers and 3 lawyers.") == [
        (12, "engineers"), (5, "designers"), (3, "lawyers")]


def test_nationals_of_one_country_are_compared_across_pages(tmp_path):
    got = found(tmp_path, {
        "a.txt": "The plane carried 41 Kenyans, three Ugandans and two Germans.",
        "b.txt": "Among the passengers were 44 Kenyan nationals, officials said.",
        "c.txt": "The victims included 41 Kenyan citizens and two Germans.",
    }, "value-conflict")
    assert len(got) == 1 and "kenya nationals" in got[0]["message"], \
        [f["message"] for f in got]


def test_what_a_party_asked_for_is_not_what_it_got(tmp_path):
    for text in ("The two women had asked for $48 million in damages.",
                 "The defence called the initial request of $43 million excessive.",
                 "Their lawyer asked the jury for a minimum verdict of $24 million each.",
                 "He had sued the paper for $50 million."):
        got = figures(money, text)
        assert (got[0]["frame"], got[0]["frame_cue"]) == ("other", "sought"), text
    assert figures(money, "The jury awarded the two women $148 million.")[0]["frame"] == \
        "event"
    assert found(tmp_path, {
        "a.txt": "The jury awarded Dara Quill $148 million. She had asked for $48 million.",
        "b.txt": "Dara Quill won $148 million from the jury after asking for $43 million.",
        "c.txt": "A jury awarded Dara Quill $148 million on Friday.",
    }, "value-conflict") == []


def test_a_company_expecting_a_figure_is_forecasting_it():
    got = figures(money, "The company told investors it expects free cash flow for the year "
                         "to be approximately $6.5 billion.")
    assert (got[0]["frame"], got[0]["frame_cue"]) == ("other", "forecast:company")


def test_the_expected_figure_beaten_is_a_forecast_and_cents_stay_in_the_label(tmp_path):
    got = figures(money, "Earnings per share came to $1.87, ahead of the expected $1.62.")
    assert [(g["frame"], g.get("frame_cue")) for g in got] == [
        ("event", None), ("other", "forecast:expected")]
    # the result and the beaten forecast are not one figure misstated; two pages that give
    # two different results still disagree, and each side reads with its cents
    findings = found(tmp_path, {
        "a.txt": "Earnings per share came to $1.87, ahead of the expected $1.62.",
        "b.txt": "The maker said earnings per share were $1.78 for the quarter.",
        "c.txt": "Earnings per share were $1.78, well above the expected $1.62.",
    }, "value-conflict")
    assert [sorted(v["value"] for v in f["values"]) for f in findings] == [
        ["1.78 USD", "1.87 USD"]]


def test_a_sentence_opened_by_an_earlier_month_is_background():
    import datetime as dt
    day = dt.date(2023, 10, 18)
    got = figures(counts, "In July, the streamer reported 238 million subscribers.", day)
    assert (got[0]["frame"], got[0]["frame_cue"]) == ("other", "earlier: july")
    got = figures(counts, "In October, the streamer reported 247 million subscribers.", day)
    assert got[0]["frame"] == "event"
    got = figures(counts, "In July, the streamer reported 238 million subscribers.", None)
    assert got[0]["frame"] == "event"  # an undated page: nothing to tell


@pytest.mark.parametrize("text, key", [
    ("Among the winners, the Harbour League (HL) (6 seats) did best in the north.", "hl"),
    ("A pact of the Greens, the Harbour League (HL, 7 seats) and two others is possible.", "hl"),
    ("The Greens (42 seats) topped the count in the capital.", "greens"),
])
def test_a_figure_opening_a_parenthesis_after_a_name_is_that_names(text, key):
    from audit.extract.frames import holder
    m = re.search(r"\d+", text)
    assert m is not None
    end = text.index("seats", m.end()) + len("seats")
    assert holder(text, 0, len(text), m.start(), end)["gets"] == [key]
    # a parenthesis that does not open with the figure says nothing of whose it is
    aside = "The yard (opened in 1990) employs 500 staff."
    m2 = re.search(r"500", aside)
    assert m2 is not None
    assert holder(aside, 0, len(aside), m2.start(), m2.end())["gets"] == []


@pytest.mark.parametrize("text", [
    "The poll put the Greens on 31 seats, 9 seats ahead of the nearest party.",
    "The Greens won 31 seats, 45 seats short of a majority in the chamber.",
])
def test_a_lead_or_a_shortfall_is_no_count_held(text):
    from audit.extract.frames import time_frame
    m = list(re.finditer(r"\d+", text))[-1]
    frame, cue, _ = time_frame(text, 0, len(text), m.start(), m.end(), 2023)
    assert frame == "other" and cue is not None and ("ahead" in cue or "short" in cue)


# --- lessons of held-out set 11 (a phone launch, a tennis final, an election) -------------------

def test_rows_of_a_price_table_are_not_parts_of_one_total(tmp_path):
    table = ("Prices\n\n64GB – $600\n\n128GB – $700\n\n256GB – $900\n\n"
             "The top model costs $900 and ships next week.")
    files = {"a.txt": table,
             "b.txt": "The new Lumo phone starts at $600; the 256GB model is $900.",
             "c.txt": "Lumo's largest phone costs $900, the maker said."}
    assert found(tmp_path, files, "arithmetic") == []


def test_prices_of_a_model_range_are_not_parts_of_the_most_stated_price(tmp_path):
    # the story's most stated amount is the base model's price; two cheaper models are named
    # in one sentence and a dearer one is stated twice: a price list, with no total to exceed
    files = {"a.txt": "The Zephyr tablet costs $700. The Zephyr Max costs $1,000.",
             "b.txt": "Zephyr starts at $700.\n\nThe Mini costs $300 and the Lite $500 this year.",
             "c.txt": "The $700 Zephyr ships in May; the Max is $1,000."}
    assert found(tmp_path, files, "arithmetic") == []


def test_parts_in_one_sentence_still_add_up(tmp_path):
    files = {"a.txt": "The foundation gives $30 million to Alder College and $40 million to "
                      "Birch College.",
             "b.txt": "The foundation's gift totals $50 million.",
             "c.txt": "In all, $50 million goes to the two colleges."}
    got = found(tmp_path, files, "arithmetic")
    assert len(got) == 1 and got[0]["details"]["parts"] == 70_000_000


def test_hours_and_minutes_are_one_duration():
    def seconds(text: str) -> list:
        return [c.value["seconds"] for c in times.extract(Context(text=text), 0, len(text))]

    assert seconds("The final lasted three hours and 51 minutes.") == [3 * 3600 + 51 * 60]
    # a comma is no compound: "10 minutes later" is its own
    assert seconds("They waited two hours, 10 minutes later the judge returned.") == [7200, 600]


def test_an_exact_match_length_agrees_with_almost_the_next_hour(tmp_path):
    files = {"a.txt": "The final lasted three hours and 51 minutes.",
             "b.txt": "The final lasted almost four hours.",
             "c.txt": "A final that lasted almost four hours ended after midnight."}
    assert found(tmp_path, files, "time-conflict") == []


@pytest.mark.parametrize("text", [
    "Brightco unveiled the zPhone 12 Max models in Oslo.",
    "The eBook 7 Plus readers go on sale in May.",
])
def test_a_number_after_a_camel_case_brand_is_a_model_not_a_count(text):
    assert figures(counts, text) == []


# --- lessons of held-out sets 9 to 12 (read 2026-12-05) ------------------------------------------

def test_a_decimal_cut_after_its_digit_is_no_other_figure(tmp_path):
    # one report gives the quarter's profit to two decimals, another cuts it after the first
    files = {"a.txt": "Quarter\n\nOrvane Corp posted a profit of $14.87 billion for the quarter.",
             "b.txt": "Quarter\n\nOrvane earned $14.8 billion in the quarter, the company said.",
             "c.txt": "Quarter\n\nOrvane Corp's quarterly profit was $14.87 billion."}
    assert found(tmp_path, files, "value-conflict") == []


def test_a_decimal_a_whole_digit_off_is_still_a_conflict(tmp_path):
    files = {"a.txt": "Quarter\n\nOrvane Corp posted a profit of $14.87 billion for the quarter.",
             "b.txt": "Quarter\n\nOrvane earned $14.5 billion in the quarter, the company said.",
             "c.txt": "Quarter\n\nOrvane Corp's quarterly profit was $14.87 billion."}
    got = found(tmp_path, files, "value-conflict")
    assert len(got) == 1 and "14,500,000,000" in got[0]["message"], got


def test_the_size_of_a_team_is_not_the_toll(tmp_path):
    files = {"a.txt": "Helicopter crash\n\nNine people were killed when a helicopter crashed on "
                      "Sunday.\n\nBoard member Ada Lorne says a team of 18 people will "
                      "investigate the crash.\n",
             "b.txt": "Helicopter crash\n\nNone of the nine people on board the helicopter "
                      "survived the crash on Sunday.\n",
             "c.txt": "Helicopter crash\n\nThe crash killed nine people on Sunday, officials "
                      "said.\n"}
    assert found(tmp_path, files, "value-conflict") == []
    from audit.extract import counts
    text = "A panel of about 12 experts met; the team of 14 people left."
    got = [(d.subject, d.value["n"]) for d in counts.extract(Context(text=text), 0, len(text))]
    assert got == [("panel", 12), ("team", 14)]


def test_a_year_after_the_figure_compared_with_is_that_figure_s(tmp_path):
    # "to 29 seats from 22 in 2019": 2019 dates the 22, not the 29 won now
    files = {"a.txt": "Results\n\nThe Green Party won 29 seats on June 4, 2024, an improvement "
                      "from its 22 seats in 2019.",
             "b.txt": "Results\n\nOn June 4, 2024 the Green Party improved its tally to 29 seats "
                      "from 22 in 2019.",
             "c.txt": "Results\n\nThe Greens took 29 seats on June 4, 2024."}
    assert found(tmp_path, files, "value-conflict") == []
    text = "The party improved its tally to 29 seats from 22 in 2019."
    got = [(d.value["n"], d.value.get("year")) for d in counts.extract(Context(text=text), 0,
                                                                        len(text))]
    assert got == [(29, None)]


def test_times_of_a_series_of_shocks_are_not_one_happening_s(tmp_path):
    # several shocks: "earthquakes struck around noon", "the first earthquake", "the last
    # aftershock" each time one of them, not the quake the story is about
    files = {"a.txt": "Quake\n\nThe quake struck at 11:10 a.m. on Saturday, officials said.",
             "b.txt": "Quake\n\nThe first earthquake occurred around 10:40 a.m. The last "
                      "aftershock occurred at 2:14 p.m., and another at 3:30 p.m.",
             "c.txt": "Quake\n\nAt least four strong earthquakes struck the town around noon, "
                      "a resident said.",
             "d.txt": "Quake\n\nThe earthquake hit at 11:10 a.m. The last aftershock occurred "
                      "at 4:05 p.m."}
    assert found(tmp_path, files, "time-conflict") == []
    text = "The last aftershock occurred at 2:14 p.m. The quake struck at 11:10 a.m."
    got = [(d.subject, d.value["minutes"]) for d in times.extract(Context(text=text), 0,
                                                                   len(text))]
    assert got == [("", 14 * 60 + 14), ("quake", 11 * 60 + 10)]


def test_compared_after_a_count_is_no_state_of_the_group():
    # "-ed" words after a count are kept as what happened to it ("12 people injured"), but
    # "compared" compares two tallies: the seats are not a group things happened to
    text = "The Reform Party won 99 seats, compared with 52 in 2019, and 12 people injured."
    got = [(d.value["n"], d.value.get("state")) for d in counts.extract(Context(text=text), 0,
                                                                         len(text))]
    assert got == [(99, None), (12, "injured")]


def test_amounts_joined_by_and_alone_are_one_value_each(tmp_path):
    # "the two models cost $700 and $850": each model's price, not parts of a sum
    files = {"a.txt": "Tablets\n\nThe Zephyr costs $1,000.",
             "b.txt": "Tablets\n\nThe Zephyr costs $1,000, the maker said.",
             "c.txt": "Tablets\n\nThe Zephyr costs $1,000. The Mini and the Lite will cost $700 "
                      "and $850 as before."}
    assert found(tmp_path, files, "arithmetic") == []


def test_a_day_before_why_something_happened_is_not_its_day(tmp_path):
    # investigators travel on Monday "to determine why" the plane crashed: Monday is the trip's
    files = {"a.txt": "Plane crash\n\nA small plane crashed on Sunday near Arlen, killing two.",
             "b.txt": "Plane crash\n\nA team from the safety board planned to make its way Monday "
                      "to the hillside near Arlen to determine why the small plane crashed.",
             "c.txt": "Plane crash\n\nThe plane crashed on Sunday afternoon, officials said."}
    assert found(tmp_path, files, "date-conflict") == []
    text = files["b.txt"]
    got = [d.value.get("event") for d in dates.extract(Context(text=text), 0, len(text))]
    assert got == [None]


# --- lessons of held-out set 24 (read 2026-12-06) ------------------------------------------------

def test_a_price_table_in_several_currencies_has_no_parts(tmp_path):
    # a table of models flattened to one line: each model's price in three currencies, side by
    # side; any two pounds prices add up to more than the dearest model's most quoted price
    table = ("Model US UK Canada Orba 64GB $499 £469 C$649 Orba 128GB $599 £569 C$779 "
             "Orba 256GB $699 £669 C$909 Orba Max 512GB $999 £949 C$1,299")
    files = {"a.txt": table,
             "b.txt": "In Britain the Orba Max costs £949.",
             "c.txt": "The Orba Max sells for £949 in the UK.",
             "d.txt": "The Orba Max is priced at £999 in shops, a reseller said."}
    assert found(tmp_path, files, "arithmetic") == []


def test_three_amounts_in_a_row_are_a_list_not_two_parts(tmp_path):
    files = {"a.txt": "The fund gave $30 million to Alder College, $40 million to Birch "
                      "College and $25 million to Cedar College.",
             "b.txt": "The fund's gift totals $50 million.",
             "c.txt": "In all, $50 million goes to the colleges."}
    assert found(tmp_path, files, "arithmetic") == []


def test_an_umlaut_written_three_ways_is_no_misspelling(tmp_path):
    def said(name: str) -> str:
        return f"Coach {name} said the side played well in the final in Lisbon on Saturday."

    files = {"a.txt": said("Juergen Vogt"), "b.txt": said("Jurgen Vogt"),
             "c.txt": said("Jurgen Vogt"), "d.txt": said("Jurgen Vogt")}
    assert found(tmp_path, files, "name-variant") == []
    # a letter of the name dropped stays a misspelling
    files["a.txt"] = said("Jurgn Vogt")
    assert [f["severity"] for f in found(tmp_path / "typo", files, "name-variant")] == ["error"]


@pytest.mark.parametrize("text, seconds", [
    ("The final began after a 36-minute delay caused by crowds at the gates.", 2160),
    ("The final kicked off 35 minutes later than the planned 8 pm start.", 2100),
    ("The ferry left two hours late.", 7200),
    ("The launch was delayed by 45 minutes.", 2700),
    ("Kick-off was pushed back more than 30 minutes.", 1800),
])
def test_how_late_something_started_is_one_delay_whatever_the_verb(text, seconds):
    (c,) = [c for c in run(times, text) if c.value["type"] == "duration"]
    assert (c.subject, c.value["seconds"]) == ("delay length", seconds)
    # "later" alone measures from another moment, not a delay
    (c,) = run(times, "The crew arrived two hours later and left.")
    assert c.subject != "delay length" and c.value["relation"] == "later"


def test_two_reports_of_one_delay_are_compared(tmp_path):
    files = {"a.txt": "The cup final kicked off 35 minutes later than planned after crowd trouble.",
             "b.txt": "The cup final began after a 36-minute delay due to crowd trouble.",
             "c.txt": "Crowd trouble meant the cup final kicked off 35 minutes late."}
    got = found(tmp_path, files, "time-conflict")
    assert len(got) == 1 and "delay" in got[0]["message"]


def test_preorders_are_the_event_their_clock_time_belongs_to():
    (c,) = [c for c in run(times, "Preorders for the Lumo 5 open Friday at 5 a.m. PT.")]
    assert c.subject == "preorder"
    (c,) = [c for c in run(times, "The phone goes up for pre-order at 9 p.m. Pacific.")]
    assert c.subject == "preorder"


@pytest.mark.parametrize("text, n, unit, subject", [
    ("El tribunal lo condenó: fue condenado a 30 años de prisión.", 30, "años", "sentence length"),
    ("A juíza o condenou a 12 anos de prisão.", 12, "anos", "sentence length"),
    ("Le tribunal l'a condamné à 8 ans de prison.", 8, "ans", "sentence length"),
    ("La defensa pidió diez años de cárcel.", 10, "años", "sentence length (sought)"),
    ("Firmó un contrato de dos años con el club.", 2, "años", "contract length"),
    ("Han pasado nueve meses desde el veredicto.", 9, "meses", ""),
])
def test_lengths_in_spanish_portuguese_and_french_are_durations(text, n, unit, subject):
    (c,) = run(times, text)
    assert (c.value["n"], c.value["unit"], c.subject) == (n, unit, subject)


def test_a_prison_term_said_with_its_verb_is_the_sentences_length():
    (c,) = run(times, "A judge sentenced Dario Velle on Monday to 12 years in prison.")
    assert c.subject == "sentence length"
    (c,) = run(times, "Velle could be sentenced to up to 40 years.")
    assert (c.subject, c.value["stance"]) == ("sentence length (maximum)", "maximum")
    # a request said after the length: "que solicitaba la fiscalía", "prosecutors had sought"
    (c,) = run(times, "La pena supera los 25 años de cárcel que solicitaba la fiscalía.")
    assert c.value["stance"] == "sought"


def test_a_sentence_reported_in_two_languages_agrees(tmp_path):
    files = {"a.txt": "A judge sentenced Dario Velle to 12 years in prison on Monday.",
             "b.txt": "Dario Velle fue condenado a 12 años de prisión el lunes.",
             "c.txt": "Dario Velle was jailed for 12 years on Monday.",
             "d.txt": "La fiscalía había pedido 15 años de cárcel para Dario Velle."}
    assert found(tmp_path, files, "time-conflict") == []
    files["b.txt"] = "Dario Velle fue condenado a 21 años de prisión el lunes."
    got = found(tmp_path / "slip", files, "time-conflict")
    assert len(got) == 1 and "21 años" in got[0]["message"]


def test_a_delay_in_hours_and_round_minutes_is_rounded(tmp_path):
    files = {"a.txt": "The cup final was delayed by an hour and 20 minutes after crowd trouble.",
             "b.txt": "Crowd trouble meant an 82-minute delay to the cup final.",
             "c.txt": "The cup final was delayed by an hour and 20 minutes, organisers said."}
    assert found(tmp_path, files, "time-conflict") == []
    # an odd number of minutes is exact
    files["a.txt"] = files["c.txt"] = "The cup final was delayed by an hour and 27 minutes."
    assert len(found(tmp_path / "odd", files, "time-conflict")) == 1


@pytest.mark.parametrize("text, state", [
    ("Selon la police, 63 personnes étaient mortes dans la région.", "killed"),
    ("Au moins 90 personnes ont perdu la vie pendant la catastrophe.", "killed"),
    ("El temporal dejó 40 muertos y 120 heridos.", "killed"),
    ("A polícia confirmou 12 feridos no hospital.", "injured"),
    # set 27: people rescued or taken to hospital are groups of their own
    ("Los bomberos dijeron que 57 personas fueron rescatadas con vida.", "rescued"),
    ("Según el alcalde, 23 personas han sido trasladadas a centros hospitalarios.", "injured"),
    ("A polícia disse que 14 pessoas foram levadas ao hospital.", "injured"),
    ("Les secours ont indiqué que 31 personnes ont été évacuées.", "rescued"),
])
def test_tolls_in_french_spanish_and_portuguese_know_their_group(text, state):
    assert figures(counts, text)[0]["state"] == state


def test_french_tolls_of_different_moments_are_updates_not_conflicts(tmp_path):
    assert found(tmp_path, {
        "a.txt": "Dans la région de Varenne, 63 personnes étaient mortes selon les autorités.",
        "b.txt": "Selon la police, 90 personnes ont perdu la vie dans la région de Varenne.",
        "c.txt": "Dans la région de Varenne, 90 personnes ont perdu la vie selon la police.",
    }, "value-conflict") == []


def test_a_planned_time_is_no_conflict_with_the_time_it_happened(tmp_path):
    (c, d) = run(times, "The launch, originally set for 9 a.m., took place at 11:20 a.m.")
    assert (c.subject, d.subject) == ("launch (planned)", "launch")
    files = {"a.txt": "The press conference Vale was scheduled to hold shortly before 4 p.m. "
                      "local time was moved up to 2 p.m. local time.",
             "b.txt": "Vale's press conference was brought forward to 2 p.m. local time.",
             "c.txt": "Vale held the press conference at 2 p.m. local time."}
    assert found(tmp_path, files, "time-conflict") == []


# --- lessons of held-out set 25 (read 2026-12-06) ------------------------------------------------

def test_a_count_listed_by_group_knows_the_breakdowns_sum():
    (c,) = [c for c in run(counts, "The ferry carried 120 passengers, six infants, two "
                                   "pilots and four crew when it left.")
            if c.subject == "passengers"]
    assert c.value["breakdown_sum"] == 132
    # a toll told by what happened to each group is not a breakdown by group
    assert all("breakdown_sum" not in c.value
               for c in run(counts, "The blast left 12 dead, 30 injured and 5 missing."))
    # two groups are a pair, not a breakdown
    assert all("breakdown_sum" not in c.value
               for c in run(counts, "The ship had 300 passengers and 12 crew on board."))


def test_a_loose_total_within_a_breakdowns_sum_is_no_conflict(tmp_path):
    files = {"a.txt": "The ferry carried 120 passengers, six infants, two pilots and four crew.",
             "b.txt": "The ferry had 120 passengers, six infants, two pilots and four crew.",
             "c.txt": "A ferry with 130 passengers on board ran aground."}
    assert found(tmp_path, files, "value-conflict") == []
    # a figure below the listed group, or above everyone listed, is still a conflict
    files["c.txt"] = "A ferry with 110 passengers on board ran aground."
    assert len(found(tmp_path / "below", files, "value-conflict")) == 1
    files["c.txt"] = "A ferry with 150 passengers on board ran aground."
    assert len(found(tmp_path / "above", files, "value-conflict")) == 1


def test_people_told_apart_by_a_clause_are_two_groups():
    (a,) = run(counts, "Officials said four people who had tickets never boarded the bus.")
    (b,) = run(counts, "A doctor said two people who were taken to the clinic later died.")
    assert a.value["state"] != b.value.get("state")
    # a clause that says what happened is that state
    (c,) = run(counts, "Officials said three people who died were from the village.")
    assert c.value["state"] == "killed"


def test_two_groups_of_people_with_their_own_clauses_are_not_compared(tmp_path):
    files = {"a.txt": "The airline said four people who had tickets never boarded the plane.",
             "b.txt": "A doctor said two people who were taken to the clinic were in shock.",
             "c.txt": "A doctor said two people who were taken to the clinic were in shock."}
    assert found(tmp_path, files, "value-conflict") == []


def test_one_round_number_in_two_currencies_for_two_topics_is_information(tmp_path):
    files = {"a.txt": "Rs40 billion is set aside for rural bridges next year.",
             "b.txt": "Rural bridges get Rs40 billion next year, the minister said.",
             "c.txt": "The target for tourist arrivals was set at $40 billion for the year.",
             "d.txt": "The minister said Rs40 billion will go to rural bridges."}
    assert found(tmp_path, files, "value-conflict") == []
    # the same topic under two signs stays a slip
    files["c.txt"] = "$40 billion is set aside for rural bridges next year."
    got = found(tmp_path / "slip", files, "value-conflict")
    assert len(got) == 1 and "two currencies" in got[0]["message"]


@pytest.mark.parametrize("text, subject", [
    ("The launch started late due to rain at 4:15 p.m.", "launch"),
    ("The launch was due to technical issues at 10:30 a.m.", "launch"),
    ("The launch was due to take place at 7:10 p.m. but slipped.", "launch (planned)"),
    ("The launch, due at 9 a.m., was put off.", "launch (planned)"),
])
def test_due_marks_a_plan_only_when_it_does_not_give_a_cause(text, subject):
    (c,) = run(times, text)
    assert c.subject == subject


@pytest.mark.parametrize("text, subject, n, state", [
    ("El juez leyó seis cargos de fraude.", "counts", 6, None),
    ("A juíza leu dez cargos contra ele.", "counts", 10, None),
    ("Según la policía, murieron 40 personas.", "people", 40, "killed"),
    ("En total, hubo 40 personas heridas.", "people", 40, "injured"),
    ("Selon la police, cinq personnes ont été tuées.", "people", 5, "killed"),
    ("Selon la police, le séisme a blessé 40 personnes.", "people", 40, "injured"),
    ("Il y avait 120 passagers à bord.", "passengers", 120, None),
    ("Il a marqué 280 buts avec le club.", "goals", 280, None),
    ("The jury heard four charges on Monday.", "counts", 4, None),
    ("El choque causó la muerte de 40 personas.", "people", 40, "killed"),
])
def test_counts_in_spanish_portuguese_and_french_are_counted_as_in_english(
        text, subject, n, state):
    (c,) = run(counts, text)
    assert (c.subject, c.value["n"], c.value.get("state")) == (subject, n, state)


def test_romance_number_words_alone_are_not_counts():
    # "once" and "six" are English words too: a number word of those languages is read only
    # before a noun of theirs
    assert [c.value["n"] for c in run(counts, "Once the doors opened, six people ran.")] == [6]
    assert run(counts, "Dijo que once no es suficiente.") == []


def test_a_count_in_two_languages_is_compared(tmp_path):
    files = {"a.txt": "The jury convicted Lorn Vesey on nine counts of fraud on Friday.",
             "b.txt": "Lorn Vesey was found guilty on nine counts of fraud.",
             "c.txt": "El jurado declaró culpable a Lorn Vesey de seis cargos de fraude."}
    got = found(tmp_path, files, "value-conflict")
    assert len(got) == 1 and "counts" in got[0]["message"]
    files["c.txt"] = "El jurado declaró culpable a Lorn Vesey de nueve cargos de fraude."
    assert found(tmp_path / "same", files, "value-conflict") == []


@pytest.mark.parametrize("text, approx, bound", [
    ("Testigos dijeron que había unas 43 personas dentro.", "about", [38.7, 47.3]),
    ("O carro pode transportar mais de 40 pessoas.", "more_than", [40.0, None]),
    ("Selon la police, au moins 63 personnes ont été tuées.", "at_least", [63.0, None]),
    ("Hubo casi 90 personas heridas.", "nearly", None),
])
def test_approximations_in_spanish_portuguese_and_french_bound_the_count(text, approx, bound):
    (c,) = run(counts, text)
    assert c.qualifiers["approx"] == approx or approx == "nearly"
    if bound is not None:
        assert c.value["bound"] == bound
    else:
        low, high = c.value["bound"]
        assert low < 90 and high == 90.0


def test_a_capacity_given_as_more_than_is_no_conflict_with_an_estimate(tmp_path):
    files = {"a.txt": "O bonde pode transportar mais de 40 pessoas.",
             "b.txt": "Testigos dijeron que dentro del bonde había unas 43 personas.",
             "c.txt": "Dentro del bonde había unas 43 personas, según testigos."}
    assert found(tmp_path, files, "value-conflict") == []


@pytest.mark.parametrize("text, stage", [
    ("She was sentenced on three counts of conspiracy.", "sentenced"),
    ("A jury found her guilty on five charges, including fraud.", "convicted"),
    ("He was charged with 12 counts of fraud.", "charged"),
    ("The jury found her not guilty on four counts.", "acquitted"),
    ("The jurors deadlocked on three counts.", "undecided"),
    ("Fue declarada culpable de cuatro cargos.", "convicted"),
])
def test_counts_of_an_indictment_know_the_trial_stage(text, stage):
    (c,) = run(counts, text)
    assert (c.subject, c.value["state"]) == ("counts", stage)


def test_counts_convicted_and_counts_sentenced_are_two_tallies(tmp_path):
    files = {"a.txt": "Dana Morrow was sentenced on three counts after the merger of two.",
             "b.txt": "A jury found Dana Morrow guilty on four charges in March.",
             "c.txt": "Dana Morrow was convicted on four counts in March."}
    assert found(tmp_path, files, "value-conflict") == []
    files["a.txt"] = "A jury found Dana Morrow guilty on three counts in March."
    assert len(found(tmp_path / "same-stage", files, "value-conflict")) == 1


def test_italian_approximations_bound_an_amount():
    (c,) = run(money, "La società ha pagato oltre 2 milioni di euro.")
    assert c.value["bound"] == [2_000_000.0, None]


def test_counts_of_one_charge_are_that_charges_tally(tmp_path):
    (a, b) = run(counts, "The indictment listed three counts of arson and four counts of "
                         "burglary.")
    assert (a.value["charge"], b.value["charge"]) == ("arson", "burglary")
    assert a.value["part"] and b.value["part"]  # charge by charge: parts of the indictment
    (c,) = run(counts, "She was convicted on four counts of wire fraud.")
    assert (c.value["charge"], c.value["state"], c.value.get("part")) == (
        "wire fraud", "convicted", None)
    # an indictment's counts of one crime are not the counts a defendant was convicted on
    files = {"a.txt": "The charges included three counts of arson and four counts of burglary.",
             "b.txt": "The charges included three counts of arson and four counts of burglary.",
             "c.txt": "A jury found Lee Orton guilty on six charges on Friday."}
    assert found(tmp_path, files, "value-conflict") == []
    # one crime's counts given two ways are compared, another crime's never
    files = {"a.txt": "Lee Orton faces three counts of arson, prosecutors said.",
             "b.txt": "Lee Orton was charged with three counts of arson on Monday.",
             "c.txt": "Lee Orton faces five counts of arson, the court heard."}
    assert len(found(tmp_path / "same-crime", files, "value-conflict")) == 1
    files["c.txt"] = "Lee Orton faces five counts of burglary, the court heard."
    assert found(tmp_path / "other-crime", files, "value-conflict") == []


# --- lessons of held-out set 26 ------------------------------------------------------------------

@pytest.mark.parametrize("text, whole, part, stage", [
    ("The jury found Tom Rusk guilty on 3 of 7 counts on Monday.", 7, 3, "convicted"),
    ("Tom Rusk was convicted of two of the six felony charges against him.", 6, 2,
     "convicted"),
    ("El jurado declaró culpable a Tom Rusk de dos de los seis cargos.", 6, 2, "convicted"),
])
def test_some_counts_of_an_indictment_are_a_stage_and_the_whole_is_what_was_charged(
        text, whole, part, stage):
    got = {c.value["n"]: c.value for c in run(counts, text)}
    assert got[whole]["state"] == "charged" and got[part]["state"] == stage


def test_a_part_of_an_indictment_without_a_stage_is_a_part():
    got = {c.value["n"]: c.value for c in run(counts, "Five of the nine counts were read.")}
    assert got[9]["state"] == "charged" and got[5].get("part") is True


def test_others_before_the_number_make_a_part_in_spanish():
    (c,) = run(counts, "No encontró pruebas de los otros tres cargos.")
    assert c.value.get("part") is True


def test_counts_of_a_story_that_tells_stages_apart_weigh_a_stageless_count_lightly(tmp_path):
    """A court story states several tallies of counts (charged, convicted, acquitted); a count
    that names no stage may be any of them: weak evidence."""
    files = {"a.txt": "Ada Venn was charged with six counts in May.",
             "b.txt": "Ada Venn was convicted on two counts and acquitted on four counts.",
             "c.txt": "The jury could not agree on the first three counts at first."}
    assert found(tmp_path, files, "value-conflict") == []
    # the same tallies with their stages named are compared
    files["c.txt"] = "Ada Venn was convicted on three counts, the court said."
    assert len(found(tmp_path / "staged", files, "value-conflict")) == 1


def test_a_jury_told_by_sex_counts_its_men_and_women_not_its_size():
    got = [(c.subject, c.value["n"]) for c in run(
        counts, "A jury of eight men and four women heard the case.")]
    assert got == [("jury men", 8), ("jury women", 4)]
    got = [(c.subject, c.value["n"]) for c in run(
        counts, "A jury of four women and eight men heard the case.")]
    assert got == [("jury women", 4), ("jury men", 8)]
    assert [(c.subject, c.value["n"]) for c in run(counts, "A jury of 12 people sat.")] == [
        ("jury", 12)]


def test_a_jury_listed_in_two_orders_is_no_conflict(tmp_path):
    files = {"a.txt": "A jury of eight men and four women convicted Ida Soler on Friday.",
             "b.txt": "A jury of four women and eight men convicted Ida Soler on Friday.",
             "c.txt": "Ida Soler was convicted on Friday. Two other women testified too."}
    assert found(tmp_path, files, "value-conflict") == []


def test_a_plural_or_genitive_of_a_product_name_is_no_misspelling(tmp_path):
    files = {"a.txt": "The Orbit Slate costs $399. Orbit Slate buyers queued on Friday.",
             "b.txt": "The Orbit Slate went on sale. The first batch of Orbit Slates sold out.",
             "c.txt": "Orders for the Orbit Slate opened on Friday, the Orbit Slate maker said."}
    assert found(tmp_path, files, "name-variant") == []


def test_a_price_with_two_digits_swapped_is_reported(tmp_path):
    files = {"a.txt": "The Lumo tablet costs 549 euros in France, its maker said.",
             "b.txt": "In Germany the Lumo tablet costs 459 euros, its maker said."}
    (f,) = found(tmp_path, files, "value-conflict")
    assert f["details"].get("transposed_digits") is True and f["severity"] == "warning"
    # other digits: no swap
    files["b.txt"] = "In Germany the Lumo tablet costs 489 euros, its maker said."
    assert not any(f["details"].get("transposed_digits") for f in audit_texts(
        tmp_path / "other", {k: f"Story\n\n{v}\n" for k, v in files.items()})[0])
    # one page giving both figures gives two prices, not one copied wrong
    files["b.txt"] = "The Lumo tablet costs 459 euros, or 549 euros with a keyboard."
    assert not any(f["details"].get("transposed_digits") for f in audit_texts(
        tmp_path / "both", {k: f"Story\n\n{v}\n" for k, v in files.items()})[0])


def test_a_misspelt_place_written_without_a_cue_is_reported(tmp_path):
    files = {"a.txt": "The final was played in Rotterdam on Saturday. Rotterdam was full.",
             "b.txt": "Fans filled the stadium in Rotterdam on Saturday.",
             "c.txt": "The team's campaign ended in the dusk of Rottardam on Saturday."}
    (f,) = found(tmp_path, files, "name-variant")
    assert "Rottardam" in f["message"] and "place" in f["message"]
    # a place named once is no anchor for a near miss
    files["a.txt"] = "The final was played on Saturday."
    assert found(tmp_path / "once", files, "name-variant") == []


@pytest.mark.parametrize("a, b, grammar", [
    ("No smoke was seen at the depot tonight", "No smoke seen at the depot tonight", True),
    ("We respect the panel and the outcome of its ruling",
     "We respect the panel and the outcome of the ruling", False),
    ("You have been found guilty of fraud", "You are found guilty of fraud", True),
    ("the crew stayed on board and the pilots too", "the crew stayed onboard & the pilots too",
     True),
    ("It is harder to wait than play now", "It is harder to wait than playing now", True),
    ("we will never give in to them", "we will never give up to them", False),
    ("We will win the vote", "We would win the vote", False),
    ("a deeply unfair ruling", "an unfair ruling", False),
    # a complementiser dropped; "that" for "the" or "this" is another word
    ("we are looking to make certain that we get paid for what it cost us",
     "we are looking to make certain we get paid for what it cost us", True),
    ("we said that case was closed and we moved on",
     "we said the case was closed and we moved on", False),
    ("we said that case was closed and we moved on",
     "we said this case was closed and we moved on", False),
])
def test_quotes_that_differ_in_grammar_words_only_are_told_apart(a, b, grammar):
    diff, changed = word_diff(a, b)
    assert changed >= 1 and grammar_only(diff) is grammar


def test_a_statement_quoted_with_its_grammar_mended_is_information(tmp_path):
    files = {"a.txt": "“No smoke was seen at the depot tonight,” the operator said on Monday.",
             "b.txt": "“No smoke seen at the depot tonight,” the operator said on Monday."}
    assert found(tmp_path, files, "quote-drift") == []
    files["b.txt"] = "“No flames were seen at the depot tonight,” the operator said on Monday."
    assert len(found(tmp_path / "reworded", files, "quote-drift")) == 1


def test_a_clause_of_another_language_names_no_actor_of_a_count():
    # the English actor reading ("Acme said it would cut 900 jobs") must not cross a Spanish
    # clause: the place a jury sat in is not whose counts these are
    (c,) = run(counts, "Un jurado de Nueva Orleans lo condenó por fraude y ocho cargos de robo.")
    assert c.value["holder"]["gets"] == []
    (c,) = run(counts, "Acme Corp said it would cut 900 jobs.")
    assert c.value["holder"]["gets"] == ["acme"]


# --- lessons of held-out set 27 ------------------------------------------------------------------

def test_people_rescued_and_people_taken_to_hospital_are_not_one_toll(tmp_path):
    """A story in Spanish gives how many were pulled out alive and another how many went to
    hospital: two groups, not two tolls of one group."""
    files = {"a.txt": "El jefe de bomberos informó que 57 personas fueron rescatadas con vida.",
             "b.txt": "El jefe de bomberos informó que 23 personas han sido trasladadas a "
                      "centros hospitalarios."}
    assert found(tmp_path, files, "value-conflict") == []


@pytest.mark.parametrize("text, amount", [
    ("Das Modell kostet ab 184.900 Yuan und ist damit günstiger.", 184900),
    ("Der Einstiegspreis liegt bei 41.250 Euro.", 41250),
    ("The base model costs 184,900 yuan.", 184900),
    ("Petrol reached $3.499 a gallon in the state.", 3.499),
    ("The company raised 1.250 billion euros.", 1_250_000_000),
])
def test_a_dot_before_three_digits_of_a_continental_price_is_a_thousands_separator(text, amount):
    (c,) = run(money, text)
    assert c.value["amount"] == pytest.approx(amount)


def test_a_continental_price_agrees_with_its_english_writing(tmp_path):
    files = {"a.txt": "Das Modell kostet ab 184.900 Yuan, sagte der Hersteller.",
             "b.txt": "The model starts at 184,900 yuan, the maker said.",
             "c.txt": "The model starts at 184,900 yuan, the company said on Thursday."}
    assert found(tmp_path, files, "value-conflict") == []


def test_according_to_a_paper_after_a_quote_that_someone_said_names_the_reporter_not_the_speaker():
    text = ("As the hearing closed, Judge Tamsin Orrell said, “this matter ends here in this "
            "room today,” according to The Ledger. “You may leave as a free man, and I wish "
            "you well in what comes next.”")
    (q,) = pipeline(text, "quote")
    assert q.value["speaker"] == "Tamsin Orrell"
    (q,) = pipeline("“We will rebuild every school in the valley,” according to Mayor Lena Voss.",
                    "quote")
    assert q.value["speaker"] == "Lena Voss"


# --- lessons of held-out set 28 ------------------------------------------------------------------

def test_a_total_and_its_firm_part_are_no_conflict_when_a_page_states_the_other_part(tmp_path):
    """One page gives the firm order and the options, and quotes a manager on the whole order;
    the others give the firm order only."""
    files = {
        "a.txt": "The carrier ordered 220 aircraft from the two makers on Tuesday.",
        "b.txt": "The order comprises 220 firm aircraft and 150 options over ten years. "
                 "“This order of 370 aircraft is a landmark,” the manager said.",
        "c.txt": "The carrier ordered 220 aircraft on Tuesday, officials said.",
    }
    assert found(tmp_path, files, "value-conflict") == []


def test_two_counts_without_a_stated_part_still_conflict(tmp_path):
    files = {
        "a.txt": "The carrier ordered 220 aircraft from the two makers on Tuesday.",
        "b.txt": "The carrier ordered 370 aircraft from the two makers on Tuesday.",
        "c.txt": "The carrier ordered 220 aircraft on Tuesday, officials said.",
    }
    assert [f["class"] for f in found(tmp_path, files, "value-conflict")] == ["value-conflict"]


def test_a_page_age_printed_by_the_site_is_no_duration_of_the_story():
    text = "Advertisement\n\nThis was published 7 months ago\n\nThe count went on overnight."
    assert [c for c in run(times, text) if c.value.get("type") == "duration"] == []
    (c,) = [c for c in run(times, "The plant closed 7 months ago, officials said.")
            if c.value.get("type") == "duration"]
    assert c.value["n"] == 7


def test_a_people_in_the_plural_and_german_nouns_are_no_side_mentions_of_people():
    def names(text: str) -> list[str]:
        return [d.value["name"] for d in mentions.extract(Context(text=text), 0, len(text))]

    assert names("The vote would recognise Indigenous Norwegians in the charter.\n") == []
    assert names("Zuletzt meldete das Unternehmen einen Verlust, teilte die Firma mit.\n") == []
    assert names("Sie vermietet Räume an Gründer und Unternehmer in der Stadt.\n") == []
    assert names("The deal was signed by Pellmann and the board in Berlin.\n") == ["Pellmann"]


def test_a_place_before_a_count_of_people_is_no_person_with_an_age():
    assert pipeline("Likewise, in Dorn Valley, 52 people have died.", "person") == []
    (p,) = pipeline("Ada Brill, 41 was hurt in the blast.", "person")
    assert p.value["age"] == 41


def test_a_full_name_one_letter_off_the_surname_a_quote_is_credited_to_is_a_variant(tmp_path):
    """A page names the manager in full once with a doubled letter and credits a quote to the
    surname alone without it: one person spelt two ways."""
    files = {"a.txt": "The talks were confirmed by Davin Morrison on Monday. "
                      "“It is a big day for the firm,” Morison said after the signing."}
    got = found(tmp_path, files, "name-variant")
    assert [sorted(v["value"] for v in f["values"]) for f in got] == [
        ["Davin Morrison", "Morison"]]


def test_a_vowel_added_by_another_outlet_is_a_romanisation_a_doubled_letter_is_not(tmp_path):
    """Outlets write a name romanised from another script with a vowel added inside a pair of vowels;
    no page writes both: info, not a misspelling to fix. A consonant doubled by one outlet
    ("Pushhpa"-like) stays a misspelling."""
    def files(one: str, other: str) -> dict[str, str]:
        return {"a.txt": f"Minister {one} said the talks would resume on Monday.",
                "b.txt": f"Minister {one} met envoys in the capital on Monday.",
                "c.txt": f"Minister {other} said talks would resume on Monday."}
    assert found(tmp_path / "a", files("Hossein Raisani", "Hossein Raeisani"),
                 "name-variant") == []
    got = found(tmp_path / "b", files("Hossein Daroudi", "Hossein Darroudi"), "name-variant")
    assert [f["severity"] for f in got] == ["error"]


# --- lessons of held-out set 29 ------------------------------------------------------------------

def test_a_hyphen_in_a_given_name_is_style_but_the_surname_beside_it_is_compared(tmp_path):
    files = {"a.txt": "Governor Anne-Marie Velasi said 40 people were aboard the ferry.",
             "b.txt": "Governor Anne Marie Velusi said 40 people were aboard the ferry.",
             "c.txt": "Governor Anne Marie Velusi gave the figure on Friday."}
    got = found(tmp_path / "a", files, "name-variant")
    assert [sorted(v["value"] for v in f["values"]) for f in got] == [
        ["Anne Marie Velusi", "Anne-Marie Velasi"]]
    files["a.txt"] = "Governor Anne-Marie Velusi said 40 people were aboard the ferry."
    assert found(tmp_path / "b", files, "name-variant") == []


# --- lessons of held-out set 30 ------------------------------------------------------------------

def test_an_employer_and_a_lower_case_job_before_the_name_credit_the_name(tmp_path):
    """After "said", the club's name and a job word the vocabulary may not know come before the
    speaker: the words are the manager's on both pages, not the club's on one."""
    words = "She has real pace and has been racing at a high level for a number of seasons now"
    files = {"a.txt": f"Rovers signed Lena Ortiz.\n\n“{words},” said Rovers manager Dana Kwell.",
             "b.txt": f"Rovers signed Lena Ortiz. Manager Dana Kwell added: “{words}.”"}
    assert found(tmp_path, files, "attribution-change") == []
    assert figures(quotes, f"“{words},” said Rovers manager Dana Kwell.")[0]["speaker"] == (
        "Dana Kwell")


def test_a_group_among_the_dead_takes_the_toll_state(tmp_path):
    """A headline gives a nationality "among 41 dead" early; a later page gives the same group's
    count as identified: successive tolls, compared only within one page."""
    assert figures(counts, "Thirty Peruvians among 41 dead in tower fire")[0]["state"] == "killed"
    assert figures(counts, "Three Chileans were among the injured.")[0]["state"] == "injured"
    assert figures(counts, "Five firms are among the bidders.")[0].get("state") is None
    files = {"a.txt": "Thirty Peruvians among 41 dead in tower fire\n\nThe fire broke out on "
                      "Wednesday in a tower housing workers.",
             "b.txt": "A plane carrying the remains of the 35 Peruvians killed in the tower fire "
                      "left on Friday.",
             "c.txt": "The remains of the 35 Peruvians who died in the fire were flown home."}
    assert found(tmp_path, files, "value-conflict") == []


def test_a_vowel_said_again_after_an_h_is_a_romanisation(tmp_path):
    files = {"a.txt": "Interior Minister Sheikh Fahad Al-Nouri visited the site on Thursday.",
             "b.txt": "Sheikh Fahd Al-Nouri ordered an inquiry into the fire on Thursday.",
             "c.txt": "Sheikh Fahd Al-Nouri, the interior minister, ordered arrests."}
    assert found(tmp_path / "a", files, "name-variant") == []
    files = {"a.txt": "Coach Amara Velsen praised the squad on Thursday.",
             "b.txt": "Coach Amara Velesen praised the squad on Thursday."}
    assert [f["severity"] for f in found(tmp_path / "b", files, "name-variant")] == ["error"]


def test_whole_decades_are_a_round_length(tmp_path):
    files = {"a.txt": "The bank cut its rate from 5.3 percent, the highest level in two decades.",
             "b.txt": "The bank cut its rate from 5.3 percent, the highest level in 23 years."}
    assert found(tmp_path / "a", files, "time-conflict") == []
    files["b.txt"] = "The bank cut its rate from 5.3 percent, the highest level in 31 years."
    assert [f["severity"] for f in found(tmp_path / "b", files, "time-conflict")] == ["error"]


def test_a_name_cut_at_the_end_of_a_copied_page_is_no_misspelling(tmp_path):
    """A page copied up to a length limit stops inside the speaker's name: the start of the
    name is no misspelling of it (info); the same letters inside the page stay an error."""
    story = ("Stanford receives $1.1 billion gift\n\nStanford University has announced a $1.1 "
             "billion commitment from Lena and Tom Marsh. In the statement, Stanford said the new "
             "school will house 90 faculty. The gift is the largest in Stanford history.\n\n")
    files = {"a.txt": story + "“It is a great day for the planet,” said Stanfor",
             "b.txt": story + "“It is a great day for the planet,” said Stanford President Ada Kim.",
             "c.txt": story}
    got, _ = audit_texts(tmp_path / "a", files)
    assert [(f["severity"], f["details"].get("cut_off")) for f in got
            if f["class"] == "name-variant"] == [("info", True)]
    files["a.txt"] = story + "“It is a great day for the planet,” said Stanfor. The school opens soon."
    got, _ = audit_texts(tmp_path / "b", files)
    assert [f["severity"] for f in got if f["class"] == "name-variant"] == ["error"]


def test_a_one_word_organisation_misspelt_alone_or_read_once(tmp_path):
    """The words written alone are untyped side mentions; an organisation read once with a cue
    ("X Chairman") or named twice ties them: one word one letter off is its misspelling."""
    base = ("Shares of Sarvona rose on Monday. Analysts said Sarvona would list in Riyadh, "
            "where Sarvona plans to sell 2 percent.\n\n")
    files = {"a.txt": base + "“We are ready,” Sarvoma Chairman Omar Haddad said on Wednesday.",
             "b.txt": base + "Investors expect Sarvona to raise $25 billion.",
             "c.txt": base}
    got = found(tmp_path / "a", files, "name-variant")
    assert [sorted(v["value"] for v in f["values"]) for f in got] == [["Sarvoma", "Sarvona"]]
    files = {"a.txt": "Julian Reyes, the founder of Leakstone, pleaded guilty on Wednesday.",
             "b.txt": "The Leakstone founder Julian Reyes pleaded guilty. Leakstone published files.",
             "c.txt": "Julian Reyes, il fondatore di Leakstonne, ha patteggiato mercoledì."}
    got = found(tmp_path / "b", files, "name-variant")
    assert [sorted(v["value"] for v in f["values"]) for f in got] == [["Leakstone", "Leakstonne"]]
    # a plural's s is no misspelling of a one-word name
    files["c.txt"] = "Julian Reyes met the Leakstones on Wednesday."
    assert found(tmp_path / "c", files, "name-variant") == []


def test_the_subject_of_a_sentence_ending_in_saying_is_the_speaker(tmp_path):
    """"X questioned him ..., saying at one point: “…”": the sentence's subject speaks, named
    or as a role the page named before; two wordings of the words are then compared."""
    a = ("Magistrate Judge Ann B. Kova questioned Lee to make sure he understood the deal, saying "
         "at one point, “You knew you had no checks in place at all.”")
    b = ("Judge Ann Kova heard the plea on Tuesday.\n\nThe judge questioned Lee to make sure he "
         "understood the deal, saying at one point: \"You knew you did not have checks in place "
         "at all.\"")
    assert [q["speaker"] for q in figures(quotes, a)] == ["Ann B. Kova"]
    assert [q["speaker"] for q in figures(quotes, "The crowd cheered, chanting: “We want more "
                                          "of this right now.”")] == [None]
    got = found(tmp_path, {"a.txt": a, "b.txt": b}, "quote-drift")
    assert len(got) == 1


def test_storeys_of_the_burnt_building_are_compared(tmp_path):
    """One page gives the burnt building a storey more than the others: a misstated height.
    A neighbouring building's height and a floor number are not the building's height."""
    assert [(f["value"], f["written"]) for f in figures(
        storeys, "The fire gutted a 6-storeyed building; a neighbouring 9-storey block was "
                 "evacuated. He lived on the fourth floor.")] == [(6.0, "6-storeyed")]
    assert figures(storeys, "Two 10-storey buildings burned.") == []
    files = {"a.txt": "A fire broke out in a six-storey building in Farwan on Wednesday.",
             "b.txt": "The blaze engulfed a seven-storey building in Farwan on Wednesday.",
             "c.txt": "Fire swept through a 6-storey residential building in Farwan."}
    got = found(tmp_path / "a", files, "measurement-conflict")
    assert len(got) == 1
    assert sorted(v["value"].split("(")[1] for v in got[0]["values"]) == [
        "6 storeys)", "7 storeys)"]
    files["b.txt"] = "The blaze engulfed a six-storey building in Farwan on Wednesday."
    assert found(tmp_path / "b", files, "measurement-conflict") == []


# --- lessons of held-out set 31 ------------------------------------------------------------------

def test_an_acronym_written_with_full_stops_is_an_alias(tmp_path):
    """Some papers write an acronym with full stops ("the N.R.B."): the same alias as "NRB"."""
    files = {"a.txt": "Ada Moll, the president of the Northern Reserve Bank, said rates would "
                      "fall on Thursday.",
             "b.txt": "Tor Lund, the chief economist of the NRB, said on Thursday that more cuts "
                      "may follow.",
             "c.txt": "Ada Moll, the president of the N.R.B., spoke on Thursday in Oslo."}
    assert found(tmp_path, files, "name-variant") == []


def test_every_row_of_a_breakdown_takes_the_tolls_state(tmp_path):
    """"17 Chinese, five Koreans and one Laotian were among the dead": each row is a toll, and a
    later page's count of one row is a successive toll, not a conflict."""
    got = figures(counts, "Seventeen Chinese workers, five South Koreans and one Laotian were "
                          "among the dead.")
    assert [(f["n"], f["state"]) for f in got] == [(17, "killed"), (5, "killed"), (1, "killed")]
    got = figures(counts, "The plane carried 120 passengers, six infants, two pilots and four "
                          "crew.")
    assert [f.get("state") for f in got] == [None, None, None, None]
    files = {"a.txt": "The dead included 18 Chinese, two South Koreans and one Laotian, a fire "
                      "official said on Monday.",
             "b.txt": "Among the deceased were two South Koreans, officials said on Monday.",
             "c.txt": "Seventeen Chinese workers, five South Koreans and one Laotian were among "
                      "the dead, the province said on Friday."}
    assert found(tmp_path, files, "value-conflict") == []


def test_a_group_named_after_among_the_dead_takes_its_state():
    got = figures(counts, "Among the 23 fatalities, 18 were foreigners, including 17 Chinese "
                          "nationals and one Laotian.")
    assert [(f["n"], f["state"]) for f in got] == [(23, "killed"), (17, "killed"), (1, "killed")]
    got = figures(counts, "Officials said that among the deceased were 18 Chinese workers.")
    assert [(f["n"], f["state"]) for f in got] == [(18, "killed")]
    got = figures(counts, "Among the victims, 20 are foreign, including 18 Chinese nationals.")
    assert [(f["n"], f.get("state")) for f in got] == [(18, None)]


# --- lessons of held-out set 32 ------------------------------------------------------------------

def test_a_weekday_without_its_year_is_checked_in_the_storys_year(tmp_path):
    """A page that drops the year ("on Friday, July 25") is checked in the one year the other
    pages write for that month: a warning, since the year is borrowed."""
    base = {"a.txt": "The dairy recalled its cheese on Friday, July 26, 2024, after a sample "
                     "from the Marlow plant tested positive for listeria.",
            "c.txt": "Regulators said on July 30, 2024 that the Marlow plant would stay shut."}
    wrong = {**base, "b.txt": "The dairy said that on Friday, July 25, it began a voluntary "
                              "recall of its cheese from the Marlow plant."}
    got = found(tmp_path / "wrong", wrong, "date-weekday")
    assert [(f["severity"], f["details"]["date"], f["details"]["actual"]) for f in got] == [
        ("warning", "2024-07-25", "Thursday")]
    right = {**base, "b.txt": "The dairy said that on Friday, July 26, it began a voluntary "
                              "recall of its cheese from the Marlow plant."}
    assert found(tmp_path / "right", right, "date-weekday") == []
    # two years written for the month: no year to borrow
    two = {**wrong, "d.txt": "The Marlow plant had a similar recall on July 3, 2023, the dairy "
                             "said."}
    assert found(tmp_path / "two", two, "date-weekday") == []
    # one page's written day (a past hearing in a caption) is no year for the story
    alone = {"a.txt": wrong["a.txt"], "b.txt": wrong["b.txt"],
             "c.txt": "Regulators said the Marlow plant would stay shut for now."}
    assert found(tmp_path / "alone", alone, "date-weekday") == []


@pytest.mark.parametrize("text", [
    "Ada Moll was sentenced on Thursday (July 14, 2022) in Marlow.",
    "Ada Moll was sentenced on Thursday (14 July 2022) in Marlow.",
])
def test_a_date_in_brackets_after_its_weekday_is_checked(text):
    got = [c for c in run(dates, text) if c.value.get("weekday")]
    assert [(c.value["iso"], c.value["weekday_ok"]) for c in got] == [("2022-07-14", True)]


SPANISH = ("El Instituto Nacional Electoral (INE) informó el lunes que la participación fue de casi "
           "el sesenta por ciento, según el conteo rápido de la noche del domingo. Los resultados "
           "oficiales se conocerán a lo largo de la semana, cuando terminen los cómputos en "
           "todos los distritos del país.")
PORTUGUESE = ("O Instituto Nacional Eleitoral (INE) informou na segunda-feira que a participação foi "
              "de quase sessenta por cento, segundo a contagem rápida da noite de domingo. Os resultados "
              "oficiais serão conhecidos ao longo da semana, quando terminarem as contagens em "
              "todos os distritos do país.")


def test_an_organisations_name_in_another_language_is_no_misspelling(tmp_path):
    """A Portuguese page writes a Mexican institute's name in Portuguese ("Eleitoral"): one word
    of the name in its language's form, on a page in another language, is information; the same
    name opening with "Instituto" is never a person."""
    files = {"a.txt": SPANISH, "b.txt": SPANISH.replace("casi el sesenta", "casi sesenta"),
             "c.txt": PORTUGUESE}
    assert found(tmp_path, files, "name-variant") == []
    assert [c.value["name"] for c in run(mentions, SPANISH)] == []
    assert [c.value["name"] for c in run(mentions, SPANISH.replace(" (INE)", ""))] == []
    # the same slip on a page in the name's own language stays a misspelling
    files = {"a.txt": SPANISH, "b.txt": SPANISH.replace("casi el sesenta", "casi sesenta"),
             "c.txt": SPANISH.replace("Electoral", "Eleitoral")}
    got = found(tmp_path / "same", files, "name-variant")
    assert [f["values"][0]["value"] for f in got] == ["Instituto Nacional Eleitoral"]


def test_a_lead_shown_as_a_summary_and_again_keeps_its_article_copy(tmp_path):
    """A page copied as text repeats its first paragraph (the summary line, then the lead):
    the second copy is the article's, so its figures are compared (here: reported as stated by
    that page alone); a paragraph shown twice with article text between stays furniture."""
    from tests.extracting import audit_texts

    lead = ("The Marlow council approved a budget of $14 million for the new harbour bridge on "
            "Wednesday, after two years of talks with the port authority and the ferry operators")
    rest = "Work on the bridge starts in the spring, the mayor said."
    others = {"b.txt": "Story\n\nThe Marlow council approved the harbour bridge on Wednesday, "
                       "the mayor said.\n"}

    def compared(a_text: str) -> list[str]:
        got, _ = audit_texts(tmp_path / str(len(a_text)), {"a.txt": a_text, **others})
        return [v["value"] for f in got for v in f["values"] if "14" in str(v["value"])]

    assert compared(f"Story\n\n{lead}\n\n{lead}.\n\n{rest}\n") != []
    assert compared(f"Story\n\n{lead}.\n\n{rest}\n\n{lead}.\n") == []


def test_names_that_differ_only_in_a_number_are_two_of_a_series(tmp_path):
    """"COP27" is last year's conference, not "COP28" misspelt: a number differing in a name
    names another of the series."""
    from audit.resolve.names import near_token

    assert not near_token("cop27", "cop28") and not near_token("artemis2", "artemis3")
    assert near_token("hartmann", "hartman") and near_token("marlowe", "marlove")
    files = {"a.txt": "The Conference of Parties 28 (COP28) Presidency reached its first goal on "
                      "Thursday in Dubai.\n\n“Getting this fund working within a year of the deal in "
                      "Egypt [at COP27] is a first,” Ada Moll said.",
             "b.txt": "Delegates at COP28 agreed the fund on Thursday, a year after COP27 in Egypt "
                      "first backed the idea.",
             "c.txt": "COP28 opened in Dubai on Thursday with a deal on the fund."}
    assert found(tmp_path, files, "name-variant") == []


# --- lessons of held-out set 33 ------------------------------------------------------------------

def test_two_statements_sharing_a_phrase_and_its_grammar_are_not_one_quote():
    """"worst natural disaster of the century" and "the biggest natural disaster of the recent
    history of our country" share "natural disaster of the": most of the first quote, but only
    half of its words that say something. A quote with one word changed is still one."""
    from audit.resolve.utterances import same_utterance

    assert not same_utterance("worst flood disaster of the decade",
                              "the largest flood disaster of the modern history of our region")
    assert same_utterance("the worst flood disaster of the decade",
                          "the worst flood disaster of the century")
    assert same_utterance("We will rebuild every home that the river took from us",
                          "We will rebuild every house the river took from us")
    # a sentence reworded clause by clause is still one (the rule weighs phrases only)
    assert same_utterance(
        "As the town struggles to recover from a painful loss of jobs, our region faces a "
        "serious shortage of nurses, teachers and bus drivers, and yet the high price of "
        "training too often keeps young people from enrolling",
        "As the town grapples with a worrying fall in jobs, our area is facing a critical "
        "shortage of nurses, teachers and bus drivers. The steep price of training often stops "
        "able young people from signing up")


@pytest.mark.parametrize("text", [
    "The Marlovian Community said on Monday that 40 roads were shut.",
    "Rescuers in the Marlow Valley said on Monday that 40 roads were shut.",
])
def test_a_region_named_like_a_person_is_no_person(text):
    assert [c.value["name"] for c in run(mentions, text)] == []


def test_a_declined_name_on_a_page_in_a_declining_language_is_information():
    """Polish declines names ("Bayeru Leverkusen": of Bayer): a case ending on pages in such a
    language is that language's form, not a misspelling; the same ending elsewhere is not."""
    from audit.check.checks.name_variant import DECLINING, case_ending

    assert case_ending("Bayeru Leverkusen", "Bayer Leverkusen")
    assert case_ending("Marlowa Rovers", "Marlow Rovers")
    assert not case_ending("Marlowe Rovers", "Marlow Town")
    assert not case_ending("Marlox Rovers", "Marlow Rovers")
    assert {"pl", "cs", "ru", "fi"} <= DECLINING and "en" not in DECLINING


POLISH = ("Ten były pomocnik Bayeru Leverkusen przeszedł do Marlow Rovers za rekordową kwotę. "
          "Klub z Anglii zapłacił ponad sto milionów funtów, a zawodnik podpisał kontrakt na pięć "
          "lat. Kibice czekali na ten transfer od wielu tygodni i cieszą się z decyzji zarządu.")
ENGLISH = ("The Bayer Leverkusen midfielder joined Marlow Rovers on Friday for a record fee. "
           "Bayer Leverkusen agreed the deal after weeks of talks, and Bayer Leverkusen fans "
           "said farewell to the player at the stadium on Saturday with a long ovation for him.")


def test_a_declined_club_name_on_a_polish_page_is_no_warning(tmp_path):
    """The declined form on the Polish page is information; the same form on an English page
    stays a warning."""
    files = {"a.txt": ENGLISH, "b.txt": ENGLISH.replace("Friday", "Friday evening"),
             "c.txt": POLISH}
    assert found(tmp_path / "pl", files, "name-variant") == []
    files["c.txt"] = ENGLISH.replace("The Bayer Leverkusen midfielder", "The midfielder of "
                                     "Bayeru Leverkusen").replace("Friday", "Friday night")
    got = found(tmp_path / "en", files, "name-variant")
    assert [(f["severity"], f["values"][0]["value"]) for f in got] == [
        ("warning", "Bayeru Leverkusen")]


@pytest.mark.parametrize("text, members", [
    ("The centre is funded by NSF, the National Institute of Standards and Technology and "
     "Contoso.", ["NSF", "National Institute of Standards and Technology", "Contoso"]),
    ("Its backers are the Securities and Exchange Commission, the Food and Drug Administration "
     "and Fabrikam.", ["Securities and Exchange Commission", "Food and Drug Administration",
                       "Fabrikam"]),
    # any other capitalised word after "and" opens the next member
    ("The centre is funded by Contoso and Fabrikam Labs.", ["Contoso", "Fabrikam Labs"]),
])
def test_an_organisation_named_with_and_inside_is_one_member(text, members):
    """"Standards and Technology", "Exchange Commission", "Food and Drug": after "and" a noun
    that ends such names continues the name instead of opening the list's next member."""
    from audit.extract import lists

    assert [c.value["members"] for c in run(lists, text)] == [members]


# --- lessons of held-out set 34 ------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [("Veneza", "Venezia"), ("Venecia", "Venezia"),
                                  ("Venedig", "Venice")])
def test_a_small_famous_city_named_in_two_languages_is_one_place(a, b):
    """GeoNames counts only the historic centre of some cities coverage names in many
    languages (Venice: about 51,000 people); their names in other languages are still one
    place's, not a misspelling. A surname pair stays apart."""
    from audit.resolve.gazetteer import same_place

    assert same_place(a, b)
    assert not same_place("Marrowby", "Marowby")


def _status(text: str) -> list[tuple[str, str | None]]:
    from audit.extract import people

    return [(c.value["name"], c.value.get("status")) for c in run(people, text)]


@pytest.mark.parametrize("text, status", [
    ("Former Democratic Ohio Sen. Paul Marrow was sentenced on Wednesday.", "former"),
    ("The former Republican Ohio Gov. Dana Whitcombe spoke on Monday.", "former"),
    ("Ohio Sen. Paul Marrow was sentenced on Wednesday.", None),
    ("Ex-Ohio Sen. Paul Marrow was sentenced on Wednesday.", "former"),
    # the status word belongs to someone else's title, or is cut off by a function word
    ("A former aide to Sen. Paul Marrow was sentenced on Wednesday.", None),
    ("Two former staff and Sen. Paul Marrow were sentenced on Wednesday.", None),
])
def test_a_status_word_reaches_over_a_party_or_a_place(text, status):
    """"former Democratic New Jersey Sen. X": the party and the state stand between the status
    word and the title, and the title is still former; "former aide to Sen. X" is the aide's."""
    got = [s for n, s in _status(text) if n == "Paul Marrow" or n == "Dana Whitcombe"]
    assert got == [status]


def test_then_is_the_title_at_the_time_told_of():
    from audit.resolve.roles import compare_roles

    assert _status("It was sent to then-Governor Dana Whitcombe in 2019.") == [
        ("Dana Whitcombe", "then")]
    assert _status("Then-Ohio Gov. Dana Whitcombe signed it.") == [("Dana Whitcombe", "then")]
    assert compare_roles(("Governor", None, "then"), ("Governor", None, "")) is None
    assert compare_roles(("Governor", None, "former"), ("Governor", None, "")) == "status"


SENTENCED = ("Former Senator Paul Marrow was sentenced on Wednesday to nine years in prison for "
             "taking bribes from two developers, the court in Dunmore said.")


def test_a_title_inside_a_quotation_is_not_weighed_for_its_status(tmp_path):
    """A witness's words "I never paid Senator Marrow" give the title he held when they were
    spoken: no status conflict with pages calling him former. Written by the reporter, the
    same plain title is one."""
    quoted = (SENTENCED + " One developer told the jury: \u201cI never paid Senator Paul Marrow "
              "a single dollar for his help.\u201d")
    files = {"a.txt": SENTENCED, "b.txt": SENTENCED.replace("Wednesday", "Wednesday evening"),
             "c.txt": quoted}
    assert found(tmp_path / "q", files, "role-conflict") == []
    files["c.txt"] = ("Senator Paul Marrow was sentenced on Wednesday to nine years in prison "
                      "for taking bribes from two developers, the court in Dunmore said.")
    got = found(tmp_path / "w", files, "role-conflict")
    assert [f["check"] for f in got] == ["role-conflict"]


@pytest.mark.parametrize("text, subject", [
    ("The final election results will be confirmed on March 14, officials said.", "date"),
    ("The snap election was held on February 23, officials said.", "election"),
    ("The launch date was set for November 10, the company said.", "launch"),
])
def test_a_noun_after_the_event_noun_heads_the_phrase(text, subject):
    """"the election results will be confirmed on March 14" dates the results, not the
    election; "launch date" is still the launch's."""
    assert [c.subject for c in run(dates, text)] == [subject]


@pytest.mark.parametrize("text, state", [
    ("Nine people were hurt, including two children, when the ferry struck the pier.",
     "injured"),
    ("The blast tore through the depot, killing at least 14 workers, including three "
     "children, fire officials said.", "killed"),
    ("The academy has 300 pupils, including 12 children from abroad.", None),
])
def test_a_part_of_a_stated_group_shares_its_state(text, state):
    """"15 people were injured, including two children" counts injured children; compared
    with "three children" killed on another page, it is another group."""
    assert [c.value.get("state") for c in run(counts, text)
            if c.value.get("measure") == "children"] == [state]


def test_two_sentences_opened_alike_are_two_statements():
    """A speaker who opens two sentences the same way ("Somewhere along the way, ...") said two
    things: sharing only the opening, each going on with words of its own, they are not one
    quote worded differently. A quote cut short, or going on briefly, still pairs."""
    from audit.resolve.utterances import same_utterance

    assert not same_utterance("At the end of the day, you chose the money over the town",
                              "At the end of the day, you forgot who elected you")
    # ... also when one quote says another sentence first
    assert not same_utterance("At the end of the day, you chose the money over the town",
                              "You had the trust of this town. At the end of the day, you "
                              "forgot who elected you")
    assert same_utterance("At the end of the day, you chose the money over the town",
                          "At the end of the day, you chose the money")
    assert same_utterance("At the end of the day, you chose the money over the town",
                          "At the end of the day, you chose the cash over the town")
    # a long shared opening with short tails of their own is still one statement
    assert same_utterance(
        "The council will spend four million on the harbour wall over five years",
        "The council will spend four million on the harbour wall, creating sixty jobs")


def test_an_apostrophe_moved_in_a_quote_mends_grammar_only():
    """"the defendants’ crimes" / "the defendant's crimes": one source's possessive, not
    another word in the speaker's mouth."""
    diff, changed = word_diff("the weight of the defendants’ crimes and the harm they did",
                              "the weight of the defendant's crimes and the harm they did")
    assert changed == 1 and grammar_only(diff)
    diff, _ = word_diff("the weight of the defendants’ crimes", "the weight of the witness’ crimes")
    assert not grammar_only(diff)


def test_an_article_another_language_adds_is_no_change():
    """Two French pages render one statement with and without an article ("des partenaires
    et des alliés" / "des partenaires et alliés"): no word of the speaker changed. English
    words spelled like another language's article are still words ("die")."""
    _, changed = word_diff("Nous sommes des voisins et des amis de longue date, et ce pacte compte",
                           "Nous sommes des voisins et amis de longue date, et ce pacte compte")
    assert changed == 0
    _, changed = word_diff("We will not die without a fight for this town",
                           "We will not give in without a fight for this town")
    assert changed > 0


ROUND_ONE = ("Voters in Marlovia went to the polls in the election on June 9, 2024, with two candidates "
             "going through, the electoral commission said.")
ROUND_TWO = ("Dana Whitcombe won the election held on June 23, 2024, taking 54 percent of the vote, the "
             "electoral commission said.")


def test_two_days_of_a_vote_held_in_rounds_are_information(tmp_path):
    """One page dates the first round, another the runoff, each as "the election": where a
    page of the story tells of the rounds, the two days are information. Without that, the
    same two days stay a warning."""
    files = {"a.txt": ROUND_ONE, "b.txt": ROUND_ONE.replace("said.", "said in a statement."),
             "c.txt": ROUND_TWO,
             "d.txt": "Turnout in Marlovia was 61 percent, the electoral commission said."}
    plain = found(tmp_path / "plain", files, "value-conflict")
    assert [sorted(v["value"] for v in f["values"]) for f in plain] == [
        ["2024-06-09", "2024-06-23"]]
    files["d.txt"] += " The runoff came two weeks after the first round."
    assert found(tmp_path / "rounds", files, "value-conflict") == []


@pytest.mark.parametrize("text, name", [
    ("The plant in Harlowby, VA closed on Friday.", "Harlowby, VA"),
    ("Workers gathered in Harlowby, TX on Monday.", "Harlowby, TX"),
    ("The plant in Harlowby, Va. closed on Friday.", "Harlowby, Va."),
])
def test_a_town_with_its_state_postal_code_is_a_place(text, name):
    """"Jarratt, VA": a state's two-letter postal code after a town is its region, as "Va."
    is, so the town's spelling is compared with other pages'."""
    from audit.extract import places

    assert [c.value["name"] for c in run(places, text)] == [name]


def test_a_capitalised_word_that_is_no_postal_code_is_no_region():
    from audit.extract import places

    got = [c.value for c in run(places, "Fine, OK, the coach said in Harlowby, OH.")]
    assert [v["name"] for v in got] == ["Harlowby, OH"]


def test_an_aside_left_out_of_a_quote_is_an_abridgement():
    """"At the end, and nobody knows when, you chose the money" / "At the end, you chose the
    money": the commas set the left-out words off as an aside. A word dropped without them
    ("brings in" / "brings") and an aside swapped for other words stay changes."""
    from audit.check.checks.quote_drift import aside_dropped

    def dropped(a: str, b: str) -> bool:
        return aside_dropped(word_diff(a, b)[0], a, b)

    assert dropped("At the end, and nobody knows when, you chose the money over the town",
                   "At the end, you chose the money over the town")
    assert dropped("At the end you chose the money over the town",
                   "At the end \u2014 nobody knows when \u2014 you chose the money over the town")
    assert dropped("At the end (and nobody knows when) you chose the money over the town",
                   "At the end you chose the money over the town")
    assert not dropped("the merger brings in a wider footprint for the group",
                       "the merger brings a wider footprint for the group")
    assert not dropped("At the end, and nobody knows when, you chose the money over the town",
                       "At the end, sadly, you chose the money over the town")


# --- lessons of held-out set 35 ------------------------------------------------------------------

def test_a_verb_of_saying_capitalised_before_its_quotation_ends_the_name():
    """'Harbour Police Chief Dana Whitcombe Said "..."' (a transcript in title case): "Said"
    opens the quotation, it is no part of the name; a surname "Said" stays one."""
    from audit.extract import people

    text = 'Marlow Police Chief Dana Whitcombe Said "The fire was out by noon."'
    assert [c.value["name"] for c in run(people, text)] == ["Dana Whitcombe"]
    text = "Professor Edward Said wrote the foreword, the publisher said."
    assert [c.value["name"] for c in run(people, text)] == ["Edward Said"]


def test_the_pages_date_stamp_is_no_day_a_phrase_counts_from():
    """"date 2024-05-26 A day after the fire, the team met on Sunday": the stamp says when the
    page was written; the day "a day after" counts to is the one the sentence names."""
    from audit.extract import times

    text = ("date 2024-05-26 A day after the fire at the depot, the inquiry team met the "
            "mayor on Sunday.")
    rel = [c.value for c in run(times, text) if c.predicate == "relative"]
    assert rel and all(v["stated"] != "2024-05-26" and v["anchor"] != "2024-05-26" for v in rel)


@pytest.mark.parametrize("text, pct", [
    ("Contoso will cut about 15% of its workforce, the company said.", 15.0),
    ("The chipmaker announced a 15% head count reduction on Thursday.", 15.0),
    ("Contoso said it would lay off 9,000 employees, about 12% of its staff.", 12.0),
    # a share of staff that is no cut, and a cut in costs, are not read
    ("About 20% of its workforce are women, the report said.", None),
    ("It promised a 10% cut in staff costs by the end of the year.", None),
])
def test_the_share_of_staff_a_company_cuts_is_a_share(text, pct):
    """Layoff coverage states the share of the workforce cut and disagrees on it ("about 12%"
    against "15%"): a share named by its measure, compared like turnout."""
    from audit.extract import shares

    got = [c.value["pct"] for c in run(shares, text) if c.subject == "workforce cut"]
    assert got == ([pct] if pct is not None else [])


def test_two_shares_of_staff_cut_are_compared(tmp_path):
    base = ("Contoso will lay off 9,000 people, {} of its workforce, as sales slump, the "
            "company said on Thursday.")
    files = {"a.txt": base.format("15%"), "b.txt": base.format("15 percent").replace(
        "Thursday", "Thursday evening"), "c.txt": base.format("about 12%")}
    got = found(tmp_path, files, "value-conflict")
    assert [f["details"]["subject"] for f in got] == ["workforce cut"]


# --- lessons of held-out set 36 ------------------------------------------------------------------

def test_an_organisation_named_organisation_is_no_person():
    """"the head of the International Organisation for Migration's mission" (or the American
    "Organization"): an organisation's name, never a person's, so the two spellings are no
    misspelt person."""
    for word in ("Organisation", "Organization"):
        text = (f"The head of the International {word} for Migration's mission, Jo Reyes, "
                "said on Friday that roads were cut.")
        assert f"International {word}" not in [c.value["name"] for c in run(mentions, text)]


def test_the_arabic_article_romanised_two_ways_is_no_variant():
    from audit.resolve.names import classify

    assert classify("Abdel Karim el-Hadi", "Abdel Karim al-Hadi") == "romanised"
    assert classify("Karim el-Hadi", "Karim al-Hadi") == "romanised"
    # the article's vowel is no licence for a misspelt name
    assert classify("Abdel Karim al-Hadi", "Abdel Karim al-Hodi") == "spelling"


def test_an_arabic_name_with_a_consonant_doubled_is_information(tmp_path):
    """"Abu Hassan al-Rami" / "Abu Hasan al-Rami": outlets' romanisations of one Arabic name
    double a consonant or not; no error. A consonant doubled in another name ("Tillman" /
    "Tilman") stays a misspelling."""
    def pages(given: str, typo: str) -> dict[str, str]:
        line = "Minister {} opened the bridge on Monday, the ministry said."
        return {"a.txt": line.format(given), "b.txt": line.format(given),
                "c.txt": line.format(typo)}

    assert found(tmp_path, pages("Abu Hassan al-Rami", "Abu Hasan al-Rami"),
                 "name-variant") == []
    (f,) = found(tmp_path / "other", pages("Dana Tillman", "Dana Tilman"), "name-variant")
    assert f["severity"] == "error"


@pytest.mark.parametrize("a, b", [
    # the dots of an initialism are typography
    ("the first U.S. lender to admit to the charge", "the first US lender to admit to the charge"),
    # both quotes cut where their pages stop: compared on the shorter one's words
    ("It was not the day I hoped for, but in the first two sets my serve let me down badly",
     "It was not the day I hoped for, but in the first two sets m"),
])
def test_quote_wordings_that_differ_in_no_word(a, b):
    assert word_diff(a, b, a_prefix=True, b_prefix=True)[1] == 0
    assert word_diff(b, a, a_prefix=True, b_prefix=True)[1] == 0


def test_a_quote_cut_short_against_a_changed_one_still_counts_its_changes():
    # only the shorter side is cut: its own words against the other's
    a = "It was not the day I hoped for, but in the first two sets my serve let me down"
    b = "It was not the day I wanted, but in the first two sets m"
    assert word_diff(a, b, b_prefix=True)[1] == 2


@pytest.mark.parametrize("text, state", [
    ("An estimated 3,000 people are believed to be trapped under the mud.", "trapped"),
    ("About 40 miners are feared to be trapped underground.", "trapped"),
    ("The village, home to 3,895 people, lies below the ridge.", "residents"),
    ("The valley is home to about 4,000 people, the governor said.", "residents"),
])
def test_a_counted_groups_state_read_past_belief_and_residence(text, state):
    """"believed to be trapped": the group is trapped, "believed" says how sure the page is;
    "home to 3,895 people": the place's residents, not those the event struck."""
    assert figures(counts, text)[0]["state"] == state


def test_two_counts_joined_by_and_are_no_difference():
    """"Up to 300 people and more than 1,000 houses are believed buried": "more than" opens the
    second count, it makes no difference of the first."""
    text = "Up to 300 people and more than 1,000 houses are believed buried, an MP said."
    got = figures(counts, text)
    assert [g["n"] for g in got] == [300, 1000]
    assert all(g["frame"] == "event" for g in got)


# --- lessons of held-out set 37 ------------------------------------------------------------------

def test_a_compound_length_said_of_the_noun_after_it_is_that_things_length():
    """"shortening the 11 hour and 55-minute orbit to 11 hours and 23 minutes": the orbit's
    length before the change, one compound length held by the noun, not the event's."""
    from audit.extract import times

    text = "The impact shortened the 11 hour and 55-minute orbit to 11 hours and 23 minutes."
    got = [(c.value["seconds"], c.subject) for c in run(times, text)
           if c.predicate == "duration"]
    assert (11 * 3600 + 55 * 60, "") in got
    assert all(subject for secs, subject in got if secs == 11 * 3600 + 23 * 60)


@pytest.mark.parametrize("text, holder", [
    ("The runner-up, Ms Dana Hale, who secured 812,397 votes, conceded.", "ms dana hale"),
    ("Mr Orr won easily, beating Ms Hale who secured 811,518 votes.", "ms hale"),
    ("His rival, Conservative candidate Dana Hale, who trailed behind with 812,397 votes, "
     "conceded.", "dana hale"),
])
def test_a_relative_clause_names_who_won_the_votes(text, holder):
    got = [c.value["holder"]["gets"] for c in run(counts, text) if c.subject == "votes"]
    assert got and holder in got[-1]


def test_an_honorific_does_not_part_a_holder_from_their_full_name():
    from audit.check.comparable import canonical_names

    canon = canonical_names([{"gives": [], "gets": ["ms hale"]},
                             {"gives": [], "gets": ["dana hale"]}])
    assert canon["ms hale"] == canon["dana hale"]
    # two people of one surname: the bare surname joins neither
    canon = canonical_names([{"gives": [], "gets": ["ms hale"]},
                             {"gives": [], "gets": ["dana hale"]},
                             {"gives": [], "gets": ["ivo hale"]}])
    assert canon["ms hale"] not in (canon["dana hale"], canon["ivo hale"])


def test_the_common_side_converting_shows_the_odd_sides_slip(tmp_path):
    """"£25m (€29m)" on most pages and "€25 million" on one: the conversion says the euros
    should be 29 million, so the odd page's sign is wrong."""
    files = {"a.txt": "Harbour FC paid about £25m (€29m) for the winger in 2020.",
             "b.txt": "Harbour FC bought the winger for £25m in 2020, the club said.",
             "c.txt": "Harbour FC signed the winger for €25 million in 2020."}
    assert [f for f in found(tmp_path, files, "value-conflict") if f["check"] == "currency-slip"]


# --- lessons of held-out set 38 ------------------------------------------------------------------

def test_a_weekday_opening_a_quoted_name_is_no_day():
    """"the verdict in the 'Sunday Ticket' lawsuit": a product's name, not the day of the
    verdict; "on 'Thursday'" alone in quotes stays a day."""
    from audit.extract import dates

    for text in ("A judge overturned the verdict in the 'Sunday Ticket' lawsuit on appeal.",
                 "The suit was brought by “Monday Night” subscribers against the league."):
        assert [c for c in run(dates, text) if c.value.get("weekday")] == []
    got = run(dates, "The jury reached its verdict on 'Thursday' after a week.")
    assert [c.value["weekday"] for c in got] == ["Thursday"]


def test_parts_within_a_round_totals_last_digit_are_no_excess(tmp_path):
    """"$4.61 billion ... and $96.9 million" beside a total stated as "$4.7 billion": the round
    total is their sum rounded; parts beyond half its last digit still exceed it."""
    from audit.check.checks.arithmetic import rounding_slack

    assert rounding_slack(4_700_000_000) == 50_000_000
    assert rounding_slack(4_610_331_671.74) == 0
    total = "The jury awarded $4.7 billion in damages, the court said."
    files = {"a.txt": total, "b.txt": total,
             "c.txt": "The award splits into $4,610,331,671 for households and $96,928,272 "
                      "for bars and restaurants."}
    assert found(tmp_path, files, "arithmetic") == []
    files["c.txt"] = ("The award splits into $4,610,331,671 for households and $296,928,272 "
                      "for bars and restaurants.")
    assert found(tmp_path / "over", files, "arithmetic")


def test_an_acronym_defined_two_ways_is_one_organisation_misnamed(tmp_path):
    """"the National Road Traffic Safety Administration (NRTSA)" on most pages and "the National
    Road Transportation Safety Association (NRTSA)" on one: one body, its name garbled."""
    from audit.resolve.cluster import garbled_expansions

    assert garbled_expansions(["National Road Traffic Safety Administration",
                               "National Road Transportation Safety Association"])
    assert garbled_expansions(["European Central Bank", "England Cricket Board"]) == []
    line = ("Owners should park outside, the {} ({}) said on Wednesday after the recall of "
            "3.3 million cars.")
    right = line.format("National Road Traffic Safety Administration", "NRTSA")
    files = {"a.txt": right, "b.txt": right,
             "c.txt": line.format("National Road Transportation Safety Association", "NRTSA")}
    (f,) = found(tmp_path, files, "name-variant")
    assert "Transportation" in f["message"] and f["severity"] == "error"


@pytest.mark.parametrize("text, name, year", [
    ("Ada Brill was born on Jan. 30, 1930, in Tarnwick, Ohio, and enlisted at 16.",
     "Ada Brill", 1930),
    ("Ada Brill was born in Tarnwick, Ohio, in 1930, but grew up in the Midwest.",
     "Ada Brill", 1930),
    ("She retired in 2004. Born in 1931 in Tarnwick, Ohio, Brill endured a hard childhood.",
     "Brill", 1931),
    ("Born Ada Lee Brill in 1930 in Tarnwick, Ohio, Brill spent her early years on stage.",
     "Brill", 1930),
])
def test_a_birth_year_is_read_for_the_person_born(text, name, year):
    from audit.extract import untitled

    got = [(c.value["name"], c.value.get("born")) for c in run(untitled, text)
           if c.value.get("born")]
    assert got == [(name, year)]


@pytest.mark.parametrize("text", [
    "Ada Brill was born two years after her brother, who died in 1995.",
    "Ada Brill was born in Tarnwick and moved to Ohio when she was 12.",
])
def test_a_year_beyond_the_birth_clause_is_no_birth_year(text):
    from audit.extract import untitled

    assert [c for c in run(untitled, text) if c.value.get("born")] == []


def test_two_birth_years_of_one_person_are_reported(tmp_path):
    """Obituaries copy a birth year wrong ("Born in 1931" against "born on Jan. 30, 1930")."""
    files = {"a.txt": "Actor Ada Brill died on Monday. Brill was born on Jan. 30, 1930, in "
                      "Tarnwick.",
             "b.txt": "Actor Ada Brill died on Monday. Ada Brill was born in Tarnwick in 1930.",
             "c.txt": "Actor Ada Brill died on Monday. Born in 1931 in Tarnwick, Brill went on "
                      "to act in 80 films."}
    got = [f for f in found(tmp_path, files, "attribute-conflict")
           if f["details"].get("attribute") == "born"]
    assert len(got) == 1 and "1931" in got[0]["message"]
    files["c.txt"] = files["b.txt"]
    assert not [f for f in found(tmp_path / "same", files, "attribute-conflict")
                if f["details"].get("attribute") == "born"]


def test_the_day_someone_was_found_dead_is_one_happening(tmp_path):
    """Obituaries disagree on the day the person was found dead ("on Wednesday" / "on
    Thursday"): a happening of the story, compared across pages like a quake's day."""
    from audit.extract import dates

    got = run(dates, "The actor and his wife were found dead at their home on Thursday.")
    assert [c.value.get("event") for c in got] == ["found dead"]
    files = {"a.txt": "The actor Ada Brill was found dead on Wednesday at her home, police said.",
             "b.txt": "Police said Ada Brill was found dead at her home on Wednesday afternoon.",
             "c.txt": "Ada Brill and her husband were found dead at their home on Thursday."}
    got = found(tmp_path, files, "date-conflict")
    assert got and "Thursday" in got[0]["message"]


# --- lessons of held-out set 39 ---------------------------------------------------------------

@pytest.mark.parametrize("text, name, age", [
    ("The squall sank the ketch, drowning 61-year-old Danish shipowner Karl Vesterby.",
     "Karl Vesterby", 61),
    ("Karl Vesterby chartered the ketch. Vesterby, 61, the founder of Nordhav Lines, was "
     "aboard.", "Vesterby", 61),
])
def test_an_age_is_read_past_a_nationality_and_after_a_surname_named_before(text, name, age):
    from audit.extract import untitled

    got = [c.value for c in run(untitled, text)]
    assert [(v["name"], v.get("age")) for v in got] == [(name, age)], got


@pytest.mark.parametrize("text", [
    "Rovers beat Athletic at home. Athletic, 14, Rovers, 9.",
    "The flood reached Tarnwick on Monday. In Tarnwick, 52 people were rescued.",
])
def test_a_lone_word_with_a_number_is_no_age_unless_a_full_name_ends_with_it(text):
    from audit.extract import untitled

    assert not [c.value for c in run(untitled, text) if "age" in c.value]


def test_two_ages_of_one_man_given_in_those_shapes_conflict(tmp_path):
    got = found(tmp_path, {
        "a.txt": "The squall sank the ketch off Skagen, drowning 61-year-old Danish shipowner "
                 "Karl Vesterby and three crew.",
        "b.txt": "Karl Vesterby chartered the ketch for a week. Vesterby, 62, the founder of "
                 "Nordhav Lines, had sailed for forty years.",
        "c.txt": "Rescuers searched off Skagen for shipowner Karl Vesterby, 61, and his crew.",
    }, "attribute-conflict")
    assert len(got) == 1 and "62" in got[0]["message"], [f["message"] for f in got]


@pytest.mark.parametrize("text, tallies", [
    ("Dana Hale won the mayoralty with 812,397 votes to Ivo Brill's 701,220.",
     [("812,397", ["dana hale"]), ("701,220", ["ivo brill"])]),
    ("Dana Hale, who secured 812,397 votes to Brill's 701,220, was sworn in on Friday.",
     [("812,397", ["dana hale"]), ("701,220", ["brill"])]),
])
def test_a_tally_and_its_rivals_figure_each_keep_their_own_holder(text, tallies):
    """A race result written as one figure "to" a rival's: the rival is no recipient of the
    winner's votes, and the rival's figure is a count of the same noun, left unwritten."""
    got = [(f["exact"], f["holder"]["gets"], f["noun"] if "noun" in f else None)
           for f in figures(counts, text)]
    assert [(e, g) for e, g, _ in got] == tallies, got


def test_a_rivals_tally_misstated_on_one_page_conflicts(tmp_path):
    files = {
        "a.txt": "Dana Hale won the mayoralty with 812,397 votes to Ivo Brill's 701,220.",
        "b.txt": "The count ended late: Hale won the mayoralty with 812,397 votes to Ivo "
                 "Brill's 710,220, officials said.",
        "c.txt": "Ivo Brill finished with 701,220 votes, conceding to Dana Hale on Friday.",
    }
    got = found(tmp_path, files, "value-conflict")
    assert len(got) == 1 and "710220" in got[0]["message"], [f["message"] for f in got]


def test_a_gift_to_a_school_keeps_its_recipient():
    f = one(counts, "Acme gave 500 laptops to Tarnwick School.")
    assert f["holder"]["gets"] == ["tarnwick school"], f


# --- lessons of held-out set 40 ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["Saturday,  March 9 , 2019", "Saturday, 9 March , 2019"])
def test_a_date_with_a_space_before_its_comma_keeps_its_year(text):
    # a page's header as its HTML spaced it: the year is the stated one, not the page's own
    got = [v for v in figures(dates, text) if v.get("precision") == "day"]
    assert [v["iso"] for v in got] == ["2019-03-09"], got


def test_a_caption_printed_twice_is_not_its_own_anchor(tmp_path):
    # "on <day>, a day after <event>": the day stated is the anchor's next day. A caption
    # repeated with no stop between the copies must not measure from the other copy's day;
    # the same phrase with a wrong anchor in its own line is still an error.
    caption = ("Rescued miners arrive at the clinic in Tarnwick on June 4, 2021, a day after "
               "they were brought up")
    assert found(tmp_path / "twice", {
        "a.txt": f"{caption}\n{caption}.\n\nThe shaft collapsed on June 1, 2021.",
        "b.txt": "Nine miners were brought up from the Tarnwick shaft on June 3, 2021.",
    }, "relative-day") == []
    wrong = found(tmp_path / "wrong", {
        "a.txt": "The miners reached the clinic on Friday, two days after the shaft collapsed on "
                 "Monday.",
        "b.txt": "The Tarnwick shaft collapsed on Monday, trapping nine miners.",
    }, "relative-day")
    assert [f["severity"] for f in wrong] == ["error"], wrong


@pytest.mark.parametrize("a, b, kind", [
    ("Alexei Varlamov", "Alexey Varlamov", "romanised"),  # a Russian name's final short i
    ("Aleksei Varlamov", "Alexey Varlamov", "romanised"),  # ... and its "ks"
    ("Sergej Varlamov", "Sergei Varlamov", "romanised"),
    ("Corvane Theatre", "Corvane Theater", "regional"),  # a venue read as a person
    ("Emma Grey", "Emma Gray", "spelling"),  # two surnames, not one spelt two ways
    ("Kennedy Varlamov", "Kennedi Varlamov", "spelling"),  # a final y after a consonant
    ("Alexei Varlamov", "Alexei Varlomov", "spelling"),  # a vowel inside the name
    ("Lucia Benedei", "Lucia Benedey", "spelling"),  # a surname: an Italian name misspelt
])
def test_romanisations_of_russian_names_and_venues_read_as_people(a, b, kind):
    from audit.resolve.names import classify

    assert classify(a, b) == kind


def test_a_russian_name_romanised_two_ways_is_no_finding(tmp_path):
    # one page of four writes the given name's final letter as y: an error before
    assert found(tmp_path, {
        "a.txt": "The prisoner swap freed Ivan Torres and Mara Lind. The widow of Alexei "
                 "Varlamov welcomed the deal.",
        "b.txt": "The prisoner swap freed Ivan Torres and Mara Lind. The widow of Alexey "
                 "Varlamov welcomed the deal.",
        "c.txt": "Ivan Torres and Mara Lind were freed in the prisoner swap, which the widow of "
                 "Alexei Varlamov welcomed.",
        "d.txt": "Mara Lind and Ivan Torres were freed. Alexei Varlamov died in custody in "
                 "February.",
    }, "name-variant") == []


def test_a_headline_amount_and_the_lead_below_it_are_no_two_parts(tmp_path):
    # a headline with no stop, the lead on the very next line: one fine told twice
    assert found(tmp_path, {
        "a.txt": "Vantor must pay \u20ac2.3B fine over payments\nVantor lost its last appeal "
                 "against a \u20ac2.3 billion EU fine, the court ruled on Tuesday.",
        "b.txt": "Regulators fined Vantor \u20ac2.42 billion in 2019. The court upheld most of it.",
        "c.txt": "The EU fined Vantor \u20ac2.42 billion for abusing its payments market position.",
    }, "arithmetic") == []


@pytest.mark.parametrize("text", [
    "Deputies could only vote yes, with 290 votes needed for the motion to pass.",
    "In all 334 deputies backed the motion, above the required majority of 290 votes.",
])
def test_the_votes_a_motion_needs_are_no_tally(text):
    assert [v["aspect"] for v in figures(counts, text) if v["exact"] == "290"] == ["needed"]


def test_a_motions_threshold_and_its_tally_do_not_conflict(tmp_path):
    assert found(tmp_path, {
        "a.txt": "Deputies could only vote yes, with 290 votes needed for the motion to pass. "
                 "In all, 334 deputies voted in favour.",
        "b.txt": "The censure motion passed with 334 votes on Wednesday evening.",
        "c.txt": "A total of 334 deputies backed the motion, above the required majority of 290 "
                 "votes.",
    }, "value-conflict") == []


@pytest.mark.parametrize("text, names", [
    ("Actor Dorian Maddox, The Lighthouse - best actor", ["Dorian Maddox"]),
    ("Journalist Ewa Lindqvist, freed in the exchange", ["Ewa Lindqvist"]),
    ("Director Bryan Singer did not attend. Singer said nothing.", ["Bryan Singer", "Singer"]),
])
def test_what_a_person_is_before_the_name_is_no_part_of_it(text, names):
    got = [c.value["name"] for c in pipeline(f"Winners\n\n{text}\n", "mention")]
    assert got == names


def test_a_winner_misspelt_in_a_list_line_opened_by_what_he_is(tmp_path):
    got = found(tmp_path, {
        "a.txt": "Dorian Maddox won best actor for The Lighthouse.\n\nThe winners:\n\nActor Doria "
                 "Maddox, The Lighthouse - best actor\n\nActress Lena Ortiz, Saltwater - best "
                 "actress",
        "b.txt": "Dorian Maddox took best actor for The Lighthouse, and Lena Ortiz best actress.",
        "c.txt": "Best actor went to Dorian Maddox; Lena Ortiz won best actress for Saltwater.",
    }, "name-variant")
    assert any("'Doria Maddox'" in f["message"] for f in got), got


# --- lessons of held-out sets 41 and 42 ----------------------------------------------------------

def test_a_caption_with_no_stop_is_not_joined_to_the_paragraph_below_it():
    # the caption names the crash; the paragraph under it times the takeoff
    text = ("The jet that crashed near Lakemoor on Sunday\nThe Aurora Air jet took off from "
            "Brisco Field at 6:12 am local time and its last signal was received at 6:15 am, well before "
            "the crash, according to the tracking service and the airline's own statement.")
    assert [c.subject for c in pipeline(text, "time") if c.value["type"] == "clock"] == [
        "takeoff", "recei"]


def test_a_hard_wrapped_paragraph_is_still_read_as_one_sentence():
    text = ("The jet with 64 people on board came down near Lakemoor\non Sunday after it "
            "left Brisco Field, officials said.")
    view = unwrapped(text, [Zone("body", 0, len(text))])
    assert "\n" not in view and len(view) == len(text)


@pytest.mark.parametrize("sentence, event", [
    ("The jet took off at 6:12 a.m. and turned back.", "takeoff"),
    ("Its takeoff at 6:12 a.m. was normal.", "takeoff"),
    ("The jet crashed at 6:18 a.m. near Lakemoor.", "crash"),
])
def test_a_takeoff_is_its_own_event(sentence, event):
    assert [c.subject for c in pipeline(sentence, "time")] == [event]


def test_takeoff_and_crash_times_are_no_conflict(tmp_path):
    # a caption with no stop above the paragraph that times the takeoff
    assert found(tmp_path, {
        "a.txt": "The Aurora Air jet that crashed near Lakemoor on Sunday\nThe Aurora Air jet took "
                 "off from Brisco Field at 6:12 a.m. local time and the tracking service received "
                 "its last signal at 6:15 a.m., the airline said in a statement on Sunday.",
        "b.txt": "The crash happened at 6:18 a.m. local time, six minutes after takeoff.",
        "c.txt": "The jet crashed at 6:18 a.m. local time near Lakemoor, killing all 64 aboard.",
    }, "time-conflict") == []


def test_the_day_a_launch_was_first_planned_is_not_its_day(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The Seabird probe will lift off no earlier than 12:06 p.m. ET on Monday from pad "
                 "4, the agency said on October 13, 2024.\n\nThe probe was originally scheduled "
                 "to launch on Thursday, but a storm delayed it.",
        "b.txt": "The probe launched on Monday, October 14, 2024 from the coast.",
        "c.txt": "Seabird launched on Monday, October 14, 2024 after the storm passed.",
    }, "date-conflict") == []


def test_two_segments_rises_in_one_sentence_are_no_restatement(tmp_path):
    got, _ = audit_texts(tmp_path, {
        "a.txt": "Results\n\nHome segment sales grew 11% to $106 billion, while overseas segment "
                 "sales grew 14% to $41 billion.\n",
        "b.txt": "Quarter\n\nRevenue rose 13% in the quarter. Overseas segment sales grew 14%.\n",
        "c.txt": "Earnings\n\nOverseas segment sales grew 14%, the company said. Home segment sales "
                 "were up 11%.\n",
    })
    # c.txt states both in two sentences (at most information); a.txt's sentence lists them
    assert not [f for f in got if f["class"] == "value-conflict" and "a.txt" in f["message"]]


@pytest.mark.parametrize("sentence, subject", [
    ("Advertising revenue also surged 24% to $17.7 billion.", "advertising revenue rise"),
    ("Licensing revenue rose 8% in the quarter.", "licensing revenue rise"),
    ("Rising revenue climbed 13% on cloud demand.", "revenue rise"),
])
def test_a_business_named_before_a_measure_makes_it_a_part(sentence, subject):
    assert [c.subject for c in pipeline(sentence, "share")] == [subject]


@pytest.mark.parametrize("text, names", [
    ("Taking to Twitter Maren Lanther thanked the rescuers.", ["Maren Lanther"]),
    ("Lanther is chairman and chief executive of Norbank, a lender.", ["Lanther", "Norbank"]),
    ("March is the month the board meets.", []),
])
def test_a_platform_before_a_name_and_a_surname_that_holds_a_role(text, names):
    got = [c.value["name"] for c in pipeline(f"News\n\n{text}\n", "mention")]
    assert got == names


def test_a_given_name_one_letter_short_against_a_name_also_written_longer(tmp_path):
    # the owner is written twice as "Abiy Lanther" (once after the platform it spoke on) and
    # once with a further surname
    got = found(tmp_path, {
        "a.txt": "Prime Minister Abiy Lanther offered condolences to the families on Sunday.",
        "b.txt": "The jet crashed, Prime Minister Abiy Lanther Osei confirmed. Taking to Twitter "
                 "Abiy Lanther thanked the rescuers.",
        "c.txt": "O gabinete da primeira-ministra, Aby Lanther, expressou as condolencias.",
    }, "name-variant")
    assert any("'Aby Lanther'" in f["message"] for f in got), got


def test_a_surname_alone_misspelt_where_two_full_names_hold_it(tmp_path):
    got = found(tmp_path, {
        "a.txt": "Norbank founder Stefan Brandvold gave the gift. Brandvold said the humanities "
                 "matter.",
        "b.txt": "The gift came from Norbank co-founder Stefan K. Brandvold on Wednesday.\n\n"
                 "Brandvoldt is chairman and chief executive of Norbank, a lender.",
        "c.txt": "The donor, Stefan Brandvold, said the gift was historic. Brandvold smiled.",
    }, "name-variant")
    # against the name as most pages write it (the initial makes no fuller name)
    assert any("'Brandvoldt'" in f["message"] and "'Stefan Brandvold'" in f["message"]
               for f in got), got



# --- lessons of held-out set 43 ------------------------------------------------------------------

@pytest.mark.parametrize("text, cue", [
    ("The offer is up from $100 billion now – and from $250 billion proposed in a draft on "
     "Friday.", "proposed"),
    ("The union turned down the $30 million offered by the port authority.", "proposed"),
])
def test_an_amount_proposed_is_not_the_amount_agreed(text, cue):
    got = [c.value for c in pipeline(text, "money")]
    assert got[-1]["frame"] == "other" and got[-1]["frame_cue"] == cue


def test_an_amount_paid_stays_the_events():
    assert [c.value["frame"] for c in pipeline("The port authority will pay $30 million.",
                                                "money")] == ["event"]


def test_a_club_named_before_a_duration_is_not_its_event():
    text = ("Alder slammed the ball past Manchester United’s keeper with just 12 seconds on "
            "the clock.")
    assert [c.subject for c in pipeline(text, "time")] != ["unit"]


def test_whole_seconds_timed_by_two_outlets_one_apart_agree(tmp_path):
    assert found(tmp_path, {
        "a.txt": "Jon Alder scored the fastest goal in cup final history after 12 seconds.",
        "b.txt": "Alder scored after 13 seconds, the fastest goal in a final.",
        "c.txt": "City led after 13 seconds when Alder scored.",
    }, "time-conflict") == []


def test_a_word_cut_short_is_an_abbreviation_not_a_misspelling():
    from audit.resolve.names import classify

    assert classify("Manchester United", "Man United", "person") == "abbreviated"
    assert classify("University of Leeds", "Univ. of Leeds", "org") == "abbreviated"
    assert classify("Anna Hartmann", "Anna Hartman", "person") == "spelling"


# --- lessons of held-out set 44 ------------------------------------------------------------------

def test_the_late_queen_and_queen_by_name_do_not_differ_in_status(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The rite follows the death of his mother, Queen Maren II, last autumn.",
        "b.txt": "The guest list is shorter than at the late Queen Maren II's crowning in 1961.",
        "c.txt": "Queen Maren II was crowned in 1961 before 8,000 guests.",
    }, "role-conflict") == []


def test_a_former_title_against_the_sitting_one_still_differs(tmp_path):
    got = found(tmp_path, {
        "a.txt": "Former Economy Minister Ilse Brandvold conceded defeat on Sunday.",
        "b.txt": "Economy Minister Ilse Brandvold conceded defeat on Sunday night.",
        "c.txt": "Economy Minister Ilse Brandvold lost the run-off, officials said.",
    }, "role-conflict")
    assert got, "a serving minister called former is still reported"


# --- lessons of held-out set 45 ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Nine were freed under a four-day cease-fire deal.",
    "Captives were released on the first day of the four-day Norland-Vesk truce.",
])
def test_a_length_before_a_hyphenated_or_named_noun_is_that_things(text):
    assert [c.subject for c in pipeline(text, "time")] == [""]


def test_a_truces_length_and_the_days_of_releases_ahead_do_not_conflict(tmp_path):
    assert found(tmp_path, {
        "a.txt": "Thirteen were released on Friday under the terms of the four-day Norland-Vesk "
                 "truce, officials said.",
        "b.txt": "More captives are set to be released over the next two days, officials said.",
        "c.txt": "Captives were released on Friday, the first day of the truce.",
    }, "time-conflict") == []


def test_a_nations_people_in_a_list_are_no_organisation():
    text = "Thirteen were from Norland, with the rest made up of ten Thais and one Filipino."
    assert pipeline(text, "org_list") == []


@pytest.mark.parametrize("text, approx", [
    ("Fifty captives are to be released over four days.", "exact"),
    ("The siege lasted over four days.", "more_than"),
    ("He was held for over four days.", "more_than"),
])
def test_over_after_a_verb_spreads_across_a_length(text, approx):
    assert [c.value["approx"] for c in pipeline(text, "time")] == [approx]


def test_a_span_counted_from_the_pages_day_is_compared_with_nothing():
    text = "More captives are set to be released over the next two days."
    assert [c.subject for c in pipeline(text, "time")] == [""]


@pytest.mark.parametrize("line, age", [("Ilse Brandvold (45)", 45), ("Ilse Brandvold, 44", 44)])
def test_an_age_that_ends_a_list_line_is_read(line, age):
    text = f"The freed captives:\n\n{line}\n\nTomas Brandvold, 6\n"
    got = {c.value["name"]: c.value.get("age") for c in pipeline(text, "person")}
    assert got == {"Ilse Brandvold": age, "Tomas Brandvold": 6}


def test_two_ages_of_one_person_in_lists_of_two_pages_conflict(tmp_path):
    got, _ = audit_texts(tmp_path, {
        "a.txt": "Freed\n\nThe freed captives:\n\nIlse Brandvold (45)\n\nTomas Brandvold (5)\n",
        "b.txt": "Freed\n\nThe freed captives:\n\n  • Ilse Brandvold, 44; and Tomas Brandvold, 5.\n",
    })
    assert any(f["class"] == "attribute-conflict" and "Ilse Brandvold" in f["message"]
               for f in got), [f["message"] for f in got]


@pytest.mark.parametrize("text", [
    "The ferry sank close to the pier on Norvik Island, officials said.",
    "Water began filling the Great Lanther Dam on Tuesday.",
])
def test_an_island_or_a_dam_is_no_persons_name(text):
    assert pipeline(text, "mention") == []


# --- lessons of held-out set 46 ------------------------------------------------------------------

def test_an_island_named_in_another_language_is_no_person():
    names = [c.value["name"] for c in pipeline("Die Insel Rhodos brennt seit Tagen.", "mention")]
    assert not [n for n in names if "Rhodos" in n], names


def test_a_multi_word_countrys_adjective_is_that_country():
    from audit.resolve.countries import country_key
    from audit.resolve.names import classify

    assert country_key("Saudi Arabian") == country_key("Saudi Arabia") == "SAU"
    assert classify("Saudi Arabia", "Saudi Arabian", "org") == "country"


def test_an_adverb_mended_and_a_dimensions_x_read_out_are_no_rewording():
    from audit.resolve.utterances import word_diff

    diff, changed = word_diff("All stages performed normal. Both were injected.",
                              "All the stages performed normally. Both were injected.")
    assert changed == 1 and grammar_only(diff)
    assert word_diff("put them into a 356 km x 76 km orbit",
                     "put them into a 356 km by 76 km orbit")[1] == 0


def test_a_bare_dollar_beside_another_countrys_dollar_is_no_currency_slip(tmp_path):
    pages = {"a.txt": "The hackers demanded A$1.5 million from the telco, police said.",
             "b.txt": "The hackers asked for A$1.5 million in cryptocurrency.",
             "c.txt": "Hackers demanded $1.5 million from the telco on Tuesday."}
    assert not [f for f in found(tmp_path / "bare", pages, "value-conflict")
                if "two currencies" in f["message"]]
    pages["c.txt"] = "Hackers demanded US$1.5 million from the telco on Tuesday."
    assert [f for f in found(tmp_path / "marked", pages, "value-conflict")
            if "two currencies" in f["message"]]


def test_an_arabic_name_written_in_part_with_a_vowel_swapped_is_romanised(tmp_path):
    # the full name carries "bin": the lone given name's a/e is a romanisation, not a typo
    got = found(tmp_path, {
        "a.txt": "The buyer was Prince Bader bin Abdullah bin Farhan, the auction house said.",
        "b.txt": "Prince Bader bin Abdullah bin Farhan bought the painting on Wednesday.",
        "c.txt": "The painting was sold to Prince Bader bin Abdullah bin Farhan.\n\nAlthough "
                 "Prince Badar did not respond to a request for comment, the museum said so.",
    }, "name-variant")
    assert not [f for f in got if "'Badar'" in f["message"]], got


# --- dates written in other languages (sets 19, 37, 44: weekdays that did not fit) ----------------

@pytest.mark.parametrize("text, iso, weekday_ok", [
    ("El sismo ocurrió el jueves 26 de octubre de 2023 por la noche.", "2023-10-26", True),
    ("Le produit a été dévoilé mercredi 16 septembre 2020.", "2020-09-16", True),
    ("Die Messe begann am Dienstag, 3. Mai 2022.", "2022-05-03", True),
    ("O acidente foi no domingo, 5 de junho de 2022.", "2022-06-05", True),
    ("El sismo ocurrió el miércoles 26 de octubre de 2023.", "2023-10-26", False),
])
def test_a_full_date_with_its_weekday_in_another_language_is_read(text, iso, weekday_ok):
    got = [c.value for c in pipeline(text, "date") if c.value.get("iso") == iso]
    assert [v["weekday_ok"] for v in got] == [weekday_ok]


def test_a_weekday_that_does_not_fit_its_date_in_spanish_is_reported(tmp_path):
    got = found(tmp_path, {
        "a.txt": "El sismo ocurrió el miércoles 26 de octubre de 2023 en la costa.",
        "b.txt": "The quake struck on Thursday, October 26, 2023, off the coast.",
        "c.txt": "A strong quake hit the coast on Thursday, October 26, 2023.",
    }, "date-weekday")
    assert len(got) == 1 and "a.txt" in got[0]["message"], got


# --- lessons of held-out set 47 ------------------------------------------------------------------

def _happenings(text: str) -> dict[str, str | None]:
    """Each day written in ``text`` to the happening it dates (None: none)."""
    return {text[min(s.start for s in c.spans):max(s.end for s in c.spans)]: c.value.get("event")
            for c in pipeline(text, "date") if c.value["precision"] in ("day", "weekday")}


@pytest.mark.parametrize("text, day", [
    # a day a state is reported at
    ("The mill roof collapsed early Monday and as of noon Tuesday, nine workers are missing.",
     "Tuesday"),
    # a span of days dates no single happening
    ("Blasts with ash plumes during 3-4 March 2019 were seen, the observatory said.",
     "3-4 March 2019"),
    # the event word has a day of its own between it and this day
    ("The roof collapsed on May 2, leaving four dead, with six still missing Friday evening.",
     "Friday"),
    # the noun after "from" is no subject of the verb ("waves from the blast struck")
    ("High waves from a distant volcanic eruption struck the harbour Sunday.", "Sunday"),
])
def test_a_day_that_dates_no_happening_of_the_story(text, day):
    got = _happenings(text)
    assert day in got and got[day] is None, got


def test_the_happening_next_to_its_day_is_still_read():
    assert _happenings("The roof collapsed on Thursday, May 2.")["Thursday, May 2"] == "colla"
    assert _happenings("A strong quake struck the coast Sunday.")["Sunday"] == "quake"


def test_a_reporting_day_after_as_of_is_no_events_date():
    got = pipeline("The firm had lost $5 billion as of Tuesday, May 7, since the announcement "
                   "of the recall.", "date")
    assert [c.subject for c in got] == ["date"]


def test_taxes_owed_and_fines_faced_are_different_measures(tmp_path):
    assert found(tmp_path, {
        "a.txt": "He faced up to 12 years in prison and $1.1 million in fines.",
        "b.txt": "He admitted owing $1.2 million in unpaid taxes over four years.",
        "c.txt": "The case involved $1.2 million in unpaid taxes, prosecutors said.",
    }, "value-conflict") == []


# --- lessons of held-out set 48 ------------------------------------------------------------------

def test_a_town_named_with_its_state_or_country_is_no_person():
    text = "The freight ran from Dorrance, Kansas, to Welby, Pennsylvania, when it derailed."
    assert pipeline(text, "mention") == []


def test_a_models_designation_written_with_or_without_a_space_is_one_name():
    from audit.resolve.cluster import Mention, cluster
    from audit.resolve.names import classify

    assert classify("Orvel Jet 40 XR", "Orvel Jet 40XR", "org") == "spacing"
    assert classify("Brandt Air", "BrandtAir", "org") == "spelling"  # a name's words run together
    # one entity, so that a list naming the model either way is one list
    ents = cluster([Mention("1", "org", "Orvel J50 XR"), Mention("2", "org", "Orvel J50XR")])
    assert [sorted(v for _, v, _ in e.members) for e in ents] == [["Orvel J50 XR", "Orvel J50XR"]]


def test_a_currency_code_for_its_sign_and_a_compound_split_are_no_rewording():
    assert word_diff("pays Rs 10 lakh to each family", "pays INR 10 lakh to each family")[1] == 0
    assert word_diff("a backlog now of 900 jets", "a back log now of 900 jets")[1] == 0


@pytest.mark.parametrize("text, n, cue", [
    ("The arena has a capacity of only 30,000 people, but 90,000 people came.", 30000,
     "capacity"),
    ("A fire damaged an additional 14 wagons near the crossing.", 14, "additional"),
])
def test_a_capacity_or_an_increment_is_no_count_of_the_event(text, n, cue):
    got = {c.value["n"]: c.value for c in pipeline(text, "count")}
    assert got[n]["frame"] == "other" and got[n]["frame_cue"] == cue


def test_a_long_record_span_one_year_off_agrees_and_a_short_one_does_not(tmp_path):
    def pages(a: int, b: int) -> dict[str, str]:
        return {"a.txt": f"Norland's output fell for the first time in {a} years, data showed.",
                "b.txt": f"Output in Norland dropped for the first time in {b} years.",
                "c.txt": f"Norland's output shrank for the first time in {a} years."}
    assert found(tmp_path / "long", pages(40, 41), "time-conflict") == []
    assert found(tmp_path / "short", pages(3, 4), "time-conflict")


def test_prizes_by_place_are_no_parts_of_the_winners_prize(tmp_path):
    assert found(tmp_path, {
        "a.txt": "The winner of the Varn marathon takes home $80,000. Second-place finishers "
                 "get $60,000, while the third spot earns $40,000.",
        "b.txt": "The Varn marathon winner receives $80,000 in prize money.",
        "c.txt": "She collected $80,000 for winning the Varn marathon.",
    }, "arithmetic") == []


@pytest.mark.parametrize("text, iso", [
    ("OSLO, 14 May 2021: Skyfare has signed an agreement for 90 jets.", "2021-05-14"),
    ("NEW YORK, May 3, 2022 /PRNewswire/ -- Skyfare signed the agreement for 90 jets.",
     "2022-05-03"),
])
def test_a_dateline_is_when_a_release_was_written_not_the_events_day(text, iso):
    got = pipeline(text, "date")
    assert [(c.subject, c.value["iso"]) for c in got] == [("date", iso)]


def test_quotes_translated_by_pages_in_the_storys_minor_language_are_no_rewording(tmp_path):
    """The story's pages are mostly English, but only its French pages quote the winner, each
    in its own translation: the majority of all pages says which language is the story's."""
    english = {f"en{i}.txt": f"Ada Brill won the Varn marathon in 2:14:{10 + i}, organisers "
                             "said on Sunday. The race started in the old town square before "
                             "dawn and followed the river to the harbour, where thousands of "
                             "people lined the streets. The men's race was won by a runner "
                             "from the north of the country in a course record."
               for i in range(4)}
    french = {
        "fr1.txt": "Ada Brill a gagné. « Je me sens tellement bien. Je suis très fière de moi. "
                   "C'est mon rêve depuis longtemps et je me suis battue dur », a déclaré Ada "
                   "Brill.",
        "fr2.txt": "Victoire d'Ada Brill. « Je me sens si bien. Je suis très fière de moi. "
                   "C'est mon rêve depuis longtemps et je me suis beaucoup battue », a dit Ada "
                   "Brill.",
    }
    got = found(tmp_path, {**english, **french}, "quote-drift")
    assert got == [], got


def test_two_spellings_each_written_by_three_pages_are_forms_in_use(tmp_path):
    pages = {f"a{i}.txt": f"Tigest Woldu won the race in Varn, officials said ({i})."
             for i in range(3)}
    pages.update({f"b{i}.txt": f"Tigst Woldu won the race in Varn on Sunday ({i})."
                  for i in range(3)})
    assert found(tmp_path / "wide", pages, "name-variant") == []
    pages = {k: v for k, v in pages.items() if k != "b1.txt" and k != "b2.txt"}
    assert found(tmp_path / "one", pages, "name-variant")


# --- lessons of held-out set 49 ------------------------------------------------------------------

def test_a_name_written_alone_often_is_no_misspelt_surname_of_one_named_once(tmp_path):
    pages = {f"p{i}.txt": f"Mourners gathered for Pope Benedict in Varn on Saturday ({i}). "
                          "Benedict was remembered for his humility." for i in range(3)}
    pages["q.txt"] = ("The delegation was led by the cabinet chief, Marco Benedikt, and the "
                      "foreign minister.")
    assert found(tmp_path, pages, "name-variant") == []


def test_papa_is_a_title_before_a_name():
    assert pipeline("Ai funerali di Papa Benedetto hanno partecipato in molti.", "mention") == []


def test_the_sky_ending_of_an_eastern_slavic_surname_is_a_romanisation():
    from audit.resolve.names import classify

    assert classify("Olena Kovalevsky", "Olena Kovalevskyy") == "romanised"
    assert classify("Olena Kovalevsky", "Olena Kovalevskiy") == "romanised"
    assert classify("Marta Kowalski", "Marta Kowalsky") == "spelling"


def test_about_a_unit_is_rounded_to_that_unit(tmp_path):
    pages = {"a.txt": "The strike at the Varn plant lasted 41 days, the union said.",
             "b.txt": "The Varn plant strike lasted about a month.",
             "c.txt": "Workers at the Varn plant held a strike that lasted 41 days."}
    assert found(tmp_path / "month", pages, "time-conflict") == []
    day = 86400
    (weeks,) = pipeline("The Varn plant strike lasted about two weeks.", "time")
    assert weeks.value["bound"] == [10.5 * day, 17.5 * day]  # half a week either way


def test_a_sentence_opened_by_an_earlier_date_holds_that_years_figures(tmp_path):
    assert found(tmp_path, {
        "a.txt": "On June 3, 2021, at the Varn laboratory in Tarnwick, a pellet was struck by "
                 "1.7 million joules of laser light.",
        "b.txt": "The lasers delivered 2.2 million joules to the pellet on Dec. 5, 2022.",
        "c.txt": "On Dec. 5, 2022, the Varn lasers delivered 2.2 million joules to a pellet.",
    }, "value-conflict") == []


# --- lessons of held-out set 51 ------------------------------------------------------------------

@pytest.mark.parametrize("whole, fragment, changed", [
    # a fragment opening inside the writer's sentence inflects its first word
    ("her work to restore the old harbour walls for everyone",
     "restoring the old harbour walls for everyone", 0),
    ("the plan to widen the northern road before winter", "widening the northern road before "
     "winter", 0),
    # another word there is still a change
    ("a once-in-a-lifetime gift to the city museum", "unique gift to the city museum", 1),
    # inside the shared run an inflection is compared as before (grammar, judged by the check)
    ("we will restore the walls and open the gates", "we will restoring the walls and open the "
     "gates", 1),
])
def test_a_fragment_may_inflect_its_first_word(whole, fragment, changed):
    assert word_diff(whole, fragment)[1] == changed


# --- lessons of held-out set 52 ------------------------------------------------------------------

def test_a_long_vowel_written_with_two_letters_or_one_is_a_romanisation(tmp_path):
    from audit.check.checks.name_variant import vowel_digraph

    assert vowel_digraph("Hamid Karimaee", "Hamid Karimai")
    assert vowel_digraph("Ghoolam Nabi", "Ghulam Nabi")
    assert not vowel_digraph("Hamid Tabourdi", "Hamid Taburdi")  # "ou": French for "u"
    assert not vowel_digraph("Hamid Karimi", "Hamid Karimo")
    pages = {"a.txt": "Governor Hamid Karimaee said the fire at the port was under control.",
             "b.txt": "Governor Hamid Karimai said rescue teams were at the port.",
             "c.txt": "Hamid Karimai, the governor, said the port would reopen."}
    assert found(tmp_path / "long", pages, "name-variant") == []
    pages["a.txt"] = "Governor Hamid Karinai said the fire at the port was under control."
    assert found(tmp_path / "typo", pages, "name-variant")
