"""Editing the bot's own Slack messages that quote a text that was erased, purged or changed.

A casuïstiek prompt that quoted a case is rebuilt from the cases it may still show; a
weekspiegel DM is rebuilt from what it was made of (same week, agenda and remaining quotes).
Each edit is queued first (storage.slack_copies), so a Slack outage delays it but never loses
it: the scheduler's housekeeping retries what is due.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import ids
from bot.digest import WeekspiegelSender
from bot.slack_ops import SLACK_ERRORS
from bot.views.mrkdwn import section
from bot.views.prompt import build_prompt_message, prompt_fallback_text
from bot.views.weekspiegel import build_weekspiegel
from bot.weekspiegel import IsoWeek
from prompts.library import PromptLibrary
from storage import slack_copies, teams
from storage.engine import read_scope, session_scope
from storage.models import SlackCleanup

log = logging.getLogger(__name__)

# Slack answers these when there is nothing (left) to edit: the message or its channel is gone.
GONE_ERRORS = frozenset({"message_not_found", "channel_not_found", "thread_not_found"})


@dataclass(frozen=True)
class CopiesOutcome:
    """How many queued edits Slack took, and how many still wait for a retry."""

    edited: int
    pending: int


@dataclass(frozen=True)
class CopyEditor:
    """Rebuilds and edits the bot's messages that quote people."""

    client: WebClient
    library: PromptLibrary
    sender: WeekspiegelSender

    def run(self, now: datetime, *, only: Sequence[int] | None = None) -> CopiesOutcome:
        """Edit every queued message that is due (or just `only` these queue rows)."""
        if only is not None and not only:
            return CopiesOutcome(0, 0)
        with read_scope(self.sender.engine) as session:
            rows = slack_copies.due(session=session, now=now, only=only)
        edited = 0
        for row in rows:
            assert row.id is not None
            problem = self._edit(row, now)
            with session_scope(self.sender.engine) as session:
                if problem is None:
                    slack_copies.finish(session=session, cleanup_id=row.id)
                    edited += 1
                else:
                    slack_copies.postpone(
                        session=session, cleanup_id=row.id, now=now, error=problem
                    )
        with read_scope(self.sender.engine) as session:
            waiting = slack_copies.pending(
                session=session, cleanup_ids=[r.id for r in rows if r.id is not None]
            )
        return CopiesOutcome(edited, waiting)

    def _edit(self, row: SlackCleanup, now: datetime) -> str | None:
        """Edit one message; None when done (or nothing is left to edit), else the problem."""
        try:
            if row.kind == slack_copies.KIND_PROMPT:
                self._edit_prompt(row.ref_id)
            elif row.kind == slack_copies.KIND_WEEKSPIEGEL:
                self._edit_weekspiegel(row.ref_id, now)
        except SlackApiError as error:
            code = str(error.response.get("error") or error.response.status_code)
            if code in GONE_ERRORS:
                return None
            log.warning("editing a %s message of the bot failed: %s", row.kind, code)
            return code
        except SLACK_ERRORS as error:
            log.warning(
                "editing a %s message of the bot failed: %s", row.kind, type(error).__name__
            )
            return type(error).__name__
        return None

    def _edit_prompt(self, slot_id: int) -> None:
        with read_scope(self.sender.engine) as session:
            found = slack_copies.prompt_copy(session=session, slot_id=slot_id)
        if found is None:
            return
        slot, cases = found
        try:
            prompt = self.library.by_id(slot.prompt_id)
        except KeyError:  # removed from the library since: keep the message, drop every quote
            text = "Reflectievraag (de ingebrachte casussen zijn gewist)"
            self.client.chat_update(
                channel=slot.channel_id, ts=str(slot.message_ts), text=text, blocks=[section(text)]
            )
            return
        self.client.chat_update(
            channel=slot.channel_id,
            ts=str(slot.message_ts),
            text=prompt_fallback_text(prompt),
            blocks=build_prompt_message(prompt, slot_id=slot_id, cases=cases),
            metadata={
                "event_type": ids.PROMPT_METADATA_EVENT,
                "event_payload": {"slot_id": slot_id, "slot_key": slot.slot_key},
            },
        )

    def _edit_weekspiegel(self, delivery_id: int, now: datetime) -> None:
        with read_scope(self.sender.engine) as session:
            found = slack_copies.weekspiegel_copy(session=session, delivery_id=delivery_id)
            team = teams.get_team(session=session, team_id=found[0].team_id) if found else None
        if found is None or team is None:
            return
        delivery, quote_ids = found
        weekspiegel = self.sender.compute(
            team, IsoWeek.parse(delivery.week), now, quote_ids=quote_ids, agenda=delivery.agenda
        )
        text, blocks = build_weekspiegel(weekspiegel)
        self.client.chat_update(
            channel=str(delivery.channel_id), ts=str(delivery.message_ts), text=text, blocks=blocks
        )
        with session_scope(self.sender.engine) as session:
            slack_copies.forget_quotes(
                session=session, delivery_id=delivery_id, keep=list(weekspiegel.quote_ids)
            )
