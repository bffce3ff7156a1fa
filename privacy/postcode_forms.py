"""Postcodes written the ways ``numbers.find_postcode`` did not read before round 5 of issue 12.

* glued to the place, as pasted from a form or typed on a phone: "3521AZUtrecht",
  "Utrecht3521AZ" (capital letters, and a capitalised word that is glued to them); glued to
  the house number ("3521AZ12") or to the country ("NL1012AB");
* the letters apart, with a place after: "1012 W X Amsterdam";
* after the word postcode (or pc, p.c.), in any split: "pc 3521 a.z.", "postcode 35 21 AZ",
  "postcode 3521 (AZ)", "postcode: 3521-az"; the letters said apart after the digits
  ("postcode is 1012, letters WX", "pc cijfers 3521 letters az", "postcode 3521 en dan AZ");
* in capitals glued to the place, as a form in capitals is pasted: "1012WXAMSTERDAM" (four
  capitals or more after the two; not after a year-like 19xx/20xx, not glued to a word before).

What still passes: "2024AB" and "2024 A B Test" (a year), "in 3000 en Utrecht" (a word), letters
postcodes never use ("postcode 3521 is onbekend").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.words import lowered

Span = tuple[int, int]

__all__ = ["glued_postcode", "labelled_postcodes"]

# Postcodes never use these letters.
_UNUSED = frozenset("FIOQUY")
_PLACE_BEFORE_RE = re.compile(r"(?<![\w])[A-Z][a-z]{2,}$")
# After the word postcode (matched from just after it): digits and letters in any split.
_LABELLED_RE = re.compile(
    r"(?![^\W\d_])[^\w\n]{0,4}(?:(?i:is)[ \t]+)?"
    r"(?P<digits>[1-9](?:[ \t.]?[0-9]){3})[^\w\n]{0,4}"
    r"(?P<l1>[A-Za-z])[ \t.]?(?P<l2>[A-Za-z])\.?(?![^\W\d_])"
)
# After the word postcode: the digits, then the letters said apart ("…, letters WX").
_SAID_APART_RE = re.compile(
    r"[^\w\n]{0,4}(?:(?i:is|cijfers|nummer)[ \t:]+)?(?P<digits>[1-9][0-9]{3})(?![0-9])"
    r"[^\w\n]{0,4}(?i:letters?|en(?:[ \t]+dan)?|met)[^\w\n]{0,4}"
    r"(?P<l1>[A-Za-z])[ \t.]?(?P<l2>[A-Za-z])\.?(?![^\W\d_])"
)
_LABELS = ("postcode", "post code", "pc", "p.c.")
_WORDS = frozenset({"en", "te", "er", "we", "ze", "al", "na", "je", "ja", "de", "me", "nr", "km"})


def glued_postcode(text: str, match: re.Match[str]) -> bool:
    """Whether a match of numbers._POSTCODE_RE glued to a place or with letters apart is one.

    Glued after: two capitals, then a capitalised word ("3521AZUtrecht") or four capitals and
    more ("1012WXAMSTERDAM"). Glued before: a
    capitalised word, then two capitals and no letter after ("Utrecht3521AZ"). Apart: one capital,
    a space or dot, one capital, then a place ("1012 W X Amsterdam").
    """
    start = match.start()
    if text[start : start + 2] in ("19", "20"):
        return False  # "2024AB", "rond 2024 A B Testen": a year
    letters = match.group("letters") or match.group("l1") + match.group("l2")
    if _UNUSED & set(letters.upper()):
        return False
    if match.group("l1"):
        return not (start and text[start - 1].isalpha())
    glued_before = start > 0 and text[start - 1].isalpha()
    if match.group("loose") is not None:
        return False
    if not letters.isupper():  # "3521 azUtrecht": lower-case letters, then the place
        place_after = text[match.end() : match.end() + 1].isupper()
        return place_after and not glued_before and letters.lower() not in _WORDS
    tail = text[match.end() : match.end() + 2]
    if len(tail) == 2 and tail[0].isupper() and tail[1].isupper():  # "1012WXAMSTERDAM"
        return letters.isupper() and not glued_before
    if text[max(0, start - 2) : start].upper() == "NL" and not _glued_word(text, start - 2):
        return True  # "NL1012AB": the country before it
    if glued_before:  # a place, and nothing glued after
        if match.group("glued") is not None or match.group("sep").strip(" \t"):
            return False
        return _PLACE_BEFORE_RE.search(text, max(0, start - 40), start) is not None
    return True


def _glued_word(text: str, start: int) -> bool:
    return start > 0 and text[start - 1].isalnum()


def _after_label(text: str, start: int) -> Span | None:
    """The postcode written in any split from start (just after the label), or None."""
    for pattern in (_LABELLED_RE, _SAID_APART_RE):
        match = pattern.match(text, start)
        if match is not None:
            spaced = match.group("l1") + match.group("l2")
            if not _UNUSED & set(spaced.upper()) and spaced not in _WORDS:
                return match.start("digits"), match.end()
    return None


def labelled_postcodes(text: str) -> Iterator[Span]:
    """Postcodes split in any way after the word postcode (pc, p.c.)."""
    lower = lowered(text)  # shared with the other detectors of this scan
    for label in _LABELS:
        at = lower.find(label)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalpha():
                span = _after_label(text, at + len(label))
                if span is not None:
                    yield span
            at = lower.find(label, at + 1)
