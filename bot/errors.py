"""Start-up and runtime failures an administrator can fix: one Dutch line and an exit code.

`explain` turns what the libraries raise (an OSError from the filesystem or a bind, SQLite's
OperationalError, Bolt's refused token, slack-sdk's refused app token or lost network) into a
`ServiceError`; `reflectiebot`'s main prints that line and exits with its code. The traceback
goes to the log at DEBUG only. Exit codes: 2 a setting must change, 1 the environment.
"""

from __future__ import annotations

import errno
import os
import re
import socket
from pathlib import Path
from urllib.error import URLError

from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.cli.common import EXIT_FAILED as EXIT_ENVIRONMENT
from bot.cli.common import EXIT_SETTINGS
from bot.settings import Settings
from storage.engine import sqlite_path


class ServiceError(Exception):
    """A failure with one line that names the cause and what to do, and the exit code."""

    def __init__(self, line: str, exit_code: int = EXIT_ENVIRONMENT) -> None:
        super().__init__(line)
        self.exit_code = exit_code


def explain(error: BaseException, settings: Settings | None) -> ServiceError | None:
    """The known failure behind `error` as one line, or None (then it is a bug)."""
    if isinstance(error, ServiceError):
        return error
    if settings is None:
        return None
    if isinstance(error, OSError) and error.errno in _BIND_ERRNOS and error.filename is None:
        return _bind_failure(error, settings)
    database = _database_failure(error, settings)
    if database is not None:
        return database
    return _slack_failure(error, settings)


_BIND_ERRNOS = (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES)


def _bind_failure(error: OSError, settings: Settings) -> ServiceError:
    name = "HEALTH_PORT" if settings.socket_mode else "PORT"
    port = settings.health_port if settings.socket_mode else settings.port
    where = f"{settings.host}:{port}"
    if error.errno == errno.EADDRINUSE:
        return ServiceError(
            f"Poort {where} is al in gebruik (draait de bot al?); stop dat proces "
            f"of kies een andere {name}."
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return ServiceError(
            f"Het adres {settings.host} hoort niet bij deze machine; kies in HOST een eigen "
            "adres (127.0.0.1 achter een proxy, 0.0.0.0 voor alle).",
            EXIT_SETTINGS,
        )
    return ServiceError(
        f"Geen toestemming om op {where} te luisteren (poorten onder 1024 vragen "
        f"beheerrechten); kies een {name} boven 1024."
    )


def _database_failure(error: BaseException, settings: Settings) -> ServiceError | None:
    path = sqlite_path(settings.database_url)
    if path is None:
        return _server_failure(error, settings)
    problem: str | None = None
    if isinstance(error, OperationalError):
        text = str(error.orig if error.orig is not None else error).lower()
        if "readonly" in text or "unable to open" in text:
            problem = _filesystem_problem(path) or "SQLite kan er niet in schrijven"
    elif isinstance(error, OSError) and error.filename is not None:
        problem = _filesystem_problem(path, error.errno)
    if problem is None:
        return None
    return ServiceError(
        f"De database {path} is niet te gebruiken: {problem}; zet DATABASE_URL op een "
        "schrijfbaar bestand in een bestaande map (bijvoorbeeld /var/lib/reflectiebot)."
    )


# psycopg's "connection failed: connection to server at "h", port 5432 failed: <reason>".
_SERVER_REASON = re.compile(r"^(?:connection failed: )?(?:connection to server at .*? failed: )?")


def _server_failure(error: BaseException, settings: Settings) -> ServiceError | None:
    """A database server (PostgreSQL) that cannot be reached or refuses the connection."""
    if not isinstance(error, OperationalError):
        return None
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        return None
    original = str(error.orig if error.orig is not None else error).strip()
    reason = _SERVER_REASON.sub("", original.splitlines()[0] if original else "").strip()
    reason = reason.removeprefix("FATAL:").strip() or type(error.orig or error).__name__
    where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    return ServiceError(
        f"De database {where} is niet bereikbaar of weigert de verbinding ({reason}); "
        "controleer DATABASE_URL (host, poort, gebruiker, database) en of PostgreSQL draait "
        "en verbindingen van deze machine aanneemt."
    )


def _filesystem_problem(path: Path, code: int | None = None) -> str | None:
    absolute = path.absolute()
    for parent in absolute.parents:
        if parent.exists() and not parent.is_dir():
            return f"{parent} is een bestand, geen map"
    if code == errno.EROFS or _read_only(absolute):
        return "het bestandssysteem is alleen-lezen"
    if code in (errno.EACCES, errno.EPERM):
        return "de bot mag daar niet schrijven"
    if code == errno.ENOTDIR:
        return "een deel van het pad is geen map"
    if code == errno.ENOSPC:
        return "de schijf is vol"
    return None if code is not None else "SQLite kan er niet in schrijven"


def _read_only(path: Path) -> bool:
    folder = next((p for p in (path, *path.parents) if p.exists()), None)
    if folder is None:
        return False
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)


_NETWORK_ERRORS = (SlackClientError, URLError, ConnectionError, TimeoutError, socket.gaierror)
_BOLT_TOKEN_ERROR = re.compile(r"'error': '([a-z_]+)'")


def _slack_failure(error: BaseException, settings: Settings) -> ServiceError | None:
    if isinstance(error, BoltError) and "token" in str(error):
        found = _BOLT_TOKEN_ERROR.search(str(error))
        return _bot_token_refused(found.group(1) if found else "geweigerd")
    if isinstance(error, SlackApiError):
        reason = str(error.response.get("error") or "geweigerd")
        url = str(getattr(error.response, "api_url", ""))
        if url.endswith("auth.test"):  # asked directly, as Bolt asks when it starts
            return _bot_token_refused(reason)
        if url.endswith("apps.connections.open"):
            return ServiceError(
                f"Slack weigert het app-token ({reason}); controleer SLACK_APP_TOKEN "
                "(Basic Information → App-Level Tokens, scope connections:write) en of "
                "Socket Mode aan staat.",
                EXIT_SETTINGS,
            )
        return None
    if isinstance(error, _NETWORK_ERRORS) and not isinstance(error, BrokenPipeError):
        # (a BrokenPipeError is a closed stdout; a lost connection to Slack is a URLError)
        reason = getattr(error, "reason", None) or type(error).__name__
        return ServiceError(
            f"Slack is niet bereikbaar via {settings.slack_api_url} ({reason}); controleer "
            "de netwerkverbinding, de firewall en zo nodig HTTPS_PROXY."
        )
    return None


def _bot_token_refused(reason: str) -> ServiceError:
    return ServiceError(
        f"Slack weigert het bot-token ({reason}); controleer SLACK_BOT_TOKEN "
        "(OAuth & Permissions → Bot User OAuth Token) met `reflectiebot check`.",
        EXIT_SETTINGS,
    )
