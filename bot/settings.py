"""Settings from the environment and a `.env` file, typed and validated once at start-up."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import logs
from bot.env_file import (
    DEFAULT_ENV_FILE,
    EnvFileError,
    SettingsError,
    advice,
    read_env_file,
    source_of,
)
from bot.logs import LOG_FORMATS

__all__ = ["EnvFileError", "Settings", "SettingsError", "configure_logging", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite:///reflectiebot.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_TIMEZONE = "Europe/Amsterdam"
DEFAULT_PORT = 3000
DEFAULT_HOST = "127.0.0.1"  # behind a reverse proxy on the same machine; 0.0.0.0 for all
DEFAULT_PLANNER_LEASE_SECONDS = 90
DEFAULT_PLANNER_TICK_SECONDS = 30
MAX_WEB_PROCESSES = 32
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    port: int
    database_url: str
    slack_api_url: str
    timezone: ZoneInfo
    log_level: str
    min_group_size: int
    knelpunten_file: Path | None = None  # the team's own knelpunten, next to the shipped ones
    retention_days: int = 365  # raw texts older than this are erased daily
    # Slack ids of the gemeente's beleidsadviseurs: they get the monthly signalenrapport.
    beleidsadviseurs: frozenset[str] = frozenset()
    # Slack ids of the municipality's functioneel beheerders; when set, only they link channels
    # and appoint a team's first teamleider. Empty: as before, anyone in an unlinked channel.
    functioneel_beheerders: frozenset[str] = frozenset()
    # Other workspaces (T…) or Enterprise Grid orgs (E…) whose members count as members (for
    # ketenpartners in a shared channel). Empty: only the installing workspace (or its org).
    partner_workspaces: frozenset[str] = frozenset()
    # Where the HTTP server (and the health listener) bind; see bot/runner.py.
    host: str = DEFAULT_HOST
    # Socket Mode: a health listener on HOST:HEALTH_PORT (None: none). HTTP mode has /healthz.
    health_port: int | None = None
    # The planner lease: its length, and how often it is renewed (or, on standby, tried).
    planner_lease_seconds: int = DEFAULT_PLANNER_LEASE_SECONDS
    planner_tick_seconds: int = DEFAULT_PLANNER_TICK_SECONDS
    log_format: str = "text"  # LOG_FORMAT: "text" (readable) or "json" (one object a line)
    # HTTP mode: how many worker processes serve HOST:PORT (bot/workers.py).
    web_processes: int = 1

    @property
    def socket_mode(self) -> bool:
        """Socket Mode when an app-level token is set, otherwise HTTP."""
        return self.app_token is not None

    def __repr__(self) -> str:
        # Never show secrets, not even in a traceback or a debug log.
        return (
            f"Settings(socket_mode={self.socket_mode}, port={self.port}, "
            f"database={_redact_url(self.database_url)!r}, slack_api_url={self.slack_api_url!r}, "
            f"timezone={self.timezone.key!r}, log_level={self.log_level!r})"
        )


def load_settings(
    environ: Mapping[str, str] | None = None,
    *,
    env_file: Path | None = DEFAULT_ENV_FILE,
    env_file_required: bool = False,
    require_slack: bool = True,
    serves_requests: bool = True,
) -> Settings:
    """Read and validate settings; raise SettingsError naming the first bad variable.

    Values in the real environment win over values in the `.env` file. An absent `env_file`
    is fine unless `env_file_required` (it was given with --env-file); one that is there but
    unreadable is an EnvFileError. A SettingsError says where to change the value: the file
    it came from, or the environment.
    With `require_slack=False` (manifest, migrate, demo) Slack tokens may be absent; with
    `serves_requests=False` (scheduler, post-prompts, digest: they receive no requests from
    Slack) HTTP mode needs no SLACK_SIGNING_SECRET.
    """
    environment = os.environ if environ is None else environ
    try:
        from_file = None if env_file is None else read_env_file(env_file, env_file_required)
    except EnvFileError as error:
        error.log_format = log_format_or_text(environment)
        raise
    values: dict[str, str] = {**(from_file or {}), **environment}
    try:
        return _settings_from(
            values,
            env_file_found=from_file is not None,
            require_slack=require_slack,
            serves_requests=serves_requests,
        )
    except SettingsError as error:
        error.log_format = log_format_or_text(values)
        error.advise(advice(source_of(error.variable, environment, env_file, from_file), env_file))
        raise


def log_format_or_text(values: Mapping[str, str]) -> str:
    """LOG_FORMAT when it is a valid one, else "text": for a line before logging is set up."""
    fmt = values.get("LOG_FORMAT", "").strip().lower()
    return fmt if fmt in LOG_FORMATS else "text"


def _settings_from(
    values: Mapping[str, str], *, env_file_found: bool, require_slack: bool, serves_requests: bool
) -> Settings:
    """Settings from the merged `values`; SettingsError for the first bad one."""

    def get(name: str) -> str | None:
        value = values.get(name, "").strip()
        return value or None

    bot_token = get("SLACK_BOT_TOKEN")
    signing_secret = get("SLACK_SIGNING_SECRET")
    app_token = get("SLACK_APP_TOKEN")

    if require_slack and bot_token is None:
        hint = "" if env_file_found else " Er is nog geen .env-bestand."
        raise SettingsError("SLACK_BOT_TOKEN", f"ontbreekt (begint met xoxb-).{hint}")
    _check_token("SLACK_BOT_TOKEN", bot_token, "xoxb-", "een bot-token")
    _check_token("SLACK_APP_TOKEN", app_token, "xapp-", "een app-token")
    if require_slack and serves_requests and app_token is None and signing_secret is None:
        raise SettingsError(
            "SLACK_SIGNING_SECRET",
            "ontbreekt; zonder SLACK_APP_TOKEN draait de bot via HTTP en moet hij "
            "de handtekening van Slack kunnen controleren.",
        )

    return Settings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        port=_parse_int(get("PORT"), "PORT", DEFAULT_PORT, low=1, high=65535),
        database_url=_parse_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        slack_api_url=_parse_api_url(get("SLACK_API_URL") or DEFAULT_SLACK_API_URL),
        timezone=_parse_timezone(get("REFLECTIEBOT_TIMEZONE") or DEFAULT_TIMEZONE),
        log_level=_parse_log_level(get("LOG_LEVEL") or "INFO"),
        min_group_size=_parse_int(get("MIN_GROUP_SIZE"), "MIN_GROUP_SIZE", 3, low=2, high=50),
        knelpunten_file=_parse_knelpunten_file(get("KNELPUNTEN_FILE")),
        retention_days=_parse_int(get("RETENTION_DAYS"), "RETENTION_DAYS", 365, low=30, high=3650),
        beleidsadviseurs=_parse_user_ids(get("BELEIDSADVISEURS"), "BELEIDSADVISEURS"),
        functioneel_beheerders=_parse_user_ids(
            get("FUNCTIONEEL_BEHEERDERS"), "FUNCTIONEEL_BEHEERDERS"
        ),
        partner_workspaces=_parse_ids(
            get("PARTNER_WORKSPACES"),
            "PARTNER_WORKSPACES",
            _WORKSPACE_ID,
            "id's van Slack-werkruimtes (T…) of organisaties (E…), gescheiden door komma's",
        ),
        **_parse_runtime(get),
        log_format=_parse_log_format(get("LOG_FORMAT") or "text"),
    )


def _parse_runtime(get: Callable[[str], str | None]) -> dict[str, Any]:
    """HOST, HEALTH_PORT and the planner's lease and tick."""
    tick = _parse_int(
        get("PLANNER_TICK_SECONDS"), "PLANNER_TICK_SECONDS", DEFAULT_PLANNER_TICK_SECONDS,
        low=1, high=300,
    )  # fmt: skip
    lease = _parse_int(
        get("PLANNER_LEASE_SECONDS"), "PLANNER_LEASE_SECONDS", DEFAULT_PLANNER_LEASE_SECONDS,
        low=2, high=3600,
    )  # fmt: skip
    if lease < 2 * tick:
        raise SettingsError(
            "PLANNER_LEASE_SECONDS",
            f"moet minstens twee keer PLANNER_TICK_SECONDS ({tick}) zijn, niet {lease}.",
        )
    health = get("HEALTH_PORT")
    processes = _parse_int(get("WEB_PROCESSES"), "WEB_PROCESSES", 1, low=1, high=MAX_WEB_PROCESSES)
    if processes > 1 and get("SLACK_APP_TOKEN") is not None:
        raise SettingsError(
            "WEB_PROCESSES",
            "geldt alleen voor de HTTP-modus; start in Socket Mode in plaats daarvan meerdere "
            "`reflectiebot run`-processen (zie docs/beheer.md), of laat WEB_PROCESSES weg.",
        )
    return {
        "host": _parse_host(get("HOST") or DEFAULT_HOST),
        "health_port": None
        if health is None
        else _parse_int(health, "HEALTH_PORT", 0, low=1, high=65535),
        "planner_lease_seconds": lease,
        "planner_tick_seconds": tick,
        "web_processes": processes,
    }


