"""Detector for dates of birth.

A full date (day, month, year) is a date of birth when a birth word is near it ("geboren",
"geb", "geboortedatum", "verjaardag", "jarig", "DOB", "born", "°", the genealogist's asterisk
"*02-09-1976"), or when it stands beside a person: in apposition
or brackets after a relation word or a client ("Moeder, 3 maart 1985,", "Cliënt (12/03/1985)",
"Zoon Mohamed, 13-04-2010") or after "is van" ("De oudste dochter is van 30 december 2005"),
also with the person left unsaid at a clause's start ("is van 12-12-'08", four years back at
least; "De brief is van 12-12-2008" passes).
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

from privacy.birth_years import (
    EARLIEST_BIRTH_YEAR,
    MONTHS,
    birth_years,
    birthday_dates,
    full_year,
)
from privacy.number_words import day_in_words, year_in_words
from privacy.words import (
    FIRST_NAMES,
    PERSON_WORDS,
    folded,
    lowered,
    matches_at,
    occurrences,
    seen_lowered,
    trie_pattern,
)

Span = tuple[int, int]

__all__ = ["find_birth_date"]

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"[ \t]*[-/.][ \t]*|[ \t]+"
_YEAR_PARENS = r"[ \t]*\([ \t]*(?P<yp>(?:19|20)[0-9]{2}|'?[0-9]{2})[ \t]*\)"
# Starting with a character class, then looking back, lets the regex engine scan fast.
# A letter, or a letter and a dot or colon, may stand straight before: "geb.12/03/'85".
_BEFORE = r"(?=[0-9])(?<![0-9_,/-])(?<![0-9_][.:])"
_AFTER = r"(?![0-9]|[-/.:,][0-9]|[^\W\d_])"
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = r"(?i:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)(?![^\W\d_])"
_NUMERIC_DATE_RE = re.compile(
    rf"{_BEFORE}(?:"
    # Roman months, the old official way: "12-III-1985", "12 iii 1985" (lower case: loose).
    rf"(?P<d>[0-3]?[0-9])(?P<s1>{_SEP})(?:(?P<m>[0-3]?[0-9])|(?P<rm>{_ROMAN}))"
    rf"(?:(?P<s2>{_SEP})(?P<y>[0-9]{{4}}|'?[0-9]{{2}})|{_YEAR_PARENS})"
    r"|(?P<y2>(?:19|20)[0-9]{2})(?P<s3>[ \t]*[-/.][ \t]*)(?P<m2>[01]?[0-9])(?P=s3)"
    r"(?P<d2>[0-3]?[0-9])"
    rf"){_AFTER}"
)
_COMPACT_DATE_RE = re.compile(
    rf"{_BEFORE}(?:(?P<d>[0-3][0-9])(?P<m>[01][0-9])(?P<y>[0-9]{{4}}|[0-9]{{2}})"
    r"|(?P<y2>(?:19|20)[0-9]{2})(?P<m2>[01][0-9])(?P<d2>[0-3][0-9]))(?![0-9])"
)
_WORD_YEAR = rf"(?:(?P<y>(?:19|20)[0-9]{{2}}|'[0-9]{{2}}|[0-9]{{2}})|{_YEAR_PARENS})"
# Dates with a month name are found from the month: month names are few in a text.
_MONTH_RE = re.compile(
    rf"(?=[adfjmnosADFJMNOS])(?<![^\W\d_])(?P<mon>{trie_pattern(MONTHS)})(?![^\W\d_])",
    re.IGNORECASE,
)
# Every month name begins with one of these in lower case; _MONTH_RE is tried only there.
_MONTH_HEADS = frozenset(month[:3] for month in MONTHS)


def _months(text: str) -> Iterator[re.Match[str]]:
    """_MONTH_RE.finditer(text), tried only where a month name may begin."""
    if not seen_lowered(text):
        return _MONTH_RE.finditer(text)
    return matches_at(_MONTH_RE, text, occurrences(lowered(text), _MONTH_HEADS))


_COMPACT_HINTS = ("geb", "dob", "d.o.b", "born", "°")
# "12 maart", "12e van maart", "12-mrt-", "12.apr.", "12mrt".
_DAY_BEFORE_RE = re.compile(
    r"(?<![\w.,/:-])(?P<d>[0-3]?[0-9])(?:e|ste|de|st|nd|rd|th)?"
    r"(?:[ \t]+(?:(?:of|van)[ \t]+)?|[ \t]*[-/.][ \t]*|)$",
    re.IGNORECASE,
)
_YEAR_AFTER_RE = re.compile(
    rf"(?:\.?,?[ \t]*\n?[ \t]*(?<=[ \t\n])|\.?[ \t]*[-/][ \t]*|\.(?=[0-9])|(?=[0-9]{{4}}))"
    rf"{_WORD_YEAR}"
    r"(?![0-9]|[^\W\d_])"
)
_DAY_YEAR_AFTER_RE = re.compile(
    rf"\.?[ \t]+(?P<d>[0-3]?[0-9])(?:e|ste|de|st|nd|rd|th)?,?[ \t]+{_WORD_YEAR}"
    r"(?![0-9]|[^\W\d_])",
    re.IGNORECASE,
)
# Each branch starts with a character class (then looks back), which the engine scans fast.
_BIRTH_WORD_RE = re.compile(
    # typed in a hurry too: "gebore", "geboortdatum", "gebooren", "gebortedatum"
    r"(?:[gG](?:eboren|eboorte|ebdat|eboort|ebore\b|ebooren|eborte"
    r"|(?<![^\W\d_][gG])eb(?:\b\.?|\.?[ \t]?datum|\.?:))"
    r"|[dD](?<![^\W\d_][dD])(?:ob\b|\.o\.b\.)|°|[bB](?<![^\W\d_][bB])(?:orn\b|irth|evall|-?day\b)"
    r"|[wW](?<=(?<![^\W\d_])[tT]er[ \t][wW])ereld)"
    # up to 60 characters of the same sentence: a dot only inside an abbreviation ("d.d.")
    r"(?:(?:[^\n.;!?]|\.(?![ \t]*(?-i:[A-Z])|[ \t]*\n)){0,60}|[ \t]*:?[ \t\n]{0,8})$"
    # the genealogist's asterisk, glued to the date or mid-line ("vader * 02-09-1976")
    r"|\*(?<![\w*]\*)$|(?<=[^\s*][ \t])\*[ \t]$|(?<=[(\[])\*[ \t]$",
    re.IGNORECASE,
)
# Birthday words: the date of a birthday is a date of birth when it lies years back ("Zijn
# verjaardag is 9 januari 2006"), not a party last month.
_BIRTHDAY_WORD_RE = re.compile(
    r"(?:verjaardag|\bjarig\b|\bverjaart\b|\bwordt[ \t]+[0-9]{1,3}(?:[ \t]+jaar)?[ \t]+op\b)"
    r"[^\n.;!?,]{0,30}$",
    re.IGNORECASE,
)
_BULLET_YEARS_BACK = 4
_STAR_BULLET_RE = re.compile(r"(?:^|\n)[ \t]*\*[ \t]$")
_BIRTH_WORD_AFTER_RE = re.compile(
    r"^[^\n\w]{0,3}(?:[\w]+[ \t]+){0,2}"
    r"(?:geboren|geboortedatum|geboortedag|born|geb|ter[ \t]+wereld)\b",
    re.IGNORECASE,
)
_COMPACT_BIRTH_RE = re.compile(
    r"(?:geboren|\bgeb\b\.?|geboortedatum|gebdat|\bdob\b|d\.o\.b\.|°|\bborn\b)"
    r"(?:[ \t]+(?:van[ \t]+)?[^\W\d_]{2,12})?[^\w\n]{0,4}(?:op[ \t]+)?$",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"[0-9]")
# A letter O typed for a zero beside a digit (read so only where a birth word is in the text).
_O_FOR_ZERO_RE = re.compile(r"[oO](?:(?<=[0-9][oO])|(?=[0-9]))")
_WORDS_DATE_HINTS = ("geb", "born", "°", "birth", "dob", "d.o.b")
# Words before and after a month name that may be a day and a year written out.
_WORDS_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]+[ \t-]+){1,3}$")
_WORDS_AFTER_RE = re.compile(r"[ \t,]+(?:[^\W\d_]+(?:[ \t-]+|(?![^\W\d_]))){1,5}")
_PERSON_WORDS = frozenset(PERSON_WORDS.split("|"))
# What stands between a person and a date said of them: "Moeder, ", "Cliënt (", "is van ".
_APPOSITION_RE = re.compile(r"(?:[(,:]|\b(?:is|zijn|was|waren)[ \t]+van)[ \t]*$", re.IGNORECASE)
_SUBJECTLESS_RE = re.compile(r"(?:^|[\n.;!?][ \t]*)(?:is|was)[ \t]+van[ \t]*$", re.IGNORECASE)
_CLAUSE_WORD_RE = re.compile(r"[^\W\d_]+")
# A first name straight before a date: "Sem 12-12-2008".
_NAME_BEFORE_RE = re.compile(
    r"(?:(?P<before>[^\W\d_]+)[ \t]+)?(?<![\w'-])(?P<name>[A-Z][a-z]{2,}+)[ \t]{1,2}$"
)
_COLLEAGUE_BEFORE = frozenset({"met", "door", "namens", "collega", "van", "aan", "bij"})
# A day and a month without a year straight after a birth label: "geb: 12/3", "dob 3-4" (not
# "geboren op 12-03", which round 3 lets pass). Matched from the label, found with str.find.
_LABELLED_DAY_MONTH_RE = re.compile(
    r"(?:eb|eboortedatum|ebdat|eb\.datum|ob|\.o\.b\.)(?![^\W\d_])\.?[ \t]*:?[ \t]*"
    r"(?P<d>[0-3]?[0-9])[ \t]?[-/.][ \t]?(?P<m>[01]?[0-9])"
    r"(?![0-9]|[ \t]?[-/.:,][ \t]?[0-9]|[^\W\d_]|[ \t]+(?i:van|deel)\b)",
    re.IGNORECASE,
)


def _real_date(day: int, month: int, year: int, today: date) -> date | None:
    """The date when the parts form one between 1900 and today."""
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    if when.year < EARLIEST_BIRTH_YEAR or when > today:
        return None
    return when


class _Context:
    """What stands around a date in text: a birth word, or a person it is said of."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = lower = lowered(text)
        self.birthdays = "verjaar" in lower or "jarig" in lower or "wordt" in lower
        self.birth_hints = any(hint in lower for hint in _WORDS_DATE_HINTS)

    def birth_word(self, start: int, end: int) -> bool:
        if _BIRTH_WORD_RE.search(self.text, max(0, start - 76), start) is not None:
            return True
        return _BIRTH_WORD_AFTER_RE.search(self.text[end : end + 40]) is not None

    def birthday_word(self, start: int) -> bool:
        if not self.birthdays:
            return False
        return _BIRTHDAY_WORD_RE.search(self.text, max(0, start - 44), start) is not None

    def star_bullet(self, start: int) -> bool:
        """A line that starts "* " right before a date: a birth mark or a bullet (judged later)."""
        return _STAR_BULLET_RE.search(self.text, max(0, start - 8), start) is not None

    def name_before(self, start: int) -> bool:
        """A listed first name straight before the date, not a colleague's ("met Sanne")."""
        named = _NAME_BEFORE_RE.search(self.text, max(0, start - 40), start)
        if named is None or named.group("name").casefold() not in FIRST_NAMES:
            return False
        return (named.group("before") or "").casefold() not in _COLLEAGUE_BEFORE

    def subjectless(self, start: int) -> bool:
        """A clause that opens with "is van" right before the date: a person left unsaid.

        Hurried notes drop the subject ("is van 12-12-'08, zit in groep 8"); a date of a thing
        has its thing before "is van" ("De brief is van 12-12-2008").
        """
        opening = _SUBJECTLESS_RE.search(self.text, max(0, start - 16), start)
        return opening is not None

    def person_beside(self, start: int) -> bool:
        apposition = _APPOSITION_RE.search(self.text, max(0, start - 14), start)
        if apposition is None:
            return False
        low = max(0, apposition.start() - 40)
        for end_mark in "\n.;!?":
            low = max(low, self.text.rfind(end_mark, low, apposition.start()) + 1)
        words = _CLAUSE_WORD_RE.findall(self.text, low, apposition.start())
        if words and words[-1][0].isupper() and words[-1].casefold() in FIRST_NAMES:
            return True  # "Sem (12-12-2008)", "Sem, 12-12-2008"
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
    bullet = not birth_word and context.star_bullet(span[0])
    if not birth_word and not bullet and (loose or len(raw_year) == 2):
        return False  # "'85" says a year; "85" alone could be anything
    when = _real_date(day, month, full_year(raw_year, today), today)
    if when is None and day <= 12 < month:
        when = _real_date(month, day, full_year(raw_year, today), today)  # 03/25/1985
    if when is None:
        return False
    if birth_word:
        return True
    if bullet:  # "* 14.03.1987" at a line's start: a birth mark, unless recent (a bulleted log)
        return when.year <= today.year - _BULLET_YEARS_BACK
    if when.year > today.year - 2:
        return False
    if context.birthday_word(span[0]) or context.person_beside(span[0]):
        return True
    # "Sem 12-12-2008": a first name alone says less; a child of four or more, as with bullets
    if when.year > today.year - _BULLET_YEARS_BACK:
        return False
    if context.name_before(span[0]):
        return True
    # New Year's day is the date laws and policies start on ("is van 1 januari 2015, de Wmo").
    return (when.day, when.month) != (1, 1) and context.subjectless(span[0])


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
        before = match.start()
        last = text[max(0, before - 28) : before].split()[-2:]
        if last[-1:] and last[-1].casefold() == "van":  # "de twaalfde van maart"
            last = last[:-1]
            before = text.rfind(" ", 0, before - 1) + 1
        if not last or day_in_words(last[-1]) is None:
            return None  # a cheap look first: the word before the month ends a day in words
        words = _WORDS_BEFORE_RE.search(text, max(0, before - 36), before)
        found = None
        if words is not None:
            found = _part_in_words(text, words.start(), words.end(), day_in_words, last=True)
        if found is not None:
            day, start, _ = found
    if day is None or start is None:
        return None
    year_after = _YEAR_AFTER_RE.match(text, match.end())
    if year_after is not None and year_after.group("y"):
        year, end = full_year(year_after.group("y"), today), year_after.end()
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
    if _real_date(day, MONTHS[folded(match.group("mon"))], year, today) is None:
        return None
    return start, end


