"""A number of minutes, years or days written in another language ("a los 29 minutos", "27
ans") falls through to the counts as a number of things; two such numbers differing are a
minute of play, an age and a span since, not two tallies of one thing. Found on real coverage
of two finals, where each was a warning; now info, still listed."""

from __future__ import annotations

from audit.check.confidence import THRESHOLDS, Side, confidence
from tests.extracting import audit_texts, pipeline

PAGES = {
    "a.txt": "Final en Lima\n\nRuiz abrió el marcador con un gol a los 29 minutos del partido.\n",
    "b.txt": "Campeones\n\nRuiz abrió el marcador con un gol a los 29 minutos ante Boca.\n",
    "c.txt": "Crónica\n\nRuiz abrió el marcador con un gol a los 13 minutos de juego.\n",
}


def test_counts_of_a_unit_of_time_are_info(tmp_path):
    found, _ = audit_texts(tmp_path, PAGES)
    (f,) = [f for f in found if f["class"] == "value-conflict"]
    assert f["details"]["time_unit"] is True
    assert f["severity"] == "info"


def test_counts_of_things_keep_their_warning(tmp_path):
    pages = {k: v.replace("minutos", "tiros") for k, v in PAGES.items()}
    found, _ = audit_texts(tmp_path, pages)
    (f,) = [f for f in found if f["class"] == "value-conflict"]
    assert "time_unit" not in f["details"]
    assert f["severity"] == "warning"


def test_the_time_unit_factor_takes_a_warning_below_the_threshold():
    sides = [Side(frozenset({"a", "b"}), frozenset({"body"})),
             Side(frozenset({"c"}), frozenset({"body"}))]
    assert confidence("value-conflict", sides) >= THRESHOLDS["warning"]
    assert confidence("value-conflict", sides, {"time_unit": True}) < THRESHOLDS["warning"]


def test_the_number_of_a_minute_of_play_is_no_count():
    # the number after "minuto" is the minute; the next word ("tras": after) counts nothing
    assert pipeline("Ruiz marcó en el minuto 112 tras un pase de Soto.", "count") == []
    assert pipeline("Ruiz scored in minute 90 after a long pass.", "count") == []
