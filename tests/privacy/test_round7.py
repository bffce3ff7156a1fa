"""The causes round 7 of issue 12 fixed, pinned: names with a cue, and their look-alikes.

Hand-written for each cause (not copied from any set); each family has look-alikes that pass.
A first name alone passed until round 8 (now a name: tests/privacy/test_round8.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from privacy.guard import detected_kinds

TODAY = date(2026, 12, 1)


def kinds(text: str) -> set[str]:
    return {kind.value for kind in detected_kinds(text, today=TODAY)}


NAMES = [
    # names of more origins on the lists
    "oma aisha haalt de kinderen op",
    "halfzus precious wil contact",
    "mw. Ramsaroep belt terug",
    "afspraak met anita ramlal verzet",
    "Oksana Shevchenko heeft een tolk nodig",
    # a school, care or family word before "van" and the name, or after a possessive
    "gesprek gehad met de ouders van Ryan",
    "voor de kinderen van Dewi een plek gezocht",
    "de juf van Imran belde",
    "de school van Aylin maakt zich zorgen",
    "Emma's juf maakt zich zorgen",
    "Kevins mentor belde",
    # a home visit, a school class
    "huisbezoek bij Gerrit, hij woont alleen",
    "Aziz zit in groep 6 en wordt gepest",
    "Milan zat in klas 2 bij haar",
    # a double surname with no Dutch word in it
    "Ramdien-Mangroe belt vanmiddag",
    "mevrouw Koster-Bouzid heeft haar uitkering terug",
    # naming verbs, labels, salutations
    "haar roepnaam is Ama",
    "ze wordt Lexi genoemd",
    "hij heet eigenlijk Mustafa maar iedereen zegt Mus",
    "Cliëntnaam: kaya",
    "Achternaam: Osei",
    "Moeder = Shirley",
    "Geachte heer Van Dam, uw aanvraag is ontvangen",
    "Beste heer Bakker,",
    # a couple before "thuis"
    "bij Ricardo en Shanice thuis is het rommelig",
]
LOOK_ALIKES = [
    # organisations and works named after a person
    "Stichting Anton Constandse geeft cursussen",
    "Het boek Kees de Jongen lezen we met de groep",
    "de film Sanne Visser kijken we niet",
    # a place with a letter Dutch rarely writes
    "terug naar Santa Cruz op Curaçao",
    "ze woont op Curaçao",
    # a client word before "van" and an ordinary word or a colleague's context
    "de school van Morgen is een project",
    "de ouders van Nu zijn anders",
    "de kinderen van Amsterdam Noord",
    "huisbezoek bij Vluchtelingenwerk gepland",
    "Hij zit in groep 6",
    "Groep 6 zit in lokaal 3",
    # hyphenated places and first names
    "ze komt uit Zuid-Afrika",
    "verhuisd naar Noord-Holland",
    "Sint-Maarten is mooi",
    # names of colleagues, naming of things
    "het project wordt Samen genoemd",
    "Projectnaam: Samen Sterk",
    "Geachte heer, hierbij de stukken",
    "Beste heer of mevrouw,",
    "Sannes voorstel lijkt me goed",
]


@pytest.mark.parametrize("text", NAMES)
def test_a_name_with_a_cue_is_refused(text: str) -> None:
    assert "naam" in kinds(text), f"{text!r} gave {sorted(kinds(text))}"


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_a_look_alike_without_a_name_passes(text: str) -> None:
    assert kinds(text) == set(), f"{text!r} gave {sorted(kinds(text))}"