def find_birth_date(text: str, *, today: date) -> Iterator[Span]:
    """Full dates beside a birth word or a person (see the module docstring)."""
    context = _Context(text)
    lower = context.lower
    if _DIGIT_RE.search(text) is None:
        if "geb" in lower or "born" in lower:  # a date all in words
            for match in _months(text):
                words_date = _words_date(text, match, today)
                if words_date is not None and context.birth_word(*words_date):
                    yield words_date
            yield from birthday_dates(text, today)  # "geboren op de derde maart"
        return
    yield from birth_years(text, lower, today)
    if context.birthdays or "geb" in lower:
        yield from birthday_dates(text, today)
    digits = text
    if context.birth_hints and _O_FOR_ZERO_RE.search(text) is not None:
        digits = _O_FOR_ZERO_RE.sub("0", text)  # "geb. 1O-O3-2OO1": as long as the text
    for match in _NUMERIC_DATE_RE.finditer(digits):
        if match.group("y2") is not None:
            parts = (int(match.group("d2")), int(match.group("m2")), match.group("y2"))
            loose = False
        else:
            s1 = match.group("s1").strip()
            s2 = match.group("s2")
            year = match.group("y") or match.group("yp")
            spaced_year = s2 is not None and not s2.strip() and (year or "").startswith("'")
            if s2 is not None and s2.strip() != s1 and not spaced_year:
                continue  # "12-03/1985": not one date; but "geb. 3/4 '89" is one
            roman = match.group("rm")
            if roman is None:
                month = int(match.group("m"))
            else:
                month = _ROMAN_MONTHS.index(folded(roman).upper()) + 1
            parts = (int(match.group("d")), month, year)
            loose = not s1 or match.group("yp") is not None or bool(roman and roman.islower())
            loose = loose or spaced_year
        if _judge(context, match.span(), parts, today, loose=loose):
            yield match.span()
    for match in _months(text):
        month = MONTHS[folded(match.group("mon"))]
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
    if "geb" in lower or "dob" in lower or "d.o.b" in lower:
        yield from _day_months(text, lower, today)
    if not any(hint in lower for hint in _COMPACT_HINTS):
        return
    for match in _compact_dates(text, lower):
        if _COMPACT_BIRTH_RE.search(text, max(0, match.start() - 40), match.start()) is None:
            continue
        if match.group("y2") is not None:  # "19880303", as registration systems write it
            parts = (int(match.group("d2")), int(match.group("m2")), match.group("y2"))
        else:
            parts = (int(match.group("d")), int(match.group("m")), match.group("y"))
        if _judge(context, match.span(), parts, today, loose=False):
            yield match.span()


