"""The scheduler: one APScheduler job per team, a persistent job store, and a database lease.

Besides the prompts, housekeeping sends each week's weekspiegel once its moment has come.

Jobs are pickled into the job store, so they call module-level functions with a team id;
those functions find the running poster through `_poster`, set when the scheduler starts.
The teams table is the source of truth: every minute the housekeeping job brings the job store
in line with it (so a schedule changed by another process takes effect within a minute, and in
the same process at once), catches up on due prompts, retries and sends reminders.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from bot import rights
from bot.clock import Clock, system_clock
from bot.digest import WeekspiegelSender
from bot.lifecycle import InFlight
from bot.posting import PromptPoster
from bot.rapport_sender import RapportSender
from bot.slack_copies import CopyEditor
from storage import answers, teams
from storage.engine import session_scope
from storage.lease import acquire_lease, release_lease

log = logging.getLogger(__name__)

LEASE_NAME = "scheduler"
LEASE_TTL = timedelta(seconds=90)
LEASE_RENEW_SECONDS = 30
HOUSEKEEPING_SECONDS = 60
# The one-off job that recovers stale claims, and how long after going stale it runs (the
# scheduler's clock and the claim's time are compared to the second).
CLAIM_RECOVERY_JOB = "claims"
CLAIM_RECOVERY_MARGIN = timedelta(seconds=1)
MISFIRE_GRACE = timedelta(hours=6)
EVENT_MEMORY = timedelta(days=7)
JOB_PREFIX = "prompt:"
PURGE_HOUR = 3  # the retention purge runs at night

_poster: PromptPoster | None = None
_sender: WeekspiegelSender | None = None
_rapport: RapportSender | None = None


class LeaseHeldError(RuntimeError):
    """Another scheduler process holds the lease on this database."""


def _require_poster() -> PromptPoster:
    if _poster is None:
        raise RuntimeError("scheduler job ran without a running PromptScheduler")
    return _poster


def _now() -> datetime:
    """Now, from the running scheduler's clock."""
    return _scheduler.clock() if _scheduler is not None else system_clock()


def run_team_prompt(team_id: int) -> None:
    """Job: post the team's prompt if it is due now (idempotent)."""
    _require_poster().post_due_prompts(_now(), team_id=team_id)


def run_housekeeping() -> None:
    """Job: sync jobs with the teams table, catch up, retry, remind, forget old event ids."""
    if _scheduler is not None:
        _scheduler.sync_team_jobs()
    poster = _require_poster()
    now = _now()
    poster.post_due_prompts(now)
    poster.retry_unfinished(now)
    poster.send_due_reminders(now)
    if _sender is not None:
        _sender.send_due(now)
    if _rapport is not None:
        _rapport.send_due(now)
    if _scheduler is not None and _scheduler.copies is not None:
        _scheduler.copies.run(now)  # the bot's messages that still quote an erased text
    with session_scope(poster.engine) as session:
        answers.forget_events_before(session=session, moment=now - EVENT_MEMORY)
    if _scheduler is not None:
        _scheduler.watch_claims()


def run_claim_recovery() -> None:
    """Job: take over the posts a dead process left claimed, the moment their claims go stale."""
    poster = _require_poster()
    poster.retry_unfinished(_now())
    if _scheduler is not None:
        _scheduler.watch_claims()


def run_purge() -> None:
    """Job: erase texts older than the retention period (daily, at night)."""
    if _scheduler is not None:
        _scheduler.purge()


def run_lease_renewal() -> None:
    """Job: keep the lease; stop scheduling when it was lost to another process."""
    if _scheduler is not None and not _scheduler.renew_lease():
        log.error("scheduler lease lost to another process; stopping this scheduler")
        _scheduler.scheduler.shutdown(wait=False)


_scheduler: PromptScheduler | None = None


