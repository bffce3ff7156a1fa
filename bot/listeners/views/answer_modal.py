"""Submitting the private-answer modal: check, store, thank."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot import ids
from bot.answers import ModalAnswer, check_modal_text, modal_answer_problem, store_modal_answer
from bot.failures import guarded, log_storage_error
from bot.membership import is_channel_member
from bot.registry import Feature
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS, quick_client
from bot.views.prompt import build_answer_saved_view, build_prompt_gone_modal
from storage import prompts
from storage.engine import read_scope, session_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True)
STORAGE_BUSY = "Het opslaan lukte even niet; er is niets bewaard. Probeer het zo opnieuw."
NOT_A_MEMBER = (
    "Je zit niet in het kanaal van het team dat deze vraag kreeg, dus ik bewaar je antwoord "
    "niet bij dat team. Vraag de teamleider je toe te voegen; je tekst staat hier nog."
)
MEMBERSHIP_UNKNOWN = (
    "Ik kon even niet nagaan of je in het teamkanaal zit; er is niets bewaard. Probeer het zo "
    "opnieuw."
)


def register(app: App, services: Services) -> None:
    """Attach the modal submission listener."""

    def handle_answer_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        """Refuse with a field error (nothing stored) or store and show a thank-you (once,
        also when the same answer is submitted twice)."""
        user_id = body["user"]["id"]
        ack(
            **services.submissions.once(
                body, lambda: submit_answer(view, user_id, client, services)
            )
        )

    app.view(ids.ANSWER_MODAL_CALLBACK)(guarded(handle_answer_submission))


def submit_answer(
    view: dict[str, Any], user_id: str, client: WebClient, services: Services
) -> dict[str, Any]:
    """The ack arguments for a submitted answer modal."""
    answer = parse_answer_view(view)
    if answer is None:
        return {"response_action": "update", "view": build_prompt_gone_modal()}
    check = check_modal_text(answer, engine=services.engine, recognise=services.recognise)
    problem = modal_answer_problem(check)
    if problem:
        return {"response_action": "errors", "errors": {ids.ANSWER_BLOCK: problem}}
    outsider = membership_problem(answer.slot_id, user_id, client, services)
    if outsider is not None:
        return outsider
    try:
        with session_scope(services.engine) as session:
            stored = store_modal_answer(
                answer,
                session=session,
                user_id=user_id,
                check=check,
                known_knelpunten=services.knelpunt_ids(),
                now=services.clock(),
                timezone=services.settings.timezone,
            )
    except SQLAlchemyError as error:
        log_storage_error(log, "storing a modal answer failed", error)
        return {"response_action": "errors", "errors": {ids.ANSWER_BLOCK: STORAGE_BUSY}}
    if not stored:
        return {"response_action": "update", "view": build_prompt_gone_modal()}
    return {
        "response_action": "update",
        "view": build_answer_saved_view(anonymous=answer.anonymous),
    }


def membership_problem(
    slot_id: int, user_id: str, client: WebClient, services: Services
) -> dict[str, Any] | None:
    """The ack for someone not in the prompt's team channel (or when Slack cannot say), else None.

    A private answer belongs to the team whose channel got the prompt; only its members may add
    one, whatever button or shared message they answered from.
    """
    try:
        with read_scope(services.engine) as session:
            slot = prompts.get_slot(session=session, slot_id=slot_id)
    except SQLAlchemyError as error:
        log_storage_error(log, "looking up a prompt failed", error)
        return {"response_action": "errors", "errors": {ids.ANSWER_BLOCK: STORAGE_BUSY}}
    if slot is None:
        return {"response_action": "update", "view": build_prompt_gone_modal()}
    try:
        member = is_channel_member(quick_client(client), slot.channel_id, user_id)
    except SLACK_ERRORS as error:
        log.warning("could not check channel membership: %s", type(error).__name__)
        return {"response_action": "errors", "errors": {ids.ANSWER_BLOCK: MEMBERSHIP_UNKNOWN}}
    if not member:
        return {"response_action": "errors", "errors": {ids.ANSWER_BLOCK: NOT_A_MEMBER}}
    return None


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
