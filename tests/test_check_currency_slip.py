"""currency-slip on small invented stories, through the real CLI."""

from __future__ import annotations

from tests.extracting import audit_texts


def slips(tmp_path, files: dict[str, str]) -> list[dict]:
    got, _ = audit_texts(tmp_path, {k: f"Story\n\n{v}\n" for k, v in files.items()})
    return [f for f in got if f["check"] == "currency-slip"]


FEE = {
    "a.txt": "Harbourside FC signed the striker from Lakeview for a fee of £40m on Tuesday.",
    "b.txt": "The striker joined Harbourside FC from Lakeview on Tuesday for £40m.",
    "c.txt": "Harbourside FC paid Lakeview £40m for the striker, the clubs said on Tuesday.",
}


def test_the_same_number_under_another_currency_is_reported(tmp_path):
    files = dict(FEE, **{"d.txt": "Harbourside FC bought the striker from Lakeview for "
                                  "€40 million on Tuesday."})
    got = slips(tmp_path, files)
    assert len(got) == 1, got
    f = got[0]
    assert f["class"] == "value-conflict" and f["severity"] == "warning"
    assert f["details"]["odd_currency"] == "EUR" and f["details"]["currency"] == "GBP"
    assert {e["path"].rsplit("/", 1)[-1] for e in f["evidence"]} >= {"d.txt"}


def test_a_conversion_and_a_page_stating_both_are_not_slips(tmp_path):
    files = dict(FEE, **{
        "d.txt": "Harbourside FC bought the striker from Lakeview for €46.5 million on Tuesday.",
        "e.txt": "Lakeview had rejected a €40 million bid before accepting £40m on Tuesday.",
    })
    assert slips(tmp_path, files) == []


def test_small_prices_are_left_alone(tmp_path):
    files = {
        "a.txt": "Tickets for the final cost £45 each, the club said on Tuesday.",
        "b.txt": "The club said on Tuesday that tickets cost £45.",
        "c.txt": "Tickets are priced at €45, the club said on Tuesday.",
    }
    assert slips(tmp_path, files) == []


def test_each_odd_currency_is_set_against_the_most_stated_one(tmp_path):
    files = dict(FEE, **{"d.txt": "Harbourside FC bought the striker from Lakeview for "
                                  "€40 million on Tuesday.",
                         "e.txt": "Der Stürmer wechselt für 40 Millionen Franken zu "
                                  "Harbourside FC."})
    got = slips(tmp_path, files)
    assert sorted(f["details"]["odd_currency"] for f in got) == ["CHF", "EUR"], got
    table = dict(FEE, **{"d.txt": "The fee: £40m, or €40 million by one count, and 40 "
                                  "million francs by another."})
    assert slips(tmp_path / "table", table) == []  # one page, three currencies: conversions


def test_a_side_that_only_says_more_than_the_number_is_info(tmp_path):
    """"more than €40m" beside "£40m" is how a converted amount is rounded down (the pound is
    worth more): weak, info. An "up to" side or an exact one stays a warning."""
    files = dict(FEE, **{"d.txt": "Harbourside FC bought the striker from Lakeview for more "
                                  "than €40 million on Tuesday."})
    (got,) = slips(tmp_path, files)
    assert got["details"]["lower_bound"] is True
    assert got["severity"] == "info" and got["confidence"] < 0.3
    files = dict(FEE, **{"d.txt": "Harbourside FC bought the striker from Lakeview for up "
                                  "to €40 million on Tuesday."})
    (got,) = slips(tmp_path / "up-to", files)
    assert "lower_bound" not in got["details"] and got["severity"] == "warning"
