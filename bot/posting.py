"""Posting prompts exactly once: record the slot, claim it, post with metadata, mark it sent.

A post whose outcome is unknown (a timeout after Slack may have accepted it) keeps its claim;
when the claim goes stale, recovery first looks in the channel's history for a message carrying
the slot's id in its metadata, and only posts when there is none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine

from bot import ids
from bot.backoff import PostingBackoff
from bot.registry import Feature
from bot.rotation import next_prompt
from bot.schedule import Occurrence, Schedule, add_working_days, due_occurrence
from bot.slack_ops import CHANNEL_GONE_ERRORS, SLACK_ERRORS, open_dm, posting_client
from bot.views.prompt import build_prompt_message, build_reminder, prompt_fallback_text
from bot.views.team_notices import build_channel_unreachable
from prompts.library import PromptLibrary
from storage import answers, casus, prompts, teams
from storage.engine import session_scope
from storage.models import PromptSlot, Team

log = logging.getLogger(__name__)

# Posting needs to read channel history (recovery) and to DM teamleiders when a channel is gone.
POSTING_FEATURE = Feature(scopes=("chat:write", "channels:history", "groups:history", "im:write"))

RETRY_WINDOW = timedelta(hours=24)  # a recorded slot is retried this long: outages delay, not drop
REMINDER_WORKING_DAYS = 2
CASE_THEME = "casuistiek"
MAX_CASES_BROUGHT_UP = 3  # cases marked 'inbrengen' shown in one casuïstiek prompt


class HistoryUnreadableError(Exception):
    """The channel history could not be read, so whether a slot was posted is unknown."""


@dataclass(frozen=True)
class PostResult:
    """What happened to one slot."""

    team_id: int
    slot_key: str
    outcome: str  # posted | recovered | exists | busy | retry | unknown | failed


@dataclass(frozen=True)
class PromptPoster:
    """Everything posting needs: the database, a Slack client, the prompt library, settings."""

    engine: Engine
    client: WebClient
    library: PromptLibrary
    timezone: ZoneInfo
    min_group_size: int
    # Set after Slack's app_rate_limited: while it holds, nothing is posted (it is caught up on).
    backoff: PostingBackoff | None = None

    def holding(self, now: datetime) -> bool:
        """Whether posting waits at `now` because Slack asked the app to slow down."""
        if self.backoff is None or not self.backoff.holding(now):
            return False
        log.info("posting waits until %s (Slack: app_rate_limited)", self.backoff.until)
        return True

    # -- choosing and recording ---------------------------------------------------------------

    def record_next_slot(
        self,
        team: Team,
        *,
        slot_key: str,
        kind: str,
        now: datetime,
        prompt_id: str | None = None,
        slot_date: date | None = None,
    ) -> int | None:
        """Record the team's next prompt under slot_key (committed); None if it exists already."""
        with session_scope(self.engine) as session:
            assert team.id is not None
            history = prompts.prompt_history(session=session, team_id=team.id)
            prompt = (
                self.library.by_id(prompt_id)
                if prompt_id
                else next_prompt(
                    self.library,
                    team_id=team.id,
                    team_themes=teams.team_themes(team),
                    history=history,
                )
            )
            slot = prompts.record_slot(
                session=session,
                team=team,
                slot_key=slot_key,
                kind=kind,
                slot_date=slot_date or now.astimezone(self.timezone).date(),
                prompt_id=prompt.id,
                theme=prompt.theme,
                now=now,
            )
            return None if slot is None else slot.id

    def post_due_prompts(self, now: datetime, *, team_id: int | None = None) -> list[PostResult]:
        """Record and post every scheduled prompt that is due now (idempotent)."""
        if self.holding(now):
            return []
        due: list[tuple[Team, Occurrence]] = []
        with session_scope(self.engine) as session:
            for team in teams.list_active_teams(session=session, team_id=team_id):
                schedule = Schedule(team.prompt_weekday, team.prompt_minute, team.skip_holidays)
                occurrence = due_occurrence(schedule, now, self.timezone)
                if occurrence is None:
                    continue
                assert team.id is not None
                if not prompts.slot_exists(
                    session=session, team_id=team.id, slot_key=occurrence.slot_key
                ):
                    due.append((team, occurrence))
        results = []
        for team, occurrence in due:
            assert team.id is not None
            slot_id = self.record_next_slot(
                team,
                slot_key=occurrence.slot_key,
                kind="schema",
                now=now,
                slot_date=occurrence.slot_date,
            )
            if slot_id is None:
                results.append(PostResult(team.id, occurrence.slot_key, "exists"))
                continue
            results.append(self.post_slot(slot_id, now=now))
        return results

    def post_extra_prompt(
        self, team: Team, now: datetime, *, prompt_id: str | None = None, kind: str = "extra"
    ) -> PostResult:
        """Post the team's next prompt now, at most once per team, kind and day."""
        assert team.id is not None
        slot_key = f"{kind}:{now.astimezone(self.timezone).date().isoformat()}"
        if prompt_id:
            slot_key = f"{slot_key}:{prompt_id}"
        slot_id = self.record_next_slot(
            team, slot_key=slot_key, kind=kind, now=now, prompt_id=prompt_id
        )
        if slot_id is None:
            return PostResult(team.id, slot_key, "exists")
        return self.post_slot(slot_id, now=now)

    # -- posting ------------------------------------------------------------------------------

    def post_slot(self, slot_id: int, *, now: datetime) -> PostResult:
        """Claim a recorded slot and post it; safe to call from several processes."""
        with session_scope(self.engine) as session:
            if not prompts.claim_slot(session=session, slot_id=slot_id, now=now):
                slot = prompts.get_slot(session=session, slot_id=slot_id)
                assert slot is not None
                return PostResult(slot.team_id, slot.slot_key, "busy")
            slot = prompts.get_slot(session=session, slot_id=slot_id)
            assert slot is not None
            team = session.get(Team, slot.team_id)
            assert team is not None
            prompt = self.library.by_id(slot.prompt_id)
            brought_up = (
                casus.cases_to_bring_up(
                    session=session, team_id=slot.team_id, limit=MAX_CASES_BROUGHT_UP
                )
                if prompt.theme == CASE_THEME
                else []
            )
            case_texts = [case.description for case in brought_up]
            case_ids = [case.id for case in brought_up if case.id is not None]

        if slot.attempts > 1:
            try:
                found_ts = self._find_posted(slot)
            except HistoryUnreadableError:
                # Slack may have the post from the earlier attempt: posting now could double it.
                return PostResult(slot.team_id, slot.slot_key, "unknown")
            if found_ts is not None:
                self._mark_sent(slot, team, found_ts, now, case_ids)
                return PostResult(slot.team_id, slot.slot_key, "recovered")

        try:
            response = posting_client(self.client).chat_postMessage(
                channel=slot.channel_id,
                text=prompt_fallback_text(prompt),
                blocks=build_prompt_message(prompt, slot_id=slot_id, cases=case_texts),
                metadata={
                    "event_type": ids.PROMPT_METADATA_EVENT,
                    "event_payload": {"slot_id": slot_id, "slot_key": slot.slot_key},
                },
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as error:
            return self._handle_post_error(slot, team, error, now)
        except (SlackClientError, OSError) as error:
            # Slack may or may not have posted it: keep the claim; recovery checks the history.
            log.warning("prompt slot %s: no answer from Slack (%s)", slot_id, type(error).__name__)
            return PostResult(slot.team_id, slot.slot_key, "unknown")
        self._mark_sent(slot, team, str(response["ts"]), now, case_ids)
        log.info("prompt slot %s posted for team %s", slot_id, slot.team_id)
        return PostResult(slot.team_id, slot.slot_key, "posted")

    def _mark_sent(
        self, slot: PromptSlot, team: Team, ts: str, now: datetime, case_ids: list[int]
    ) -> None:
        assert slot.id is not None
        reminder = (
            add_working_days(now, REMINDER_WORKING_DAYS, self.timezone)
            if team.reminder_enabled
            else None
        )
        with session_scope(self.engine) as session:
            prompts.mark_sent(
                session=session, slot_id=slot.id, message_ts=ts, reminder_due_at=reminder
            )
            teams.clear_attention(session=session, team_id=slot.team_id)
            # Shown in this casuïstiek prompt: the cases now count as discussed.
            casus.mark_discussed(session=session, casus_ids=case_ids, slot_id=slot.id)

    def _find_posted(self, slot: PromptSlot) -> str | None:
        """The ts of a message in the channel carrying this slot's id; None if Slack has none.

        Raises HistoryUnreadableError when Slack cannot say (an outage): then nobody knows.
        """
        # No `oldest` filter: our clock and Slack's may differ; a slot is retried for a day at
        # most and a team channel rarely sees 200 messages in a day.
        try:
            response = self.client.conversations_history(
                channel=slot.channel_id, include_all_metadata=True, limit=200
            )
        except SlackApiError as error:
            if error.response.get("error") in CHANNEL_GONE_ERRORS:
                return None  # posting will fail the same way and tell the teamleiders
            log.warning("prompt slot %s: history not readable (%s)", slot.id, type(error).__name__)
            raise HistoryUnreadableError from error
        except (SlackClientError, OSError) as error:
            log.warning("prompt slot %s: history not readable (%s)", slot.id, type(error).__name__)
            raise HistoryUnreadableError from error
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if (
                metadata.get("event_type") == ids.PROMPT_METADATA_EVENT
                and payload.get("slot_id") == slot.id
            ):
                return str(message["ts"])
        return None

    def _handle_post_error(
        self, slot: PromptSlot, team: Team, error: SlackApiError, now: datetime
    ) -> PostResult:
        assert slot.id is not None
        code = str(error.response.get("error") or f"http_{error.response.status_code}")
        if code in CHANNEL_GONE_ERRORS:
            with session_scope(self.engine) as session:
                prompts.mark_failed(session=session, slot_id=slot.id, error=code)
                newly = teams.flag_attention(
                    session=session, team_id=slot.team_id, reason=code, now=now
                )
                leaders = teams.list_teamleiders(session=session, team=team)
            log.warning("team %s needs attention: %s", slot.team_id, code)
            if newly:
                self._notify_leaders(team, leaders, code)
            return PostResult(slot.team_id, slot.slot_key, "failed")
        if error.response.status_code >= 500:
            log.warning(
                "prompt slot %s: Slack answered HTTP %s", slot.id, error.response.status_code
            )
            return PostResult(slot.team_id, slot.slot_key, "unknown")
        # Slack answered and did not post (rate limit after retries, or another refusal): retry.
        with session_scope(self.engine) as session:
            prompts.release_slot(session=session, slot_id=slot.id, error=code)
        log.warning("prompt slot %s: Slack refused (%s); will retry", slot.id, code)
        return PostResult(slot.team_id, slot.slot_key, "retry")

    def _notify_leaders(self, team: Team, leaders: list[str], code: str) -> None:
        text = build_channel_unreachable(team, code)
        for leader in leaders:
            try:
                posting_client(self.client).chat_postMessage(
                    channel=open_dm(self.client, leader), text=text
                )
            except SLACK_ERRORS as error:
                log.warning(
                    "could not tell a teamleider of team %s (%s)", team.id, type(error).__name__
                )

    # -- housekeeping -------------------------------------------------------------------------

    def retry_unfinished(self, now: datetime) -> list[PostResult]:
        """Retry pending slots and recover stale claims from the last day."""
        if self.holding(now):
            return []
        with session_scope(self.engine) as session:
            slot_ids = [
                slot.id
                for slot in prompts.list_unfinished_slots(session=session, since=now - RETRY_WINDOW)
                if slot.id is not None
            ]
        return [self.post_slot(slot_id, now=now) for slot_id in slot_ids]

    def claims_go_stale_at(self) -> datetime | None:
        """When recovery may take over the oldest claimed post (one a dead process left)."""
        with session_scope(self.engine) as session:
            return prompts.claims_go_stale_at(session=session)

    def send_due_reminders(self, now: datetime) -> int:
        """Post the one gentle reminder in each prompt thread whose time has come."""
        if self.holding(now):
            return 0
        sent = 0
        with session_scope(self.engine) as session:
            due = prompts.list_due_reminders(session=session, now=now)
        for slot in due:
            assert slot.id is not None
            with session_scope(self.engine) as session:
                if not prompts.claim_reminder(session=session, slot_id=slot.id, now=now):
                    continue
                count, _people = answers.count_answers(session=session, slot_id=slot.id)
            shown = count if count >= self.min_group_size else None
            try:
                posting_client(self.client).chat_postMessage(
                    channel=slot.channel_id, thread_ts=slot.message_ts, text=build_reminder(shown)
                )
                sent += 1
            except SLACK_ERRORS as error:
                log.warning("reminder for slot %s not posted (%s)", slot.id, type(error).__name__)
        return sent
