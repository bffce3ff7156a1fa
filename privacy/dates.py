"""Detector for dates of birth.

A full date (day, month, year) is a date of birth when a birth word is near it ("geboren",
"geb", "geboortedatum", "DOB", "born", "°"), or when it stands beside a person: in apposition
or brackets after a relation word or a client ("Moeder, 3 maart 1985,", "Cliënt (12/03/1985)",
"Zoon Mohamed, 13-04-2010") or after "is van" ("De oudste dochter is van 30 december 2005").
A date with neither is an event: a policy date, a meeting, a holiday ("De decentralisaties van
1 januari 2015"), never refused.

Written forms: 12-03-1985, 12/3/85, 12.03.1985, 12 - 03 - 1985, 1985-03-12, 12031985 and 120385
(after a birth word), 3 maart 1985, 3 mrt '85, 12 March 1985, March 12, 1985, 12-03 (1985).
"today" is an argument: a date after it is no birth date, and two-digit years are read against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from privacy.words import PERSON_WORDS, trie_pattern

Span = tuple[int, int]

__all__ = ["find_birth_date"]

_MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEP = r"[ \t]*[-/.][ \t]*|[ \t]+"
_YEAR_PARENS = r"[ \t]*\([ \t]*(?P<yp>(?:19|20)[0-9]{2}|'?[0-9]{2})[ \t]*\)"
# Starting with a character class, then looking back, lets the regex engine scan fast.
_BEFORE = r"(?=[0-9])(?<![\w.,/:-])"
_AFTER = r"(?![0-9]|[-/.:,][0-9]|[^\W\d_])"
_NUMERIC_DATE_RE = re.compile(
    rf"{_BEFORE}(?:"
    rf"(?P<d>[0-3]?[0-9])(?P<s1>{_SEP})(?P<m>[0-3]?[0-9])"
    rf"(?:(?P<s2>{_SEP})(?P<y>[0-9]{{4}}|'?[0-9]{{2}})|{_YEAR_PARENS})"
    r"|(?P<y2>(?:19|20)[0-9]{2})(?P<s3>[ \t]*[-/.][ \t]*)(?P<m2>[01]?[0-9])(?P=s3)"
    r"(?P<d2>[0-3]?[0-9])"
    rf"){_AFTER}"
)
_COMPACT_DATE_RE = re.compile(
    rf"{_BEFORE}(?P<d>[0-3][0-9])(?P<m>[01][0-9])(?P<y>[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
)
_WORD_YEAR = rf"(?:(?P<y>(?:19|20)[0-9]{{2}}|'[0-9]{{2}}|[0-9]{{2}})|{_YEAR_PARENS})"
# Dates with a month name are found from the month: month names are few in a text.
_MONTH_RE = re.compile(
    rf"(?=[adfjmnosADFJMNOS])(?<![^\W\d_])(?P<mon>{trie_pattern(_MONTHS)})(?![^\W\d_])",
    re.IGNORECASE,
)
_COMPACT_HINTS = ("geb", "dob", "d.o.b", "born", "°")
_DAY_BEFORE_RE = re.compile(
    r"(?<![\w.,/:-])(?P<d>[0-3]?[0-9])(?:e|ste|de|st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$",
    re.IGNORECASE,
)
_YEAR_AFTER_RE = re.compile(rf"\.?,?[ \t]+{_WORD_YEAR}(?![0-9]|[^\W\d_])")
_DAY_YEAR_AFTER_RE = re.compile(
    rf"\.?[ \t]+(?P<d>[0-3]?[0-9])(?:e|ste|de|st|nd|rd|th)?,?[ \t]+{_WORD_YEAR}"
    r"(?![0-9]|[^\W\d_])",
    re.IGNORECASE,
)
_BIRTH_WORD_RE = re.compile(
    r"(?:geboren|\bgeb\b\.?|geboortedatum|geboortedag|gebdat|geb\.?[ \t]?datum|\bdob\b|d\.o\.b\."
    r"|°|geboorte|\bborn\b|\bbirth|\bgeb\.?:)[^\n]{0,25}$",
    re.IGNORECASE,
)
_BIRTH_WORD_AFTER_RE = re.compile(
    r"^[^\n\w]{0,3}(?:[\w]+[ \t]+){0,2}(?:geboren|geboortedatum|geboortedag|born)\b", re.IGNORECASE
)
_COMPACT_BIRTH_RE = re.compile(
    r"(?:geboren|\bgeb\b\.?|geboortedatum|gebdat|\bdob\b|d\.o\.b\.|°|\bborn\b)[^\w\n]{0,4}"
    r"(?:op[ \t]+)?$",
    re.IGNORECASE,
)
_PERSON_WORDS = frozenset(PERSON_WORDS.split("|"))
# What stands between a person and a date said of them: "Moeder, ", "Cliënt (", "is van ".
_APPOSITION_RE = re.compile(r"(?:[(,:]|\b(?:is|zijn|was|waren)[ \t]+van)[ \t]*$", re.IGNORECASE)
_CLAUSE_WORD_RE = re.compile(r"[^\W\d_]+")
_EARLIEST_BIRTH_YEAR = 1900


def _full_year(raw: str, today: date) -> int:
    """A four-digit year from raw ('1985', '85', "'85"), two digits read against today."""
    raw = raw.lstrip("'")
    if len(raw) == 4:
        return int(raw)
    value = int(raw)
    return (2000 if value <= today.year % 100 else 1900) + value


def _real_date(day: int, month: int, year: int, today: date) -> date | None:
    """The date when the parts form one between 1900 and today."""
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    if when.year < _EARLIEST_BIRTH_YEAR or when > today:
        return None
    return when


class _Context:
    """What stands around a date in text: a birth word, or a person it is said of."""

    def __init__(self, text: str) -> None:
        self.text = text

    def birth_word(self, start: int, end: int) -> bool:
        if _BIRTH_WORD_RE.search(self.text, max(0, start - 40), start) is not None:
            return True
        return _BIRTH_WORD_AFTER_RE.search(self.text[end : end + 40]) is not None

    def person_beside(self, start: int) -> bool:
        apposition = _APPOSITION_RE.search(self.text, max(0, start - 14), start)
        if apposition is None:
            return False
        low = max(0, apposition.start() - 40)
        for end_mark in "\n.;!?":
            low = max(low, self.text.rfind(end_mark, low, apposition.start()) + 1)
        words = _CLAUSE_WORD_RE.findall(self.text, low, apposition.start())
        return any(word.casefold() in _PERSON_WORDS for word in words)


def _judge(
    context: _Context, span: Span, parts: tuple[int, int, str], today: date, *, loose: bool
) -> bool:
    """Whether a date written as parts (day, month, raw year) at span is a date of birth.

    loose: written in a way that only a birth word makes a date (spaces for separators,
    a two-digit year, a year in brackets).
    """
    day, month, raw_year = parts
    birth_word = context.birth_word(*span)
    if not birth_word and (loose or len(raw_year.lstrip("'")) == 2):
        return False
    when = _real_date(day, month, _full_year(raw_year, today), today)
    if when is None and day <= 12 < month:
        when = _real_date(month, day, _full_year(raw_year, today), today)  # 03/25/1985
    if when is None:
        return False
    if birth_word:
        return True
    return when.year <= today.year - 2 and context.person_beside(span[0])


def find_birth_date(text: str, *, today: date) -> Iterator[Span]:
    """Full dates beside a birth word or a person (see the module docstring)."""
    if not any(c.isdigit() for c in text):
        return
    context = _Context(text)
    for match in _NUMERIC_DATE_RE.finditer(text):
        if match.group("y2") is not None:
            parts = (int(match.group("d2")), int(match.group("m2")), match.group("y2"))
            loose = False
        else:
            s1 = match.group("s1").strip()
            s2 = match.group("s2")
            year = match.group("y") or match.group("yp")
            if s2 is not None and s2.strip() != s1:
                continue  # "12-03/1985": not one date
            parts = (int(match.group("d")), int(match.group("m")), year)
            loose = not s1 or match.group("yp") is not None
        if _judge(context, match.span(), parts, today, loose=loose):
            yield match.span()
    for match in _MONTH_RE.finditer(text):
        month = _MONTHS[match.group("mon").lower()]
        day_before = _DAY_BEFORE_RE.search(text, max(0, match.start() - 12), match.start())
        year_after = _YEAR_AFTER_RE.match(text, match.end())
        if day_before is not None and year_after is not None:
            start, end, day = day_before.start(), year_after.end(), day_before.group("d")
            found = year_after
        else:
            month_first = _DAY_YEAR_AFTER_RE.match(text, match.end())  # "March 12, 1985"
            if month_first is None:
                continue
            start, end, day = match.start(), month_first.end(), month_first.group("d")
            found = month_first
        year = found.group("y") or found.group("yp")
        loose = found.group("yp") is not None or (len(year) == 2 and not year.startswith("'"))
        if _judge(context, (start, end), (int(day), month, year), today, loose=loose):
            yield start, end
    lower = text.lower()
    if not any(hint in lower for hint in _COMPACT_HINTS):
        return
    for match in _COMPACT_DATE_RE.finditer(text):
        if _COMPACT_BIRTH_RE.search(text, max(0, match.start() - 20), match.start()) is None:
            continue
        parts = (int(match.group("d")), int(match.group("m")), match.group("y"))
        if _judge(context, match.span(), parts, today, loose=False):
            yield match.span()
