"""The case modal, its confirmation (with the meldcode reminder) and `/casus lijst`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.cases import CaseEntry
from bot.views.inputs import checkboxes, multi_select, plain, single_choice, team_select, text_input
from bot.views.mrkdwn import Reply, context, escape, section
from prompts.casus_form import CaseForm
from storage.models import CASE_NOTE_LENGTH, CASE_TEXT_LENGTH

MODAL_TITLE = "Casus vastleggen"  # Slack: at most 24 characters
NO_CLIENT_DATA = "Geen namen, BSN, adressen, telefoonnummers of geboortedata."
LIST_LENGTH = 10
_PREVIEW_LENGTH = 200

MELDCODE_REMINDER = (
    ":shield: *Zorgen over veiligheid?* Dan volgt de casus zelf de *meldcode huiselijk geweld "
    "en kindermishandeling*: 1. signalen in kaart brengen, 2. collegiale consultatie en zo nodig "
    "Veilig Thuis raadplegen, 3. gesprek met de betrokkene, 4. wegen van het geweld met het "
    "afwegingskader, 5. beslissen: hulp organiseren en/of melden. Je *aandachtsfunctionaris* "
    "denkt met je mee. *Veilig Thuis: 0800-2000* (gratis, dag en nacht). Bij acuut gevaar: "
    "*bel 112*.\nDe casus zelf hoort niet in Slack; dit geanonimiseerde logje is genoeg."
)


def build_case_modal(
    form: CaseForm,
    *,
    entry: CaseEntry,
    knelpunt_options: Sequence[tuple[str, str]],
    teams: Sequence[tuple[int, str]] = (),
    metadata: str,
    editing: bool = False,
) -> dict[str, Any]:
    """The case modal; a team select only when the user is in several teams."""
    blocks: list[dict[str, Any]] = team_select(teams)
    blocks += [
        text_input(
            ids.CASE_DESCRIPTION_BLOCK,
            "Korte omschrijving",
            max_length=CASE_TEXT_LENGTH,
            initial=entry.description,
            hint=NO_CLIENT_DATA,
            placeholder="Wat was de vraag, wat speelde er, wat heb je gedaan?",
        ),
        multi_select(
            ids.CASE_DOMAINS_BLOCK,
            "Leefgebieden",
            form.domains.items(),
            initial=entry.domains,
            placeholder="Kies een of meer leefgebieden",
        ),
        single_choice(
            ids.CASE_INTAKE_BLOCK,
            "Hoe kwam de vraag binnen?",
            form.intakes.items(),
            initial=entry.intake or None,
            radio=True,
        ),
        single_choice(
            ids.CASE_DECISION_BLOCK,
            "Besluit",
            form.decisions.items(),
            initial=entry.decision or None,
            radio=True,
        ),
        multi_select(
            ids.CASE_DESTINATIONS_BLOCK,
            "Doorverwezen naar",
            form.destinations.items(),
            initial=entry.destinations,
            optional=True,
            placeholder="Alleen bij consult of doorverwijzing",
        ),
        multi_select(
            ids.CASE_REASONS_BLOCK,
            "Waarom?",
            form.reasons.items(),
            initial=entry.reasons,
            optional=True,
        ),
        text_input(
            ids.CASE_REASON_NOTE_BLOCK,
            "Toelichting op het waarom",
            max_length=CASE_NOTE_LENGTH,
            initial=entry.reason_note,
            optional=True,
            multiline=False,
            hint=NO_CLIENT_DATA,
        ),
        multi_select(
            ids.KNELPUNTEN_BLOCK,
            "Knelpunten",
            knelpunt_options,
            initial=entry.knelpunten,
            optional=True,
            hint="Voorgesteld op basis van je omschrijving; pas gerust aan.",
            placeholder="Waar liep je tegenaan?",
        ),
        checkboxes(
            ids.CASE_BRING_UP_BLOCK,
            "Casuïstiekbespreking",
            [(ids.CASE_BRING_UP_OPTION, "Inbrengen bij de volgende casuïstiekbespreking")],
            initial=[ids.CASE_BRING_UP_OPTION] if entry.bring_up else [],
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.CASE_MODAL_CALLBACK,
        "private_metadata": metadata,
        "title": plain("Casus bewerken" if editing else MODAL_TITLE),
        "submit": plain("Bewaren"),
        "close": plain("Annuleren"),
        "blocks": blocks,
    }


def _labels(ids_: Sequence[str], labels: Mapping[str, str]) -> str:
    return ", ".join(labels.get(value, value) for value in ids_)


def case_summary(entry: CaseEntry, form: CaseForm) -> str:
    """One line: decision, where to, why."""
    summary = form.decisions.get(entry.decision, entry.decision)
    if entry.destinations:
        summary += f" → {_labels(entry.destinations, form.destinations)}"
    if entry.reasons:
        summary += f" · waarom: {_labels(entry.reasons, form.reasons)}"
    return summary


def build_case_saved_view(
    entry: CaseEntry,
    form: CaseForm,
    *,
    knelpunt_labels: Sequence[str],
    meldcode: bool,
    editing: bool,
) -> dict[str, Any]:
    """What the modal turns into once the case is stored."""
    done = "Je wijziging is bewaard." if editing else "Dank je, de casus is vastgelegd."
    blocks: list[dict[str, Any]] = [section(f"{done}\n{escape(case_summary(entry, form))}")]
    if knelpunt_labels:
        blocks.append(context("Knelpunten: " + escape(", ".join(knelpunt_labels))))
    if entry.bring_up:
        blocks.append(context("Hij komt terug in de volgende casuïstiekvraag van je team."))
    if meldcode:
        blocks.append(section(MELDCODE_REMINDER))
    blocks.append(context("Je eigen casussen zie, wijzig of wis je met `/casus lijst`."))
    return {
        "type": "modal",
        "callback_id": ids.CASE_SAVED_CALLBACK,
        "title": plain("Casus bewaard"),
        "close": plain("Sluiten"),
        "blocks": blocks,
    }


def build_case_gone_view() -> dict[str, Any]:
    """The case to edit is gone or not the user's."""
    return {
        "type": "modal",
        "title": plain(MODAL_TITLE),
        "close": plain("Sluiten"),
        "blocks": [section("Deze casus bestaat niet meer. Met `/casus lijst` zie je je casussen.")],
    }


