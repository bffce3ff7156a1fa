"""The signal to the gemeente (button, Home select, modal), sharing on/off, and the rapport.

Listeners only: parse, call bot.gemeente_signal / bot.gemeente / RapportSender, render.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot import ids
from bot.failures import guarded
from bot.gemeente import requested_month, set_team_sharing, sharing_preview
from bot.gemeente_signal import check_note, figures_now, send_signal
from bot.listeners.events.app_home import publish_home
from bot.rapport import Month
from bot.rapport_sender import ON_REQUEST, RAPPORT_FEATURE
from bot.registry import Feature
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS
from bot.views import gemeente as views
from bot.views import wijkteam as wijkteam_views
from bot.views.errors import build_storage_unavailable
from bot.views.inputs import action_value, decode_metadata, read_values, text_of
from bot.views.mrkdwn import Reply
from bot.wijkteam import is_direct_message
from storage import teams
from storage.engine import read_scope, session_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True, scopes=RAPPORT_FEATURE.scopes)
STORAGE_BUSY = "Versturen lukte even niet; er is niets verstuurd. Probeer het zo opnieuw."


def _chosen_value(body: Mapping[str, Any]) -> str:
    """The clicked button's value, or the option chosen in a select."""
    actions = body.get("actions") or [{}]
    first = actions[0] if isinstance(actions, list) and isinstance(actions[0], Mapping) else {}
    option = first.get("selected_option")
    if isinstance(option, Mapping):
        return str(option.get("value") or "")
    return action_value(body)


def register(app: App, services: Services) -> None:
    """Attach the buttons, the select and the modal of the signalenrapport."""

    def handle_signal_open(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """Open the signal modal for a teamleider of the team (pushed when inside a modal)."""
        ack()
        view = signal_modal(_chosen_value(body), body["user"]["id"], services)
        if (body.get("view") or {}).get("type") == "modal":
            client.views_push(trigger_id=body["trigger_id"], view=view)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=view)

    def handle_signal_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Refuse a note with client data (nothing sent), or store the signal and confirm."""
        note = text_of(read_values(view), ids.GEMEENTE_NOTE_BLOCK)
        problem = check_note(note)
        if problem:
            ack(response_action="errors", errors={ids.GEMEENTE_NOTE_BLOCK: problem})
            return
        metadata = decode_metadata(view.get("private_metadata"))
        team_id, knelpunt_id = metadata.get("team"), str(metadata.get("knelpunt") or "")
        labels = dict(services.knelpunt_options())
        now = services.clock()
        try:
            with session_scope(services.engine) as session:
                signal = (
                    send_signal(session=session, team_id=team_id, user_id=body["user"]["id"],
                                knelpunt_id=knelpunt_id, note=note, now=now, labels=labels,
                                timezone=services.settings.timezone, floors=services.floors())
                    if isinstance(team_id, int) else None
                )  # fmt: skip
        except SQLAlchemyError:
            log.exception("storing a signal to the gemeente failed")
            ack(response_action="errors", errors={ids.GEMEENTE_NOTE_BLOCK: STORAGE_BUSY})
            return
        if signal is None:
            refused = views.build_signal_refused(
                "Alleen een teamleider van dit team kan een signaal naar de gemeente sturen."
            )
            ack(response_action="update", view=refused)
            return
        month = Month.of(now.astimezone(services.settings.timezone).date())
        ack(response_action="update", view=views.build_signal_sent(labels[knelpunt_id], month))
        log.info("a signal to the gemeente was sent for team %s", team_id)

    def handle_sharing(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        """A teamleider confirmed sharing on, or stopped it."""
        ack()
        on = (body.get("actions") or [{}])[0].get("action_id") == ids.SHARE_ON_ACTION
        reply = change_sharing(action_value(body), body["user"]["id"], on=on, services=services)
        respond(text=reply.text, blocks=reply.blocks, replace_original=True)
        publish_home(client, body["user"]["id"], services)

    def handle_rapport_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """The Home tab button of a beleidsadviseur: the rapport into their DM."""
        ack()
        send_rapport(body["user"]["id"], action_value(body), client=client, services=services)

    app.action(ids.GEMEENTE_SIGNAL_ACTION)(guarded(handle_signal_open))
    app.action(ids.GEMEENTE_SIGNAL_SELECT)(guarded(handle_signal_open))
    app.view(ids.GEMEENTE_SIGNAL_CALLBACK)(guarded(handle_signal_submit))
    app.action(ids.SHARE_ON_ACTION)(guarded(handle_sharing))
    app.action(ids.SHARE_OFF_ACTION)(guarded(handle_sharing))
    app.action(ids.RAPPORT_ACTION)(guarded(handle_rapport_button))


def signal_modal(value: str, user_id: str, services: Services) -> dict[str, Any]:
    """The modal for `value` ("team_id|knelpunt_id"), or a refusal for a non-leader."""
    team_part, _, knelpunt_id = value.partition("|")
    labels = dict(services.knelpunt_options())
    try:
        with read_scope(services.engine) as session:
            team = teams.get_led_team(session=session, team_ref=team_part, user_id=user_id)
            if team is None or team.id is None or knelpunt_id not in labels:
                return views.build_signal_refused(
                    "Alleen een teamleider van dit team kan een signaal naar de gemeente sturen."
                )
            figures = figures_now(session=session, team=team, knelpunt_id=knelpunt_id,
                                  now=services.clock(), labels=labels,
                                  timezone=services.settings.timezone,
                                  floors=services.floors())  # fmt: skip
    except SQLAlchemyError:
        log.exception("signal modal: database error")
        return views.build_signal_refused(STORAGE_BUSY)
    return views.build_signal_modal(team.id, team.name, figures, services.floors())


def change_sharing(value: str, user_id: str, *, on: bool, services: Services) -> Reply:
    """Switch team `value`'s sharing if the user leads it."""
    try:
        with session_scope(services.engine) as session:
            team = teams.get_led_team(session=session, team_ref=value, user_id=user_id)
            if team is None:
                return views.build_only_leaders_share()
            set_team_sharing(session=session, team=team, user_id=user_id, on=on,
                             now=services.clock())  # fmt: skip
            return views.build_sharing_changed(team.name, on)
    except SQLAlchemyError:
        log.exception("changing sharing failed")
        return build_storage_unavailable()


