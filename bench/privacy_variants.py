"""Hypothesis strategies that write client data the way people really type it.

Each strategy draws a base value of one kind (a valid BSN, a phone number, an IBAN, a postcode,
an e-mail address, an address, a birth date, a name) and writes it one of the ways listed in
issue 12: invisible format characters and other digit scripts, inside links, with odd separators,
written-out e-mail, addresses and birth dates in loose forms, names in lower case, capitals,
initials or brackets. A variant is a :class:`Variant`: the text, the kinds it holds, a category.

Ordinary sentences (no client data) that look like it are in bench/privacy_ordinary.py.

The base values are deliberately not the guard's own word lists: first names, surnames and
streets here are written independently, some of them outside ``privacy/voornamen.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from urllib.parse import quote, quote_plus

from hypothesis import strategies as st

__all__ = [
    "CATEGORIES",
    "Variant",
    "client_data_variants",
    "variants_of",
]


@dataclass(frozen=True)
class Variant:
    """One text, the kinds of client data in it (empty for none), and how it was written."""

    text: str
    kinds: tuple[str, ...]
    category: str


# --------------------------------------------------------------------------------------------
# Base values
# --------------------------------------------------------------------------------------------


def _bsn_from(digits: list[int]) -> str | None:
    """Nine digits passing the 11-proef built from eight, or None when no check digit fits."""
    total = sum((9 - index) * digit for index, digit in enumerate(digits))
    check = total % 11
    if check == 10 or not any(digits):
        return None
    return "".join(map(str, digits)) + str(check)


bsns = (
    st.lists(st.integers(0, 9), min_size=8, max_size=8)
    .map(_bsn_from)
    .filter(lambda value: value is not None)
    .map(str)
)
# Mobile numbers: 061-065 and 068 (0676 is a dial-up number, not a phone).
mobiles = st.tuples(st.sampled_from("123458"), st.integers(0, 9_999_999)).map(
    lambda pair: f"06{pair[0]}{pair[1]:07d}"
)
_AREAS = ["10", "20", "30", "40", "50", "70", "71", "72", "73", "318", "172", "523", "592", "76"]
landlines = st.tuples(st.sampled_from(_AREAS), st.integers(0, 10**8)).map(
    lambda pair: "0" + pair[0] + str(pair[1]).zfill(9 - len(pair[0]))[: 9 - len(pair[0])]
)
phones = st.one_of(mobiles, landlines)
_BANKS = ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ", "RBRB"]


def _iban(bank: str, account: int) -> str:
    """A valid Dutch IBAN (no spaces) for bank code and account number."""
    bban = bank + str(account).zfill(10)
    number = "".join(str(int(char, 36)) for char in bban + "NL00")
    check = 98 - int(number) % 97
    return f"NL{check:02d}{bban}"


ibans = st.builds(_iban, st.sampled_from(_BANKS), st.integers(10**8, 10**10 - 1))
_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
postcodes = st.tuples(
    st.integers(1000, 9999),
    st.sampled_from(_POSTCODE_LETTERS),
    st.sampled_from(_POSTCODE_LETTERS),
).filter(lambda t: t[1] + t[2] not in ("SA", "SD", "SS"))

# Common first names, written without looking at privacy/voornamen.txt (most are in it now).
FIRST_NAMES = [
    "Sanne", "Kevin", "Fatima", "Mohamed", "Lotte", "Daan", "Ayşe", "Piotr", "Noor", "Jesse",
    "Esmeralda", "Henk", "Yusuf", "Priya", "Marjan", "Tijn", "Shanice", "Wiebe", "Hamza", "Ilse",
    "Bernadette", "Gerben", "Naomi", "Jelle", "Rachida", "Dewi", "Quinten", "Lieke", "Joyce",
]  # fmt: skip
# Half of these are in privacy/achternamen.txt, half deliberately not: the guard must also catch
# the names its lists do not know.
SURNAMES = [
    "Jansen", "de Vries", "Bakker", "Visser", "Yilmaz", "El Amrani", "van den Berg", "Kowalski",
    "Smit", "Meijer", "Bouzid", "Dijkstra", "van Leeuwen", "Kaya", "Brouwer",
    "Ouwehand", "Kleinjan", "Bruinsma", "Tjoa", "Ramcharan", "Zwiers", "Lamberink", "Hiemstra",
    "Oudshoorn", "van Nieuwland", "Achterberg", "Boukhari", "Çetinkaya", "Mendes", "Kuijt",
]  # fmt: skip
HONORIFICS = ["mevrouw", "meneer", "mw.", "dhr.", "mevr.", "de heer", "mr.", "familie"]
RELATIONS = [
    "moeder", "vader", "zoon", "dochter", "stiefdochter", "stiefzoon", "kind", "oma", "opa",
    "broer", "zus", "neef", "nicht", "tante", "oom", "buurvrouw", "buurman", "partner",
    "kleinzoon", "pleegdochter", "ex-partner", "vriendin", "schoonmoeder", "zwager",
]  # fmt: skip
STREETS = [
    "Kerkstraat", "Dorpsweg", "Lindelaan", "Molenstraat", "Beukenlaan", "Oudegracht",
    "Esdoornhof", "Marktplein", "Julianaweg", "Havenkade", "Vogelzang", "Schoolsteeg",
]  # fmt: skip
# Multi-word streets that do not end in -straat, -laan or -weg.
MULTI_WORD_STREETS = [
    "Lange Voorhout", "Korte Poten", "Oude Delft", "Achter de Dom", "Nieuwe Binnenhaven",
    "Grote Markt", "Laan van Nieuw Oost-Indië", "Burgemeester Reigerplein", "Hoge Der A",
    "Oranje Nassausingel", "Prins Hendrikkade", "Kromme Nieuwegracht", "Sint Jansbrug",
    "Van Welderenplantsoen", "Korte Nieuwstraat",
]  # fmt: skip
PLACES = ["Utrecht", "Zwolle", "Tilburg", "Almere", "Leeuwarden", "Den Haag", "Gouda", "Emmen"]
EMAIL_DOMAINS = [
    "gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "live.nl", "xs4all.nl",
    "planet.nl", "icloud.com", "hetnet.nl", "yahoo.com",
]  # fmt: skip

# Lower-case letter pairs that are Dutch words or abbreviations: after a space they read as a word.
_SMALL_WORDS_TEXT = "en te er we ze al na je ja de me ex pa ma nl eu ca st nr dr mr tv vs ha he hm"
_SMALL_WORDS = frozenset(_SMALL_WORDS_TEXT.split())
birth_dates = st.dates(min_value=date(1935, 1, 1), max_value=date(2021, 12, 31))
house_numbers = st.tuples(st.integers(1, 499), st.sampled_from(["", "", "", "a", "b", "A", "-2"]))

# Format characters (Unicode category Cf) that contact lists, RTL apps and copy-paste insert.
FORMAT_CHARS = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", "\u2060", "\u2061", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad",
    "\u061c", "\u180e",
]  # fmt: skip
# The zero of digit scripts a phone keyboard or a copied document may give.
DIGIT_ZEROS = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10, 0x1D7CE, 0x07C0, 0x0AE6]

SEPARATORS = ["-", "/", " ", "  ", "   ", "\n", ".", " - ", " / ", "\t", "\u00a0", "_", " \n"]

_MONTHS_NL = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]  # fmt: skip
_MONTHS_EN = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Helpers that write a value differently
# --------------------------------------------------------------------------------------------


# How people group the digits of a number (group sizes, left to right).
BSN_GROUPS = [(3, 3, 3), (4, 2, 3), (2, 3, 4), (3, 2, 2, 2), (3, 6), (1,) * 9, (2, 2, 2, 3)]
PHONE_GROUPS = [
    (2, 8), (2, 4, 4), (2, 2, 2, 2, 2), (3, 7), (3, 3, 4), (4, 6), (4, 2, 2, 2), (3, 3, 2, 2),
    (2, 3, 3, 2), (1, 3, 3, 3),
]  # fmt: skip


@st.composite
def _grouped(
    draw: st.DrawFn, digits: str, groups: list[tuple[int, ...]], *, allow_o: bool = False
) -> str:
    """digits split into groups joined by one separator (sometimes mixed), or O for zero."""
    sizes = draw(st.sampled_from(groups))
    cuts = [sum(sizes[:index]) for index in range(len(sizes) + 1)]
    parts = [digits[a:b] for a, b in pairwise(cuts)]
    separator = draw(st.sampled_from(SEPARATORS))
    if draw(st.booleans()):
        text = separator.join(parts)
    else:
        text = parts[0] + "".join(draw(st.sampled_from(SEPARATORS)) + part for part in parts[1:])
    if allow_o and "0" in text and draw(st.booleans()):
        text = text.replace("0", draw(st.sampled_from(["O", "o"])), draw(st.integers(1, 2)))
    return text


@st.composite
def _with_format_chars(draw: st.DrawFn, value: str) -> str:
    """value with one to three format characters inserted at random places."""
    chars = list(value)
    for _ in range(draw(st.integers(1, 3))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(FORMAT_CHARS)))
    return "".join(chars)


def _fold_digits(value: str, zero: int) -> str:
    """value with its ASCII digits written in the script whose zero is the code point zero."""
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in value)


def _sentence(template: str, value: str) -> str:
    return template.format(value)


_NUMBER_TEMPLATES = [
    "Graag terugbellen op {}.", "BSN: {} staat in het dossier", "Haar nummer is {}",
    "Ik heb {} doorgegeven aan de bewindvoerder.", "{} klopt niet, graag checken",
    "Nieuw nummer:\n{}\nna vijven bellen",
]  # fmt: skip
_NAME_TEMPLATES = [
    "Gesprek gehad met {} over de schulden.", "{} belde vanochtend in paniek.",
    "Huisbezoek bij {} was lastig.", "Zorgen om {}, school meldt verzuim.",
]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Categories of client data
# --------------------------------------------------------------------------------------------


@st.composite
def unicode_variants(draw: st.DrawFn) -> Variant:
    """Invisible format characters inside a value, or its digits in another script."""
    kind = draw(st.sampled_from(["bsn", "telefoon", "iban", "postcode", "naam", "email"]))
    if kind == "bsn":
        value = "BSN " + draw(bsns)
    elif kind == "telefoon":
        value = draw(mobiles)
    elif kind == "iban":
        value = draw(ibans)
    elif kind == "postcode":
        number, a, b = draw(postcodes)
        value = f"{number} {a}{b}"
    elif kind == "email":
        value = draw(_plain_emails())
    else:
        value = (
            draw(st.sampled_from(["mevrouw", "meneer", "mw."]))
            + " "
            + draw(st.sampled_from(SURNAMES))
        )
    if kind != "naam" and any(c.isdigit() for c in value) and draw(st.booleans()):
        value = _fold_digits(value, draw(st.sampled_from(DIGIT_ZEROS)))
        if draw(st.booleans()):
            value = draw(_with_format_chars(value))
    else:
        value = draw(_with_format_chars(value))
    template = _NAME_TEMPLATES if kind == "naam" else _NUMBER_TEMPLATES
    return Variant(_sentence(draw(st.sampled_from(template)), value), (kind,), "unicode")


@st.composite
def _plain_emails(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(FIRST_NAMES)).lower().replace("ş", "s")
    last = draw(st.sampled_from(SURNAMES)).lower().replace(" ", "")
    local = draw(
        st.sampled_from([f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}85", last])
    )
    return f"{local}@{draw(st.sampled_from(EMAIL_DOMAINS))}"


@st.composite
def url_variants(draw: st.DrawFn) -> Variant:
    """Client data in a link's path or query string."""
    form = draw(st.sampled_from(["whatsapp", "maps", "query_bsn", "query_phone", "query_mail"]))
    if form == "whatsapp":
        url = "https://wa.me/31" + draw(mobiles)[1:]
        kinds: tuple[str, ...] = ("telefoon",)
    elif form == "maps":
        street = draw(st.sampled_from(STREETS))
        number, letter = draw(house_numbers)
        postcode, a, b = draw(postcodes)
        place = draw(st.sampled_from(PLACES))
        where = f"{street} {number}{letter}, {postcode} {a}{b} {place}"
        encode = draw(st.sampled_from([quote_plus, quote]))
        url = "https://www.google.com/maps/place/" + encode(where)
        kinds = ("postcode", "adres")
    elif form == "query_bsn":
        url = f"https://portaal.gemeente.nl/dossier?bsn={draw(bsns)}&tab=2"
        kinds = ("bsn",)
    elif form == "query_phone":
        url = "https://api.whatsapp.com/send?phone=31" + draw(mobiles)[1:]
        kinds = ("telefoon",)
    else:
        url = "https://formulier.nl/aanmelding?email=" + quote(draw(_plain_emails()), safe="")
        kinds = ("email",)
    wrapped = draw(st.sampled_from(["<{}>", "{}", "<{}|de link>", "<{}|hier>"])).format(url)
    text = draw(st.sampled_from(["Stuur even {} door", "Zie {}", "Locatie: {} (nieuw)"])).format(
        wrapped
    )
    return Variant(text, kinds, "url")


