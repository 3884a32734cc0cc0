"""Measurements with units and clock times / durations / relative days, in invented sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import counts, measurements, times, units
from audit.extract.frames import intersects
from audit.model import Context


def _m(text: str) -> list:
    return list(measurements.extract(Context(text), 0, len(text)))


def _t(text: str, day: dt.date | None = dt.date(2022, 6, 14)) -> list:
    return list(times.extract(Context(text, day), 0, len(text)))


def _one(text: str):
    got = _m(text)
    assert len(got) == 1, [c.value for c in got]
    return got[0]


# --- measurements: recognition ---------------------------------------------------------------

@pytest.mark.parametrize("text, written, dim, measure", [
    ("The 612-foot barge drifted downstream.", "612-foot", "length", "barge"),
    ("The barge is 187 m long.", "187 m", "length", "barge"),
    ("Workers resurfaced a 12-km stretch of the canal road.", "12-km", "length", "stretch"),
    ("A 2,400-tonne gantry was delivered.", "2,400-tonne", "mass", "gantry"),
    ("The pier sits about 4 miles east of Marlow Bay.", "4 miles", "length",
     "distance from marlow bay"),
    ("The ferry was sailing at 18 knots when it turned.", "18 knots", "speed", None),
    ("The posted speed limit is 45 mph on that bend.", "45 mph", "speed", "limit"),
    ("The van can tow 3,500 pounds.", "3,500 pounds", "mass", "towing"),
    ("Its battery offers 410 miles of range.", "410 miles", "length", "range"),
    ("The estate covers 1,150 acres of woodland.", "1,150 acres", "area", "woodland"),
    ("The archive holds 40 terabytes of scans.", "40 terabytes", "data size", "scan"),
    ("The reservoir lost 3.2 million gallons of water.", "3.2 million gallons", "volume",
     "water"),
    ("Its cargo deck that's 7 1/2 feet long was flooded.", "7 1/2 feet", "length", "deck"),
])
def test_measurements_are_read_with_unit_dimension_and_measure(text, written, dim, measure):
    c = _one(text)
    assert c.kind == "measurement"
    assert c.value["written"] == written and c.value["dimension"] == dim
    if measure:
        assert c.subject == measure
    s = c.spans[0]
    assert text[s.start:s.end].endswith(written.split()[-1].split("-")[-1])


def test_compound_feet_and_inches():
    c = _one("The 6-foot-7 goalkeeper saved it.")
    assert c.value["written"] == "6-foot-7"
    assert c.value["si"] == pytest.approx((6 * 12 + 7) * 0.0254)
    assert c.subject == "goalkeeper"
    c = _one("The keeper stands 6 feet 7 inches tall.")
    assert c.value["si"] == pytest.approx((6 * 12 + 7) * 0.0254)


def test_ranges_and_approximations_are_intervals():
    c = _one("The buses get between 180 and 240 miles of range.")
    lo, hi = c.value["bound"]
    assert lo == pytest.approx(180 * 1609.344) and hi == pytest.approx(240 * 1609.344)
    c = _one("The tower is roughly 300 feet tall.")
    assert c.value["approx"] == "about"
    lo, hi = c.value["bound"]
    assert lo == pytest.approx(270 * 0.3048) and hi == pytest.approx(330 * 0.3048)
    c = _one("The rig can tow more than 9,000 pounds.")
    assert c.value["bound"][1] is None


@pytest.mark.parametrize("text", [
    "It sprints from 0 to 60 mph in 3.9 seconds.",
    "It reaches 60 mph in 3.9 seconds.",
    "They paid £5m for the site.",
    "Room 12 is on floor 3 in the annex.",
    "He was in the 5 m euro deal.",
    "She scored 21 points and took 9 rebounds.",
    "A GB of data and an hp figure.",
])
def test_non_measurements_are_skipped(text):
    assert _m(text) == []


def test_same_length_in_two_units_agrees_and_a_transposed_figure_does_not():
    feet, metres, swapped = (_one(t) for t in (
        "A 948-foot freighter came in.", "The freighter is 289 m long.",
        "A 984-foot freighter came in."))
    assert intersects(feet.value["bound"], metres.value["bound"])
    assert not intersects(feet.value["bound"], swapped.value["bound"])


def test_measurement_label_and_span_provenance():
    text = "Divers found the hull about 2 miles north of Pell Island."
    c = _one(text)
    assert measurements.label(c.value) == "about 2 miles (3,219 m)"
    spans = {s.role: text[s.start:s.end] for s in c.spans}
    assert spans == {"value": "2 miles", "context": "about"}


# --- measurements: properties ----------------------------------------------------------------

_UNITS = sorted(w for w in units.WRITTEN if units.WRITTEN[w] not in ("degF", "degC"))


@given(st.sampled_from(_UNITS), st.floats(min_value=1e-3, max_value=1e9))
def test_to_si_and_back_is_the_identity(unit, value):
    assert units.from_si(units.to_si(value, unit), unit) == pytest.approx(value, rel=1e-9)


@given(st.sampled_from(["°F", "°C", "degrees celsius"]), st.floats(-100, 1000))
def test_temperatures_convert_back_too(unit, value):
    assert units.from_si(units.to_si(value, unit), unit) == pytest.approx(value, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=10, max_value=99_999))
def test_feet_and_their_rounded_metres_always_agree(n):
    feet = _one(f"The span is {n:,} feet long.")
    metres = _one(f"The span is {round(n * 0.3048):,} m long.")
    assert intersects(feet.value["bound"], metres.value["bound"])


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=9_999).filter(lambda n: 0 < n % 10 < 8),
       st.sampled_from(["miles", "feet", "tonnes", "kilometres", "pounds", "acres"]))
def test_written_precision_is_half_the_last_digit(n, unit):
    c = _one(f"The figure was {n} {unit} of cargo.")
    lo, hi = c.value["bound"]
    assert lo == pytest.approx(units.to_si(n - 0.5, unit))
    assert hi == pytest.approx(units.to_si(n + 0.5, unit))
    other = _one(f"The figure was {n + 2} {unit} of cargo.")
    assert not intersects(c.value["bound"], other.value["bound"])


# --- counts no longer read measures and times -------------------------------------------------

def _counts(text: str) -> list:
    return [(c.subject, c.value["n"], c.qualifiers) for c in
            counts.extract(Context(text), 0, len(text))]


def test_counts_skip_clock_hours_and_units_and_read_scaled_decimals_as_rates():
    assert _counts("The alert was raised at 0315 hrs on the quay.") == []
    assert _counts("The pumps ran for 52 hours straight.") == []
    assert _counts("The van can carry 900 lbs of feed.") == []
    assert _counts("The tunnel carries 7.4 million cars a year.") == [
        ("cars", 7_400_000, {"per": "year"})]
    assert _counts("Some 2,300 cars crossed it.") == [("cars", 2300, {"approx": "about"})]


# --- times -----------------------------------------------------------------------------------

def _one_t(text: str, predicate: str):
    got = [c for c in _t(text) if c.predicate == predicate]
    assert len(got) == 1, [c.value for c in got]
    return got[0]


def test_clock_times_with_zones_and_markers():
    c = _one_t("The freighter struck the pier at 2:14 a.m. EDT, the coast guard said.", "clock")
    assert c.subject == "occur"  # a verb that only says something happened: generic
    assert c.value.items() >= {"minutes": 134, "tz": "EDT", "utc_offset": -240, "ampm": True}.items()
    assert times.label(c.value) == "2:14 a.m. EDT"
    c = _one_t("The ferry capsized at 0214 local, the agency said.", "clock")
    assert c.value["minutes"] == 134 and c.value["tz"] == "local"
    c = _one_t("The barn collapsed shortly before 2:15 on Friday.", "clock")
    assert c.value["bound"] == [115, 135] and c.value["ampm"] is False
    assert c.value["day"] == "Friday" and c.subject == "colla"
    c = _one_t("The blast happened about 6 p.m. Sunday near the depot.", "clock")
    assert c.value["bound"] == [1060, 1100] and c.value["day"] == "Sunday"


@pytest.mark.parametrize("text", [
    "The hosts won 3:1 on the night.",
    "The ratio was 2:30 in the end.",
    "Section 4:12 of the code applies.",
])
def test_non_clock_times_are_skipped(text):
    assert [c for c in _t(text) if c.predicate == "clock"] == []


def test_durations_and_ages():
    c = _one_t("Crews pumped water for 36 hours before the dam held.", "duration")
    assert c.value["seconds"] == 36 * 3600 and c.subject == "pump"
    c = _one_t("The panel deliberated for about 40 minutes.", "duration")
    assert c.value["bound"] == [2160.0, 2640.0]
    assert [c for c in _t("Ana Ruiz, a 41-year-old welder, and Ben Ode, 12 years old.")
            if c.predicate == "duration"] == []
    assert [c for c in _t("The alarm went off at 0045 hrs.") if c.predicate == "duration"] == []


def test_a_prison_term_in_years_and_months_is_one_length_and_supervision_another():
    """A term said in years and months is the same length as in months alone; the supervised
    release the same verb gives after the prison term is a term of its own."""
    both = _one_t("A judge sentenced the clerk to three years and four months in prison.",
                  "duration")
    months = _one_t("The clerk was sentenced to 40 months in prison.", "duration")
    assert both.subject == months.subject == "sentence length"
    assert both.value["seconds"] == months.value["seconds"]
    assert intersects(both.value["bound"], months.value["bound"])
    text = "She was sentenced to 40 months and two years of supervised release."
    got = {c.subject: c for c in _t(text) if c.predicate == "duration"}
    assert set(got) == {"sentence length", "probation length"}
    assert got["probation length"].value["seconds"] == 2 * 31556952
    assert _one_t("He also got two years’ probation.", "duration").subject == "probation length"


def test_relative_days_are_checked_against_the_one_stated_anchor():
    c = _one_t("The levee broke on Monday. Two days later, on Wednesday, crews sealed it.",
               "relative")
    assert c.value.items() >= {"days": 2, "anchor": "Monday", "stated": "Wednesday",
                              "fits": True}.items()
    c = _one_t("The levee broke on Monday. Two days later, on Thursday, crews sealed it.",
               "relative")
    assert c.value["fits"] is False
    assert times.label(c.value) == "2 days later (Monday -> Thursday)"
    c = _one_t("The levee broke on June 6. A week later, on June 13, it was sealed.",
               "relative")
    assert c.value["fits"] is True and c.value["days"] == 7
    # two possible anchors: not judged
    c = _one_t("It broke on Monday and was patched on Tuesday. Two days later, on Friday, "
               "it broke again.", "relative")
    assert c.value["fits"] is None
    # no day stated with the phrase: not judged
    c = _one_t("It broke on Monday. Two days later the crews left.", "relative")
    assert c.value["fits"] is None


def test_a_length_bounded_by_a_while_clause_is_a_period_of_its_own():
    """"for six years while he played in Anaheim" is one period of the work, not its whole
    length: compared only with lengths bounded alike, never with "for more than a decade"."""
    scoped = _one_t("Moll had worked with Lund for six years while he played in Anaheim.",
                    "duration")
    whole = _one_t("Moll had worked with Lund for more than a decade.", "duration")
    assert (scoped.subject, whole.subject) == ("work (while)", "work")
    assert _one_t("Moll worked for six years as his interpreter.", "duration").subject == "work"
