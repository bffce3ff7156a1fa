"""Privacy guard: finds client data in a text before anything is stored.

Every text a professional sends passes :func:`scan`. Rules are hand-written and tuned for
Dutch *sociale wijkteams*; each detector is a precompiled, linear-time regular expression
followed by a cheap check in Python (11-proef, mod-97, date validity, name lists).

Decisions worth knowing:

* A lone first name ("Met Sanne besproken") is **not** a name finding: colleagues' first names
  are everywhere in team talk. A known first name followed by a surname ("Sanne Visser",
  "Anouk de Boer"), or any capitalised name after an honorific or family role
  ("mw. Jansen", "moeder Fatima"), is.
* A full date counts as a date of birth when a birth word ("geboren", "geb.", "geboortedatum")
  precedes it, or when its year lies at least two years back. Recent and future dates
  ("MDO op 12-03-2026") are appointments, not birth dates.
* 0800/0900 numbers, 112 and other short numbers are organisation numbers, never flagged.
* Slack mrkdwn is seen through: ``<mailto:…>`` and ``<tel:…>`` links are scanned, user and
  channel mentions (``<@U123|naam>``) and link targets of web addresses are not,
  ``&amp;``-style entities are decoded. Spans always point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

__all__ = [
    "KIND_LABELS",
    "Finding",
    "PrivacyKind",
    "detected_kinds",
    "refusal_message",
    "scan",
]


class PrivacyKind(StrEnum):
    """A kind of personal data the guard recognises."""

    BSN = "bsn"
    TELEFOON = "telefoon"
    EMAIL = "email"
    IBAN = "iban"
    POSTCODE = "postcode"
    ADRES = "adres"
    GEBOORTEDATUM = "geboortedatum"
    NAAM = "naam"


KIND_LABELS: dict[PrivacyKind, str] = {
    PrivacyKind.BSN: "een BSN",
    PrivacyKind.TELEFOON: "een telefoonnummer",
    PrivacyKind.EMAIL: "een e-mailadres",
    PrivacyKind.IBAN: "een IBAN",
    PrivacyKind.POSTCODE: "een postcode",
    PrivacyKind.ADRES: "een adres",
    PrivacyKind.GEBOORTEDATUM: "een geboortedatum",
    PrivacyKind.NAAM: "een naam",
}

_KIND_ORDER: dict[PrivacyKind, int] = {kind: index for index, kind in enumerate(PrivacyKind)}

# When findings of different kinds overlap, the one with the lower number wins and a finding
# lying wholly inside it is dropped (a phone-like digit run inside an IBAN is part of the IBAN).
_PRIORITY: dict[PrivacyKind, int] = {
    PrivacyKind.EMAIL: 0,
    PrivacyKind.IBAN: 1,
    PrivacyKind.TELEFOON: 2,
    PrivacyKind.BSN: 3,
    PrivacyKind.GEBOORTEDATUM: 4,
    PrivacyKind.POSTCODE: 5,
    PrivacyKind.ADRES: 6,
    PrivacyKind.NAAM: 7,
}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and its span in the original text (never the value)."""

    kind: PrivacyKind
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Normalisation: see through Slack mrkdwn and unicode variants, keeping a map to the original.
# --------------------------------------------------------------------------------------------

