"""Detectors for numbers: BSN, phone numbers, IBAN and postcodes.

BSN and phone numbers are found in *digit runs*: digit groups joined by the separators people and
apps use (dashes, dots, slashes, underscores, bars and bullets as pasted from a table or a form
"123|456|782", "123•456•782", one to three spaces, a line break, brackets), with the letter O
read as a zero; a run may follow an underscore ("bsn_123_456_782"). A BSN is any whole-group
stretch of nine digits that passes the 11-proef; a phone number is a Dutch (or +CC international)
number that starts at a group and ends with one. Organisation numbers (085, 088, 0800, 0900 …)
are never phone findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.iban_forms import labelled_accounts
from privacy.phone_forms import labelled_phones
from privacy.postcode_forms import glued_postcode, labelled_postcodes
from privacy.words import lowered, matches_at

Span = tuple[int, int]

__all__ = ["POSTCODE_WORDS", "find_bsn", "find_iban", "find_phone", "find_postcode"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


# Digit runs --------------------------------------------------------------------------------

_SEP = r"(?:[ \t]*[-./\\_|•·∙⋅][ \t]*|[ \t]{1,3}|[ \t]*\r?\n[ \t]*|[ \t]*[()][ \t]*)"
# Written to start with a character class (then look back), which the regex engine scans fast.
_RUN_RE = re.compile(
    r"[0-9oO](?<![^\W_][0-9oO])(?<=(?=[oO]{0,2}[ \t\n./_|•·∙⋅-]{0,3}[0-9]).)"
    rf"(?:{_SEP}?[0-9oO])*"
)
_PLUS_BEFORE_RE = re.compile(r"(?<![\w+])\+[ \t]*(?:\([ \t]*)?$|\([ \t]*$")
_GROUP_RE = re.compile(r"[0-9oO]+")
_MAX_LETTER_O = 2


class _Run:
    """One digit run: its groups (digits with O read as 0), their spans, what joins them."""

    __slots__ = ("ends", "glued", "groups", "joins", "letter_o", "plus", "start", "starts")

    def __init__(self, text: str, match: re.Match[str]) -> None:
        before = _PLUS_BEFORE_RE.search(text, max(0, match.start() - 6), match.start())
        self.plus = before is not None and before.group().startswith("+")
        self.start = before.start() if before is not None else match.start()
        self.groups: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for group in _GROUP_RE.finditer(text, match.start(), match.end()):
            self.groups.append(group.group().replace("o", "0").replace("O", "0"))
            self.starts.append(group.start())
            self.ends.append(group.end())
        self.joins = [text[a:b] for a, b in zip(self.ends, self.starts[1:], strict=False)]
        end = match.end()
        self.glued = end < len(text) and text[end].isalpha()
        self.letter_o = [
            text.count("o", a, b) + text.count("O", a, b)
            for a, b in zip(self.starts, self.ends, strict=True)
        ]


_NOT_DIGITS_RE = re.compile(r"[^0-9]+")
_last_runs: tuple[str, list[_Run]] = ("", [])


def _runs(text: str) -> list[_Run]:
    """Every digit run that holds at least seven real digits (BSN and phone share one look)."""
    global _last_runs
    cached_text, cached = _last_runs
    if cached_text is text:
        return cached
    runs = [
        _Run(text, match)
        for match in _RUN_RE.finditer(text)
        if match.end() - match.start() >= 7 and len(_NOT_DIGITS_RE.sub("", match.group())) >= 7
    ]
    _last_runs = (text, runs)
    return runs


# BSN ---------------------------------------------------------------------------------------

_BSN_KEYWORD_RE = re.compile(
    r"(?<![^\W\d_])(?:bsn|burgerservicenummer|burger[ \t]?service[ \t]?nummer|sofi-?nummer"
    r"|sofinr)(?:[ \t-]?(?:nr\b\.?|nummer\b))?[^\w\n]{0,4}"
    rf"(?P<number>[0-9](?:{_SEP}?[0-9]){{7,8}})(?![0-9])",
    re.IGNORECASE,
)


def elfproef(digits: str) -> bool:
    """True for nine digits that pass the BSN 11-proef and are not all zeros."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum((9 - index) * int(digit) for index, digit in enumerate(digits[:8]))
    return (total - int(digits[8])) % 11 == 0


