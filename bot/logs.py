"""Logging for a service: readable text or one JSON object per line, and nothing users typed.

Log messages are English (see PRODUCT.md). At INFO and above the log never carries a message
text, a name, a token or a response_url: the app's own messages name only ids, counts and error
types, and this module takes the request bodies out of what Bolt logs itself (a refused
signature, an unhandled request) and the URLs out of what slack_sdk's webhook client logs.
Alembic and APScheduler only speak up at WARNING unless LOG_LEVEL=DEBUG.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import IO

from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

LOG_FORMATS = ("text", "json")
# The name a command's own error line goes by ("reflectiebot: …", or "logger" in JSON).
COMMAND_LOGGER = "reflectiebot"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries whose INFO lines are routine (each migration step, every job run).
CHATTY_LOGGERS = ("alembic", "apscheduler")
BOLT_LOGGER = "slack_bolt"
SLACK_SDK_LOGGER = "slack_sdk"
# The Socket Mode client's own log (bot/socket_mode.py): connects, reconnects, its errors.
SOCKET_MODE_CLIENT_LOGGER = "bot.socket_mode.client"
# Bolt warns at every start that SLACK_BOT_TOKEN is unused: the WebClient we give it has it.
_TOKEN_UNUSED = warning_client_prioritized_and_token_skipped()

# What Bolt logs with a request body in it: the part before the body is kept.
_BODY_MARKERS = (
    (", body: ", ", body withheld)"),  # "Invalid request signature detected (signature: …"
    ("request body: ", "request body withheld"),
    ("Request body: ", "Request body withheld"),
    (" for the request (", " (body withheld)"),  # a global middleware gave no response
)


class RequestBodyFilter(logging.Filter):
    """Takes request bodies (what users typed) out of Bolt's records at INFO and above."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO or not record.name.startswith(BOLT_LOGGER):
            return True
        message = record.getMessage()
        if message == _TOKEN_UNUSED:
            return False
        for marker, replacement in _BODY_MARKERS:
            at = message.find(marker)
            if at >= 0:
                record.msg = message[:at] + replacement
                record.args = ()
                break
        return True


_BODY_FILTER = RequestBodyFilter()

# slack_sdk's webhook client (Bolt's respond(), our replies over a response_url) names the URL
# when a send fails or is retried; a response_url is a bearer secret (whoever has it can post
# into the conversation), so it stays out of every record at INFO and above.
WEBHOOK_LOGGERS = ("slack_sdk.webhook.client", "slack_sdk.webhook.async_client")
_URL = re.compile(r"https?://\S+")
URL_WITHHELD = "(response_url withheld)"


class ResponseUrlFilter(logging.Filter):
    """Takes URLs out of slack_sdk's webhook client's records at INFO and above."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO or not record.name.startswith(WEBHOOK_LOGGERS):
            return True
        message = record.getMessage()
        withheld = _URL.sub(URL_WITHHELD, message)
        if withheld != message:
            record.msg, record.args = withheld, ()
        return True


_URL_FILTER = ResponseUrlFilter()


def hide_response_urls() -> None:
    """Put the ResponseUrlFilter on the webhook client's loggers (also for a handler that is
    not ours)."""
    for name in WEBHOOK_LOGGERS:
        logger = logging.getLogger(name)
        if _URL_FILTER not in logger.filters:
            logger.addFilter(_URL_FILTER)


def bolt_logger() -> logging.Logger:
    """The logger to give Bolt's App: every logger Bolt derives from it inherits the filter."""
    logger = logging.getLogger(BOLT_LOGGER)
    if _BODY_FILTER not in logger.filters:
        logger.addFilter(_BODY_FILTER)
    return logger


@contextmanager
def quiet_slack_sdk() -> Iterator[None]:
    """While the start-up checks call Slack (auth.test, apps.connections.open), slack_sdk's own
    lines about a failed call stay out of the log (an ERROR for each try, the retries at INFO,
    the Socket Mode client's "Failed to retrieve WSS URL"): the failure ends as the one Dutch
    line of bot/errors.py or `reflectiebot check`. Kept at LOG_LEVEL=DEBUG."""
    if logging.getLogger().getEffectiveLevel() <= logging.DEBUG:
        yield
        return
    loggers = [logging.getLogger(name) for name in (SLACK_SDK_LOGGER, SOCKET_MODE_CLIENT_LOGGER)]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, before, strict=True):
            logger.setLevel(level)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message[, exception]."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def print_error(line: str, fmt: str = "text", *, stream: IO[str] | None = None) -> None:
    """What a command says went wrong, on stderr: "reflectiebot: <line>", or with fmt "json"
    one JSON object like the log's (level ERROR, logger "reflectiebot"), for a SIEM."""
    out = stream or sys.stderr
    if fmt == "json":
        record = logging.makeLogRecord(
            {"name": COMMAND_LOGGER, "levelno": logging.ERROR, "levelname": "ERROR", "msg": line}
        )
        print(JsonFormatter().format(record), file=out, flush=True)
    else:
        print(f"{COMMAND_LOGGER}: {line}", file=out, flush=True)


def configure_logging(level: str, fmt: str = "text", *, stream: IO[str] | None = None) -> None:
    """Log to stderr (journald picks it up) at `level`, as `fmt` text or JSON lines."""
    if fmt not in LOG_FORMATS:
        raise ValueError(f"unknown log format {fmt!r}")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    # On the handler too: Bolt's loggers made before bolt_logger() was called lack the filter.
    handler.addFilter(_BODY_FILTER)
    handler.addFilter(_URL_FILTER)
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
    bolt_logger()
    hide_response_urls()
