"""Replies and modals of /knelpunt: the one-line signal, its modal, correcting its knelpunten."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from bot import ids
from bot.views.inputs import multi_select, plain, team_select, text_input
from bot.views.mrkdwn import Reply, context, escape, section
from storage.models import SIGNAL_TEXT_LENGTH

MODAL_TITLE = "Knelpunt melden"
SIGNALS_PER_WINDOW = 5  # per person: enough for a busy moment, too few to flood the weekspiegel
SIGNAL_WINDOW = timedelta(minutes=15)


def _recognised(labels: Sequence[str], possible: Sequence[str] = ()) -> str:
    maybe = ""
    if possible:
        maybe = (
            " Mogelijk ook: "
            + ", ".join(f"_{escape(label)}_" for label in possible)
            + " (telt pas mee als je het kiest onder Knelpunten aanpassen)."
        )
    if not labels:
        if possible:
            return "Ik herkende er niet zeker een knelpunt in." + maybe
        return "Ik herkende er nog geen knelpunt uit de lijst in; kies er gerust zelf een."
    return "Herkend: " + ", ".join(f"*{escape(label)}*" for label in labels) + "." + maybe


def build_signal_saved(
    signal_id: int, labels: Sequence[str], possible: Sequence[str] = ()
) -> Reply:
    """The private confirmation of `/knelpunt <tekst>`, with a way to correct the knelpunten.

    `possible`: labels the recogniser was unsure of; they do not count until confirmed.
    """
    text = f"Bewaard als knelpuntsignaal. {_recognised(labels, possible)}"
    return Reply(
        text=text,
        blocks=[
            section(text),
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": ids.SIGNAL_RETAG_ACTION,
                        "text": plain("Knelpunten aanpassen"),
                        "value": str(signal_id),
                    }
                ],
            },
            context("Het telt mee in de weekspiegel van je team, zonder je naam."),
        ],
    )


def build_signal_rate_limited() -> Reply:
    """A person noted many signals just now: a friendly pause, and their text kept for them."""
    minutes = int(SIGNAL_WINDOW.total_seconds() // 60)
    text = (
        f"Je hebt het afgelopen kwartier al {SIGNALS_PER_WINDOW} knelpunten gemeld, dank je! "
        f"Dit signaal is nog niet bewaard: meld het over {minutes} minuten opnieuw, of zet het "
        "samen met een ander punt in één melding. Hetzelfde knelpunt vaker melden telt in de "
        "weekspiegel niet zwaarder: daar telt hoeveel verschillende mensen het noemen."
    )
    return Reply(text=text, blocks=[section(text)])


def build_signal_refused(problem: str) -> Reply:
    """Not stored (client data), and the modal to rewrite it did not open: say what kind.

    The text itself is not repeated, not even in a button's value: Slack keeps messages.
    """
    note = "Je tekst staat hier niet, want er lijken persoonsgegevens in te staan."
    return Reply(
        text=f"Niet bewaard. {problem}",
        blocks=[section(f"Niet bewaard. {escape(problem)}"), context(note)],
    )


def build_signal_modal(
    *,
    text: str,
    teams: Sequence[tuple[int, str]],
    knelpunt_options: Sequence[tuple[str, str]],
    metadata: str,
    refusal: str | None = None,
) -> dict[str, Any]:
    """A small modal: the signal, the team when there are several, optional knelpunten.

    refusal: why the text was not stored (it seems to hold client data); the modal then opens
    with the text in its field (a modal's value is not kept by Slack) to take the data out.
    """
    blocks: list[dict[str, Any]] = []
    if refusal:
        blocks.append(section(f"*Niet bewaard.* {escape(refusal)} Pas je tekst hieronder aan."))
    blocks += team_select(teams)
    blocks += [
        text_input(
            ids.SIGNAL_TEXT_BLOCK,
            "Wat knelt er?",
            max_length=SIGNAL_TEXT_LENGTH,
            initial=text,
            hint="In een zin, zonder namen of andere persoonsgegevens.",
            placeholder="Bijvoorbeeld: wachtlijst schuldhulp weer 12 weken",
        ),
        multi_select(
            ids.KNELPUNTEN_BLOCK,
            "Knelpunten (optioneel)",
            knelpunt_options,
            optional=True,
            hint="Leeg laten mag: dan kies ik op basis van je tekst.",
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.SIGNAL_MODAL_CALLBACK,
        "private_metadata": metadata,
        "title": plain(MODAL_TITLE),
        "submit": plain("Bewaren"),
        "close": plain("Annuleren"),
        "blocks": blocks,
    }


def build_signal_saved_view(labels: Sequence[str], possible: Sequence[str] = ()) -> dict[str, Any]:
    """The modal after a signal was stored."""
    return {
        "type": "modal",
        "title": plain(MODAL_TITLE),
        "close": plain("Sluiten"),
        "blocks": [section(f"Bewaard als knelpuntsignaal. {_recognised(labels, possible)}")],
    }


def build_retag_modal(
    signal_id: int, *, knelpunt_options: Sequence[tuple[str, str]], chosen: Sequence[str]
) -> dict[str, Any]:
    """Correct the knelpunten of one's own signal."""
    return {
        "type": "modal",
        "callback_id": ids.SIGNAL_RETAG_CALLBACK,
        "private_metadata": str(signal_id),
        "title": plain("Knelpunten aanpassen"),
        "submit": plain("Bewaren"),
        "close": plain("Annuleren"),
        "blocks": [
            multi_select(
                ids.KNELPUNTEN_BLOCK,
                "Waar gaat je signaal over?",
                knelpunt_options,
                initial=chosen,
                optional=True,
                hint="Leeg laten betekent: geen van deze.",
            )
        ],
    }


def build_retag_done_view(labels: Sequence[str] | None) -> dict[str, Any]:
    """After correcting; None when the signal is gone or not the user's."""
    if labels is None:
        text = "Dit signaal bestaat niet meer."
    elif labels:
        text = "Aangepast: " + ", ".join(f"*{escape(label)}*" for label in labels) + "."
    else:
        text = "Aangepast: dit signaal hoort bij geen van de knelpunten."
    return {
        "type": "modal",
        "title": plain("Knelpunten aanpassen"),
        "close": plain("Sluiten"),
        "blocks": [section(text)],
    }
