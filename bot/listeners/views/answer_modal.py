"""Submitting the private-answer modal: check, store, thank."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from sqlalchemy.exc import SQLAlchemyError

from bot import ids
from bot.answers import ModalAnswer, check_modal_text, modal_answer_problem, store_modal_answer
from bot.failures import guarded
from bot.registry import Feature
from bot.services import Services
from bot.views.prompt import build_answer_saved_view, build_prompt_gone_modal
from storage.engine import session_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True)
STORAGE_BUSY = "Het opslaan lukte even niet; er is niets bewaard. Probeer het zo opnieuw."


def register(app: App, services: Services) -> None:
    """Attach the modal submission listener."""

    def handle_answer_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Refuse with a field error (nothing stored) or store and show a thank-you."""
        answer = parse_answer_view(view)
        if answer is None:
            ack(response_action="update", view=build_prompt_gone_modal())
            return
        check = check_modal_text(answer, engine=services.engine, recognise=services.recognise)
        problem = modal_answer_problem(check)
        if problem:
            ack(response_action="errors", errors={ids.ANSWER_BLOCK: problem})
            return
        try:
            with session_scope(services.engine) as session:
                stored = store_modal_answer(
                    answer,
                    session=session,
                    user_id=body["user"]["id"],
                    check=check,
                    known_knelpunten=services.knelpunt_ids(),
                    now=services.clock(),
                    timezone=services.settings.timezone,
                )
        except SQLAlchemyError:
            log.exception("storing a modal answer failed")
            ack(response_action="errors", errors={ids.ANSWER_BLOCK: STORAGE_BUSY})
            return
        if not stored:
            ack(response_action="update", view=build_prompt_gone_modal())
            return
        ack(response_action="update", view=build_answer_saved_view(anonymous=answer.anonymous))

    app.view(ids.ANSWER_MODAL_CALLBACK)(guarded(handle_answer_submission))


def parse_answer_view(view: dict[str, Any]) -> ModalAnswer | None:
    """The modal's values, or None when its metadata does not name a prompt."""
    metadata = str(view.get("private_metadata") or "")
    if not metadata.isdigit():
        return None
    values = (view.get("state") or {}).get("values") or {}
    text = ((values.get(ids.ANSWER_BLOCK) or {}).get(ids.ANSWER_INPUT) or {}).get("value") or ""
    checked = ((values.get(ids.OPTIONS_BLOCK) or {}).get(ids.OPTIONS_INPUT) or {}).get(
        "selected_options"
    ) or []
    options = {option.get("value") for option in checked}
    chosen = ((values.get(ids.KNELPUNTEN_BLOCK) or {}).get(ids.KNELPUNTEN_INPUT) or {}).get(
        "selected_options"
    ) or []
    return ModalAnswer(
        slot_id=int(metadata),
        text=str(text),
        anonymous=ids.OPTION_ANONYMOUS in options,
        quotable=ids.OPTION_QUOTABLE in options,
        knelpunten=tuple(str(option.get("value")) for option in chosen),
    )
