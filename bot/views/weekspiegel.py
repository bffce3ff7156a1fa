"""The weekspiegel as Block Kit (the teamleider's DM) and as plain text (terminal, demo).

Both renderings come from the same parts, so what the terminal prints is what Slack shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot import ids
from bot.trend import trend_rule
from bot.views.inputs import plain
from bot.views.mrkdwn import MAX_MESSAGE_BLOCKS, clip, context, escape, plural, section
from bot.views.wijkteam import DUTCH_MONTHS
from bot.weekspiegel import (
    CHANGE_RULE,
    FADING_RULE,
    RECURRENCE_RULE,
    KnelpuntTrend,
    Weekspiegel,
    sparkline,
)
from bot.weekspiegel_cases import CaseSummary

_SOURCE_LABELS = {"antwoord": "antwoorden", "casus": "casussen", "signaal": "signalen"}


def _day(day: date, *, year: bool = True) -> str:
    text = f"{day.day} {DUTCH_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def title(ws: Weekspiegel) -> str:
    """'Weekspiegel Wijkteam Noord — week 47'."""
    return f"Weekspiegel {ws.team_name} — week {ws.week.week}"


def period(ws: Weekspiegel) -> str:
    """The days the weekspiegel covers, in Dutch."""
    monday = ws.week.monday()
    sunday = monday + timedelta(days=6)
    if ws.partial_until is not None:
        return f"Voorproef: week {ws.week.week} tot nu toe (vanaf maandag {_day(monday)})"
    return f"{_day(monday, year=False)} – {_day(sunday)}"


@dataclass(frozen=True)
class Part:
    """A titled part of the weekspiegel: mrkdwn paragraphs, and an optional agenda button."""

    heading: str
    paragraphs: tuple[str, ...]
    button_value: str | None = None
    # per paragraph: "team_id|knelpunt_id" for a "Signaleer bij de gemeente" button beside it
    signal_values: tuple[str | None, ...] = ()


SIGNAL_BUTTON = "Signaleer bij de gemeente"


def signal_button(value: str) -> dict[str, Any]:
    """The button beside a recurring knelpunt that opens the signal modal ("team|knelpunt")."""
    return {
        "type": "button",
        "action_id": ids.GEMEENTE_SIGNAL_ACTION,
        "text": plain(SIGNAL_BUTTON),
        "value": value,
    }


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def _trend_line(trend: KnelpuntTrend) -> str:
    sources = [_SOURCE_LABELS[s] for s in trend.sources]
    streak = (
        f"{trend.weeks_in_a_row} weken op rij"
        if trend.weeks_in_a_row > 1
        else f"{trend.weeks_of_last_six} van de laatste 6 weken"
    )
    return (
        f"*{escape(trend.label)}* — {trend.count} mensen deze week"
        + (f", in {_and(sources)}" if sources else "")
        + f" · {streak} · _{trend.trend}_\n`{sparkline(trend.weekly)}`  8 weken"
    )


def _percent_change(now: int, before: int | None) -> str:
    if before is None:
        return ""
    change = now - before
    word = "gelijk" if change == 0 else f"{change:+d} procentpunt"
    return f" (vorige 4 weken: {before}%, {word})"


def _count(count: int | None, one: str, many: str, min_group_size: int) -> str:
    if count is None:
        return f"minder dan {min_group_size} {many}"
    return plural(count, one, many)


def _case_parts(cases: CaseSummary, min_group_size: int) -> list[Part]:
    if not cases.breakdown:
        few = (
            "Geen casussen vastgelegd deze week."
            if cases.cases == 0
            else f"Minder dan {min_group_size} casussen deze week: geen verdeling, zodat geen "
            "casus herkenbaar wordt."
        )
        return [Part("2. Hoe vragen binnenkomen", (few,)), Part("3. Wat we ermee doen", (few,))]
    if cases.proactive_percent is None:
        intake = (
            f"Van de {cases.cases} casussen kwamen er te weinig pro-actief uit de wijk, of juist "
            f"te weinig niet, om een aandeel te tonen (elk deel moet minstens {min_group_size} "
            "casussen zijn)."
        )
    else:
        intake = (
            f"*{cases.proactive_percent}%* van de {cases.cases} casussen kwam pro-actief uit de "
            f"wijk{_percent_change(cases.proactive_percent, cases.proactive_before)}; de rest via "
            "een hulpvraag, een melding of anders."
        )
    shown = [f"{escape(s.label)} {s.percent}%" for s in cases.decisions]
    if cases.decisions_hidden:
        shown.append(f"andere besluiten: elk minder dan {min_group_size} casussen")
    doing = [" · ".join(shown)]
    if cases.destinations:
        doing.append(
            "Vaakst doorverwezen naar: "
            + ", ".join(f"{escape(s.label)} ({s.count})" for s in cases.destinations)
        )
    if cases.reasons:
        doing.append(
            "Vaakste redenen: " + ", ".join(f"{escape(s.label)} ({s.count})" for s in cases.reasons)
        )
        if cases.reasons[0].label.lower().startswith("expertise"):
            doing.append("_Expertise ontbreekt_ staat bovenaan: mist het team een specialisme?")
    return [
        Part("2. Hoe vragen binnenkomen", (intake,)),
        Part("3. Wat we ermee doen", ("\n".join(doing),)),
    ]


def parts(ws: Weekspiegel) -> list[Part]:
    """The six parts of a weekspiegel with something in it."""
    recurring = [_trend_line(trend) for trend in ws.recurring] or [
        "Deze week kwam geen knelpunt terug volgens de regel onderaan."
    ]
    if ws.fading:
        recurring.append(
            f"_Minder gehoord_ ({FADING_RULE}): "
            + ", ".join(f"{escape(t.label)} `{sparkline(t.weekly)}`" for t in ws.fading)
        )
    p, floor = ws.participation, ws.min_group_size
    people = f" · {p.people} mensen" if p.people is not None else ""
    participation = (
        f"{plural(p.prompts_posted, 'reflectievraag', 'reflectievragen')} geplaatst · "
        f"{_count(p.answers, 'antwoord', 'antwoorden', floor)} · "
        f"{_count(p.cases, 'casus', 'casussen', floor)} · "
        f"{_count(p.signals, 'knelpuntsignaal', 'knelpuntsignalen', floor)}{people}"
    )
    quotes = [f"> _{escape(quote)}_" for quote in ws.quotes] or [
        "Niemand gaf deze week een antwoord vrij om te citeren."
    ]
    if ws.agenda is None:
        agenda = Part("6. Voor het teamoverleg", ("Geen knelpunt om op de agenda te zetten.",))
    else:
        agenda = Part(
            "6. Voor het teamoverleg",
            (
                f"Bovenaan staat *{escape(ws.agenda.label)}*. Een vraag om samen te bespreken:\n"
                f"*{escape(ws.agenda.question)}*",
            ),
            button_value=f"{ws.team_id}|{ws.agenda.prompt_id}",
        )
    signals = tuple(f"{ws.team_id}|{trend.knelpunt_id}" for trend in ws.recurring)
    return [
        Part("1. Terugkerende knelpunten", tuple(recurring), signal_values=signals),
        *_case_parts(ws.cases, ws.min_group_size),
        Part("4. Deelname", (participation,)),
        Part("5. Stemmen uit het team", tuple(quotes)),
        agenda,
    ]


PREVIEW_RULE = (
    "Voorproef: dit telt wat er deze week tot nu toe binnenkwam, behalve de anonieme antwoorden: "
    "die tellen pas mee als de week om is, zodat niemand kan zien wanneer een anoniem antwoord "
    "kwam of waarover het ging."
)


def footer(ws: Weekspiegel) -> str:
    """The rules the weekspiegel follows, so a teamleider can weigh it."""
    preview = f"{PREVIEW_RULE} " if ws.partial_until is not None else ""
    return (
        f"{preview}{RECURRENCE_RULE} {trend_rule('week', 'weken')} Een knelpunt telt het aantal "
        f"verschillende mensen dat het noemde (vaker noemen telt niet zwaarder) en staat er pas "
        f"vanaf {ws.min_group_size} mensen in een week; ook andere aantallen mensen, antwoorden, "
        f"casussen en signalen, en verdelingen van casussen staan er pas vanaf "
        f"{ws.min_group_size}. {CHANGE_RULE} Anonieme antwoorden "
        "tellen mee maar worden nooit geciteerd; citaten komen alleen uit antwoorden die de "
        "schrijver daarvoor vrijgaf."
    )


def quiet_text(ws: Weekspiegel) -> str:
    """The short, kind message for a week in which nothing came in."""
    return (
        f"Het was een stille week voor {escape(ws.team_name)}: geen antwoorden, casussen of "
        "knelpuntsignalen. Dat mag. Misschien is het teamoverleg een goed moment om samen terug "
        "te kijken; met `/reflectie nu` zet je er meteen een vraag voor klaar."
    )


def build_weekspiegel(ws: Weekspiegel) -> tuple[str, list[dict[str, Any]]]:
    """(notification text, blocks) of the weekspiegel DM; the text is mrkdwn, so escaped."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": plain(title(ws)[:150])},
        context(escape(period(ws))),
    ]
    if ws.quiet:
        blocks.append(section(quiet_text(ws)))
        return escape(title(ws)), blocks
    for part in parts(ws):
        blocks.append({"type": "divider"})
        blocks.append(section(f"*{part.heading}*"))
        for index, paragraph in enumerate(part.paragraphs):
            block = section(clip(paragraph))
            value = part.signal_values[index] if index < len(part.signal_values) else None
            if value:
                block["accessory"] = signal_button(value)
            blocks.append(block)
        if part.button_value:
            blocks.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": ids.AGENDA_ACTION,
                            "text": plain("Zet op de agenda"),
                            "style": "primary",
                            "value": part.button_value,
                        }
                    ],
                }
            )
    blocks = blocks[: MAX_MESSAGE_BLOCKS - 1]
    blocks.append(context(footer(ws)))
    return escape(title(ws)), blocks


_MARKUP = re.compile(r"(?<!\w)[*_`](?=\S)|(?<=\S)[*_`](?!\w)")


def _plain(mrkdwn: str) -> str:
    return html.unescape(_MARKUP.sub("", mrkdwn))


def render_text(ws: Weekspiegel) -> str:
    """A readable plain-text weekspiegel for the terminal."""
    lines = [title(ws), period(ws), ""]
    if ws.quiet:
        return "\n".join([*lines, _plain(quiet_text(ws)), ""])
    for part in parts(ws):
        lines.append(part.heading)
        for index, paragraph in enumerate(part.paragraphs):
            lines += ["  " + line for line in _plain(paragraph).splitlines()]
            if index < len(part.signal_values) and part.signal_values[index]:
                lines.append(f"  [{SIGNAL_BUTTON}]")
        if part.button_value:
            lines.append("  [Zet op de agenda]")
        lines.append("")
    lines.append(_plain(footer(ws)))
    return "\n".join(lines) + "\n"