def _spaced(join: str) -> bool:
    """Whether a join between groups is (or holds) white space: a boundary between numbers."""
    return any(c in " \t\n|•·∙⋅" for c in join)


def _bsn_in_run(run: _Run) -> Iterator[Span]:
    """Whole-group stretches of nine digits that pass the 11-proef."""
    count = len(run.groups)
    for first in range(count):
        if first > 0 and not _spaced(run.joins[first - 1]):
            continue  # "1.234.567.890": not a number of its own
        digits = ""
        for last in range(first, count):
            digits += run.groups[last]
            if len(digits) > 9:
                break
            if len(digits) < 9:
                continue
            sizes = [len(g) for g in run.groups[first : last + 1]]
            if not (all(size >= 2 for size in sizes) or all(size == 1 for size in sizes)):
                break
            if last < count - 1 and not _spaced(run.joins[last]):
                break
            if last == count - 1 and run.glued:
                break
            if sum(run.letter_o[first : last + 1]) > _MAX_LETTER_O:
                break
            if elfproef(digits):
                yield run.starts[first], run.ends[last]
            break


# A label that says a number is a BSN: then its checksum does not matter (people mistype).
_BSN_LABEL_RE = re.compile(
    r"(?<![^\W\d_])(?:bsn|burger[ \t-]?service[ \t-]?(?:nummer|nr)|sofi[ \t-]?(?:nummer|nr))",
    re.IGNORECASE,
)
# Where a label or a keyword (below) may begin: more places than they match, found fast (a
# character class first), so that their own slower patterns are tried only there. No two of
# these can overlap, so none hides a start.
_BSN_START_RE = re.compile(r"[bs](?:sn|urger|ofi)", re.IGNORECASE)
# How far a label may stand from its number: before it in the same sentence, or just after it.
_LABEL_BEFORE = 60
_LABEL_AFTER = 16
# A sentence ends between a label and a number at a full stop (not an ellipsis or an
# abbreviation's dot) before a capital, or at a blank line.
_SENTENCE_END_RE = re.compile(r"(?<!\.)[.!?][ \t]+[A-Z]|\n[ \t]*\n")


def _labelled(text: str, labels: list[Span], start: int, end: int) -> bool:
    """Whether a label stands before start in the same sentence, or just after end."""
    for label_start, label_end in labels:
        if start - _LABEL_BEFORE <= label_end <= start:
            if _SENTENCE_END_RE.search(text, label_end, start) is None:
                return True
        elif end <= label_start <= end + _LABEL_AFTER and "\n" not in text[end:label_start]:
            return True
    return False


def _nine_in_run(run: _Run) -> Iterator[Span]:
    """Whole-group stretches of nine digits shaped like a BSN, whatever their checksum."""
    count = len(run.groups)
    for first in range(count):
        if first > 0 and not _spaced(run.joins[first - 1]):
            continue
        digits = 0
        for last in range(first, count):
            digits += len(run.groups[last])
            if digits < 9:
                continue
            sizes = [len(g) for g in run.groups[first : last + 1]]
            shaped = all(size >= 2 for size in sizes) or all(size == 1 for size in sizes)
            boundary = (last < count - 1 and _spaced(run.joins[last])) or (
                last == count - 1 and not run.glued
            )
            if digits == 9 and shaped and boundary:
                yield run.starts[first], run.ends[last]
            break


