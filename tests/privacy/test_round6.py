"""The causes round 6 of issue 12 fixed, pinned: what must be refused and what must pass.

The variants are hand-written for each cause, the way a hurried professional types on a phone
or pastes from another app (not copied from any set); each family has look-alikes that pass.
"""

from __future__ import annotations

from datetime import date

import pytest

from privacy.guard import detected_kinds

TODAY = date(2026, 12, 1)


def kinds(text: str) -> set[str]:
    return {kind.value for kind in detected_kinds(text, today=TODAY)}


FOREIGN_IBANS = [
    "geld gaat naar MA64 0115 1900 0001 2050 0053 4921 in marokko",  # Morocco, unregistered
    "rekening in Marokko: MA64011519000001205000534921",
    "ma83 0077 8000 0123 4567 8901 2345 van zijn broer",
    "Algerije: DZ44 0004 0017 4105 1100 0420 03",
]
FOREIGN_IBAN_LOOK_ALIKES = [
    "MA 12 december overleg, 0115 1900 zaal 3",
    "ma 64 uur gewerkt, daarna 0115 en 1900 uur",
    "DZ44 is een typenummer",
]


@pytest.mark.parametrize("text", FOREIGN_IBANS)
def test_an_iban_of_morocco_or_algeria_is_refused(text: str) -> None:
    assert "iban" in kinds(text), f"{text!r} gave {sorted(kinds(text))}"


@pytest.mark.parametrize("text", FOREIGN_IBAN_LOOK_ALIKES)
def test_a_country_code_before_digits_that_fail_mod_97_is_no_iban(text: str) -> None:
    assert "iban" not in kinds(text), f"{text!r} gave {sorted(kinds(text))}"
