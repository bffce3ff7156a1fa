"""Detector for dates of birth.

A full date (day, month, year) is a date of birth when a birth word is near it ("geboren",
"geb", "geboortedatum", "verjaardag", "jarig", "DOB", "born", "°", the genealogist's asterisk
"*02-09-1976"), or when it stands beside a person: in apposition
or brackets after a relation word or a client ("Moeder, 3 maart 1985,", "Cliënt (12/03/1985)",
"Zoon Mohamed, 13-04-2010") or after "is van" ("De oudste dochter is van 30 december 2005").
A date with neither is an event: a policy date, a meeting, a holiday ("De decentralisaties van
1 januari 2015"), never refused.

Written forms: 12-03-1985, 12/3/85, 12.03.1985, 12 - 03 - 1985, 1985-03-12, 12031985 and 120385
(after a birth word), 3 maart 1985, 3 mrt '85, 12 March 1985, March 12, 1985, 12-03 (1985), and
in words after a birth word ("geboren op drie april negentienhonderdtweeënzestig").
A year (or month and year) straight after a birth mark is a birth year: "(geb. 1984)", "°1984",
"*1976", "geboren (1979)", "geboren in '79", "geb. maart 1984"; but not a group born in a year
("kinderen geboren in 2020", "geboren in 2015 of later").
"today" is an argument: a date after it is no birth date, and two-digit years are read against it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from privacy.number_words import day_in_words, year_in_words
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
# Each branch starts with a character class (then looks back), which the engine scans fast.
_BIRTH_WORD_RE = re.compile(
    r"(?:[gG](?:eboren|eboorte|ebdat|(?<![^\W\d_][gG])eb(?:\b\.?|\.?[ \t]?datum|\.?:))"
    r"|[dD](?<![^\W\d_][dD])(?:ob\b|\.o\.b\.)|°|[bB](?<![^\W\d_][bB])(?:orn\b|irth))"
    r"[^\n.;!?]{0,40}$|\*(?<![\w*]\*)$",
    re.IGNORECASE,
)
# Birthday words: the date of a birthday is a date of birth when it lies years back ("Zijn
# verjaardag is 9 januari 2006"), not a party last month.
_BIRTHDAY_WORD_RE = re.compile(
    r"(?:verjaardag|\bjarig\b|\bverjaart\b)[^\n.;!?,]{0,30}$",
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
# A year, or a month and a year, straight after a birth mark: "(geb. 1984)", "geboren (1979)".
_BIRTH_YEAR_RE = re.compile(
    r"(?:[gG](?<![^\W\d_][gG])(?:(?P<word>eboren)|eb(?:\.|\b)|eboortejaar|eb\.?[ \t]?jaar)"
    r"|°|\*(?<![\w*]\*))"
    r"[ \t]*:?[ \t]*(?:(?:in|uit|anno)[ \t]+)?(?P<open>\(?)[ \t]*"
    rf"(?:(?:{trie_pattern(_MONTHS)})\.?[ \t]+|[01]?[0-9][ \t]*[-/.][ \t]*)?"
    r"(?P<y>(?:19|20)[0-9]{2}|'[0-9]{2})(?![0-9]|[-/.,][0-9]|[^\W\d_])",
    re.IGNORECASE,
)
_BIRTH_YEAR_HINTS = ("geb", "°", "*")
_DIGIT_RE = re.compile(r"[0-9]")
_WORDS_DATE_HINTS = ("geb", "born", "°", "birth", "dob", "d.o.b")
# "kinderen geboren in 2020", "geboren in 2015 of later": a group born in a year, not a person.
_GROUP_BEFORE_RE = re.compile(
    r"\b(?:kinderen|kids|baby's|babies|mensen|jongeren|inwoners|ouderen|personen|cliënten"
    r"|clienten|leerlingen|alle|iedereen|wie|generatie|cohort|jaargang|lichting|zij|die)\b"
    r"[^\n.;!?]{0,30}$",
    re.IGNORECASE,
)
_RANGE_AFTER_RE = re.compile(
    r"\)?[ \t]*(?:of|en|t/m|tot|-|tot[ \t]+en[ \t]+met)[ \t]+(?:later|eerder|daarna|[0-9'])",
    re.IGNORECASE,
)
# Words before and after a month name that may be a day and a year written out.
_WORDS_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]+[ \t-]+){1,3}$")
_WORDS_AFTER_RE = re.compile(r"[ \t,]+(?:[^\W\d_]+(?:[ \t-]+|(?![^\W\d_]))){1,5}")
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
        self.lower = lower = text.lower()
        self.birthdays = "verjaar" in lower or "jarig" in lower
        self.birth_hints = any(hint in lower for hint in _WORDS_DATE_HINTS)

    def birth_word(self, start: int, end: int) -> bool:
        if _BIRTH_WORD_RE.search(self.text, max(0, start - 56), start) is not None:
            return True
        return _BIRTH_WORD_AFTER_RE.search(self.text[end : end + 40]) is not None

    def birthday_word(self, start: int) -> bool:
        if not self.birthdays:
            return False
        return _BIRTHDAY_WORD_RE.search(self.text, max(0, start - 44), start) is not None

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
    if when.year > today.year - 2:
        return False
    return context.birthday_word(span[0]) or context.person_beside(span[0])


def _birth_marks(text: str, lower: str) -> Iterator[int]:
    """Where a birth mark may start: each "geb", "°" and "*" (found by str.find, fast)."""
    for mark, where in (("geb", lower), ("°", text), ("*", text)):
        at = where.find(mark)
        while at >= 0:
            yield at
            at = where.find(mark, at + 1)


def _birth_years(text: str, lower: str, today: date) -> Iterator[Span]:
    """A year straight after a birth mark (see the module docstring)."""
    for mark in _birth_marks(text, lower):
        match = _BIRTH_YEAR_RE.match(text, mark)
        if match is None:
            continue
        year = _full_year(match.group("y"), today)
        if not _EARLIEST_BIRTH_YEAR <= year <= today.year:
            continue
        if _RANGE_AFTER_RE.match(text, match.end()) is not None:
            continue  # "geboren in 2015 of later", "geb. 1990-1995"
        loose = match.group("word") is not None and not match.group("open")
        if loose and not match.group("y").startswith("'"):
            group = _GROUP_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
            if group is not None:
                continue  # "kinderen geboren in 2020"
        yield match.span()


_TOKEN_RE = re.compile(r"[^\W\d_]+")


def _part_in_words(
    text: str, low: int, high: int, read: Callable[[str], int | None], *, last: bool
) -> tuple[int, int, int] | None:
    """A day or year in words at the end (last) or start of text[low:high], longest first.

    Its value and span, or None.
    """
    tokens = [match.span() for match in _TOKEN_RE.finditer(text, low, high)]
    for count in range(len(tokens), 0, -1):
        chosen = tokens[-count:] if last else tokens[:count]
        value = read(text[chosen[0][0] : chosen[-1][1]])
        if value is not None:
            return value, chosen[0][0], chosen[-1][1]
    return None


def _words_date(text: str, match: re.Match[str], today: date) -> Span | None:
    """A date (partly) in words around the month at match: "negen januari tweeduizendzes"."""
    day_before = _DAY_BEFORE_RE.search(text, max(0, match.start() - 12), match.start())
    start = day = None
    if day_before is not None:
        start, day = day_before.start(), int(day_before.group("d"))
    else:
        last = text[max(0, match.start() - 24) : match.start()].split()[-1:]
        if not last or day_in_words(last[0]) is None:
            return None  # a cheap look first: the word before the month ends a day in words
        words = _WORDS_BEFORE_RE.search(text, max(0, match.start() - 36), match.start())
        found = None
        if words is not None:
            found = _part_in_words(text, words.start(), words.end(), day_in_words, last=True)
        if found is not None:
            day, start, _ = found
    if day is None or start is None:
        return None
    year_after = _YEAR_AFTER_RE.match(text, match.end())
    if year_after is not None and year_after.group("y"):
        year, end = _full_year(year_after.group("y"), today), year_after.end()
    else:
        words_after = _WORDS_AFTER_RE.match(text, match.end())
        if words_after is None:
            return None
        found = _part_in_words(
            text, words_after.start(), words_after.end(), year_in_words, last=False
        )
        if found is None:
            return None
        year, _, end = found
    if _real_date(day, _MONTHS[match.group("mon").lower()], year, today) is None:
        return None
    return start, end


def find_birth_date(text: str, *, today: date) -> Iterator[Span]:
    """Full dates beside a birth word or a person (see the module docstring)."""
    context = _Context(text)
    lower = context.lower
    if _DIGIT_RE.search(text) is None:
        if "geb" in lower or "born" in lower:  # a date all in words
            for match in _MONTH_RE.finditer(text):
                words_date = _words_date(text, match, today)
                if words_date is not None and context.birth_word(*words_date):
                    yield words_date
        return
    if any(hint in lower for hint in _BIRTH_YEAR_HINTS):
        yield from _birth_years(text, lower, today)
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
                if not context.birth_hints:
                    continue  # a date in words counts only beside a birth word
                words_date = _words_date(text, match, today)
                if words_date is not None and context.birth_word(*words_date):
                    yield words_date
                continue
            start, end, day = match.start(), month_first.end(), month_first.group("d")
            found = month_first
        year = found.group("y") or found.group("yp")
        loose = found.group("yp") is not None or (len(year) == 2 and not year.startswith("'"))
        if _judge(context, (start, end), (int(day), month, year), today, loose=loose):
            yield start, end
    if not any(hint in lower for hint in _COMPACT_HINTS):
        return
    for match in _COMPACT_DATE_RE.finditer(text):
        if _COMPACT_BIRTH_RE.search(text, max(0, match.start() - 20), match.start()) is None:
            continue
        parts = (int(match.group("d")), int(match.group("m")), match.group("y"))
        if _judge(context, match.span(), parts, today, loose=False):
            yield match.span()
