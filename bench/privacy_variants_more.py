"""More ways people write client data: the causes found in round 2 of issue 12.

Each strategy writes a base value the way the first blind red-team set showed it gets written
(postcodes over a dot or a line break, birth years and birth marks, dates in words or in other
digit scripts, short streets after "aan de", house number additions, encoded tel: and mailto:
links, names from many languages). The categories are reported beside those of
bench/privacy_variants.py. Values are not taken from the guard's word lists.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from hypothesis import strategies as st

from bench.privacy_variants import (
    DIGIT_ZEROS,
    FIRST_NAMES,
    PLACES,
    STREETS,
    SURNAMES,
    Variant,
    birth_dates,
    mobiles,
    postcodes,
)

__all__ = ["MORE_CATEGORIES"]

_MONTHS_NL = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]  # fmt: skip
_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = [
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
    "achttien", "negentien",
]  # fmt: skip
_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig"]
_TENS += ["negentig"]


def dutch_number(value: int) -> str:
    """1 to 99 in Dutch words ("tweeënzestig")."""
    if value < 10:
        return _UNITS[value]
    if value < 20:
        return _TEENS[value - 10]
    unit, tens = value % 10, _TENS[value // 10]
    if not unit:
        return tens
    link = "ën" if _UNITS[unit].endswith("e") else "en"
    return _UNITS[unit] + link + tens


def dutch_year(year: int) -> str:
    """A year in words as people write it out ("negentienhonderdtweeënzestig", "tweeduizendzes")."""
    rest = year % 100
    if year >= 2000:
        return "tweeduizend" + (dutch_number(rest) if rest else "")
    return "negentienhonderd" + (dutch_number(rest) if rest else "")


# Names from the languages a wijkteam meets, written here (not taken from the guard's lists).
WORLD_NAMES = [
    ("Rami", "Al-Hassan"), ("Youssra", "El-Idrissi"), ("Tewodros", "Gebremariam"),
    ("Krzysztof", "Wiśniewski"), ("Agnieszka", "Kowalczyk"), ("Ayşe", "Öztürk"),
    ("Emre", "Yıldırım"), ("Radjesh", "Ramcharan-Persad"), ("Sumiati", "Kromodikoro"),
    ("Hamid", "Abu-Bakr"), ("Selam", "Tesfamariam"), ("Dorota", "Zielińska"),
]  # fmt: skip
HONORIFIC_ABBREVIATIONS = ["hr.", "jhr.", "Mrs.", "zr.", "Mevr.", "Dhr.", "mvr", "mnr"]


@st.composite
def postcode_loose_variants(draw: st.DrawFn) -> Variant:
    """A postcode with a dot or a line break between its digits and letters."""
    number, a, b = draw(postcodes)
    separator = draw(st.sampled_from([".", " .", ". ", "\n", " \n", "\r\n"]))
    place = draw(st.sampled_from(PLACES))
    template = draw(
        st.sampled_from(["PC {} {}, die wijk valt onder ons", "woonplaats en pc:\n{}\n{}", "{} {}"])
    )
    return Variant(template.format(f"{number}{separator}{a}{b}", place), ("postcode",), "pc_loose")


@st.composite
def birth_year_variants(draw: st.DrawFn) -> Variant:
    """A birth year (or month and year) straight after a birth mark."""
    when = draw(birth_dates)
    year, short = when.year, f"'{when.year % 100:02d}"
    value = draw(
        st.sampled_from(
            [
                f"(geb. {year})", f"geboren ({year})", f"geboren in {short}", f"°{year}",
                f"*{year}", f"geb. {_MONTHS_NL[when.month - 1]} {year}", f"(geboren {year})",
                f"geboortejaar {year}", f"geb.: {short}",
            ]
        )
    )  # fmt: skip
    template = draw(st.sampled_from(["De moeder {} werkt", "Vader, {}, zoekt werk", "Zoon {}"]))
    return Variant(template.format(value), ("geboortedatum",), "birth_year")


@st.composite
def birth_mark_variants(draw: st.DrawFn) -> Variant:
    """A full date after the genealogist's asterisk, a birthday word or "geb.datum"."""
    when = draw(birth_dates.filter(lambda d: d.year <= 2020))
    numeric = f"{when.day:02d}-{when.month:02d}-{when.year}"
    written = f"{when.day} {_MONTHS_NL[when.month - 1]} {when.year}"
    value = draw(
        st.sampled_from(
            [
                f"vader *{numeric}", f"Zijn verjaardag is {written}", f"jarig op {written}",
                f"geb.datum {numeric}", f"geboren op {written}", f"verjaardag: {numeric}",
            ]
        )
    )  # fmt: skip
    return Variant(f"{value}, zie dossier", ("geboortedatum",), "birth_mark")


