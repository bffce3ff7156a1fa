"""The prompt message in the team channel, the private-answer modal and the reminder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import ids
from bot.views.mrkdwn import clip, context, escape, section
from prompts.library import THEME_LABELS, Prompt

MODAL_TITLE = "Reflectievraag"  # Slack: at most 24 characters
ANSWER_MAX_LENGTH = 3000  # plain_text_input allows at most 3,000


def prompt_fallback_text(prompt: Prompt) -> str:
    """The notification text of a prompt message."""
    return f"Reflectievraag ({THEME_LABELS[prompt.theme]}): {prompt.question}"


def build_prompt_message(
    prompt: Prompt, *, slot_id: int, cases: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The prompt as posted: theme, question, why it matters, cases to bring up, ways to answer."""
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": f"Reflectievraag · {THEME_LABELS[prompt.theme]}",
            },
        },
        section(f"*{escape(prompt.question)}*"),
        context(f"Waarom deze vraag: {escape(prompt.why)}"),
    ]
    if prompt.follow_up:
        blocks.append(section(f"_Verder denken:_ {escape(prompt.follow_up)}"))
    if cases:
        blocks.append(section("*Ingebracht voor deze bespreking* (zonder namen):"))
        for text in cases:
            blocks.append(section(clip("> " + escape(text.strip()).replace("\n", "\n> "))))
    blocks.append(
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": ids.ANSWER_PRIVATELY_ACTION,
                    "text": {"type": "plain_text", "text": "Privé beantwoorden"},
                    "value": str(slot_id),
                }
            ],
        }
    )
    blocks.append(
        context(
            "Antwoord in de thread: je collega's lezen mee en daar leert het team van. "
            "Liever alleen voor de bot, of anoniem? Gebruik *Privé beantwoorden*."
        )
    )
    return blocks


def build_answer_modal(
    prompt: Prompt, *, slot_id: int, knelpunt_options: list[tuple[str, str]]
) -> dict[str, Any]:
    """The private-answer modal: the question, the answer, anonymity, quoting, knelpunten."""
    options = [
        {"text": {"type": "plain_text", "text": label[:75]}, "value": knelpunt_id}
        for knelpunt_id, label in knelpunt_options[:100]
    ]
    blocks: list[dict[str, Any]] = [
        section(f"*{escape(prompt.question)}*"),
        {
            "type": "input",
            "block_id": ids.ANSWER_BLOCK,
            "label": {"type": "plain_text", "text": "Jouw antwoord"},
            "hint": {
                "type": "plain_text",
                "text": "Geen namen, BSN, adressen, telefoonnummers of geboortedata van cliënten.",
            },
            "element": {
                "type": "plain_text_input",
                "action_id": ids.ANSWER_INPUT,
                "multiline": True,
                "max_length": ANSWER_MAX_LENGTH,
            },
        },
        {
            "type": "input",
            "block_id": ids.OPTIONS_BLOCK,
            "optional": True,
            "label": {"type": "plain_text", "text": "Hoe mag je antwoord gebruikt worden?"},
            "element": {
                "type": "checkboxes",
                "action_id": ids.OPTIONS_INPUT,
                "options": [
                    {
                        "text": {"type": "plain_text", "text": "Anoniem"},
                        "description": {
                            "type": "plain_text",
                            "text": "Zelfs de database weet dan niet wie dit schreef.",
                        },
                        "value": ids.OPTION_ANONYMOUS,
                    },
                    {
                        "text": {
                            "type": "plain_text",
                            "text": "Mag geanonimiseerd geciteerd worden in de weekspiegel",
                        },
                        "value": ids.OPTION_QUOTABLE,
                    },
                ],
            },
        },
    ]
    if options:
        blocks.append(
            {
                "type": "input",
                "block_id": ids.KNELPUNTEN_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Knelpunten (optioneel)"},
                "element": {
                    "type": "multi_static_select",
                    "action_id": ids.KNELPUNTEN_INPUT,
                    "placeholder": {"type": "plain_text", "text": "Waar raakt je antwoord aan?"},
                    "options": options,
                },
            }
        )
    return {
        "type": "modal",
        "callback_id": ids.ANSWER_MODAL_CALLBACK,
        "private_metadata": str(slot_id),
        "title": {"type": "plain_text", "text": MODAL_TITLE},
        "submit": {"type": "plain_text", "text": "Bewaren"},
        "close": {"type": "plain_text", "text": "Annuleren"},
        "blocks": blocks,
    }


def build_answer_saved_view(*, anonymous: bool) -> dict[str, Any]:
    """What the modal turns into after a successful submission."""
    text = (
        "Dank je. Je antwoord is anoniem bewaard: niemand, ook de database niet, weet dat het "
        "van jou is."
        if anonymous
        else "Dank je, je antwoord is bewaard. Het verschijnt niet in het teamkanaal."
    )
    return {
        "type": "modal",
        "callback_id": f"{ids.ANSWER_MODAL_CALLBACK}_klaar",
        "title": {"type": "plain_text", "text": MODAL_TITLE},
        "close": {"type": "plain_text", "text": "Sluiten"},
        "blocks": [section(text)],
    }


def build_reminder(answer_count: int | None) -> str:
    """The single gentle reminder in the prompt's thread; names nobody."""
    so_far = f" Er zijn al {answer_count} antwoorden." if answer_count is not None else ""
    return (
        "Nog even aandacht voor deze vraag? Een paar zinnen is genoeg, in de thread of via "
        f"*Privé beantwoorden*.{so_far}"
    )


def build_prompt_gone_modal() -> dict[str, Any]:
    """The prompt behind a button no longer exists (removed team, erased data)."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": MODAL_TITLE},
        "close": {"type": "plain_text", "text": "Sluiten"},
        "blocks": [
            section(
                "Deze reflectievraag bestaat niet meer, dus er valt niets te beantwoorden. "
                "Met `/reflectie` zie je de huidige vraag van je team."
            )
        ],
    }
