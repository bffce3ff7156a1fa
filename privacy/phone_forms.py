"""Phone numbers after a phone word that the digit-run scan in ``numbers`` does not read.

After tel, telefoon(nummer), mobiel, gsm, whatsapp, app, bel(len) or bereikbaar, up to 30
characters on the same line, these count as a phone finding:

* a number with a letter l or I for a one ("0l0-1234567", "06-l2345678"), at most two letters;
* a mobile number without its leading zero ("mobiel 6 12345678", "whatsapp 6-12345678").

What passes: counts and times after the word ("bel 6 keer", "bel om 10.30"), organisation
numbers (0800, 0900, 085, 088), fewer than nine digits, a word not starting with the phone
word ("belangrijk 0l0-1234567" is no label).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.words import lowered, matches_at, occurrences, trie_pattern

Span = tuple[int, int]

__all__ = ["labelled_phones"]

_LABELS = frozenset(
    {
        "tel",
        "telnr",
        "telefoon",
        "telefoonnummer",
        "telefoonnr",
        "mob",
        "mobiel",
        "mobieltje",
        "mobielnummer",
        "gsm",
        "whatsapp",
        "app",
        "bel",
        "bellen",
        "belt",
        "bereikbaar",
    }
)
# A phone word as a whole word: no letter before it, no a-z after it; one pass in C (a loop over
# every "bel" and "app" in Dutch text, beleid and apparaat included, cost a tenth of a scan).
# The first letter is tried before the look-behind, which is the slow part at every position.
_LABEL_RE = re.compile(
    rf"(?=[{''.join(sorted({label[0] for label in _LABELS}))}])(?<![^\W\d_])"
    rf"(?:{trie_pattern(_LABELS)})(?![a-z])"
)
_REACH = 30
_NUMBER_RE = re.compile(r"[0-9lIoO](?:[ \t]?[-./]?[ \t]?[0-9lIoO]){7,11}(?![\w])")
_LETTERS = str.maketrans("lIoO", "1100")
_ORGANISATION_PREFIXES = ("800", "900", "906", "909", "85", "88", "676")


def _phone_digits(number: str) -> bool:
    """Whether number (letters read as digits) is a personal Dutch phone number."""
    digits = "".join(char for char in number.translate(_LETTERS) if char.isdigit())
    national = digits[1:] if digits.startswith("0") else digits
    if len(national) != 9 or national[0] == "0" or national.startswith(_ORGANISATION_PREFIXES):
        return False
    letters = sum(char in "lIoO" for char in number)
    if letters > 2:
        return False
    # A number the digit-run scan reads already has its zero and no l or I: not this rule's.
    return not digits.startswith("0") or any(char in "lI" for char in number)


# Every phone word begins with one of these; _LABEL_RE is tried only where str.find sees one.
_LABEL_HEADS = frozenset(label[:3] for label in _LABELS)


def _labels(lower: str) -> Iterator[int]:
    """Where each phone word ends (a whole word, starting at a word's start)."""
    for word in matches_at(_LABEL_RE, lower, occurrences(lower, _LABEL_HEADS)):
        yield word.end()


def labelled_phones(text: str) -> Iterator[Span]:
    """Phone numbers with l for 1 or without their zero, after a phone word (module docstring)."""
    lower = lowered(text)
    if len(lower) != len(text):
        lower = "".join(char.lower()[0] for char in text)
    for start in _labels(lower):
        window = text[start : start + _REACH]
        newline = window.find("\n")
        if newline >= 0:
            window = window[:newline]
        match = _NUMBER_RE.search(window)
        if match is None or not _phone_digits(match.group()):
            continue
        if start + match.start() > 0 and text[start + match.start() - 1].isalpha():
            continue  # inside a word ("Rol1234567")
        yield start + match.start(), start + match.end()
