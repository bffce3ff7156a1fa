"""Run the `reflectiebot` command as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# A moved clock (libfaketime, as `../shared/tools/ci-at` uses it) must reach child processes too,
# or the bot under test and the test would disagree about what day it is.
CLOCK_VARIABLES = ("LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_FAKE_MONOTONIC", "TZ")


# The child imports the code under test, this checkout's, not whatever the venv's editable
# install points at (another worktree).
REPO_ROOT = Path(__file__).resolve().parents[2]


def process_env(env: dict[str, str]) -> dict[str, str]:
    """PATH, the clock's variables and `env`: no setting leaks in from the developer's shell."""
    inherited = {name: os.environ[name] for name in CLOCK_VARIABLES if name in os.environ}
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT), **inherited, **env}


def run_cli(
    *args: str, cwd: Path, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in `cwd` with only `process_env(env)` (and `stdin` as its input)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=process_env(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
