"""The planner of a `run` process: hold the lease and schedule, or stand by and take over.

Several `run` processes may share one database; exactly one holds the planner lease
(storage/lease.py) and runs the PromptScheduler. Every other one stands by and tries again on
every tick, so when the holder dies (even by kill -9) another one takes over at the latest a
lease time plus one tick later; its catch-up then posts what became due in between, once
(the posting claims in bot/posting.py keep it to once).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.clock import Clock
from bot.scheduler import LEASE_NAME, LeaseHeldError, PromptScheduler
from storage.engine import read_scope
from storage.lease import lease_state

log = logging.getLogger(__name__)

HELD = "held"  # this process plans
STANDBY = "standby"  # another process plans; this one takes over when it stops renewing
ELSEWHERE = "elsewhere"  # run --no-scheduler: another process plans
NONE = "none"  # nobody holds the lease (for longer than the lease time: unhealthy)
STOPPED = "stopped"


@dataclass(frozen=True)
class PlannerStatus:
    """What health reports about the planner."""

    state: str
    holder: str | None
    healthy: bool
    unplanned_seconds: float | None = None


class Planner:
    """A thread that keeps the lease, or stands by and tries every tick."""

    def __init__(
        self,
        make_scheduler: Callable[[], PromptScheduler],
        *,
        engine: Engine,
        clock: Clock,
        tick: timedelta,
        lease_ttl: timedelta,
        on_taken: Callable[[PromptScheduler], None] | None = None,
        passive: bool = False,
    ) -> None:
        self.make_scheduler = make_scheduler
        self.engine = engine
        self.clock = clock
        self.tick = tick
        self.lease_ttl = lease_ttl
        self.on_taken = on_taken
        self.passive = passive  # only watches the lease (run --no-scheduler)
        self.scheduler: PromptScheduler | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="planner", daemon=True)
        # The last moment this process knew someone planned (it started not knowing).
        self._planned_seen_at: datetime = clock()
        self._standing_by = False  # said so once at INFO; said again only after a change

    def take(self) -> bool:
        """Try to take the lease and start scheduling now (without the catch-up)."""
        with self._lock:
            if self._stop.is_set() or self.passive:
                return False
            if self.scheduler is not None and self.scheduler.running:
                return True
            scheduler = self.make_scheduler()
            try:
                scheduler.start(catch_up=False)
            except LeaseHeldError:
                return False
            except BaseException:
                scheduler.shutdown()
                raise
            self.scheduler = scheduler
            took_over, self._standing_by = self._standing_by, False
        if took_over:
            log.info("planner: took over the lease from a process that stopped renewing it")
        else:
            log.info("this process now holds the planner lease")
        if self.on_taken is not None:
            self.on_taken(scheduler)
        return True

    def _note_standby(self) -> None:
        """One INFO line when this process becomes standby, not one every tick."""
        if not self._standing_by:
            self._standing_by = True
            log.info("planner: another process holds the lease; this one stands by to take over")

    def start(self) -> None:
        """Begin: take over (with its catch-up) now if free, else stand by; in the background."""
        self._thread.start()

    def _run(self) -> None:
        caught_up: PromptScheduler | None = None
        while not self._stop.is_set():
            try:
                held = self.take()
                if not held and not self.passive and not self._stop.is_set():
                    self._planned_seen_at = self.clock()  # another process holds the lease
                    self._note_standby()
                scheduler = self.scheduler
                if held and scheduler is not None and caught_up is not scheduler:
                    caught_up = scheduler
                    scheduler.catch_up()  # what became due while nobody planned
            except Exception as error:  # a database hiccup: try again next tick
                log.warning("planner: taking or keeping the lease failed: %s", type(error).__name__)
            self._stop.wait(self.tick.total_seconds())

    def status(self) -> PlannerStatus:
        """Held here, standby behind another holder, or none (unhealthy after a lease time)."""
        scheduler = self.scheduler
        if self._stop.is_set():
            return PlannerStatus(STOPPED, None, healthy=False)
        now = self.clock()
        if scheduler is not None and scheduler.running:
            self._planned_seen_at = now
            return PlannerStatus(HELD, scheduler.holder, healthy=True)
        with read_scope(self.engine) as session:
            holder, ran_out = lease_state(session=session, name=LEASE_NAME, now=now)
        if holder is not None:
            self._planned_seen_at = now
            return PlannerStatus(ELSEWHERE if self.passive else STANDBY, holder, healthy=True)
        # Nobody plans since the lease a dead holder left ran out, or else since this process
        # last saw a holder (or started): not since the first time somebody asked.
        since = ran_out if ran_out is not None else self._planned_seen_at
        seconds = max(0.0, (now - since).total_seconds())
        return PlannerStatus(
            NONE, None, healthy=seconds <= self.lease_ttl.total_seconds(), unplanned_seconds=seconds
        )

    def sync_team_jobs(self) -> None:
        """After a team changed here: bring the job store in line at once (when planning here)."""
        scheduler = self.scheduler
        if scheduler is not None and scheduler.running:
            scheduler.sync_team_jobs()

    def stop(self, deadline: float) -> bool:
        """Stop trying; stop scheduling, wait for running jobs until `deadline` (monotonic) and
        give the lease back. True when nothing was left running."""
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(max(0.0, deadline - time.monotonic()))
        finished = not self._thread.is_alive()
        with self._lock:
            scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            try:
                finished = scheduler.shutdown(deadline=deadline) and finished
            except Exception as error:  # the database is gone: the lease expires by itself
                log.warning("planner: giving the lease back failed: %s", type(error).__name__)
                return False
            log.info("planner stopped and its lease given back")
        return finished
