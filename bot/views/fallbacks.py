"""What the user reads after using something of Reflectiebot that no longer exists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.views.inputs import plain
from bot.views.mrkdwn import Reply, escape, section

MODAL_TITLE = "Reflectiebot"
WHAT_TO_USE = (
    "Gebruik `/reflectie` voor de reflectievraag van je team, `/casus` of `/knelpunt` om iets "
    "vast te leggen, en het tabblad *Home* van Reflectiebot voor je eigen gegevens."
)


def build_no_longer_works(thing: str = "Deze knop", *, home_refreshed: bool = False) -> Reply:
    """An old button, shortcut or modal (from an earlier version): it does nothing any more."""
    text = f"{thing} werkt niet meer: hij hoort bij een eerdere versie van Reflectiebot. "
    if home_refreshed:
        text += "Je tabblad Home is nu bijgewerkt. "
    text += WHAT_TO_USE
    return Reply(text=text, blocks=[section(text)])


def build_info_modal(reply: Reply) -> dict[str, Any]:
    """A small modal that only says `reply` (where there is no message to answer in)."""
    return {
        "type": "modal",
        "title": plain(MODAL_TITLE),
        "close": plain("Sluiten"),
        "blocks": reply.blocks,
    }


def build_old_modal_error() -> str:
    """The field error on an old modal: it stays open, so nothing the user typed is lost."""
    return (
        "Dit venster hoort bij een eerdere versie van Reflectiebot en kan niets meer bewaren. "
        "Kopieer je tekst en begin opnieuw met /casus, /knelpunt of /reflectie."
    )


def build_unknown_command(command: str, known: Sequence[str]) -> Reply:
    """A slash command Reflectiebot does not (or no longer) have."""
    text = (
        f"Reflectiebot kent `{escape(command[:40])}` niet (meer). "
        f"Dit zijn de opdrachten: {', '.join(f'`{name}`' for name in known)}."
    )
    return Reply(text=text, blocks=[section(text)])