def find_bsn(text: str) -> Iterator[Span]:
    """Nine-digit numbers passing the 11-proef, however grouped; 8 or 9 digits after 'BSN'.

    Beside a label (bsn, burgerservicenummer, sofinummer …) nine digits are a BSN whatever
    their checksum: people mistype, and a writer does not check the 11-proef.
    """
    lower = lowered(text)
    labelled = "bsn" in lower or "burger" in lower or "sofi" in lower
    starts = [m.start() for m in _BSN_START_RE.finditer(text)] if labelled else []
    labels = [m.span() for m in matches_at(_BSN_LABEL_RE, text, starts)]
    for run in _runs(text):
        yield from _bsn_in_run(run)
        if labels:
            for start, end in _nine_in_run(run):
                if _labelled(text, labels, start, end):
                    yield start, end
    if not labels:
        return
    for match in matches_at(_BSN_KEYWORD_RE, text, starts):
        yield match.span("number")
    for _, end in labels:  # "bsn een twee drie vier …": nine digits in words
        said = _BSN_IN_WORDS_RE.match(text, end)
        if said is not None:
            yield said.span("number")


# Telephone ---------------------------------------------------------------------------------

# A digit in words ("één", "twee" …); a BSN or a phone number may be said digit by digit.
_DIGIT_WORD = r"(?:nul|e[eé]n|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?![^\W\d_])"
_BSN_IN_WORDS_RE = re.compile(
    rf"(?:[ \t-]?(?:nr\b\.?|nummer\b))?[^\w\n]{{0,4}}(?:is[ \t]+)?"
    rf"(?P<number>{_DIGIT_WORD}(?:[ \t,.-]+{_DIGIT_WORD}){{8}})(?![ \t,.-]+{_DIGIT_WORD})",
    re.IGNORECASE,
)

# Organisation and service numbers: free and paid information lines, company-wide numbers
# (085, 088), dial-up; never a client's number.
_ORGANISATION_PREFIXES = ("800", "900", "906", "909", "85", "88", "676")


def _national_ok(national: str) -> bool:
    """Whether nine digits after the 0 (or +31) are a personal Dutch number."""
    return (
        len(national) == 9
        and national[0] != "0"
        and not national.startswith(_ORGANISATION_PREFIXES)
    )


def _phone_groups(run: _Run, first: int) -> int | None:
    """The last group of a phone number starting at group first, or None."""
    digits = ""
    plus = run.plus and first == 0
    international_last: int | None = None
    for last in range(first, len(run.groups)):
        digits += run.groups[last]
        if len(digits) > 17:
            break
        if plus or digits.startswith("00"):
            rest = digits if plus else digits[2:]
            if rest.startswith("31"):
                national = rest[2:]
                if national.startswith("0"):
                    national = national[1:]  # +31 (0)6 …
                if _national_ok(national):
                    return last
            elif not rest.startswith("0") and 9 <= len(rest) <= 15:
                international_last = last
        elif digits.startswith("0"):
            if _national_ok(digits[1:]):
                return last
        elif digits.startswith("316") and len(digits) == 11:
            return last  # a mobile number without its +, as in wa.me/316…
    return international_last


def find_phone(text: str) -> Iterator[Span]:
    """Dutch phone numbers (mobile, landline, +31/0031/31) and international +CC numbers."""
    for run in _runs(text):
        first = 0
        while first < len(run.groups):
            last = _phone_groups(run, first)
            if last is None or sum(run.letter_o[first : last + 1]) > _MAX_LETTER_O:
                first += 1
                continue
            start = run.start if first == 0 else run.starts[first]
            yield start, run.ends[last]
            first = last + 1
    yield from _phone_in_words(text)
    yield from labelled_phones(text)


# A phone number said in words, digit by digit: "nul zes, één twee drie, vier vijf …".
_PHONE_WORDS_RE = re.compile(
    rf"(?<![^\W\d_])nul[ \t,.-]+(?!nul){_DIGIT_WORD}(?:[ \t,.-]+{_DIGIT_WORD}){{8}}"
    rf"(?![ \t,.-]+{_DIGIT_WORD})",
    re.IGNORECASE,
)


