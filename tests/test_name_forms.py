"""A name written in another language's form, or in two transliterations each in use, is weak
evidence of a misspelling (lessons of held-out set 13; texts written here, not copied)."""

from __future__ import annotations

from audit.check.checks.name_variant import language_form, vowels_only
from audit.check.confidence import Side, confidence
from audit.check.language import language, other_language
from tests.test_frames import audit_texts

EN_BODY = ("The regional council met on Tuesday to discuss the new bridge over the river. "
           "Engineers said the work would take two years and cost less than first planned. "
           "Residents asked for a footpath and better lighting, and the council agreed to "
           "study both requests before the summer. ")
ES_BODY = ("El consejo regional se reunió el martes para hablar del nuevo puente sobre el río. "
           "Los ingenieros dijeron que las obras durarán dos años y costarán menos de lo "
           "previsto. Los vecinos pidieron un paseo peatonal y mejor iluminación, y el consejo "
           "aceptó estudiar ambas peticiones antes del verano. ")


def test_language_of_a_page_and_none_when_too_short():
    assert language(EN_BODY * 2) == "en"
    assert language(ES_BODY * 2) == "es"
    assert language("Bridge opens") is None  # too few letters to tell
    assert other_language(["es"], ["en", "en"])
    assert not other_language(["es", "en"], ["en"])
    assert not other_language([None], ["en"])  # unsure: weakens nothing


def test_vowels_only():
    assert vowels_only("Zinda Jan", "Zenda Jan")
    assert vowels_only("Abdul Wahed Rayan", "Abdul Wahid Rayan")
    assert not vowels_only("Kestrel", "Kestral Ltd")  # not as many letters
    assert not vowels_only("Marta Ruiz", "Marta Ruis")  # a consonant
    assert not vowels_only("José", "Jose")  # accents aside, the same
    assert vowels_only("Muhammad Rafi", "Mohammad Rafi") and vowels_only("Ahmad", "Ahmed")
    assert not vowels_only("Kong Bananza", "Kong Bonanza")  # no romanisation swaps a and o
    assert not vowels_only("Greg McMicheal", "Greg McMichael")  # two letters swapped: a typo


def test_language_form():
    assert language_form("Talibã", "Taliban")
    assert language_form("Abdul Wahed", "Abdul Wahid")
    assert not language_form("Jenifer Hermo", "Jennifer Hermo")  # a letter dropped
    assert not language_form("Ramón Teixidor", "Ramon Teixido")  # and one added


def test_confidence_of_forms():
    one = Side(frozenset({"a"}), frozenset({"body"}))
    two = Side(frozenset({"b", "c"}), frozenset({"body"}))
    three = Side(frozenset({"d", "e"}), frozenset({"body"}))
    base = confidence("name-variant", [one, two], {})
    assert base >= 0.6  # an error
    assert confidence("name-variant", [one, two], {"other_language": True}) < 0.3
    assert confidence("name-variant", [two, three], {"vowels_only": True}) < 0.3
    # one page's vowel changed ("Kurien") keeps its confidence
    assert confidence("name-variant", [one, two], {"vowels_only": True}) == base


# one councillor's name on two English pages and, in Spanish form, on a Spanish one
TEIXIDO = {
    "a.txt": f"Bridge vote\n\nCouncillor Ramon Teixido led the vote. {EN_BODY}Ramon Teixido "
             "thanked the engineers.\n",
    "b.txt": f"Bridge vote\n\nCouncillor Ramon Teixido said the vote was clear. {EN_BODY}\n",
    "c.txt": f"Votación del puente\n\nEl concejal Ramon Teixedo dirigió la votación. {ES_BODY}"
             "Ramon Teixedo agradeció el trabajo.\n",
}


def _nv(found: list[dict]) -> list[tuple[str, str]]:
    return sorted((f["severity"], f["message"]) for f in found if f["class"] == "name-variant"
                  and f["severity"] in ("error", "warning"))


def test_a_name_in_another_language_s_form_is_no_misspelling(tmp_path):
    files = dict(TEIXIDO)
    found, _ = audit_texts(tmp_path, files)
    assert not [m for _, m in _nv(found) if "Teixedo" in m], _nv(found)
    # the same spelling on a page in the canonical spelling's language is still an error
    files["c.txt"] = f"Bridge vote\n\nCouncillor Ramon Teixido spoke first. {EN_BODY}Ramon " \
                     "Teixedo thanked the engineers.\n"
    found, _ = audit_texts(tmp_path / "en", files)
    assert [s for s, m in _nv(found) if "Teixedo" in m] == ["error"], _nv(found)
    # a letter dropped on the Spanish page is a typo in any language: still an error
    files["c.txt"] = f"Votación del puente\n\nEl concejal Ramon Teixdo dirigió la votación. {ES_BODY}\n"
    found, _ = audit_texts(tmp_path / "dropped", files)
    assert [s for s, m in _nv(found) if "Teixdo" in m] == ["error"], _nv(found)


