"""Many teams due in the same minute: how long until every prompt is out, exactly once.

Run from the repository root::

    .venv/bin/python -m bench.fanout [--teams 500] [--workers 10] [--random-429 0.05]
        [--timeouts 5] [--global-per-minute 0] [--housekeeping-seconds 60] [--kill-after N]

Every team has the default schedule (Tuesday 09:00, Europe/Amsterdam), each in its own channel.
The fake Slack of the tests is wrapped to limit chat.postMessage the way Slack does:

* one message per second per channel (HTTP 429, Retry-After 1, nothing posted);
* optionally a workspace-wide limit (--global-per-minute; a token bucket, Retry-After until the
  next token); Slack documents "several hundred messages per minute" without a number;
* a share of random 429s (--random-429), as Slack sends under load;
* a few posts whose answer comes later than the client's timeout (--timeouts) although the
  message *is* posted: the case where a blind retry would post it twice.

The posting is done as the scheduler does it at 09:00: one `post_due_prompts(now, team_id=…)`
per team on a pool of --workers threads (APScheduler's default pool has 10) and, as in
production, a housekeeping round (`post_due_prompts` + `retry_unfinished`) every
--housekeeping-seconds (HOUSEKEEPING_SECONDS, 60 s) of real time, running beside the first pass,
with "now" = 09:00 + the real time elapsed. That goes on until every channel has its message at
the fake. The "last post" is the moment the fake stored the last message, counted from 09:00.
Then recovery rounds of `retry_unfinished(later)` run back to back, `later` past the claim
lease, so that the claims of posts without an answer are resolved (they post nothing more; in
production they run minutes later), and the slots' statuses are checked.

With --kill-after N the posting runs in a child process (the same code path), which is killed
with SIGKILL once N messages are posted; a fresh child process then finishes the fan-out.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import random
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from bot.app import build_web_client
from bot.posting import PostResult, PromptPoster
from bot.scheduler import CLAIM_RECOVERY_MARGIN, HOUSEKEEPING_SECONDS
from bot.services import Services
from bot.settings import Settings, load_settings
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
        self.stored_at: list[float] = []  # monotonic moments the top-level posts were stored
        self.stored_channels: set[str] = set()

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
            reply = super()._handle(method, args, token, headers, http_method)
            if reply.status == 200 and isinstance(reply.body, dict) and reply.body.get("ok"):
                with self._limits:
                    self.stored_at.append(time.monotonic())
                    self.stored_channels.add(channel)
            return reply
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
    parser.add_argument(
        "--housekeeping-seconds",
        type=float,
        default=float(HOUSEKEEPING_SECONDS),
        help="real seconds between housekeeping rounds (production: HOUSEKEEPING_SECONDS)",
    )
    parser.add_argument(
        "--kill-after",
        type=int,
        default=0,
        help="post in a child process, SIGKILL it after this many posts, finish in a fresh one",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="give up after this")
    # the child process of --kill-after (internal)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--catch-up", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    parser.add_argument("--start-epoch", type=float, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def reproduce_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return shlex.join([".venv/bin/python", "-m", "bench.fanout", *args])


def bench_settings(api_url: str, database_url: str) -> Settings:
    return load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api_url,
            "DATABASE_URL": database_url,
        },
        env_file=None,
    )


def make_poster(settings: Settings, engine: Engine, client_timeout: float) -> PromptPoster:
    client = build_web_client(settings)
    client.timeout = int(client_timeout) if client_timeout >= 1 else 1
    return Services.for_settings(settings, engine).poster(client)


class Posting:
    """The scheduler's part, as APScheduler runs it: one pool of `workers` threads gets the 500
    09:00 jobs, and every `housekeeping` seconds a housekeeping job (into the same pool, FIFO,
    at most one at a time: max_instances=1)."""

    def __init__(
        self, poster: PromptPoster, *, start_epoch: float, housekeeping: float, workers: int
    ) -> None:
        self.poster = poster
        self.start_epoch = start_epoch
        self.housekeeping = housekeeping
        self.pool = ThreadPoolExecutor(max_workers=workers)
        self.stop = threading.Event()
        self.first: Counter[str] = Counter()
        self.rounds = 0
        self.round_outcomes: Counter[str] = Counter()
        self.first_pass_seconds = 0.0
        self._housekeeping_busy = threading.Lock()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._wake = threading.Event()  # a new claims watch, or the stop
        self._claims_due = math.inf  # monotonic time of the claims round, if one is due

    def now(self) -> datetime:
        """09:00 plus the real time elapsed since the fan-out began."""
        return TUESDAY_9 + timedelta(seconds=time.time() - self.start_epoch)

    def _tick(self) -> None:
        """Housekeeping every `housekeeping` seconds and, as PromptScheduler.watch_claims has it
        after each round, one more round the moment the oldest claim goes stale."""
        next_round = time.monotonic() + self.housekeeping
        while True:
            self._wake.wait(max(0.0, min(next_round, self._claims_due) - time.monotonic()))
            self._wake.clear()
            if self.stop.is_set():
                return
            now = time.monotonic()
            if now < min(next_round, self._claims_due):  # woken by a new watch: wait again
                continue
            if now >= self._claims_due:
                self._claims_due = math.inf
            if now >= next_round:
                next_round += self.housekeeping
            if self._housekeeping_busy.acquire(blocking=False):  # else: skipped, as APScheduler
                try:
                    self.pool.submit(self._housekeeping_round)
                except RuntimeError:  # the pool is shut down
                    self._housekeeping_busy.release()
                    return

    def _housekeeping_round(self) -> None:
        try:
            self.catch_up()
        except Exception as error:  # APScheduler logs it; the next round tries again
            self.round_outcomes[f"round error: {type(error).__name__}"] += 1
        finally:
            self.rounds += 1
            self._housekeeping_busy.release()

    def catch_up(self) -> None:
        """One round (PromptScheduler.start runs one beside its jobs), with the claims watch
        before and after it."""
        self._watch_claims()
        moment = self.now()
        results = self.poster.post_due_prompts(moment) + self.poster.retry_unfinished(moment)
        self.round_outcomes.update(result.outcome for result in results)
        self._watch_claims()

    def _watch_claims(self) -> None:
        """PromptScheduler.watch_claims: a round the moment the oldest claim goes stale."""
        stale_at = self.poster.claims_go_stale_at()
        now = self.now()
        if stale_at is not None and stale_at > now:
            wait = (stale_at - now + CLAIM_RECOVERY_MARGIN).total_seconds()
            self._claims_due = time.monotonic() + wait
            self._wake.set()

    def _team_job(self, team_id: int) -> list[PostResult]:
        try:
            return self.poster.post_due_prompts(self.now(), team_id=team_id)
        except Exception as error:  # APScheduler logs a failed job; housekeeping catches up
            return [PostResult(team_id, "-", f"job error: {type(error).__name__}")]

    def run_first_pass(self, team_ids: list[int]) -> None:
        """Submit the 09:00 jobs and wait for them (housekeeping goes on meanwhile)."""
        self._ticker.start()
        started = time.perf_counter()
        futures = [self.pool.submit(self._team_job, team_id) for team_id in team_ids]
        for future in futures:
            self.first.update(result.outcome for result in future.result())
        self.first_pass_seconds = time.perf_counter() - started

    def finish(self) -> None:
        self.stop.set()
        self._wake.set()
        self._ticker.join()
        self.pool.shutdown(wait=True)


def child_main(args: argparse.Namespace) -> int:
    """The posting process of --kill-after: post until killed (or stopped by SIGTERM)."""
    random.seed(args.seed + os.getpid())
    settings = bench_settings(args.api_url, args.database_url)
    engine = create_db_engine(settings.database_url)
    with engine.connect() as connection:
        team_ids = [int(row[0]) for row in connection.execute(text("SELECT id FROM team"))]
    posting = Posting(
        make_poster(settings, engine, args.client_timeout),
        start_epoch=args.start_epoch,
        housekeeping=args.housekeeping_seconds,
        workers=args.workers,
    )
    if args.catch_up:  # in its own thread, as PromptScheduler.start runs it beside the jobs
        threading.Thread(target=posting.catch_up, daemon=True).start()
    posting.run_first_pass(team_ids)
    posting.stop.wait()  # housekeeping goes on in its thread until the process is stopped
    return 0


def wait_until(condition: Callable[[], bool], limit: float) -> bool:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # timeouts and 429s are expected here
    if args.child:
        return child_main(args)
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
        settings = bench_settings(fake.base_url, f"sqlite:///{Path(tmp) / 'reflectiebot.db'}")
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
        poster = make_poster(settings, engine, args.client_timeout)

        print(f"fan-out: {args.teams} teams due {TUESDAY_9.astimezone(AMS):%a %Y-%m-%d %H:%M} "
              f"({setup_seconds:.1f} s to create them), {args.workers} worker threads, "
              f"housekeeping every {args.housekeeping_seconds:g} s")  # fmt: skip
        limit = (
            f"{args.global_per_minute:g}/min workspace-wide (burst {args.global_burst})"
            if args.global_per_minute
            else "no workspace-wide limit"
        )
        print(f"fake Slack: 1 post/s per channel, {limit}, {args.random_429:.0%} random 429s, "
              f"{len(late_channels)} posts answered after {args.client_timeout + 1:g} s "
              f"(client timeout {int(max(1, args.client_timeout))} s)")  # fmt: skip

        def all_posted() -> bool:
            return len(fake.stored_channels) >= len(channels)

        started = time.monotonic()
        start_epoch = time.time()
        posting: Posting | None = None
        kill_note = ""
        if args.kill_after:
            command = [
                sys.executable, "-m", "bench.fanout", "--child",
                "--database-url", settings.database_url, "--api-url", fake.base_url,
                "--start-epoch", repr(start_epoch), "--workers", str(args.workers),
                "--client-timeout", str(args.client_timeout),
                "--housekeeping-seconds", str(args.housekeeping_seconds),
                "--seed", str(args.seed),
            ]  # fmt: skip
            first = subprocess.Popen(command)
            wait_until(lambda: len(fake.stored_at) >= args.kill_after, args.max_seconds)
            first.send_signal(signal.SIGKILL)
            first.wait()
            killed_at = time.monotonic() - started
            with engine.connect() as connection:
                claimed = connection.execute(
                    text("SELECT count(*) FROM prompt_slot WHERE status = 'posting'")
                ).scalar_one()
            kill_note = (f"killed (SIGKILL) at {killed_at:.1f} s after {len(fake.stored_at)} "
                         f"posts, {claimed} slots claimed; a fresh process finishes")  # fmt: skip
            second = subprocess.Popen([*command, "--catch-up"])  # a restart catches up first
            finished = wait_until(all_posted, args.max_seconds)
            second.terminate()
            second.wait()
        else:
            posting = Posting(
                poster,
                start_epoch=start_epoch,
                housekeeping=args.housekeeping_seconds,
                workers=args.workers,
            )
            runner = threading.Thread(target=posting.run_first_pass, args=(team_ids,), daemon=True)
            runner.start()
            finished = wait_until(all_posted, args.max_seconds)
            runner.join()
            posting.finish()
        posting_seconds = time.monotonic() - started
        last_post = max(fake.stored_at, default=started) - started

        while fake.late_in_flight:  # in production the claim lease (minutes) covers this
            time.sleep(0.05)
        recovery_rounds = 0
        later = TUESDAY_9 + timedelta(seconds=posting_seconds)
        recovery: Counter[str] = Counter()
        while unfinished(engine) and recovery_rounds < MAX_ROUNDS:
            recovery_rounds += 1
            later = later + CLAIM_LEASE + (CLAIM_LEASE / 2)
            recovery.update(result.outcome for result in poster.retry_unfinished(later))
            while fake.late_in_flight:
                time.sleep(0.05)

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
        floor = args.teams / (args.global_per_minute / 60.0)
        model = max(0.0, (args.teams - args.global_burst) / (args.global_per_minute / 60.0))
        floor_text = (f"{floor:.1f} s ({args.teams} posts at {args.global_per_minute:g}/min; "
                      f"{model:.1f} s with the fake's burst of {args.global_burst})")  # fmt: skip
    else:
        floor_text = "0.0 s (one post per channel; the 1/s per-channel limit never binds)"
    print()
    if kill_note:
        print(kill_note)
    print(f"{'last post stored at the fake':<34}{last_post:8.1f} s after 09:00"
          f"{'' if finished else '  (GAVE UP: not all posted)'}")  # fmt: skip
    print(f"{'floor (rate limit)':<34}{floor_text}")
    if posting is not None:
        print(f"{'  first pass (scheduler jobs)':<34}{posting.first_pass_seconds:8.1f} s  "
              f"{dict(posting.first)}")  # fmt: skip
        print(f"{'  housekeeping rounds (real time)':<34}{posting.rounds:8d}    "
              f"{dict(posting.round_outcomes)}")  # fmt: skip
    print(f"{'recovery rounds afterwards':<34}{recovery_rounds:8d}    {dict(recovery)}")
    print(f"{'messages posted':<34}{total:8d}")
    print(f"{'duplicates (must be 0)':<34}{duplicates:8d}")
    print(f"{'missing (must be 0)':<34}{missing:8d}")
    print(f"{'chat.postMessage calls':<34}{attempts:8d}  429s: {sum(fake.refused.values())} "
          f"{dict(fake.refused)}, late answers: {fake.late_answers}")  # fmt: skip
    print(f"{'slots by status':<34}{dict(statuses)}")
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    print(f"\nreproduce: {reproduce_line(argv)}")
    return 0 if duplicates == 0 and missing == 0 and finished else 1


if __name__ == "__main__":
    sys.exit(main())
