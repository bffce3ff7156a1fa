"""Computing and sending the signalenrapport: monthly, once per beleidsadviseur, and on demand.

The monthly rapport (about the month before) goes out on the first working day of the month at
09:00. Like the weekspiegel, each delivery is recorded before the message goes out, so a
restart or a second process never sends it twice; Slack refusing is retried, no answer is not.
The message carries the rapport as Block Kit, its charts as images and the whole rapport as an
HTML page (the same one `reflectiebot rapport --html` writes).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine

from bot.rapport import TREND_MONTHS, Floors, Month, Rapport, build_rapport, first_working_day
from bot.registry import Feature
from bot.schedule import local_moment
from bot.slack_ops import SLACK_ERRORS, open_dm, posting_client
from bot.views.rapport import build_rapport_message
from prompts.casus_form import CaseForm
from prompts.lijnen import Lines
from storage import audit
from storage import rapport as queries
from storage.engine import read_scope, session_scope

log = logging.getLogger(__name__)

# The DM, its charts and the HTML page: conversations.open needs im:write, uploads files:write.
RAPPORT_FEATURE = Feature(scopes=("chat:write", "im:write", "files:write"))
RAPPORT_MINUTE = 9 * 60  # 09:00 on the first working day
CATCH_UP = timedelta(days=7)  # a bot that was down sends the monthly rapport this late
MONTHLY = "maandelijks"
ON_REQUEST = "op verzoek"


@dataclass(frozen=True)
class RapportDelivery:
    """What happened to one beleidsadviseur's rapport."""

    month: str
    user_id: str
    outcome: str  # sent | exists | failed | unknown


def rapport_moment(month: Month, timezone: ZoneInfo) -> datetime:
    """When the rapport about `month` goes out: the next month's first working day, 09:00."""
    return local_moment(first_working_day(month.shifted(1)), RAPPORT_MINUTE, timezone)


def last_complete_month(now: datetime, timezone: ZoneInfo) -> Month:
    """The month before the one `now` falls in."""
    return Month.of(now.astimezone(timezone).date()).shifted(-1)


@dataclass(frozen=True)
class RapportSender:
    """Computes rapports and sends them to beleidsadviseurs."""

    engine: Engine
    client: WebClient
    labels: Mapping[str, str]
    form: CaseForm
    lines: Lines
    timezone: ZoneInfo
    floors: Floors
    recipients: frozenset[str]

    def is_beleidsadviseur(self, user_id: str) -> bool:
        """The role check: only the Slack ids in BELEIDSADVISEURS may read the rapport."""
        return user_id in self.recipients

    def compute(self, month: Month, now: datetime) -> Rapport:
        """The rapport of `month` (up to `now` when the month is not over yet)."""
        window_start = month.shifted(1 - TREND_MONTHS).bounds(self.timezone)[0]
        start, end = month.bounds(self.timezone)
        partial = now if now < end else None
        end = min(end, now)
        with read_scope(self.engine) as session:
            sharing = queries.sharing_teams(session=session)
            team_ids = [team_id for team_id, _ in sharing]
            signals = queries.gemeente_signals(session=session, start=start, end=end)
            cases = queries.choice_rows(session=session, team_ids=team_ids, start=window_start,
                                        end=end)  # fmt: skip
            mentions = queries.team_mentions(session=session, team_ids=team_ids,
                                             start=window_start, end=end)  # fmt: skip
        return build_rapport(
            month,
            signals=signals,
            sharing=sharing,
            cases=cases,
            mentions=mentions,
            labels=self.labels,
            form=self.form,
            lines=self.lines,
            floors=self.floors,
            timezone=self.timezone,
            partial_until=partial,
        )

    def send_due(self, now: datetime) -> list[RapportDelivery]:
        """Send last month's rapport to every beleidsadviseur who has not had it (idempotent)."""
        month = last_complete_month(now, self.timezone)
        moment = rapport_moment(month, self.timezone)
        if not moment <= now <= moment + CATCH_UP or not self.recipients:
            return []
        with read_scope(self.engine) as session:
            done = queries.delivered_users(session=session, month=str(month))
        due = sorted(self.recipients - done)
        if not due:
            return []
        rapport = self.compute(month, now)
        return [self._monthly(rapport, user_id) for user_id in due]

    def _monthly(self, rapport: Rapport, user_id: str) -> RapportDelivery:
        month = str(rapport.month)
        with session_scope(self.engine) as session:
            if not queries.claim_rapport_delivery(session=session, month=month, user_id=user_id):
                return RapportDelivery(month, user_id, "exists")
        status, error = self.deliver(rapport, user_id, reason=MONTHLY)
        with session_scope(self.engine) as session:
            queries.finish_rapport_delivery(
                session=session, month=month, user_id=user_id, status=status, error=error
            )
        return RapportDelivery(month, user_id, status)

    def deliver(self, rapport: Rapport, user_id: str, *, reason: str) -> tuple[str, str | None]:
        """Post the rapport to the user's DM, then its charts and HTML page; (status, error)."""
        from bot.charts import rapport_charts
        from bot.rapport_html import render_html

        text, blocks = build_rapport_message(rapport)
        try:
            channel = open_dm(self.client, user_id)
            posting_client(self.client).chat_postMessage(
                channel=channel, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
            )
        except SlackApiError as failure:
            # A 5xx may or may not have posted it: do not risk a second copy.
            status = "unknown" if failure.response.status_code >= 500 else "failed"
            error = str(failure.response.get("error") or failure.response.status_code)[:64]
            log.warning("signalenrapport %s: Slack answered %s", rapport.month, error)
            return status, error
        except (SlackClientError, OSError) as failure:
            log.warning("signalenrapport %s: no answer (%s)", rapport.month,
                        type(failure).__name__)  # fmt: skip
            return "unknown", type(failure).__name__[:64]
        with session_scope(self.engine) as session:
            audit.record(session=session, actor=user_id, action="rapport-ontvangen",
                         detail=f"{rapport.month} {reason}")  # fmt: skip
        charts = rapport_charts(rapport)
        uploads = [
            {"content": chart.png, "filename": chart.filename, "title": chart.title,
             "alt_txt": chart.alt[:1000]}
            for chart in charts
        ]  # fmt: skip
        uploads.append(
            {
                "content": render_html(rapport, charts).encode("utf-8"),
                "filename": f"signalenrapport-{rapport.month}.html",
                "title": f"Signalenrapport {rapport.month.label()} (HTML, printbaar)",
            }
        )
        try:
            posting_client(self.client).files_upload_v2(channel=channel, file_uploads=uploads)
        except SLACK_ERRORS as failure:  # the message is there; the attachments are extra
            log.warning("signalenrapport %s: attachments not uploaded (%s)", rapport.month,
                        type(failure).__name__)  # fmt: skip
        log.info("signalenrapport %s sent (%s)", rapport.month, reason)
        return "sent", None