def _phone_in_words(text: str) -> Iterator[Span]:
    """Ten digits in words from a zero ("nul zes …"), not an organisation number (0800 …)."""
    if "nul" not in lowered(text):
        return
    for match in _PHONE_WORDS_RE.finditer(text):
        words = re.findall(r"[^\W\d_]+", match.group().casefold())
        digits = "".join(str(_DIGIT_VALUES.get(word, 1)) for word in words)
        if _national_ok(digits[1:]):
            yield match.span()


_DIGIT_VALUES = {
    "nul": 0, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9,
}  # fmt: skip


# IBAN --------------------------------------------------------------------------------------

_IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
    "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
    # Registered since 2020 (BI … YE), then in use without registration (MA, DZ, West Africa):
    # money sent home to Morocco is the foreign IBAN a wijkteam sees most.
    "BI": 27, "BY": 28, "DJ": 27, "FK": 18, "LC": 32, "LY": 25, "MN": 20, "NI": 28, "OM": 23,
    "RU": 33, "SC": 31, "SD": 18, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "VA": 22, "YE": 30,
    "MA": 28, "DZ": 26, "AO": 25, "BF": 28, "BJ": 28, "CI": 28, "CM": 27, "CV": 25, "IR": 26,
    "MG": 27, "ML": 28, "MZ": 25, "SN": 28,
}  # fmt: skip
_ISEP = r"(?:[ \t]*[-./_|•·∙⋅][ \t]*|[ \t]{1,3}|[ \t]*\r?\n[ \t]*)"
_IBAN_RE = re.compile(rf"[A-Za-z]{{2}}{_ISEP}?[0-9]{{2}}(?:{_ISEP}?[A-Za-z0-9]){{11,30}}")
# IBANs are found from their check digits (digits are few in a text), looking back for the
# country code.
_SEPARATOR_CHARS = " \t\r\n-./_|•·∙⋅"
_CHECK_DIGITS_RE = re.compile(r"[0-9](?<![0-9][0-9])[0-9]")
_COUNTRY_BEFORE_RE = re.compile(rf"(?<![^\W_])[A-Za-z]{{2}}{_ISEP}?$")


# Letters as the numbers mod-97 reads them: A = 10 … Z = 35.
_IBAN_LETTERS = {
    ord(char): str(value) for value, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10)
}


def _iban_valid(compact: str) -> bool:
    """Mod-97 check of an IBAN without spaces (letters in upper case)."""
    rearranged = compact[4:] + compact[:4]
    return int(rearranged.translate(_IBAN_LETTERS)) % 97 == 1


# A Dutch IBAN's shape: NL, two check digits, four letters of a bank, ten digits.
_NL_IBAN_RE = re.compile(r"NL[0-9]{2}[A-Z]{4}[0-9]{10}")
_IBAN_LABEL_RE = re.compile(
    r"(?<![^\W\d_])(?:iban|(?:bank)?rek(?:ening)?(?:[ \t.-]*(?:nummer|nr))?|bankrek)(?![^\W\d_])"
    r"[^\n]{0,40}$",
    re.IGNORECASE,
)


def _iban_shaped(compact: str) -> bool:
    """Whether compact is unmistakably a Dutch IBAN, whatever its check digits."""
    return _NL_IBAN_RE.fullmatch(compact) is not None


def _iban_labelled(text: str, start: int) -> bool:
    """Whether a label (iban, rekeningnummer, rek.nr …) stands before start on its line."""
    return _IBAN_LABEL_RE.search(text, max(0, start - 60), start) is not None


