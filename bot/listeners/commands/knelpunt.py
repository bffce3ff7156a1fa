"""/knelpunt: note a bottleneck in one line (or in a small modal) and correct its knelpunten."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot import ids
from bot.cases import ChosenKnelpunten, check_signal, signal_knelpunten
from bot.failures import guarded, log_storage_error
from bot.membership import MEMBERSHIP_SCOPES, find_teams_or_reply
from bot.registry import Feature, SlashCommand
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS
from bot.views import knelpunt as views
from bot.views.errors import build_storage_unavailable, with_user_text
from bot.views.inputs import (
    action_value,
    chosen_team,
    encode_metadata,
    list_of,
    read_values,
    text_of,
)
from bot.views.mrkdwn import Reply, command_text
from privacy.guard import detected_kinds
from storage import casus as store
from storage.engine import read_scope, session_scope
from storage.teams import TeamRef

log = logging.getLogger(__name__)

COMMAND = SlashCommand(
    name="/knelpunt",
    description="Meld in één zin wat er knelt in je werk",
    usage_hint="[wat knelt er?]",
    scopes=MEMBERSHIP_SCOPES,
)
FEATURE = Feature(commands=(COMMAND,), scopes=COMMAND.scopes, interactive=True)


def register(app: App, services: Services) -> None:
    """Attach /knelpunt, its modals and buttons."""

    def handle_knelpunt(
        ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """Acknowledge, then store the signal (or open the modal) and answer privately."""
        ack()
        reply = run_knelpunt(
            command_text(command.get("text") or ""),  # unescaped, no names in mentions
            user_id=command["user_id"],
            channel_id=command.get("channel_id", ""),
            trigger_id=command["trigger_id"],
            client=client,
            services=services,
        )
        if reply is not None:
            respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    def handle_rewrite(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """'Tekst aanpassen' under a refusal sent before refusals opened the modal themselves.

        New refusals carry no button (its value would keep the text in Slack); this keeps the
        buttons of older messages working.
        """
        ack()
        reply = run_knelpunt(
            "",
            prefill=action_value(body),
            user_id=body["user"]["id"],
            channel_id=(body.get("channel") or {}).get("id", ""),
            trigger_id=body["trigger_id"],
            client=client,
            services=services,
        )
        if reply is not None:
            respond(text=reply.text, blocks=reply.blocks, replace_original=False)

    def handle_signal_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Refuse with a field error, or store and confirm (once, also when sent twice)."""
        user_id = body["user"]["id"]
        ack(
            **services.submissions.once(
                body, lambda: submit_signal(view, user_id=user_id, services=services)
            )
        )

    def handle_retag(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """'Knelpunten aanpassen': the user's own signal's knelpunten in a modal."""
        ack()
        view = retag_view(action_value(body), body["user"]["id"], services)
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SLACK_ERRORS as error:
            log.warning("could not open the retag modal: %s", type(error).__name__)

    def handle_retag_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Store the corrected knelpunten of the user's own signal."""
        labels = retag(view, user_id=body["user"]["id"], services=services)
        ack(response_action="update", view=views.build_retag_done_view(labels))

    app.command(COMMAND.name)(guarded(handle_knelpunt))
    app.action(ids.SIGNAL_REWRITE_ACTION)(guarded(handle_rewrite))
    app.view(ids.SIGNAL_MODAL_CALLBACK)(guarded(handle_signal_submission))
    app.action(ids.SIGNAL_RETAG_ACTION)(guarded(handle_retag))
    app.view(ids.SIGNAL_RETAG_CALLBACK)(guarded(handle_retag_submission))


def run_knelpunt(
    text: str,
    *,
    user_id: str,
    channel_id: str,
    trigger_id: str,
    client: WebClient,
    services: Services,
    prefill: str = "",
) -> Reply | None:
    """Store a one-line signal, or open the modal (no text, several teams, or a rewrite)."""
    found = find_teams_or_reply(
        client, channel_id=channel_id, user_id=user_id, text=text, engine=services.engine
    )
    if isinstance(found, Reply):
        return found
    if not text.strip() or len(found) > 1:
        return _open_modal(prefill or text, found, trigger_id, client, services)
    [team] = found
    problem = check_signal(text)
    if problem:
        if detected_kinds(text):
            # Client data: the modal opens with the text to take it out; nothing repeats it in
            # a message or a button's value (Slack keeps those).
            return _open_modal(text, found, trigger_id, client, services, refusal=problem)
        return with_user_text(Reply(text=f"Niet bewaard. {problem}"), text)
    team_id = team.id
    knelpunten = signal_knelpunten(
        text,
        (),
        recognise=lambda line: services.recognise(line, team_id),
        known=services.knelpunt_ids(),
    )
    try:
        signal_id = _store_signal(services, team.id, user_id, text, knelpunten)
    except SQLAlchemyError as error:
        log_storage_error(log, "/knelpunt: storing failed", error)
        return with_user_text(build_storage_unavailable(), text)
    if signal_id is None:
        return with_user_text(views.build_signal_rate_limited(), text)
    return views.build_signal_saved(
        signal_id,
        services.knelpunt_labels(knelpunten.counted),
        possible=services.knelpunt_labels(knelpunten.possible),
    )


def _store_signal(
    services: Services, team_id: int, user_id: str, text: str, knelpunten: ChosenKnelpunten
) -> int | None:
    """Store a checked signal; its id, or None when the user noted enough just now.

    Counting and storing happen in one write transaction, so forty signals sent at once still
    store no more than the limit.
    """
    now = services.clock()
    with session_scope(services.engine) as session:
        recent = store.count_signals_since(
            session=session, user_id=user_id, since=now - views.SIGNAL_WINDOW
        )
        if recent >= views.SIGNALS_PER_WINDOW:
            return None
        signal = store.record_signal(
            session=session,
            team_id=team_id,
            user_id=user_id,
            text=text.strip(),
            knelpunten=knelpunten.links,
            confirmed=knelpunten.confirmed,
            created_at=now,
        )
        assert signal.id is not None
        return signal.id


def _open_modal(
    text: str,
    found: list[TeamRef],
    trigger_id: str,
    client: WebClient,
    services: Services,
    *,
    refusal: str | None = None,
) -> Reply | None:
    view = views.build_signal_modal(
        text=text.strip(),
        teams=[(team.id, team.name) for team in found],
        knelpunt_options=services.knelpunt_options(),
        metadata=encode_metadata({"teams": [team.id for team in found]}),
        refusal=refusal,
    )
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SLACK_ERRORS as error:
        log.warning("/knelpunt: could not open the modal: %s", type(error).__name__)
        if refusal:
            return views.build_signal_refused(refusal)
        return with_user_text(
            Reply(text="Slack opende het venster niet. Probeer het zo opnieuw."), text
        )
    return None


def submit_signal(view: dict[str, Any], *, user_id: str, services: Services) -> dict[str, Any]:
    """The ack arguments for the signal modal's submission."""
    values = read_values(view)
    text = text_of(values, ids.SIGNAL_TEXT_BLOCK)
    errors: dict[str, str] = {}
    problem = check_signal(text)
    if problem:
        errors[ids.SIGNAL_TEXT_BLOCK] = problem
    allowed, team_id = chosen_team(view)
    if team_id is None:
        errors[ids.TEAM_BLOCK if len(allowed) > 1 else ids.SIGNAL_TEXT_BLOCK] = (
            "Kies het team waar dit knelpunt bij hoort."
        )
    if errors:
        return {"response_action": "errors", "errors": errors}
    assert team_id is not None
    knelpunten = signal_knelpunten(
        text,
        list_of(values, ids.KNELPUNTEN_BLOCK),
        recognise=lambda line: services.recognise(line, team_id),
        known=services.knelpunt_ids(),
    )
    try:
        stored = _store_signal(services, team_id, user_id, text, knelpunten)
    except SQLAlchemyError as error:
        log_storage_error(log, "storing a signal failed", error)
        errors[ids.SIGNAL_TEXT_BLOCK] = build_storage_unavailable().text
        return {"response_action": "errors", "errors": errors}
    if stored is None:  # the modal stays open with the text: nothing is lost
        errors[ids.SIGNAL_TEXT_BLOCK] = views.build_signal_rate_limited().text
        return {"response_action": "errors", "errors": errors}
    return {
        "response_action": "update",
        "view": views.build_signal_saved_view(
            services.knelpunt_labels(knelpunten.counted),
            possible=services.knelpunt_labels(knelpunten.possible),
        ),
    }


def retag_view(value: str, user_id: str, services: Services) -> dict[str, Any]:
    """The retag modal for the user's own signal; a 'gone' view for anything else."""
    if value.isdigit():
        with read_scope(services.engine) as session:
            signal = store.get_own_signal(session=session, signal_id=int(value), user_id=user_id)
            if signal is not None:
                chosen = store.signal_knelpunten(session=session, signal_id=int(value))
                return views.build_retag_modal(
                    int(value), knelpunt_options=services.knelpunt_options(), chosen=chosen
                )
    return views.build_retag_done_view(None)


def retag(view: dict[str, Any], *, user_id: str, services: Services) -> list[str] | None:
    """Replace the knelpunten of the user's own signal; None when it is not theirs or gone."""
    metadata = str(view.get("private_metadata") or "")
    if not metadata.isdigit():
        return None
    known = services.knelpunt_ids()
    chosen = [k for k in list_of(read_values(view), ids.KNELPUNTEN_BLOCK) if k in known]
    with session_scope(services.engine) as session:
        signal = store.get_own_signal(session=session, signal_id=int(metadata), user_id=user_id)
        if signal is None:
            return None
        store.correct_signal_knelpunten(session=session, signal=signal, knelpunten=chosen)
    return services.knelpunt_labels(chosen)
