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
from storage import casus as store
from storage.models import (
    CASE_NOTE_LENGTH,
    CASE_TEXT_LENGTH,
    SIGNAL_TEXT_LENGTH,
    Casus,
)

Tag = Callable[[str], list[str]]


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


def case_knelpunten(
    entry: CaseEntry, *, form: CaseForm, tag: Tag, known: Collection[str]
) -> list[str]:
    """The author's knelpunten; when they chose none, what the text and reasons point at."""
    chosen = [knelpunt for knelpunt in entry.knelpunten if knelpunt in known]
    if chosen:
        return chosen
    suggested = tag(entry.description) + form.knelpunten_for_reasons(entry.reasons)
    return [knelpunt for knelpunt in dict.fromkeys(suggested) if knelpunt in known]


def save_case(
    entry: CaseEntry,
    *,
    session: Session,
    user_id: str,
    team_id: int | None,
    casus_id: int | None,
    knelpunten: Sequence[str],
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
    return store.save_casus(session=session, casus=casus, knelpunten=knelpunten)


def check_signal(text: str) -> str | None:
    """A Dutch message when a knelpunt signal may not be stored, else None."""
    return _check_text(
        text,
        limit=SIGNAL_TEXT_LENGTH,
        empty="Schrijf in een zin wat er knelt, bijv. `/knelpunt wachtlijst GGZ weer 12 weken`.",
    )


def signal_knelpunten(
    text: str, chosen: Sequence[str], *, tag: Tag, known: Collection[str]
) -> list[str]:
    """The knelpunten the author chose, or else those the text points at."""
    picked = [knelpunt for knelpunt in chosen if knelpunt in known]
    return picked or [knelpunt for knelpunt in tag(text) if knelpunt in known]