def build_case_list(
    cases: Sequence[tuple[int, datetime, CaseEntry]], form: CaseForm, timezone: ZoneInfo
) -> Reply:
    """The user's own last cases, each with edit and delete."""
    if not cases:
        text = "Je hebt nog geen casussen vastgelegd. Begin met `/casus`."
        return Reply(text=text, blocks=[section(text)])
    blocks: list[dict[str, Any]] = [
        section(f"*Je laatste {len(cases)} casussen* (alleen jij ziet dit)")
    ]
    for casus_id, created_at, entry in cases[:LIST_LENGTH]:
        preview = entry.description.strip().replace("\n", " ")
        if len(preview) > _PREVIEW_LENGTH:
            preview = preview[: _PREVIEW_LENGTH - 1] + "…"
        when = created_at.astimezone(timezone).strftime("%d-%m-%Y")
        blocks.append(
            section(f"*{when}* · {escape(case_summary(entry, form))}\n> {escape(preview)}")
        )
        blocks.append(
            {
                "type": "actions",
                "block_id": f"casus_{casus_id}",
                "elements": [
                    {
                        "type": "button",
                        "action_id": ids.CASE_EDIT_ACTION,
                        "text": plain("Bewerken"),
                        "value": str(casus_id),
                    },
                    {
                        "type": "button",
                        "action_id": ids.CASE_DELETE_ACTION,
                        "text": plain("Verwijderen"),
                        "style": "danger",
                        "value": str(casus_id),
                        "confirm": {
                            "title": plain("Casus verwijderen?"),
                            "text": plain("De casus wordt helemaal gewist. Dit kan niet terug."),
                            "confirm": plain("Verwijderen"),
                            "deny": plain("Toch niet"),
                            "style": "danger",
                        },
                    },
                ],
            }
        )
    return Reply(text=f"Je laatste {len(cases)} casussen", blocks=blocks)


def build_case_help() -> Reply:
    """How to use /casus."""
    text = (
        "`/casus` legt in een halve minuut de keuzes van een casus vast, nooit de cliënt. "
        "Tekst achter `/casus` komt alvast in de omschrijving. "
        "`/casus lijst` toont je eigen laatste tien casussen om te bewerken of te wissen."
    )
    return Reply(text=text, blocks=[section(text)])
