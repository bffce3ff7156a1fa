"""The button under a prompt: open the private-answer modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import ids
from bot.failures import guarded
from bot.registry import Feature
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS
from bot.views.inputs import action_value
from bot.views.prompt import build_answer_modal, build_prompt_gone_modal
from storage import prompts
from storage.engine import read_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True)


def register(app: App, services: Services) -> None:
    """Attach the button listener."""

    def handle_answer_privately(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """Ack, then open the modal while the trigger id is still valid (3 s, once)."""
        ack()
        view = build_modal_for(action_value(body), services)
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SLACK_ERRORS as error:
            log.warning("could not open the answer modal: %s", type(error).__name__)

    app.action(ids.ANSWER_PRIVATELY_ACTION)(guarded(handle_answer_privately))


def build_modal_for(value: str, services: Services) -> dict[str, Any]:
    """The answer modal for the slot named in the button's value."""
    slot_id = int(value) if value.isdigit() else None
    with read_scope(services.engine) as session:
        slot = prompts.get_slot(session=session, slot_id=slot_id) if slot_id else None
        prompt_id = slot.prompt_id if slot else None
    if slot_id is None or prompt_id is None:
        return build_prompt_gone_modal()
    try:
        prompt = services.library.by_id(prompt_id)
    except KeyError:  # a prompt removed from the library since it was posted
        return build_prompt_gone_modal()
    return build_answer_modal(prompt, slot_id=slot_id, knelpunt_options=services.knelpunt_options())
