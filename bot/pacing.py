"""One pacer per workspace for the bot's posts: shared Retry-After, spread posts, adaptive rate.

Slack limits chat.postMessage per workspace ("several hundred messages per minute", no number)
and answers HTTP 429 with Retry-After when a post is refused. Without a shared pacer every
thread sleeps on its own Retry-After and then bursts again into refusals.

A Pacer is shared by every thread that posts for one workspace (one bot token):

* **Retry-After holds for all, when the refusals say it is the workspace's limit.** Slack also
  limits each channel (about one post a second) and a 429 does not say which limit it was. A
  refusal in one channel holds that channel only (its own child pacer); when a second channel is
  refused while the first one's Retry-After runs, it is the workspace's limit, and nobody posts
  until the moment Slack named.
* **Spread, not burst.** Posts are spaced at the pacer's rate (a token bucket of one second's
  worth). Until the first refusal there is no rate: nothing is slowed down that Slack accepts.
* **Adapts.** A refusal lowers the rate by DECREASE (the first one from what was accepted
  lately), never below MIN_RATE; every accepted post raises it by GROWTH; after FORGET_SECONDS
  without a refusal the pacer forgets the rate again. In-flight posts that were sent before
  the rate was lowered do not lower it a second time.
* **Retries only refusals.** `call` retries an attempt only when `refusal(error)` says Slack
  refused it (a 429: nothing was posted). Any other error is raised at once: a timeout or a 5xx
  may come after Slack posted, so it is the caller's (slot recovery's) to resolve.

Time comes from an injectable monotonic clock and sleep, so the tests need no real waiting.
Slack-free: bot/slack_ops.py connects it to the WebClient.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

MIN_RATE = 1.0  # posts per second: never slower (Slack's guidance is 1/s for a single channel)
DECREASE = 0.9  # after a refusal: this share of what was accepted lately
GROWTH = 0.02  # after an accepted post: the rate grows by this share
BURST_SECONDS = 1.0  # how many seconds' worth of posts may go at once after a pause
WINDOW_SECONDS = 5.0  # "accepted lately"
FORGET_SECONDS = 600.0  # without a refusal this long, the rate is forgotten
MAX_WAIT_SECONDS = 120.0  # a Retry-After beyond this is capped (the caller may retry later)
MAX_CHANNELS = 1000  # channel pacers kept; beyond it the quiet ones are forgotten


class PaceTimeoutError(Exception):
    """No turn came within the caller's time budget; nothing was sent."""


@dataclass(frozen=True)
class Ticket:
    """A permission to send, handed out by `acquire`; give it back through accepted/refused."""

    generation: int


