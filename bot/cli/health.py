"""`reflectiebot health`: ask the running bot's /healthz (for a container or systemd watchdog)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from typing import TextIO

from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS
from bot.health import HEALTH_PATH
from bot.settings import Settings

TIMEOUT_SECONDS = 5
# Where to ask when the bot listens on every address.
_LOCAL = {"0.0.0.0": "127.0.0.1", "::": "::1"}


def health_url(settings: Settings) -> str | None:
    """The running bot's health address: PORT in HTTP mode, HEALTH_PORT in Socket Mode."""
    port = settings.health_port if settings.socket_mode else settings.port
    if port is None:
        return None
    host = _LOCAL.get(settings.host, settings.host)
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{HEALTH_PATH}"


def cmd_health(settings: Settings, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Print the running bot's health report (JSON); exit 0 when healthy, 1 when not (or no
    answer), 2 when no health address is configured (Socket Mode without HEALTH_PORT)."""
    url = health_url(settings)
    if url is None:
        print(
            "reflectiebot: in Socket Mode heeft de gezondheidscontrole HEALTH_PORT nodig; "
            "zet HEALTH_PORT in .env en herstart de bot.",
            file=err,
        )
        return EXIT_SETTINGS
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as answer:
            body = answer.read()
    except urllib.error.HTTPError as error:  # 503: it answers, and is not healthy
        body = error.read()
    except OSError as error:
        reason = getattr(error, "reason", error)
        print(
            f"reflectiebot: de bot antwoordt niet op {url} ({reason}); draait `reflectiebot run`?",
            file=err,
        )
        return EXIT_FAILED
    try:
        report = json.loads(body)
    except ValueError:
        print(f"reflectiebot: op {url} antwoordt iets anders dan Reflectiebot.", file=err)
        return EXIT_FAILED
    print(json.dumps(report, sort_keys=True), file=out)
    return EXIT_OK if isinstance(report, dict) and report.get("status") == "ok" else EXIT_FAILED