_SLACK_ENTITY_RE = re.compile(
    r"<(?P<body>(?:[@#!]|[A-Za-z][A-Za-z0-9+.-]{0,20}:)[^<>\n]{0,2000})>",
)
_HTML_ENTITIES: dict[str, str] = {
    "amp": "&",
    "lt": "<",
    "gt": ">",
    "quot": '"',
    "apos": "'",
    "nbsp": " ",
}
_SPECIAL_RE = re.compile(
    r"&(?P<html>amp|lt|gt|quot|apos|nbsp|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
    r"|(?P<url>(?<![\w@.])(?:https?://|www\.)[^\s<>|]{1,2000})"
    r"|(?P<fmt>[*~`]|(?<![^\W_])_|_(?![^\W_]))"
    r"|(?P<uni>[^\x00-\x7f]+)"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_UNI_TRANSLATION: dict[int, str | None] = {ord(dash): "-" for dash in _DASHES}
_UNI_TRANSLATION.update({ord(q): "'" for q in "\u2018\u2019\u201a\u201b\u02bc\u2032"})
_UNI_TRANSLATION.update({ord(z): None for z in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})


class _Normalised:
    """The text as the detectors see it, with each character's source span in the original."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def keep(self, source: str, start: int, end: int) -> None:
        """Copy source[start:end] unchanged."""
        if start < end:
            self.parts.append(source[start:end])
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))

    def blank(self, start: int, end: int) -> None:
        """Replace source[start:end] with spaces, one for one."""
        if start < end:
            self.parts.append(" " * (end - start))
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))

    def replace(self, value: str, start: int, end: int) -> None:
        """Put value in place of source[start:end]; each new character maps to that whole span."""
        if value:
            self.parts.append(value)
            self.starts.extend([start] * len(value))
            self.ends.extend([end] * len(value))


def _normalise_plain(text: str, start: int, end: int, out: _Normalised) -> None:
    """Decode HTML entities, blank web addresses and mrkdwn markers, fold unicode variants."""
    position = start
    for match in _SPECIAL_RE.finditer(text, start, end):
        out.keep(text, position, match.start())
        position = match.end()
        if match.group("html") is not None:
            name = match.group("html")
            if name.startswith(("#x", "#X")):
                value = _safe_chr(int(name[2:], 16))
            elif name.startswith("#"):
                value = _safe_chr(int(name[1:]))
            else:
                value = _HTML_ENTITIES[name]
            out.replace(value, match.start(), match.end())
        elif match.group("url") is not None or match.group("fmt") is not None:
            out.blank(match.start(), match.end())
        else:
            run = match.group("uni")
            folded = unicodedata.normalize("NFKC", run).translate(_UNI_TRANSLATION)
            if folded == run:
                out.keep(text, match.start(), match.end())
                continue
            for offset, char in enumerate(run):
                char_folded = unicodedata.normalize("NFKC", char).translate(_UNI_TRANSLATION)
                at = match.start() + offset
                if char_folded == char:
                    out.keep(text, at, at + 1)
                else:
                    out.replace(char_folded, at, at + 1)
    out.keep(text, position, end)


def _safe_chr(code: int) -> str:
    """The character for a numeric HTML entity, or a space when the number is not one."""
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)
    return " "


def _normalise(text: str) -> _Normalised:
    """The detector's view of text: Slack entities unwrapped, escapes decoded, unicode folded."""
    out = _Normalised()
    position = 0
    for match in _SLACK_ENTITY_RE.finditer(text):
        _normalise_plain(text, position, match.start(), out)
        position = match.end()
        body_start, body_end = match.start("body"), match.end("body")
        out.blank(match.start(), body_start)  # the "<"
        if text[body_start] in "@#!":
            out.blank(body_start, match.end())  # mentions, channels, @here: not client data
            continue
        bar = text.find("|", body_start, body_end)
        target_end = bar if bar >= 0 else body_end
        colon = text.index(":", body_start, target_end)
        scheme = text[body_start:colon].lower()
        if scheme in ("http", "https", "ftp", "slack"):
            out.blank(body_start, target_end)
        else:
            out.blank(body_start, colon + 1)  # "mailto:", "tel:"
            _normalise_plain(text, colon + 1, target_end, out)
        if bar >= 0:
            out.blank(bar, bar + 1)
            _normalise_plain(text, bar + 1, body_end, out)
        out.blank(body_end, match.end())  # the ">"
    _normalise_plain(text, position, len(text), out)
    return out


# --------------------------------------------------------------------------------------------
# Detectors. Each yields (start, end) spans in the normalised text.
# --------------------------------------------------------------------------------------------

_Span = tuple[int, int]

# BSN ---------------------------------------------------------------------------------------

_BSN_RE = re.compile(
    r"(?<![\w])(?<![0-9][.,])"
    r"(?:[0-9]{9}"
    r"|[0-9]{3}(?P<sep>[. ])[0-9]{3}(?P=sep)[0-9]{3}"
    r"|[0-9]{4}(?P<sep2>[. ])[0-9]{2}(?P=sep2)[0-9]{3})"
    r"(?![0-9]|[.,][0-9]|[^\W\d_])"
)
_BSN_KEYWORD_RE = re.compile(
    r"(?<![^\W\d_])(?:bsn|burgerservicenummer|sofi-?nummer|sofinr)\b[^\w\n]{0,4}"
    r"(?:nr\b\.?|nummer\b)?[^\w\n]{0,4}(?P<number>[0-9]{8})(?![0-9]|[.,][0-9])",
    re.IGNORECASE,
)


def _elfproef(digits: str) -> bool:
    """True for nine digits that pass the BSN 11-proef and are not all zeros."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum((9 - index) * int(digit) for index, digit in enumerate(digits[:8]))
    return (total - int(digits[8])) % 11 == 0


def _find_bsn(text: str) -> Iterator[_Span]:
    """Nine-digit numbers (optionally grouped) passing the 11-proef; 8 digits after 'BSN'."""
    for match in _BSN_RE.finditer(text):
        digits = re.sub(r"[^0-9]", "", match.group())
        if _elfproef(digits):
            yield match.span()
    for match in _BSN_KEYWORD_RE.finditer(text):
        if _elfproef("0" + match.group("number")):
            yield match.span("number")


# Telephone ---------------------------------------------------------------------------------

_PHONE_RE = re.compile(
    r"(?<![\w+])(?<![0-9][.,/-])(?:\+|\(\s?)?[0-9]"
    r"(?:(?:[ \t]?[-./][ \t]?|[ \t]?\([ \t]?|[ \t]?\)[ \t]?|[ \t])?[0-9]){6,15}"
)
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "0676", "0000")


def _digit_end(candidate: str, count: int) -> int:
    """Index just past the count-th digit of candidate."""
    seen = 0
    for index, char in enumerate(candidate):
        if char.isdigit():
            seen += 1
            if seen == count:
                return index + 1
    return len(candidate)


def _phone_length(candidate: str) -> int:
    """Length of the leading part of candidate that is a phone number, 0 if none."""
    digits = "".join(char for char in candidate if char.isdigit())
    international = candidate.startswith("+") or digits.startswith("00")
    if international:
        skip = 0 if candidate.startswith("+") else 2
        rest = digits[skip:]
        if rest.startswith("31"):
            national = rest[2:]
            lead = 0
            if national.startswith("0"):
                national = national[1:]
                lead = 1
            if len(national) < 9 or national[0] == "0":
                return 0
            return _digit_end(candidate, skip + 2 + lead + 9)
        if rest.startswith("0") or not 9 <= len(rest) <= 15:
            return 0
        return _digit_end(candidate, len(digits))
    if len(digits) < 10 or digits[0] != "0" or digits[1] == "0":
        return 0
    if digits.startswith(_SERVICE_PREFIXES):
        return 0
    return _digit_end(candidate, 10)


def _find_phone(text: str) -> Iterator[_Span]:
    """Dutch phone numbers (mobile, landline, +31/0031) and international +CC numbers."""
    position = 0
    while True:
        match = _PHONE_RE.search(text, position)
        if match is None:
            return
        candidate = match.group()
        length = _phone_length(candidate)
        end = match.start() + length
        if length and not (end < len(text) and text[end].isdigit()):
            yield match.start(), end
            position = end
            continue
        # Not a number here: try again from the next group of digits in this run.
        first_group = re.match(r"[+(\s]*[0-9]+", candidate)
        position = match.start() + (first_group.end() if first_group else 1)


# E-mail ------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.%+'-])[\w.%+'-]{1,64}@"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,24}(?![\w-])"
)


def _find_email(text: str) -> Iterator[_Span]:
    """Ordinary e-mail addresses."""
    for match in _EMAIL_RE.finditer(text):
        local = match.group().split("@", 1)[0]
        if local.strip(".") == local and ".." not in local:
            yield match.span()


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
}  # fmt: skip
_IBAN_RE = re.compile(r"(?<![^\W_])[A-Za-z]{2}[ \t]?[0-9]{2}(?:[ \t]?[A-Za-z0-9]){11,30}")


def _iban_valid(compact: str) -> bool:
    """Mod-97 check of an IBAN without spaces."""
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def _find_iban(text: str) -> Iterator[_Span]:
    """IBANs of known countries, with or without spaces, that pass mod-97."""
    position = 0
    while True:
        match = _IBAN_RE.search(text, position)
        if match is None:
            return
        candidate = match.group()
        length = _IBAN_LENGTHS.get(candidate[:2].upper())
        found = False
        if length is not None:
            compact = "".join(char for char in candidate if not char.isspace()).upper()
            end = match.start() + _alnum_end(candidate, length)
            if (
                len(compact) >= length
                and _iban_valid(compact[:length])
                and not (end < len(text) and text[end].isalnum())
            ):
                yield match.start(), end
                position = end
                found = True
        if not found:
            position = match.start() + 1


def _alnum_end(candidate: str, count: int) -> int:
    """Index just past the count-th non-space character of candidate."""
    seen = 0
    for index, char in enumerate(candidate):
        if not char.isspace():
            seen += 1
            if seen == count:
                return index + 1
    return len(candidate)


# Postcode ----------------------------------------------------------------------------------

_POSTCODE_RE = re.compile(
    r"(?<![\w])(?<![0-9][.,])[1-9][0-9]{3}"
    r"(?:[ \t]?(?P<upper>[A-Z]{2})|(?P<lower>[a-z]{2}))(?![^\W_]|-)"
)
_POSTCODE_NOT_LETTERS = frozenset({"SA", "SD", "SS"})
# Two capitals after a year-like number that are abbreviations, not postcode letters.
_POSTCODE_ABBREVIATIONS = frozenset({"OK", "NL", "EU", "JA", "ZZ", "TV", "PC", "CV", "ID", "AI"})


def _find_postcode(text: str) -> Iterator[_Span]:
    """Dutch postcodes: 1234 AB or 1234AB (also lower case when written without a space)."""
    for match in _POSTCODE_RE.finditer(text):
        letters = (match.group("upper") or match.group("lower") or "").upper()
        if letters in _POSTCODE_NOT_LETTERS:
            continue
        text_match = match.group()
        year_like = text_match[:2] in ("19", "20")
        if match.group("upper") and year_like and letters in _POSTCODE_ABBREVIATIONS:
            continue
        yield match.span()


# Address -----------------------------------------------------------------------------------

# Suffixes so telling that a lower-case compound counts too ("kerkstraat 12").
_STREET_STRONG = (
    "straat", "laan", "weg", "plein", "singel", "gracht", "kade", "dijk", "steeg", "dreef",
    "allee", "plantsoen", "boulevard", "straatweg", "dwarsstraat", "hofje", "kwartier",
    "promenade",
)  # fmt: skip
# Suffixes that only count on a capitalised word ("Lindehof 3", not "kerkhof 3").
_STREET_WEAK = (
    "hof", "pad", "park", "ring", "markt", "erf", "veld", "baan", "wal", "haven", "oord",
    "zijde", "poort", "hoven", "weide", "akker", "gaarde", "kamp", "vaart", "schans", "rade",
    "hage", "burcht", "hout", "brink", "hoeve", "donk", "lei", "stede", "kreek", "wetering",
)  # fmt: skip
# Capitalised words that are a street on their own.
_STREET_STANDALONE = frozenset({"markt", "brink", "dam", "singel", "plein", "kade", "dreef"})
_STREET_NOT = frozenset({"onderweg", "halfweg", "wegweg", "straat", "laan", "weg"})

_HOUSE_UNITS = (
    r"weken|week|wk|dagen|dag|jaar|jaren|jr|maanden|maand|mnd|uur|uren|minuten|min|keer|x"
    r"|euro|eur|kinderen|kind|gezinnen|gezin|cliënten|clienten|cliënt|client|personen|mensen"
    r"|huishoudens|procent|pct|km|m|meter|kilometer|stuks|woningen|huizen|bewoners|jongeren"
    r"|deelnemers|gesprekken|sessies|punten|pagina|paginas|regels|leden|kamers|kg|cm|ml"
)
_ADDRESS_RE = re.compile(
    r"(?<![\w'-])(?P<street>[^\W\d_](?:[^\W\d_]|['-](?=[^\W\d_]))*)[ \t]+"
    r"(?P<number>[1-9][0-9]{0,3})"
    r"(?P<suffix>[ \t]?-?[ \t]?[a-zA-Z](?![^\W\d_])|-[0-9]{1,4}(?![0-9]))?"
    r"(?![0-9]|[.,:][0-9]|[ \t]?(?:%|€|\+)|[^\W\d_])"
    rf"(?![ \t]*(?:{_HOUSE_UNITS})(?![^\W\d_]))",
    re.IGNORECASE,
)
_LAAN_VAN_RE = re.compile(
    r"(?<![\w'-])(?:Laan|Plein|Kade|Dreef|Singel|Hof|Weg|Dijk|Straatweg|Gracht|Park|Markt|Steeg"
    r"|Pad|Plantsoen|Allee|Boulevard)[ \t]+(?:van|der|de|den|het|te|ter|ten|op|aan|in|'t|bij)"
    r"(?:[ \t]+(?:van|der|de|den|het|'t|ter|ten))?"
    r"(?:[ \t]+[A-Z][\w'-]*){1,3}[ \t]+[1-9][0-9]{0,3}(?![0-9]|[.,:][0-9])"
)
_STREET_PREFIX_RE = re.compile(
    r"(?:[A-Z][\w.'-]*[ \t]+(?:(?:van|de|der|den|het|'t|ter|ten)[ \t]+){0,2})$"
)


def _is_street(word: str) -> bool:
    """Whether word looks like a Dutch street name."""
    lower = word.lower()
    if lower in _STREET_NOT:
        return False
    capital = word[0].isupper()
    if capital and lower in _STREET_STANDALONE:
        return True
    for suffix in _STREET_STRONG:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
            return True
    if not capital:
        return False
    for suffix in _STREET_WEAK:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
            if suffix == "ring" and lower[-5] in "aeiou":  # vergadering, uitkering
                continue
            return True
    return False


def _find_address(text: str) -> Iterator[_Span]:
    """A street name with a house number."""
    for match in _ADDRESS_RE.finditer(text):
        if not _is_street(match.group("street")):
            continue
        number = match.group("number")
        if len(number) == 4 and number[:2] in ("19", "20") and not match.group("suffix"):
            continue  # "Stationsplein 2026" is more likely a year than a house number
        start = match.start()
        prefix = _STREET_PREFIX_RE.search(text, max(0, start - 60), start)
        if prefix is not None and prefix.end() == start:
            start = prefix.start()
        yield start, match.end()
    for match in _LAAN_VAN_RE.finditer(text):
        yield match.span()


# Date of birth -----------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\w.,/:-])(?:"
    r"(?P<d>[0-3]?[0-9])(?P<s>[-/.])(?P<m>[01]?[0-9])(?P=s)(?P<y>[0-9]{4}|[0-9]{2})"
    r"|(?P<y2>(?:19|20)[0-9]{2})-(?P<m2>[01]?[0-9])-(?P<d2>[0-3]?[0-9]))"
    r"(?![0-9]|[-/.:,][0-9]|[^\W\d_])"
)
_WORD_DATE_RE = re.compile(
    rf"(?<![\w.,/:-])(?P<d>[0-3]?[0-9])(?:e|ste|de)?[ \t]+(?P<mon>{_MONTH_NAMES})\.?[ \t]+"
    r"(?P<y>(?:19|20)[0-9]{2}|'[0-9]{2})(?![0-9]|[^\W\d_])",
    re.IGNORECASE,
)
_BIRTH_WORD_RE = re.compile(
    r"(?:geboren|geb\b\.?|geboortedatum|geboortedag|gebdat|geb\.?datum|dob\b|d\.o\.b\.|°|"
    r"geboorte)[^\n]{0,25}$",
    re.IGNORECASE,
)
_BIRTH_WORD_AFTER_RE = re.compile(r"^[^\n\w]{0,3}(?:[\w]+[ \t]+){0,2}geboren\b", re.IGNORECASE)
_EARLIEST_BIRTH_YEAR = 1900


def _full_year(raw: str, birth_word: bool) -> int | None:
    """A four-digit year from raw ('1985', '85', "'85"); two digits only after a birth word."""
    raw = raw.lstrip("'")
    if len(raw) == 4:
        return int(raw)
    if not birth_word:
        return None
    this_century = date.today().year % 100
    value = int(raw)
    return (2000 if value <= this_century else 1900) + value


def _plausible_birth(day: int, month: int, year: int | None, birth_word: bool) -> bool:
    """Whether the parts form a real date that may well be someone's birth date."""
    if year is None:
        return False
    try:
        when = date(year, month, day)
    except ValueError:
        return False
    today = date.today()
    if when.year < _EARLIEST_BIRTH_YEAR or when > today:
        return False
    return birth_word or when.year <= today.year - 2


def _find_birth_date(text: str) -> Iterator[_Span]:
    """Full dates with a year: after a birth word, or at least two years in the past."""

    def birth_word_near(start: int, end: int) -> bool:
        if _BIRTH_WORD_RE.search(text, max(0, start - 40), start) is not None:
            return True
        return _BIRTH_WORD_AFTER_RE.search(text[end : end + 40]) is not None

    for match in _NUMERIC_DATE_RE.finditer(text):
        near = birth_word_near(*match.span())
        if match.group("y2") is not None:
            day, month = int(match.group("d2")), int(match.group("m2"))
            year: int | None = int(match.group("y2"))
        else:
            day, month = int(match.group("d")), int(match.group("m"))
            year = _full_year(match.group("y"), near)
        if _plausible_birth(day, month, year, near):
            yield match.span()
    for match in _WORD_DATE_RE.finditer(text):
        near = birth_word_near(*match.span())
        month = _MONTHS[match.group("mon").lower()]
        year = _full_year(match.group("y"), near)
        if _plausible_birth(int(match.group("d")), month, year, near):
            yield match.span()


# Name --------------------------------------------------------------------------------------


def _load_first_names() -> frozenset[str]:
    """The shipped list of common first names, lower-cased."""
    path = Path(__file__).with_name("voornamen.txt")
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            names.add(name.casefold())
    return frozenset(names)


FIRST_NAMES: frozenset[str] = _load_first_names()

_TUSSENVOEGSELS = (
    r"van|de|der|den|het|'t|ter|ten|in[ \t]+'t|op[ \t]+de|op[ \t]+den|op[ \t]+ten|la|le|da|di|dos"
    r"|du|del|el|al|ben|bin|ibn|ait|abu|abou|von|zu"
)
_NAME_WORD = r"[^\W\d_]+(?:['-][^\W\d_]+)*"
_NAME_TAIL_RE = re.compile(
    r"(?:(?:[A-Z]\.[ \t]?){1,4}[ \t]*)?"  # initials: "A. Jansen", "J.P. de Vries"
    rf"(?:(?:{_TUSSENVOEGSELS})[ \t]+){{0,3}}"
    rf"(?P<name>{_NAME_WORD})",
    re.IGNORECASE,
)
_NAME_MORE_RE = re.compile(
    rf"[ \t]+(?:(?:{_TUSSENVOEGSELS})[ \t]+){{0,3}}(?P<name>{_NAME_WORD})",
    re.IGNORECASE,
)
_HONORIFIC_RE = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?P<abbr>mevr|mw|mvr|mnr|dhr)(?:\.[ \t]*|[ \t]+)"
    r"|(?P<fam>fam)(?:\.[ \t]*|[ \t]+)"
    r"|(?P<title>mevrouw|meneer|de[ \t]+heer|familie)[ \t]+"
    r"|(?P<role>moeder|vader|oma|opa|zoon|zoontje|dochter|dochtertje|broer|broertje|zus|zusje"
    r"|buurvrouw|buurman|tante|oom|stiefvader|stiefmoeder|pleegmoeder|pleegvader|cliënt|client"
    r"|cliënte|partner|echtgenoot|echtgenote|kleinzoon|kleindochter|schoonmoeder|schoonvader)"
    r"[ \t]+)",
    re.IGNORECASE,
)
_FIRST_NAME_RE = re.compile(rf"(?<![\w@'-])(?P<first>{_NAME_WORD})(?=[ \t]+[^\W\d_'])")

