"""How fast the app acknowledges Slack's requests under load, next to a bare Bolt app.

Run from the repository root::

    .venv/bin/python -m bench.ack_latency [--clients 50] [--seconds 30] [--only real|bare]
    .venv/bin/python -m bench.ack_latency --sweep  # the knee: see bench/ack_sweep.py

Both apps are served by the production server factory (``bot.server.create_http_server``,
waitress with its thread pool) on loopback, talking to the fake Slack of the tests. Each client
thread keeps one HTTP/1.1 connection open and sends, in turn, a signed ``/casus <text>``,
``/knelpunt <text>`` and a thread reply under a posted prompt (a unique event_id and ts each
time). The figure is the time from sending a request to reading the whole HTTP answer: what
Slack waits for (it gives up after 3 s). Bolt runs the listeners' work after the ack in its
own thread pool, so this is not the time until the work is done; the "drained" line says how
long that took after the load stopped.

The bare app has the same server, signing secret and fake Slack, and listeners that only ack.
The issue's aim: p99 of the real app within 1.25x of the bare one, and far below 3 s.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import itertools
import json
import logging
import multiprocessing
import re
import shlex
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlalchemy import Engine, text

from bot.app import build_web_client, create_app
from bot.server import HTTP_THREADS, create_http_server, settle_memory
from bot.services import Services
from bot.settings import Settings, load_settings
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.conftest import make_team
from tests.fakes.slack_api import Call, FakeSlack
from tests.helpers import payloads, signing

SIGNING_SECRET = "bench-signing-secret-0123456789"
BOT_TOKEN = "xoxb-bench-0000-reflectiebot"
CHANNEL = "C0NOORD"
AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)
SLACK_ACK_LIMIT = 3.0
AIM_RATIO = 1.25
KINDS = ("casus", "knelpunt", "reply")
CASUS_TEXT = "Gezin met huurachterstand, doorverwezen naar schuldhulp, wachtlijst lang"
KNELPUNT_TEXT = "wachtlijst schuldhulp weer 14 weken"
REPLY_TEXTS = (
    "We leren vooral van elkaar in de auto onderweg naar huisbezoeken.",
    "Ik merk dat ik te weinig tijd heb om een casus echt goed uit te zoeken.",
    "Het overleg met de huisarts ging deze week veel soepeler dan eerst.",
    "Ik twijfel vaak wanneer ik een collega om hulp moet vragen.",
)
USERS = tuple(f"U0LID{n:02d}" for n in range(20))


@dataclass(frozen=True)
class Sample:
    """One request: its kind, the seconds until the whole answer was read, the HTTP status."""

    kind: str
    seconds: float
    status: int


@dataclass(frozen=True)
class Target:
    """Where to send the load and what the requests refer to."""

    url: str
    signing_secret: str
    channel_id: str
    thread_ts: str
    response_url_prefix: str  # a counter is appended: each command gets its own response_url


@dataclass(frozen=True)
class Summary:
    """Latency figures of a set of samples (seconds)."""

    count: int
    errors: int
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Summary:
        times = sorted(sample.seconds for sample in samples)
        errors = sum(sample.status != 200 for sample in samples)
        if not times:
            return cls(0, errors, 0.0, 0.0, 0.0, 0.0)
        return cls(
            len(times),
            errors,
            percentile(times, 50),
            percentile(times, 95),
            percentile(times, 99),
            times[-1],
        )


def percentile(ordered: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil(n * pct / 100), at least 1
    return ordered[int(rank) - 1]


# --- load generation -------------------------------------------------------------------------

_ids = itertools.count(1)


def _request(target: Target, kind: str) -> tuple[bytes, str]:
    """The body and content type of one request of this kind, each one unique."""
    n = next(_ids)
    user = USERS[n % len(USERS)]
    if kind in ("casus", "knelpunt"):
        fields = payloads.slash_command(
            command=f"/{kind}",
            text=CASUS_TEXT if kind == "casus" else KNELPUNT_TEXT,
            user_id=user,
            channel_id=target.channel_id,
            response_url=f"{target.response_url_prefix}{n}",
        )
        return urlencode(fields).encode("utf-8"), signing.FORM
    ts = f"{1763974800 + n // 1_000_000}.{n % 1_000_000:06d}"
    event = payloads.message_event(
        channel=target.channel_id,
        user=user,
        text=REPLY_TEXTS[n % len(REPLY_TEXTS)],
        ts=ts,
        thread_ts=target.thread_ts,
    )
    body = payloads.event_callback(event, event_id=f"EvBENCH{n:010d}")
    return json.dumps(body).encode("utf-8"), signing.JSON


def _client(
    target: Target, deadline: float, offset: int, interval: float, phase: float, out: list[Sample]
) -> None:
    """One client: a keep-alive connection, requests in turn, until the deadline.

    With an interval (open loop) request k is due at start + k * interval and its latency is
    counted from then, so a server that falls behind is not excused (no coordinated omission).
    """
    parts = urlsplit(target.url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
    connection = http.client.HTTPConnection(host, port, timeout=30)
    start = time.perf_counter() + phase
    for k, i in enumerate(itertools.count(offset)):
        due = start + k * interval
        if interval:
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        if time.monotonic() >= deadline:
            break
        kind = KINDS[i % len(KINDS)]
        body, content_type = _request(target, kind)
        headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **signing.sign(body, target.signing_secret),
        }
        started = due if interval else time.perf_counter()
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
        out.append(Sample(kind, time.perf_counter() - started, status))
    connection.close()


def run_load(
    target: Target, *, clients: int, seconds: float, rate: float = 0.0, first_id: int = 0
) -> list[Sample]:
    """`clients` threads sending requests for `seconds`; every request's latency.

    rate 0: each client sends its next request as soon as the last was answered (closed loop).
    rate > 0: together the clients send `rate` requests per second on a fixed timetable.
    first_id: number the requests (event ids, message ts) from here, so that several loads
    against one database do not repeat ids (a repeated event is a redelivery to the app).
    """
    global _ids
    if first_id:
        _ids = itertools.count(first_id)
    deadline = time.monotonic() + seconds
    interval = clients / rate if rate > 0 else 0.0
    results: list[list[Sample]] = [[] for _ in range(clients)]
    threads = [
        threading.Thread(
            target=_client,
            args=(target, deadline, n, interval, interval * n / clients, results[n]),
            daemon=True,
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [sample for samples in results for sample in samples]


def run_load_elsewhere(
    target: Target, *, clients: int, seconds: float, rate: float = 0.0, first_id: int = 0
) -> list[Sample]:
    """run_load in a child process, so the clients do not compete with the server for the GIL."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(
            run_load, target, clients=clients, seconds=seconds, rate=rate, first_id=first_id
        ).result()


