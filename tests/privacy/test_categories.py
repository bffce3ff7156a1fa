"""The guard against client data written the way people really type it (issue 12), by category.

Each category of "what got through" and "what was refused wrongly" is pinned with hand-written
examples (not drawn from bench/privacy_variants.py) and, where a rule is general, a property
over the bench's strategies: any BSN with any grouping or format characters, and so on.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bench.privacy_ordinary import ordinary_sentences
from bench.privacy_variants import (
    BSN_GROUPS,
    DIGIT_ZEROS,
    FORMAT_CHARS,
    PHONE_GROUPS,
    SEPARATORS,
    Variant,
    bsns,
    ibans,
    mobiles,
    postcodes,
    variants_of,
)
from privacy.guard import PrivacyKind, detected_kinds, refusal_message
from privacy.numbers import POSTCODE_WORDS

K = PrivacyKind
TODAY = date(2026, 12, 1)


def kinds(text: str) -> set[str]:
    return {kind.value for kind in detected_kinds(text, today=TODAY)}


def refused_as(text: str, kind: str) -> None:
    found = kinds(text)
    assert kind in found, f"{text!r}: found {sorted(found)}, want {kind}"


# --------------------------------------------------------------------------------------------
# What got through
# --------------------------------------------------------------------------------------------

INVISIBLE_UNICODE = [
    ("Bel haar op 06\u200f12345678", "telefoon"),
    ("mevrouw\u200e Jansen belde", "naam"),
    ("mevrouw\u200eJansen belde", "naam"),
    ("mevrouw \u2067Jansen\u2069 belde", "naam"),
    ("BSN \u202a123456782\u202c", "bsn"),
    ("IBAN NL91\u2060ABNA\u20600417\u2060164300", "iban"),
    ("Tel: \u0660\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "telefoon"),
    ("bsn \uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff12", "bsn"),
    ("postcode 3511\u00a0AB", "postcode"),
    ("nummer 06\u00ad1234\u00ad5678", "telefoon"),
    ("mw.\u200bde Vries heeft schulden", "naam"),
    ("geboren 12\u200b-03-1985", "geboortedatum"),
    ("06\ufe0f12345678 is haar nummer", "telefoon"),
    ("bel 06\u280012345678", "telefoon"),
]
LINKS = [
    ("Zie https://wa.me/31612345678", "telefoon"),
    ("<https://wa.me/31612345678|stuur een appje>", "telefoon"),
    ("https://www.google.nl/maps/place/Kerkstraat+12,+3511+AB+Utrecht", "adres"),
    ("https://www.google.nl/maps/place/Kerkstraat+12,+3511+AB+Utrecht", "postcode"),
    ("link: https://mijn.gemeente.nl/zaak?bsn=123456782", "bsn"),
    ("<https://maps.app.goo.gl/?q=Dorpsweg%2012%2C%201234%20AB|kaart>", "postcode"),
    ("https://example.nl/contact?tel=0612345678&amp;ref=x", "telefoon"),
    ("https://formulier.nl/?email=piet.bakker%40ziggo.nl", "email"),
    ("https://api.whatsapp.com/send?phone=31612345678", "telefoon"),
    ("https://example.nl/profiel/jan-jansen", "naam"),
    ("https://formulier.nl/?naam=x&amp;geb=12-03-1985", "geboortedatum"),
    ("tel:+31612345678", "telefoon"),
]
SEPARATED = [
    ("BSN 123-456-782", "bsn"),
    ("BSN 123/456/782", "bsn"),
    ("bsn 123  456  782", "bsn"),
    ("BSN:\n123\n456\n782", "bsn"),
    ("Haar nummer: 1 2 3 4 5 6 7 8 2", "bsn"),
    ("tel 06 - 12 34 56 78", "telefoon"),
    ("06/12345678", "telefoon"),
    ("O6-12345678", "telefoon"),
    ("06-1234567O", "telefoon"),
    ("bel 020 - 123 45 67", "telefoon"),
    ("(06) 123 456 78", "telefoon"),
    ("tel. +31-6-12345678", "telefoon"),
    ("NL91-ABNA-0417-1643-00", "iban"),
    ("nl91 abna 0417 1643 00", "iban"),
    ("NL91\nABNA\n0417\n1643\n00", "iban"),
    ("NL91.ABNA.0417.1643.00", "iban"),
    ("postcode 3511ab", "postcode"),
    ("3511 ab Utrecht", "postcode"),
    ("3511-AB", "postcode"),
    ("3511 Ab Utrecht", "postcode"),
]
EMAIL_WRITTEN_OUT = [
    "jan.jansen at gmail punt com",
    "jan [at] hotmail [dot] com",
    "jan(at)ziggo(dot)nl",
    "jan @ ziggo.nl",
    "mail: piet.bakker apenstaartje outlook punt com",
    "j.devries AT kpnmail DOT nl",
    "jan.jansen@ gmail .com",
    "jan{at}gmail.com",
    "jan_jansen at hotmail.nl",
    "jansen at gmail",
]
ADDRESSES = [
    "woont Kerkstraat nummer 12",
    "woont Kerkstraat nr. 12a",
    "Kerkstraat, nr 12",
    "adres: 12 Kerkstraat",
    "ze woont op 14 Dorpsweg",
    "op nummer 5 aan de Lindelaan",
    "op nummer 53 van de Oude Delft",
    "Lange Nieuwstraat 7",
    "woont aan de Korte Poten 8",
    "Achter Clarenburg 2",
    "ze woont op de Oude Delft 12",
    "woont op de Grote Markt 3",
    "huisbezoek Neude 11",
    "woont op de Heuvel 4",
    "Zuidwal 4",
    "Laan van Nieuw Oost-Indië 12",
    "Kerkstr. 12",
    "woont 's-Gravendijkwal 12",
    "Kerkstraat 12/2",
]
BIRTH_DATES = [
    "geb 12-03-85",
    "geb. 12/3/85",
    "geboren 12 - 03 - 1985",
    "geboren 12 / 3 / 1985",
    "born March 12, 1985",
    "geb. March 3rd 1985",
    "geboortedatum: 03/25/1985",
    "geboren 12 maart (1985)",
    "geb 12-3 (1985)",
    "DOB 1985-03-12",
    "geb.datum 12.03.85",
    "geb 120385",
    "geboortedatum 12031985",
    "Moeder (12-03-1985) is overbelast",
    "geboren: 12 mrt '85",
    "date of birth 12/03/1985",
    "dochter, geboren 2 januari 2015",
    "In het systeem staat 1991-05-30 als geboortedatum.",
    "geb. 12-3-'85",
    "geb 12/3 (85)",
]
NAMES = [
    "mevrouw jansen belde",
    "MEVROUW JANSEN belde",
    "meneer de vries",
    "met mw. van den berg gesproken",
    "sanne visser belde",
    "SANNE VISSER belde",
    "pieter de jong belde",
    "J. Jansen belde",
    "Jansen, J. belde",
    "J.P. Balkenende",
    "Dhr. A. de Boer",
    "moeder (Fatima) belde",
    "moeder: Fatima",
    "zoon: kevin",
    "Fatima (moeder) belde",
    "stiefdochter Lotte",
    "kind Sem zit op school",
    "oma Riet past op",
    "haar man Ahmed werkt",
    "de vader, Mehmet, was er",
    "mevrouw\nJansen",
    "dhr.\nde Vries",
    "de heer\nVisser",
    "Naam moeder: Fatima",
    "moeder - Fatima belde",
    "Bezoek aan mw. Y. gepland",
    "Mw.Jansen belt",
    "jan jansen belde",
    "partner naomi belde",
    "MOHAMED ZWIERS belde",
    "mevrouw Van der Laan belde",
    "Sanne van der Laan belde",
    "meneer van den Hof",
    "De familie Öztürk woont boven de bakker.",
]


@pytest.mark.parametrize(("text", "kind"), INVISIBLE_UNICODE)
def test_invisible_unicode_and_other_digits_are_seen_through(text: str, kind: str) -> None:
    refused_as(text, kind)


@pytest.mark.parametrize(("text", "kind"), LINKS)
def test_client_data_in_a_link_is_found(text: str, kind: str) -> None:
    refused_as(text, kind)


@pytest.mark.parametrize(("text", "kind"), SEPARATED)
def test_numbers_with_any_separator_are_found(text: str, kind: str) -> None:
    refused_as(text, kind)


@pytest.mark.parametrize("text", EMAIL_WRITTEN_OUT)
def test_written_out_email_is_found(text: str) -> None:
    refused_as(text, "email")


@pytest.mark.parametrize("text", ADDRESSES)
def test_loose_addresses_are_found(text: str) -> None:
    refused_as(text, "adres")


@pytest.mark.parametrize("text", BIRTH_DATES)
def test_loose_birth_dates_are_found(text: str) -> None:
    refused_as(text, "geboortedatum")


@pytest.mark.parametrize("text", NAMES)
def test_names_in_any_case_with_initials_or_beside_a_relation_word_are_found(text: str) -> None:
    refused_as(text, "naam")


# --------------------------------------------------------------------------------------------
# What was refused wrongly: must pass
# --------------------------------------------------------------------------------------------

POLICY_AND_EVENT_DATES = [
    "De decentralisaties van 1 januari 2015 hebben veel veranderd.",
    "Het convenant is op 12 maart 2019 ondertekend.",
    "Op 24 december 2023 was het kantoor dicht.",
    "Ons MDO van 14-11-2024 liep uit.",
    "Het formulier van 01-09-2024 moet nog worden ondertekend.",
    "Sinds 1 juli 2022 werk ik hier.",
    "Per 01-01-2025 gaat de regeling in.",
    "Koningsdag, 27 april 2024, viel op een zaterdag.",
    "Moeder belde op 3 maart 2024 over de huur.",
]
ORGANISATION_NUMBERS = [
    "Bel 088-1234567 voor de helpdesk.",
    "Het nummer is 0800-1234567.",
    "Info: 0900-8844",
    "Bel 085 303 27 00 voor de wijkverpleging.",
    "Veilig Thuis: 0800 2000",
    "De Geldlijn: 0800-8115",
    "Bel 112 bij nood.",
    "Bel +31 88 123 4567 voor informatie.",
]
LANDMARKS = [
    "We waren in het Anne Frank Huis.",
    "Ze ligt in het Wilhelmina Kinderziekenhuis.",
    "Training in het Johan Cruijff Stadion.",
    "Hij zit op de Jan Ligthartschool.",
    "Afspraak bij de Albert Heijn op de hoek.",
    "Boodschappen bij Albert Heijn lukken niet.",
    "Vergadering in het Erasmus MC.",
    "Ze is doorverwezen naar het Jeroen Bosch Ziekenhuis.",
    "Voorlichting in de Maria Montessorischool.",
    "Bezoek aan Anne Frankhuis gepland.",
    "Het Mr. Visserplein is afgesloten.",
    "We zitten in het Dr. Sarphatihuis.",
    "We vergaderen in het Willem Drees-gebouw.",
]
EVERYDAY_WORDS_WITH_A_NUMBER = [
    "Antwoord nummer 1: we bespreken te weinig wat goed ging.",
    "Antwoord 2 was duidelijk.",
    "Vraag nr. 3 ging over de wachtlijst.",
    "Team Noord: 4 nieuwe casussen.",
    "Amsterdam 3 nieuwe gezinnen aangemeld",
]
LOWER_CASE_WORDS_AFTER_NAMES_AND_ROLES = [
    "Samen met de buren een netwerk om mevrouw heen gebouwd.",
    "De cliënt ghostte ons na de intake.",
    "Zoon gamet tot diep in de nacht.",
    "Ze deelde een facebook post over haar zoon.",
    "Daar heb ik can use cases voor bedacht.",
    "Ik ben bakker geweest voordat ik dit werk ging doen.",
]
RELATION_BEFORE_A_VERB = [
    "Moeder Belt vaak op maandag.",
    "Vader Gaat er niet mee akkoord.",
    "Oma Woont alleen.",
    "Zoon Krijgt nu dagbesteding.",
    "De buurvrouw Heeft gebeld.",
    "Het kind Speelt graag buiten.",
    "Zus Komt soms langs.",
    "Moeder: Wil geen hulp.",
    "Met moeder besproken.\nGaat het beter nu?",
    "Meneer Wil geen hulp.",
    "Moeder - Gaat goed.",
]


@pytest.mark.parametrize(
    "text",
    POLICY_AND_EVENT_DATES
    + ORGANISATION_NUMBERS
    + LANDMARKS
    + RELATION_BEFORE_A_VERB
    + EVERYDAY_WORDS_WITH_A_NUMBER
    + LOWER_CASE_WORDS_AFTER_NAMES_AND_ROLES,
)
def test_ordinary_sentences_that_look_like_client_data_pass(text: str) -> None:
    assert kinds(text) == set()


def test_the_bench_ordinary_sentences_pass() -> None:
    refused = [v.text for v in ordinary_sentences() if kinds(v.text)]
    assert refused == []


# --------------------------------------------------------------------------------------------
# Properties over the bench's strategies
# --------------------------------------------------------------------------------------------


@st.composite
def grouped(draw: st.DrawFn, digits: str, groups: list[tuple[int, ...]]) -> str:
    sizes = draw(st.sampled_from(groups))
    parts, position = [], 0
    for size in sizes:
        parts.append(digits[position : position + size])
        position += size
    return parts[0] + "".join(draw(st.sampled_from(SEPARATORS)) + part for part in parts[1:])


@st.composite
def with_format_chars(draw: st.DrawFn, value: str) -> str:
    chars = list(value)
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(FORMAT_CHARS)))
    return "".join(chars)


def other_digits(value: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in value)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_bsn_with_any_grouping_and_format_characters_is_caught(data: st.DataObject) -> None:
    number = data.draw(grouped(data.draw(bsns), BSN_GROUPS))
    if data.draw(st.booleans()):
        number = other_digits(number, data.draw(st.sampled_from(DIGIT_ZEROS)))
    text = "Het nummer is " + data.draw(with_format_chars(number)) + " volgens de brief."
    refused_as(text, "bsn")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_mobile_number_with_any_grouping_and_format_characters_is_caught(
    data: st.DataObject,
) -> None:
    number = data.draw(grouped(data.draw(mobiles), PHONE_GROUPS))
    if data.draw(st.booleans()):
        number = number.replace("0", "O", 1)
    text = "Bel haar op " + data.draw(with_format_chars(number)) + " na vijven."
    refused_as(text, "telefoon")


@settings(max_examples=100, deadline=None)
@given(ibans, st.sampled_from(SEPARATORS), st.booleans())
def test_any_iban_in_groups_of_four_is_caught(iban: str, separator: str, lower: bool) -> None:
    written = separator.join(iban[i : i + 4] for i in range(0, len(iban), 4))
    refused_as("Rekening " + (written.lower() if lower else written) + " staat rood", "iban")


@settings(max_examples=100, deadline=None)
@given(postcodes, st.sampled_from(["", " ", "-", " - ", "  "]), st.sampled_from(["upper", "lower"]))
def test_any_postcode_before_a_place_is_caught(
    postcode: tuple[int, str, str], separator: str, case: str
) -> None:
    number, a, b = postcode
    letters = a + b if case == "upper" else (a + b).lower()
    # A small word after a space ("in 3000 en Utrecht") is deliberately not postcode letters.
    assume(not (separator and letters in POSTCODE_WORDS))
    refused_as(f"Ze woont in {number}{separator}{letters} Utrecht.", "postcode")


@pytest.mark.parametrize("category", ["unicode", "url", "separators", "email_written"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # The same draws every run, so CI is red only when the guard changed. A random search once
    # drew "Graag terugbellen op ١٩٠٠ TV.": a year-like 1900 before "TV" is deliberately no
    # postcode (a known, narrow miss, in the closing note of stop 24).
    derandomize=True,
)
@given(data=st.data())
def test_generated_variants_of_the_rule_based_categories_are_refused(
    category: str, data: st.DataObject
) -> None:
    variant: Variant = data.draw(variants_of(category))
    assert kinds(variant.text), variant


# --------------------------------------------------------------------------------------------
# "today" is an argument; the refusal names the kind, never the value
# --------------------------------------------------------------------------------------------


def test_a_date_after_today_is_no_birth_date_and_today_decides() -> None:
    text = "Dochter, geboren 12-03-2027, is gezond."
    assert "geboortedatum" not in {k.value for k in detected_kinds(text, today=TODAY)}
    assert "geboortedatum" in {k.value for k in detected_kinds(text, today=date(2027, 6, 1))}


def test_two_digit_years_are_read_against_today() -> None:
    # '26 is 2026: in December a birth date of this year, on New Year's Day still to come
    assert K.GEBOORTEDATUM in detected_kinds("geb. 12-03-26", today=date(2026, 12, 1))
    assert K.GEBOORTEDATUM not in detected_kinds("geb. 12-03-26", today=date(2026, 1, 1))
    # '27 is 1927 in 2026, and 2027 a year later
    assert K.GEBOORTEDATUM in detected_kinds("geb. 12-03-27", today=date(2026, 12, 1))


def test_a_date_beside_a_person_counts_only_two_years_back() -> None:
    assert kinds("Zoon, 12-03-2024, spijbelt") == {"geboortedatum"}
    assert kinds("Zoon, 12-03-2026, spijbelt") == set()


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("mevrouw\u200eJansen belde", K.NAAM, "Jansen"),
        ("BSN 123-456-782", K.BSN, "123-456-782"),
        ("jan.jansen at gmail punt com", K.EMAIL, "jansen"),
        ("geb 12-03-85", K.GEBOORTEDATUM, "12-03-85"),
    ],
)
def test_the_refusal_names_what_it_found_and_not_the_value(
    text: str, kind: PrivacyKind, value: str
) -> None:
    message = refusal_message(detected_kinds(text, today=TODAY))
    assert message.startswith("Dit lijkt ") and kind in detected_kinds(text, today=TODAY)
    assert value not in message
