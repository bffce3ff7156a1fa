"""Names that are places, buildings, shops or prizes: "het Anne Frank Huis", "bij Albert Heijn".

A person's name is never preceded by an article ("in het Anne Frank Huis", "bij de Albert Heijn"),
and is not followed by a building or institution word ("Jeroen Bosch Ziekenhuis", "Willem
Drees-gebouw"); a compound with such an ending ("Maria Montessorischool", "Mr. Visserplein") is a
place too. A street or building word right after a tussenvoegsel is a surname part ("van der
Laan"). A few people are in everyday Dutch mainly shops or places (Albert Heijn, Anne Frank).
"""

from __future__ import annotations

import re

from privacy.words import SURNAMES

__all__ = ["landmark", "named_after"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


_ARTICLE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:de|het|'t)[ \t]+$", re.IGNORECASE)
# Words after a name that make it a place, building, shop or prize named after a person.
_INSTITUTION_WORDS = frozenset(
    _split(
        """
    huis ziekenhuis kinderziekenhuis gasthuis school basisschool college lyceum museum centrum
    kliniek stichting fonds park plein arena stadion academie instituut hogeschool universiteit
    mc umc zaal theater bibliotheek huiskamer prijs lezing dag foundation winkel kerk brug
    gebouw hal toren zwembad sporthal straat laan weg kade gracht singel hof plantsoen
    kindcentrum hospice instelling zorgcentrum
    """
    )
)
# Words straight before a name that make it an organisation or a work named after a person.
_NAMED_BY_WORDS = frozenset(
    _split(
        """
    stichting fonds vereniging museum school basisschool kindcentrum college lyceum hogeschool
    ziekenhuis prijs boek film serie lied album musical toneelstuk voorstelling
    """
    )
)
_WORD_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]{4,})[ \t]+$")
_INSTITUTION_SUFFIXES = (
    "school", "ziekenhuis", "gasthuis", "zaal", "museum", "centrum", "kliniek", "college",
    "lyceum", "stadion", "theater", "straat", "plein", "park", "academie", "instituut",
    "bibliotheek", "huiskamer", "laan", "weg", "singel", "gracht", "kade",
)  # fmt: skip
# People whose names are places, hospitals or shops in everyday Dutch.
_EPONYMS = (
    "albert heijn", "jan linders", "hans anders", "dirk van den broek", "anne frank",
    "jeroen bosch", "johan cruijff", "johan cruyff", "abe lenstra", "willem arntsz",
    "antoni van leeuwenhoek", "albert schweitzer", "reinier de graaf", "pieter baan",
    "maria montessori", "thomas more", "ronald mcdonald", "vincent van gogh", "nelson mandela",
    "martin luther king", "prinses maxima", "prinses máxima", "koningin maxima",
    "willem alexander", "juliana", "beatrix", "wilhelmina",
)  # fmt: skip
_INSTITUTION_SUFFIX_WORDS = frozenset(_INSTITUTION_SUFFIXES)
_TITLES = frozenset({"mr", "dr", "drs", "ir", "prof", "meester"})
_SURNAME_LINKS = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "t", "het", "op", "in"})
_EPONYM_STARTS = frozenset(eponym.split()[0] for eponym in _EPONYMS)
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_NEXT_WORD_RE = re.compile(r"[ \t-]*(?P<word>[^\W\d_]+)")


def named_after(text: str, start: int, name_start: int, end: int) -> bool:
    """Whether an honorific and name are a street or building ("het Mr. Visserplein")."""
    title = text[start:name_start].split(".")[0].strip().casefold()
    if title in _TITLES and _ARTICLE_BEFORE_RE.search(text, max(0, start - 5), start) is not None:
        return True  # "het Mr. Visserplein"; but "de familie Öztürk" is a family
    return _institution(text, name_start, end, skip_first=False)


def landmark(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is a building, place, shop or prize (or a street)."""
    if _ARTICLE_BEFORE_RE.search(text, max(0, start - 5), start) is not None:
        return True  # "in het Anne Frank Huis", "bij de Albert Heijn": no article before a person
    before = _WORD_BEFORE_RE.search(text, max(0, start - 24), start)
    if before is not None and before.group("word").casefold() in _NAMED_BY_WORDS:
        return True  # "Stichting Anton Constandse", "het boek Kees de Jongen"
    return _institution(text, start, end, skip_first=True)


def _institution(text: str, start: int, end: int, *, skip_first: bool) -> bool:
    """Whether text[start:end] or the word after it names a building, place, shop or prize."""
    words = [w.casefold() for w in _LETTERS_RE.findall(text, start, end)]
    following = _NEXT_WORD_RE.match(text, end)
    if following is not None:
        words.append(following.group("word").casefold())
    for index in range(1 if skip_first else 0, len(words)):
        word = words[index]
        after_link = index > 0 and words[index - 1] in _SURNAME_LINKS  # "van der Laan"
        # "Mandelaschool": a word ending in one, not the word itself ("school").
        compound = word.endswith(_INSTITUTION_SUFFIXES) and word not in _INSTITUTION_SUFFIX_WORDS
        if (word in _INSTITUTION_WORDS and not after_link) or (compound and word not in SURNAMES):
            return True
    if not words or words[0] not in _EPONYM_STARTS:
        return False
    joined = " ".join(words)
    return any(joined.startswith(eponym) for eponym in _EPONYMS)
