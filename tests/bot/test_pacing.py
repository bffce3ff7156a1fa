"""The shared pacer of a workspace's posts, on a fake clock (no real waiting)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from bot import pacing
from bot.pacing import Pacer


class FakeTime:
    """A monotonic clock that only moves when somebody sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class RefusedError(Exception):
    """Stands for Slack's 429."""


class TimedOutError(Exception):
    """Stands for a post whose answer never came."""


def make_pacer(time: FakeTime) -> Pacer:
    return Pacer(clock=time.clock, sleep=time.sleep)


def post_accepted(pacer: Pacer) -> float:
    """One post that Slack accepts; returns when it was sent."""
    ticket = pacer.acquire()
    sent = pacer._clock()
    pacer.accepted(ticket)
    return sent


def test_until_slack_refuses_nothing_is_slowed_down() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    for _ in range(50):
        post_accepted(pacer)
    assert time.slept == []
    assert pacer.rate is None


def test_a_refusal_makes_every_poster_wait_for_retry_after_not_only_the_refused_one() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    refused_ticket = pacer.acquire()  # thread A
    other_ticket = pacer.acquire()  # thread B, its post already under way
    pacer.refused(refused_ticket, retry_after=5)
    pacer.accepted(other_ticket)
    refused_at = time.now

    sent = post_accepted(pacer)  # thread C, which never saw a 429
    assert sent >= refused_at + 5


def test_after_a_refusal_posts_are_spread_at_the_lowered_rate_without_a_burst() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    for _ in range(20):  # 20 posts a second are accepted …
        post_accepted(pacer)
        time.now += 0.05
    ticket = pacer.acquire()
    pacer.refused(ticket, retry_after=1)  # … then Slack says: too many
    rate = pacer.rate
    assert rate is not None and rate < 20

    sent = [post_accepted(pacer) for _ in range(10)]
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent)]
    assert min(gaps) >= 1 / (rate * (1 + pacing.GROWTH) ** 10) - 1e-9  # spaced, never together


def test_the_rate_goes_down_on_refusals_and_creeps_back_up_on_accepted_posts() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    for _ in range(20):
        post_accepted(pacer)
        time.now += 0.1
    pacer.refused(pacer.acquire(), retry_after=1)
    first_cut = pacer.rate
    assert first_cut is not None
    pacer.refused(pacer.acquire(), retry_after=1)
    second_cut = pacer.rate
    assert second_cut is not None and second_cut < first_cut

    for _ in range(30):
        post_accepted(pacer)
    assert (pacer.rate or 0) > second_cut


def test_posts_sent_before_a_cut_do_not_cut_the_rate_again_when_they_are_refused_too() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    for _ in range(20):
        post_accepted(pacer)
        time.now += 0.1
    in_flight = [pacer.acquire() for _ in range(5)]  # five threads post at the same moment
    for ticket in in_flight:
        pacer.refused(ticket, retry_after=1)  # and all five are refused
    assert pacer.rate == pytest.approx(max(pacing.MIN_RATE, 20 / 2.0 * pacing.DECREASE), rel=0.1)


def test_the_rate_never_falls_below_the_floor() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    for _ in range(20):
        pacer.refused(pacer.acquire(), retry_after=0)
    assert pacer.rate == pacing.MIN_RATE


def test_a_long_quiet_time_forgets_the_rate() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    pacer.refused(pacer.acquire(), retry_after=1)
    assert pacer.rate is not None
    time.now += pacing.FORGET_SECONDS + 1
    post_accepted(pacer)
    assert pacer.rate is None


def test_call_retries_a_refused_post_after_retry_after_and_sends_it_once() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    answers: list[Exception | str] = [RefusedError(), RefusedError(), "ts-1"]
    sent_at: list[float] = []

    def send() -> str:
        sent_at.append(time.now)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    result = pacer.call(
        send, refusal=lambda e: 2.0 if isinstance(e, RefusedError) else None, attempts=5
    )
    assert result == "ts-1"
    assert len(sent_at) == 3
    assert sent_at[1] >= sent_at[0] + 2 and sent_at[2] >= sent_at[1] + 2


def test_call_never_retries_a_post_whose_answer_was_lost() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    tries: list[int] = []

    def send() -> str:
        tries.append(1)
        raise TimedOutError()

    with pytest.raises(TimedOutError):
        pacer.call(send, refusal=lambda e: 2.0 if isinstance(e, RefusedError) else None, attempts=5)
    assert tries == [1]  # Slack may have posted it: the slot recovery decides, not a retry


def test_call_gives_up_after_its_attempts_and_says_it_was_refused() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    tries: list[int] = []

    def send() -> str:
        tries.append(1)
        raise RefusedError()

    with pytest.raises(RefusedError):
        pacer.call(send, refusal=lambda e: 1.0 if isinstance(e, RefusedError) else None, attempts=3)
    assert len(tries) == 3


def test_call_sends_nothing_after_its_budget_and_says_so() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    pacer.refused(pacer.acquire(), retry_after=90)  # another poster was told: wait 90 s
    tries: list[float] = []

    def send() -> str:
        tries.append(time.now)
        return "ts"

    with pytest.raises(pacing.PaceTimeoutError):
        pacer.call(send, refusal=lambda e: 1.0, attempts=5, budget=60)
    assert tries == []  # a prompt slot's claim must not outlive its lease while it waits


def test_call_raises_the_last_refusal_when_the_budget_runs_out_between_attempts() -> None:
    time = FakeTime()
    pacer = make_pacer(time)

    def send() -> str:
        raise RefusedError()

    with pytest.raises(RefusedError):
        pacer.call(send, refusal=lambda e: 45.0, attempts=5, budget=60)
    assert pacer.refusals == 2  # at 0 s and 45 s; the third would start after 60 s


def refused_once(time: FakeTime) -> tuple[list[float], Callable[[], str]]:
    """A send that Slack refuses the first time (429) and accepts after; when each try went."""
    sent_at: list[float] = []

    def send() -> str:
        sent_at.append(time.now)
        if len(sent_at) == 1:
            raise RefusedError()
        return "ts"

    return sent_at, send


def refusal_of(error: Exception) -> float | None:
    return 3.0 if isinstance(error, RefusedError) else None


def test_a_refusal_in_one_channel_holds_that_channel_and_not_the_workspace() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    sent_at, send = refused_once(time)
    pacer.call(send, refusal=refusal_of, attempts=3, channel="C0NOORD")
    assert sent_at[1] >= sent_at[0] + 3  # the channel waited its Retry-After
    assert pacer.hold_until == 0.0 and pacer.rate is None  # the workspace was not held or slowed
    assert pacer.channel_hold_until("C0NOORD") > 0.0


def test_refusals_in_two_channels_within_retry_after_hold_the_whole_workspace() -> None:
    time = FakeTime()
    pacer = make_pacer(time)
    first = pacer._channel("C0NOORD")
    first.refused(first.acquire(), retry_after=3.0)
    pacer._workspace_refused("C0NOORD", 3.0)  # what call() notes for that refusal
    sent_at, send = refused_once(time)
    pacer.call(send, refusal=refusal_of, attempts=3, channel="C0ZUID")
    assert pacer.hold_until >= sent_at[0] + 3  # a second channel refused: the workspace's limit
    assert pacer.rate is not None
    later = post_accepted(pacer)  # a poster in a third channel
    assert later >= sent_at[0] + 3