@st.composite
def separator_variants(draw: st.DrawFn) -> Variant:
    """BSN, IBAN, phone number or postcode with odd separators; O for zero; postcode case."""
    kind = draw(st.sampled_from(["bsn", "telefoon", "iban", "postcode"]))
    if kind == "bsn":
        value = draw(_grouped(draw(bsns), BSN_GROUPS))
    elif kind == "telefoon":
        value = draw(_grouped(draw(phones), PHONE_GROUPS, allow_o=True))
    elif kind == "iban":
        iban = draw(ibans)
        groups = [iban[i : i + 4] for i in range(0, len(iban), 4)]
        value = draw(st.sampled_from(SEPARATORS)).join(groups)
        if draw(st.booleans()):
            value = value.lower()
    else:
        number, a, b = draw(postcodes)
        letters = draw(st.sampled_from([a + b, (a + b).lower(), a + b.lower(), a.lower() + b]))
        separator = draw(st.sampled_from(["", " ", "-", "  ", " - "]))
        if separator and letters in _SMALL_WORDS:
            letters = letters.upper()  # "in 3000 en Utrecht": a small word, not postcode letters
        value = f"{number}{separator}{letters}"
        place = draw(st.sampled_from(PLACES))
        return Variant(f"Ze woont in {value} {place} sinds de zomer.", (kind,), "separators")
    return Variant(
        _sentence(draw(st.sampled_from(_NUMBER_TEMPLATES)), value), (kind,), "separators"
    )


