"""What the teamleider and the beleidsadviseur see around the signalenrapport. Pure builders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import ids
from bot.gemeente import SharingPreview
from bot.gemeente_signal import KnelpuntFigures
from bot.rapport import HANDLING, HANDLING_LABELS, Floors, Month
from bot.views.inputs import encode_metadata, plain, text_input
from bot.views.mrkdwn import Reply, context, escape, plural, section
from bot.views.weekspiegel import SIGNAL_BUTTON
from bot.weekspiegel import sparkline
from storage.models import GEMEENTE_NOTE_LENGTH

WHAT_THE_GEMEENTE_SEES = (
    "De beleidsadviseurs van de gemeente zien het knelpunt, de naam van je team, de cijfers "
    "hieronder en je toelichting, in het signalenrapport van deze maand. Niet wie het stuurt, "
    "geen citaten, geen teksten van je team."
)


def _reply(text: str) -> Reply:
    return Reply(text=text, blocks=[section(text)])


def figures_text(figures: KnelpuntFigures, floors: Floors) -> str:
    """The team's figures for a knelpunt, with 'minder dan N' below the floor."""

    def shown(value: int | None, unit: str) -> str:
        return f"minder dan {floors.min_group_size}{unit}" if value is None else f"{value}{unit}"

    return (
        f"*{escape(figures.label)}*\n`{sparkline(figures.weekly)}`  laatste 8 weken: in "
        f"{figures.weeks_raised} weken genoemd · {shown(figures.mentions, '×')} in totaal · "
        f"door {shown(figures.people, ' mensen')} · in {shown(figures.cases, ' casussen')}"
    )


def build_signal_modal(
    team_id: int, team_name: str, figures: KnelpuntFigures, floors: Floors
) -> dict[str, Any]:
    """The small modal: the knelpunt, the team's figures, and a note in the teamleider's words."""
    return {
        "type": "modal",
        "callback_id": ids.GEMEENTE_SIGNAL_CALLBACK,
        "title": plain("Naar de gemeente"),
        "submit": plain("Versturen"),
        "close": plain("Annuleren"),
        "private_metadata": encode_metadata({"team": team_id, "knelpunt": figures.knelpunt_id}),
        "blocks": [
            section(f"Signaal van *{escape(team_name)}* aan de gemeente."),
            section(figures_text(figures, floors)),
            text_input(
                ids.GEMEENTE_NOTE_BLOCK,
                "Wat moet de gemeente weten?",
                max_length=GEMEENTE_NOTE_LENGTH,
                hint="In je eigen woorden, zonder namen of andere gegevens van cliënten of "
                "collega's.",
                placeholder="Bijvoorbeeld: de wachttijd bij de GGZ is opgelopen tot …",
            ),
            context(WHAT_THE_GEMEENTE_SEES),
        ],
    }


def build_signal_sent(label: str, month: Month) -> dict[str, Any]:
    """The modal after sending: what happens now."""
    return {
        "type": "modal",
        "title": plain("Verstuurd"),
        "close": plain("Sluiten"),
        "blocks": [
            section(
                f"*{escape(label)}* staat in het signalenrapport van {month.label()}. De "
                "beleidsadviseurs krijgen dat op de eerste werkdag van de volgende maand, en "
                "kunnen het eerder opvragen."
            )
        ],
    }


def build_signal_refused(text: str) -> dict[str, Any]:
    """A modal saying why no signal can be sent (not a teamleider, knelpunt unknown)."""
    return {
        "type": "modal",
        "title": plain("Naar de gemeente"),
        "close": plain("Sluiten"),
        "blocks": [section(escape(text))],
    }


def _percent_line(preview: SharingPreview) -> str:
    team = preview.contribution
    if not preview.team_figures_shown:
        return (
            f"minder dan {preview.floors.min_group_size} casussen in {preview.month.label()}: "
            "dan staan er geen cijfers van je team apart in, alleen de naam"
        )
    proactive = round(100 * team.intake["proactief"] / team.cases)
    split = " · ".join(
        f"{HANDLING_LABELS[key]} {value}%"
        for key, value in zip(HANDLING, team.split.percents(), strict=True)
    )
    return f"{team.cases} casussen · {proactive}% pro-actief · {split}"