class PromptScheduler:
    """APScheduler with a job store in our database, guarded by a lease."""

    def __init__(
        self,
        engine: Engine,
        poster: PromptPoster,
        sender: WeekspiegelSender | None = None,
        *,
        retention_days: int | None = None,
        clock: Clock = system_clock,
        rapport: RapportSender | None = None,
        lease_ttl: timedelta = LEASE_TTL,
        renew_seconds: float = LEASE_RENEW_SECONDS,
    ) -> None:
        self.engine = engine
        self.lease_ttl = lease_ttl
        self.renew_seconds = renew_seconds
        self.jobs = InFlight()  # jobs running now (a stop waits for them, within a bound)
        self.clock = clock
        self.poster = poster
        self.sender = sender
        self.rapport = rapport
        self.retention_days = retention_days
        self.copies = (
            CopyEditor(client=poster.client, library=poster.library, sender=sender)
            if sender is not None
            else None
        )
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename="apscheduler_jobs")},
            job_defaults={
                "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
                "coalesce": True,
                "max_instances": 1,
            },
            timezone=poster.timezone,
        )
        self.scheduler.add_listener(self._count_job, EVENT_JOB_SUBMITTED)
        self.scheduler.add_listener(self._uncount_job, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)

    def _count_job(self, _event: JobEvent) -> None:
        self.jobs.begin()

    def _uncount_job(self, _event: JobEvent) -> None:
        self.jobs.end()

    def purge(self) -> rights.EraseResult:
        """Apply the retention period now, and edit the bot's messages that quoted those texts."""
        assert self.retention_days is not None
        now = self.clock()
        result = rights.purge(
            self.engine,
            now=now,
            retention_days=self.retention_days,
            timezone=self.poster.timezone,
            actor=rights.ACTOR_PLANNER,
        )
        if self.copies is not None:
            self.copies.run(now, only=result.cleanups)
        return result

    def renew_lease(self) -> bool:
        """Take or extend the lease."""
        with session_scope(self.engine) as session:
            return acquire_lease(
                session=session,
                name=LEASE_NAME,
                holder=self.holder,
                now=self.clock(),
                ttl=self.lease_ttl,
            )

    def start(self, *, paused: bool = False, catch_up: bool = True) -> None:
        """Take the lease, start APScheduler, sync the team jobs and catch up once."""
        global _poster, _scheduler, _sender, _rapport
        if not self.renew_lease():
            raise LeaseHeldError("another scheduler already runs against this database")
        _poster, _scheduler, _sender, _rapport = self.poster, self, self.sender, self.rapport
        self.scheduler.start(paused=paused)
        self.scheduler.add_job(
            run_lease_renewal,
            IntervalTrigger(seconds=self.renew_seconds),
            id="lease",
            replace_existing=True,
        )
        self.scheduler.add_job(
            run_housekeeping,
            IntervalTrigger(seconds=HOUSEKEEPING_SECONDS),
            id="housekeeping",
            replace_existing=True,
        )
        if self.retention_days is not None:
            self.scheduler.add_job(
                run_purge,
                CronTrigger(hour=PURGE_HOUR, minute=17, timezone=self.poster.timezone),
                id="purge",
                replace_existing=True,
            )
        self.sync_team_jobs()
        if catch_up:
            self.catch_up()
        log.info("scheduler started (%s)", self.holder)

    def catch_up(self) -> None:
        """Post what became due while no scheduler ran; send due weekspiegels and rapporten."""
        self.watch_claims()  # a dead process's claims: taken over when stale, even mid-catch-up
        with self.jobs.track():
            now = self.clock()
            self.poster.post_due_prompts(now)
            self.poster.retry_unfinished(now)
            if self.sender is not None:
                self.sender.send_due(now)
            if self.rapport is not None:
                self.rapport.send_due(now)
        self.watch_claims()

    def watch_claims(self) -> None:
        """Have the oldest claimed post looked at when its claim goes stale, not a minute later.

        A process killed while posting leaves its claims behind; the minute's housekeeping would
        find them up to a minute after they went stale, this job finds them then."""
        stale_at = self.poster.claims_go_stale_at()
        now = self.clock()
        if stale_at is None or stale_at <= now:  # stale already: housekeeping's to retry
            return
        wait = stale_at - now + CLAIM_RECOVERY_MARGIN
        self.scheduler.add_job(
            run_claim_recovery,
            DateTrigger(run_date=datetime.now(UTC) + wait),
            id=CLAIM_RECOVERY_JOB,
            replace_existing=True,
        )

    @property
    def running(self) -> bool:
        """Whether APScheduler runs (False after shutdown or a lost lease)."""
        return bool(self.scheduler.running)

    def shutdown(self, *, deadline: float | None = None) -> bool:
        """Stop APScheduler, wait for running jobs until `deadline` (monotonic), give the lease
        up. True when no job was still running."""
        global _poster, _scheduler, _sender, _rapport
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        idle = self.jobs.wait_idle(deadline) if deadline is not None else self.jobs.count <= 0
        with session_scope(self.engine) as session:
            release_lease(session=session, name=LEASE_NAME, holder=self.holder)
        if _scheduler is self:
            _poster, _scheduler, _sender, _rapport = None, None, None, None
        return idle

    def sync_team_jobs(self) -> None:
        """One daily job per active team at its prompt time; none for paused or removed teams."""
        with session_scope(self.engine) as session:
            wanted = {
                f"{JOB_PREFIX}{team.id}": (team.id, team.prompt_minute)
                for team in teams.list_active_teams(session=session)
            }
        existing = {
            job.id: job for job in self.scheduler.get_jobs() if job.id.startswith(JOB_PREFIX)
        }
        for job_id in existing.keys() - wanted.keys():
            self.scheduler.remove_job(job_id)
        for job_id, (team_id, minute) in wanted.items():
            trigger = self.team_trigger(minute)
            job = existing.get(job_id)
            if job is not None and str(job.trigger) == str(trigger):
                continue
            self.scheduler.add_job(
                run_team_prompt, trigger, id=job_id, args=[team_id], replace_existing=True
            )

    def team_trigger(self, minute: int) -> CronTrigger:
        """Every day at the team's local time; the job itself decides whether today is the day."""
        return CronTrigger(hour=minute // 60, minute=minute % 60, timezone=self.poster.timezone)

    def job_ids(self) -> list[str]:
        """Ids of the scheduled jobs (for status and tests)."""
        return sorted(job.id for job in self.scheduler.get_jobs())

    def job(self, job_id: str) -> Any:
        """One job, or None."""
        return self.scheduler.get_job(job_id)
