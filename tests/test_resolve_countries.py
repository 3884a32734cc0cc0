"""Countries, their abbreviations and demonyms, and organisation legal forms: one entity, never
a misspelling; two different countries are never one entity."""

from __future__ import annotations

import pytest

from audit.resolve.cluster import Mention, cluster
from audit.resolve.countries import country_key, strip_legal
from audit.resolve.names import classify


@pytest.mark.parametrize("surface,code", [
    ("United Kingdom", "GBR"), ("the U.K.", "GBR"), ("UK", "GBR"), ("Britain", "GBR"),
    ("Great Britain", "GBR"), ("British", "GBR"), ("Britain’s", "GBR"),
    ("United States", "USA"), ("U.S.", "USA"), ("USA", "USA"), ("America", "USA"),
    ("American", "USA"), ("Vietnam", "VNM"), ("Viet Nam", "VNM"), ("Iran", "IRN"),
    ("South Korea", "KOR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Holland", "NLD"), ("the Netherlands", "NLD"),
])
def test_country_spellings_share_one_key(surface, code):
    assert country_key(surface) == code


@pytest.mark.parametrize("surface", ["us", "Korea", "England", "Northwind", "Acme Corp"])
def test_not_a_country_or_ambiguous(surface):
    assert country_key(surface) is None


@pytest.mark.parametrize("a,b,etype", [
    ("United Kingdom", "U.K.", "place"), ("United Kingdom", "Britain", "place"),
    ("U.S.", "United States", "org"), ("Vietnam", "Viet Nam", "place"),
    ("U.S. Department of Commerce", "United States Department of Commerce", "org"),
    ("UK Research Council", "United Kingdom Research Council", "org"),
])
def test_country_variants_are_kind_country(a, b, etype):
    assert classify(a, b, etype) == "country"


@pytest.mark.parametrize("a,b", [
    ("Tessel Robotics Inc.", "Tessel Robotics"), ("Marrow Glassworks Ltd", "Marrow Glassworks"),
    ("Orvik Holdings plc", "Orvik Holdings"), ("Halden Clay LLC", "Halden Clay"),
    ("Brann Foundry Corp.", "Brann Foundry Corporation"),
])
def test_legal_forms_are_kind_legal(a, b):
    assert classify(a, b, "org") == "legal"


def test_strip_legal_keeps_a_name_that_is_only_a_legal_form():
    assert strip_legal(("acme", "co", "ltd")) == ("acme",)
    assert strip_legal(("plc",)) == ("plc",)


def kinds(entities) -> dict[str, str]:
    return {v: k for e in entities for _, v, k in e.members}


def test_one_country_however_written_is_one_entity_without_a_misspelling():
    ms = [Mention(str(i), "place", s) for i, s in
          enumerate(["United Kingdom", "U.K.", "UK", "Britain", "the United Kingdom"])]
    ents = cluster(ms)
    assert len(ents) == 1
    assert "spelling" not in kinds(ents).values()


def test_two_countries_close_in_letters_stay_apart():
    for a, b in [("Austria", "Australia"), ("Iran", "Iraq"), ("Niger", "Nigeria"),
                 ("Slovenia", "Slovakia")]:
        ents = cluster([Mention("a", "place", a), Mention("b", "place", b)])
        assert len(ents) == 2, (a, b)


def test_a_misspelt_country_is_still_a_misspelling():
    ents = cluster([Mention("a", "place", "Kenya"), Mention("b", "place", "Kenya"),
                    Mention("c", "place", "Kenia")])
    assert len(ents) == 1 and kinds(ents)["Kenia"] == "spelling"


def test_an_acronym_that_is_a_country_does_not_join_an_organisation():
    ms = [Mention("a", "org", "Umbra Kinetics"), Mention("b", "org", "UK")]
    assert len(cluster(ms)) == 2


def test_university_of_x_and_x_university_stay_distinct():
    ms = [Mention("a", "org", "University of Marsk"), Mention("b", "org", "Marsk University")]
    assert len(cluster(ms)) == 2


def test_a_legal_form_variant_joins_its_organisation_quietly():
    ms = [Mention("a", "org", "Tessel Robotics Inc."), Mention("b", "org", "Tessel Robotics"),
          Mention("c", "org", "Tessel Robotics")]
    ents = cluster(ms)
    assert len(ents) == 1 and kinds(ents)["Tessel Robotics Inc."] == "legal"


def test_a_letter_prefixed_short_form_is_not_a_misspelling():
    ents = cluster([Mention("a", "org", "UMarsk"), Mention("b", "org", "Marsk")])
    assert len(ents) == 2


def test_regular_demonyms_missing_from_the_table_are_made_from_country_names():
    from audit.resolve.countries import country_key, country_name
    assert [country_key(w) for w in ("Nepali", "Nepalese", "Kenyan", "Bangladeshi")] == [
        "NPL", "NPL", "KEN", "BGD"]
    assert country_key("Austrian") == "AUT" and country_key("Australian") == "AUS"
    assert country_key("nepali") is None  # a demonym is capitalised
    assert country_name("NPL") == "nepal"
