"""A city's name in two languages, and a country or its people named in any language, are no
person's name spelled two ways (lessons of held-out set 19; texts written here, not copied)."""

from __future__ import annotations

import pytest

from audit.check.confidence import Side, confidence
from audit.resolve.countries import names_a_country
from audit.resolve.gazetteer import same_place
from tests.extracting import audit_texts


@pytest.mark.parametrize("a, b", [("Lisbona", "Lisboa"), ("Munich", "München"),
                                  ("Milano", "Milan"), ("Lissabon", "Lisbon")])
def test_names_of_one_city(a, b):
    assert same_place(a, b) and same_place(b, a)


@pytest.mark.parametrize("a, b", [("Kishida", "Kishido"), ("Lisboa", "Lisboa"),
                                  ("Milan", "Berlin"), ("Hartmann", "Hartman")])
def test_not_names_of_one_city(a, b):
    assert not same_place(a, b)


@pytest.mark.parametrize("surface", ["Sri Lankan", "Sri Lankans", "Saudis", "Americans",
                                     "Arabia Saudită", "Estados Unidos"])
def test_a_country_or_its_people_in_any_language(surface):
    assert names_a_country(surface)


@pytest.mark.parametrize("surface", ["Anna Hartmann", "Lisboa", "Ranil Perera", "sri lankans",
                                     # a country's one-word name may be a surname
                                     "Holland", "Jordan", "Chad", "Deutschland"])
def test_not_a_country(surface):
    assert not names_a_country(surface)


def test_place_names_alone_leave_a_finding_at_info():
    one = Side(frozenset({"a"}), frozenset({"body"}))
    many = Side(frozenset({"b", "c", "d"}), frozenset({"body"}))
    assert confidence("name-variant", [one, many], {}) >= 0.6
    assert confidence("name-variant", [one, many], {"place_names": True}) < 0.3


PT = ("A câmara reuniu-se na terça-feira para discutir a nova linha de elétrico. Os engenheiros "
      "disseram que as obras vão durar dois anos e custar menos do que o previsto. ")
IT = ("Il consiglio si è riunito martedì per discutere della nuova linea del tram. Gli "
      "ingegneri hanno detto che i lavori dureranno due anni. ")
EN = ("The council met on Tuesday to discuss the new tram line. Engineers said the work would "
      "take two years and cost less than first planned. ")


def _names(found: list[dict]) -> list[tuple[str, str]]:
    return sorted((f["severity"], f["message"]) for f in found if f["class"] == "name-variant")


def test_a_city_named_in_two_languages_is_no_misspelling(tmp_path):
    files = {
        "c.txt": f"Linha\n\nA presidente Carla Fenner falou em Lisboa. {PT}\n",
        "d.txt": f"Linha\n\nUm acidente no centro de Lisboa parou o serviço. {PT}\n",
        "f.txt": f"Linha\n\nO serviço de Lisboa parou depois de um acidente. {PT}\n",
        "g.txt": f"Linha\n\nA linha de Lisboa volta a abrir amanhã. {PT}\n",
        "k.txt": f"Linha\n\nO presidente de Lisboa falou ontem. {PT}\n",
        "h.txt": f"Linea\n\nIl servizio di Lisbona si è fermato. {IT}\n",
        "e.txt": f"Tram\n\nMayor Carla Fenner spoke on Tuesday. {EN}\n",
    }
    found, _ = audit_texts(tmp_path, files)
    lis = [(s, m) for s, m in _names(found) if "Lisbona" in m]
    assert all(s == "info" for s, _ in lis), lis
    # a letter dropped from a name no city bears stays a misspelling
    files["h.txt"] = f"Linea\n\nIl servizio di Lissboa si è fermato. {IT}\n"
    found, _ = audit_texts(tmp_path / "typo", files)
    assert [s for s, m in _names(found) if "Lissboa" in m] == ["error"], _names(found)
