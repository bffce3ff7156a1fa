"""The signalenrapport as Block Kit (the beleidsadviseur's DM) and as plain text (terminal).

Both come from the same parts, built from one `Rapport`; the HTML page and the CSV files
(bot/rapport_html.py) render the same `Rapport` through bot/rapport_tables.py.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from bot.rapport import HANDLING, HANDLING_LABELS, MIN_RECURRING_WEEKS, Rapport, SignalItem
from bot.trend import trend_rule
from bot.views.inputs import plain
from bot.views.mrkdwn import MAX_MESSAGE_BLOCKS, clip, context, escape, plural, section
from bot.weekspiegel import sparkline

MAX_SIGNAL_GROUPS = 20
DASH = "–"
_MARKUP = re.compile(r"(?<!\w)[*_`](?=\S)|(?<=\S)[*_`](?!\w)")


def plain_text(mrkdwn: str) -> str:
    """mrkdwn without its markup and entities, for the terminal and the HTML page."""
    return html.unescape(_MARKUP.sub("", mrkdwn))


def title(rapport: Rapport) -> str:
    """'Signalenrapport november 2026'."""
    return f"Signalenrapport {rapport.month.label()}"


def period(rapport: Rapport) -> str:
    """What the rapport covers."""
    sharing = plural(rapport.sharing_teams, "team deelt", "teams delen")
    if rapport.partial_until is not None:
        return f"Voorlopig: {rapport.month.label()} tot nu toe · {sharing} de maandcijfers"
    return f"{rapport.month.label()} · {sharing} de maandcijfers"


def figure(value: int | None, rapport: Rapport, unit: str) -> str:
    """'14×' or 'minder dan 3×': a team's count through the floor."""
    if value is None:
        return f"minder dan {rapport.floors.min_group_size}{unit}"
    return f"{value}{unit}"


@dataclass(frozen=True)
class Part:
    """A titled part of the rapport: mrkdwn paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


def signal_line(item: SignalItem, rapport: Rapport) -> str:
    """One team's signal: its figures over eight weeks and its note."""
    figures = [
        f"in {item.weeks_raised} van de 8 weken genoemd",
        figure(item.mentions, rapport, "× in totaal"),
        "door " + figure(item.people, rapport, " mensen"),
        "in " + figure(item.cases, rapport, " casussen"),
    ]
    note = f"\n    Toelichting van de teamleider: {escape(item.note)}" if item.note else ""
    day = f"{item.day.day}-{item.day.month}"
    return f"• *{escape(item.team_name)}* ({day}): " + " · ".join(figures) + note


def _signals(rapport: Rapport) -> Part:
    if not rapport.signals:
        return Part(
            "1. Signalen van teamleiders",
            ("Deze maand stuurde geen teamleider een signaal naar de gemeente.",),
        )
    paragraphs = []
    for group in rapport.signals[:MAX_SIGNAL_GROUPS]:
        head = (
            f"*{escape(group.label)}* — {plural(len(group.items), 'signaal', 'signalen')} uit "
            f"{plural(group.teams, 'team', 'teams')}"
        )
        paragraphs.append("\n".join([head, *(signal_line(i, rapport) for i in group.items)]))
    if len(rapport.signals) > MAX_SIGNAL_GROUPS:
        more = len(rapport.signals) - MAX_SIGNAL_GROUPS
        paragraphs.append(f"En {plural(more, 'knelpunt', 'knelpunten')} meer: zie de HTML-pagina.")
    return Part("1. Signalen van teamleiders", tuple(paragraphs))


def _not_enough_teams(rapport: Rapport) -> str | None:
    if rapport.sharing_teams == 0:
        return (
            "Nog geen team deelt zijn maandcijfers. Een teamleider zet dat aan met "
            "`/wijkteam delen` in het teamkanaal; standaard staat het uit."
        )
    if not rapport.cross_team:
        return (
            f"{plural(rapport.sharing_teams, 'team deelt', 'teams delen')} de maandcijfers. "
            f"Cijfers over teams heen komen er pas vanaf {rapport.floors.min_teams} teams."
        )
    return None


def _recurring(rapport: Rapport) -> Part:
    heading = "2. Knelpunten in meerdere teams"
    missing = _not_enough_teams(rapport)
    if missing:
        return Part(heading, (missing,))
    if not rapport.recurring:
        return Part(heading, (
            f"Geen knelpunt kwam deze maand in minstens {rapport.floors.min_teams} teams terug.",
        ))  # fmt: skip
    lines = []
    for knelpunt in rapport.recurring:
        months = " · ".join(
            f"{m.short().split()[0]} {DASH if n is None else n}"
            for m, n in zip(rapport.months, knelpunt.teams, strict=True)
        )
        line = "".join(
            "·" if n is None else bar
            for n, bar in zip(knelpunt.teams, sparkline([n or 0 for n in knelpunt.teams]),
                              strict=True)
        )  # fmt: skip
        lines.append(
            f"*{escape(knelpunt.label)}* — in {knelpunt.teams[-1]} teams, "
            f"{knelpunt.mentions}× genoemd · _{knelpunt.trend}_\n`{line}`  {months}"
        )
    return Part(heading, ("\n".join(lines),))