def _parse_host(raw: str) -> str:
    # An address, not a name: a name can stand for several addresses (waitress then listens
    # on several sockets), and the bind address should not depend on DNS.
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        raise SettingsError(
            "HOST", f"moet een IP-adres zijn (127.0.0.1, 0.0.0.0 of ::), niet {raw[:60]!r}."
        ) from None
    return raw


_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")
_WORKSPACE_ID = re.compile(r"[TE][A-Z0-9]{2,30}")


def _parse_ids(raw: str | None, name: str, shape: re.Pattern[str], what: str) -> frozenset[str]:
    if raw is None:
        return frozenset()
    found = [part for part in re.split(r"[\s,;]+", raw) if part]
    bad = [part for part in found if not shape.fullmatch(part)]
    if bad:
        raise SettingsError(name, f"verwacht {what}, niet {bad[0][:40]!r}.")
    return frozenset(found)


def _parse_int(raw: str | None, name: str, default: int, *, low: int, high: int) -> int:
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(name, f"moet een heel getal zijn, niet {raw!r}.") from None
    if not low <= value <= high:
        raise SettingsError(name, f"moet tussen {low} en {high} liggen, niet {value}.")
    return value


def _parse_user_ids(raw: str | None, name: str) -> frozenset[str]:
    """'U0ABC, U0DEF' (commas or spaces) → Slack user ids; SettingsError for anything else."""
    what = (
        "Slack-gebruikers-id's (zoals U012AB3CD4E; in Slack: profiel → ⋮ → Lid-ID kopiëren), "
        "gescheiden door komma's"
    )
    return _parse_ids(raw, name, _USER_ID, what)


