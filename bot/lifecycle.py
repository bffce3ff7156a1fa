"""Stopping the way a service must: SIGTERM or Ctrl-C → stop taking work, finish it, exit 0.

`Shutdown.install()` runs first thing in a long-running command, before the slow start-up
(migrations, the knelpunt model, auth.test): a signal during start-up ends it at once by
raising `StopRequested` in the main thread, which unwinds through the usual `finally` blocks.
Once serving (`Shutdown.serving()`), a signal only sets the stop event: the main thread, which
waits on it, then drains in-flight work within a bound and gives the planner's lease back.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

# How long in-flight work may take after a stop signal, all stages together. Slack's own
# deadline for an ack is 3 s; systemd and Docker kill after 90 s and 10 s.
DRAIN_SECONDS = 5.0
# Then, for listener work still under way: writes are refused (storage.engine.refuse_writes)
# and each listener gets this long to tell its user that nothing was stored.
REFUSED_SECONDS = 2.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopRequested(BaseException):
    """A stop signal arrived during start-up (a BaseException, like KeyboardInterrupt)."""


class Shutdown:
    """The stop event, set by SIGTERM and SIGINT."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._serving = False
        self.signal_name: str | None = None

    def install(self) -> Shutdown:
        """Handle SIGTERM and SIGINT from now on (call from the main thread)."""
        for number in STOP_SIGNALS:
            signal.signal(number, self._handle)
        return self

    def serving(self) -> None:
        """Start-up is over: from now on a signal only asks the main loop to stop."""
        self._serving = True
        if self.event.is_set():
            raise StopRequested

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        first = not self.event.is_set()
        self.event.set()
        if first:
            self.signal_name = signal.Signals(number).name
            log.info("%s received: stopping", self.signal_name)
        if first and not self._serving:
            raise StopRequested

    @property
    def requested(self) -> bool:
        """Whether a stop was asked for."""
        return self.event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a stop request in short steps (signal handlers run between them)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.event.is_set():
            left = 0.2 if deadline is None else min(0.2, deadline - time.monotonic())
            if left <= 0:
                return False
            self.event.wait(left)
        return True


class InFlight:
    """A count of work under way, and a bounded wait until there is none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def begin(self) -> None:
        """One more piece of work under way."""
        with self._idle:
            self._count += 1

    def end(self) -> None:
        """One piece of work done."""
        with self._idle:
            self._count -= 1
            self._idle.notify_all()

    @contextmanager
    def track(self) -> Iterator[None]:
        """Count the work done inside the block."""
        self.begin()
        try:
            yield
        finally:
            self.end()

    @property
    def count(self) -> int:
        """Work under way now."""
        with self._idle:
            return self._count

    def wait_idle(self, deadline: float) -> bool:
        """Wait until nothing is under way or `deadline` (time.monotonic()) passes."""
        with self._idle:
            while self._count > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(min(left, 0.2))
            return True


class Kinds:
    """What kinds of work are under way: a command's name, an event's type, never content."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kinds: Counter[str] = Counter()

    @contextmanager
    def track(self, kind: str) -> Iterator[None]:
        """Count `kind` as under way inside the block."""
        with self._lock:
            self._kinds[kind] += 1
        try:
            yield
        finally:
            with self._lock:
                self._kinds[kind] -= 1

    def describe(self) -> str:
        """'/knelpunt ×2, block_actions ×1', or '' when nothing is under way."""
        with self._lock:
            return ", ".join(f"{kind} ×{n}" for kind, n in sorted(self._kinds.items()) if n > 0)


# Bolt's listeners under way in this process (bot/failures.guarded counts them).
LISTENER_WORK = Kinds()


class DrainingExecutor(ThreadPoolExecutor):
    """A thread pool that knows how much of its work is still under way (Bolt's listeners)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_flight = InFlight()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run `fn` in the pool, counted until it returns."""

        def counted() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                self.in_flight.end()

        self.in_flight.begin()  # counted from submission, so a drain also waits for queued work
        try:
            return super().submit(counted)
        except BaseException:
            self.in_flight.end()
            raise

    def drain(self, deadline: float) -> bool:
        """Take no more work; wait for what is under way until `deadline` (monotonic)."""
        self.shutdown(wait=False)
        return self.in_flight.wait_idle(deadline)


def exit_now(code: int, what: str, seconds: float = DRAIN_SECONDS) -> None:
    """After a stop that ran out of time: leave although `what` is still busy in a thread.

    The interpreter would otherwise wait at exit for every thread pool's workers, unbounded.
    """
    log.log(
        logging.ERROR if code else logging.WARNING,
        "%s still under way %.0f s after the stop signal; exiting anyway", what, seconds,
    )  # fmt: skip
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