def find_iban(text: str) -> Iterator[Span]:
    """IBANs of known countries, however grouped, that pass mod-97.

    A Dutch IBAN's shape (NL, 2 digits, 4 letters, 10 digits) or a label before it on its line
    is enough: people mistype a check digit, and a writer does not compute mod-97.
    """
    position = 0
    for digits in _CHECK_DIGITS_RE.finditer(text):
        start = digits.start()
        if start < position:
            continue
        # A cheap look first: two letters of a country code before, past any separator.
        before = text[max(0, start - 8) : start].rstrip(_SEPARATOR_CHARS)
        if before[-4:].upper() in _DUTCH_BANKS:
            account = _bank_account(text, start, before)
            if account is not None:
                yield account  # "rekening: ABNA0417164300": the IBAN without NL and its digits
                position = account[1]
                continue
        if before[-2:].upper() not in _IBAN_LENGTHS:
            continue
        country = _COUNTRY_BEFORE_RE.search(text, max(0, start - 8), start)
        if country is None or country.group()[:2].upper() not in _IBAN_LENGTHS:
            continue
        match = _IBAN_RE.match(text, country.start())
        if match is None:
            continue
        length = _IBAN_LENGTHS[match.group()[:2].upper()]
        places = [i for i in range(match.start(), match.end()) if text[i].isalnum()]
        if len(places) < length:
            continue
        compact = "".join(text[i] for i in places[:length]).upper()
        end = places[length - 1] + 1
        if end < len(text) and text[end].isalnum():
            continue
        if _iban_valid(compact) or _iban_shaped(compact) or _iban_labelled(text, match.start()):
            yield match.start(), end
            position = end
    yield from labelled_accounts(text, _IBAN_LENGTHS)


# The bank codes of Dutch IBANs: a code and ten digits are an IBAN written without NL and its
# check digits ("ABNA 0417 1643 00").
_DUTCH_BANKS = frozenset(
    _split("ABNA INGB RABO SNSB ASNB TRIO KNAB BUNQ RBRB FVLB NNBA REVO ADYB NTSB")
)
_ACCOUNT_RE = re.compile(rf"[0-9](?:{_ISEP}?[0-9]){{9}}(?![0-9])")


def _bank_account(text: str, start: int, before: str) -> Span | None:
    """A Dutch bank code (not inside a word) before ten digits at start, or None."""
    code_start = start - (len(text[max(0, start - 8) : start]) - len(before)) - 4
    if code_start > 0 and text[code_start - 1].isalnum():
        return None
    account = _ACCOUNT_RE.match(text, start)
    if account is None:
        return None
    return code_start, account.end()


# Postcode ----------------------------------------------------------------------------------

# A letter may stand straight before ("Utrecht3521AZ", "NL1012AB"), a place or a house number
# straight after ("3521AZUtrecht", "3521AZ12"), the letters may stand apart before a place
# ("1012 W X Amsterdam"): those forms are judged by postcode_forms.glued_postcode.
_POSTCODE_RE = re.compile(
    r"(?P<digits>[1-9](?<![^\WA-Za-z][1-9])(?<![0-9][.,][1-9])[0-9]{3})"
    r"(?:(?P<sep>[ \t]{0,3}|[ \t]*[-/_][ \t]*|(?P<loose>[ \t]*\.[ \t]*|[ \t]*\r?\n[ \t]*))"
    r"(?P<letters>[A-Za-z]{2})"
    r"(?:(?P<glued>(?=[A-Z][a-z]{2}|[0-9]{1,3}(?![0-9])|[A-Z]{4,25}(?![^\W\d_])))"
    r"|(?![^\W_]|-[^\W\d_]))"
    r"|[ \t]{1,2}(?P<l1>[A-Z])[ \t.](?P<l2>[A-Z])\.?(?=[ \t,]+[A-Z][a-z]))"
)
_POSTCODE_NOT_LETTERS = frozenset({"SA", "SD", "SS"})
# Two capitals after a year-like number that are abbreviations, not postcode letters.
_POSTCODE_ABBREVIATIONS = frozenset({"OK", "NL", "EU", "JA", "ZZ", "TV", "PC", "CV", "ID", "AI"})
# Postcodes never use these letters; a lower-case pair with one is a word ("op", "is", "nu").
_POSTCODE_UNUSED = frozenset("FIOQUY")
# Lower-case pairs without those letters that are words, units or abbreviations: after a space
# ("in 3000 en Utrecht") never postcode letters; units also not without one ("1500mg").
_POSTCODE_UNITS = frozenset(
    _split("km kg mg ml cm mm gr dl cl kb mb gb tb kw pk cc ct pp wk jr mn hr pm am")
)
POSTCODE_WORDS = _POSTCODE_UNITS | frozenset(
    _split("en te er we ze al na je ja de me ex pa ma nl eu ca st nr dr mr tv vs ha he eh hm")
)
_PLACE_AFTER_RE = re.compile(r"[ \t,]+[A-Z'][^\W\d_]")
_POSTCODE_WORD_RE = re.compile(r"(?:postcode|pc)[^\w\n]{0,3}$", re.IGNORECASE)
# For a postcode written over lines: the word postcode or a place may stand on the line beside.
_LOOSE_POSTCODE_WORD_RE = re.compile(r"(?:postcode|pc)[^\w]{0,4}$", re.IGNORECASE)
_PLACE_NEXT_LINE_RE = re.compile(r"[ \t,]*\r?\n[ \t]*[A-Z'][^\W\d_]")


