"""Names beside a word that says a client is meant (round 7 of issue 12).

These rules were written when a first name alone still passed (until round 8; a listed first
name alone is now ``lone_first_names``); they need a cue beside the name and also catch names
that are on no list:

* a school, care or family word before "van" and the name: "de ouders van Ryan", "de juf van
  Imran", "de school van Aylin", "voor de kinderen van Dewi"; and the possessive before such a
  word: "Emma's juf", "Kevins mentor" (relation words after a possessive are ``more_names``);
* a home visit: "huisbezoek bij Gerrit", "huisbezoek aan Zehra";
* a school class after the name: "Aziz zit in groep 6", "Milan zat in klas 2b";
* a double surname of two capitalised parts that are no Dutch words and no first names
  ("Ramdien-Mangroe belt", "mw. Koster-Bouzid"), not a place ("Sint-Maarten", "Noord-Holland").

The name is a listed first name or surname with a capital, or a capitalised word that is no
Dutch word. What still passes: "de school van Morgen", "de ouders van Nu", "huisbezoek bij
Vluchtelingenwerk", "Zuid-Afrika", "Jan-Willem belde".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.landmarks import landmark
from privacy.more_names import PLACES, side_by_side
from privacy.name_parts import not_a_name
from privacy.words import FIRST_NAMES, SURNAMES, WordPlaces, is_dutch_word, lowered, word_tag

Span = tuple[int, int]

__all__ = ["cue_names"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


# Words of a client's world before "van <name>" or after "<name>'s".
_CLIENT_WORDS = frozenset(
    _split(
        """
    ouders kinderen kids broers zussen grootouders pleegouders juf meester mentor mentrix
    leerkracht school klas klasgenoten groepsleerkracht intern ib'er ib-er zorgcoördinator
    leerplichtambtenaar voogd jeugdbeschermer gezinsvoogd behandelaar therapeut begeleider
    huisarts zwangerschap uithuisplaatsing ondertoezichtstelling ots schoolverzuim dossier
    """
    )
)
_CLIENT_CASED = frozenset(form for word in _CLIENT_WORDS for form in (word, word.title()))
_VISIT_RE = re.compile(
    r"(?i:huisbezoek(?:je)?[ \t]+(?:bij|aan))[ \t]+(?P<name>[A-Z][^\W\d_]++(?:-[A-Z][^\W\d_]++)?)"
    r"(?![\w'-])"
)
# Found from "groep" or "klas", looking back: "Aziz zit in groep 6".
_CLASS_RE = re.compile(
    r"(?<![\w'-])(?P<name>[A-Z][^\W\d_]++)[ \t]+(?:zit|zat)[ \t]+(?:nu[ \t]+|nog[ \t]+)?"
    r"in[ \t]+$"
)
_CLASS_NUMBER_RE = re.compile(r"(?:groep|klas)[ \t]*[0-9]")
# From the hyphen (the engine scans for it fast); the first part is found looking back.
_DOUBLE_RE = re.compile(r"-(?<=[a-zà-ÿ]-)[A-Z][a-zà-ÿ]{2,20}(?![\w'-])")
_WORD_START_RE = re.compile(r"(?<![\w'-])[A-Z][a-zà-ÿ]{2,20}$")


def _name(word: str) -> bool:
    """A capitalised word that names a person: listed, or no Dutch word."""
    if len(word) < 2 or not word[0].isupper() or not word[1:].replace("-", "").islower():
        return False
    if not_a_name(word):
        return False
    lower = word.casefold()
    return lower in FIRST_NAMES or lower in SURNAMES or not is_dutch_word(word)


_CLIENT_CASED_BIT = word_tag(_CLIENT_CASED)


def _client_words(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """ "de ouders van Ryan", "Emma's juf": a name beside a word of a client's world."""
    last = len(texts) - 1
    for index in where.of(_CLIENT_CASED_BIT):
        of = index + 2 <= last and texts[index + 1] == "van" and side_by_side(text, matches, index)
        if of and side_by_side(text, matches, index + 1) and _name(texts[index + 2]):
            start, end = matches[index + 2].span()
            if not landmark(text, start, end):
                yield start, end
        if index and side_by_side(text, matches, index - 1):
            before = texts[index - 1]
            stem = before[:-2] if before.endswith("'s") else before[:-1]
            listed = len(stem) >= 3 and stem[0].isupper() and stem.casefold() in FIRST_NAMES
            if before.endswith("s") and listed and ("'" in before or not is_dutch_word(before)):
                yield matches[index - 1].start(), matches[index].end()


def _double_surnames(text: str) -> Iterator[Span]:
    """ "Ramdien-Mangroe": two capitalised parts, neither a Dutch word, a first name or a place."""
    for match in _DOUBLE_RE.finditer(text):
        head = _WORD_START_RE.search(text, max(0, match.start() - 21), match.start())
        if head is None:
            continue
        parts = (head.group(), match.group()[1:])
        if f"{parts[0]}-{parts[1]}".casefold() in PLACES:
            continue
        if all(
            not not_a_name(part)
            and part.casefold() not in FIRST_NAMES
            and part.casefold() not in PLACES
            and not is_dutch_word(part)
            for part in parts
        ):
            yield head.start(), match.end()


def cue_names(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """Every name found by the rules in the module docstring (matches: the text's words)."""
    yield from _client_words(text, matches, texts, where)
    lower = lowered(text)
    if "huisbezoek" in lower:
        for match in _VISIT_RE.finditer(text):
            if _name(match.group("name")) and not landmark(text, *match.span("name")):
                yield match.span("name")
    for word in ("groep", "klas"):
        at = lower.find(word)
        while at >= 0:
            if _CLASS_NUMBER_RE.match(lower, at) is not None:
                pupil = _CLASS_RE.search(text, max(0, at - 40), at)
                if pupil is not None and _name(pupil.group("name")):
                    yield pupil.span("name")
            at = lower.find(word, at + 1)
    if "-" in text:
        yield from _double_surnames(text)
