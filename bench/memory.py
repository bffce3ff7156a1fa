"""Resident memory of `reflectiebot run`: idle after start, and after a burst of Slack requests.

Run from the repository root::

    .venv/bin/python -m bench.memory [--clients 50] [--seconds 10] [--rate 0] [--processes 1]

The bench starts the fake Slack of the tests, prepares a SQLite file with one team and one
posted prompt, and starts ``--processes`` copies of ``.venv/bin/reflectiebot run`` as child
processes in HTTP mode (each with its own port, all on the same database; the planner lease
lets one of them plan, the others stand by). It reads VmRSS (and the peak, VmHWM) from
/proc/<pid>/status and Pss / private memory from /proc/<pid>/smaps_rollup once every process
answers /healthz and has been idle a moment, then sends the load of ``bench.ack_latency`` (its
clients run in this process, not in the measured ones; with N processes the clients are split
evenly and load them all at once) and reads the figures again right after, and after a pause.

Pss counts a page shared by k processes as 1/k to each: the sum of Pss is what N processes
really cost. The recogniser's share is measured apart, in a fresh interpreter: RSS after
importing what ``reflectiebot run`` imports, after building the knelpunt recogniser the way
Services does (``shipped_recogniser``: the shipped model and the Tagger with its dictionary),
and after its first text.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.ack_latency import (
    BOT_TOKEN,
    CHANNEL,
    SIGNING_SECRET,
    TUESDAY_9,
    Sample,
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


@dataclass(frozen=True)
class Memory:
    """One process's memory at one moment, in KiB."""

    rss: int
    hwm: int
    pss: int
    private: int

    @classmethod
    def of(cls, pid: int) -> Memory:
        fields: dict[str, int] = {}
        for name in ("status", "smaps_rollup"):
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM", "Pss", "Private_Clean", "Private_Dirty"):
                    fields[key] = int(value.split()[0])
        return cls(
            fields["VmRSS"],
            fields["VmHWM"],
            fields["Pss"],
            fields["Private_Clean"] + fields["Private_Dirty"],
        )


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of the process in KiB."""
    memory = Memory.of(pid)
    return memory.rss, memory.hwm


RECOGNISER_PROBE = """
import json, sys
from pathlib import Path
def rss():
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
steps = [('python', rss())]
import slack_bolt, slack_sdk, sqlalchemy, sqlmodel, alembic, waitress, apscheduler, holidays
steps.append(('frameworks', rss()))
import numpy, simplemma  # the recogniser's own libraries
steps.append(('numpy + simplemma', rss()))
import privacy.guard  # not the recogniser: the client-data guard (its tables built at import)
steps.append(('privacy guard', rss()))
import bot.runner, bot.app, bot.services  # the rest of what `reflectiebot run` imports
steps.append(('bot modules', rss()))
from prompts.modelfile import shipped_recogniser
from prompts.taxonomy import load_taxonomy
recogniser = shipped_recogniser(load_taxonomy())
steps.append(('recogniser built', rss()))
recogniser.recognise('De wachtlijst bij de ggz is lang en het gezin wacht al maanden op hulp.')
steps.append(('first text', rss()))
steps.append(('scipy imported: ' + str('scipy' in sys.modules), 0))
print(json.dumps(steps))
"""


def recogniser_share() -> list[tuple[str, int]]:
    """(step, VmRSS KiB) of a fresh interpreter importing the bot, then building the recogniser."""
    python = REFLECTIEBOT.parent / "python"
    done = subprocess.run(
        [str(python), "-c", RECOGNISER_PROBE],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    return [(str(step), int(kib)) for step, kib in json.loads(done.stdout.strip().splitlines()[-1])]


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
    parser.add_argument(
        "--processes", type=int, default=1, help="reflectiebot run processes side by side"
    )
    parser.add_argument(
        "--no-recogniser-share", action="store_true", help="skip the recogniser's measurement"
    )
    return parser.parse_args(argv)


def reproduce_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return shlex.join([".venv/bin/python", "-m", "bench.memory", *args])


def mib(kib: int) -> str:
    return f"{kib / 1024:8.1f}"


@dataclass
class Child:
    """One `reflectiebot run` under measurement."""

    process: subprocess.Popen[bytes]
    base: str
    startup: float = 0.0


@contextmanager
def started(tmp: str, env: dict[str, str], n: int) -> Iterator[Child]:
    """`reflectiebot run` number n on a free port; SIGINT (then kill) when done."""
    port = free_port()
    log_path = Path(tmp) / f"reflectiebot-{n}.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [str(REFLECTIEBOT), "run"],
            cwd=tmp,
            env={**env, "PORT": str(port)},
            stdout=log_file,
            stderr=log_file,
        )
        try:
            yield Child(process, f"http://127.0.0.1:{port}")
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def load_all(
    children: Sequence[Child], make_target: Any, args: argparse.Namespace
) -> list[list[Sample]]:
    """The load on every child at once, the clients split evenly; each child's samples."""
    results: list[list[Sample]] = [[] for _ in children]
    shares = [len(range(n, args.clients, len(children))) for n in range(len(children))]

    def one(n: int) -> None:
        rate = args.rate * shares[n] / args.clients if args.rate else 0.0
        results[n] = run_load(
            make_target(children[n]), clients=shares[n], seconds=args.seconds, rate=rate
        )

    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(children))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.processes < 1 or args.clients < args.processes:
        raise SystemExit("--processes must be at least 1 and at most --clients")
    logging.basicConfig(level=logging.CRITICAL)
    rows: list[tuple[str, list[Memory]]] = []
    with FakeSlack() as fake, tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        fake.add_channel(CHANNEL, name="wijkteam-noord", is_member=True)
        database_url = f"sqlite:///{Path(tmp) / 'reflectiebot.db'}"
        thread_ts = prepare_database(fake, database_url)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.base_url,
            "DATABASE_URL": database_url,
        }

        def target(child: Child) -> Target:
            return Target(
                f"{child.base}/slack/events",
                SIGNING_SECRET,
                CHANNEL,
                thread_ts,
                f"{fake.origin}/response/m-",
            )

        def measure(moment: str) -> None:
            rows.append((moment, [Memory.of(child.process.pid) for child in children]))

        with ExitStack() as stack:
            children = [stack.enter_context(started(tmp, env, n)) for n in range(args.processes)]
            for child in children:
                child.startup = wait_healthy(f"{child.base}/healthz", child.process, timeout=90)
            time.sleep(args.idle)
            measure(f"idle, {args.idle:g} s after start")
            per_child = load_all(children, target, args)
            samples = [sample for part in per_child for sample in part]
            measure(f"right after {len(samples)} requests")
            time.sleep(5)
            measure("5 s later")
        auth_calls = len(fake.calls("auth.test"))
    share = [] if args.no_recogniser_share else recogniser_share()

    mode = f"{args.rate:g} req/s" if args.rate else "closed loop"
    startups = ", ".join(f"{child.startup:.1f} s" for child in children)
    print(
        f"{args.processes} x reflectiebot run (HTTP mode, scheduler on, one SQLite file); "
        f"/healthz answered after {startups}; auth.test calls seen by the fake: {auth_calls}"
    )
    print(f"load: bench.ack_latency's clients, {args.clients} clients, {mode}, {args.seconds:g} s")
    print_table(f"requests to {args.processes} x reflectiebot run", samples, args.seconds)
    if args.processes > 1:
        print("requests per process: " + ", ".join(str(len(part)) for part in per_child))
    print(f"\n{'moment':<32}{'proc':>5}{'VmRSS MiB':>10}{'VmHWM MiB':>10}{'Pss MiB':>9}"
          f"{'private':>9}")  # fmt: skip
    for moment, memories in rows:
        for n, m in enumerate(memories):
            print(f"{moment if n == 0 else '':<32}{n + 1:>5}{mib(m.rss):>10}{mib(m.hwm):>10}"
                  f"{mib(m.pss):>9}{mib(m.private):>9}")  # fmt: skip
        if len(memories) > 1:
            print(f"{'':<32}{'sum':>5}{mib(sum(m.rss for m in memories)):>10}"
                  f"{mib(sum(m.hwm for m in memories)):>10}{mib(sum(m.pss for m in memories)):>9}"
                  f"{mib(sum(m.private for m in memories)):>9}")  # fmt: skip
    if share:
        print("\nthe recogniser's share (fresh interpreter, VmRSS):")
        previous = share[0][1]
        for step, kib in share:
            if not kib:
                print(f"  ({step})")
                continue
            print(f"  {step:<20}{mib(kib)} MiB  (+{(kib - previous) / 1024:.1f})")
            previous = kib
        built = dict(share)
        libraries = built["numpy + simplemma"] - built["frameworks"]
        own = libraries + built["first text"] - built["bot modules"]
        guard = built["privacy guard"] - built["numpy + simplemma"]
        idle = rows[0][1][0].rss
        print(f"  recogniser (numpy + simplemma, model and Tagger built, first text): "
              f"{own / 1024:.1f} MiB = {100 * own / idle:.0f} % of one idle process's "
              f"{idle / 1024:.1f} MiB")  # fmt: skip
        print(f"  (for comparison, the privacy guard: {guard / 1024:.1f} MiB = "
              f"{100 * guard / idle:.0f} %)")  # fmt: skip
    print(f"\nreproduce: {reproduce_line(argv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
