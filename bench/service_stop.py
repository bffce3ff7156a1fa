"""How long a stop takes, and how long a standby needs to take over after kill -9.

Run from the repository root::

    .venv/bin/python -m bench.service_stop [--rounds 3] [--lease 3] [--tick 1]

Real `reflectiebot run` processes against the fake Slack of the tests, on a SQLite file.
"stop" is the time from SIGTERM to the process's exit (HTTP mode, and Socket Mode against the
fake Socket Mode server), once it serves and holds the planner. "takeover" is the time from
kill -9 of the planning process to the standby's post of a prompt that became due meanwhile,
next to the bound lease + tick it should stay within (plus the catch-up's own start).
"""

from __future__ import annotations

import argparse
import signal
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, make_team
from tests.fakes.slack_api import FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.helpers import service

AMS = ZoneInfo("Europe/Amsterdam")


def base_env(fake: FakeSlack, folder: Path, lease: int, tick: int) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{folder / 'reflectiebot.db'}",
        "PLANNER_LEASE_SECONDS": str(lease),
        "PLANNER_TICK_SECONDS": str(tick),
        "LOG_LEVEL": "WARNING",
    }


def stop_seconds(env: dict[str, str], folder: Path, port: int) -> float:
    process = service.start(folder, env)
    try:
        service.wait_for_planner(port, "held", process)
        _out, _err, seconds = service.stop(process)
        assert process.returncode == 0, process.returncode
        return seconds
    finally:
        service.kill_all(process)


def takeover_seconds(fake: FakeSlack, folder: Path, env: dict[str, str], channel: str) -> float:
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    ports = service.free_port(), service.free_port()
    first = service.start(folder, {**env, "PORT": str(ports[0])})
    second = None
    try:
        service.wait_for_planner(ports[0], "held", first)
        second = service.start(folder, {**env, "PORT": str(ports[1])})
        service.wait_for_planner(ports[1], "standby", second)
        before = len(fake.calls("chat.postMessage"))
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed = time.monotonic()
        due = datetime.now(AMS) - timedelta(minutes=1)
        make_team(
            engine, channel_id=channel, name=f"Wijkteam {channel}", leaders=("U0BENCH",),
            prompt_weekday=due.weekday(), prompt_minute=due.hour * 60 + due.minute,
            skip_holidays=False,
        )  # fmt: skip
        fake.wait_for("chat.postMessage", count=before + 1, timeout=60)
        return time.monotonic() - killed
    finally:
        service.kill_all(first, *([second] if second else []))
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lease", type=int, default=3)
    parser.add_argument("--tick", type=int, default=1)
    args = parser.parse_args()
    http, socket_mode, takeover = [], [], []
    for round_no in range(args.rounds):
        with FakeSlack() as fake, tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            env = base_env(fake, folder, args.lease, args.tick)
            port = service.free_port()
            http.append(stop_seconds({**env, "PORT": str(port)}, folder, port))
            with FakeSocketModeServer() as socket_server:
                fake.attach_socket_mode(socket_server)
                health = service.free_port()
                socket_env = {
                    **env,
                    "SLACK_APP_TOKEN": "xapp-1-A0B-1-bench",
                    "HEALTH_PORT": str(health),
                }
                socket_mode.append(stop_seconds(socket_env, folder, health))
                fake.attach_socket_mode(None)
            takeover.append(takeover_seconds(fake, folder, env, f"C0BENCH{round_no}"))
    for name, values in (("stop, HTTP", http), ("stop, Socket Mode", socket_mode)):
        print(f"{name:18} median {statistics.median(values):.2f} s, max {max(values):.2f} s")
    print(
        f"{'takeover':18} median {statistics.median(takeover):.2f} s, max {max(takeover):.2f} s"
        f" (lease {args.lease} s + tick {args.tick} s = {args.lease + args.tick} s)"
    )


if __name__ == "__main__":
    main()
