"""Sending the weekspiegel: once per team, week and teamleider, as a direct message.

A delivery is recorded before the message goes out. Slack refusing (rate limit, a closed DM)
marks it failed and it is retried; no answer at all (timeout, 5xx) marks it unknown and it is
not retried, because a teamleider getting the same weekspiegel twice is worse than a preview
they can ask for with `/wijkteam digest`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine

from bot.charts import Chart
from bot.registry import Feature
from bot.slack_ops import SLACK_ERRORS, open_dm, posting_client
from bot.views.weekspiegel import build_weekspiegel
from bot.weekspiegel import (
    IsoWeek,
    Weekspiegel,
    build_weekspiegel_data,
    covered_week,
    digest_moment,
)
from prompts.casus_form import CaseForm
from prompts.library import PromptLibrary
from storage import digest as deliveries
from storage import teams
from storage.engine import read_scope, session_scope
from storage.models import Team

log = logging.getLogger(__name__)

# DMs to teamleiders: conversations.open needs im:write; the 8-week chart needs files:write.
DIGEST_FEATURE = Feature(scopes=("chat:write", "im:write", "files:write"))
CATCH_UP = timedelta(hours=48)  # a bot that was down sends a late weekspiegel this long


@dataclass(frozen=True)
class Delivery:
    """What happened to one teamleider's weekspiegel."""

    team_id: int
    week: str
    user_id: str
    outcome: str  # sent | exists | failed | unknown


@dataclass(frozen=True)
class SentAs:
    """What a sent weekspiegel was built from, to rebuild it without a text that must go."""

    quote_ids: tuple[int, ...]
    agenda: str | None


@dataclass(frozen=True)
class WeekspiegelSender:
    """Computes and sends weekspiegels."""

    engine: Engine
    client: WebClient
    labels: Mapping[str, str]
    library: PromptLibrary
    form: CaseForm
    timezone: ZoneInfo
    min_group_size: int

    def compute(
        self,
        team: Team,
        week: IsoWeek,
        now: datetime,
        *,
        quote_ids: Sequence[int] | None = None,
        agenda: str | None = None,
    ) -> Weekspiegel:
        """The weekspiegel of a team for a week as it may be shown at `now` (a week not over yet:
        a preview, without that week's anonymous answers)."""
        with read_scope(self.engine) as session:
            return build_weekspiegel_data(
                session=session,
                team=team,
                week=week,
                labels=self.labels,
                library=self.library,
                form=self.form,
                timezone=self.timezone,
                min_group_size=self.min_group_size,
                now=now,
                quote_ids=quote_ids,
                agenda=agenda,
            )

    def preview(self, team: Team, now: datetime) -> Weekspiegel:
        """The weekspiegel of the current week so far, as a teamleider may see it any time."""
        week = IsoWeek.of(now.astimezone(self.timezone).date())
        return self.compute(team, week, now)

    def send_due(self, now: datetime) -> list[Delivery]:
        """Send every weekspiegel whose moment has come (idempotent; call it every minute)."""
        results: list[Delivery] = []
        with read_scope(self.engine) as session:
            all_teams = teams.list_teams(session=session)
        for team in all_teams:
            week = covered_week(team, now, self.timezone)
            moment = digest_moment(team, week, self.timezone)
            if now - moment > CATCH_UP:
                continue
            results += self.send(team, week, added_before=moment, now=now)
        return results

    def send(
        self, team: Team, week: IsoWeek, *, added_before: datetime, now: datetime
    ) -> list[Delivery]:
        """Send the team's weekspiegel of `week` to each teamleider who has not had it."""
        assert team.id is not None
        with read_scope(self.engine) as session:
            leaders = deliveries.leaders_due(
                session=session, team=team, week=str(week), added_before=added_before
            )
        if not leaders:
            return []
        weekspiegel = self.compute(team, week, now)
        text, blocks = build_weekspiegel(weekspiegel)
        chart = _chart(weekspiegel)
        sent_as = SentAs(
            quote_ids=weekspiegel.quote_ids,
            agenda=(
                f"{weekspiegel.agenda.knelpunt_id}|{weekspiegel.agenda.prompt_id}"
                if weekspiegel.agenda
                else None
            ),
        )
        return [
            self._deliver(team.id, str(week), leader, text, blocks, sent_as, chart)
            for leader in leaders
        ]

    def _deliver(
        self,
        team_id: int,
        week: str,
        user_id: str,
        text: str,
        blocks: list[dict[str, Any]],
        sent_as: SentAs,
        chart: Chart | None = None,
    ) -> Delivery:
        with session_scope(self.engine) as session:
            if not deliveries.claim_delivery(
                session=session, team_id=team_id, week=week, user_id=user_id
            ):
                return Delivery(team_id, week, user_id, "exists")
        status, error, channel = "sent", None, ""
        posted: tuple[str, str] | None = None
        try:
            channel = open_dm(self.client, user_id)
            response = posting_client(self.client).chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
            posted = (str(response["channel"]), str(response["ts"]))
        except SlackApiError as failure:
            # A 5xx may or may not have posted it: do not risk a second copy.
            status = "unknown" if failure.response.status_code >= 500 else "failed"
            error = str(failure.response.get("error") or failure.response.status_code)[:64]
            log.warning("weekspiegel for team %s: Slack answered %s", team_id, error)
        except (SlackClientError, OSError) as failure:
            log.warning("weekspiegel for team %s: no answer (%s)", team_id, type(failure).__name__)
            status, error = "unknown", type(failure).__name__[:64]
        with session_scope(self.engine) as session:
            deliveries.finish_delivery(
                session=session, team_id=team_id, week=week, user_id=user_id, status=status,
                error=error, posted=posted, quote_ids=sent_as.quote_ids, agenda=sent_as.agenda,
            )  # fmt: skip
        if status == "sent":
            log.info("weekspiegel %s sent for team %s", week, team_id)
            if chart is not None:
                self._upload_chart(channel, chart, team_id)
        return Delivery(team_id, week, user_id, status)

    def _upload_chart(self, channel: str, chart: Chart, team_id: int) -> None:
        """The 8-week chart under the weekspiegel; the message stands without it."""
        try:
            posting_client(self.client).files_upload_v2(
                channel=channel,
                content=chart.png,
                filename=chart.filename,
                title=chart.title,
                alt_txt=chart.alt[:1000],
            )
        except SLACK_ERRORS as failure:
            log.warning("weekspiegel chart for team %s not uploaded (%s)", team_id,
                        type(failure).__name__)  # fmt: skip


def _chart(weekspiegel: Weekspiegel) -> Chart | None:
    """The 8-week chart of the recurring knelpunten (matplotlib loads only when one is drawn)."""
    if not weekspiegel.recurring:
        return None
    from bot.charts import weekspiegel_chart

    return weekspiegel_chart(weekspiegel)