@st.composite
def date_words_variants(draw: st.DrawFn) -> Variant:
    """A birth date (partly) in words, or with its digits in another script."""
    when = draw(birth_dates)
    month = _MONTHS_NL[when.month - 1]
    form = draw(st.sampled_from(["words", "day_words", "short", "script"]))
    if form == "words":
        value = f"geboren op {dutch_number(when.day)} {month} {dutch_year(when.year)}"
    elif form == "day_words":
        value = f"geb. {dutch_number(when.day)} {month} {when.year}"
    elif form == "short":
        short = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        value = f"geb. {when.day} {short[when.month - 1]}. '{when.year % 100:02d}"
    else:
        zero = draw(st.sampled_from(DIGIT_ZEROS))
        digits = f"{when.day:02d}-{when.month:02d}-{when.year}"
        value = "Geboortedatum uit de vertaling: " + "".join(
            chr(zero + int(c)) if c.isdigit() else c for c in digits
        )
    return Variant(value + ", zegt ze zelf", ("geboortedatum",), "date_words")


@st.composite
def address_loose_variants(draw: st.DrawFn) -> Variant:
    """Short streets after "aan de", additions, line breaks, glued numbers, numbers in names."""
    number = draw(st.integers(1, 299))
    street = draw(st.sampled_from(STREETS))
    form = draw(st.sampled_from(["article", "addition", "linebreak", "glued", "in_name"]))
    if form == "article":
        short = draw(st.sampled_from(["Spui", "Kolk", "Weerd", "Ham", "Tol", "Dam", "Brink"]))
        lead = draw(st.sampled_from(["aan de", "op de", "in de", "aan het", "op het"]))
        value = f"kamerbewoning {lead} {short} {number}"
    elif form == "addition":
        addition = draw(st.sampled_from(["hs", "-II", "B", " bis", "-boven", "-3", " hoog", "-hg"]))
        value = f"slaapt bij zijn tante, {street} {number}{addition}"
    elif form == "linebreak":
        value = f"woonadres:\n{street}\n{number}"
    elif form == "glued":
        value = f"Logeeradres: {street}\u200b{number}\u200bB"
    else:
        value = f"Ze huurt een kamer aan het Plein 1944 nr {number}"
    return Variant(value, ("adres",), "address_loose")


@st.composite
def encoded_link_variants(draw: st.DrawFn) -> Variant:
    """tel:, sms: and mailto: links with percent-encoding, bare or in Slack's brackets."""
    if draw(st.booleans()):
        mobile = draw(mobiles)
        target = draw(st.sampled_from(["tel:%2B31", "tel:+31", "sms:%2B31"])) + mobile[1:]
        if draw(st.booleans()):
            target = target[:-8] + "\u200b" + target[-8:]
        kinds: tuple[str, ...] = ("telefoon",)
    else:
        first = draw(st.sampled_from(FIRST_NAMES)).lower().replace("ş", "s")
        last = draw(st.sampled_from(SURNAMES)).lower().replace(" ", "")
        target = "mailto:" + quote(f"{first}.{last}@live.nl", safe=".") + "?subject=afspraak"
        kinds = ("email",)
    wrapped = draw(st.sampled_from(["{}", "<{}>", "<{}|contact>"])).format(target)
    return Variant(f"Via de handtekening: {wrapped}", kinds, "link_encoded")


@st.composite
def world_name_variants(draw: st.DrawFn) -> Variant:
    """Names of many languages, hyphenated particles, NFD letters, honorific abbreviations."""
    first, last = draw(st.sampled_from(WORLD_NAMES))
    form = draw(st.sampled_from(["full", "lower", "nfd", "honorific", "gezin", "after_colon"]))
    if form == "full":
        value = f"{first} {last}"
    elif form == "lower":
        value = f"{first} {last}".lower()
    elif form == "nfd":
        value = unicodedata.normalize("NFD", f"{first} {last}")
    elif form == "honorific":
        value = f"{draw(st.sampled_from(HONORIFIC_ABBREVIATIONS))} {last}"
    elif form == "gezin":
        value = f"het gezin {last}"
    else:
        value = f"Aanmelding: {first} {last}"
    template = draw(st.sampled_from(["{} komt niet op de afspraak.", "Gesprek met {} gehad."]))
    return Variant(template.format(value), ("naam",), "world_names")


MORE_CATEGORIES: dict[str, st.SearchStrategy[Variant]] = {
    "pc_loose": postcode_loose_variants(),
    "birth_year": birth_year_variants(),
    "birth_mark": birth_mark_variants(),
    "date_words": date_words_variants(),
    "address_loose": address_loose_variants(),
    "link_encoded": encoded_link_variants(),
    "world_names": world_name_variants(),
}