# Capitalised words that follow an honorific or first name without being a surname.
_NOT_A_NAME_WORDS = """
    de het een die dat deze dit zij hij ze wij we jij je u ik haar zijn hun mijn ons onze jullie
    en maar of want dus omdat als toen ook nog wel niet geen er hier daar wat wie waar hoe waarom
    is was wordt werd heeft had hebben wil wilde kan kon moet moest gaat ging komt kwam belt belde
    zegt zei vindt vond wilde weet wist blijft bleef woont woonde lijkt leek staat stond zit zat
    in op met bij van voor naar over om uit aan tot sinds na door tijdens zonder tegen via per
    vandaag gisteren morgen vanochtend vanmiddag vanavond straks later eerst daarna nu toen
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    januari februari maart april mei juni juli augustus september oktober november december
    nederlands nederlandse marokkaans marokkaanse turks turkse surinaams surinaamse antilliaans
    antilliaanse pools poolse syrisch syrische eritrees eritrese somalisch somalische afghaans
    afghaanse engels engelse arabisch arabische oekraïens oekraïense duits duitse frans franse
    koerdisch koerdische berbers iraans iraanse iraaks iraakse kaapverdiaans ghanees ghanese
    wmo jeugdwet participatiewet wlz zvw mdo ggz ggd uwv svb cjg mee
    veilig thuis kredietbank humanitas schuldhulpmaatje vluchtelingenwerk leger heils sociaal
    raadslieden wijkteam buurtteam jeugdzorg jeugdteam gemeente politie huisarts school
    zorgverzekeraar woningcorporatie woonstichting bewindvoerder bewind reclassering
    schuldhulp schuldhulpverlening thuiszorg wijkverpleging dagbesteding jeugdbescherming
    stichting team afdeling zorg kantoor vereniging centrum buurthuis wijk noord oost zuid west
    centrum amsterdam rotterdam utrecht haag eindhoven groningen tilburg almere breda nijmegen
    ok oké ja nee sorry thanks dank top prima goed hoi hallo
"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())


def _is_surname(word: str, honorific: bool) -> bool:
    """Whether word can be a surname or given name: capitalised, not a common capitalised word."""
    word = re.split(r"['-]", word, maxsplit=1)[0] or word
    if not word[0].isupper() or word.casefold() in _NOT_A_NAME:
        return False
    if word.isupper():
        # "mw. JANSEN" is a name; "vader GGZ" is not.
        return honorific and len(word) >= 3
    return True


def _name_end(text: str, end: int) -> int:
    """Extend a name span over further capitalised name parts ("Fatima El Amrani")."""
    for _ in range(3):
        more = _NAME_MORE_RE.match(text, end)
        if more is None or not _is_surname(more.group("name"), honorific=False):
            break
        end = more.end()
    return end


def _find_name(text: str) -> Iterator[_Span]:
    """Names after an honorific or family role, and known first name + surname pairs."""
    for match in _HONORIFIC_RE.finditer(text):
        tail = _NAME_TAIL_RE.match(text, match.end())
        if tail is None:
            continue
        explicit = match.group("role") is None
        if not _is_surname(tail.group("name"), honorific=explicit):
            continue
        yield match.start(), _name_end(text, tail.end())
    for match in _FIRST_NAME_RE.finditer(text):
        first = match.group("first")
        given = first.split("-", 1)[0]  # "Jan-Willem", "Anne-Marie"
        if not first[0].isupper() or given.casefold() not in FIRST_NAMES:
            continue
        tail = _NAME_TAIL_RE.match(text, match.end() + _spaces(text, match.end()))
        if tail is None or tail.group("name") == first:
            continue
        if not _is_surname(tail.group("name"), honorific=False):
            continue
        if tail.group("name").isupper():
            continue
        yield match.start(), _name_end(text, tail.end())


def _spaces(text: str, position: int) -> int:
    """How many spaces or tabs start at position."""
    count = 0
    while position + count < len(text) and text[position + count] in " \t":
        count += 1
    return count


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

_DETECTORS: tuple[tuple[PrivacyKind, Callable[[str], Iterator[_Span]]], ...] = (
    (PrivacyKind.BSN, _find_bsn),
    (PrivacyKind.TELEFOON, _find_phone),
    (PrivacyKind.EMAIL, _find_email),
    (PrivacyKind.IBAN, _find_iban),
    (PrivacyKind.POSTCODE, _find_postcode),
    (PrivacyKind.ADRES, _find_address),
    (PrivacyKind.GEBOORTEDATUM, _find_birth_date),
    (PrivacyKind.NAAM, _find_name),
)


def _resolve(found: list[Finding]) -> list[Finding]:
    """Merge overlapping findings of one kind; drop findings inside a higher-priority one."""
    by_kind: dict[PrivacyKind, list[tuple[int, int]]] = {}
    for kind in PrivacyKind:
        merged: list[tuple[int, int]] = []
        for start, end in sorted((f.start, f.end) for f in found if f.kind is kind):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        by_kind[kind] = merged
    starts = {kind: [span[0] for span in spans] for kind, spans in by_kind.items()}

    def inside_stronger(kind: PrivacyKind, start: int, end: int) -> bool:
        for other, spans in by_kind.items():
            if _PRIORITY[other] >= _PRIORITY[kind] or not spans:
                continue
            index = bisect_right(starts[other], start) - 1
            if index >= 0 and spans[index][1] >= end:
                return True
        return False

    kept = [
        Finding(kind, start, end)
        for kind, spans in by_kind.items()
        for start, end in spans
        if not inside_stronger(kind, start, end)
    ]
    return sorted(kept, key=lambda f: (f.start, f.end, _KIND_ORDER[f.kind]))


def scan(text: str) -> list[Finding]:
    """All personal data found in text, ordered by start; spans index the original text."""
    if not text:
        return []
    view = _normalise(text)
    normalised = "".join(view.parts)
    found: list[Finding] = []
    for kind, detector in _DETECTORS:
        for start, end in detector(normalised):
            if start < end:
                found.append(Finding(kind, view.starts[start], view.ends[end - 1]))
    return _resolve(found)


def detected_kinds(text: str) -> list[PrivacyKind]:
    """The kinds of personal data in text, each once, in the order of PrivacyKind."""
    kinds = {finding.kind for finding in scan(text)}
    return [kind for kind in PrivacyKind if kind in kinds]


def _join_dutch(parts: Sequence[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def refusal_message(kinds: Sequence[PrivacyKind]) -> str:
    """The Dutch refusal naming what kinds of personal data were seen (never the values)."""
    unique = [kind for kind in PrivacyKind if kind in set(kinds)]
    what = _join_dutch([KIND_LABELS[kind] for kind in unique]) or "persoonsgegevens"
    return f"Dit lijkt {what} te bevatten. Haal persoonsgegevens weg en probeer het opnieuw."