def build_sharing_preview(preview: SharingPreview, labels: Mapping[str, str]) -> Reply:
    """Exactly what the team would share, with the button to switch it on (or off)."""
    team = preview.contribution
    recurring = ", ".join(sorted(labels.get(k, k) for k in team.recurring)) or "geen"
    lines = [
        f"*Wat de gemeente van {escape(preview.team_name)} krijgt als je de maandcijfers deelt* "
        f"(zo zou het eruitzien voor {preview.month.label()}):",
        f"• *Met de naam van je team*, in het overzicht per team: {_percent_line(preview)}.",
        "• *Alleen opgeteld bij minstens twee andere teams*, nooit apart: per leefgebied hoe "
        f"vaak zelf, samen of doorverwezen ({plural(team.cases, 'casus', 'casussen')} in "
        f"{plural(len(team.domains), 'leefgebied', 'leefgebieden')}), waarheen en waarom "
        f"({plural(sum(team.destinations.values()), 'bestemming', 'bestemmingen')}, "
        f"{plural(sum(team.reasons.values()), 'reden', 'redenen')}), hoe casussen "
        f"binnenkwamen, en welke knelpunten terugkwamen (nu: {escape(recurring)}).",
        "• De cijfers van de vijf maanden ervoor tellen mee in de trends.",
        "• *Nooit*: teksten van antwoorden, casussen of signalen, citaten, namen, of wie wat "
        "schreef. Een signaal over één knelpunt stuur je los, met de knop onder je weekspiegel.",
    ]
    text = "\n".join(lines)
    if preview.sharing:
        state = "Je team deelt de maandcijfers nu. Stoppen kan altijd; het geldt meteen."
        button = {
            "type": "button",
            "action_id": ids.SHARE_OFF_ACTION,
            "text": plain("Stoppen met delen"),
            "style": "danger",
            "value": str(preview.team_id),
        }
    else:
        state = "Delen staat uit (zo staat het standaard). Zet je het aan, dan geldt het meteen."
        button = {
            "type": "button",
            "action_id": ids.SHARE_ON_ACTION,
            "text": plain("Maandcijfers delen"),
            "style": "primary",
            "value": str(preview.team_id),
            "confirm": {
                "title": plain("Maandcijfers delen?"),
                "text": plain(
                    "De gemeente ziet vanaf nu de cijfers hierboven in het maandelijkse "
                    "signalenrapport. Stoppen kan altijd met /wijkteam delen uit."
                ),
                "confirm": plain("Delen"),
                "deny": plain("Toch niet"),
            },
        }
    return Reply(
        text=text,
        blocks=[section(text), context(state), {"type": "actions", "elements": [button]}],
    )


def build_sharing_changed(team_name: str, on: bool) -> Reply:
    """After switching."""
    if on:
        return _reply(
            f"*{escape(team_name)}* deelt voortaan de maandcijfers met de gemeente. Stoppen kan "
            "altijd met `/wijkteam delen uit`."
        )
    return _reply(
        f"*{escape(team_name)}* deelt geen maandcijfers meer met de gemeente. Signalen die je "
        "zelf stuurt, komen er nog wel in."
    )


def build_rapport_only_role() -> Reply:
    """Someone who is no beleidsadviseur asked for the rapport."""
    return _reply(
        "Het signalenrapport is voor de beleidsadviseurs van de gemeente. De functioneel "
        "beheerder wijst hen aan (instelling `BELEIDSADVISEURS`). Teamleiders zien de cijfers van "
        "hun eigen team in de weekspiegel, en met `/wijkteam delen` wat hun team deelt."
    )


def build_rapport_sent(month: Month, *, partial: bool) -> Reply:
    """After sending the rapport on request."""
    so_far = " (tot nu toe)" if partial else ""
    return _reply(
        f"Het signalenrapport van {month.label()}{so_far} staat in je privégesprek met "
        "Reflectiebot, met de grafieken en een HTML-pagina om te printen."
    )


def build_rapport_not_sent() -> Reply:
    """Slack did not take the rapport."""
    return _reply("Slack nam het rapport nu niet aan. Probeer het over een paar minuten opnieuw.")


def build_month_problem(message: str) -> Reply:
    """A month that cannot be read or lies ahead."""
    return _reply(f"{escape(message)} Typ bijvoorbeeld `/wijkteam rapport 2026-11`.")


def rapport_home_blocks(month: Month) -> list[dict[str, Any]]:
    """The Home tab section for beleidsadviseurs."""
    return [
        {"type": "divider"},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Signalenrapport voor de gemeente*\nJe krijgt het op de eerste werkdag "
                "van elke maand, over de maand ervoor: de signalen van teamleiders en de "
                "maandcijfers van de teams die delen. Ook op te vragen met `/wijkteam rapport`.",
            },
            "accessory": {
                "type": "button",
                "action_id": ids.RAPPORT_ACTION,
                "text": plain(f"Rapport {month.label()}"),
                "value": str(month),
            },
        },
    ]


def signal_home_blocks(team_id: int, options: list[tuple[str, str]]) -> dict[str, Any]:
    """A 'which knelpunt?' select on the Home tab that opens the signal modal."""
    return {
        "type": "actions",
        "elements": [
            {
                "type": "static_select",
                "action_id": ids.GEMEENTE_SIGNAL_SELECT,
                "placeholder": plain(f"{SIGNAL_BUTTON}…"),
                "options": [
                    {"text": plain(label[:75]), "value": f"{team_id}|{knelpunt_id}"}
                    for knelpunt_id, label in options[:100]
                ],
            }
        ],
    }


def build_only_leaders_share() -> Reply:
    """Someone who does not lead the team clicked a sharing button."""
    return _reply("Alleen een teamleider van dit team kan het delen van maandcijfers wijzigen.")


def build_sharing_already_off(team_name: str) -> Reply:
    """`/wijkteam delen uit` while it was off."""
    return _reply(
        f"*{escape(team_name)}* deelt geen maandcijfers met de gemeente (zo staat het "
        "standaard). Met `/wijkteam delen` zie je wat er gedeeld zou worden."
    )
