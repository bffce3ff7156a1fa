"""The App Home tab, and the confirmations of the data-rights commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import ids
from bot.home import HomeData
from bot.views.gemeente import rapport_home_blocks, signal_home_blocks
from bot.views.inputs import plain
from bot.views.mrkdwn import Reply, context, escape, plural, section

_KINDS = {"antwoord": "Antwoord", "casus": "Casus", "signaal": "Knelpuntsignaal"}
_PREVIEW = 90


def about(retention_days: int) -> str:
    """What Reflectiebot is and what it keeps, in plain Dutch."""
    return (
        "*Wat is Reflectiebot?* Een collega-bot die je wijkteam helpt om samen terug te kijken: "
        "elke week een reflectievraag in het teamkanaal, een snelle casuslog (`/casus`) en "
        "knelpunten in één zin (`/knelpunt`). Teamleiders krijgen een weekspiegel van wat er "
        "terugkomt, zonder namen.\n"
        "*Wat bewaart hij?* Je antwoorden, casussen en knelpuntsignalen, onder je Slack-id. Nooit "
        "namen of andere gegevens van cliënten: teksten met persoonsgegevens worden geweigerd. "
        "Anonieme antwoorden zijn aan niemand gekoppeld, ook niet in de database. Teksten worden "
        f"na {retention_days} dagen gewist; alleen de tellingen voor de weekspiegel blijven."
    )


def _erase_button() -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": ids.ERASE_ACTION,
        "text": plain("Mijn gegevens wissen"),
        "style": "danger",
        "value": "wissen",
        "confirm": {
            "title": plain("Alles van jou wissen?"),
            "text": plain(
                "Al je antwoorden, casussen en knelpuntsignalen worden gewist en je Slack-id "
                "verdwijnt uit Reflectiebot. De tellingen van het team blijven kloppen. Dit kan "
                "niet terug."
            ),
            "confirm": plain("Ja, wis alles"),
            "deny": plain("Toch niet"),
            "style": "danger",
        },
    }


def _data_buttons() -> dict[str, Any]:
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": ids.DOWNLOAD_ACTION,
                "text": plain("Mijn gegevens downloaden"),
                "value": "downloaden",
            },
            _erase_button(),
        ],
    }


def build_home(data: HomeData, knelpunten: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """The Home tab view (knelpunten: (id, label) for the 'Signaleer bij de gemeente' select)."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": plain("Reflectiebot")},
        section(about(data.retention_days)),
        {"type": "divider"},
    ]
    if data.teams:
        lines = [
            f"• *{escape(t.name)}* (<#{t.channel_id}>): {escape(t.next_prompt)}" for t in data.teams
        ]
        blocks.append(section("*Jouw teams*\n" + "\n".join(lines)))
    elif data.teams_unknown:
        blocks.append(section("*Jouw teams*\nSlack kon even niet zeggen in welke kanalen je zit."))
    else:
        blocks.append(
            section(
                "*Jouw teams*\nJe zit nog niet in het kanaal van een wijkteam. Vraag je "
                "teamleider je toe te voegen."
            )
        )
    answers, cases, signals = data.counts
    blocks.append(
        section(
            "*Wat er van jou bewaard is*\n"
            f"{plural(answers, 'antwoord', 'antwoorden')} · {plural(cases, 'casus', 'casussen')}"
            f" · {plural(signals, 'knelpuntsignaal', 'knelpuntsignalen')} "
            "(anonieme antwoorden niet meegeteld: die zijn van niemand)"
        )
    )
    for kind, moment, text in data.recent:
        preview = " ".join(text.split())
        preview = preview if len(preview) <= _PREVIEW else preview[: _PREVIEW - 1] + "…"
        blocks.append(
            context(f"{_KINDS[kind]}, {moment.strftime('%d-%m-%Y')}: {escape(preview or '—')}")
        )
    blocks.append(_data_buttons())
    if data.led:
        blocks += [{"type": "divider"}, section("*Teams die je leidt*")]
        for team in data.led:
            state = "op pauze" if team.paused else f"elke {team.schedule}"
            lines = [f"*{escape(team.name)}*", f"Reflectievraag: {state}"]
            if team.attention:
                lines.append(f"⚠️ Aandacht nodig: {team.attention}")
            lines.append(f"Weekspiegel: {team.next_digest}")
            lines.append(
                "Maandcijfers delen met de gemeente: "
                + ("aan" if team.sharing else "uit")
                + " (`/wijkteam delen` in het teamkanaal)"
            )
            blocks.append(
                {
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": "\n".join(lines)},
                    "accessory": {
                        "type": "button",
                        "action_id": ids.PREVIEW_ACTION,
                        "text": plain("Voorproef weekspiegel"),
                        "value": str(team.team_id),
                    },
                }
            )
            if knelpunten:
                blocks.append(signal_home_blocks(team.team_id, knelpunten))
    if data.rapport_month is not None:
        blocks += rapport_home_blocks(data.rapport_month)
    return {"type": "home", "blocks": blocks[:100]}