# --- the apps and their server ---------------------------------------------------------------


@contextmanager
def served(app: App) -> Iterator[str]:
    """The app behind the production server factory on a free port; yields the events URL."""
    server = create_http_server(app, host="127.0.0.1", port=0)
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except (OSError, ValueError):
            if not stopping.is_set():  # closing the socket ends waitress's loop this way
                raise

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = server.effective_port  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/slack/events"
    finally:
        stopping.set()
        server.close()
        thread.join(timeout=5)


def bench_settings(fake: FakeSlack, database_url: str) -> Settings:
    """Settings as in the tests: the fake Slack and a SQLite file."""
    return load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.base_url,
            "DATABASE_URL": database_url,
        },
        env_file=None,
    )


@dataclass
class RealApp:
    """The real app, its services and the ts of the prompt that thread replies answer."""

    app: App
    services: Services
    engine: Engine
    thread_ts: str


def build_real_app(fake: FakeSlack, directory: Path) -> RealApp:
    """The real app on a fresh database with one team in CHANNEL and one posted prompt."""
    settings = bench_settings(fake, f"sqlite:///{directory / 'reflectiebot.db'}")
    engine = create_db_engine(settings.database_url)
    upgrade_to_head(engine)
    services = Services.for_settings(settings, engine)
    app = create_app(
        settings,
        engine=engine,
        client=build_web_client(settings),
        token_verification=False,
        services=services,
    )
    make_team(engine, channel_id=CHANNEL)
    results = services.poster(build_web_client(settings)).post_due_prompts(TUESDAY_9)
    if [result.outcome for result in results] != ["posted"]:
        raise RuntimeError(f"the prompt was not posted: {results}")
    with engine.connect() as connection:
        ts = connection.execute(text("SELECT message_ts FROM prompt_slot")).scalar_one()
    return RealApp(app, services, engine, str(ts))


