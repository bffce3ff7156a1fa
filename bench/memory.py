"""Resident memory of `reflectiebot run`: idle after start, and after a burst of Slack requests.

Run from the repository root::

    .venv/bin/python -m bench.memory [--clients 50] [--seconds 10] [--rate 0]

The bench starts the fake Slack of the tests, prepares a SQLite file with one team and one
posted prompt, and starts ``.venv/bin/reflectiebot run`` as a child process in HTTP mode (with
its scheduler) against both. It reads VmRSS (and the peak, VmHWM) from /proc/<pid>/status once
the process answers /healthz and has been idle a moment, then sends the load of
``bench.ack_latency`` (its clients run in this process, not in the measured one) and reads the
figures again right after, and after a pause.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import text

from bench.ack_latency import (
    BOT_TOKEN,
    CHANNEL,
    SIGNING_SECRET,
    TUESDAY_9,
    Target,
    bench_settings,
    print_table,
    run_load,
)
from bot.app import build_web_client
from bot.services import Services
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack

REPOSITORY = Path(__file__).resolve().parent.parent
REFLECTIEBOT = REPOSITORY / ".venv" / "bin" / "reflectiebot"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of the process in KiB."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def prepare_database(fake: FakeSlack, database_url: str) -> str:
    """One team in CHANNEL with a posted prompt; the prompt's ts (thread replies answer it)."""
    settings = bench_settings(fake, database_url)
    engine = create_db_engine(database_url)
    upgrade_to_head(engine)
    make_team(engine, channel_id=CHANNEL)
    poster = Services.for_settings(settings, engine).poster(build_web_client(settings))
    results = poster.post_due_prompts(TUESDAY_9)
    if [result.outcome for result in results] != ["posted"]:
        raise RuntimeError(f"the prompt was not posted: {results}")
    with engine.connect() as connection:
        ts = connection.execute(text("SELECT message_ts FROM prompt_slot")).scalar_one()
    engine.dispose()
    return str(ts)


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float) -> float:
    """Seconds until GET /healthz answers 200."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"reflectiebot run stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"reflectiebot run did not answer {url} within {timeout:g} s")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50, help="concurrent client threads")
    parser.add_argument("--seconds", type=float, default=10.0, help="load duration")
    parser.add_argument(
        "--rate", type=float, default=0.0, help="requests/s in all (0: as fast as answered)"
    )
    parser.add_argument("--idle", type=float, default=3.0, help="seconds idle before measuring")
    return parser.parse_args(argv)


def reproduce_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return shlex.join([".venv/bin/python", "-m", "bench.memory", *args])


def mib(kib: int) -> str:
    return f"{kib / 1024:8.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)
    rows: list[tuple[str, int, int]] = []
    with FakeSlack() as fake, tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        fake.add_channel(CHANNEL, name="wijkteam-noord", is_member=True)
        database_url = f"sqlite:///{Path(tmp) / 'reflectiebot.db'}"
        thread_ts = prepare_database(fake, database_url)
        port = free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.base_url,
            "PORT": str(port),
            "DATABASE_URL": database_url,
        }
        log_path = Path(tmp) / "reflectiebot.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                [str(REFLECTIEBOT), "run"], cwd=tmp, env=env, stdout=log_file, stderr=log_file
            )
            try:
                base = f"http://127.0.0.1:{port}"
                startup = wait_healthy(f"{base}/healthz", process, timeout=60)
                time.sleep(args.idle)
                rss, hwm = memory_kib(process.pid)
                rows.append((f"idle, {args.idle:g} s after start", rss, hwm))
                target = Target(
                    f"{base}/slack/events",
                    SIGNING_SECRET,
                    CHANNEL,
                    thread_ts,
                    f"{fake.origin}/response/m-",
                )
                samples = run_load(
                    target, clients=args.clients, seconds=args.seconds, rate=args.rate
                )
                rss, hwm = memory_kib(process.pid)
                rows.append((f"right after {len(samples)} requests", rss, hwm))
                time.sleep(5)
                rss, hwm = memory_kib(process.pid)
                rows.append(("5 s later", rss, hwm))
            finally:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        auth_calls = len(fake.calls("auth.test"))

    mode = f"{args.rate:g} req/s" if args.rate else "closed loop"
    print(f"reflectiebot run (HTTP mode, scheduler on), pid answered /healthz after "
          f"{startup:.1f} s; auth.test calls seen by the fake: {auth_calls}")  # fmt: skip
    print(f"load: bench.ack_latency's clients, {args.clients} clients, {mode}, {args.seconds:g} s")
    print_table("requests to reflectiebot run", samples, args.seconds)
    print(f"\n{'moment':<32}{'VmRSS MiB':>10}{'VmHWM MiB':>10}")
    for moment, rss, hwm in rows:
        print(f"{moment:<32}{mib(rss):>10}{mib(hwm):>10}")
    print(f"\nreproduce: {reproduce_line(argv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
