"""The knee of the ack curve: open-loop rate steps for bare Bolt and Reflectiebot, side by side.

Run from the repository root::

    .venv/bin/python -m bench.ack_latency --sweep [--rates 25,50,100,150,200,300]
        [--seconds 8] [--processes 2] [--clients 50]

(or ``python -m bench.ack_sweep`` with the same options). For each rate, in turn: bare Bolt
(listeners that only ack, served in this process as in bench.ack_latency), Reflectiebot as
`reflectiebot run --no-scheduler` with WEB_PROCESSES=1, and the same with WEB_PROCESSES=N.
Both Reflectiebot services are real processes started once, each on its own copy of one
prepared SQLite database, talking to the fake Slack in this process; the load comes from a
child process (bench.ack_latency.run_load_elsewhere: open loop, latency counted from when a
request was due). After each Reflectiebot step the sweep waits until the fake Slack saw
every acked request's follow-up call, so one step's work does not spill into the next.

Per rate it prints p50 and p99 of each, p99 as a multiple of bare Bolt's p99 in the same
step, the CPU each part used, and at the end the knee: the highest rate up to which (every
step from the lowest on) Reflectiebot's p99 stays within 1.25x bare, and the highest rate at
which it does (single p99s are noisy on a shared machine: the two can differ).
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.ack_latency import (
    AIM_RATIO,
    BOT_TOKEN,
    CHANNEL,
    SIGNING_SECRET,
    LeanSlack,
    Summary,
    Target,
    build_bare_app,
    build_real_app,
    follow_up_calls,
    quiet_logs,
    run_load,
    run_load_elsewhere,
    served,
    wait_drained,
)
from bot.server import settle_memory
from tests.helpers.cli import process_env

DEFAULT_RATES = (25.0, 50.0, 100.0, 150.0, 200.0, 300.0)
IDS_PER_STEP = 1_000_000  # request numbers of one rate step: unique across the sweep
START_TIMEOUT = 120.0  # seconds for `reflectiebot run` to answer /healthz


@dataclass(frozen=True)
class Step:
    """One configuration at one rate."""

    rate: float
    name: str
    summary: Summary
    drained: float | None  # seconds until the follow-up work was done (None: bare, or not)
    cpu: Cpu | None = None  # what the step cost, in cores busy over its duration


@dataclass(frozen=True)
class Cpu:
    """CPU seconds per second of load in one step: the server, this process, the load."""

    server: float  # the service's processes (bare Bolt: None of its own, see `here`)
    here: float  # this process: the fake Slack (and, for bare Bolt, the server too)
    load: float  # the child process sending the requests (its start-up, ≈ 0.5 s, included)
    per_process: tuple[float, ...] = ()  # the server's share by process (parent first)


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


def family(pid: int) -> list[int]:
    """`pid` and its children (a service's parent and its worker processes)."""
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU seconds the processes used so far."""
    return sum(_ticks(pid) for pid in pids) / os.sysconf("SC_CLK_TCK")


def parse_rates(raw: str) -> list[float]:
    rates = sorted({float(part) for part in raw.split(",") if part.strip()})
    if not rates or rates[0] <= 0:
        raise argparse.ArgumentTypeError("rates: positive numbers, comma-separated")
    return rates


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sweep", action="store_true", help="(accepted; this is the sweep)")
    parser.add_argument(
        "--rates",
        type=parse_rates,
        default=list(DEFAULT_RATES),
        help="open-loop rates in req/s, comma-separated (default 25,50,100,150,200,300)",
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="load per step (default 8)")
    parser.add_argument(
        "--processes", type=int, default=2, help="WEB_PROCESSES of the second service (default 2)"
    )
    parser.add_argument("--clients", type=int, default=50, help="client threads (default 50)")
    parser.add_argument(
        "--drain-timeout", type=float, default=30.0, help="wait for follow-ups (default 30 s)"
    )
    parser.add_argument(
        "--in-process", action="store_true", help="clients in this process (tests; less fair)"
    )
    return parser.parse_args(argv)


def _copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    target.chmod(0o600)


def _health_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # 503: it answers (no planner with --no-scheduler)
    except OSError:
        return False


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def service(
    fake: LeanSlack, directory: Path, database: Path, processes: int
) -> Iterator[tuple[str, list[int]]]:
    """`reflectiebot run --no-scheduler` with WEB_PROCESSES=processes; yields the events URL
    and the pids of its processes."""
    port = _free_port()
    env = process_env({  # with the clock's variables: the bot checks the signed timestamps
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{database}",
        "PORT": str(port),
        "WEB_PROCESSES": str(processes),
        "LOG_LEVEL": "ERROR",
    })  # fmt: skip
    log = (directory / f"service-{processes}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--no-scheduler"],
        cwd=directory,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _health_answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    f"reflectiebot run (WEB_PROCESSES={processes}) did not start: "
                    + (directory / f"service-{processes}.log").read_text()[-2000:]
                )
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/slack/events", family(process.pid)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def sweep(args: argparse.Namespace) -> list[Step]:
    """Every rate, each configuration in turn; the steps."""
    quiet_logs()
    fake = LeanSlack()
    steps: list[Step] = []
    load = run_load if args.in_process else run_load_elsewhere
    with fake, tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp, ExitStack() as stack:
        root = Path(tmp)
        fake.add_channel(CHANNEL, name="wijkteam-noord", is_member=True)
        real = build_real_app(fake, root)  # the database: one team, one posted prompt
        real.engine.dispose()  # not served here: only its database and the prompt's ts count
        settle_memory()  # as in bench.ack_latency: this process serves bare Bolt
        configs: dict[str, tuple[str, list[int]]] = {}
        configs["bare"] = stack.enter_context(served(build_bare_app(fake))), []
        for count in (1, args.processes):
            name = f"{count} proc"
            folder = root / f"p{count}"
            folder.mkdir()
            copy = folder / "reflectiebot.db"
            _copy_database(root / "reflectiebot.db", copy)
            configs[name] = stack.enter_context(service(fake, folder, copy, count))
        prefix = f"{fake.origin}/response/s-"
        for number, rate in enumerate(args.rates, start=1):
            for name, (url, pids) in configs.items():
                target = Target(url, SIGNING_SECRET, CHANNEL, real.thread_ts, prefix)
                before = follow_up_calls(fake)
                times = os.times()
                each = [cpu_seconds([pid]) for pid in pids]
                samples = load(
                    target, clients=args.clients, seconds=args.seconds, rate=rate,
                    first_id=number * IDS_PER_STEP,
                )  # fmt: skip
                # CPU per second of load (the servers are idle while the load's process starts);
                # the work after the ack that is still under way is not counted
                wall, after = args.seconds, os.times()
                split = tuple(
                    (cpu_seconds([pid]) - was) / wall for pid, was in zip(pids, each, strict=True)
                )
                drained = None
                if name != "bare":
                    acked = sum(s.status == 200 for s in samples)
                    drained = wait_drained(fake, before + acked, args.drain_timeout)
                cpu = Cpu(
                    sum(split),
                    (after.user + after.system - times.user - times.system) / wall,
                    # the load's child process has ended (and been waited for) by now
                    (after.children_user + after.children_system
                     - times.children_user - times.children_system) / wall,
                    split,
                )  # fmt: skip
                steps.append(Step(rate, name, Summary.of(samples), drained, cpu))
                print(f"  {rate:g} req/s {name}: done", file=sys.stderr, flush=True)
    return steps


def knee(steps: Sequence[Step], name: str) -> float | None:
    """The highest rate up to which every step of `name` has p99 <= AIM_RATIO x bare."""
    best = None
    for rate in sorted({step.rate for step in steps}):
        ratio = p99_ratio(steps, rate, name)
        if ratio is None or ratio > AIM_RATIO:
            break
        best = rate
    return best


def highest_within(steps: Sequence[Step], name: str) -> float | None:
    """The highest rate at which `name` has p99 <= AIM_RATIO x bare (lower ones may not)."""
    within = [
        step.rate
        for step in steps
        if step.name == name and (p99_ratio(steps, step.rate, name) or AIM_RATIO + 1) <= AIM_RATIO
    ]
    return max(within, default=None)


def p99_ratio(steps: Sequence[Step], rate: float, name: str) -> float | None:
    found = {step.name: step.summary for step in steps if step.rate == rate}
    bare, real = found.get("bare"), found.get(name)
    if bare is None or real is None or bare.p99 <= 0 or real.errors:
        return None
    return real.p99 / bare.p99


def names(steps: Sequence[Step]) -> list[str]:
    return list(dict.fromkeys(step.name for step in steps))


def print_table(steps: Sequence[Step], seconds: float) -> None:
    """Per rate: p50/p99 (ms) of each configuration, the ratio, errors and answered req/s."""
    columns = names(steps)
    head = f"{'req/s':>6}"
    for name in columns:
        head += f" | {name:>7} p50 {'p99':>7}" + ("" if name == "bare" else f" {'x bare':>6}")
    print(head + " | errors")
    for rate in sorted({step.rate for step in steps}):
        row = f"{rate:>6g}"
        errors = []
        for name in columns:
            [step] = [s for s in steps if s.rate == rate and s.name == name]
            s = step.summary
            row += f" | {s.p50 * 1000:11.1f} {s.p99 * 1000:7.1f}"
            if name != "bare":
                ratio = p99_ratio(steps, rate, name)
                row += f" {ratio:6.2f}" if ratio is not None else f" {'n/a':>6}"
            errors.append(f"{s.errors}")
        print(row + " | " + "/".join(errors))
    print(f"(ms; errors per step: {', '.join(columns)}; {seconds:g} s per step)")
    print(
        "\nCPU per second of load, in cores (server processes / this process: the fake Slack, "
        "and bare Bolt itself / the load generator, its start-up included); answered req/s"
    )
    for rate in sorted({step.rate for step in steps}):
        row = f"{rate:>6g}"
        for name in columns:
            [step] = [s for s in steps if s.rate == rate and s.name == name]
            c = step.cpu
            server = "-" if name == "bare" else f"{c.server:.2f}" if c else "?"
            cores = f"{server}/{c.here:.2f}/{c.load:.2f}" if c else "?"
            row += f" | {name:>6} {cores:>14} {step.summary.count / seconds:6.1f}/s"
        print(row)
    split = [
        f"{s.rate:g}: " + "/".join(f"{c:.2f}" for c in s.cpu.per_process[1:])
        for s in steps
        if s.cpu is not None and len(s.cpu.per_process) > 2
    ]
    if split:
        print("the workers' shares (cores, per rate): " + "; ".join(split))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    load1, load5, _ = os.getloadavg()
    print(
        f"ack sweep: open loop, {args.clients} clients, {args.seconds:g} s per step, rates "
        f"{', '.join(f'{r:g}' for r in args.rates)} req/s; bare Bolt, Reflectiebot with 1 and "
        f"{args.processes} web processes; {os.cpu_count()} CPUs, load average "
        f"{load1:.2f} {load5:.2f} at the start"
    )
    started = time.monotonic()
    steps = sweep(args)
    print()
    print_table(steps, args.seconds)
    for name in names(steps):
        if name == "bare":
            continue
        found, top = knee(steps, name), highest_within(steps, name)
        where = f"{found:g} req/s" if found is not None else f"none (not at {args.rates[0]:g})"
        highest = f"{top:g} req/s" if top is not None else "none"
        print(
            f"knee {name}: p99 <= {AIM_RATIO}x bare at every rate up to {where}; "
            f"highest rate within: {highest}"
        )
    undrained = [f"{s.rate:g} {s.name}" for s in steps if s.name != "bare" and s.drained is None]
    if undrained:
        print(f"follow-up work NOT done within {args.drain_timeout:g} s: {', '.join(undrained)}")
    end1, _, _ = os.getloadavg()
    print(f"took {time.monotonic() - started:.0f} s; load average {end1:.2f} at the end")
    print(f"reproduce: {reproduce_line(argv)}")
    return 0


def reproduce_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--sweep" not in args:
        args.insert(0, "--sweep")
    return shlex.join([".venv/bin/python", "-m", "bench.ack_latency", *args])


if __name__ == "__main__":
    sys.exit(main())
