"""Where the time of one acknowledged request goes: cProfile over the real app, closed loop.

Run from the repository root::

    .venv/bin/python -m bench.ack_profile [--requests 3000] [--top 25]

The real app of ``bench.ack_latency`` (same fake Slack, SQLite file, team and posted prompt)
gets signed ``/casus``, ``/knelpunt`` and thread-reply requests in turn through
``App.dispatch`` — the call waitress makes — with Bolt's listener thread pool replaced by an
inline executor, so the ack *and* the work after it run in the profiled thread. The HTTP
server and the client are left out: they are the same for bare Bolt. Prints the top entries by
own time (tottime) and by cumulative time, the CPU milliseconds per request, own time grouped
by package (ms a request) and our own functions (bot/, storage/, prompts/, privacy/) by
cumulative time (ms a request); ``--dump FILE`` keeps the raw profile for pstats.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from slack_bolt.request import BoltRequest

from bench.ack_latency import KINDS, SIGNING_SECRET, LeanSlack, Target, _request, build_real_app
from tests.helpers import signing


class InlineExecutor(Executor):
    """Runs each submitted call at once, in the caller's thread."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


def requests(target: Target, count: int) -> list[BoltRequest]:
    """`count` signed requests, the kinds in turn, built before profiling starts."""
    built = []
    for i in range(count):
        body, content_type = _request(target, KINDS[i % len(KINDS)])
        headers: dict[str, str | Sequence[str]] = {
            "Content-Type": content_type,
            **signing.sign(body, SIGNING_SECRET),
        }
        built.append(BoltRequest(body=body.decode("utf-8"), headers=headers))
    return built


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--ours", type=int, default=25, help="how many of our functions to list")
    parser.add_argument("--dump", type=Path, default=None, help="write the raw profile here")
    args = parser.parse_args(argv)
    fake = LeanSlack()
    fake.start()
    try:
        with tempfile.TemporaryDirectory() as directory:
            real = build_real_app(fake, Path(directory))
            runner = real.app._listener_runner
            runner.listener_executor = InlineExecutor()
            runner.lazy_listener_runner.executor = InlineExecutor()  # type: ignore[attr-defined]
            target = Target(
                url="http://unused/slack/events",
                signing_secret=SIGNING_SECRET,
                channel_id="C0NOORD",
                thread_ts=real.thread_ts,
                response_url_prefix=f"{fake.origin}/response/bench-",
            )
            warm = requests(target, 60)
            for request in warm:
                real.app.dispatch(request)
            batch = requests(target, args.requests)
            profile = cProfile.Profile()
            started = time.process_time()
            profile.enable()
            for request in batch:
                response = real.app.dispatch(request)
                if response.status != 200:
                    raise RuntimeError(f"status {response.status}: {response.body}")
            profile.disable()
            cpu = time.process_time() - started
            real.engine.dispose()
    finally:
        fake.stop()
    print(f"{args.requests} requests, {cpu * 1000 / args.requests:.2f} ms CPU each (profiled)")
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
        print(f"--- top {args.top} by {key} ---")
        print(out.getvalue().split("\n\n", 2)[-1].rstrip())
    stats = pstats.Stats(profile)
    if args.dump is not None:
        stats.dump_stats(args.dump)
    print_summary(stats, args.requests, args.ours)
    return 0


ROOT = Path(__file__).resolve().parent.parent
OURS = ("bot", "storage", "prompts", "privacy")
THIRD_PARTY = ("sqlalchemy", "sqlmodel", "slack_bolt", "slack_sdk", "pydantic", "numpy")
BUILTINS = {  # C functions worth naming on their own: where the waiting and the I/O are
    "recv_into": "socket recv_into (waiting for the fake Slack)",
    "sendall": "socket sendall",
    "connect": "socket connect (a new TCP connection per Slack call)",
    "execute": "sqlite3 execute",
    "commit": "sqlite3 commit",
    "rollback": "sqlite3 rollback",
}


def package_of(filename: str, function: str) -> str:
    """The group a profile entry's own time counts for."""
    if filename == "~":  # a C function: {method 'recv_into' of '_socket.socket' objects}
        for name, label in BUILTINS.items():
            if f"'{name}'" in function and ("socket" in function or "sqlite3" in function):
                return label
        return "other C functions (builtins)"
    path = Path(filename)
    if path.is_relative_to(ROOT) and "site-packages" not in path.parts:
        top = path.relative_to(ROOT).parts[0]
        if top in OURS:
            return f"ours: {top}/"
    for package in THIRD_PARTY:
        if package in path.parts:
            return package
    return "python standard library and others"


def print_summary(stats: pstats.Stats, count: int, ours: int) -> None:
    """Own time by package, and our functions by cumulative time, in ms a request."""
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in entries.values())
    groups: dict[str, float] = {}
    own: list[tuple[float, int, str]] = []
    for (filename, line, function), (_cc, calls, tottime, cumtime, _callers) in entries.items():
        group = package_of(filename, function)
        groups[group] = groups.get(group, 0.0) + tottime
        if group.startswith("ours:"):
            where = f"{Path(filename).parent.name}/{Path(filename).name}:{line}({function})"
            own.append((cumtime, calls, where))
    print(f"--- own time by package, ms a request (total {total * 1000 / count:.2f}) ---")
    for group, seconds in sorted(groups.items(), key=lambda item: -item[1]):
        print(f"{seconds / total:6.1%} {seconds * 1000 / count:6.2f}  {group}")
    print(f"--- our functions by cumulative time, ms a request (top {ours}) ---")
    for cumtime, calls, where in sorted(own, reverse=True)[:ours]:
        print(f"{cumtime * 1000 / count:6.2f} {calls / count:5.2f}/req  {where}")


if __name__ == "__main__":
    raise SystemExit(main())