def build_bare_app(fake: FakeSlack) -> App:
    """Bolt with the same secret and Slack, and listeners that only acknowledge."""
    app = App(
        signing_secret=SIGNING_SECRET,
        token_verification_enabled=False,
        client=WebClient(token=BOT_TOKEN, base_url=fake.base_url),
    )

    def ack_only(ack: Ack) -> None:
        ack()

    def nothing() -> None:
        return None

    app.command("/casus")(ack_only)
    app.command("/knelpunt")(ack_only)
    app.event("message")(nothing)
    return app


class LeanSlack(FakeSlack):
    """The fake Slack, counting calls instead of keeping them and forgetting opened views.

    The fake runs in the server's process; left as it is, the thousands of calls and modals it
    keeps would make that process's garbage collections longer than the app's own would be.
    """

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()

    def _record(self, call: Call) -> None:
        with self._lock:
            self.counts[call.method] += 1
            self._lock.notify_all()

    def _view(self, view: Any, view_id: str) -> dict[str, Any]:
        reply = super()._view(view, view_id)
        self.views.pop(view_id, None)
        return reply


def follow_up_calls(fake: LeanSlack) -> int:
    """Calls the real app's listeners make after the ack (views.open, answers, reactions)."""
    methods = ("views.open", "response_url", "reactions.add")
    with fake._lock:
        return sum(fake.counts[method] for method in methods)


def wait_drained(fake: LeanSlack, expected: int, timeout: float) -> float | None:
    """Seconds until the fake saw `expected` follow-up calls; None if not within `timeout`."""
    started = time.monotonic()
    while follow_up_calls(fake) < expected:
        if time.monotonic() - started > timeout:
            return None
        time.sleep(0.05)
    return time.monotonic() - started


class QueueDepth(logging.Handler):
    """Counts waitress's 'Task queue depth is N' warnings and keeps the largest N."""

    def __init__(self) -> None:
        super().__init__()
        self.warnings = 0
        self.deepest = 0

    def emit(self, record: logging.LogRecord) -> None:
        match = re.search(r"depth is (\d+)", record.getMessage())
        if match:
            self.warnings += 1
            self.deepest = max(self.deepest, int(match.group(1)))

    def reset(self) -> tuple[int, int]:
        seen = (self.warnings, self.deepest)
        self.warnings = self.deepest = 0
        return seen


def quiet_logs() -> QueueDepth:
    """Keep the per-request warnings off the table; count waitress's queue warnings instead."""
    logging.basicConfig(level=logging.ERROR)
    depth = QueueDepth()
    queue_log = logging.getLogger("waitress.queue")
    queue_log.addHandler(depth)
    queue_log.setLevel(logging.WARNING)
    queue_log.propagate = False
    return depth


