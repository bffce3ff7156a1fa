"""Polite Dutch messages for when something outside the user's control failed."""

from __future__ import annotations

from bot.views.mrkdwn import MAX_MESSAGE_BLOCKS, Reply, context, quote_sections, section
from privacy.guard import detected_kinds


def build_slack_unavailable() -> Reply:
    """Slack refused or failed a call we needed."""
    text = "Slack gaf net een fout terug, dus dit is niet gelukt. Probeer het zo opnieuw."
    return Reply(text=text, blocks=[section(text)])


def build_storage_unavailable() -> Reply:
    """The database could not be reached or was busy; nothing was half-written."""
    text = (
        "Het opslaan lukte even niet; er is niets half bewaard. Probeer het zo opnieuw. "
        "Blijft dit gebeuren, meld het dan bij je functioneel beheerder."
    )
    return Reply(text=text, blocks=[section(text)])


def with_user_text(reply: Reply, text: str) -> Reply:
    """The reply plus what the user typed, so nothing is lost (only to them, never stored).

    Text with client data is not repeated: the user still has it, and Slack need not see it twice.
    """
    if not text.strip():
        return reply
    if detected_kinds(text):
        note = "Je tekst is niet bewaard en staat hier niet, want er staan persoonsgegevens in."
        return Reply(text=reply.text, blocks=[*reply.blocks, context(note)])
    quoted = [section(part) for part in quote_sections(text)]
    room = MAX_MESSAGE_BLOCKS - 1 - len(quoted)
    return Reply(
        text=reply.text,
        blocks=[*reply.blocks[:room], context("Je tekst, zodat je hem niet kwijt bent:"), *quoted],
    )