@st.composite
def email_variants(draw: st.DrawFn) -> Variant:
    """An e-mail address with at/punt written out, bracketed, or spaces around @."""
    local, domain = draw(_plain_emails()).split("@")
    host, _, tld = domain.rpartition(".")
    at = draw(
        st.sampled_from([" at ", " [at] ", "(at)", " (at) ", " @ ", "@ ", " @", "[at]", " AT "])
    )
    dot = draw(st.sampled_from([".", " punt ", "[dot]", " [dot] ", "(punt)", " dot ", " . "]))
    local_written = local.replace(".", dot) if draw(st.booleans()) else local
    text = f"{local_written}{at}{host}{dot}{tld}"
    template = draw(
        st.sampled_from(["Mail naar {} sturen", "Haar mail is {}", "contact: {} (privé)"])
    )
    return Variant(template.format(text), ("email",), "email_written")


@st.composite
def address_variants(draw: st.DrawFn) -> Variant:
    """nummer/nr. between street and number, the number first, multi-word street names."""
    number, letter = draw(house_numbers)
    form = draw(st.sampled_from(["nummer", "number_first", "multi_word"]))
    if form == "nummer":
        street = draw(st.sampled_from(STREETS))
        word = draw(st.sampled_from(["nummer", "nr.", "nr", "no.", "huisnummer", "Nr."]))
        value = f"{street} {word} {number}{letter}"
    elif form == "number_first":
        street = draw(st.sampled_from(STREETS + MULTI_WORD_STREETS))
        value = draw(st.sampled_from([f"{number} {street}", f"nummer {number} van de {street}"]))
    else:
        street = draw(st.sampled_from(MULTI_WORD_STREETS))
        value = f"{street} {number}{letter}"
    template = draw(
        st.sampled_from(
            [
                "Ze woont {}.",
                "Huisbezoek op {} gepland",
                "Nieuw adres: {}",
                "Gezin verhuist naar {}",
            ]
        )
    )
    if form != "number_first" and "woont" in template:
        template = template.replace("woont {}", "woont op de {}")
    return Variant(template.format(value), ("adres",), "address")


