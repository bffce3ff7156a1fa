"""`reflectiebot run` as a real process: start it, ask its health, stop it with a signal."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.helpers.cli import process_env

# Short planner lease and tick, so a takeover happens in seconds.
FAST_PLANNER = {"PLANNER_LEASE_SECONDS": "3", "PLANNER_TICK_SECONDS": "1"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """`python -m bot ARGS` (default: run) with only `env` and the clock's variables."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *(args or ("run",))],
        cwd=tmp_path,
        env=process_env({"PYTHONUNBUFFERED": "1", **env}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def health(port: int, host: str = "127.0.0.1") -> tuple[int, dict[str, Any]] | None:
    """GET /healthz on host:port: (status, report), or None while nobody answers."""
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=2) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except OSError:
        return None


def wait_for_planner(
    port: int, state: str, process: subprocess.Popen[str], timeout: float = 60.0
) -> dict[str, Any]:
    """Wait until the process's health says its planner is in `state`; its report."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _out, err = process.communicate()
            raise AssertionError(f"the process ended ({process.returncode}): {err[-2000:]}")
        last = health(port)
        if last is not None and last[1]["planner"]["state"] == state:
            return dict(last[1])
        time.sleep(0.1)
    raise AssertionError(f"planner never {state}: {last}")


def stop(process: subprocess.Popen[str], how: int = signal.SIGTERM) -> tuple[str, str, float]:
    """Send `how`; (stdout, stderr, seconds until it ended)."""
    sent = time.monotonic()
    process.send_signal(how)
    out, err = process.communicate(timeout=20)
    return out, err, time.monotonic() - sent


def kill_all(*processes: subprocess.Popen[str]) -> None:
    """Clean up after a story: kill what still runs."""
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
