"""/casus: log a case's choices in a modal; `/casus lijst` to see, edit or delete your own."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from bot import ids
from bot.cases import (
    CaseEntry,
    case_knelpunten,
    check_case,
    needs_meldcode_reminder,
    save_case,
)
from bot.failures import guarded, log_storage_error
from bot.listeners.events.app_home import publish_home
from bot.membership import MEMBERSHIP_SCOPES, find_teams_or_reply
from bot.registry import Feature, SlashCommand
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS
from bot.views import casus as views
from bot.views.errors import build_slack_unavailable, build_storage_unavailable, with_user_text
from bot.views.inputs import (
    action_value,
    chosen_team,
    decode_metadata,
    encode_metadata,
    list_of,
    read_values,
    text_of,
)
from bot.views.mrkdwn import Reply, command_text
from storage import casus as store
from storage import slack_copies
from storage.engine import read_scope, session_scope
from storage.models import CASE_TEXT_LENGTH

log = logging.getLogger(__name__)

COMMAND = SlashCommand(
    name="/casus",
    description="Leg de keuzes van een casus vast, zonder cliëntgegevens",
    usage_hint="[korte omschrijving] | lijst",
    scopes=MEMBERSHIP_SCOPES,
)
FEATURE = Feature(commands=(COMMAND,), scopes=COMMAND.scopes, interactive=True)


def register(app: App, services: Services) -> None:
    """Attach /casus, its modal and the buttons of `/casus lijst`."""

    def handle_casus(
        ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """Acknowledge, then open the modal (or show the list) privately."""
        ack()
        reply = run_casus(command, client=client, services=services)
        if reply is not None:
            respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    def handle_case_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        """Refuse with field errors (nothing stored), or store and confirm (once, also when the
        same case is submitted twice)."""
        user_id = body["user"]["id"]
        cleanups: list[int] = []

        def work() -> dict[str, Any]:
            response, edits = submit_case(view, user_id=user_id, services=services)
            cleanups.extend(edits)
            return response

        response = services.submissions.once(body, work)
        ack(**response)
        if response["response_action"] == "update":
            publish_home(client, body["user"]["id"], services)
        services.copy_editor(client).run(services.clock(), only=cleanups)

    def handle_edit(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """Open the user's own case in the modal."""
        ack()
        view = edit_view(action_value(body), user_id=body["user"]["id"], services=services)
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SLACK_ERRORS as error:
            log.warning("could not open the case modal: %s", type(error).__name__)

    def handle_delete(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        """Delete the user's own case and refresh the list."""
        ack()
        reply, cleanups = delete_case(
            action_value(body), user_id=body["user"]["id"], services=services
        )
        respond(text=reply.text, blocks=reply.blocks, replace_original=True)
        publish_home(client, body["user"]["id"], services)
        services.copy_editor(client).run(services.clock(), only=cleanups)

    app.command(COMMAND.name)(guarded(handle_casus))
    app.view(ids.CASE_MODAL_CALLBACK)(guarded(handle_case_submission))
    app.action(ids.CASE_EDIT_ACTION)(guarded(handle_edit))
    app.action(ids.CASE_DELETE_ACTION)(guarded(handle_delete))


def run_casus(command: dict[str, Any], *, client: WebClient, services: Services) -> Reply | None:
    """Open the case modal for the user's team; a Reply when there is something to say instead."""
    user_id = command["user_id"]
    text = command_text(command.get("text") or "")  # unescaped, no names in mentions
    word = text.strip().lower()
    if word == "lijst":
        return list_cases(user_id, services)
    if word in ("help", "hulp", "?"):
        return views.build_case_help()
    found = find_teams_or_reply(
        client,
        channel_id=command.get("channel_id", ""),
        user_id=user_id,
        text=text,
        engine=services.engine,
    )
    if isinstance(found, Reply):
        return found
    entry = CaseEntry(
        description=text.strip(),
        knelpunten=tuple(services.tag(text, found[0].id if len(found) == 1 else None))
        if text.strip()
        else (),
    )
    view = views.build_case_modal(
        services.case_form,
        entry=entry,
        knelpunt_options=services.knelpunt_options(),
        teams=[(team.id, team.name) for team in found],
        metadata=encode_metadata({"teams": [team.id for team in found]}),
    )
    try:
        client.views_open(trigger_id=command["trigger_id"], view=view)
    except SLACK_ERRORS as error:
        log.warning("/casus: could not open the modal: %s", type(error).__name__)
        return with_user_text(build_slack_unavailable(), text)
    if len(text.strip()) > CASE_TEXT_LENGTH:
        return with_user_text(
            Reply(text=f"Je tekst is langer dan {CASE_TEXT_LENGTH} tekens; het venster toont het "
                  "begin. Hieronder staat hij helemaal, om in te korten."),
            text,
        )  # fmt: skip
    return None


def _case_team(services: Services, casus_id: object, user_id: str) -> int | None:
    """The team of the user's own case being edited (read only), for its team's model."""
    if not isinstance(casus_id, int) or isinstance(casus_id, bool):
        return None
    with read_scope(services.engine) as session:
        casus = store.get_own_casus(session=session, casus_id=casus_id, user_id=user_id)
        return casus.team_id if casus is not None else None


def parse_case_view(view: dict[str, Any]) -> CaseEntry:
    """The case modal's values."""
    values = read_values(view)
    return CaseEntry(
        description=text_of(values, ids.CASE_DESCRIPTION_BLOCK),
        domains=tuple(list_of(values, ids.CASE_DOMAINS_BLOCK)),
        intake=text_of(values, ids.CASE_INTAKE_BLOCK),
        decision=text_of(values, ids.CASE_DECISION_BLOCK),
        destinations=tuple(list_of(values, ids.CASE_DESTINATIONS_BLOCK)),
        reasons=tuple(list_of(values, ids.CASE_REASONS_BLOCK)),
        reason_note=text_of(values, ids.CASE_REASON_NOTE_BLOCK),
        bring_up=ids.CASE_BRING_UP_OPTION in list_of(values, ids.CASE_BRING_UP_BLOCK),
        knelpunten=tuple(list_of(values, ids.KNELPUNTEN_BLOCK)),
    )


def submit_case(
    view: dict[str, Any], *, user_id: str, services: Services
) -> tuple[dict[str, Any], list[int]]:
    """The ack arguments for a case modal submission, and the bot's messages to edit after.

    An edited case that a casuïstiek prompt quoted is queued, so the prompt shows the new text.
    """
    metadata = decode_metadata(view.get("private_metadata"))
    casus_id = metadata.get("casus")
    editing = isinstance(casus_id, int) and not isinstance(casus_id, bool)
    entry = parse_case_view(view)
    errors = check_case(entry, services.case_form)
    team_id = None
    if not editing:
        allowed, team_id = chosen_team(view)
        if not allowed:
            return {"response_action": "update", "view": views.build_case_gone_view()}, []
        if team_id is None:
            errors[ids.TEAM_BLOCK] = "Kies het team waar deze casus bij hoort."
    if errors:
        return {"response_action": "errors", "errors": errors}, []
    knelpunten = case_knelpunten(
        entry,
        form=services.case_form,
        recognise=lambda text: services.recognise(
            text, team_id or _case_team(services, casus_id, user_id)
        ),
        known=services.knelpunt_ids(),
    )
    try:
        with session_scope(services.engine) as session:
            saved = save_case(
                entry,
                session=session,
                user_id=user_id,
                team_id=team_id,
                casus_id=casus_id if editing else None,
                knelpunten=knelpunten,
            )
            cleanups = _queue_quotes(session, saved.id if editing and saved else None, services)
    except SQLAlchemyError as error:
        log_storage_error(log, "storing a case failed", error)
        return {
            "response_action": "errors",
            "errors": {ids.CASE_DESCRIPTION_BLOCK: build_storage_unavailable().text},
        }, []
    if saved is None:
        return {"response_action": "update", "view": views.build_case_gone_view()}, []
    return {
        "response_action": "update",
        "view": views.build_case_saved_view(
            entry,
            services.case_form,
            knelpunt_labels=services.knelpunt_labels(knelpunten.counted),
            meldcode=needs_meldcode_reminder(entry),
            editing=editing,
        ),
    }, cleanups


def _queue_quotes(session: Session, casus_id: int | None, services: Services) -> list[int]:
    """Queue the casuïstiek prompts that quote this case for editing; the queue rows."""
    if casus_id is None:
        return []
    targets = slack_copies.copies_of(session=session, casus_ids=[casus_id])
    return slack_copies.queue(session=session, targets=targets, now=services.clock())


def list_cases(user_id: str, services: Services) -> Reply:
    """`/casus lijst`: the user's own last cases."""
    try:
        with read_scope(services.engine) as session:
            cases = [
                (
                    casus.id,
                    casus.created_at,
                    CaseEntry.from_casus(
                        casus, store.casus_knelpunten(session=session, casus_id=casus.id)
                    ),
                )
                for casus in store.list_own_cases(
                    session=session, user_id=user_id, limit=views.LIST_LENGTH
                )
                if casus.id is not None
            ]
    except SQLAlchemyError as error:
        log_storage_error(log, "/casus lijst: database error", error)
        return build_storage_unavailable()
    return views.build_case_list(cases, services.case_form, services.settings.timezone)


def edit_view(value: str, *, user_id: str, services: Services) -> dict[str, Any]:
    """The case modal for the user's own case, or a 'gone' view."""
    if not value.isdigit():
        return views.build_case_gone_view()
    with read_scope(services.engine) as session:
        casus = store.get_own_casus(session=session, casus_id=int(value), user_id=user_id)
        if casus is None or casus.id is None:
            return views.build_case_gone_view()
        entry = CaseEntry.from_casus(
            casus, store.casus_knelpunten(session=session, casus_id=casus.id)
        )
    return views.build_case_modal(
        services.case_form,
        entry=entry,
        knelpunt_options=services.knelpunt_options(),
        metadata=encode_metadata({"casus": int(value)}),
        editing=True,
    )


def delete_case(value: str, *, user_id: str, services: Services) -> tuple[Reply, list[int]]:
    """Delete the user's own case, then show the list again (and queue prompts quoting it)."""
    cleanups: list[int] = []
    if value.isdigit():
        try:
            with session_scope(services.engine) as session:
                if store.get_own_casus(session=session, casus_id=int(value), user_id=user_id):
                    cleanups = _queue_quotes(session, int(value), services)
                store.delete_own_casus(session=session, casus_id=int(value), user_id=user_id)
        except SQLAlchemyError as error:
            log_storage_error(log, "deleting a case failed", error)
            return build_storage_unavailable(), []
    return list_cases(user_id, services), cleanups
