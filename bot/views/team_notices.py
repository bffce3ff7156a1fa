"""Messages to teamleiders about their team's state."""

from __future__ import annotations

from bot.views.mrkdwn import Reply, escape, section
from storage.models import Team

_REASONS = {
    "channel_not_found": "het kanaal bestaat niet meer, of ik kan het niet zien",
    "not_in_channel": "ik ben uit het kanaal verwijderd",
    "is_archived": "het kanaal is gearchiveerd",
}


def attention_reason_text(code: str) -> str:
    """A Dutch explanation of why the team's channel cannot be reached."""
    return _REASONS.get(code, f"Slack weigerde het bericht ({escape(code)})")


def build_channel_unreachable(team: Team, code: str) -> str:
    """One DM to each teamleider when the team's channel cannot be reached."""
    return (
        f"Ik kon de reflectievraag voor *{escape(team.name)}* niet plaatsen in "
        f"<#{team.channel_id}>: {attention_reason_text(code)}.\n"
        "Wat je kunt doen: nodig me opnieuw uit in het teamkanaal met `/invite @Reflectiebot`. "
        "Is het kanaal weg, typ dan in het nieuwe teamkanaal `/wijkteam koppel "
        f"{escape(team.name)}`. De andere teams hebben hier geen last van."
    )


def build_no_team() -> Reply:
    """The user is in no team channel."""
    text = (
        "Je zit nog niet in het kanaal van een wijkteam. Vraag je teamleider je toe te voegen, "
        "of koppel als teamleider een kanaal met `/wijkteam koppel Naam van het team`."
    )
    return Reply(text=text, blocks=[section(text)])
