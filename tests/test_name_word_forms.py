"""A common noun's genitive or plural inside an organisation's name ("Peoples" / "People's" /
"People") is a matter of style, not a misspelling; a name's own word with an s added or
dropped ("John" / "Johns") stays one. Real coverage of an election wrote a party's name all
three ways."""

from __future__ import annotations

from audit.check.checks.name_variant import s_form
from tests.extracting import audit_texts


def test_s_form_finds_the_one_word_an_apostrophe_or_final_s_changes():
    assert s_form("Workers Union of Tarnby", "Worker's Union of Tarnby") == "worker"
    assert s_form("Workers Union of Tarnby", "Worker Union of Tarnby") == "worker"
    assert s_form("Teachers' Guild", "Teachers Guild") == "teacher"
    assert s_form("Halden Trust", "Holden Trust") is None
    assert s_form("Workers Union", "Workers Union of Tarnby") is None
    assert s_form("Workers Union", "Workers Union") is None


def _party_pages(first: str) -> dict[str, str]:
    return {
        "a.txt": f"Vote count\n\nAda Lind, chair of the {first} Progress Party, said the "
                 "workers of the port backed it.\n",
        "b.txt": "Vote count\n\nAda Lind, chair of the Workers Progress Party, thanked the "
                 "voters.\n",
        "c.txt": "Vote count\n\nAda Lind, chair of the Workers Progress Party, met her rivals "
                 "on Monday.\n",
        "d.txt": "Vote count\n\nAda Lind, chair of the Workers Progress Party, spoke after the "
                 "count.\n",
    }


def reported(findings, variant):
    return [f for f in findings if f["check"] == "name-variant"
            and f"'{variant}'" in f["message"] and f["severity"] in ("error", "warning")]


def test_a_common_nouns_plural_or_genitive_in_a_name_is_style_not_a_misspelling(tmp_path):
    findings, _ = audit_texts(tmp_path / "a", _party_pages("Worker"))
    assert reported(findings, "Worker Progress Party") == [], \
        [f["message"] for f in findings]
    assert any((f.get("details") or {}).get("word_form") for f in findings
               if f["check"] == "name-variant")
    # a letter changed in the same word is a misspelling
    findings, _ = audit_texts(tmp_path / "b", _party_pages("Workerz"))
    assert [f["severity"] for f in reported(findings, "Workerz Progress Party")] == ["error"]


def test_a_names_own_word_with_an_s_stays_a_misspelling(tmp_path):
    files = {
        "a.txt": "Gift\n\nOla Berg, president of Jarl Brandt University, said the gift funds "
                 "ten chairs.\n",
        "b.txt": "Gift\n\nOla Berg, president of Jarl Brandt University, thanked the donor.\n",
        "c.txt": "Gift\n\nOla Berg, president of Jarls Brandt University, named a hall after "
                 "the donor.\n",
        "d.txt": "Gift\n\nOla Berg, president of Jarl Brandt University, said the chairs start "
                 "next year.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    assert [f["severity"] for f in reported(findings, "Jarls Brandt University")] == ["error"], \
        [f["message"] for f in findings]
