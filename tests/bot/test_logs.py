"""The service log: text or JSON lines, quiet libraries, and nothing users typed at INFO."""

from __future__ import annotations

import io
import json
import logging
import signal
import subprocess
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from bot.logs import configure_logging
from tests.bot.test_cli import env_for
from tests.fakes.slack_api import FakeSlack
from tests.helpers import payloads, service, signing

TYPED = "Mevrouw Jansen belt over haar huurachterstand"
TYPED_WORDS = ("Mevrouw", "Jansen", "huurachterstand")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging changes the root logger: put it back for the tests after this one."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("alembic", "apscheduler")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


def test_a_request_with_a_wrong_signature_is_refused_and_its_text_not_logged(
    app_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    fields = payloads.slash_command(command="/knelpunt", text=TYPED)
    status, _headers, _body = signing.post_command(app_url, "not-the-signing-secret", **fields)
    assert status == 401
    logged = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any("Invalid request signature" in r.getMessage() for r in logged), "refusal logged"
    for record in logged:
        for word in TYPED_WORDS:
            assert word not in record.getMessage(), f"{record.name}: {record.getMessage()}"


def post_until_served(url: str, body: str, secret: str, timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, _headers, _text = signing.post_signed(url, body, secret, signing.FORM)
            return status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_running_service_logs_json_lines_without_the_refused_text_or_library_chatter(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """`reflectiebot run` as installed: LOG_FORMAT=json, a forged request, then read stderr."""
    port = service.free_port()
    env = {**env_for(fake_slack, tmp_path), "PORT": str(port), "LOG_FORMAT": "json"}
    process = service.start(tmp_path, env)
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        body = "&".join(
            f"{k}={v}" for k, v in payloads.slash_command(command="/knelpunt", text=TYPED).items()
        ).replace(" ", "+")
        status = post_until_served(f"http://127.0.0.1:{port}/slack/events", body, "wrong-secret")
        time.sleep(0.3)  # the refusal's log line
    finally:
        watchdog.cancel()
        process.send_signal(signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
    assert status == 401
    entries = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert entries, err
    assert all(set(e) >= {"time", "level", "logger", "message"} for e in entries)
    assert any("Invalid request signature" in e["message"] for e in entries), err
    for word in (*TYPED_WORDS, "Mevrouw+Jansen"):
        assert word not in err
    assert not [e for e in entries if e["logger"].startswith(("alembic", "apscheduler"))], err


def test_json_lines_carry_time_level_logger_message_and_the_exception(
    restore_logging: None,
) -> None:
    stream = io.StringIO()
    configure_logging("INFO", "json", stream=stream)
    log = logging.getLogger("bot.example")
    log.info("prompt slot %s posted for team %s", 7, 3)
    try:
        raise RuntimeError("schijf vol")
    except RuntimeError:
        log.exception("storing failed")
    log.debug("not at INFO")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "prompt slot 7 posted for team 3"
    assert (first["level"], first["logger"]) == ("INFO", "bot.example")
    assert first["time"].endswith("+00:00")
    assert second["level"] == "ERROR" and "RuntimeError: schijf vol" in second["exception"]


def test_text_is_the_readable_default_and_migrations_are_quiet_at_info(
    restore_logging: None, tmp_path: Path
) -> None:
    from storage.engine import create_db_engine
    from storage.migrate import upgrade_to_head

    stream = io.StringIO()
    configure_logging("INFO", stream=stream)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'r.db'}")
    upgrade_to_head(engine)
    engine.dispose()
    logging.getLogger("bot.example").warning("visible")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].endswith("WARNING bot.example: visible"), lines

    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'r2.db'}")
    upgrade_to_head(engine)
    engine.dispose()
    assert "Running upgrade" in stream.getvalue()  # at DEBUG the migrations do speak


def test_a_failing_statement_does_not_carry_its_values_in_the_error(engine: Engine) -> None:
    """A database error reaches the log (log.exception) and the CLI's one line: no values."""
    with pytest.raises(SQLAlchemyError) as caught, engine.connect() as connection:
        connection.execute(text("SELECT no_such_column, :typed"), {"typed": TYPED})
    message = "".join(traceback.format_exception(caught.value))  # what log.exception writes
    assert "no_such_column" in message  # what failed is still there
    assert "Jansen" not in message
