"""Days and years written in Dutch words: "negen", "eenentwintigste", "tweeduizendzes".

Read for dates of birth written out ("geboren op drie april negentienhonderdtweeënzestig").
Words are compared without spaces, hyphens and accents, so "twee-en-twintig", "tweeëntwintig"
and "twee en twintig" are one number; a year may be "negentienhonderd(en)tweeënzestig",
"negentien tweeënzestig", "tweeduizend(en)zes" or "twintig twaalf".
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["day_in_words", "words_key", "year_in_words"]

_UNITS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = [
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
    "achttien", "negentien",
]  # fmt: skip
_TENS = ["twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]


def _cardinals() -> dict[str, int]:
    """1 to 99 in words (without accents or spaces)."""
    numbers = {word: value for value, word in enumerate(_UNITS, start=1)}
    numbers.update({word: value for value, word in enumerate(_TEENS, start=10)})
    for tens, ten_word in enumerate(_TENS, start=2):
        numbers[ten_word] = tens * 10
        for unit, unit_word in enumerate(_UNITS, start=1):
            numbers[f"{unit_word}en{ten_word}"] = tens * 10 + unit
    return numbers


_CARDINALS = _cardinals()
_ORDINAL_IRREGULAR = {"eerste": 1, "derde": 3, "achtste": 8}


def _ordinals() -> dict[str, int]:
    """The ordinals 1st to 31st in words."""
    ordinals = dict(_ORDINAL_IRREGULAR)
    for word, value in _CARDINALS.items():
        if value > 31 or value in _ORDINAL_IRREGULAR.values():
            continue
        ordinals[word + ("ste" if value >= 20 else "de")] = value
    return ordinals


_DAYS = {word: value for word, value in _CARDINALS.items() if value <= 31} | _ordinals()


def _years() -> dict[str, int]:
    """1900 to 2099 in the ways people write years out."""
    years: dict[str, int] = {"negentienhonderd": 1900, "tweeduizend": 2000}
    for word, value in _CARDINALS.items():
        years[f"negentienhonderd{word}"] = 1900 + value
        years[f"negentienhonderden{word}"] = 1900 + value
        years[f"tweeduizend{word}"] = 2000 + value
        years[f"tweeduizenden{word}"] = 2000 + value
        if value >= 10:
            years[f"negentien{word}"] = 1900 + value
            years[f"twintig{word}"] = 2000 + value
    return years


_YEARS = _years()
_ACCENTS_RE = re.compile(r"[\u0300-\u036f\s'-]+")


def words_key(words: str) -> str:
    """words lower-cased, without accents, spaces, hyphens and apostrophes."""
    return _ACCENTS_RE.sub("", unicodedata.normalize("NFD", words.casefold()))


def day_in_words(words: str) -> int | None:
    """The day of the month words say ("negen", "eenentwintigste"), or None."""
    return _DAYS.get(words_key(words))


def year_in_words(words: str) -> int | None:
    """The year words say ("negentienhonderdtweeënzestig", "tweeduizend zes"), or None."""
    return _YEARS.get(words_key(words))
