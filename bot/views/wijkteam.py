"""Replies to /wijkteam, in Dutch. Pure builders: data in, text and blocks out."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.schedule import Schedule, next_occurrence
from bot.views.inputs import plain
from bot.views.mrkdwn import Reply, context, escape, mention, section
from bot.views.team_notices import attention_reason_text
from bot.weekspiegel import covered_week, digest_moment
from prompts.library import THEME_LABELS
from storage.models import Team

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

HELP_LINES = (
    ("/wijkteam koppel Wijkteam Noord", "maakt dit kanaal het teamkanaal; jij wordt teamleider"),
    ("/wijkteam leider @collega", "maakt een collega (ook) teamleider"),
    ("/wijkteam status", "laat zien hoe je team is ingesteld"),
    ("/wijkteam schema dinsdag 09:00", "wanneer de wekelijkse reflectievraag komt (ook: di 9u)"),
    ("/wijkteam pauze", "zet de reflectievragen stil (bijvoorbeeld in de zomer)"),
    ("/wijkteam hervat", "zet ze weer aan"),
    ("/wijkteam themas leercultuur doorverwijzing", "welke thema's je team krijgt (of: alle)"),
    ("/wijkteam herinnering aan", "één vriendelijke herinnering twee werkdagen later (of: uit)"),
    ("/wijkteam feestdagen uit", "ook op feestdagen een vraag (standaard schuift hij door)"),
    ("/wijkteam digest", "teamleiders: een voorproef van de weekspiegel van deze week"),
    ("/wijkteam digest-schema maandag 08:30", "wanneer de weekspiegel komt (over de week ervoor)"),
    ("/wijkteam delen", "teamleiders: zie wat je team met de gemeente zou delen, en zet het aan"),
    ("/wijkteam delen uit", "teamleiders: stop met het delen van de maandcijfers"),
    ("/wijkteam rapport", "beleidsadviseurs: het signalenrapport van vorige maand (of 2026-11)"),
    ("/wijkteam leider weg @collega", "teamleiders: iemand is geen teamleider meer"),
    ("/wijkteam ontkoppel", "teamleiders: koppel het team los (gegevens bewaren of wissen)"),
    ("/wijkteam mijn-gegevens", "al je gegevens als bestand in je privégesprek met de bot"),
    ("/wijkteam vergeet-mij", "laat Reflectiebot alles van je wissen"),
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


def build_linked_without_leader(team: Team) -> Reply:
    """A functioneel beheerder linked the channel: a teamleider is still to be appointed."""
    return _reply(
        f"Dit kanaal is nu het kanaal van {_team(team)}. Het team heeft nog geen teamleider: "
        "maak iemand teamleider met `/wijkteam leider @collega`."
    )


def _beheerders(beheerders: list[str]) -> str:
    return ", ".join(mention(user_id) for user_id in beheerders)


def build_only_beheerders_link(beheerders: list[str]) -> Reply:
    """Linking is reserved for the municipality's functioneel beheerders."""
    return _reply(
        "In deze gemeente koppelen de functioneel beheerders een kanaal aan een wijkteam. "
        f"Vraag het aan {_beheerders(beheerders)}; zij maken daarna ook de eerste teamleider."
    )


def build_only_beheerders_appoint(team: Team, beheerders: list[str]) -> Reply:
    """A team without teamleider: only a functioneel beheerder may appoint one."""
    return _reply(
        f"{_team(team)} heeft geen teamleider. In deze gemeente wijst een functioneel beheerder "
        f"de eerste teamleider aan: vraag het aan {_beheerders(beheerders)}."
    )


