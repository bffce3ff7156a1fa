"""Postcodes written the ways ``numbers.find_postcode`` does not read (round 5 of issue 12).

* glued to the place, as pasted from a form or typed on a phone: "3521AZUtrecht",
  "Utrecht3521AZ" (capital letters, and a capitalised word that is glued to them);
* the letters apart, with a place after: "1012 W X Amsterdam";
* after the word postcode (or pc, p.c.), in any split: "pc 3521 a.z.", "postcode 35 21 AZ",
  "postcode 3521 (AZ)", "postcode: 3521-az".

What still passes: "2024AB" and "2024 A B Test" (a year), "in 3000 en Utrecht" (a word), letters
postcodes never use ("postcode 3521 is onbekend").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]

__all__ = ["more_postcodes"]

# Postcodes never use these letters.
_UNUSED = frozenset("FIOQUY")
# Glued to the place after it: the digits (not inside a code), two capitals, then "Utrecht".
_GLUED_PLACE_AFTER_RE = re.compile(
    r"(?P<digits>[1-9](?<![\w][1-9])[0-9]{3})[ \t]?(?P<letters>[A-Z]{2})(?=[A-Z][a-z]{2,})"
)
# Glued to the place before it: "Utrecht3521AZ" (found from the digit, looking back).
_GLUED_PLACE_BEFORE_RE = re.compile(
    r"[1-9](?<=[a-z]{2}[1-9])[0-9]{3}[ \t]?(?P<letters>[A-Z]{2})(?![^\W_])"
)
_PLACE_BEFORE_RE = re.compile(r"(?<![\w])[A-Z][a-z]{2,}$")
# The letters apart: "1012 W X Amsterdam".
_SPLIT_LETTERS_RE = re.compile(
    r"(?P<digits>[1-9](?<![\w.,][1-9])[0-9]{3})[ \t]{1,2}(?P<l1>[A-Z])[ \t.](?P<l2>[A-Z])\.?"
    r"(?=[ \t,]+[A-Z][a-z])"
)
# After the word postcode: digits and letters in any split.
_LABELLED_RE = re.compile(
    r"(?<![^\W\d_])(?i:postcode|post[ \t]code|pc|p\.c\.)(?![^\W\d_])[^\w\n]{0,4}"
    r"(?:(?i:is)[ \t]+)?"
    r"(?P<digits>[1-9](?:[ \t.]?[0-9]){3})[^\w\n]{0,4}"
    r"(?P<l1>[A-Za-z])[ \t.]?(?P<l2>[A-Za-z])\.?(?![^\W\d_])"
)
_WORDS = frozenset({"en", "te", "er", "we", "ze", "al", "na", "je", "ja", "de", "me", "nr", "km"})


def _letters(match: re.Match[str]) -> str:
    """The two postcode letters of a match, in capitals."""
    if "letters" in match.re.groupindex:
        return match.group("letters").upper()
    return (match.group("l1") + match.group("l2")).upper()


def more_postcodes(text: str) -> Iterator[Span]:
    """Postcodes glued to a place, with letters apart, or split after the word postcode."""
    for pattern in (_GLUED_PLACE_AFTER_RE, _SPLIT_LETTERS_RE):
        for match in pattern.finditer(text):
            if not _UNUSED & set(_letters(match)) and match.group("digits")[:2] not in ("19", "20"):
                yield match.span()
    for match in _GLUED_PLACE_BEFORE_RE.finditer(text):
        start = match.start()
        if _UNUSED & set(_letters(match)) or text[start : start + 2] in ("19", "20"):
            continue
        if _PLACE_BEFORE_RE.search(text, max(0, start - 40), start) is not None:
            yield match.span()
    lower = text.lower()
    if "pc" not in lower and "p.c." not in lower and "code" not in lower:
        return
    for match in _LABELLED_RE.finditer(text):
        letters = _letters(match)
        spaced = match.group("l1") + match.group("l2")
        if _UNUSED & set(letters) or spaced in _WORDS:
            continue
        yield match.start("digits"), match.end()
