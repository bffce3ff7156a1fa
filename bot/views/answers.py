"""Private notes about answers that could not be kept."""

from __future__ import annotations

from collections.abc import Sequence

from privacy.guard import PrivacyKind, refusal_message
from storage.models import ANSWER_TEXT_LENGTH


def build_thread_refusal(kinds: Sequence[PrivacyKind]) -> str:
    """Why a thread reply was not stored, and how to fix it (never echoing the data)."""
    return (
        f"Je antwoord is niet bewaard. {refusal_message(kinds)} "
        "Pas je bericht aan (⋯ → *Bericht bewerken*); zodra het zonder persoonsgegevens is, "
        "bewaar ik het alsnog. Je collega's zien deze melding niet."
    )


def build_thread_too_long() -> str:
    """A thread reply above the stored bound."""
    return (
        f"Je antwoord is niet bewaard: het is langer dan {ANSWER_TEXT_LENGTH} tekens. "
        "Kort het in via ⋯ → *Bericht bewerken*, dan bewaar ik het alsnog."
    )


def build_thread_not_stored_busy() -> str:
    """The database was busy: the reply is not stored, and editing it tries again."""
    return (
        "Je antwoord kon even niet bewaard worden: de database had het te druk. Probeer het zo "
        "opnieuw door je bericht te bewerken (⋯ → *Bericht bewerken*, één spatie is genoeg)."
    )