def send_rapport(user_id: str, month_text: str, *, client: WebClient, services: Services) -> Reply:
    """The role check, then the rapport of the month into the user's DM."""
    sender = services.rapport_sender(client)
    if not sender.is_beleidsadviseur(user_id):
        return views.build_rapport_only_role()
    now = services.clock()
    try:
        month = requested_month(month_text, now, services.settings.timezone)
    except ValueError as error:
        return views.build_month_problem(str(error))
    try:
        rapport = sender.compute(month, now)
        status, _error = sender.deliver(rapport, user_id, reason=ON_REQUEST)
    except SQLAlchemyError:
        log.exception("rapport on request: database error")
        return build_storage_unavailable()
    except SLACK_ERRORS:
        log.warning("rapport on request: Slack did not answer")
        return views.build_rapport_not_sent()
    if status != "sent":
        return views.build_rapport_not_sent()
    return views.build_rapport_sent(month, partial=rapport.partial_until is not None)


def sharing_command(
    user_id: str, channel_id: str, argument: str, *, channel_name: str, services: Services
) -> Reply:
    """`/wijkteam delen [uit]`: what the team would share (with the switch), or stop sharing."""
    if is_direct_message(channel_id, channel_name):
        return wijkteam_views.build_not_in_a_channel()
    now = services.clock()
    try:
        with session_scope(services.engine) as session:
            team = teams.get_team_by_channel(session=session, channel_id=channel_id)
            if team is None:
                return wijkteam_views.build_channel_not_linked()
            if not teams.is_teamleider(session=session, team=team, user_id=user_id):
                leaders = teams.list_teamleiders(session=session, team=team)
                return wijkteam_views.build_only_leaders(team, leaders)
            if argument.strip().lower() in ("uit", "nee", "stop"):
                if set_team_sharing(session=session, team=team, user_id=user_id, on=False,
                                    now=now):  # fmt: skip
                    return views.build_sharing_changed(team.name, False)
                return views.build_sharing_already_off(team.name)
            preview = sharing_preview(session=session, team=team, now=now, lines=services.lines,
                                      timezone=services.settings.timezone,
                                      floors=services.floors())  # fmt: skip
    except SQLAlchemyError:
        log.exception("/wijkteam delen: database error")
        return build_storage_unavailable()
    return views.build_sharing_preview(preview, dict(services.knelpunt_options()))
