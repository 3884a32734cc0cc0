"""Words around a name that are not the name: a nationality adjective written before it in
two languages ("Kenyan ..." / "Kényan ..."), and an adjective written alone many times beside
the plural noun of an event's name ("Olympic" beside "Rome Olympics"). Both were called a
person's misspelling on real coverage of a sprint final; neither is one."""

from __future__ import annotations

from audit.resolve.names import classify, tokens
from tests.extracting import audit_texts


def _variants(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "name-variant"]


def test_a_leading_nationality_is_not_a_given_name():
    assert tokens("Kenyan Amos Wekesa Otieno") == ("amos", "wekesa", "otieno")
    assert tokens("Kenyan Amos Otieno") == ("amos", "otieno")
    # two words stay: "Kenyan" could be all there is before the surname
    assert tokens("Kenyan Otieno") == ("kenyan", "otieno")
    # a country's name may be a given name, a nationality adjective is not
    assert tokens("Jordan Amos Otieno") == ("jordan", "amos", "otieno")
    # one person described in two languages: a longer and a shorter form, not a misspelling
    assert classify("Kenyan Amos Otieno", "Kényan Amos Otieno") != "spelling"


LINEUP = {
    "a.txt": "Rome 400m final\n\nThe winner beat Kenyan Amos Otieno by a hundredth. Amos Otieno "
             "said he had run his best race. It was his first Olympic final.\n",
    "b.txt": "Photo finish in Rome\n\nKenyan Amos Otieno was second. Amos Otieno told "
             "reporters the Rome Olympics were his last.\n",
    "c.txt": "Finale du 400 m\n\nLe Kényan Amos Otieno a pris la deuxième place. "
             "Amos Otieno a couru en 43.91.\n",
    "d.txt": "Final result\n\nThe Kényan Amos Otieno finished second at the Rome Olympics. "
             "His first Olympic medal came after a long Olympic career, with an Olympic "
             "record in the heats and a new Olympic best for his country.\n",
    "e.txt": "Rome Olympics\n\nOtieno's coach said the Olympic programme had been hard on him. "
             "He plans to run at the next Olympic trials.\n",
}


def test_the_sprint_story_has_no_misspelt_person(tmp_path):
    found, _ = audit_texts(tmp_path, LINEUP)
    assert _variants(found) == []


def test_a_real_misspelling_of_the_surname_is_still_found(tmp_path):
    pages = dict(LINEUP)
    pages["f.txt"] = ("Silver for Kenya\n\nAmos Otiena took silver in Rome, the Kenyan "
                      "federation said.\n")
    found, _ = audit_texts(tmp_path, pages)
    (f,) = _variants(found)
    assert {v["value"] for v in f["values"]} >= {"Amos Otiena"}