class GcPauses:
    """The duration of every garbage collection of the oldest generation (they stop all threads)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)

    def reset(self) -> list[float]:
        seen, self.pauses = self.pauses, []
        return seen


# --- reporting -------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def print_table(title: str, samples: Sequence[Sample], seconds: float) -> Summary:
    """Per kind and overall: count, rate, percentiles, max, errors."""
    print(f"\n{title}")
    print(f"{'kind':<10}{'count':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'max ms':>9}{'errors':>8}")  # fmt: skip
    overall = Summary.of(samples)
    for kind in (*KINDS, "all"):
        chosen = samples if kind == "all" else [s for s in samples if s.kind == kind]
        s = overall if kind == "all" else Summary.of(chosen)
        print(f"{kind:<10}{s.count:>7}{s.count / seconds:>8.1f}{ms(s.p50):>9}{ms(s.p95):>9}"
              f"{ms(s.p99):>9}{ms(s.max):>9}{s.errors:>8}")  # fmt: skip
    statuses: dict[int, int] = {}
    for sample in samples:
        if sample.status != 200:
            statuses[sample.status] = statuses.get(sample.status, 0) + 1
    if statuses:
        print(
            "non-200 answers: " + ", ".join(f"{k or 'no answer'}: {v}" for k, v in statuses.items())
        )
    return overall


def print_gc(pauses: GcPauses) -> None:
    seen = pauses.reset()
    longest = f", longest {max(seen) * 1000:.0f} ms" if seen else ""
    print(f"server process: {len(seen)} full garbage collections (gen 2){longest}")


def print_queue(depth: QueueDepth) -> None:
    warnings, deepest = depth.reset()
    print(f"waitress: {warnings} 'task queue depth' warnings (a request found all "
          f"{HTTP_THREADS} server threads busy), deepest queue {deepest}")  # fmt: skip


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50, help="concurrent client threads")
    parser.add_argument("--seconds", type=float, default=30.0, help="load duration per app")
    parser.add_argument(
        "--only", choices=("real", "bare"), help="measure one app only (default: both)"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="requests per second from all clients together (default 0: as fast as answered)",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the clients in this process (default: a child process, off the server's GIL)",
    )
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="skip bot.server.settle_memory() (gc.freeze), which `reflectiebot run` does",
    )
    parser.add_argument(
        "--drain-timeout",
        type=float,
        default=120.0,
        help="how long to wait for the real app's work after the load stops",
    )
    return parser.parse_args(argv)


def reproduce_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return shlex.join([".venv/bin/python", "-m", "bench.ack_latency", *args])


def measure(
    title: str,
    url: str,
    target: Target,
    args: argparse.Namespace,
    depth: QueueDepth,
    pauses: GcPauses,
) -> tuple[Summary, list[Sample]]:
    """Send the load to `url`; print and return its figures."""
    load = run_load if args.in_process else run_load_elsewhere
    samples = load(
        Target(url, target.signing_secret, target.channel_id, target.thread_ts,
               target.response_url_prefix),
        clients=args.clients,
        seconds=args.seconds,
        rate=args.rate,
    )  # fmt: skip
    summary = print_table(title, samples, args.seconds)
    print_queue(depth)
    print_gc(pauses)
    return summary, samples


def main(argv: Sequence[str] | None = None) -> int:
    if "--sweep" in (sys.argv[1:] if argv is None else argv):
        from bench import ack_sweep  # the knee: rate steps, 1 and N processes (its own module)

        return ack_sweep.main(argv)
    args = parse_args(argv)
    mode = f"open loop, {args.rate:g} req/s in all" if args.rate else "closed loop"
    where = "this process" if args.in_process else "a child process"
    frozen = "; without gc.freeze() (not as in production)" if args.no_gc_freeze else ""
    print(f"ack latency: {args.clients} clients ({mode}, in {where}), {args.seconds:g} s per app, "
          f"requests in turn: {', '.join(KINDS)}{frozen}")  # fmt: skip
    summaries: dict[str, Summary] = {}
    depth = quiet_logs()
    fake = LeanSlack()
    with fake, tempfile.TemporaryDirectory(prefix="bench-ack-") as tmp:
        fake.add_channel(CHANNEL, name="wijkteam-noord", is_member=True)
        real = build_real_app(fake, Path(tmp))
        if not args.no_gc_freeze:
            settle_memory()  # what `reflectiebot run` does before it serves
        pauses = GcPauses()
        gc.callbacks.append(pauses)
        target = Target("", SIGNING_SECRET, CHANNEL, real.thread_ts, f"{fake.origin}/response/b-")
        if args.only in (None, "bare"):
            with served(build_bare_app(fake)) as url:
                summaries["bare"], _ = measure(
                    "bare Bolt (listeners only ack)", url, target, args, depth, pauses
                )
        if args.only in (None, "real"):
            with served(real.app) as url:
                before = follow_up_calls(fake)
                summaries["real"], samples = measure(
                    "Reflectiebot (all listeners)", url, target, args, depth, pauses
                )
                acked = sum(s.status == 200 for s in samples)
                drained = wait_drained(fake, before + acked, args.drain_timeout)
                done = follow_up_calls(fake) - before
            if drained is None:
                print(f"drained: NOT within {args.drain_timeout:g} s after the load "
                      f"({done} of {acked} acked requests had their follow-up call)")  # fmt: skip
            else:
                print(f"drained: all {acked} acked requests had their follow-up call "
                      f"{drained:.1f} s after the load stopped")  # fmt: skip
        real.engine.dispose()
    if "real" in summaries and "bare" in summaries:
        real_s, bare_s = summaries["real"], summaries["bare"]
        print("\nratio real/bare:", end="")
        for name in ("p50", "p95", "p99"):
            r, b = getattr(real_s, name), getattr(bare_s, name)
            print(f"  {name} {r / b:.2f}x" if b else f"  {name} n/a", end="")
        print()
        ok_ratio = bare_s.p99 > 0 and real_s.p99 / bare_s.p99 <= AIM_RATIO
        ok_limit = real_s.p99 < SLACK_ACK_LIMIT
        print(f"aim p99 <= {AIM_RATIO}x bare: {'met' if ok_ratio else 'NOT met'}; p99 below "
              f"Slack's {SLACK_ACK_LIMIT:g} s: {'yes' if ok_limit else 'NO'}")  # fmt: skip
    print(f"\nreproduce: {reproduce_line(argv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