def _compact_dates(text: str, lower: str) -> Iterator[re.Match[str]]:
    """_COMPACT_DATE_RE's matches that start at most 40 characters after a birth hint.

    Only those can have the birth word (which starts with a hint) in the 40 characters before
    them. Each match is a whole run of six or eight digits, so a window reaching nine past its
    last start finds every one whole and none cut short.
    """
    if not seen_lowered(text):
        yield from _COMPACT_DATE_RE.finditer(text)
        return
    done = 0
    for hint in occurrences(lower, _COMPACT_HINTS):
        for match in _COMPACT_DATE_RE.finditer(text, max(hint + 1, done), hint + 50):
            if match.start() > hint + 40:
                break
            done = match.end()
            yield match


def _day_months(text: str, lower: str, today: date) -> Iterator[Span]:
    """ "geb: 12/3", "dob 3-4": a day and a month straight after a birth label."""
    for label in ("geb", "dob", "d.o.b"):
        at = lower.find(label)
        while at >= 0:
            match = None
            if at == 0 or not lower[at - 1].isalpha():
                match = _LABELLED_DAY_MONTH_RE.match(text, at + 1)
            if match is not None:
                day, month = int(match.group("d")), int(match.group("m"))
                if _real_date(day, month, 2000, today) is not None:
                    yield match.start("d"), match.end()
            at = lower.find(label, at + 1)