def _loose_postcode(text: str, match: re.Match[str], place: bool) -> bool:
    """Whether "1312.GX" or "1055\nLR" (a dot or a line break between) is a postcode.

    Not where a sentence ends in a number and the next begins ("in 2024.\nDe"): the word
    postcode before it, or two capitals that are no word (with a place after: any two capitals).
    """
    letters = match.group("letters")
    if _POSTCODE_UNUSED & set(letters.upper()):
        return False
    keyword = _LOOSE_POSTCODE_WORD_RE.search(text, max(0, match.start() - 14), match.start())
    place = place or _PLACE_NEXT_LINE_RE.match(text, match.end()) is not None
    if keyword is not None or (place and letters.isupper()):
        return True  # "postcode: 3511.ab", "1055\nLR\nAmsterdam"
    if not letters.isupper():
        return False
    # "sinds 2019.\nNL", "Er waren er 1234.\nOK": a number ends a sentence, a word begins one
    year_like = match.group("digits")[:2] in ("19", "20")
    return (
        not year_like
        and letters not in _POSTCODE_ABBREVIATIONS
        and letters.lower() not in (POSTCODE_WORDS)
    )


def find_postcode(text: str) -> Iterator[Span]:
    """Dutch postcodes: 1234 AB, 1234AB, 1234-AB, 1234.AB, over a line break, in any case."""
    for match in _POSTCODE_RE.finditer(text):
        start = match.start()
        glued = match.group("glued") is not None
        if match.group("l1") or glued or (start and text[start - 1].isalpha()):
            if glued_postcode(text, match):
                yield match.span()
            continue
        letters = match.group("letters")
        upper = letters.upper()
        if upper in _POSTCODE_NOT_LETTERS:
            continue
        year_like = match.group("digits")[:2] in ("19", "20")
        place = _PLACE_AFTER_RE.match(text, match.end()) is not None
        if match.group("loose") is not None:
            if _loose_postcode(text, match, place):
                yield match.span()
            continue
        if letters.isupper():
            if year_like and upper in _POSTCODE_ABBREVIATIONS and not place:
                continue  # "2024 NL", "1995 OK"; but "1900 ZZ Utrecht" is a postcode
            yield match.span()
            continue
        if _POSTCODE_UNUSED & set(upper):
            continue
        # "3000 en", "1500 km", "1500mg"; but "1000 Mr Tilburg", "1000km Utrecht" and "2514gl"
        # are postcodes: a place after it decides, except for a word after a space.
        words = POSTCODE_WORDS if match.group("sep") else _POSTCODE_UNITS
        spaced_word = match.group("sep") and letters.islower() and letters not in _POSTCODE_UNITS
        if letters.lower() in words and (not place or spaced_word):
            continue
        if match.group("sep") and year_like:
            # "in 2024 ga ik": a year and a word, unless a place or the word postcode says more.
            keyword = _POSTCODE_WORD_RE.search(text, max(0, match.start() - 14), match.start())
            if not place and keyword is None:
                continue
        yield match.span()
    yield from labelled_postcodes(text)  # "pc 3521 a.z.", "postcode 35 21 AZ"