def build_team_without_leader(team: Team, beheerders: list[str]) -> str:
    """Told in the team's channel when its last teamleider had their data erased."""
    how = (
        f"Een functioneel beheerder ({_beheerders(beheerders)}) maakt iemand teamleider met "
        "`/wijkteam leider @collega` in dit kanaal."
        if beheerders
        else "Iedereen in dit kanaal kan iemand teamleider maken met `/wijkteam leider @collega`."
    )
    return (
        f"{_team(team)} heeft geen teamleider meer: de laatste teamleider heeft zijn of haar "
        "gegevens laten wissen. De reflectievragen komen gewoon, maar niemand krijgt de "
        f"weekspiegel of kan het team instellen tot er een nieuwe teamleider is. {how}"
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


def format_moment(moment: datetime, timezone: ZoneInfo) -> str:
    """'dinsdag 24 november om 09:00' in the team's timezone."""
    local = moment.astimezone(timezone)
    return (
        f"{WEEKDAYS[local.weekday()]} {local.day} {DUTCH_MONTHS[local.month - 1]} "
        f"om {local.hour:02d}:{local.minute:02d}"
    )


def team_schedule(team: Team) -> Schedule:
    """The team's weekly prompt moment."""
    return Schedule(team.prompt_weekday, team.prompt_minute, team.skip_holidays)


def theme_list(team: Team) -> str:
    """'leercultuur, casuïstiek en doorverwijzing'."""
    labels = [THEME_LABELS.get(theme, theme) for theme in team.themes.split(",") if theme]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " en " + labels[-1]


def next_prompt_line(team: Team, timezone: ZoneInfo, now: datetime) -> str:
    """When the next prompt comes, or that the team is paused."""
    if team.paused:
        return "De reflectievragen staan op pauze. Zet ze weer aan met `/wijkteam hervat`."
    upcoming = next_occurrence(team_schedule(team), now, timezone)
    moved = (
        " (verschoven vanwege een feestdag)" if upcoming.slot_date != upcoming.nominal_date else ""
    )
    return f"De volgende reflectievraag komt op {format_moment(upcoming.due_at, timezone)}{moved}."


def build_status(team: Team, leaders: list[str], timezone: ZoneInfo, *, now: datetime) -> Reply:
    """The team's settings as the teamleider sees them."""
    since = format_date(team.created_at, timezone)
    who = ", ".join(mention(leader) for leader in leaders) or "nog niemand"
    lines = [
        f"{_team(team)}",
        f"• Gekoppeld aan dit kanaal sinds {since}",
        f"• Teamleiders: {who}",
        f"• Reflectievraag: elke {team_schedule(team)}" + (" (op pauze)" if team.paused else ""),
        f"• Thema's: {theme_list(team)}",
        "• Feestdagen: "
        + (
            "vraag schuift door naar de volgende werkdag"
            if team.skip_holidays
            else "vraag komt gewoon"
        ),
        "• Herinnering: " + ("aan, twee werkdagen later" if team.reminder_enabled else "uit"),
    ]
    lines.append(f"• Weekspiegel: {digest_line(team, timezone, now)}")
    if team.attention_reason:
        lines.append(f"• ⚠️ Aandacht nodig: {attention_reason_text(team.attention_reason)}.")
    lines.append(next_prompt_line(team, timezone, now))
    text = "\n".join(lines)
    return Reply(text=text, blocks=[section(text)])


def digest_line(team: Team, timezone: ZoneInfo, now: datetime) -> str:
    """When the teamleiders get the next weekspiegel."""
    upcoming = digest_moment(team, covered_week(team, now, timezone).shifted(1), timezone)
    minute = team.digest_minute
    return (
        f"elke {WEEKDAYS[team.digest_weekday]} {minute // 60:02d}:{minute % 60:02d} naar de "
        f"teamleiders; de volgende komt op {format_moment(upcoming, timezone)}"
    )


def build_digest_schedule_changed(team: Team, timezone: ZoneInfo, *, now: datetime) -> Reply:
    """The new weekspiegel moment."""
    return _reply(f"Gelukt. Weekspiegel van {_team(team)}: {digest_line(team, timezone, now)}.")


def build_digest_only_leaders(team: Team | None) -> Reply:
    """A member asked for the weekspiegel."""
    of = f" van {_team(team)}" if team else ""
    return _reply(
        f"De weekspiegel{of} gaat naar teamleiders: zij zien elke week wat er in het team "
        "terugkomt, zonder namen. Wil je er zelf aan bijdragen? Beantwoord de reflectievraag, "
        "of gebruik `/casus` en `/knelpunt`."
    )


def build_problem(message: str) -> Reply:
    """A plain explanation of what to type instead."""
    return _reply(escape(message))


def build_schedule_changed(team: Team, timezone: ZoneInfo, *, now: datetime) -> Reply:
    """The new schedule, effective at once."""
    return _reply(
        f"Gelukt: {_team(team)} krijgt de reflectievraag voortaan elke {team_schedule(team)}. "
        + next_prompt_line(team, timezone, now)
    )


def build_paused(team: Team, timezone: ZoneInfo, *, now: datetime) -> Reply:
    """Paused or resumed."""
    if team.paused:
        return _reply(
            f"De reflectievragen van {_team(team)} staan op pauze. "
            "Antwoorden op eerdere vragen blijven welkom. Zet ze weer aan met `/wijkteam hervat`."
        )
    return _reply(
        f"De reflectievragen van {_team(team)} staan weer aan. "
        + next_prompt_line(team, timezone, now)
    )


def build_themes_help(team: Team) -> Reply:
    """How to choose themes."""
    return _reply(
        f"{_team(team)} krijgt nu: {theme_list(team)}. Kies uit *leercultuur*, *casuïstiek* en "
        "*doorverwijzing*, bijvoorbeeld `/wijkteam themas leercultuur doorverwijzing`, "
        "of `/wijkteam themas alle`."
    )


def build_themes_changed(team: Team) -> Reply:
    """The new theme selection."""
    return _reply(
        f"Gelukt: {_team(team)} krijgt voortaan vragen over {theme_list(team)}, om en om."
    )


def build_on_off_help(action: str) -> Reply:
    """herinnering/feestdagen without aan or uit."""
    return _reply(f"Typ `/wijkteam {action} aan` of `/wijkteam {action} uit`.")


def build_on_off_changed(action: str, value: bool) -> Reply:
    """The reminder or holiday setting changed."""
    if action == "herinnering":
        text = (
            "De herinnering staat aan: twee werkdagen na elke vraag komt er één bericht in de "
            "thread, zonder namen."
            if value
            else "De herinnering staat uit."
        )
    else:
        text = (
            "Valt de vraag op een feestdag, dan komt hij de volgende werkdag."
            if value
            else "De vraag komt voortaan ook op feestdagen."
        )
    return _reply(f"Gelukt. {text}")


def _confirm(title: str, text: str, yes: str) -> dict[str, Any]:
    return {
        "title": plain(title),
        "text": plain(text),
        "confirm": plain(yes),
        "deny": plain("Toch niet"),
        "style": "danger",
    }


def build_not_a_leader(team: Team, user_id: str) -> Reply:
    """`leider weg` for someone who is no teamleider."""
    return _reply(f"{mention(user_id)} is geen teamleider van {_team(team)}.")


def build_last_leader(team: Team) -> Reply:
    """The last teamleider cannot leave: someone must receive the weekspiegel."""
    return _reply(
        f"{_team(team)} heeft maar één teamleider. Maak eerst iemand anders teamleider met "
        "`/wijkteam leider @collega`, of koppel het team los met `/wijkteam ontkoppel`."
    )


def build_leader_remove_confirmation(team: Team, user_id: str) -> Reply:
    """Ask before removing a teamleider."""
    text = f"{mention(user_id)} is dan geen teamleider van {_team(team)} meer."
    button = {
        "type": "button",
        "action_id": ids.LEADER_REMOVE_ACTION,
        "text": plain("Geen teamleider meer"),
        "style": "danger",
        "value": f"{team.id}|{user_id}",
        "confirm": _confirm(
            "Teamleider weghalen?", "Diegene krijgt geen weekspiegel meer.", "Weghalen"
        ),
    }
    return Reply(text=text, blocks=[section(text), {"type": "actions", "elements": [button]}])


def build_leader_removed(team: Team, user_id: str) -> Reply:
    """Done."""
    return _reply(f"{mention(user_id)} is geen teamleider van {_team(team)} meer.")


def build_unlink_confirmation(team: Team) -> Reply:
    """Ask how to unlink: keep the data (for the municipality's export) or erase it."""
    text = (
        f"{_team(team)} loskoppelen van dit kanaal? Er komen dan geen reflectievragen en "
        "weekspiegels meer. Kies wat er met de gegevens gebeurt."
    )
    keep = {
        "type": "button",
        "action_id": ids.UNLINK_KEEP_ACTION,
        "text": plain("Loskoppelen, gegevens bewaren"),
        "value": str(team.id),
        "confirm": _confirm(
            "Loskoppelen?",
            "De antwoorden, casussen en signalen blijven bewaard (tot de bewaartermijn) en "
            "kunnen nog worden geëxporteerd.",
            "Loskoppelen",
        ),
    }
    erase = {
        "type": "button",
        "action_id": ids.UNLINK_ERASE_ACTION,
        "text": plain("Loskoppelen en alles wissen"),
        "style": "danger",
        "value": str(team.id),
        "confirm": _confirm(
            "Alles van dit team wissen?",
            "Alle antwoorden, casussen, signalen en weekspiegels van het team worden gewist. "
            "Dit kan niet terug.",
            "Wissen",
        ),
    }
    return Reply(text=text, blocks=[section(text), {"type": "actions", "elements": [keep, erase]}])


def build_unlinked(name: str, *, keep_data: bool) -> Reply:
    """Done."""
    kept = (
        "De gegevens zijn bewaard voor export."
        if keep_data
        else "Alle gegevens van het team zijn gewist."
    )
    return _reply(
        f"*{escape(name)}* is losgekoppeld. {kept} Opnieuw beginnen kan met "
        "`/wijkteam koppel Naam van het team`."
    )


def build_only_leaders_may(what: str) -> Reply:
    """A button from a confirmation was clicked by someone who may not."""
    return _reply(f"Alleen een teamleider van dit team kan {what}.")
