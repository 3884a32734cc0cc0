"""Two pages translating one statement into another language word it differently as a matter
of course ("Con dolor" / "Con tristeza" for "With sorrow"): found on real coverage of a court
ruling, where three Spanish renderings of an English dissent were paired as reworded quotes.
A pair in a language other than the one most of the story's quoting pages quote in is info
(pages are counted, not quotes: on a later set four French pages quoting at length outnumbered
the English quotes); a rewording in the story's own language keeps its warning."""

from __future__ import annotations

from tests.extracting import audit_texts

EN = ("We will keep the northern line open through the winter, and no station will close "
      "while I am mayor")
PAGES = {
    "a.txt": f'Rail line saved\n\n"{EN}," Mayor Ilse Varga said on Monday.\n',
    "b.txt": f'Mayor keeps line open\n\n"{EN}," Mayor Ilse Varga told reporters.\n',
    "c.txt": f'Varga promise\n\nMayor Ilse Varga said: "{EN}."\n',
    "d.txt": 'La alcaldesa y el tren\n\n"Mantendremos abierta la línea del norte durante todo '
             'el invierno, y ninguna estación cerrará mientras yo sea alcaldesa", dijo la '
             'alcaldesa Ilse Varga.\n',
    "e.txt": 'Varga promete\n\n"Vamos a mantener abierta la línea del norte durante el '
             'invierno, y ninguna estación va a cerrar mientras yo sea alcaldesa", afirmó la '
             'alcaldesa Ilse Varga.\n',
}


def _drifts(found: list[dict]) -> list[dict]:
    return [f for f in found if f["class"] == "quote-drift"]


def test_two_translations_of_one_quote_are_info(tmp_path):
    found, _ = audit_texts(tmp_path, PAGES)
    spanish = [f for f in _drifts(found) if "invierno" in f["message"]]
    assert spanish and all(f["details"].get("translated") is True and f["severity"] == "info"
                           for f in spanish)


def test_a_rewording_in_the_storys_own_language_stays_a_warning(tmp_path):
    pages = dict(PAGES)
    pages["c.txt"] = pages["c.txt"].replace("through the winter", "until the spring")
    found, _ = audit_texts(tmp_path, pages)
    english = [f for f in _drifts(found) if "spring" in f["message"]]
    assert english and all("translated" not in f["details"] and f["severity"] == "warning"
                           for f in english)


def test_pages_not_quotes_decide_the_storys_language(tmp_path):
    """Two Spanish pages quoting much (three quotes each) beside three English pages quoting
    once: the Spanish renderings are still translations."""
    more = ('\n\n"El tren es de todos y seguirá siendo de todos en esta ciudad", añadió Varga.'
            '\n\n"Nadie perderá su trabajo en la estación central este año", dijo también.')
    pages = dict(PAGES)
    pages["d.txt"] = pages["d.txt"].rstrip("\n") + more + "\n"
    pages["e.txt"] = pages["e.txt"].rstrip("\n") + more.replace("todos y", "todos, y") + "\n"
    found, _ = audit_texts(tmp_path, pages)
    spanish = [f for f in _drifts(found) if "invierno" in f["message"]]
    assert spanish and all(f["details"].get("translated") is True and f["severity"] == "info"
                           for f in spanish)
