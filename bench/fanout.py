"""Many teams due in the same minute: how long until every prompt is out, exactly once.

Run from the repository root::

    .venv/bin/python -m bench.fanout [--teams 500] [--workers 10] [--random-429 0.05]
        [--timeouts 5] [--global-per-minute 0]

Every team has the default schedule (Tuesday 09:00, Europe/Amsterdam), each in its own channel.
The fake Slack of the tests is wrapped to limit chat.postMessage the way Slack does:

* one message per second per channel (HTTP 429, Retry-After 1, nothing posted);
* optionally a workspace-wide limit (--global-per-minute; a token bucket, Retry-After until the
  next token); Slack documents "several hundred messages per minute" without a number;
* a share of random 429s (--random-429), as Slack sends under load;
* a few posts whose answer comes later than the client's timeout (--timeouts) although the
  message *is* posted: the case where a blind retry would post it twice.

The posting is done as the scheduler does it at 09:00: one `post_due_prompts(now, team_id=…)`
per team on a pool of --workers threads (APScheduler's default pool has 10), then housekeeping
rounds of `retry_unfinished(later)` until no slot is left unfinished. Each round's `later` is
CLAIM_LEASE past the previous one, so claims of posts without an answer are recovered (in
production a round runs every HOUSEKEEPING_SECONDS; here the rounds run back to back, after the
late answers have landed).
"""

from __future__ import annotations

import argparse
import logging
import math
import random
import shlex
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from bot.app import build_web_client
from bot.posting import PostResult
from bot.scheduler import HOUSEKEEPING_SECONDS
from bot.services import Services
from bot.settings import load_settings
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from storage.prompts import CLAIM_LEASE
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack, _Reply

SIGNING_SECRET = "bench-signing-secret-0123456789"
BOT_TOKEN = "xoxb-bench-0000-reflectiebot"
AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)
POST = "chat.postMessage"
PER_CHANNEL_SECONDS = 1.0
MAX_ROUNDS = 50


class LimitedSlack(FakeSlack):
    """The fake Slack with chat.postMessage limited and disturbed as described above."""

    def __init__(
        self,
        *,
        global_per_minute: float,
        global_burst: int,
        random_429: float,
        timeout_channels: set[str],
        late_seconds: float,
        seed: int,
    ) -> None:
        super().__init__()
        self.global_rate = global_per_minute / 60.0
        self.global_burst = global_burst
        self.random_429 = random_429
        self.timeout_channels = set(timeout_channels)
        self.late_seconds = late_seconds
        self._random = random.Random(seed)
        self._limits = threading.Lock()
        self._last_post: dict[str, float] = {}
        self._tokens = float(global_burst)
        self._refilled = time.monotonic()
        self.refused: Counter[str] = Counter()
        self.late_in_flight = 0
        self.late_answers = 0

    def _refuse(self, reason: str, retry_after: int) -> _Reply:
        self.refused[reason] += 1
        return _Reply(
            status=429,
            body={"ok": False, "error": "ratelimited"},
            headers={"Retry-After": str(retry_after)},
        )

    def _limited(self, channel: str) -> _Reply | None:
        """A 429 if a limit refuses this post now; else None, and the post is counted."""
        with self._limits:
            now = time.monotonic()
            if self.random_429 and self._random.random() < self.random_429:
                return self._refuse("random", 1)
            last = self._last_post.get(channel)
            if last is not None and now - last < PER_CHANNEL_SECONDS:
                return self._refuse("per_channel", 1)
            if self.global_rate > 0:
                self._tokens = min(
                    float(self.global_burst),
                    self._tokens + (now - self._refilled) * self.global_rate,
                )
                self._refilled = now
                if self._tokens < 1.0:
                    wait = math.ceil((1.0 - self._tokens) / self.global_rate)
                    return self._refuse("global", max(1, wait))
                self._tokens -= 1.0
            self._last_post[channel] = now
            return None

    def _handle(
        self,
        method: str,
        args: dict[str, Any],
        token: str | None,
        headers: dict[str, str],
        http_method: str,
    ) -> _Reply:
        if method != POST or args.get("thread_ts"):
            return super()._handle(method, args, token, headers, http_method)
        channel = str(args.get("channel", ""))
        refusal = self._limited(channel)
        if refusal is not None:
            return refusal
        late = False
        with self._limits:
            if channel in self.timeout_channels:
                self.timeout_channels.discard(channel)  # only the first post there is late
                self.late_in_flight += 1
                late = True
        if late:
            self._stopping.wait(self.late_seconds)  # the client gives up before this
        try:
            return super()._handle(method, args, token, headers, http_method)
        finally:
            if late:
                with self._limits:
                    self.late_in_flight -= 1
                    self.late_answers += 1


def unfinished(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT count(*) FROM prompt_slot WHERE status IN ('pending', 'posting')")
            ).scalar_one()
        )


