"""People named without a title (victims, witnesses, relatives), their ages and home towns, and
the attribute-conflict check, in our own invented words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check.checks.person_attribute import ages_conflict, compare_homes
from audit.extract import untitled
from tests.extracting import audit_texts, run, spans


def _read(text: str) -> list[tuple]:
    out = []
    for c in run(untitled, text):
        assert spans(c, text, "person") == [c.value["name"]]
        if "age" in c.value:
            assert spans(c, text, "age") == [str(c.value["age"])]
        if "home" in c.value:
            assert spans(c, text, "home") == [c.value["home"]]
        out.append((c.value["name"], c.value.get("age"), c.value.get("home")))
    return out


@pytest.mark.parametrize("text,expected", [
    ("Police identified the driver as Orla Vennick, 52, of Dunmore.",
     [("Orla Vennick", 52, "Dunmore")]),
    ("The dead were Pim Achterberg, Sunniva Holt and Ruairi Dane.",
     [("Pim Achterberg", None, None), ("Sunniva Holt", None, None),
      ("Ruairi Dane", None, None)]),
    ("Among them was Tobiah Crane, 33, a resident of Port Ellis.",
     [("Tobiah Crane", 33, "Port Ellis")]),
    ("Ivo and Ada Brill, ages 44 and 41, were rescued by boat.",
     [("Ivo", 44, None), ("Ada Brill", 41, None)]),
    ("A 19-year-old Keziah Lund was the youngest aboard.", [("Keziah Lund", 19, None)]),
    ("Witness Marit Osk said the roof fell first.", [("Marit Osk", None, None)]),
    ("Student Keziah Lund, 19, of Dunmore, applied first.", [("Keziah Lund", 19, "Dunmore")]),
    ("He travelled with his wife, Linnea Rask, 30, who was unhurt.",
     [("Linnea Rask", 30, None)]),
    ("Halvor Teig, 61, a Brenmouth man, was treated at the scene.",
     [("Halvor Teig", 61, "Brenmouth")]),
    ("The Brenmouth resident Halvor Teig later spoke to reporters.",
     [("Halvor Teig", None, "Brenmouth")]),
    ("Points: Tarnwick Rovers (14), Dunmore Athletic (9), Brenmouth Town (7)", []),
    ("The squad adds Keziah Lund (19) and Pim Achterberg (22).",
     [("Keziah Lund", 19, None), ("Pim Achterberg", 22, None)]),
    ("Standings: Tarnwick Rovers, 14, Dunmore Athletic, 9.", []),
    ("The team beat Tarnwick Rovers 3-1 on Sunday.", []),
    ("Orla Vennick spoke at the vigil on Sunday.", []),  # no cue: left to side mentions
    ("Crowds lined Market Street, 40, for the parade.", []),
    ("The crash was on Route 9, 12 miles north of Dunmore.", []),
])
def test_untitled_people_read_with_a_cue(text, expected):
    assert _read(text) == expected


def test_an_employer_after_of_is_no_home_town():
    assert _read("Orla Vennick, 52, of Tarnwick Holdings Ltd, was hurt.") == \
        [("Orla Vennick", 52, None)]


@settings(deadline=None)
@given(st.integers(min_value=120, max_value=999))
def test_an_impossible_age_is_not_read(age):
    assert all(a is None for _, a, _ in _read(f"Orla Vennick, {age}, of Dunmore, was hurt."))


def test_ages_allow_a_birthday_between_documents_dated_apart():
    d0 = dt.date(2021, 5, 1)
    assert ages_conflict(40, 41, d0, d0)  # one day: no birthday to explain it
    assert ages_conflict(40, 41, d0, None)  # undated: nothing to explain it
    assert not ages_conflict(40, 41, d0, d0 + dt.timedelta(days=60))  # older later
    assert ages_conflict(41, 40, d0, d0 + dt.timedelta(days=60))  # younger later
    assert ages_conflict(40, 42, d0, d0 + dt.timedelta(days=60))
    assert not ages_conflict(40, 42, d0, d0 + dt.timedelta(days=400))
    assert not ages_conflict(40, 40, None, None)


def test_home_towns_compare_regions_and_towns():
    assert compare_homes("Ohio", "Utah") == "home"
    assert compare_homes("Dunmore, Ohio", "Utah") == "home"
    assert compare_homes("Dunmore", "Brenmouth") == "home-town"
    assert compare_homes("Dunmore", "Ohio") is None  # a town and a region: can't tell
    assert compare_homes("Dunmore, Ohio", "Dunmore") is None
    assert compare_homes("Ohio", "Ohio") is None


def test_two_ages_and_two_home_states_are_reported(tmp_path):
    findings, claims = audit_texts(tmp_path, {
        "a.txt": "The county coroner identified the driver as Orla Vennick, 52, of Ohio. "
                 "The bus left the road near Dunmore on Friday.\n",
        "b.txt": "Orla Venick, 55, from Utah, was driving the bus that left the road near "
                 "Dunmore on Friday.\n",
    })
    named = [v for k, s, v in claims if k == "person" and s == "named"]
    assert {v["name"] for v in named} == {"Orla Vennick", "Orla Venick"}
    by = {f["check"]: f for f in findings if f["severity"] in ("error", "warning")}
    assert "name-variant" in by  # the untitled name is compared for spelling
    attr = [f for f in findings if f["check"] == "attribute-conflict"]
    assert {f["severity"] for f in attr} == {"warning"}
    labels = {v["value"] for f in attr for v in f["values"]}
    assert {"52", "55", "Ohio", "Utah"} <= labels


def test_one_age_everywhere_is_quiet(tmp_path):
    findings, _ = audit_texts(tmp_path, {
        "a.txt": "The victim was Orla Vennick, 52, of Dunmore. The bus left the road.\n",
        "b.txt": "Orla Vennick, 52, of Dunmore, died when the bus left the road.\n",
    })
    assert not [f for f in findings if f["check"] in ("attribute-conflict", "name-variant")]


def test_claims_and_trace_show_the_attributes(tmp_path):
    import json

    from tests.conftest import invoke

    _, claims = audit_texts(tmp_path, {
        "a.txt": "Police identified the driver as Orla Vennick, 52, of Dunmore.\n\n"
                 "Orla Vennick said: “We left the depot at six and the road was already "
                 "flooded by the\n",
    })
    r = invoke("claims", tmp_path, "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    [named] = [x for x in rows if x["predicate"] == "named"]
    assert named["value"] == "Orla Vennick (age 52, of Dunmore)"
    t = invoke("trace", named["id"], tmp_path)
    assert "[age]" in t.output and "[home]" in t.output
    [quote] = [x for x in rows if x["kind"] == "quote"]
    t = invoke("trace", quote["id"], tmp_path)
    assert "incomplete: unclosed" in t.output


def test_a_person_noun_is_not_part_of_a_side_mention():
    from audit.extract import mentions

    found = run(mentions, "Eyewitness Marit Osk stood by the gate.")
    assert [c.value["name"] for c in found] == ["Marit Osk"]


_GIVEN = st.sampled_from(["Orla", "Pim", "Sunniva", "Tobiah", "Keziah", "Halvor", "Ines"])
_FAMILY = st.sampled_from(["Vennick", "Achterberg", "Holt", "Crane", "Lund", "Teig", "Rask"])
_TOWN = st.sampled_from(["Dunmore", "Port Ellis", "Brenmouth", "Tarnwick, Ohio"])


@settings(deadline=None)
@given(_GIVEN, _FAMILY, st.integers(min_value=1, max_value=119), _TOWN,
       st.sampled_from(["{N}, {A}, of {T}, was hurt.", "The victim was {N}, {A}, of {T}.",
                        "Passenger {N}, {A}, of {T}, walked away."]))
def test_any_age_apposition_is_read_with_exact_spans(g, f, age, town, form):
    text = form.replace("{N}", f"{g} {f}").replace("{A}", str(age)).replace("{T}", town)
    assert _read(text) == [(f"{g} {f}", age, town)]
