"""Name-variant misses by cause, in our own words: a role word the vocabulary lacked, one person
named with two posts, a street read as a person; and people named without any title."""

from __future__ import annotations

from audit.resolve.cluster import Mention, cluster
from tests.extracting import audit_texts, pipeline


def reported(findings: list[dict]) -> list[dict]:
    """The name-variant findings an editor is told of (error or warning)."""
    return [f for f in findings if f["check"] == "name-variant"
            and f["severity"] in ("error", "warning")]


def _kinds(ms: list[Mention]) -> dict[str, str]:
    return {v: k for e in cluster(ms) for _, v, k in e.members}


# --- role words -----------------------------------------------------------------------------


def test_a_regent_and_a_designer_are_read_as_roles():
    text = "Board Regent Osric Delacourt said the money came in March."
    [p] = pipeline(text, "person")
    assert p.value["name"] == "Osric Delacourt" and p.value["title"] == "Regent"
    text2 = "The studio's lead designer, Wendel von Ackerholt, built the prototype."
    [p2] = pipeline(text2, "person")
    assert p2.value["name"] == "Wendel von Ackerholt"


def test_a_street_named_after_a_title_is_no_person():
    assert pipeline("Crowds filled Regent Street and King Street on Friday.", "person") == []
    # a surname that is also a place noun stays a name
    [p] = pipeline("Mayor Ilse Park opened the hall.", "person")
    assert p.value["name"] == "Ilse Park"


# --- one person, two posts ------------------------------------------------------------------


def test_one_person_with_two_posts_at_one_organisation_is_compared_for_spelling():
    ms = [Mention("a", "person", "Osric Delacourt", "regent|halvard"),
          Mention("b", "person", "Ossric Delacourt", "chair|halvard system board of regents")]
    assert _kinds(ms) == {"Osric Delacourt": "same", "Ossric Delacourt": "spelling"} or \
        _kinds(ms) == {"Ossric Delacourt": "same", "Osric Delacourt": "spelling"}


def test_two_posts_at_unrelated_organisations_stay_two_people():
    ms = [Mention("a", "person", "Osric Delacourt", "regent|halvard"),
          Mention("b", "person", "Ossric Delacourt", "mayor|brenmouth")]
    assert len(cluster(ms)) == 2


def test_short_or_far_tokens_with_two_posts_stay_two_people():
    # "Ana"/"Ina" is too short to call a misspelling; two tokens off is not one name
    ms = [Mention("a", "person", "Ana Delacourt", "regent|halvard"),
          Mention("b", "person", "Ina Delacourt", "chair|halvard")]
    assert len(cluster(ms)) == 2
    ms2 = [Mention("a", "person", "Osric Delacourt", "regent|halvard"),
           Mention("b", "person", "Ossric Dellacourt", "chair|halvard")]
    assert len(cluster(ms2)) == 2
    # two titles with no organisation named tell nothing
    # a final letter added is as often another surname ("Delacourt" / "Delacourte")
    ms4 = [Mention("a", "person", "Osric Delacourt", "regent|halvard"),
           Mention("b", "person", "Osric Delacourte", "chair|halvard")]
    assert len(cluster(ms4)) == 2
    ms3 = [Mention("a", "person", "Osric Delacourt", "regent|"),
           Mention("b", "person", "Ossric Delacourt", "chair|")]
    assert len(cluster(ms3)) == 2


def test_a_regent_misspelt_in_one_source_is_reported(tmp_path):
    findings, _ = audit_texts(tmp_path, {
        "a.txt": "Halvard Regent Osric Delacourt said he met the donor twice.\n",
        "b.txt": "Ossric Delacourt, chairman of the Halvard Board of Regents, said he was "
                 "grateful.\n",
    })
    nv = [f for f in findings if f["check"] == "name-variant"]
    assert nv and nv[0]["severity"] == "error"
    assert {"Osric Delacourt", "Ossric Delacourt"} <= {v["value"] for v in nv[0]["values"]}


