"""A prison term's length is compared only with lengths of the same stance: the most the law
allows ("carries a maximum sentence of 40 years"), what a side asks for ("prosecutors requested
a 30-year sentence") and the term imposed are three figures, not one stated three ways (found
on real coverage of a verdict: the maximum and the request were set against each other)."""

from __future__ import annotations

from audit.extract import times
from tests.extracting import audit_texts, run


def _terms(text: str) -> list[tuple[str, float]]:
    return [(c.subject, c.value["n"]) for c in run(times, text) if c.predicate == "duration"]


def test_the_stance_is_read_from_the_words_before_the_length_in_its_clause():
    assert _terms("The charge carries a maximum sentence of 40 years.") == [
        ("sentence length (maximum)", 40)]
    assert _terms("He faces a sentence of up to 12 years.") == [
        ("sentence length (maximum)", 12)]
    assert _terms("The defence had faced the jury for weeks, and prosecutors requested a "
                  "30-year sentence.") == [("sentence length (sought)", 30)]
    assert _terms("The judge handed down a sentence of 18 years on Friday.") == [
        ("sentence length", 18)]


PAGES = {
    "a.txt": "Verdict in the Harlow case\n\nJudge Ines Varga handed down a sentence of 18 years "
             "to Tomas Reel on Friday. The charge carries a maximum sentence of 40 years.\n",
    "b.txt": "Reel sentenced\n\nProsecutors had requested a 30-year sentence for Tomas Reel, "
             "but Judge Ines Varga gave him an 18-year sentence on Friday.\n",
    "c.txt": "Harlow case closes\n\nTomas Reel received an 18-year sentence from Judge Ines "
             "Varga on Friday, ending the Harlow case.\n",
}


def _conflicts(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "time-conflict" and f["severity"] != "info"]


def test_a_maximum_a_request_and_the_term_imposed_are_not_compared(tmp_path):
    found, _ = audit_texts(tmp_path, PAGES)
    assert _conflicts(found) == []
    wrong = dict(PAGES, **{"c.txt": PAGES["c.txt"].replace("18-year", "28-year")})
    found, _ = audit_texts(tmp_path / "wrong", wrong)
    (f,) = _conflicts(found)
    assert [v["value"] for v in f["values"]] == ["18 year", "28 year"]