def build_preview_modal(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """The weekspiegel preview, opened from the Home tab."""
    shown = [block for block in blocks if block["type"] != "actions"][:100] or [
        section("De weekspiegel gaat naar teamleiders; van dit team ben je geen teamleider.")
    ]
    return {
        "type": "modal",
        "title": plain("Voorproef weekspiegel"),
        "close": plain("Sluiten"),
        "blocks": shown,
    }


def build_erase_confirmation() -> Reply:
    """`/wijkteam vergeet-mij`: ask before erasing."""
    text = (
        "Wil je dat Reflectiebot alles van je vergeet? Je antwoorden, casussen en "
        "knelpuntsignalen worden gewist en je Slack-id verdwijnt. Met `/wijkteam mijn-gegevens` "
        "download je ze eerst."
    )
    return Reply(
        text=text, blocks=[section(text), {"type": "actions", "elements": [_erase_button()]}]
    )


def build_erased(
    counts: dict[str, int],
    *,
    edited: int = 0,
    pending: int = 0,
    leaderless: Sequence[str] = (),
    told: Sequence[str] = (),
) -> Reply:
    """After erasing: what went, what the bot changed in Slack, and what it could not (yet)."""
    lines = [
        f"Gewist: {plural(counts.get('antwoorden', 0), 'antwoord', 'antwoorden')}, "
        f"{plural(counts.get('casussen', 0), 'casus', 'casussen')} en "
        f"{plural(counts.get('knelpuntsignalen', 0), 'knelpuntsignaal', 'knelpuntsignalen')}. "
        "Je Slack-id staat nergens meer in Reflectiebot, ook niet in het auditlog. De tellingen "
        "van je team kloppen nog, zonder jou erin te herkennen."
    ]
    if edited:
        lines.append(
            f"{plural(edited, 'bericht', 'berichten')} van Reflectiebot in Slack waarin je tekst "
            "stond (een casus in een casuïstiekvraag, een citaat in een weekspiegel) "
            + ("is" if edited == 1 else "zijn")
            + " aangepast: je tekst staat er niet meer in."
        )
    if pending:
        lines.append(
            f"{plural(pending, 'bericht', 'berichten')} van Reflectiebot met je tekst kon ik nog "
            "niet aanpassen, omdat Slack het weigerde of niet antwoordde; ik probeer het de "
            "komende dagen vanzelf opnieuw."
        )
    for name in leaderless:
        where = (
            "In het teamkanaal staat nu hoe een collega teamleider wordt."
            if name in told
            else "Het teamkanaal kon ik dat niet laten weten; vertel het je collega's zelf."
        )
        lines.append(f"Je was de laatste teamleider van *{escape(name)}*. {where}")
    lines.append(
        "Je eigen berichten in Slack, zoals antwoorden in een thread, zijn van jou: die kan "
        "Reflectiebot niet wissen. Verwijder ze zelf in Slack als je dat wilt."
    )
    text = "\n".join(lines)
    return Reply(text=text, blocks=[section(text)])


def build_download_sent() -> Reply:
    """After the export was uploaded."""
    text = "Je gegevens staan als JSON-bestand in je privégesprek met Reflectiebot."
    return Reply(text=text, blocks=[section(text)])