def slot_statuses(engine: Engine) -> Counter[str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT status, count(*) FROM prompt_slot GROUP BY status"))
        return Counter({str(status): int(count) for status, count in rows})


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--teams", type=int, default=500, help="teams due at the same minute")
    parser.add_argument("--workers", type=int, default=10, help="scheduler threads posting")
    parser.add_argument(
        "--global-per-minute",
        type=float,
        default=0.0,
        help="workspace-wide chat.postMessage limit (0: none, only 1/s per channel)",
    )
    parser.add_argument("--global-burst", type=int, default=20, help="bucket size of that limit")
    parser.add_argument("--random-429", type=float, default=0.05, help="share of random 429s")
    parser.add_argument("--timeouts", type=int, default=5, help="posts answered too late")
    parser.add_argument(
        "--client-timeout", type=float, default=2.0, help="WebClient timeout in seconds"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    return parser.parse_args(argv)


def reproduce_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return shlex.join([".venv/bin/python", "-m", "bench.fanout", *args])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # timeouts and 429s are expected here
    channels = [f"C{n:05d}" for n in range(1, args.teams + 1)]
    chooser = random.Random(args.seed)
    late_channels = set(chooser.sample(channels, min(args.timeouts, len(channels))))
    fake = LimitedSlack(
        global_per_minute=args.global_per_minute,
        global_burst=args.global_burst,
        random_429=args.random_429,
        timeout_channels=late_channels,
        late_seconds=args.client_timeout + 1.0,
        seed=args.seed,
    )
    random.seed(args.seed)  # slack-sdk's Retry-After jitter
    with fake, tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        settings = load_settings(
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": fake.base_url,
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'reflectiebot.db'}",
            },
            env_file=None,
        )
        engine = create_db_engine(settings.database_url)
        upgrade_to_head(engine)
        setup_started = time.perf_counter()
        team_ids: list[int] = []
        for n, channel in enumerate(channels, start=1):
            fake.add_channel(channel, name=f"wijkteam-{n:05d}", is_member=True)
            team = make_team(engine, channel_id=channel, name=f"Wijkteam {n:05d}")
            assert team.id is not None
            team_ids.append(team.id)
        setup_seconds = time.perf_counter() - setup_started
        client = build_web_client(settings)
        client.timeout = int(args.client_timeout) if args.client_timeout >= 1 else 1
        poster = Services.for_settings(settings, engine).poster(client)

        print(f"fan-out: {args.teams} teams due {TUESDAY_9.astimezone(AMS):%a %Y-%m-%d %H:%M} "
              f"({setup_seconds:.1f} s to create them), {args.workers} worker threads")  # fmt: skip
        limit = (
            f"{args.global_per_minute:g}/min workspace-wide (burst {args.global_burst})"
            if args.global_per_minute
            else "no workspace-wide limit"
        )
        print(f"fake Slack: 1 post/s per channel, {limit}, {args.random_429:.0%} random 429s, "
              f"{len(late_channels)} posts answered after {args.client_timeout + 1:g} s "
              f"(client timeout {client.timeout} s)")  # fmt: skip

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            batches = list(
                pool.map(lambda team_id: poster.post_due_prompts(TUESDAY_9, team_id=team_id),
                         team_ids)
            )  # fmt: skip
        first: list[PostResult] = [result for batch in batches for result in batch]
        fanout_seconds = time.perf_counter() - started
        outcomes = Counter(result.outcome for result in first)

        while fake.late_in_flight:  # in production the claim lease (minutes) covers this
            time.sleep(0.05)
        rounds = 0
        later = TUESDAY_9
        retry_outcomes: Counter[str] = Counter()
        while unfinished(engine) and rounds < MAX_ROUNDS:
            rounds += 1
            later = later + CLAIM_LEASE + (CLAIM_LEASE / 2)
            retry_outcomes.update(result.outcome for result in poster.retry_unfinished(later))
            while fake.late_in_flight:
                time.sleep(0.05)
        wall = time.perf_counter() - started

        posted = {channel: fake.messages(channel) for channel in channels}
        top_level = {
            channel: [m for m in messages if m.get("thread_ts") in (None, m["ts"])]
            for channel, messages in posted.items()
        }
        duplicates = sum(max(0, len(messages) - 1) for messages in top_level.values())
        missing = sum(1 for messages in top_level.values() if not messages)
        total = sum(len(messages) for messages in top_level.values())
        attempts = len(fake.calls(POST))
        statuses = slot_statuses(engine)
        engine.dispose()

    if args.global_per_minute:
        floor = max(0.0, (args.teams - args.global_burst) / (args.global_per_minute / 60.0))
        floor_text = (f"{floor:.1f} s ({args.teams} posts, {args.global_burst} at once, then "
                      f"{args.global_per_minute:g}/min)")  # fmt: skip
    else:
        floor_text = "0.0 s (one post per channel; the 1/s per-channel limit never binds)"
    print()
    print(f"{'wall time, all posted':<34}{wall:8.1f} s")
    print(f"{'  first pass (scheduler jobs)':<34}{fanout_seconds:8.1f} s  {dict(outcomes)}")
    print(f"{'  housekeeping rounds':<34}{rounds:8d}    {dict(retry_outcomes)}")
    print(f"{'unavoidable (rate-limit model)':<34}{floor_text}")
    print(f"{'messages posted':<34}{total:8d}")
    print(f"{'duplicates (must be 0)':<34}{duplicates:8d}")
    print(f"{'missing (must be 0)':<34}{missing:8d}")
    print(f"{'chat.postMessage calls':<34}{attempts:8d}  429s: {dict(fake.refused)}, "
          f"late answers: {fake.late_answers}")  # fmt: skip
    print(f"{'slots by status':<34}{dict(statuses)}")
    if rounds:
        print(f"in production the housekeeping rounds run every {HOUSEKEEPING_SECONDS} s: "
              f"expect about {fanout_seconds + rounds * HOUSEKEEPING_SECONDS:.0f} s "
              f"until the last post, not {wall:.0f} s")  # fmt: skip
    print(f"\nreproduce: {reproduce_line(argv)}")
    return 0 if duplicates == 0 and missing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