def test_a_misspelt_double_barrelled_surname_alone_is_checked(tmp_path):
    files = {
        "a.txt": "Trader convicted\n\nFormer fund manager Ilse Marrow-Keane was found guilty on "
                 "Friday. Ilse Marrow-Keane will be sentenced in June, the court said.\n",
        "b.txt": "Fund manager convicted\n\nIlse Marrow-Keane, a former fund manager, was found "
                 "guilty on Friday.\n\nMarrow-Kaene was arrested in the",
        "c.txt": "Verdict\n\nA jury found Ilse Marrow-Keane guilty on Friday.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = reported(findings)
    assert any("Marrow-Kaene" in f["message"] for f in nv), [f["message"] for f in findings]


def test_a_company_name_split_in_two_is_a_variant(tmp_path):
    files = {
        "a.txt": "Sub lost\n\nThe submersible operator CoralGate said on Monday its craft was "
                 "missing. CoralGate chief executive Lena Forsberg was aboard.\n",
        "b.txt": "Search\n\nCoralGate chief executive Lena Forsberg was aboard, the company said.\n",
        "c.txt": "Update\n\nCoral Gate, the operator, said on Monday that its chief executive Lena "
                 "Forsberg was aboard the missing craft.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = [f for f in findings if f["check"] == "name-variant"]
    assert len(nv) == 1 and "Coral Gate" in nv[0]["message"], [f["message"] for f in findings]
    mentions = [Mention("1", "org", "SunGate"), Mention("2", "org", "SunGate"),
                Mention("3", "person", "Sun Gate", "mention")]
    assert all(len(e.members) == 2 or e.etype == "person" for e in cluster(mentions)), \
        cluster(mentions)  # "sun": a part under four letters is not read as a split


def test_a_misspelt_surname_alone_before_said_or_inside_a_sentence_is_checked(tmp_path):
    # a rewrite misspells a police chief's surname where it stands alone, once opening a
    # sentence before "said", once in a list of names inside a sentence
    files = {
        "a.txt": "Search goes on\n\nHarbour Police Chief Dorian Castellane said teams had "
                 "covered half the shore. Castellane said more divers would come.\n",
        "b.txt": "Divers join search\n\nPolice Chief Dorian Castellane said the search would "
                 "go on through the night.\n",
        "c.txt": "Night search\n\nCastelane said teams had covered half the shore.\n",
        "d.txt": "Thanks\n\nThe mayor thanked the volunteers, Okafor, Castelane and Brandt, for "
                 "their help.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = reported(findings)
    assert any("Castelane" in f["message"] for f in nv), [f["message"] for f in findings]
    odd = {ev["path"].rsplit("/", 1)[-1] for f in nv for ev in f["evidence"]
           if ev["exact"] == "Castelane"}
    assert odd == {"c.txt", "d.txt"}


def test_a_lone_capitalised_word_is_no_person_after_an_article_or_far_from_every_surname(
        tmp_path):
    # "the Castella" (a ship's name after an article) and a short word are not read; a lone
    # word far from every surname is read but dropped by resolve, so nothing is reported
    files = {
        "a.txt": "Ship found\n\nHarbour Police Chief Dorian Castellane said the Castelane was "
                 "found at dawn near Westport.\n",
        "b.txt": "Ship found\n\nPolice Chief Dorian Castellane said divers reached the wreck "
                 "near Westport.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    assert not [f for f in findings if f["check"] == "name-variant"], \
        [f["message"] for f in findings]


def test_a_lone_word_one_letter_off_a_surname_but_for_its_first_letter_is_dropped():
    # "Group of Seven" beside a Dr Neven: a typo seldom hits the first letter
    from audit.resolve.cluster import side_mentions_kept
    ms = [Mention("1", "person", "Lorna Vessant", "director|halvard"),
          Mention("2", "person", "Hessant", "mention"),
          Mention("3", "person", "Vesant", "mention")]
    assert [m.surface for m in side_mentions_kept(ms)] == ["Lorna Vessant", "Vesant"]


def test_the_last_word_of_a_longer_name_is_no_surname_alone():
    from audit.extract import mentions
    from audit.model import Context
    text = "Ministers of the Group of Sevant met while Sevant said nothing.\n"
    ctx = Context(text=text)
    names = [d.value["name"] for d in mentions.extract(ctx, 0, len(text))]
    assert names == ["Sevant"]


def test_a_name_with_a_case_ending_or_after_a_foreign_article():
    # a declined team name ("Chiefsa": of the Chiefs) is no misspelling; a misspelt one after a
    # German article ("Die Eagels") is read and checked
    from audit.resolve.cluster import side_mentions_kept
    anchor = [Mention(str(i), "person", "Harbour City Gulls", "mention") for i in range(3)]
    kept = side_mentions_kept([*anchor, Mention("9", "person", "Gullsa", "mention"),
                               Mention("8", "person", "Gulsl", "mention")])
    assert sorted(m.surface for m in kept if len(m.surface) < 7) == ["Gulsl"]
    from audit.extract import mentions
    from audit.model import Context
    text = "Am Ende jubelten die Fans, Die Gulsl verloren das Spiel deutlich.\n"
    names = [d.value["name"] for d in mentions.extract(Context(text=text), 0, len(text))]
    assert "Gulsl" in names and "Die Gulsl" not in names  # resolve drops the other words


def test_one_persons_first_name_put_to_anothers_surname_is_a_variant(tmp_path):
    files = {
        "a.txt": "Runoff\n\nMayor-elect Teodor Vasquel beat Councillor Ines Rambard in the "
                 "runoff. Teodor Vasquel thanked voters.\n",
        "b.txt": "Runoff\n\nTeodor Vasquel won the runoff against Councillor Ines Rambard. "
                 "Teodor Vasquel spoke first.\n",
        "c.txt": "Runoff\n\nTeodor Vasquel won. His rival Teodor Rambard conceded on Sunday "
                 "night.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = reported(findings)
    assert any("Teodor Rambard" in f["message"] and "Ines Rambard" in f["message"]
               for f in nv), [f["message"] for f in findings]
    from audit.resolve.cluster import mixed_name
    full = [("teodor", "vasquel"), ("ines", "rambard")]
    assert mixed_name(("teodor", "rambard"), full) == ("ines", "rambard")
    assert mixed_name(("mara", "rambard"), full) is None  # no one else is a Mara
    assert mixed_name(("teodor", "rambard"), [*full, ("lea", "rambard")]) is None  # two owners


def test_two_people_of_one_surname_named_side_by_side_are_no_mixed_name(tmp_path):
    # a line-up names two players of one surname in one line: the writer tells them apart
    # there, where a first name put to the wrong surname is written apart from its owner (the
    # runoff above: "Teodor Rambard" in a paragraph of its own)
    files = {
        "a.txt": "Final\n\nCaptain Teodor Vasquel lifted the cup after Ines Rambard scored on "
                 "Sunday. Teodor Vasquel thanked the fans.\n",
        "b.txt": "Final\n\nTeodor Vasquel led the side to the cup on Sunday and Ines Rambard "
                 "scored the winner. Teodor Vasquel spoke first.\n",
        "c.txt": "Final\n\nThe winners: Teodor Vasquel, Ines Rambard, Teodor Rambard, Pia Lund "
                 "and Olle Berg.\n\nThe cup was lifted on Sunday night.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = [f["message"] for f in reported(findings)]
    assert not [m for m in nv if "Teodor Rambard" in m], nv
    from audit.resolve.cluster import Mention, lines_of, written_beside
    ms = [Mention("1", "person", "Ines Rambard", "mention", document="c", line=3),
          Mention("2", "person", "Teodor Rambard", "mention", document="c", line=3),
          Mention("3", "person", "Ines Rambard", "mention", document="a", line=3)]
    lines = lines_of(ms)
    assert written_beside(("teodor", "rambard"), ("ines", "rambard"), lines)
    assert not written_beside(("teodor", "rambard"), ("ines", "rambard"), lines_of(ms[1:]))


def test_a_relative_named_more_often_than_a_middle_name_is_no_mixed_name(tmp_path):
    # a daughter shares her father's surname and is named in full in several reports; her
    # first and middle names are read once as if a full name: she is her own person
    files = {
        "a.txt": "Crash\n\nCoach Bram Oster died on Sunday. Bram Oster was 50. Bram Oster led "
                 "the club for years.\n",
        "b.txt": "Crash\n\nThe victims:\n\n  • Bram Oster, 50\n  • Lotte Oster, 14\n",
        "c.txt": "Crash\n\nBram Oster and his daughter Lotte died on Sunday. Bram Oster "
                 "smiled in his last photo.\n",
        "d.txt": "Crash\n\nBram and Vera Oster had a daughter, Lotte Marie was also on board, "
                 "Bram Oster said in a video.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = [f["message"] for f in reported(findings)]
    assert not [m for m in nv if "Lotte Oster" in m and "Bram Oster" in m], nv
    from audit.resolve.cluster import mixed_name
    full = [("bram", "oster"), ("lotte", "marie"), ("lotte", "oster")]
    counts = {("bram", "oster"): 6, ("lotte", "oster"): 4, ("lotte", "marie"): 1}
    assert mixed_name(("lotte", "oster"), full) == ("bram", "oster")  # no counts: as before
    assert mixed_name(("lotte", "oster"), full, counts) is None
    # written more often, but no person of the story: no donor either
    counts = {("bram", "oster"): 6, ("lotte", "oster"): 1, ("lotte", "marie"): 2}
    assert mixed_name(("lotte", "oster"), full, counts) == ("bram", "oster")
    assert mixed_name(("lotte", "oster"), full, counts, [("bram", "oster")]) is None


def test_a_company_named_once_with_a_suffix_and_split_in_a_rewrite(tmp_path):
    files = {
        "a.txt": "Sub lost\n\nLena Forsberg, chief executive of CoralGate Charters, was aboard "
                 "the craft on Monday.\n",
        "b.txt": "Search\n\nRescuers searched on Monday for the craft run by CoralGate Charters "
                 "of Halvard.\n",
        "c.txt": "Update\n\nThe craft of CoralGate Charters went missing on Monday.\n",
        "d.txt": "Update\n\nThe craft, run by Coral Gate, went missing on Monday, its chief "
                 "executive Lena Forsberg aboard.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = [f for f in findings if f["check"] == "name-variant"]
    assert any("Coral Gate" in f["message"] for f in nv), [f["message"] for f in findings]


def test_a_name_written_alone_five_times_anchors_its_misspelling():
    from audit.resolve.cluster import side_mentions_kept
    ms = [Mention(str(i), "person", "Harrowgate", "mention") for i in range(5)]
    ms += [Mention("x", "person", "Harrowgaet", "mention"),   # a typo: kept
           Mention("y", "person", "Barrowgate", "mention"),   # another first letter: dropped
           Mention("z", "person", "Harrowgates", "mention")]  # a plural: dropped
    kept = {m.mention_id for m in side_mentions_kept(ms)}
    assert kept == {"0", "1", "2", "3", "4", "x"}
    assert len({m.mention_id for m in side_mentions_kept(ms[1:] + ms[5:])} & {"x"}) == 0
    # two names written alone five times, one letter apart, are two forms in use: no anchor
    other = [Mention(f"o{i}", "person", "Harrowgaite", "mention") for i in range(5)]
    assert "x" not in {m.mention_id for m in side_mentions_kept([*ms, *other])}


# --- a long surname two letters off ---------------------------------------------------------


def test_a_long_surname_two_letters_off_in_a_side_mention_is_a_misspelling():
    # a rewrite drops two letters of a long transliterated surname once, with no title near it
    ms = [Mention("a", "person", "Tomasz Wojciechowski", "mayor|brenmouth"),
          Mention("b", "person", "Tomasz Wojciechowski", "mention"),
          Mention("c", "person", "Tomasz Wojcehowski", "mention")]
    assert _kinds(ms)["Tomasz Wojcehowski"] == "spelling"
    assert len(cluster(ms)) == 1


def test_shorter_names_two_letters_apart_are_not_read_as_one_person():
    # two letters off an eight-letter or shorter token is as often another name
    for other in ("Muhammad Idris", "Petra Lindqvist"):
        base = "Mohammed Idris" if other.startswith("Muhammad") else "Peter Lindqvist"
        ms = [Mention("a", "person", base, "mayor|brenmouth"),
              Mention("b", "person", other, "mention")]
        assert other not in _kinds(ms)


def test_a_name_after_a_possessive_is_read_and_compared(tmp_path):
    # "Norway's Ingrid Vasslund": the possessive ends the capitalised run before the name
    [m] = [c for c in pipeline("Later Norway's Ingrid Vasslund crossed the line first.",
                               "mention") if c.value["form"] == "name"]
    assert m.value["name"] == "Ingrid Vasslund"
    found, _ = audit_texts(tmp_path, {
        "a.txt": "Race report\n\nNorway's Ingrid Vaslund crossed the line first on Sunday.\n",
        "b.txt": "Race report\n\nCoach Erik Brann said Ingrid Vasslund won on Sunday.\n",
        "c.txt": "Race report\n\nThe winner, Ingrid Vasslund, thanked Coach Erik Brann.\n",
        "d.txt": "Race report\n\nThe race went to Ingrid Vasslund on Sunday.\n",
    })
    spelt = [f for f in found if f["class"] == "name-variant" and "Vaslund" in f["message"]]
    assert spelt and spelt[0]["severity"] == "error", [f["message"] for f in found]


def test_a_place_ending_with_a_place_noun_is_no_person_mention():
    # "... International Airport", "... Street": a place whose spelling is no person's
    for text in ("The flight landed at Harlow Vale International Airport on time.",
                 "Crowds gathered on Brannock Street after the match."):
        assert [c.value["name"] for c in pipeline(text, "mention")] == []


# --- both tokens of one full name misspelt --------------------------------------------------


def test_a_full_name_with_both_tokens_one_or_two_letters_off_is_one_person(tmp_path):
    # a victims' list copied by hand garbles the given name and the surname of one person
    files = {
        "a.txt": "Ferry sinks\n\nThe four passengers who died were identified as Radhika "
                 "Suryavanshi, 31, Tomas Edling, 40, Ilse Brandvik, 52, and Oren Castellane, 29.\n",
        "b.txt": "Ferry sinks\n\nThe dead were identified as Radhika Suryavanshi, Tomas Edling, "
                 "Ilse Brandvik and Oren Castellane, the operator said.\n",
        "c.txt": "Ferry sinks\n\nThe four victims have been identified as Radikha Suriyavanshi, "
                 "Tomas Edling, Ilse Brandvik and Oren Castellane.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = [f for f in findings if f["check"] == "name-variant"]
    assert any("Radikha Suriyavanshi" in f["message"] and f["severity"] == "error"
               for f in nv), [f["message"] for f in findings]


def test_two_tokens_off_needs_long_tokens_with_their_first_letters_and_few_letters():
    from audit.resolve.cluster import _both_tokens_off
    from audit.resolve.names import tokens

    def off(a: str, b: str) -> bool:
        return _both_tokens_off(tokens(a), tokens(b))

    assert off("Radhika Suryavanshi", "Radikha Suriyavanshi")
    assert not off("Anna Hartmann", "Anne Hartman")          # four-letter given names
    assert not off("Peter Lindqvist", "Petra Lindkvist")     # two letters off each: four in all
    assert not off("Radhika Suryavanshi", "Sadhika Suryavansha")  # another first letter
    assert not off("Radhika Suryavanshi", "Suryavanshi Radhika")  # order only
    # two named people with roles that disagree stay two people
    ms = [Mention("a", "person", "Radhika Suryavanshi", "mayor|brenmouth"),
          Mention("b", "person", "Radikha Suriyavanshi", "coach|halvard rovers")]
    assert len(cluster(ms)) == 2


# --- a given name one letter longer or shorter ----------------------------------------------


def test_a_given_name_with_a_letter_dropped_or_a_vowel_added_joins_the_surnames_one_owner(
        tmp_path):
    files = {
        "a.txt": "Cup final\n\nCaptain Marten Lanther lifted the cup. Marten Lanther said the "
                 "squad had earned it.\n",
        "b.txt": "Cup final\n\nThe visitors' captain Marten Lanther was sent off before the "
                 "break.\n",
        "c.txt": "Cup final\n\nHis opposite number Maren Lanther was sent off before the break, "
                 "and his side lost.\n",
        "d.txt": "Cup final\n\nThe rival skipper Martena Lanther was sent off before the break, "
                 "said the report.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = {f["message"]: f["severity"] for f in findings if f["check"] == "name-variant"}
    dropped = [s for m, s in nv.items() if "'Maren Lanther'" in m]
    vowel = [s for m, s in nv.items() if "'Martena Lanther'" in m]
    assert dropped == ["error"] and vowel == ["warning"], nv


def test_a_given_name_one_letter_off_stays_apart_when_the_surname_is_shared_or_rare():
    from audit.resolve.cluster import given_name_off
    full = [("tobi", "lanther"), ("ines", "rambard")]
    assert given_name_off(("tob", "lanther"), full) == ("tobi", "lanther")
    assert given_name_off(("tobie", "lanther"), full) == ("tobi", "lanther")
    assert given_name_off(("tob", "lanther"), [*full, ("mara", "lanther")]) is None  # two owners
    assert given_name_off(("tob", "lanther"), [*full, ("tob", "rambard")]) is None  # a Tob too
    assert given_name_off(("to", "lanther"), [("tom", "lanther")]) is None  # too short
    assert given_name_off(("tim", "osk"), [("timo", "osk")]) is None  # a short surname
    assert given_name_off(("robi", "lanther"), full) is None  # another first letter
    assert given_name_off(("tobis", "lanther"), full) is None  # a final s: a plural
    # the owner must be written three times or more: here the side mention is dropped
    ms = [Mention("a", "person", "Marten Lanther", "captain|"),
          Mention("b", "person", "Martena Lanther", "mention")]
    assert [v for e in cluster(ms) for _, v, _ in e.members] == ["Marten Lanther"]
    # ... but a given name long enough to be a near miss on its own is still one
    ms = [Mention("a", "person", "Marten Lanther", "captain|"),
          Mention("b", "person", "Marrten Lanther", "mention")]
    assert len(cluster(ms)) == 1 and set(_kinds(ms).values()) == {"same", "spelling"}


def test_a_long_given_name_two_letters_off_is_the_surnames_one_owner_misnamed(tmp_path):
    # a match report gives the coach another given name close to hers, once
    files = {
        "a.txt": "League final\n\nHead coach Rosalind Valdane praised her side after the "
                 "final. Rosalind Valdane said they had earned it.\n",
        "b.txt": "League final\n\nCoach Rosalind Valdane made two changes at half time.\n",
        "c.txt": "League final\n\nThe losing coach Rosalie Valdane made two changes at half "
                 "time, and her side still lost.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = [f for f in findings if f["check"] == "name-variant" and "'Rosalie Valdane'" in
          f["message"]]
    assert [f["severity"] for f in nv] == ["error"], [f["message"] for f in findings]


def test_two_letters_off_needs_long_given_names_their_first_two_letters_and_own_pages():
    from audit.resolve.cluster import given_name_off
    full = [("lauren", "tessaly"), ("ines", "rambard")]
    apart = {("laura", "tessaly"): {"b"}, ("larena", "tessaly"): {"c"},
             ("lauren", "tessaly"): {"a"}, ("maria", "rambard"): {"d"}}
    assert given_name_off(("laura", "tessaly"), full, apart) == ("lauren", "tessaly")
    assert given_name_off(("larena", "tessaly"), full, apart) == ("lauren", "tessaly")
    # a page that names both is naming two people of one family
    beside = {**apart, ("laura", "tessaly"): {"a", "b"}}
    assert given_name_off(("laura", "tessaly"), full, beside) is None
    assert given_name_off(("laura", "tessaly"), full) is None  # pages not known
    assert given_name_off(("mark", "rambard"), [("mary", "rambard")], apart) is None
    assert given_name_off(("maria", "rambard"), [("mario", "rambard")], apart) is None
    assert given_name_off(("lauren", "tessaly"), [("lisbet", "tessaly")], apart) is None
    assert given_name_off(("sauren", "tessaly"), full, apart) is None  # another first letter
    assert given_name_off(("lauren", "tessaly"), [("laurentia", "tessaly")], apart) is None


# --- a four-letter surname misspelt as a plain word ------------------------------------------


def test_a_plain_word_one_letter_off_the_main_persons_short_surname_is_a_misspelling(tmp_path):
    # a spell-checker turns the actor's surname into a common word, once, mid-sentence
    files = {
        "a.txt": "Verdict\n\nActor Dorran Kelp won his libel case on Friday. Kelp said he was "
                 "relieved.\n",
        "b.txt": "Verdict\n\nDorran Kelp won the case. The jury sided with Kelp after two "
                 "days.\n",
        "c.txt": "Verdict\n\nDorran Kelp was awarded damages. A juror said that Keep seemed "
                 "calm throughout.\n",
        "d.txt": "Verdict\n\nLawyers for Dorran Kelp welcomed the ruling in the capital.\n",
    }
    findings, _ = audit_texts(tmp_path, files)
    nv = reported(findings)
    assert any("'Keep'" in f["message"] for f in nv), [f["message"] for f in findings]


def test_a_short_lone_word_needs_a_main_person_and_one_reading():
    from audit.extract import mentions
    from audit.model import Context
    from audit.resolve.cluster import side_mentions_kept
    # a four-letter word alone is read only before a lower-case word ("Vorn," is not)
    text = "The court heard that Keep seemed calm, unlike Vorn, who wept."
    got = [d.value["name"] for d in mentions.extract(Context(text=text), 0, len(text))]
    assert got == ["Keep"]
    main = [Mention(str(i), "person", "Dorran Kelp", "mention") for i in range(3)]
    main += [Mention("s", "person", "Kelp", "mention"), Mention("t", "person", "Kelp", "mention")]

    def kept(*extra: Mention) -> set[str]:
        return {m.mention_id for m in side_mentions_kept([*main, *extra])}

    assert "x" in kept(Mention("x", "person", "Keep", "mention"))
    assert "x" not in kept(Mention("x", "person", "Seep", "mention"))  # another first letter
    assert "x" not in kept(Mention("x", "person", "Kep", "mention"))   # a letter dropped
    # written twice: a name of its own, not a slip
    assert not {"x", "y"} & kept(Mention("x", "person", "Keep", "mention"),
                                 Mention("y", "person", "Keep", "mention"))
    # a surname written fewer than five times is no main person
    few = [m for m in main if m.mention_id not in ("s", "t")]
    assert "x" not in {m.mention_id for m in side_mentions_kept(
        [*few, Mention("x", "person", "Keep", "mention")])}
    [ent] = [e for e in cluster([*main, Mention("x", "person", "Keep", "mention")])
             if any(v == "Keep" for _, v, _ in e.members)]
    assert ent.canonical == "Dorran Kelp"


def test_a_title_and_its_abbreviation_are_one_post_for_spelling():
    # "COO" on one page, "chief operating officer" on another: one post, so the two spellings
    # of the name are one person's
    ms = [Mention("a", "person", "Dana Wexcombe", "chief operating officer|orrin films"),
          Mention("b", "person", "Dana Wexcomb", "coo|orrin films")]
    kinds = _kinds(ms)
    assert sorted(kinds.values()) == ["same", "spelling"], kinds
    # different posts at one company stay two people
    ms = [Mention("a", "person", "Dana Wexcombe", "chief operating officer|orrin films"),
          Mention("b", "person", "Dana Wexcomb", "cfo|orrin films")]
    assert sorted(_kinds(ms).values()) == ["same", "same"]
