"""Polite Dutch messages for when something outside the user's control failed."""

from __future__ import annotations

from bot.views.mrkdwn import Reply, section


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
