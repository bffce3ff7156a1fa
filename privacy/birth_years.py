"""Birth years: a year (or a month and a year) after a birth mark, or in brackets after a person.

"(geb. 1984)", "°1984", "*1976", "vader * 1976", "geboren (1979)", "geboren in '79", "geb. maart
1984"; but not a group born in a year ("kinderen geboren in 2020", "geboren in 2015 of later").
A year in brackets straight after a relation word or a listed first name is a birth year too
("zoon (2010)", "Daan (2012), Sem (2015)"), not after a plural, an organisation or a law
("de Wmo (2015)", "kinderen (2010)").
A day and a month beside a birthday word are a date of birth whatever the year, or without one
("jarig op 21 januari", "verjaardag moeder is 22 augustus", "wordt 18 op 12-05", "is 14/3
jarig"): the day and month are what identify a person, the age gives the year.
Also the month names and the reading of two-digit years the date detector shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from privacy.number_words import day_in_words
from privacy.words import (
    FIRST_NAMES,
    PERSON_WORDS,
    RELATION_WORDS,
    folded,
    lowered,
    trie_pattern,
)

Span = tuple[int, int]

__all__ = ["EARLIEST_BIRTH_YEAR", "MONTHS", "birth_years", "birthday_dates", "full_year"]

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "maa": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}  # fmt: skip
EARLIEST_BIRTH_YEAR = 1900

# A year, or a month and a year, straight after a birth mark: "(geb. 1984)", "geboren (1979)".
_BIRTH_YEAR_RE = re.compile(
    r"(?:[gG](?<![^\W\d_][gG])(?:(?P<word>eboren)|eb(?:\.|\b)|eboortejaar|eb\.?[ \t]?jaar)"
    r"|°|\*(?<![\w*]\*)(?![ \t])|(?<=[^\s*][ \t])\*)"
    r"[ \t]*:?[ \t]*(?:(?:in|uit|anno)[ \t]+)?(?P<open>\(?)[ \t]*"
    rf"(?:(?:{trie_pattern(MONTHS)})\.?[ \t]+|[01]?[0-9][ \t]*[-/.][ \t]*)?"
    r"(?P<y>(?:19|20)[0-9]{2}|'[0-9]{2})(?![0-9]|[-/.,][0-9]|[^\W\d_])",
    re.IGNORECASE,
)
_BIRTH_YEAR_HINTS = ("geb", "°", "*")
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
# "zoon (2010)": a year in brackets; the word before it decides (found from the bracket: fast).
_BRACKET_YEAR_RE = re.compile(r"\([ \t]*(?P<y>(?:19|20)[0-9]{2}|'[0-9]{2})[ \t]*\)")
_WORD_BEFORE_RE = re.compile(r"(?<![\w'-])(?P<w>[^\W\d_]+)[ \t]*$")
# Relation words a year in brackets says a birth of; not "gezin (2019)" or "cliënt (2019)" (since).
_BRACKET_PERSONS = frozenset(RELATION_WORDS.split("|")) - {
    "gezin", "cliënt", "client", "cliënte", "partner", "ex-partner", "ex", "vriend", "vriendin",
    "mantelzorger", "huisgenoot", "voogd", "pleegouder",
}  # fmt: skip


def full_year(raw: str, today: date) -> int:
    """A four-digit year from raw ('1985', '85', "'85"), two digits read against today."""
    raw = raw.lstrip("'")
    if len(raw) == 4:
        return int(raw)
    value = int(raw)
    return (2000 if value <= today.year % 100 else 1900) + value


def _birth_marks(text: str, lower: str) -> Iterator[int]:
    """Where a birth mark may start: each "geb", "°" and "*" (found by str.find, fast)."""
    for mark, where in (("geb", lower), ("°", text), ("*", text)):
        at = where.find(mark)
        while at >= 0:
            yield at
            at = where.find(mark, at + 1)


def _after_marks(text: str, lower: str, today: date) -> Iterator[Span]:
    """A year straight after a birth mark (see the module docstring)."""
    for mark in _birth_marks(text, lower):
        match = _BIRTH_YEAR_RE.match(text, mark)
        if match is None:
            continue
        year = full_year(match.group("y"), today)
        if not EARLIEST_BIRTH_YEAR <= year <= today.year:
            continue
        if _RANGE_AFTER_RE.match(text, match.end()) is not None:
            continue  # "geboren in 2015 of later", "geb. 1990-1995"
        loose = match.group("word") is not None and not match.group("open")
        if loose and not match.group("y").startswith("'"):
            group = _GROUP_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
            if group is not None:
                continue  # "kinderen geboren in 2020"
        yield match.span()


def _bracket_years(text: str, today: date) -> Iterator[Span]:
    """A year in brackets after a relation word or a listed first name ("zoon (2010)")."""
    at = text.find("(")
    while at >= 0:
        match = _BRACKET_YEAR_RE.match(text, at)
        if match is not None:
            year = full_year(match.group("y"), today)
            before = _WORD_BEFORE_RE.search(text, max(0, at - 30), at)
            if (
                before is not None
                and EARLIEST_BIRTH_YEAR <= year <= today.year
                and before.group("w").casefold() in _BRACKET_WORDS
            ):
                yield before.start(), match.end()
        at = text.find("(", at + 1)


_BRACKET_WORDS = _BRACKET_PERSONS | FIRST_NAMES


# A day and a month (a year may follow) beside a birthday word: "jarig op 21 januari (2001)".
_DAY_MONTH_RE = re.compile(
    r"(?=[0-9])(?<![\w.,/:-])(?P<d>[0-3]?[0-9])(?:"
    r"[ \t]*[-/.][ \t]*(?P<m>[01]?[0-9])(?![0-9]|[.,][0-9])"
    rf"|(?:e|ste|de)?[ \t]+(?P<mon>{trie_pattern(MONTHS)})\.?(?![^\W\d_])"
    r")",
    re.IGNORECASE,
)
_BIRTHDAY_BEFORE_RE = re.compile(
    r"(?:(?:verjaardag|\bjarig|\bverjaart|\bwordt[ \t]+[0-9]{1,3}(?:[ \t]+jaar)?[ \t]+op"
    r"|\bgeboren|\bgebore|\bgeboortedatum|\bgeboortedag|\bgeb\.?datum)\b|\bgeb\b\.?)"
    r"[^\n.;!?,]{0,30}$",
    re.IGNORECASE,
)
_BIRTHDAY_AFTER_RE = re.compile(
    r"[ \t]+(?:(?:is|wordt|ben)[ \t]+)?jarig\b|[^\n.;!?]{0,25}\bgeboren\b", re.IGNORECASE
)
# A day in words and a month, or a month as an ordinal: "de derde maart", "de derde van de
# vijfde"; the day is read by number_words.
_ORDINAL_MONTHS = (
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
    "tiende", "elfde", "twaalfde",
)  # fmt: skip
_WORD_DAY_MONTH_RE = re.compile(
    r"(?<![^\W\d_])(?P<dw>[^\W\d_]{3,24})[ \t]+(?:van[ \t]+)?"
    rf"(?:(?P<mon>{trie_pattern(MONTHS)})\.?|de[ \t]+(?P<mw>{'|'.join(_ORDINAL_MONTHS)}))"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_YEAR_TAIL_RE = re.compile(
    r"(?:[ \t]*[-/.][ \t]*|[ \t]+\(?|,[ \t]*)(?:19|20)[0-9]{2}\)?(?![0-9])|[ \t]*[-/.][0-9]{2}\b"
)


_BIRTHDAY_OF_RE = re.compile(
    r"verjaardag[ \t]+van[ \t]+(?:het|de|ons|onze|'t)[ \t]+(?P<whose>[^\W\d_]+)", re.IGNORECASE
)
_PERSONS = frozenset(PERSON_WORDS.split("|"))


def birthday_dates(text: str, today: date) -> Iterator[Span]:
    """A day and a month beside a birthday word (see the module docstring)."""
    del today  # any year: the age says which
    lower = lowered(text)
    cues: list[tuple[int, int]] = []
    for cue in ("jarig", "verjaar", "wordt", "geb"):
        at = lower.find(cue)
        while at >= 0:
            # "is 14/3 jarig", "de derde van de vijfde in '04 geboren"; "jarig op 21 januari"
            cues.append((max(0, at - (40 if cue == "geb" else 16)), at + 60))
            at = lower.find(cue, at + 1)
    windows: list[tuple[int, int]] = []
    for low, high in sorted(cues):
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    seen = -1
    for low, high in windows:
        for match in _DAY_MONTH_RE.finditer(text, max(low, seen), high):
            seen = match.end()
            day = int(match.group("d"))
            month = int(match.group("m")) if match.group("m") else MONTHS[folded(match["mon"])]
            numeric = match.group("m") is not None
            yield from _birthday_at(text, match.start(), match.end(), day, month, numeric)
        for match in _WORD_DAY_MONTH_RE.finditer(text, low, high):
            word_day = day_in_words(match.group("dw"))
            if word_day is None:
                continue
            if match.group("mon"):
                month = MONTHS[folded(match.group("mon"))]
            else:
                month = _ORDINAL_MONTHS.index(folded(match.group("mw"))) + 1
            yield from _birthday_at(text, match.start(), match.end(), word_day, month, False)


def _birthday_at(
    text: str, start: int, end: int, day: int, month: int, numeric: bool
) -> Iterator[Span]:
    """The day and month at text[start:end], and a year after them, beside a birthday word.

    Beside a birth word (geboren, geb.) only a day with a month name and no year counts here
    ("geboren op de derde maart"); numeric dates and dates with a year the date detector judges.
    """
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return
    year = _YEAR_TAIL_RE.match(text, end)
    day_end = end
    if year is not None:
        end = year.end()
    before = _BIRTHDAY_BEFORE_RE.search(text, max(0, start - 44), start)
    if before is not None:
        of = _BIRTHDAY_OF_RE.match(before.group())
        if of is not None and of.group("whose").casefold() not in _PERSONS:
            return  # "de verjaardag van het wijkteam": not a person's
    after = _BIRTHDAY_AFTER_RE.match(text, end)
    birthday = (before is not None and not before.group().lower().startswith("geb")) or (
        after is not None and "jarig" in after.group().lower()
    )
    if birthday:
        yield start, end
    elif (before is not None or after is not None) and not numeric and year is None:
        yield start, day_end


def birth_years(text: str, lower: str, today: date) -> Iterator[Span]:
    """Every birth year in text (see the module docstring); lower is text lower-cased."""
    if any(hint in lower for hint in _BIRTH_YEAR_HINTS):
        yield from _after_marks(text, lower, today)
    if "(" in text:
        yield from _bracket_years(text, today)
