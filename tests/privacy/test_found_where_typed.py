"""Data is found at the place it was typed, also beside Turkish letters.

Some detectors look for their cue words with str.find in the lower-cased text. A dotted capital
I ("İlknur") lower-cases to two characters and a dotless i ("Aylın") to none that a
case-insensitive pattern reads as i, so beside them the whole text is scanned as before; these
pin that the finding and its span stay the same either way.
"""

from __future__ import annotations

from datetime import date

import pytest

from privacy.guard import PrivacyKind, scan

TODAY = date(2026, 12, 1)

CASES = [
    ("{who} is geboren op 12 maart 1985 in Ankara.", "12 maart 1985", PrivacyKind.GEBOORTEDATUM),
    ("Moeder van {who}, geb. 19850312, woont hier.", "19850312", PrivacyKind.GEBOORTEDATUM),
    ("{who} mailt via ilknur at hotmail punt com", "ilknur at hotmail punt com", PrivacyKind.EMAIL),
    ("{who} zegt: bel 06-l2345678 na vijven", "06-l2345678", PrivacyKind.TELEFOON),
    ("bsn van {who}: 123456789 (klopt niet)", "123456789", PrivacyKind.BSN),
]
WRITERS = ["Sanne de Vries", "İlknur Yılmaz", "Aylın Şahin", "İSMAİL KAYA"]


@pytest.mark.parametrize("who", WRITERS)
@pytest.mark.parametrize(("template", "value", "kind"), CASES)
def test_data_is_found_where_it_was_typed_whatever_the_name_beside_it(
    template: str, value: str, kind: PrivacyKind, who: str
) -> None:
    text = template.format(who=who)
    start = text.index(value)
    spans = [(f.start, f.end) for f in scan(text, today=TODAY) if f.kind is kind]
    assert spans == [(start, start + len(value))], f"{text!r}: {spans}"


@pytest.mark.parametrize(
    "text",
    [
        "geboren 12 aprıl 1985",  # dotless i inside the month
        "geb. 3 MEİ 1990",  # dotted capital I
        "Mevrouw is geboren op 12 aprıl 1985.",
        "geb. op de vijfde van aprıl 1984",
        "geboren 1 ſeptember 1970",  # long s
        "geboren 1 oKtober 1970",  # Kelvin sign
        "geboortedatum: 3 İV 1989",  # a Roman month
    ],
)
def test_a_month_typed_with_a_turkish_i_or_a_look_alike_letter_is_still_a_birth_date(
    text: str,
) -> None:
    # A case-insensitive pattern matches these letters as i, s and k; looking the month up in
    # a table of plain names must read them the same way, not fail on the text.
    assert PrivacyKind.GEBOORTEDATUM in {f.kind for f in scan(text, today=TODAY)}
