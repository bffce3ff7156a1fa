"""Replies to /reflectie."""

from __future__ import annotations

from typing import Any

from bot.views.mrkdwn import Reply, context, escape, section
from bot.views.prompt import build_prompt_message
from prompts.library import Prompt
from storage.models import Team


def build_open_prompts(shown: list[tuple[Team, int, Prompt]]) -> Reply:
    """The current prompt of each of the user's teams, each with its answer button."""
    if not shown:
        return Reply(
            text="Je team heeft nog geen reflectievraag gehad.",
            blocks=[section("Je team heeft nog geen reflectievraag gehad. Die komt vanzelf.")],
        )
    blocks: list[dict[str, Any]] = []
    for team, slot_id, prompt in shown[:5]:
        blocks.append(context(f"*{escape(team.name)}*"))
        blocks += build_prompt_message(prompt, slot_id=slot_id)
    return Reply(text=f"De reflectievraag van je team: {shown[0][2].question}", blocks=blocks[:50])


def build_reflectie_help() -> Reply:
    """Unknown argument to /reflectie."""
    text = (
        "`/reflectie` laat de huidige reflectievraag van je team zien. "
        "Teamleiders plaatsen met `/reflectie nu` meteen de volgende vraag."
    )
    return Reply(text=text, blocks=[section(text)])


def build_nu_needs_team_channel() -> Reply:
    """`/reflectie nu` outside a team channel."""
    text = "Typ `/reflectie nu` in het kanaal van je wijkteam."
    return Reply(text=text, blocks=[section(text)])


def build_nu_only_leaders(team: Team) -> Reply:
    """Only teamleiders may post a prompt on demand."""
    text = (
        f"Alleen teamleiders van *{escape(team.name)}* kunnen een extra vraag plaatsen. "
        "Met `/reflectie` zie je de huidige vraag."
    )
    return Reply(text=text, blocks=[section(text)])


_NU_OUTCOMES = {
    "posted": "De volgende reflectievraag staat in het kanaal.",
    "recovered": "De volgende reflectievraag staat in het kanaal.",
    "exists": "Vandaag is er al een extra vraag geplaatst; morgen kan het weer.",
    "failed": "Ik kan niet in dit kanaal posten. Nodig me uit met `/invite @Reflectiebot`.",
}


def build_nu_result(team: Team, outcome: str) -> Reply:
    """What `/reflectie nu` achieved."""
    text = _NU_OUTCOMES.get(
        outcome, "Slack reageerde niet zoals verwacht; ik probeer het zo vanzelf opnieuw."
    )
    return Reply(text=text, blocks=[section(text)])
