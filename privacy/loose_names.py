"""Names written loosely: in lower case after "met", in quotes before an age, as a family.

* A listed surname that is no Dutch word, in lower case after met, bij, namens, door or voor
  ("gesprek met karimi", "afspraak bij yilmaz"); a surname that is a Dutch word ("met bakker")
  passes; a listed first name ("met sanne") is ``lone_first_names``'s.
* A word in quotes straight before an age in brackets ("\\"Kiki\\" (12)", "'Noah' (7 jr)"): a
  capitalised word, a listed first name or no Dutch word; a year or a unit in the brackets
  ("'Samen' (2023)", "\\"Thuis\\" (12 pagina's)") passes.
* A family in the plural after "de" ("de Bouzambous zijn verhuisd", "bij de Ouafis", "de
  Jansens wonen"): a capitalised word ending in -s whose stem is no Dutch word and no place,
  not ending like the people of a place (-ers, -aars: "de Rotterdammers" passes), with a
  preposition before "de" or a plural verb after the name ("De Jansens van deze wereld" passes).
* A surname with O' or D' ("met D'Souza", "O'Brien belde"): a capital after the apostrophe and
  two letters more ("D'66" passes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.more_names import PLACES
from privacy.words import FIRST_NAMES, NOT_A_NAME, SURNAMES, WordPlaces, is_dutch_word, word_tag

Span = tuple[int, int]

__all__ = ["loose_names"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


_BEFORE_LOWER_SURNAME = frozenset({"met", "bij", "namens", "door", "voor"})
# Listed surnames that are no Dutch word and no first name, looked up once at import.
_FOREIGN_SURNAMES = frozenset(
    surname
    for surname in SURNAMES
    if len(surname) >= 4 and surname not in FIRST_NAMES and not is_dutch_word(surname)
) - {"maas", "rijn", "brugge", "driel"}  # rivers and places first


_FOREIGN_SURNAMES_BIT = word_tag(_FOREIGN_SURNAMES)


def _lower_surnames(
    texts: list[str], matches: list[re.Match[str]], where: WordPlaces
) -> Iterator[Span]:
    """ "met karimi": a listed foreign surname in lower case after a person's preposition."""
    for index in where.of(_FOREIGN_SURNAMES_BIT):
        if index and texts[index - 1].casefold() in _BEFORE_LOWER_SURNAME:
            yield matches[index].span()


_QUOTED_AGE_RE = re.compile(
    r"[\"'“‘„](?P<name>[A-Z][^\W\d_]{1,20})[\"'”’][ \t]*\((?P<age>[0-9]{1,2})"
    r"(?:[ \t]*(?:jr|jaar|j|mnd|maanden))?\.?\)"
)


def _quoted_before_age(text: str) -> Iterator[Span]:
    """ "\"Kiki\" (12)": a name in quotes before an age (a year or a unit in brackets passes)."""
    for match in _QUOTED_AGE_RE.finditer(text):
        word = match.group("name")
        folded = word.casefold()
        if folded in NOT_A_NAME or (folded not in FIRST_NAMES and is_dutch_word(word)):
            continue
        yield match.start("name"), match.end("name")


# Starts at the capital (rarer than "de"), looking back for "de "; the word edge is checked after.
_PLURAL_FAMILY_RE = re.compile(r"[A-Z](?<=[dD]e[ \t][A-Z])[a-zà-ÿ]{3,20}s(?![\w'-])")
_PEOPLE_OF_A_PLACE = ("ers", "aars", "ians", "ees")


def _plural_families(text: str) -> Iterator[Span]:
    """ "de Bouzambous zijn verhuisd": a family in the plural (see the module docstring)."""
    for match in _PLURAL_FAMILY_RE.finditer(text):
        if _letter_before(text, match.start() - 3):
            continue
        word = match.group()
        if word.endswith(_PEOPLE_OF_A_PLACE):
            continue
        stem = word[:-1].rstrip("'")
        if is_dutch_word(word) or is_dutch_word(stem) or stem.casefold() in NOT_A_NAME:
            continue
        if stem.casefold() in PLACES or word.casefold() in PLACES:
            continue
        if _family_context(text, match.start() - 3, match.end()):
            yield match.span()


_BEFORE_FAMILY = frozenset({"bij", "met", "van", "voor", "aan", "naar", "door", "over"})
_FAMILY_VERBS = frozenset(
    _split(
        """
    zijn waren hebben hadden wonen woonden komen kwamen willen wilden gaan gingen kunnen konden
    moeten moesten krijgen kregen zitten zaten bellen belden vinden vonden staan stonden
    """
    )
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _family_context(text: str, start: int, end: int) -> bool:
    """Whether people are meant: a preposition before "de" or a plural verb after the name."""
    before = text[max(0, start - 8) : start].split()
    if before and before[-1].casefold() in _BEFORE_FAMILY:
        return True
    after = _WORD_RE.search(text, end, end + 16)
    return after is not None and after.group().casefold() in _FAMILY_VERBS


_APOSTROPHE_NAME_RE = re.compile(r"[DO]'[A-Z][a-z]{2,}(?![^\W\d_])")


def _letter_before(text: str, index: int) -> bool:
    """Whether a letter stands straight before index (the match starts inside a word)."""
    return index > 0 and text[index - 1].isalpha()


def loose_names(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """Every loosely written name (see the module docstring); matches and texts: the words."""
    yield from _lower_surnames(texts, matches, where)
    if "(" in text:  # an age in brackets after the quoted name
        yield from _quoted_before_age(text)
    if "D'" in text or "O'" in text:
        for match in _APOSTROPHE_NAME_RE.finditer(text):
            if not _letter_before(text, match.start()):
                yield match.span()
    yield from _plural_families(text)
