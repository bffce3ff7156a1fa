"""Tests of the privacy guard: known positives and negatives, spans, messages, fuzzing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.guard import (
    KIND_LABELS,
    Finding,
    PrivacyKind,
    refusal_message,
)
from privacy.guard import detected_kinds as guard_detected_kinds
from privacy.guard import scan as guard_scan

K = PrivacyKind
# Birth dates are judged against today: every test pins it, so none depends on the calendar.
TODAY = date(2026, 12, 1)


def scan(text: str) -> list[Finding]:
    return guard_scan(text, today=TODAY)


def detected_kinds(text: str) -> list[PrivacyKind]:
    return guard_detected_kinds(text, today=TODAY)


TRUE_POSITIVES: list[tuple[str, PrivacyKind, str]] = [
    # (text, expected kind, the value the finding's span must cover)
    ("Gesprek met mw. Jansen over schulden", K.NAAM, "mw. Jansen"),
    ("Bel haar op 06-12345678", K.TELEFOON, "06-12345678"),
    ("BSN van cliënt is 123456782", K.BSN, "123456782"),
    ("Haar bsn: 123.456.782, graag controleren", K.BSN, "123.456.782"),
    ("Burgerservicenummer 123 456 782 staat in het dossier", K.BSN, "123 456 782"),
    ("Op de brief stond 1112.22.333 als nummer", K.BSN, "1112.22.333"),
    ("Nummer 012345672 is van de zoon", K.BSN, "012345672"),
    ("BSN 12345672 (oud nummer, acht cijfers)", K.BSN, "12345672"),
    ("Mobiel 0612345678, liefst na vijven", K.TELEFOON, "0612345678"),
    ("Haar nummer is 06 1234 5678", K.TELEFOON, "06 1234 5678"),
    ("Bereikbaar via +31 6 12345678", K.TELEFOON, "+31 6 12345678"),
    ("Nieuw nummer +31(0)6-12345678 doorgegeven", K.TELEFOON, "+31(0)6-12345678"),
    ("Vader belde vanaf 0031 6 87654321", K.TELEFOON, "0031 6 87654321"),
    ("Vaste lijn 010-1234567", K.TELEFOON, "010-1234567"),
    ("Oma is bereikbaar op 020 123 4567", K.TELEFOON, "020 123 4567"),
    ("Bel de praktijk 0318-123456 voor de afspraak", K.TELEFOON, "0318-123456"),
    ("Belgisch nummer +32 470 12 34 56", K.TELEFOON, "+32 470 12 34 56"),
    ("<tel:0612345678|06 1234 5678> bellen morgen", K.TELEFOON, "06 1234 5678"),
    ("Mail naar j.jansen@hotmail.com sturen", K.EMAIL, "j.jansen@hotmail.com"),
    ("Zijn adres is ahmed_1984@gmail.com", K.EMAIL, "ahmed_1984@gmail.com"),
    (
        "Stuur het naar <mailto:fam.devries@ziggo.nl|fam.devries@ziggo.nl>",
        K.EMAIL,
        "fam.devries@ziggo.nl",
    ),
    ("Contact: SANNE.VISSER@KPNMAIL.NL", K.EMAIL, "SANNE.VISSER@KPNMAIL.NL"),
    ("Rekening NL91 ABNA 0417 1643 00 staat rood", K.IBAN, "NL91 ABNA 0417 1643 00"),
    ("Overmaken naar NL91ABNA0417164300 vandaag", K.IBAN, "NL91ABNA0417164300"),
    ("iban nl91abna0417164300 doorgeven aan bewind", K.IBAN, "nl91abna0417164300"),
    ("Duitse rekening DE89 3704 0044 0532 0130 00", K.IBAN, "DE89 3704 0044 0532 0130 00"),
    ("Belgische rekening BE68 5390 0754 7034", K.IBAN, "BE68 5390 0754 7034"),
    ("Ze woont in 3511 AB sinds de zomer", K.POSTCODE, "3511 AB"),
    ("Postcode 1234AB 12 klopt niet", K.POSTCODE, "1234AB"),
    ("verhuisd naar 2514gl", K.POSTCODE, "2514gl"),
    ("Ze woont op de Kerkstraat 12", K.ADRES, "Kerkstraat 12"),
    ("Huisbezoek Dorpsweg 3a gepland", K.ADRES, "Dorpsweg 3a"),
    ("Nieuw adres: Laan van Meerdervoort 120", K.ADRES, "Laan van Meerdervoort 120"),
    ("Burgemeester de Withstraat 4 is zijn kamer", K.ADRES, "Withstraat 4"),
    ("Gezin woont aan de Oudegracht 231-bis", K.ADRES, "Oudegracht 231"),
    ("Opvang aan de Lindenhof 7", K.ADRES, "Lindenhof 7"),
    ("Adres: stationsweg 15, tweede verdieping", K.ADRES, "stationsweg 15"),
    ("Geboren 12-03-1985 in Casablanca", K.GEBOORTEDATUM, "12-03-1985"),
    ("Zoon geb. 3 maart 2019, zit op de basisschool", K.GEBOORTEDATUM, "3 maart 2019"),
    ("Cliënt (12/03/1985) wil hulp", K.GEBOORTEDATUM, "12/03/1985"),
    ("Geboortedatum 1985-03-12", K.GEBOORTEDATUM, "1985-03-12"),
    ("Moeder, 3 maart 1985, alleenstaand", K.GEBOORTEDATUM, "3 maart 1985"),
    ("geb. 01-02-85, ouders gescheiden", K.GEBOORTEDATUM, "01-02-85"),
    ("Dochter is geboren op 7 jan. 2024", K.GEBOORTEDATUM, "7 jan. 2024"),
    ("Zorgen om 14.11.1972 geboren man", K.GEBOORTEDATUM, "14.11.1972"),
    ("Gesprek met dhr. De Vries over huur", K.NAAM, "dhr. De Vries"),
    ("moeder Fatima wil geen hulp", K.NAAM, "moeder Fatima"),
    ("Anouk de Boer is doorverwezen", K.NAAM, "Anouk de Boer"),
    ("Afspraak met Mohamed El Amrani morgen", K.NAAM, "Mohamed El Amrani"),
    ("Sanne Visser zit in de schuldsanering", K.NAAM, "Sanne Visser"),
    ("Mevrouw Yilmaz heeft een betalingsachterstand", K.NAAM, "Mevrouw Yilmaz"),
    ("mevr. Bakker belde over de Wmo", K.NAAM, "mevr. Bakker"),
    ("De heer Öztürk is de tolk vergeten", K.NAAM, "De heer Öztürk"),
    ("oma Jopie past op de kinderen", K.NAAM, "oma Jopie"),
    ("Zoon Kevin spijbelt", K.NAAM, "Zoon Kevin"),
    ("buurvrouw Els heeft de melding gedaan", K.NAAM, "buurvrouw Els"),
    ("Met mnr. Van der Berg gesproken", K.NAAM, "mnr. Van der Berg"),
    ("Dossier van mw. A. Jansen-Pietersen bijgewerkt", K.NAAM, "mw. A. Jansen-Pietersen"),
    ("Piotr Kowalski werkt in de kassen", K.NAAM, "Piotr Kowalski"),
    ("Tesfay Gebremedhin wacht op gezinshereniging", K.NAAM, "Tesfay Gebremedhin"),
    ("dhr. J.P. van 't Hof belde", K.NAAM, "dhr. J.P. van 't Hof"),
    ("Huisbezoek bij Ayşe Demir, zorgen over de kinderen", K.NAAM, "Ayşe Demir"),
    ("Het gaat om mw. *Jansen*", K.NAAM, "mw. *Jansen"),
    ("Vandaag bij fam. Bakker op bezoek", K.NAAM, "fam. Bakker"),
    ("Anne-Marie Kok belde over de beschikking", K.NAAM, "Anne-Marie Kok"),
    ("Jongste zoon is 4-7-16 geboren, prematuur", K.GEBOORTEDATUM, "4-7-16"),
]

FALSE_POSITIVES: list[str] = [
    "Geen tijd gehad voor de 2e lijn",
    "Dossiernummer 123456789 besproken in week 47",
    "Casus naar de 0e lijn, dat scheelt",
    "Al 12 weken wachtlijst voor de GGZ",
    "Gezin met 3 kinderen, schulden van € 1.250",
    "Er staat nog 1.250 euro open bij de Kredietbank",
    "Overleg om 14:30 in het wijkcentrum",
    "op 12-03 MDO met school en leerplicht",
    "Plannen voor 2026 bespreken in het team",
    "Wmo-aanvraag loopt, art. 8 Wmo genoemd",
    "Veilig Thuis 0800-2000 is ingeschakeld",
    "Werknummer 088-1234567 van de bewindvoerder",
    "Bij acuut gevaar bel 112",
    "Spreekuur van 9:00-17:00 op dinsdag",
    "Slechts 40% van de aanvragen is op tijd",
    "De moeder gaf aan dat het niet goed gaat",
    "De huisarts is op de hoogte",
    "Vader was er ook bij het gesprek",
    "De buurvrouw belde in paniek",
    "Met mijn collega besproken, zij pakt het op",  # round 8: a first name alone is a name
    "Overgedragen aan Leger des Heils",
    "Doorverwezen naar Humanitas en Schuldhulpmaatje",
    "Vluchtelingenwerk helpt met de inburgering",
    "UWV en SVB hebben nog niet gereageerd",
    "CJG en GGD sluiten aan bij het MDO",
    "Sociaal Raadslieden helpen met het bezwaar",
    "MEE doet de indicatie",
    "Aanmelding bij de Kredietbank is rond",
    "<@U123ABC> kun jij dit oppakken?",
    "<@U123ABC|sanne> neemt de casus over",
    "Zie <https://www.rijksoverheid.nl/onderwerpen/wmo|de Wmo-pagina>",
    "Wachttijd bij de GGZ is 6 maanden",
    "MDO op 12-03-2026 gepland",
    "Intake was op 3 november 2026",
    "Reflectie over week 47 en 48",
    "Kosten € 2.500,- per jaar",
    "Schuld van 12.345 euro bij 8 schuldeisers",
    "Score van 7/10 op de zelfredzaamheidsmatrix",
    "In de vergadering 2 casussen besproken",
    "Uitkering 3 maanden stopgezet",
    "Onderweg 3 keer gebeld",
    "Moeder van Marokkaanse afkomst, vader Turks",
    "Vader GGZ-patiënt, moeder overbelast",
    "Jeugdwet en Participatiewet lopen door elkaar",
    "Kwartaalrapportage Q3 2025 ingeleverd",
    "Team Noord heeft 4 vacatures",
    "Tel. Veilig Thuis: 0800-2000",
    "Bel de Geldlijn 0800-8115",
    "Info via 0900-1234",
    "Dat was 1 op de 5 gezinnen",
    "Bijstandsnorm is ongeveer € 1.300 netto",
    "Versie 2.3.1 van het protocol",
    "Vergadering van 13:00 tot 14:30",
    "Ik heb 3x gebeld en 2 keer gemaild",
    "Nog 10 dagen tot de zitting",
    "Telefonisch spreekuur 14 020",
    "Artikel 2.3.5 van de Wmo 2015",
    "De zoon was er niet bij",
    "Oma zorgt voor de kinderen",
    "Zus komt soms langs",
    "Heb het met twee collega's van ons team besproken",
    "Een collega neemt het over van de teamleider",
    "Kerkstraat is afgesloten vanwege werkzaamheden",
    "Straat 3 keer op en neer gelopen",
    "Amsterdam 3 nieuwe gezinnen aangemeld",
    "Rotterdam 12 casussen in de wachtrij",
    "Wachtlijst 2025 AB-team",
    "Om 1230 uur belde de school",
    "Zij is 38 jaar en heeft 2 kinderen",
    "Factuurnummer 2026-0042 betaald",
    "Het budget is 1.2 miljoen",
    "IBAN ontbreekt nog op het formulier",
    "Stuur het formulier naar ons teampostvak",
    "Casus 4 van de intervisie: Marokkaanse vader",
    "Mevrouw is erg onzeker",
    "Meneer wil geen hulp",
    "Mw. belde terug",
    "De heer is niet thuis",
    "",
    "   ",
]


@pytest.mark.parametrize(("text", "kind", "value"), TRUE_POSITIVES)
def test_true_positives(text: str, kind: PrivacyKind, value: str) -> None:
    findings = scan(text)
    assert kind in detected_kinds(text), findings
    position = text.index(value)
    assert any(
        f.kind is kind and f.start <= position + len(value) - 1 and position < f.end
        for f in findings
    ), findings


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_false_positives(text: str) -> None:
    assert scan(text) == []
    assert detected_kinds(text) == []


def test_tables_are_big_enough() -> None:
    assert len(TRUE_POSITIVES) >= 60
    assert len([t for t in FALSE_POSITIVES if t.strip()]) >= 60
    assert {kind for _, kind, _ in TRUE_POSITIVES} == set(PrivacyKind)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Bel haar op 06-12345678 vandaag", "06-12345678", K.TELEFOON),
        ("Gesprek met mw. Jansen over schulden", "mw. Jansen", K.NAAM),
        ("mail jan@voorbeeld.nl snel", "jan@voorbeeld.nl", K.EMAIL),
        ("BSN 123456782.", "123456782", K.BSN),
        ("IBAN NL91 ABNA 0417 1643 00 graag", "NL91 ABNA 0417 1643 00", K.IBAN),
        ("woont 3511 AB Utrecht", "3511 AB", K.POSTCODE),
        ("op de Kerkstraat 12 boven", "Kerkstraat 12", K.ADRES),
        ("geboren 12-03-1985 te Gouda", "12-03-1985", K.GEBOORTEDATUM),
    ],
)
def test_spans_point_at_the_value(text: str, value: str, kind: PrivacyKind) -> None:
    assert scan(text) == [Finding(kind, text.index(value), text.index(value) + len(value))]


def test_spans_index_the_original_slack_text() -> None:
    text = "Tom &amp; Jerry: <mailto:jan@voorbeeld.nl|jan@voorbeeld.nl> &amp; 06\u201312345678"
    findings = scan(text)
    assert [f.kind for f in findings] == [K.EMAIL, K.EMAIL, K.TELEFOON]
    assert [text[f.start : f.end] for f in findings] == [
        "jan@voorbeeld.nl",
        "jan@voorbeeld.nl",
        "06\u201312345678",
    ]


def test_fullwidth_digits_and_zero_width_spaces_are_seen_through() -> None:
    assert detected_kinds("bel \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18") == [
        K.TELEFOON
    ]
    assert detected_kinds("bel 06\u200b1234\u200b5678") == [K.TELEFOON]


def test_phone_inside_iban_counts_as_iban_only() -> None:
    assert detected_kinds("NL91 ABNA 0417 1643 00") == [K.IBAN]


def test_user_mention_is_not_a_name_but_mailto_is_an_email() -> None:
    assert detected_kinds("<@U024BE7LH|Sanne Visser> zie hierboven") == []
    assert detected_kinds("<mailto:a.b@c.nl|a.b@c.nl>") == [K.EMAIL]


def test_detected_kinds_uses_the_enum_order() -> None:
    text = "Sanne Visser, 06-12345678, BSN 123456782, Kerkstraat 12"
    assert detected_kinds(text) == [K.BSN, K.TELEFOON, K.ADRES, K.NAAM]


def test_refusal_message_names_one_kind() -> None:
    assert refusal_message([K.BSN]) == (
        "Dit lijkt een BSN te bevatten. Haal persoonsgegevens weg en probeer het opnieuw."
    )


def test_refusal_message_names_several_kinds_in_order() -> None:
    message = refusal_message([K.TELEFOON, K.BSN])
    assert message.startswith("Dit lijkt een BSN en een telefoonnummer te bevatten. ")
    three = refusal_message([K.NAAM, K.EMAIL, K.BSN, K.EMAIL])
    assert three.startswith("Dit lijkt een BSN, een e-mailadres en een naam te bevatten.")


def test_refusal_message_never_contains_the_value() -> None:
    for text, kind, value in TRUE_POSITIVES:
        message = refusal_message(detected_kinds(text))
        assert KIND_LABELS[kind] in message
        assert value not in message


def test_finding_repr_has_no_value() -> None:
    text = "Bel haar op 06-12345678"
    (finding,) = scan(text)
    assert "12345678" not in repr(finding)
    assert "12345678" not in str(finding)


def test_every_kind_has_a_label() -> None:
    assert set(KIND_LABELS) == set(PrivacyKind)
    assert all(label.startswith("een ") for label in KIND_LABELS.values())


# --------------------------------------------------------------------------------------------
# Fuzzing: never an exception, always valid spans, always quick.
# --------------------------------------------------------------------------------------------


def _check(text: str) -> None:
    findings = scan(text)
    assert isinstance(findings, list)
    previous = -1
    for finding in findings:
        assert isinstance(finding, Finding)
        assert isinstance(finding.kind, PrivacyKind)
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.start >= previous
        previous = finding.start
    detected_kinds(text)


_WORDS = st.sampled_from(
    [
        "mevrouw ", "mw. ", "dhr. ", "moeder ", "Sanne ", "Jansen ", "de ", "van ", "El ",
        "Kerkstraat ", "12 ", "06-", "1234 ", "AB ", "NL91 ", "ABNA ", "@", ".nl ", "<@U1|x> ",
        "<mailto:", "|", ">", "&amp;", "geb. ", "12-03-", "1985 ", "maart ", "+31 ", "(0)",
        "\u2013", "\u00a0", "\n", "_", "*",
    ]
)  # fmt: skip


# 40,000-character texts scan in 5-35 ms; a regex gone super-linear would take seconds. The
# deadline leaves room for a loaded CI machine (a 500 ms deadline failed there once, at 975 ms).
LONG_TEXT_DEADLINE_MS = 2_000


@settings(max_examples=150, deadline=500)
@given(st.text(max_size=3_000))
def test_fuzz_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=40, deadline=500)
@given(st.lists(_WORDS, max_size=400).map("".join))
def test_fuzz_field_vocabulary(text: str) -> None:
    _check(text)


@settings(max_examples=15, deadline=LONG_TEXT_DEADLINE_MS)
@given(
    st.text(alphabet="0123456789 .-+()/", min_size=1, max_size=40).flatmap(
        lambda unit: st.integers(1, 40_000 // len(unit)).map(lambda n: (unit * n)[:40_000])
    )
)
def test_fuzz_long_digit_runs(text: str) -> None:
    _check(text)


@settings(max_examples=8, deadline=LONG_TEXT_DEADLINE_MS)
@given(
    st.lists(
        st.sampled_from(["Sanne", "Jansen", "De", "Van", "Mohamed", "El", "A.", "Kerkstraat"]),
        min_size=1,
        max_size=20,
    ).flatmap(
        lambda words: st.just((" ".join(words) + " ") * (40_000 // (len(" ".join(words)) + 1)))
    )
)
def test_fuzz_many_capitalised_words(text: str) -> None:
    _check(text)


@settings(max_examples=10, deadline=LONG_TEXT_DEADLINE_MS)
@given(
    st.sampled_from(["mevrouw ", "mw. ", "moeder van de ", "dhr. J.P. van ", "<@U1|"]),
    st.sampled_from(["", "Jansen", "x", "<", "a@"]),
)
def test_fuzz_repeated_honorifics(unit: str, tail: str) -> None:
    _check((unit * (40_000 // len(unit)))[: 40_000 - len(tail)] + tail)


@settings(max_examples=6, deadline=LONG_TEXT_DEADLINE_MS)
@given(st.sampled_from(["a", "a.", "a@", "<", "<a:", "&amp;", "é", "\uff10", "_", "NL9"]))
def test_fuzz_pathological_repetitions(unit: str) -> None:
    _check(unit * (40_000 // len(unit)))
