"""Replies to /wijkteam, in Dutch. Pure builders: data in, text and blocks out."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.views.mrkdwn import Reply, context, escape, mention, section
from storage.models import Team

DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

HELP_LINES = (
    ("/wijkteam koppel Wijkteam Noord", "maakt dit kanaal het teamkanaal; jij wordt teamleider"),
    ("/wijkteam leider @collega", "maakt een collega (ook) teamleider"),
    ("/wijkteam status", "laat zien hoe je team is ingesteld"),
    ("/wijkteam help", "toont deze uitleg"),
)  # fmt: skip


def _reply(text: str) -> Reply:
    return Reply(text=text, blocks=[section(text)])


def _team(team: Team) -> str:
    return f"*{escape(team.name)}*"


def build_help(*, unknown: str | None = None) -> Reply:
    """Explain every /wijkteam subcommand; say so when the typed one is unknown."""
    lines = [f"• `{command}`: {what}" for command, what in HELP_LINES]
    intro = "Met `/wijkteam` richt je het kanaal van je wijkteam in."
    if unknown:
        intro = f"Ik ken `{escape(unknown)}` niet. {intro}"
    body = "\n".join(lines)
    return Reply(
        text=f"{intro}\n{body}",
        blocks=[
            section(intro),
            section(body),
            context(
                "Alleen teamleiders kunnen een team wijzigen. Typ de commando's in het teamkanaal."
            ),
        ],
    )


def build_not_in_a_channel() -> Reply:
    """The command was typed in a direct message."""
    return _reply("Typ dit in het Slack-kanaal van je wijkteam, niet in een privébericht.")


def build_channel_not_linked() -> Reply:
    """The channel has no team yet."""
    return _reply(
        "Dit kanaal is nog niet gekoppeld aan een wijkteam. "
        "Een teamleider koppelt het met `/wijkteam koppel Naam van het team`."
    )


def build_koppel_needs_name() -> Reply:
    """`koppel` without a team name."""
    return _reply("Welke naam heeft het team? Typ bijvoorbeeld `/wijkteam koppel Wijkteam Noord`.")


def build_name_too_long(limit: int) -> Reply:
    """The team name exceeds the stored length."""
    return _reply(f"Die naam is te lang: gebruik hoogstens {limit} tekens.")


def build_invite_bot_first(name: str) -> Reply:
    """The bot is not a member of the channel, so it could never post there."""
    return _reply(
        "Ik zit nog niet in dit kanaal, dus ik kan hier geen reflectievragen plaatsen. "
        "Nodig me uit met `/invite @Reflectiebot` (of via de kanaalinstellingen: "
        "*Integraties* → *Een app toevoegen*) en typ daarna opnieuw "
        f"`/wijkteam koppel {escape(name)}`."
    )


def build_linked(team: Team) -> Reply:
    """A new team was created for this channel."""
    return _reply(
        f"Dit kanaal is nu het kanaal van {_team(team)}. Jij bent de eerste teamleider.\n"
        "Maak een collega ook teamleider met `/wijkteam leider @collega`, "
        "of bekijk de instellingen met `/wijkteam status`."
    )


def build_already_linked(team: Team) -> Reply:
    """The channel already belongs to this team under the same name."""
    return _reply(f"Dit kanaal is al gekoppeld aan {_team(team)}. Er is niets veranderd.")


def build_renamed(team: Team, old_name: str) -> Reply:
    """The team got a new name."""
    return _reply(f"Het team *{escape(old_name)}* heet nu {_team(team)}.")


def build_only_leaders(team: Team, leaders: list[str]) -> Reply:
    """A friendly refusal for someone who is not a teamleider."""
    who = ", ".join(mention(leader) for leader in leaders) or "een teamleider"
    return _reply(
        f"Alleen teamleiders van {_team(team)} kunnen het team wijzigen. "
        f"Vraag het aan {who}. Met `/wijkteam status` zie je hoe het team is ingesteld."
    )


def build_leider_needs_mention(argument: str) -> Reply:
    """`leider` without a recognisable @mention."""
    hint = "Noem je collega met @ en kies de naam uit de lijst die Slack toont"
    return _reply(f"{hint}, bijvoorbeeld `/wijkteam leider @collega`.")


def build_already_leader(team: Team, user_id: str) -> Reply:
    """The named colleague already leads the team."""
    return _reply(f"{mention(user_id)} is al teamleider van {_team(team)}.")


def build_leader_added(team: Team, user_id: str) -> Reply:
    """A colleague became teamleider."""
    return _reply(
        f"{mention(user_id)} is nu teamleider van {_team(team)} en kan het team mee instellen."
    )


def format_date(moment: datetime, timezone: ZoneInfo) -> str:
    """A Dutch date such as '22 november 2026' in the team's timezone."""
    local = moment.astimezone(timezone)
    return f"{local.day} {DUTCH_MONTHS[local.month - 1]} {local.year}"


def build_status(team: Team, leaders: list[str], timezone: ZoneInfo) -> Reply:
    """The team's settings as the teamleider sees them."""
    since = format_date(team.created_at, timezone)
    who = ", ".join(mention(leader) for leader in leaders) or "nog niemand"
    text = f"{_team(team)}\n• Gekoppeld aan dit kanaal sinds {since}\n• Teamleiders: {who}"
    return Reply(text=text, blocks=[section(text)])