def test_two_transliterations_each_in_use_are_no_misspelling(tmp_path):
    files = {
        "a.txt": f"Bridge vote\n\nGovernor Zarin Hotak opened the meeting. {EN_BODY}\n",
        "b.txt": f"Bridge vote\n\nGovernor Zarin Hotak spoke. {EN_BODY}\n",
        "c.txt": f"Bridge vote\n\nGovernor Zerin Hotak opened the meeting. {EN_BODY}\n",
        "d.txt": f"Bridge vote\n\nGovernor Zerin Hotak said little. {EN_BODY}\n",
    }
    found, _ = audit_texts(tmp_path, files)
    assert not [m for _, m in _nv(found) if "Zerin" in m or "Zarin" in m], _nv(found)
    # written once, the other vowel is a misspelling
    files["d.txt"] = f"Bridge vote\n\nGovernor Zarin Hotak said little. {EN_BODY}\n"
    found, _ = audit_texts(tmp_path / "once", files)
    assert [s for s, m in _nv(found) if "Zerin" in m] == ["error"], _nv(found)



def test_an_umlaut_spelt_with_e_or_bare_is_one_name():
    from audit.resolve.names import classify

    assert classify("Juergen Klein", "Jurgen Klein") == "case"
    assert classify("Hanna Schroeder", "Hanna Schroder") == "case"
    assert classify("Samuel Ade", "Samul Ade") == "spelling"  # an ending's letter dropped
    assert classify("Rafael Ortiz", "Rafal Ortiz") == "spelling"
    assert classify("Juergen Klein", "Jurgan Klein") == "spelling"


def test_only_pages_of_pairs_that_could_be_another_languages_form_are_read(tmp_path):
    """name-variant reads the languages of the pages of those pairs only whose spellings could
    be another language's form (mem7: every pair's pages were read, each page's first 3,000
    characters held at once); the pairs it marks are the ones marked by reading every page
    (the rule as it stood, written out here) and the findings are unchanged."""
    import duckdb

    from audit.check.candidates import Inputs
    from audit.check.checks import name_variant
    from audit.check.checks.name_variant import (
        DECLINING,
        case_ending,
        language_pairs,
        one_word_translated,
    )

    files = {
        **TEIXIDO,
        "d.txt": f"Bridge vote\n\nMayor Lena Brandt spoke first. {EN_BODY}Lena Brandt and Lena "
                 "Brant agreed.\n",
    }
    found, _ = audit_texts(tmp_path, files)
    assert not [m for _, m in _nv(found) if "Teixedo" in m], _nv(found)
    assert [m for _, m in _nv(found) if "Brant" in m], _nv(found)
    con = duckdb.connect(str(tmp_path / ".audit" / "audit.duckdb"), read_only=True)
    try:
        cands = name_variant.candidates(con, Inputs())
        spelling = [c for c in cands if c.details["variant_kind"] == "spelling"]
        given = [c for c in cands if c.details["variant_kind"] == "given"]
        declinable, translatable = language_pairs(given, spelling)
        assert {str(c.values[0]["value"]) for c in translatable} == {"Ramon Teixedo"}
        assert {"Lena Brant", "Ramon Teixedo"} <= {str(c.values[0]["value"])
                                                    for c in spelling}
        # every pair's pages read, as before
        page = dict(con.execute("SELECT c.claim_id, d.text FROM claims c "
                                "JOIN documents d USING (document_id)").fetchall())
        lang = {claim: language(text) for claim, text in page.items()}
        for c in cands:
            a, b = str(c.values[0]["value"]), str(c.values[1]["value"])
            side = [[lang.get(claim) for claim, _ in v["claims"]] for v in c.values]
            if c in given:
                expected = case_ending(a, b) and bool(side[0]) and \
                    all(code in DECLINING for code in side[0]) and other_language(*side)
            elif c in spelling:
                expected = (language_form(a, b) or one_word_translated(a, b, str(c.key[0]))) \
                    and other_language(*side)
            else:
                expected = False
            assert bool(c.details.get("other_language")) == expected, (a, b)
        assert any(c.details.get("other_language") for c in cands)
    finally:
        con.close()