def _check_token(name: str, token: str | None, prefix: str, what: str) -> None:
    """A token must start with its prefix and be longer than a cut-off paste."""
    if token is None:
        return
    if not token.startswith(prefix):
        raise SettingsError(name, f"moet {what} zijn dat begint met {prefix}.")
    if len(token) < 12:
        raise SettingsError(name, f"is te kort voor {what}; is het bij het plakken afgebroken?")


def _parse_knelpunten_file(raw: str | None) -> Path | None:
    if raw is None:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise SettingsError("KNELPUNTEN_FILE", f"bestand {raw!r} bestaat niet.")
    return path


def _parse_database_url(raw: str) -> str:
    scheme = raw.split(":", 1)[0]
    if "://" not in raw or not (scheme.startswith("sqlite") or scheme.startswith("postgresql")):
        raise SettingsError(
            "DATABASE_URL",
            "moet beginnen met sqlite:/// of postgresql+psycopg:// "
            "(bijvoorbeeld sqlite:///reflectiebot.db).",
        )
    return raw


def _parse_api_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError("SLACK_API_URL", f"moet een http(s)-adres zijn, niet {raw!r}.")
    # slack-sdk appends the method name to the base URL, so it must end in '/'.
    return raw if raw.endswith("/") else raw + "/"


def _parse_timezone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            "REFLECTIEBOT_TIMEZONE", f"onbekende tijdzone {raw!r} (bijvoorbeeld Europe/Amsterdam)."
        ) from None


def _parse_log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise SettingsError("LOG_LEVEL", f"moet een van {', '.join(LOG_LEVELS)} zijn.")
    return level


def _parse_log_format(raw: str) -> str:
    fmt = raw.lower()
    if fmt not in LOG_FORMATS:
        raise SettingsError("LOG_FORMAT", f"moet een van {', '.join(LOG_FORMATS)} zijn.")
    return fmt


def _redact_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def configure_logging(settings: Settings) -> None:
    """Set up logging at the configured level and format (see bot.logs)."""
    logs.configure_logging(settings.log_level, settings.log_format)
