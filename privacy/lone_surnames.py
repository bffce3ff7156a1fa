"""A surname on its own: "gesprek met Bakker", "huisbezoek bij Yilmaz", "Jansen belde".

Hurried notes name a client by the surname alone. A capitalised word counts when the surname
list has it or it is shaped like a surname no Dutch word resembles (``looks_like_surname``), and:

* in the middle of a sentence after a lower-case word ("bij Jansen", "met de Vries",
  "besproken met Petrovic"); a surname that is also a Dutch word ("Bakker", "Visser", "de Boer")
  only after met, bij, voor, namens, door, en, van ("gesprek met Bakker", not "de Bakker van
  de hoek" or "Visser" in a title);
* at the start of a sentence only before a verb that says what a person did ("Jansen belde",
  "De Vries wil geen hulp").

What does not count here: a first name on its own (that is ``lone_first_names``), a
surname that is mainly a place or water in Dutch ("op de Dam", "aan de Maas", "in Sluis"), a
word inside a capitalised phrase ("Stichting Jansen", "Bakker Bart"), and landmarks ("bij de
Albert Heijn").

Two more cues with few words: a particle between two capitalised words ("Abdulrahman Al Khatib",
"Mohamed el Amrani": a word before it that is no Dutch word, one after it that is none either),
and a name after "heet" or "genaamd" ("Kind heet Sem", "een jongen genaamd Milan", "hij heet
eigenlijk Mustafa", "ze wordt Lexi genoemd"): a listed first name or a capitalised word that is
no Dutch word, after "heet" only with a person word
before it ("Het project heet Samen Sterk" passes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from operator import methodcaller

from privacy.landmarks import landmark
from privacy.name_parts import FOREIGN_LETTER_RE, SURNAME_HEADS, SURNAME_TAILS, looks_like_surname
from privacy.words import (
    FIRST_NAMES,
    FUNCTION_WORDS,
    NOT_A_NAME,
    RELATION_WORDS,
    SURNAMES,
    WordPlaces,
    is_dutch_word,
    word_tag,
)

Span = tuple[int, int]

__all__ = ["called_names", "lone_surnames", "particle_names"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


# Finite verbs that follow a person at the start of a sentence ("Jansen belde terug").
_VERBS = frozenset(
    _split(
        """
    is was wordt werd heeft had hebben wil wilde kan kon moet moest gaat ging komt kwam belt belde
    zegt zei vindt vond weet wist blijft bleef woont woonde lijkt leek staat stond zit zat mag zal
    zou mailt mailde appt appte vertelt vertelde geeft gaf vraagt vroeg krijgt kreeg heb
    """
    )
)
# Before a surname that is also a Dutch word: the prepositions a person follows.
_PERSON_PREPOSITIONS = frozenset(_split("met bij voor namens door en van volgens aldus"))
# Surnames that are mainly places, water or streets in Dutch text ("op de Dam", "aan de Maas").
_PLACES = frozenset(
    _split(
        """
    maas rijn dam laan wijk post sluis horst beek broek hoek slot kamp poel ham brugge driel veen
    meer winter zomer snel klein groen zwart donker lange bos vliet wal kroon keizer koning prins
    baas boom roos tol stam haak linden brink heuvel
    """
    )
)
_TUSSENVOEGSELS = frozenset(_split("de van der den ter ten het 't la le el al"))
_GAP_RE = re.compile(r"[ \t]{1,3}")


_START = methodcaller("start")
_HONORIFICS = _split("mevrouw meneer heer mw mevr mvr dhr fam familie juf meester mr dr drs")
# Words before a surname that another rule reads the name from ("Jeroen Bakker", "mw. Kaya").
_CAUGHT_BEFORE = frozenset(
    form for word in (*FIRST_NAMES, *_HONORIFICS) for form in (word, word.title(), word.upper())
)
# Listed surnames that are Dutch words too ("bakker", "visser"), looked up once at import.
_DUTCH_SURNAMES = frozenset(surname for surname in SURNAMES if is_dutch_word(surname))
_TITLE_SURNAMES = frozenset(surname.title() for surname in SURNAMES)


def _surname(word: str, lower: str) -> bool:
    if lower in FIRST_NAMES or lower in NOT_A_NAME:
        return False
    if lower in SURNAMES:
        return True
    if word[-4:] in SURNAME_TAILS or word[:6] in SURNAME_HEADS:
        return looks_like_surname(word)
    return (
        not word.isascii()
        and FOREIGN_LETTER_RE.search(word) is not None
        and (looks_like_surname(word))
    )


_TITLE_SURNAMES_BIT = word_tag(_TITLE_SURNAMES)


def lone_surnames(
    text: str,
    matches: list[re.Match[str]],
    texts: list[str],
    where: WordPlaces,
    shaped: list[int],
) -> Iterator[Span]:
    """Every surname on its own (see the module docstring).

    matches are the text's words, shaped the places where a word may be shaped like a surname.
    """

    def side_by_side(left: int, right: int) -> bool:
        gap = _GAP_RE.fullmatch(text, matches[left].end(), matches[right].start())
        return gap is not None

    last = len(texts) - 1
    # Listed surnames from the word index; shaped ones at the places given.
    candidates = set(where.of(_TITLE_SURNAMES_BIT))
    candidates.update(bisect_right(matches, place, key=_START) - 1 for place in shaped)
    for index in sorted(candidates):
        if index < 0 or (index and texts[index - 1] in _CAUGHT_BEFORE):
            continue  # after a first name or an honorific: the other name rules judge it
        word = texts[index]
        if not word[0].isupper() or not word[1:].islower() or len(word) < 3:
            continue
        lower = word.casefold()
        if not _surname(word, lower) or lower in _PLACES:
            continue
        first = index
        while (
            first > 0
            and texts[first - 1].casefold() in _TUSSENVOEGSELS
            and side_by_side(first - 1, first)
        ):
            first -= 1
        if index < last and side_by_side(index, index + 1):
            following = texts[index + 1]
            if following[0].isupper() and following.casefold() not in FUNCTION_WORDS:
                continue  # inside a capitalised phrase: other rules judge it
        else:
            following = ""
        start, end = matches[first].start(), matches[index].end()
        before = texts[first - 1] if first > 0 and side_by_side(first - 1, first) else ""
        if len(before) == 1 and before.isupper() and before not in "IU":
            yield matches[first - 1].start(), end  # "J Jansen": an initial without its dot
            continue
        if before and (
            before.islower()
            or before.casefold() in FUNCTION_WORDS
            or before.casefold() in _PERSON_PREPOSITIONS
        ):
            preposition = before.casefold() in _PERSON_PREPOSITIONS
            if not preposition and lower in _DUTCH_SURNAMES:
                continue  # "de Bakker van de hoek": a Dutch word, unless after met, bij …
            if not before.islower() and not preposition:
                continue  # sentence-initial "Het", "Die": not a person's context
        elif before or following not in _VERBS:
            continue  # "Jansen belde": at a sentence's start only before a verb
        if not landmark(text, start, end):
            yield start, end


_PARTICLE_WORDS = _split("al el ben bin ibn abu abou ait ould bou")
# As written; not "ben" in lower case, the verb.
_PARTICLES_CASED = frozenset(
    form for word in _PARTICLE_WORDS for form in (word, word.title(), word.upper())
) - {"ben"}


_PARTICLES_CASED_BIT = word_tag(_PARTICLES_CASED)


def particle_names(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """A particle between two capitalised words that are no Dutch words: "Rami Al Khatib"."""

    def side_by_side(left: int, right: int) -> bool:
        return _GAP_RE.fullmatch(text, matches[left].end(), matches[right].start()) is not None

    final = len(texts) - 1
    for index in where.of(_PARTICLES_CASED_BIT):
        if not 0 < index < final:
            continue
        first, last = texts[index - 1], texts[index + 1]
        if not (first[0].isupper() and last[0].isupper() and len(last) >= 3):
            continue
        if not (side_by_side(index - 1, index) and side_by_side(index, index + 1)):
            continue
        if is_dutch_word(last) or last.casefold() in FIRST_NAMES:
            continue
        if first.casefold() not in FIRST_NAMES and is_dutch_word(first):
            continue
        start, end = matches[index - 1].start(), matches[index + 1].end()
        if not landmark(text, start, end):
            yield start, end


_CALLED_RE = re.compile(
    r"(?<![^\W\d_])(?P<verb>heet|heette|heten|genaamd|genoemd)[ \t]+"
    r"(?:(?:eigenlijk|officieel|voluit|echt)[ \t]+)?(?P<name>[A-Z][^\W\d_]+)"
)
# "ze wordt Lexi genoemd": the name between the verb and "genoemd".
_CALLED_BETWEEN_RE = re.compile(
    r"(?<![^\W\d_])(?:wordt|werd|worden|werden)[ \t]+(?P<name>[A-Z][^\W\d_]+)[ \t]+genoemd"
)
_PERSON_BEFORE = frozenset(_split("kind zoon dochter baby jongen meisje broer zus hij zij ze"))


def called_names(text: str, lower: str) -> Iterator[Span]:
    """ "Kind heet Sem", "een jongen genaamd Milan" (see the module docstring)."""
    if "heet" not in lower and "genaamd" not in lower and "genoemd" not in lower:
        return
    for match in _CALLED_RE.finditer(text):
        word = match.group("name")
        folded = word.casefold()
        if folded in NOT_A_NAME or (folded not in FIRST_NAMES and is_dutch_word(word)):
            continue
        if match.group("verb").startswith("he"):
            words = text[max(0, match.start() - 30) : match.start()].casefold().split()[-3:]
            if not any(
                word.strip(",:;()") in _PERSON_BEFORE or word.strip(",:;()") in _RELATIONS
                for word in words
            ):
                continue
        yield match.start("name"), match.end("name")
    if "genoemd" in lower:
        for match in _CALLED_BETWEEN_RE.finditer(text):
            word = match.group("name")
            folded = word.casefold()
            if folded not in NOT_A_NAME and (folded in FIRST_NAMES or not is_dutch_word(word)):
                yield match.span("name")


_RELATIONS = frozenset(RELATION_WORDS.split("|"))
