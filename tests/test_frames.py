"""Frames of amounts and counts (measure, holder, time frame, bound) and the value-conflict rule
built on them, in our own wording: each rule case by case, with the legitimate variants that
must stay quiet, and a property test of the interval logic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check.comparable import Value, _same_name, canonical_names, conflicting
from audit.extract import counts, money
from audit.extract.frames import bound, intersects
from audit.model import Context
from tests.extracting import VOCAB, audit_texts

DAY = dt.date(2023, 6, 14)


def figures(mod, text: str, doc_date: dt.date | None = DAY) -> list[dict]:
    out = []
    for c in mod.extract(Context(text=text, vocab=VOCAB, doc_date=doc_date), 0, len(text)):
        v = dict(c.value)
        v["exact"] = text[c.spans[0].start : c.spans[0].end]
        out.append(v)
    return out


def one(mod, text: str, **kw) -> dict:
    got = figures(mod, text, **kw)
    assert len(got) == 1, got
    return got[0]


# --- measure -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, measure", [
    ("Annual tuition at the college is $38,400.", "tuition"),
    ("The college charges $38,400 in tuition.", "tuition"),
    ("Tuition costs about $38,000 a year.", "tuition"),
    ("The average salary of its graduates is $51,300.", "average salary"),
    ("Graduates earn a median salary of $49,000.", "median salary"),
    ("A $2 million grant will pay for the telescope.", "grant"),
    ("The lab gets $2 million in new grants.", "grant"),
    ("The alliance comes with $90 million of private investment.", "funding"),
    ("The foundation's gift of $25 million is its largest.", "gift"),
    ("The bridge will cost $410 million.", "cost"),
    ("Revenue rose to $7.5 million.", "revenue"),
    ("The province will match that $20 million from its own budget.", "matching funding"),
    ("The gift carries $3 million in matching funds.", "matching funding"),
])
def test_measure_is_read_from_the_phrase_of_the_figure(text, measure):
    assert one(money, text)["measure"] == measure


@pytest.mark.parametrize("text", [
    "The city set aside $4 million on Tuesday.",
    "Officials said $4 million would follow.",
    "It is a $4 million partnership.",
])
def test_no_measure_word_leaves_the_measure_unknown(text):
    assert one(money, text)["measure"] is None


# --- holder ------------------------------------------------------------------------------------

def test_each_marks_a_distributive_amount_with_its_givers():
    v = one(money, "Corvane and Telluric are each putting in $30 million.")
    assert v["holder"] == {"gives": ["corvane", "telluric"], "gets": [], "distributive": True,
                           "total": False}


@pytest.mark.parametrize("text", [
    "The two firms will invest a combined $60 million.",
    "Together the backers have pledged $60 million.",
    "The companies are putting up $60 million between them.",
    "In total, $60 million has been committed.",
])
def test_total_markers(text):
    h = one(money, text)["holder"]
    assert h["total"] and not h["distributive"]


@pytest.mark.parametrize("text, gives, gets", [
    ("The lab gets $60 million from Corvane and Telluric.", ["corvane", "telluric"], []),
    ("Marlow University received $5 million from the Halden Trust.", ["halden trust"],
     ["marlow university"]),
    ("The Halden Trust awarded Marlow University $6 million.", ["halden trust"],
     ["marlow university"]),
    ("The hospital said Corvane's $12 million stake was sold.", [], ["corvane"]),
    ("The city said $12 million would be spent.", [], []),
])
def test_holders_are_the_names_in_a_giving_or_receiving_relation(text, gives, gets):
    h = one(money, text)["holder"]
    assert (h["gives"], h["gets"]) == (gives, gets)


def test_a_common_word_opening_a_sentence_is_no_holder():
    h = one(money, "Donors gave $5 million. Many donors asked to stay anonymous.")["holder"]
    assert h["gives"] == []


def test_each_of_the_group_is_not_distributive_for_the_group_count():
    four, twenty = figures(counts, "Each of the four colleges will admit 20 apprentices.")
    assert not four["holder"]["distributive"] and twenty["holder"]["distributive"]


# --- time frame --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, cue", [
    ("Last year the trust gave $3 million to the scheme.", "last year"),
    ("An earlier programme received $9 million.", "an earlier"),
    ("The fund previously paid out $2 million.", "previously"),
    ("The national average salary for nurses is $61,000.", "national average"),
    ("Since 2011 the clinic has spent $40 million on scanners.", "since 2011"),
    ("In 2019 the council spent $12 million on dredging.", "2019"),
])
def test_background_figures(text, cue):
    v = one(money, text)
    assert v["frame"] == "other" and v["frame_cue"] == cue


@pytest.mark.parametrize("text, cue", [
    # a difference between two figures, not a figure of the event
    ("The ferry now costs $18,000, about $4,000 more than the builder first quoted.",
     "more than"),
    ("The new wing cost $2 million less than the council had set aside.", "less than"),
    # a projection: what the figure could become
    ("The transfer could rise to $90 million with bonuses.", "could rise"),
])
def test_differences_and_projections_are_not_event_figures(text, cue):
    v = [f for f in figures(money, text) if f["frame"] == "other"]
    assert len(v) == 1 and v[0]["frame_cue"] == cue and "year" not in v[0]


def test_up_from_frames_only_the_earlier_figure():
    now, before = figures(money, "Sales reached $8 million, up from $5 million.")
    assert now["frame"] == "event" and before["frame"] == "other"


@pytest.mark.parametrize("text", [
    "The council approved $12 million on Tuesday.",
    "The council will spend $12 million in 2025.",  # a later year: the programme's own plan
    "The average salary at Northgate Clinic is $82,000.",  # an average, but the subject's own
])
def test_event_figures(text):
    assert one(money, text)["frame"] == "event"


def test_a_year_without_a_document_date_is_recorded_not_judged():
    v = one(money, "In 2019 the council spent $12 million.", doc_date=None)
    assert v["frame"] == "event" and v["year"] == 2019


@pytest.mark.parametrize("text, state", [
    ("The storm killed 12 people.", "killed"),
    ("Twelve people died in the storm.", "killed"),
    ("It left 12 people dead.", "killed"),
    ("Twelve people have lost their lives.", "killed"),
    ("Twelve people were taken to hospital.", "injured"),
    ("Twelve people were injured.", "injured"),
    ("Twelve people were evacuated.", "rescued"),
    ("Twelve people attended the meeting.", "attended"),  # kept as written
    ("Twelve people attend the meeting.", None),
])
def test_what_happened_to_the_counted_group(text, state):
    assert one(counts, text).get("state") == state


def test_a_group_with_other_members_is_a_part():
    assert one(counts, "Ana Ruiz and 14 other workers sued.")["part"] is True


@pytest.mark.parametrize("text, part", [
    ("The bill's second and larger division adds $170 billion for labs.", True),
    ("The fund, of which $3 million goes to repairs, opens today.", True),
    ("It pays for new cranes, including $2 million for spare parts.", True),
    ("The deal, including debt, is worth $75 billion.", False),  # the whole, debt included
    ("The city will spend $12 million on the bridge.", False),
])
def test_a_figure_named_as_one_part_of_a_whole(text, part):
    assert bool(one(money, text).get("part")) is part


@pytest.mark.parametrize("text, back", [
    ("Rovers bought four strikers over the last three seasons.", "three"),
    ("Rovers won five of their past 10 finals.", "10"),
])
def test_a_span_looking_back_is_background(text, back):
    frames = {f["exact"]: f["frame"] for f in figures(counts, text)}
    assert frames[back] == "other"
    assert all(frame == "event" for exact, frame in frames.items() if exact != back)


def test_projections_are_not_the_event():
    v = one(money, "That could bring the total to $80 million.")
    assert v["frame"] == "other"


def test_background_counts():
    v = one(counts, "Since 1998 the shelter has housed 4,000 families.")
    assert v["frame"] == "other"


# --- bound -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, low, high", [
    ("Tuition is $45,213.", 45213, 45213),
    ("The deal is worth $70 billion.", 68.25e9, 71.75e9),  # written round: may round 2.5 %
    ("Tuition is about $45,000.", 40500, 49500),
    ("Roughly 2 million dollars was raised.", 1800000, 2200000),
    ("The fee is more than $48,000.", 48000, None),
    ("The fee is at least $48,000.", 48000, None),
    ("The fee is under $48,000.", 0, 48000),
    ("The fee is up to $48,000.", 0, 48000),
    ("Nearly $50 million was raised.", 45000000, 50000000),
    # 2.38 or 2.44 rounds to 2.4; 2.46 cut after its first decimal is 2.4 too (2.5 % at most)
    ("The fine is $2.4 billion.", 2.351e9, 2.46e9),
    ("The plan costs $5-10 million.", 5000000, 10000000),
])
def test_bounds(text, low, high):
    assert one(money, text)["bound"] == [low, high]


def test_count_bounds():
    assert one(counts, "About 1,200 people work there.")["bound"] == [1080, 1320]
    assert one(counts, "More than 300 volunteers came.")["bound"] == [300, None]


nums = st.floats(min_value=1, max_value=1e12, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from([None, "about", "nearly", "just_over", "more_than", "at_least",
                         "less_than", "up_to"])


@settings(max_examples=300, deadline=None)
@given(nums, kinds, nums, kinds)
def test_bound_properties(a, ka, b, kb):
    ba, bb = bound(a, ka), bound(b, kb)
    lo, hi = ba
    assert lo <= a and (hi is None or a <= hi)  # a figure's own value is inside its bound
    assert intersects(ba, bb) == intersects(bb, ba)
    assert intersects(ba, ba)
    if ka is None and kb is None and abs(a - b) > 1e-9 * max(a, b):
        assert not intersects(ba, bb)  # exact figures agree only when equal (up to float noise)
    if ka == "about":
        assert intersects(ba, bound(a * 1.09, None)) and not intersects(ba, bound(a * 1.2, None))
    if ka in ("more_than", "at_least"):
        assert intersects(ba, bound(a * 50, None)) and not intersects(ba, bound(a * 0.5, None))
    if ka in ("less_than", "up_to"):
        assert intersects(ba, bound(a * 0.01, None)) and not intersects(ba, bound(a * 2, None))


@given(st.integers(min_value=5, max_value=999), st.integers(min_value=0, max_value=499))
def test_about_a_rounded_figure_agrees_with_the_figure_it_rounds(thousands, rest):
    exact = thousands * 1000 + rest  # "about $45,000" for $45,210 or $45,499
    assert intersects(bound(thousands * 1000.0, "about", f"{thousands},000"), [exact, exact])


def test_conflicting_uses_the_exact_anchor():
    def val(norm, num, b, exact=True, n=1):
        return Value(norm, norm, num, b, exact, [f"{norm}-{i}" for i in range(n)])

    exact = val("45210", 45210, [45210, 45210], n=2)
    about = val("about 45000", 45000, [40500, 49500], exact=False)
    over = val("more than 48000", 48000, [48000, None], exact=False)
    assert conflicting([exact, about]) == []
    assert [v.norm for v in conflicting([about, exact, over])] == ["45210", "more than 48000"]
    assert [v.norm for v in conflicting([exact, val("47000", 47000, [47000, 47000])])] == [
        "45210", "47000"]


@pytest.mark.parametrize("a, b, same", [
    ("nsf", "national science foundation", True),
    ("corvane", "corvane robotics", True),
    ("halden trust", "halden trust", True),
    ("corvane", "telluric", False),
    ("marlow university", "university of marlow", False),
])
def test_holder_names_match_loosely(a, b, same):
    assert _same_name(a, b) == same


def test_a_surname_alone_is_the_holder_whose_full_name_it_ends():
    def fig(*gets: str) -> dict:
        return {"gives": [], "gets": list(gets)}

    canon = canonical_names([fig("samir talib"), fig("talib"), fig("anna okafor")])
    assert canon["talib"] == canon["samir talib"] != canon["anna okafor"]
    canon = canonical_names([fig("anna okafor"), fig("ivo okafor"), fig("okafor")])
    assert len({canon["anna okafor"], canon["ivo okafor"], canon["okafor"]}) == 3


# --- value-conflict end to end ---------------------------------------------------------------

def conflicts(tmp_path, files: dict[str, str]) -> list[dict]:
    found, _ = audit_texts(tmp_path, files)
    return [f for f in found if f["class"] == "value-conflict"]


QUIET = {
    "each-vs-combined": (
        "Corvane and Telluric are each putting in $30 million to build the plant.",
        "The plant gets $60 million from Corvane and Telluric."),
    "one-giver-vs-combined": (
        "Corvane will invest $30 million in the plant, the firm said.",
        "The two firms will invest a combined $60 million in the plant."),
    "background-programme": (
        "The harbour board approved $12 million for dredging. An earlier programme received "
        "$9 million.",
        "The harbour board approved $12 million for dredging."),
    "last-year": (
        "The trust is giving $5 million to the shelter this spring.",
        "Last year the trust gave $4 million to the shelter."),
    "national-average": (
        "The average salary at Northgate Clinic is $82,000.",
        "Northgate Clinic pays nurses well: the national average salary is $61,000."),
    "rounding": (
        "Tuition at Pellham College is $45,210 this autumn.",
        "Tuition at Pellham College is about $45,000 this autumn."),
    "bounded-agrees": (
        "Tuition at Pellham College is $45,210 this autumn.",
        "Tuition at Pellham College is more than $44,000 this autumn."),
    "different-measures": (
        "Tuition at Pellham College is $45,000.",
        "The average salary of Pellham College graduates is $52,000."),
    "different-givers": (
        "Corvane gave $5 million to the museum.",
        "Telluric gave $6 million to the museum."),
    "counts-of-different-groups": (
        "The school admitted 85 nursing students this year.",
        "The school admitted 240 first-year students this year."),
    "rounded-decimal": (
        "The court ordered the chemical firm to pay $2.38 billion.",
        "The court ordered the chemical firm to pay $2.4 billion."),
    "matched-vs-gift": (
        "An anonymous donor has given the college a $20 million gift.",
        "The province will try to match that $40 million from its own budget."),
    "projection": (
        "The trust's gift is $40 million, to be matched by other donors.",
        "If donors respond, that would mean $80 million in all for new labs."),
    "killed-vs-hospitalised": (
        "Four passengers lost their lives when the ferry capsized.",
        "Seven passengers were still hospitalized on Monday after the ferry capsized."),
    "one-plus-others": (
        "The court heard from Ana Ruiz and 14 other workers who sued the mill.",
        "The court heard from the 15 workers who sued the mill."),
    "span-looking-back": (
        "Okafor has signed with Rovers for the next six seasons.",
        "Okafor is the third striker Rovers have bought over the last three seasons."),
    "part-named-vs-whole": (
        "The Marden Act provides $280 billion for research and industry.",
        "The second and larger division of the Marden Act puts $170 billion into research."),
    "ages-of-two-people": (
        "Ana Ruiz, 34, of Tessel, was among the injured.",
        "The injured included 43-year-old Luis Ortega of Tessel."),
    "count-of-a-part-vs-all": (
        "The partnership joins two universities in the north.",
        "Four universities in all have joined the network."),
}


@pytest.mark.parametrize("case", sorted(QUIET))
def test_legitimate_variants_are_not_conflicts(tmp_path, case):
    a, b = QUIET[case]
    assert conflicts(tmp_path, {"a.txt": f"Story\n\n{a}\n", "b.txt": f"Story\n\n{b}\n"}) == []


REPORTED = {
    "bounded-misses": (
        "Tuition at Pellham College is $45,210 this autumn.",
        "Tuition at Pellham College is more than $48,000 this autumn.", "48,000"),
    "same-holders": (
        "Marlow University received $5 million from the Halden Trust.",
        "The Halden Trust awarded Marlow University $6 million.", "6,000,000"),
    "same-count": (
        "The consortium has 12 partner companies.",
        "The consortium has 15 partner companies.", "15"),
    "two-abouts-apart": (
        "The village has about 200 residents.",
        "The village has about 150 residents.", "150"),
    # (a person's two ages are an attribute-conflict: tests/test_untitled_people.py)
    "about-too-far": (
        "The bridge will cost $410 million.",
        "The bridge will cost about $520 million.", "520"),
}


@pytest.mark.parametrize("case", sorted(REPORTED))
def test_same_frame_conflicts_are_reported(tmp_path, case):
    a, b, needle = REPORTED[case]
    found = conflicts(tmp_path, {"a.txt": f"Story\n\n{a}\n", "b.txt": f"Story\n\n{b}\n"})
    # a figure conflict is a warning at most (confidence.CEILING)
    assert len(found) == 1 and found[0]["severity"] == "warning", found
    assert needle in found[0]["message"] or any(needle in e["exact"]
                                                for e in found[0]["evidence"]), found


def test_background_amounts_are_no_parts_of_the_event_total(tmp_path):
    found, _ = audit_texts(tmp_path, {
        "a.txt": "Wing opens\n\nThe new wing of the Arlen Museum cost $50 million.\n",
        "b.txt": "Wing opens\n\nThe new wing of the Arlen Museum cost $50 million. Last year "
                 "Corvane gave $30 million and Telluric $40 million to an earlier appeal.\n",
    })
    assert [f for f in found if f["class"] in ("arithmetic", "value-conflict")] == []


def test_event_parts_beyond_the_total_are_still_reported(tmp_path):
    found, _ = audit_texts(tmp_path, {
        "a.txt": "Wing opens\n\nThe new wing of the Arlen Museum cost $50 million.\n",
        "b.txt": "Wing opens\n\nThe new wing of the Arlen Museum cost $50 million. Corvane "
                 "gave $30 million and Telluric $40 million toward it.\n",
    })
    assert [f["class"] for f in found if f["class"] == "arithmetic"] == ["arithmetic"]


def test_parts_of_a_document_s_own_total_are_not_the_story_s(tmp_path):
    # the story most often states the port grant ($40M); one document breaks down a larger
    # fund it names first, with a sub-part inside its first part
    found, _ = audit_texts(tmp_path, {
        "a.txt": "Port grant\n\nThe port of Tessel gets a $40 million grant.\n",
        "b.txt": "Port grant\n\nTessel's port gets a $40 million grant from the fund.\n",
        "c.txt": "Port grant\n\nThe wider fund holds $55 million for harbours. It includes "
                 "$38 million for quays, including $3 million for ladders, and $16 million "
                 "for dredging.\n",
    })
    assert [f for f in found if f["class"] == "arithmetic"
            and f["severity"] in ("error", "warning")] == []


def test_a_day_without_a_year_takes_the_story_s_year(tmp_path):
    # an undated page says the launch was on 12 March; the dated pages say 11 March 2025
    found, _ = audit_texts(tmp_path, {
        "a.txt": "Probe launch\n\nThe launch of the Vell probe took place on March 11, 2025, "
                 "at the Korrin site.\n",
        "b.txt": "Probe launch\n\nThe Vell probe launch happened on March 11, 2025, at "
                 "Korrin.\n",
        "c.txt": "Probe launch\n\nThe launch of the Vell probe took place on March 12 at the "
                 "Korrin site.\n",
    })
    dates = [f for f in found if f["class"] == "value-conflict" and "date" in f["message"]]
    assert len(dates) == 1 and "03-12" in dates[0]["message"], found
    assert dates[0]["severity"] == "warning"  # one page against two; a warning at most


@pytest.mark.parametrize("dated_pages", [True, False])
def test_an_earlier_price_beside_the_new_one_is_still_compared(tmp_path, dated_pages):
    # each page gives the new price and, in the same sentence, the price announced in 2021:
    # a comparison of two times, not two parts of one statement; the 2021 prices disagree.
    # Undated pages: the story's own dates (2023) make 2021 an earlier year.
    on_sale = " It went on sale on November 30, 2023."
    files = {
        "a.txt": "Van prices\n\nThe Kestrel van starts at $52,990, up from the original price "
                 f"of $39,900 in 2021.{on_sale}\n",
        "b.txt": "Van prices\n\nOriginally priced at $39,990 in 2021, the Kestrel van now "
                 f"starts at $52,990.{on_sale}\n",
        "c.txt": f"Van prices\n\nThe Kestrel van starts at $52,990.{on_sale}\n",
    }
    if dated_pages:
        files["manifest.toml"] = "".join(f'[[document]]\npath = "{n}"\ndate = "2023-12-01"\n\n'
                                         for n in ("a.txt", "b.txt", "c.txt"))
    found, _ = audit_texts(tmp_path, files)
    vc = [f for f in found if f["class"] == "value-conflict"]
    assert len(vc) == 1 and "39,990" in vc[0]["message"] and "52,990" not in vc[0]["message"]


def test_a_cue_on_another_line_does_not_name_a_date(tmp_path):
    # a page's date line, then a teaser headline for another story, then the story: neither
    # the page's date nor the story's date is the teaser's vote
    found, claims = audit_texts(tmp_path, {
        "a.txt": "Council signs\n\n date 2025-03-03 Harbour\nLIVE: Senators Hold Vote on "
                 "Harbour Bill\nhttps://example.org/x\nHARWICH - The mayor will sign the "
                 "harbour bill on March 9, the council said on Monday.\n",
    })
    assert [f for f in found if f["class"] == "value-conflict"] == []
    assert not [s for kind, s, _ in claims if kind == "date" and s == "vote"]


@pytest.mark.parametrize("text, gives", [
    ("A court ordered Brandt & Lowe to pay $9 million.", ["brandt lowe"]),
    ("The fund gets $9 million from Brandt & Lowe and Corvane Inc.", ["brandt lowe", "corvane"]),
])
def test_an_ampersand_joins_one_name(text, gives):
    assert one(money, text)["holder"]["gives"] == gives


def test_many_signatures_fall_back_to_equal_ones():
    """Above MAX_SIGNATURES distinct signatures in a bucket, only equal signatures (and figures
    that say nothing) are compared, so the cost stays near-linear."""
    from audit.check.comparable import MAX_SIGNATURES, Figure, comparable_sets

    def fig(i: int) -> Figure:
        return Figure(f"c{i}", "n", "l", 1.0, [1.0, 1.0])

    blank = (None, None, None, None, None)
    sigs = [(None, None, frozenset([f"giver {i}"]), None, None)
            for i in range(MAX_SIGNATURES + 6)]
    sets = comparable_sets([(s, fig(i)) for i, s in enumerate(sigs)] + [(blank, fig(-1))])
    assert len(sets) == len(sigs)
    assert all(len(members) == 2 for _, members in sets)


def test_compatible_signatures_are_joined():
    from audit.check.comparable import Figure, comparable_sets

    def fig(i: int) -> Figure:
        return Figure(f"c{i}", "n", "l", 1.0, [1.0, 1.0])

    to_programme = (None, None, None, frozenset(["bridge programme"]), None)
    combined = ("funding", "funding", frozenset(["*all*"]), None, None)
    other_giver = ("funding", "funding", frozenset(["corvane"]), None, None)
    sets = comparable_sets([(to_programme, fig(1)), (combined, fig(2)), (other_giver, fig(3))])
    ids = sorted(sorted(f.claim_id for f in members) for _, members in sets)
    assert ids == [["c1", "c2"], ["c1", "c3"]]  # the two givers' amounts are never compared


# --- amounts listed together ------------------------------------------------------------------

VERDICT = {
    "court.txt": "Verdict\n\nA jury ordered Marlow Foods to pay $12 million in damages to the "
                 "bakers on Friday.\n",
    "wire.txt": "Bakers win\n\nThe jury awarded the bakers $12 million in damages and $30 "
                "million in penalties on Friday.\n",
}


def test_a_listed_amount_naming_its_own_measure_is_compared(tmp_path):
    """"$10 million in damages, and added $30 million, ..." lists amounts, but the first names
    a measure no amount listed with it names: it is compared with the other sources' damages."""
    files = dict(VERDICT)
    files["blog.txt"] = ("Bakery case\n\nThe jury awarded $10 million in damages, then added "
                         "$30 million, taking the total to $40 million.\n")
    findings, _ = audit_texts(tmp_path, files)
    vc = [f for f in findings if f["check"] == "value-conflict"
          and f["severity"] in ("error", "warning")]
    assert len(vc) == 1, [f["message"] for f in findings]
    assert "10,000,000" in vc[0]["message"] and "12,000,000" in vc[0]["message"]


def test_a_listed_amount_is_compared_only_with_its_own_measure(tmp_path):
    """Freed from its list, an amount meets only amounts that name the same measure: the
    blog's "$10 million in fees" is no conflict with the damages, and its unnamed neighbours
    stay listed."""
    files = dict(VERDICT)
    files["blog.txt"] = ("Bakery case\n\nThe jury awarded $10 million in fees, then added "
                         "$30 million, taking the total to $40 million.\n")
    findings, _ = audit_texts(tmp_path, files)
    assert [f["message"] for f in findings if f["check"] == "value-conflict"
            and f["severity"] in ("error", "warning")] == []