@st.composite
def birth_date_variants(draw: st.DrawFn) -> Variant:
    """geb with two-digit years, slashes, spaced dashes, English month-first, year in brackets."""
    when = draw(birth_dates)
    d, m, y = when.day, when.month, when.year
    form = draw(st.sampled_from(["geb_short", "slashes", "spaced", "english", "year_parens"]))
    if form == "geb_short":
        value = (
            draw(st.sampled_from(["geb", "geb.", "Geb", "geb:"]))
            + " "
            + draw(st.sampled_from([f"{d}-{m}-{y % 100:02d}", f"{d:02d}{m:02d}{y % 100:02d}"]))
        )
    elif form == "slashes":
        value = "geboren " + draw(
            st.sampled_from([f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y % 100:02d}"])
        )
    elif form == "spaced":
        sep = draw(st.sampled_from([" - ", " -", "- ", " . ", " / "]))
        value = (
            draw(st.sampled_from(["geb.", "geboren", "geboortedatum"])) + f" {d}{sep}{m}{sep}{y}"
        )
    elif form == "english":
        month = _MONTHS_EN[m - 1]
        value = draw(
            st.sampled_from(
                [f"born {month} {d}, {y}", f"DOB: {month[:3]} {d} {y}", f"geb. {month} {d}, {y}"]
            )
        )
    else:
        value = draw(
            st.sampled_from(
                [
                    f"geboren {d} {_MONTHS_NL[m - 1]} ({y})",
                    f"geb. {d}-{m} ({y})",
                    f"(geb. {d}-{m}-{y})",
                ]
            )
        )
    template = draw(
        st.sampled_from(["Zoon is {}.", "Cliënt {} woont alleen", "Moeder, {}, heeft hulp nodig"])
    )
    return Variant(template.format(value), ("geboortedatum",), "birth_date")


@st.composite
def name_variants(draw: st.DrawFn) -> Variant:
    """Names in lower case, capitals, with initials, beside a relation word, after a line break."""
    first = draw(st.sampled_from(FIRST_NAMES))
    last = draw(st.sampled_from(SURNAMES))
    honorific = draw(st.sampled_from(HONORIFICS))
    relation = draw(st.sampled_from(RELATIONS))
    form = draw(
        st.sampled_from(
            [
                "honorific_lower", "honorific_caps", "full_lower", "full_caps", "initials_before",
                "initials_after", "relation_parens", "relation_colon", "relation_first",
                "honorific_newline",
            ]
        )
    )  # fmt: skip
    if form == "honorific_lower":
        value = f"{honorific} {last.lower()}"
    elif form == "honorific_caps":
        value = f"{honorific} {last}".upper()
    elif form == "full_lower":
        value = f"{first} {last}".lower()
    elif form == "full_caps":
        value = f"{first} {last}".upper()
    elif form == "initials_before":
        initials = draw(st.sampled_from([first[0] + ".", first[0] + ".K.", first[0] + ". "]))
        value = f"{initials} {last[0].upper() + last[1:]}".replace("  ", " ")
    elif form == "initials_after":
        value = f"{last[0].upper() + last[1:]}, {first[0]}."
    elif form == "relation_parens":
        value = draw(st.sampled_from([f"{relation} ({first})", f"{first} ({relation})"]))
    elif form == "relation_colon":
        value = f"{relation}: {first}"
    elif form == "relation_first":
        value = f"{relation} {draw(st.sampled_from([first, first.lower()]))}"
    else:
        value = f"{honorific}\n{last[0].upper() + last[1:]}"
    template = draw(st.sampled_from(_NAME_TEMPLATES))
    if template.startswith("{}"):
        value = value[0].upper() + value[1:] if form not in ("full_lower",) else value
    return Variant(template.format(value), ("naam",), "name")


CATEGORIES: dict[str, st.SearchStrategy[Variant]] = {
    "unicode": unicode_variants(),
    "url": url_variants(),
    "separators": separator_variants(),
    "email_written": email_variants(),
    "address": address_variants(),
    "birth_date": birth_date_variants(),
    "name": name_variants(),
}


def client_data_variants() -> st.SearchStrategy[Variant]:
    """Any variant of any category."""
    return st.one_of(*CATEGORIES.values())


def variants_of(category: str) -> st.SearchStrategy[Variant]:
    """The variants of one category."""
    return CATEGORIES[category]