class Pacer:
    """The shared pace of one workspace's posts (thread-safe)."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        min_rate: float = MIN_RATE,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self.min_rate = min_rate
        self._lock = threading.Lock()
        self._rate: float | None = None  # posts per second; None: not limited (yet)
        self._next = 0.0  # theoretical arrival time of the next post (GCRA)
        self._hold_until = 0.0
        self._generation = 0  # raised by every rate cut
        self._last_refusal: float | None = None
        self._accepted: deque[float] = deque()
        self._channels: dict[str, Pacer] = {}  # a pacer per channel (its own limit)
        self._refused_channels: dict[str, float] = {}  # channel -> end of its Retry-After
        self.refusals = 0
        self.sent = 0

    @property
    def rate(self) -> float | None:
        """The current rate in posts per second, or None when posts are not spaced."""
        with self._lock:
            return self._rate

    @property
    def hold_until(self) -> float:
        """The clock value before which nobody posts (Slack's last Retry-After)."""
        with self._lock:
            return self._hold_until

    def channel_hold_until(self, channel: str) -> float:
        """The clock value before which nobody posts in `channel` (0.0: never held)."""
        with self._lock:
            child = self._channels.get(channel)
        return 0.0 if child is None else child.hold_until

    def _wait_locked(self, now: float) -> float:
        """Seconds until a post may go; 0 when it may go now (then its place is taken)."""
        if self._last_refusal is not None and now - self._last_refusal > FORGET_SECONDS:
            self._rate, self._last_refusal = None, None
        start = self._hold_until
        if self._rate is not None:
            start = max(start, self._next - BURST_SECONDS)
        if start > now:
            return start - now
        if self._rate is not None:
            self._next = max(self._next, now) + 1.0 / self._rate
        return 0.0

    def acquire(self, deadline: float | None = None) -> Ticket:
        """Block until this thread may send the next post (the hold is over, its turn came).

        Raises PaceTimeoutError when the turn would come after `deadline` (a clock value).
        """
        while True:
            with self._lock:
                now = self._clock()
                if deadline is not None and now > deadline:
                    raise PaceTimeoutError(
                        f"no turn within the budget ({now - deadline:.1f} s late)"
                    )
                wait = self._wait_locked(now)
                if wait <= 0.0:
                    return Ticket(self._generation)
                if deadline is not None and now + wait > deadline:
                    raise PaceTimeoutError(f"the next turn is {wait:.1f} s away")
            self._sleep(wait)  # others may take the turn meanwhile: then look again

    def accepted(self, ticket: Ticket) -> None:
        """The post was accepted: remember it and let the rate creep up."""
        with self._lock:
            now = self._clock()
            self.sent += 1
            self._accepted.append(now)
            while self._accepted and self._accepted[0] < now - WINDOW_SECONDS:
                self._accepted.popleft()
            if self._rate is not None:
                self._rate *= 1.0 + GROWTH

    def refused(self, ticket: Ticket, retry_after: float) -> None:
        """Slack refused the post: everybody waits `retry_after` seconds; the rate goes down."""
        with self._lock:
            now = self._clock()
            self.refusals += 1
            wait = min(max(0.0, retry_after), MAX_WAIT_SECONDS)
            self._hold_until = max(self._hold_until, now + wait)
            self._last_refusal = now
            if ticket.generation != self._generation:
                return  # sent before the last cut: that cut already answered this refusal
            self._generation += 1
            # The first cut starts from what was accepted lately; later ones from the pace
            # (not from lately: the holds after refusals would lower that again and again).
            base = self._rate if self._rate is not None else self._recent_rate(now)
            self._rate = max(self.min_rate, (base or 0.0) * DECREASE)
            # Spaced afresh from the end of the hold, without a burst into the same limit.
            self._next = self._hold_until + BURST_SECONDS
        log.debug("posts paced at %.2f/s, held %.1f s after a refusal", self._rate, wait)

    def _recent_rate(self, now: float) -> float | None:
        """Posts accepted per second over the last WINDOW_SECONDS (None: too few to tell)."""
        while self._accepted and self._accepted[0] < now - WINDOW_SECONDS:
            self._accepted.popleft()
        if len(self._accepted) < 2:
            return None
        span = max(now - self._accepted[0], 1.0)
        return len(self._accepted) / span

    def call(
        self,
        send: Callable[[], T],
        *,
        refusal: Callable[[Exception], float | None],
        attempts: int,
        budget: float | None = None,
        channel: str | None = None,
    ) -> T:
        """Send at the pace, retrying what Slack refused up to `attempts` tries in all.

        With a `channel`, the post also keeps that channel's own pace; a refusal holds the whole
        workspace only when another channel was refused within its Retry-After (or without one).

        `refusal(error)` gives the Retry-After seconds when `error` is a refusal (nothing was
        posted), else None: then the error is raised at once, never retried here. With a
        `budget` (seconds) no attempt starts later than that after the call began: the last
        refusal is raised then, or PaceTimeoutError when nothing was sent at all.
        """
        deadline = None if budget is None else self._clock() + budget
        child = None if channel is None else self._channel(channel)
        last_refusal: Exception | None = None
        for attempt in range(1, attempts + 1):
            try:
                ticket = self.acquire(deadline)
                child_ticket = None if child is None else child.acquire(deadline)
            except PaceTimeoutError:
                if last_refusal is not None:
                    raise last_refusal from None
                raise
            try:
                result = send()
            except Exception as error:
                retry_after = refusal(error)
                if retry_after is None:
                    raise
                last_refusal = error
                if child is None or self._workspace_refused(channel, retry_after):
                    self.refused(ticket, retry_after)
                if child is not None and child_ticket is not None:
                    child.refused(child_ticket, retry_after)
                if attempt >= attempts:
                    raise
                continue
            self.accepted(ticket)
            if child is not None and child_ticket is not None:
                child.accepted(child_ticket)
            return result
        raise AssertionError("unreachable: attempts must be at least 1")

    def _channel(self, channel: str) -> Pacer:
        """The child pacer of one channel (made on first use; quiet ones forgotten)."""
        with self._lock:
            child = self._channels.get(channel)
            if child is None:
                if len(self._channels) >= MAX_CHANNELS:
                    now = self._clock()
                    self._channels = {
                        key: kept for key, kept in self._channels.items()
                        if kept._rate is not None or kept._hold_until > now
                    }  # fmt: skip
                child = self._channels[channel] = Pacer(
                    clock=self._clock, sleep=self._sleep, min_rate=self.min_rate
                )
            return child

    def _workspace_refused(self, channel: str | None, retry_after: float) -> bool:
        """Note a refusal in `channel`; whether another channel's Retry-After still runs."""
        with self._lock:
            now = self._clock()
            self._refused_channels = {
                key: until for key, until in self._refused_channels.items() if until > now
            }
            others = any(key != channel for key in self._refused_channels)
            until = now + max(BURST_SECONDS, min(retry_after, MAX_WAIT_SECONDS))
            self._refused_channels[str(channel)] = until
            return others


class Pacers:
    """One Pacer per key (a workspace's bot token and API address), made on first use."""

    def __init__(self, make: Callable[[], Pacer] = Pacer) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._pacers: dict[str, Pacer] = {}

    def get(self, key: str) -> Pacer:
        """The pacer for `key` (the same object for every caller in this process)."""
        with self._lock:
            pacer = self._pacers.get(key)
            if pacer is None:
                pacer = self._pacers[key] = self._make()
            return pacer
