"""Privacy guard: finds client data in a text before anything is stored.

Every text a professional sends passes :func:`scan`. Rules are hand-written and tuned for
Dutch *sociale wijkteams*; each detector is a precompiled, linear-time regular expression
followed by a cheap check in Python (11-proef, mod-97, date validity, name lists). The
detectors live beside this module: ``normalise`` (what they see), ``numbers`` (BSN, phone,
IBAN, postcode, with ``postcode_forms``), ``email``, ``address``, ``dates`` and ``names`` (with
``name_parts``, ``more_names``, ``list_names``, ``landmarks`` and the shared lists in
``words``); each module's docstring says what it counts and what it lets pass.

Decisions worth knowing:

* The text is seen the way a reader sees it: invisible format characters are dropped, digits of
  any script are read as digits, links are decoded and scanned, Slack mentions are not.
* A listed first name on its own is a name ("Met Sanne besproken", "Hoi Latoya,"): names of
  clients and colleagues are never stored (round 8). Words that are also ordinary words pass at
  a sentence's start ("Elke week"), and landmarks, monarchs and story characters pass.
* A full date is a date of birth only beside a birth word or a person; other dates (policy
  events, meetings, holidays) pass. ``today`` decides which dates are in the future.
* Organisation numbers (085, 088, 0800, 0900), 112 and short numbers are never flagged.
* Findings carry kinds and spans, never values; spans point into the original text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from privacy.address import find_address
from privacy.dates import find_birth_date
from privacy.email import find_email
from privacy.names import find_name
from privacy.normalise import normalise
from privacy.numbers import find_bsn, find_iban, find_phone, find_postcode

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
# Public API
# --------------------------------------------------------------------------------------------

_Span = tuple[int, int]


def _detectors(today: date) -> tuple[tuple[PrivacyKind, Callable[[str], Iterator[_Span]]], ...]:
    """Each kind's detector; the birth-date one judges against today."""
    return (
        (PrivacyKind.BSN, find_bsn),
        (PrivacyKind.TELEFOON, find_phone),
        (PrivacyKind.EMAIL, find_email),
        (PrivacyKind.IBAN, find_iban),
        (PrivacyKind.POSTCODE, find_postcode),
        (PrivacyKind.ADRES, find_address),
        (PrivacyKind.GEBOORTEDATUM, lambda text: find_birth_date(text, today=today)),
        (PrivacyKind.NAAM, find_name),
    )


def _resolve(found: dict[PrivacyKind, list[_Span]]) -> list[Finding]:
    """Merge overlapping findings of one kind; drop findings inside a higher-priority one."""
    by_kind: dict[PrivacyKind, list[tuple[int, int]]] = {}
    for kind, spans in found.items():
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        by_kind[kind] = merged
    # Strongest first: a finding is checked only against the kinds above it.
    ranked = sorted(
        (
            (_PRIORITY[kind], kind, spans, [span[0] for span in spans])
            for kind, spans in by_kind.items()
        ),
        key=lambda entry: entry[0],
    )
    kept: list[Finding] = []
    for rank, (_, kind, spans, _starts) in enumerate(ranked):
        stronger = ranked[:rank]
        for start, end in spans:
            inside = False
            for _, _, other, other_starts in stronger:
                index = bisect_right(other_starts, start) - 1
                if index >= 0 and other[index][1] >= end:
                    inside = True
                    break
            if not inside:
                kept.append(Finding(kind, start, end))
    return sorted(kept, key=lambda f: (f.start, f.end, _KIND_ORDER[f.kind]))


def scan(text: str, *, today: date | None = None) -> list[Finding]:
    """All personal data found in text, ordered by start; spans index the original text.

    today: the date birth dates are judged against (a date after it is no birth date);
    None reads the system clock, for callers at the outer layer that have no clock of their own.
    """
    if not text:
        return []
    view = normalise(text)
    normalised = view.text
    found: dict[PrivacyKind, list[_Span]] = {}
    for kind, detector in _detectors(today or date.today()):
        spans = [view.source_span(start, end) for start, end in detector(normalised) if start < end]
        if spans:
            found[kind] = spans
    return _resolve(found)


def detected_kinds(text: str, *, today: date | None = None) -> list[PrivacyKind]:
    """The kinds of personal data in text, each once, in the order of PrivacyKind."""
    kinds = {finding.kind for finding in scan(text, today=today)}
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
    message = f"Dit lijkt {what} te bevatten. Haal persoonsgegevens weg en probeer het opnieuw."
    if PrivacyKind.NAAM in unique:
        message += " Schrijf in plaats van een naam bijvoorbeeld 'de cliënt' of 'mijn collega'."
    return message
