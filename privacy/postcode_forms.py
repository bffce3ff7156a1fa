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
# From a digit, one scan for three forms: glued to the place after it ("3521AZUtrecht"), the
# letters apart before a place ("1012 W X Amsterdam"), glued to the place before ("Utrecht3521AZ").
_GLUED_OR_SPLIT_RE = re.compile(
    r"[1-9](?:(?<![\w.,][1-9])[0-9]{3}"
    r"(?:[ \t]?(?P<letters>[A-Z]{2})(?=[A-Z][a-z]{2,})"
    r"|[ \t]{1,2}(?P<l1>[A-Z])[ \t.](?P<l2>[A-Z])\.?(?=[ \t,]+[A-Z][a-z]))"
    r"|(?<=[a-z]{2}[1-9])[0-9]{3}[ \t]?(?P<before>[A-Z]{2})(?![^\W_]))"
)
_PLACE_BEFORE_RE = re.compile(
    r"[1-9](?<=[a-z]{2}[1-9])[0-9]{3}[ \t]?(?P<letters>[A-Z]{2})(?![^\W_])"
)
_PLACE_BEFORE_RE = re.compile(r"(?<![\w])[A-Z][a-z]{2,}$")
# After the word postcode (matched from just after it): digits and letters in any split.
_LABELLED_RE = re.compile(
    r"(?![^\W\d_])[^\w\n]{0,4}(?:(?i:is)[ \t]+)?"
    r"(?P<digits>[1-9](?:[ \t.]?[0-9]){3})[^\w\n]{0,4}"
    r"(?P<l1>[A-Za-z])[ \t.]?(?P<l2>[A-Za-z])\.?(?![^\W\d_])"
)
_LABELS = ("postcode", "post code", "pc", "p.c.")
_WORDS = frozenset({"en", "te", "er", "we", "ze", "al", "na", "je", "ja", "de", "me", "nr", "km"})


def _letters(match: re.Match[str]) -> str:
    """The two postcode letters of a match, in capitals."""
    groups = match.groupdict()
    return (groups.get("letters") or groups["l1"] + groups["l2"]).upper()


def _labelled(text: str, lower: str) -> Iterator[Span]:
    """Postcodes after the word postcode, pc or p.c."""
    for label in _LABELS:
        at = lower.find(label)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalpha():
                match = _LABELLED_RE.match(text, at + len(label))
                if match is not None:
                    letters = _letters(match)
                    spaced = match.group("l1") + match.group("l2")
                    if not _UNUSED & set(letters) and spaced not in _WORDS:
                        yield match.start("digits"), match.end()
            at = lower.find(label, at + 1)


def more_postcodes(text: str) -> Iterator[Span]:
    """Postcodes glued to a place, with letters apart, or split after the word postcode."""
    for match in _GLUED_OR_SPLIT_RE.finditer(text):
        start = match.start()
        letters = match.group("before") or _letters(match)
        if _UNUSED & set(letters) or text[start : start + 2] in ("19", "20"):
            continue
        glued_after = match.group("before") is None
        if glued_after or _PLACE_BEFORE_RE.search(text, max(0, start - 40), start) is not None:
            yield match.span()
    lower = text.lower()
    if "pc" in lower or "p.c." in lower or "code" in lower:
        yield from _labelled(text, lower)