def _split_text(percents: tuple[int, ...]) -> str:
    return " · ".join(
        f"{HANDLING_LABELS[key]} {value}%" for key, value in zip(HANDLING, percents, strict=True)
    )


def _domains(rapport: Rapport) -> Part:
    heading = "3. Zelf, samen of doorverwijzen — per leefgebied"
    missing = _not_enough_teams(rapport)
    if missing:
        return Part(heading, (missing,))
    paragraphs = []
    lines = []
    for row in rapport.domains:
        referred = ", ".join(
            f"{label.split(' (')[0]} {n}"
            for label, n in zip(rapport.line_labels, row.lines, strict=True)
            if n
        )
        lines.append(
            f"*{escape(row.label)}* ({row.split.cases} casussen): "
            + _split_text(row.split.percents())
            + (f"\n    bestemmingen: {referred}" if referred else "")
            + (f" · vaakste reden: {escape(row.top_reason)}" if row.top_reason else "")
        )
    paragraphs.append("\n".join(lines) or "Te weinig casussen uit genoeg teams per leefgebied.")
    if rapport.hidden_domains:
        paragraphs.append(
            f"_{plural(rapport.hidden_domains, 'leefgebied', 'leefgebieden')} met te weinig "
            "casussen of teams staan er niet bij._"
        )
    by_line = [
        f"{escape(label)}: {DASH if choice is None else choice.count}"
        for label, choice in zip(rapport.line_labels, rapport.lines, strict=True)
    ]
    paragraphs.append("*Doorverwijzingen per lijn:* " + " · ".join(by_line))
    if rapport.reasons:
        paragraphs.append(
            "*Redenen om door te verwijzen:* "
            + ", ".join(f"{escape(c.label)} ({c.count})" for c in rapport.reasons)
        )
    return Part(heading, tuple(paragraphs))


def _intake(rapport: Rapport) -> Part:
    heading = "4. Reactief of pro-actief"
    missing = _not_enough_teams(rapport)
    if missing:
        return Part(heading, (missing,))
    now = rapport.intake[-1]
    percents = now.percents()
    if percents is None:
        first = "Deze maand te weinig casussen uit genoeg teams om te verdelen."
    else:
        first = (
            f"Van de {now.cases} casussen kwam *{percents[0]}%* pro-actief uit de wijk, "
            f"{percents[1]}% op een hulpvraag, {percents[2]}% na een melding en {percents[3]}% "
            "anders (kernopgave 1: een preventieve aanpak)."
        )
    history = " · ".join(
        f"{m.month.short().split()[0]} {_first_percent(m.percents())}" for m in rapport.intake
    )
    return Part(heading, (first, f"Pro-actief per maand: {history}"))


def _first_percent(percents: tuple[int, ...] | None) -> str:
    return DASH if percents is None else f"{percents[0]}%"


def _teams(rapport: Rapport) -> Part:
    heading = "5. Per team"
    if not rapport.teams:
        return Part(heading, ("Nog geen team deelt zijn maandcijfers.",))
    lines = []
    for team in rapport.teams:
        if team.split is None or team.cases is None:
            lines.append(
                f"• *{escape(team.name)}*: minder dan {rapport.floors.min_group_size} casussen"
            )
            continue
        lines.append(
            f"• *{escape(team.name)}*: {team.cases} casussen · {team.proactive_percent}% "
            f"pro-actief · {_split_text(team.split.percents())}"
        )
    return Part(heading, ("\n".join(lines),))


def parts(rapport: Rapport) -> list[Part]:
    """The five parts of the rapport."""
    return [_signals(rapport), _recurring(rapport), _domains(rapport), _intake(rapport),
            _teams(rapport)]  # fmt: skip


def footer(rapport: Rapport) -> str:
    """The rules the rapport follows."""
    return (
        "Alleen wat teams zelf kozen: signalen die een teamleider stuurde, en de maandcijfers "
        "van teams die delen aanzetten. "
        + rapport.floors.rule()
        + f" Een knelpunt komt terug in een team als het in minstens {MIN_RECURRING_WEEKS} "
        "verschillende weken van de maand genoemd is. " + trend_rule("maand", "maanden")
    )


def build_rapport_message(rapport: Rapport) -> tuple[str, list[dict[str, Any]]]:
    """(notification text, blocks) of the rapport DM."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": plain(title(rapport))},
        context(escape(period(rapport))),
    ]
    for part in parts(rapport):
        blocks += [{"type": "divider"}, section(f"*{part.heading}*")]
        blocks += [section(clip(p)) for p in part.paragraphs]
    blocks = blocks[: MAX_MESSAGE_BLOCKS - 2]
    blocks.append(context(clip(footer(rapport))))
    blocks.append(
        context("Grafieken en de hele rapportage als HTML-pagina (printbaar) staan hieronder.")
    )
    return escape(title(rapport)), blocks


def render_rapport_text(rapport: Rapport) -> str:
    """The rapport as plain text for the terminal."""
    lines = [title(rapport), period(rapport), ""]
    for part in parts(rapport):
        lines.append(part.heading)
        for paragraph in part.paragraphs:
            lines += ["  " + line for line in plain_text(paragraph).splitlines()]
        lines.append("")
    lines.append(plain_text(footer(rapport)))
    return "\n".join(lines) + "\n"
