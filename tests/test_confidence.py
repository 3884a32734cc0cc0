"""Confidence on every finding: the documented features, severity following it, and the
--min-confidence option on run/check/report."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from audit.check.confidence import (
    CEILING,
    PRIOR,
    THRESHOLDS,
    Side,
    confidence,
    severity_for,
    thresholds,
)
from audit.severity import SEVERITIES, rank
from tests.conftest import invoke
from tests.extracting import audit_texts


def side(*docs: str, zones: tuple[str, ...] = ("body",)) -> Side:
    return Side(frozenset(docs), frozenset(zones))


def test_features_lower_confidence_in_documented_steps():
    # a figure class with no ceiling shows each step (value-conflict's ceiling hides the first)
    strong = confidence("measurement-conflict", [side("a", "b"), side("c")])
    assert strong == PRIOR["measurement-conflict"]
    one_one = confidence("measurement-conflict", [side("a"), side("b")])
    assert one_one < strong
    same_doc = confidence("measurement-conflict", [side("a"), side("a")])
    assert same_doc < one_one
    three = confidence("measurement-conflict", [side("a", "b"), side("c"), side("d")])
    four = confidence("measurement-conflict",
                      [side("a", "b"), side("c"), side("d"), side("e")])
    assert four < three < strong  # several values: more often several facts than one misstated
    headline = confidence("measurement-conflict",
                          [side("a", "b"), side("c", zones=("title",))])
    assert headline < strong
    # headlines weaken figures, not spellings
    assert confidence("name-variant", [side("a", "b"), side("c", zones=("title",))]) == \
        PRIOR["name-variant"]
    assert confidence("quote-drift", [side("a"), side("b")], {"shared": 0.2}) < \
        confidence("quote-drift", [side("a"), side("b")], {"shared": 0.9})


@given(st.sampled_from(sorted(PRIOR) + ["unknown-class"]),
       st.lists(st.tuples(st.sets(st.sampled_from("abcde"), max_size=4),
                          st.sets(st.sampled_from(["title", "body", "caption", "quote"]))),
                max_size=5),
       st.one_of(st.none(), st.floats(min_value=-1, max_value=2)))
def test_confidence_is_a_probability(cls, sides, shared):
    score = confidence(cls, [Side(frozenset(d), frozenset(z)) for d, z in sides],
                       {"shared": shared})
    assert 0.0 <= score <= 1.0 and round(score, 2) == score


@given(st.sampled_from(SEVERITIES + ("custom",)), st.floats(min_value=0, max_value=1),
       st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_severity_never_rises_and_meets_thresholds(severity, score, error_at, warn_at):
    limits = {"error": max(error_at, warn_at), "warning": min(error_at, warn_at)}
    out = severity_for(severity, score, limits)
    if severity == "custom":
        assert out == "custom"
        return
    assert rank(out) >= rank(severity)
    if out in limits and out != "info":
        assert score >= limits[out]


def test_suite_meta_sets_thresholds():
    assert thresholds({}) == {"error": 0.6, "warning": 0.3}
    assert thresholds({"meta": {"confidence": {"error": 0.8}}}) == {"error": 0.8, "warning": 0.3}


def _write(project, files):
    for name, text in files.items():
        (project / "sources" / name).write_text(text, encoding="utf-8")


def test_headline_only_figure_is_demoted_and_min_confidence_filters(project):
    # one outlet's headline rounds the figure; the bodies of two others agree
    _write(project, {
        "a.md": "# Grant of $13 million for harbour cranes\n\nThe Westport harbour board approved "
                "a grant for two electric cranes on Tuesday, May 7, 2024.\n",
        "b.txt": "The Westport harbour board approved a $12 million grant for two electric "
                 "cranes on Tuesday, May 7, 2024, board chair Lena Voss said.\n",
        "c.txt": "Board chair Lena Voss said the $12 million grant for two electric cranes was "
                 "approved by the Westport harbour board on Tuesday, May 7, 2024.\n",
    })
    assert invoke("run", project, "--format", "json", "--fail-on", "never").exit_code == 0
    bundle = json.loads((project / "reports" / "findings.json").read_text())
    assert bundle["schema_version"] == "1.1"
    assert all(isinstance(f["confidence"], float) for f in bundle["findings"])
    conflicts = [f for f in bundle["findings"] if f["class"] == "value-conflict"]
    assert conflicts, bundle["findings"]
    c = conflicts[0]
    assert c["confidence"] < 0.6 and c["severity"] == "warning"
    assert c["details"]["judged_severity"] == "error"
    # the same stored run, reported above the finding's confidence: it is left out
    assert invoke("report", project, "--format", "json", "--min-confidence",
                  str(c["confidence"] + 0.01)).exit_code == 0
    shown = json.loads((project / "reports" / "findings.json").read_text())
    assert c["id"] not in {f["id"] for f in shown["findings"]}
    assert shown["summary"]["total"] == len([f for f in shown["findings"] if not f["accepted"]])
    # and a run with --min-confidence does not store it
    assert invoke("run", project, "--format", "json", "--fail-on", "never",
                  "--min-confidence", "0.9").exit_code == 0
    rerun = json.loads((project / "reports" / "findings.json").read_text())
    assert all(f["confidence"] >= 0.9 or f["class"] == "integrity" for f in rerun["findings"])


def test_suite_confidence_meta_is_validated(project):
    suite = project / "checks" / "consistency.json"
    data = json.loads(suite.read_text())
    data["meta"]["confidence"] = {"error": 1.5}
    suite.write_text(json.dumps(data))
    result = invoke("check", project)
    assert result.exit_code == 2 and "meta.confidence" in result.output
    assert "consistency.json" in result.output


def test_a_part_and_its_total_are_weaker_evidence():
    from audit.check.checks.value_conflict import _difference_stated
    from audit.check.comparable import Figure

    one, both = (Figure("c1", "USD 100", "$100 million", 100e6, [100e6, 100e6]),
                 Figure("c2", "USD 150", "$150 million", 150e6, [150e6, 150e6]))
    # the story also states $50 million: 100 + 50 = 150, a part and a total
    assert _difference_stated([one, both], {50e6, 100e6, 150e6}) == 50e6
    assert _difference_stated([one, both], {100e6, 150e6, 20e6}) is None
    plain = confidence("value-conflict", [side("a", "b"), side("c")])
    assert confidence("value-conflict", [side("a", "b"), side("c")],
                      {"difference_stated": 50e6}) < THRESHOLDS["warning"] <= plain


def test_five_values_under_one_key_are_several_facts():
    # prices of several trims, or a total, its parts and their roundings: info, not a warning
    five = confidence("value-conflict", [side("a", "b"), side("c"), side("d"), side("e"),
                                         side("f")])
    assert five < THRESHOLDS["warning"]
    assert confidence("value-conflict", [side("a", "b"), side("c"), side("d"), side("e")]) \
        >= THRESHOLDS["warning"]


def test_a_part_and_its_total_alone_stay_below_warning():
    assert confidence("value-conflict", [side("a", "b"), side("c")],
                      {"difference_stated": 5e6}) < THRESHOLDS["warning"]


def test_many_values_with_a_stated_gap_are_a_part_and_a_total():
    from audit.check.checks.value_conflict import _difference_stated
    from audit.check.comparable import Figure

    vals = [Figure(f"c{n}", f"USD {n}", f"${n} million", n * 1e6, [n * 1e6, n * 1e6])
            for n in (60, 90, 25)]
    # 90 - 60 = 30 is stated: a part and a total, whatever the third value
    assert _difference_stated(vals, {30e6, 60e6, 90e6}) == 30e6
    assert _difference_stated(vals, {60e6, 90e6, 25e6, 7e6}) is None


def test_a_document_stating_both_figures_weakens_a_two_valued_conflict():
    plain = confidence("measurement-conflict", [side("a", "b"), side("c")])
    # the only document of the odd value also states the common one: a later or other figure
    both = confidence("measurement-conflict", [side("a", "b", "c"), side("c")])
    assert THRESHOLDS["warning"] <= both < plain
    # an amount or count so stated in one line of that page is info alone: on real coverage
    # the writer mostly set two facts side by side; lines apart it stays a warning
    odd = [side("a", "b", "c"), side("c")]
    assert confidence("value-conflict", odd, {"same_line": True}) < THRESHOLDS["warning"] <= \
        confidence("value-conflict", odd) < confidence("value-conflict", [side("a", "b"),
                                                                          side("c")])
    # spellings are not figures: a document using both spellings still misspells one
    assert confidence("name-variant", [side("a", "b", "c"), side("c")]) == \
        confidence("name-variant", [side("a", "b"), side("c")])


def test_two_figures_of_one_fact_on_one_page_alone_stay_below_warning():
    limits = THRESHOLDS
    for cls in ("value-conflict", "measurement-conflict", "time-conflict"):
        score = confidence(cls, [side("a"), side("a")])
        assert severity_for("error", score, limits) == "info", (cls, score)
    # other classes read within one page keep their weight: a parts-and-total sum
    assert severity_for("error", confidence("arithmetic", [side("a"), side("a")]),
                        limits) == "warning"


def test_a_page_stating_two_of_three_values_leaves_info():
    # three parties' seat counts under one key: one page states two of them
    mixed = confidence("value-conflict", [side("a", "b"), side("a", "c"), side("d")])
    apart = confidence("value-conflict", [side("a", "b"), side("c", "e"), side("d")])
    assert mixed < THRESHOLDS["warning"] <= apart
    # not for classes that are no figure comparison
    assert confidence("name-variant", [side("a", "b"), side("a"), side("c")]) == \
        confidence("name-variant", [side("a", "b"), side("e"), side("c")])


def test_a_figure_most_of_the_storys_pages_never_state_is_weak_evidence():
    from audit.check.confidence import Side, confidence

    def side(*docs):
        return Side(frozenset(docs), frozenset({"body"}))
    two_of_twelve = confidence("value-conflict", [side("a"), side("b")],
                               {"story_documents": 12})
    two_of_two = confidence("value-conflict", [side("a"), side("b")], {"story_documents": 2})
    assert two_of_twelve < two_of_two  # weaker in a large story than alone
    four_of_twelve = confidence("value-conflict", [side("a", "c", "d"), side("b")],
                                {"story_documents": 12})
    assert four_of_twelve == CEILING["value-conflict"]
    # one page against one on a figure few pages give: two weak supports, info
    assert two_of_twelve < 0.3 <= confidence("value-conflict", [side("a", "c"), side("b")],
                                             {"story_documents": 12})


@given(st.lists(st.tuples(st.sets(st.sampled_from("abcdefgh"), min_size=1, max_size=6),
                          st.sets(st.sampled_from(["title", "body", "caption", "quote"]))),
                min_size=2, max_size=5))
def test_a_figure_conflict_alone_never_reaches_an_error(sides):
    # on real coverage most figures that differ under one key are two facts: a warning at most,
    # however many pages stand on each side
    score = confidence("value-conflict", [Side(frozenset(d), frozenset(z)) for d, z in sides])
    assert score <= CEILING["value-conflict"] < THRESHOLDS["error"]
    assert severity_for("error", score, THRESHOLDS) != "error"


def test_every_page_stating_every_value_is_two_facts_not_a_disagreement():
    # two pages that each give a departure time and an arrival time: no writer disagrees
    both = confidence("time-conflict", [side("a", "b"), side("a", "b")])
    apart = confidence("time-conflict", [side("a", "b"), side("c", "d")])
    assert both < THRESHOLDS["warning"] <= apart
    # a page giving both days of a launch (one per time zone) states no conflict of its own
    odd_restates = confidence("date-conflict", [side("a", "b"), side("a")])
    assert odd_restates < confidence("date-conflict", [side("a", "b"), side("c")])
    assert confidence("date-conflict", [side("a", "b"), side("a")],
                      {"adjacent_days": True}) < THRESHOLDS["warning"]


def test_an_amount_or_day_with_no_corroborated_value_is_weak_evidence():
    # one page gives a model's price, another page another price: neither is corroborated,
    # and of amounts that is most often two things priced, not one misstated
    one_each = [side("a"), side("b")]
    backed = [side("a", "c"), side("b")]
    four = {"story_documents": 4}
    for kind in ("money", "date"):
        assert confidence("value-conflict", one_each, {"kind": kind, **four}) < \
            THRESHOLDS["warning"]
        assert confidence("value-conflict", backed, {"kind": kind, **four}) >= \
            THRESHOLDS["warning"]
        # two documents (a release and one article) can only stand one against one
        assert confidence("value-conflict", one_each, {"kind": kind, "story_documents": 2}) \
            >= THRESHOLDS["warning"]
    # a count one page against one keeps its warning (a toll, a tally)
    assert confidence("value-conflict", one_each, {"kind": "count", **four}) >= \
        THRESHOLDS["warning"]
    # no kind (a currency slip) or a toll swap: read differently, unchanged
    assert confidence("value-conflict", one_each, four) >= THRESHOLDS["warning"]
    assert confidence("value-conflict", one_each,
                      {"kind": "count", "swapped": {"value": 12}, **four}) >= \
        THRESHOLDS["warning"]


def test_values_each_corroborated_by_two_pages_are_two_facts():
    # an earlier quarter's revenue and this one's, each copied by several outlets
    both = [side("a", "b"), side("c", "d", "e")]
    for kind in ("money", "count", "date"):
        assert confidence("value-conflict", both, {"kind": kind}) < THRESHOLDS["warning"]
    assert confidence("value-conflict", [side("a", "b"), side("c")],
                      {"kind": "count"}) >= THRESHOLDS["warning"]


def _plant_pages(sep: str) -> dict[str, str]:
    return {
        "a.txt": "Plant approved\n\nThe Orvell recycling plant will cost $120 million, the "
                 "council said on Monday.\n",
        "b.txt": "Council vote\n\nThe Orvell recycling plant will cost $120 million, officials "
                 "said.\n",
        "c.txt": f"Orvell plant\n\nThe Orvell recycling plant will cost $120 million.{sep}"
                 "Building it will cost $150 million, the mayor said.\n",
    }


def test_a_page_setting_both_figures_side_by_side_gives_info(tmp_path):
    # one paragraph: the writer wrote both as two facts
    found, _ = audit_texts(tmp_path / "line", _plant_pages(" "))
    (f,) = [f for f in found if f["class"] == "value-conflict"]
    assert f["details"]["same_line"] is True and f["severity"] == "info"
    # paragraphs apart: maybe a slip of that page, still a warning
    found, _ = audit_texts(tmp_path / "apart", _plant_pages("\n\n"))
    (f,) = [f for f in found if f["class"] == "value-conflict"]
    assert "same_line" not in f["details"] and f["severity"] == "warning"
