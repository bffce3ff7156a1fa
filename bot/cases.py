"""Logging a case's choices and a knelpunt signal: check, store, change. Knows nothing of Slack.

Every text passes the privacy guard first: text with client data is never stored.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot import ids
from privacy.guard import detected_kinds, refusal_message
from prompts.casus_form import (
    DECISION_REFERRED,
    REASON_SAFETY,
    VEILIG_THUIS,
    CaseForm,
)
from prompts.recogniser import Finding
from storage import casus as store
from storage.knelpunten import KnelpuntLink
from storage.models import (
    CASE_NOTE_LENGTH,
    CASE_TEXT_LENGTH,
    SIGNAL_TEXT_LENGTH,
    Casus,
)

Recognise = Callable[[str], Sequence[Finding]]


@dataclass(frozen=True)
class CaseEntry:
    """What the case modal holds: choices by id, the description, the team."""

    description: str
    domains: tuple[str, ...] = ()
    intake: str = ""
    decision: str = ""
    destinations: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    reason_note: str = ""
    bring_up: bool = False
    knelpunten: tuple[str, ...] = ()

    @classmethod
    def from_casus(cls, casus: Casus, knelpunten: Sequence[str]) -> CaseEntry:
        """The entry a stored case was made from (to edit it)."""
        return cls(
            description=casus.description,
            domains=split_ids(casus.domains),
            intake=casus.intake,
            decision=casus.decision,
            destinations=split_ids(casus.destinations),
            reasons=split_ids(casus.reasons),
            reason_note=casus.reason_note,
            bring_up=casus.bring_up,
            knelpunten=tuple(knelpunten),
        )


def split_ids(joined: str) -> tuple[str, ...]:
    """Ids stored comma-separated, as a tuple."""
    return tuple(part for part in joined.split(",") if part)


def _check_text(text: str, *, limit: int, empty: str | None) -> str | None:
    if not text.strip():
        return empty
    if len(text) > limit:
        return f"Dit is te lang: hoogstens {limit} tekens (nu {len(text)})."
    kinds = detected_kinds(text)
    return refusal_message(kinds) if kinds else None


def check_case(entry: CaseEntry, form: CaseForm) -> dict[str, str]:
    """Dutch field errors by block id; empty when the case may be stored."""
    errors: dict[str, str] = {}
    problem = _check_text(
        entry.description,
        limit=CASE_TEXT_LENGTH,
        empty="Beschrijf de casus in een paar woorden, zonder namen of andere persoonsgegevens.",
    )
    if problem:
        errors[ids.CASE_DESCRIPTION_BLOCK] = problem
    note_problem = _check_text(entry.reason_note, limit=CASE_NOTE_LENGTH, empty=None)
    if note_problem:
        errors[ids.CASE_REASON_NOTE_BLOCK] = note_problem
    if not entry.domains or not set(entry.domains) <= set(form.domains):
        errors[ids.CASE_DOMAINS_BLOCK] = "Kies minstens één leefgebied."
    if entry.intake not in form.intakes:
        errors[ids.CASE_INTAKE_BLOCK] = "Kies hoe de vraag binnenkwam."
    if entry.decision not in form.decisions:
        errors[ids.CASE_DECISION_BLOCK] = "Kies wat je besloten hebt."
    if not set(entry.destinations) <= set(form.destinations):
        errors[ids.CASE_DESTINATIONS_BLOCK] = "Kies bestemmingen uit de lijst."
    elif entry.decision == DECISION_REFERRED and not entry.destinations:
        errors[ids.CASE_DESTINATIONS_BLOCK] = "Je hebt doorverwezen: kies waarheen."
    if not set(entry.reasons) <= set(form.reasons):
        errors[ids.CASE_REASONS_BLOCK] = "Kies redenen uit de lijst."
    return errors


def needs_meldcode_reminder(entry: CaseEntry) -> bool:
    """True when the case is about safety: the reason is the meldcode or it went to Veilig Thuis."""
    return REASON_SAFETY in entry.reasons or VEILIG_THUIS in entry.destinations


@dataclass(frozen=True)
class ChosenKnelpunten:
    """The knelpunten to store with an item, and whether its author chose them."""

    links: tuple[KnelpuntLink, ...]
    confirmed: bool

    @property
    def counted(self) -> list[str]:
        """The ids that count (confident), for the confirmation."""
        return [link.knelpunt_id for link in self.links if link.confident]

    @property
    def possible(self) -> list[str]:
        """The ids the recogniser was unsure of ("mogelijk")."""
        return [link.knelpunt_id for link in self.links if not link.confident]


def _recognised(text: str, recognise: Recognise, known: Collection[str]) -> list[KnelpuntLink]:
    return [
        KnelpuntLink(f.knelpunt_id, f.probability, f.confident)
        for f in recognise(text)
        if f.knelpunt_id in known
    ]


def case_knelpunten(
    entry: CaseEntry, *, form: CaseForm, recognise: Recognise, known: Collection[str]
) -> ChosenKnelpunten:
    """The author's knelpunten (confirmed); when they chose none, what text and reasons show."""
    chosen = [knelpunt for knelpunt in entry.knelpunten if knelpunt in known]
    if chosen:
        return ChosenKnelpunten(tuple(KnelpuntLink(k) for k in dict.fromkeys(chosen)), True)
    found = {link.knelpunt_id: link for link in _recognised(entry.description, recognise, known)}
    for knelpunt in form.knelpunten_for_reasons(entry.reasons):
        if knelpunt in known:
            found[knelpunt] = KnelpuntLink(knelpunt)  # a reason the author chose: it counts
    return ChosenKnelpunten(tuple(found.values()), False)


def save_case(
    entry: CaseEntry,
    *,
    session: Session,
    user_id: str,
    team_id: int | None,
    casus_id: int | None,
    knelpunten: ChosenKnelpunten,
) -> Casus | None:
    """Store a new case for team_id, or change the user's own case casus_id.

    None when the case to change is not the user's (or is gone).
    """
    if casus_id is not None:
        casus = store.get_own_casus(session=session, casus_id=casus_id, user_id=user_id)
        if casus is None:
            return None
    else:
        assert team_id is not None
        casus = Casus(team_id=team_id, user_id=user_id, description="", intake="", decision="")
    casus.description = entry.description
    casus.domains = ",".join(entry.domains)
    casus.intake = entry.intake
    casus.decision = entry.decision
    casus.destinations = ",".join(entry.destinations)
    casus.reasons = ",".join(entry.reasons)
    casus.reason_note = entry.reason_note.strip()
    casus.bring_up = entry.bring_up
    casus.knelpunten_confirmed = knelpunten.confirmed
    return store.save_casus(session=session, casus=casus, knelpunten=knelpunten.links)


def check_signal(text: str) -> str | None:
    """A Dutch message when a knelpunt signal may not be stored, else None."""
    return _check_text(
        text,
        limit=SIGNAL_TEXT_LENGTH,
        empty="Schrijf in een zin wat er knelt, bijv. `/knelpunt wachtlijst GGZ weer 12 weken`.",
    )


def signal_knelpunten(
    text: str, chosen: Sequence[str], *, recognise: Recognise, known: Collection[str]
) -> ChosenKnelpunten:
    """The knelpunten the author chose (confirmed), or else those the text points at."""
    picked = [knelpunt for knelpunt in chosen if knelpunt in known]
    if picked:
        return ChosenKnelpunten(tuple(KnelpuntLink(k) for k in dict.fromkeys(picked)), True)
    return ChosenKnelpunten(tuple(_recognised(text, recognise, known)), False)
