"""Fixtures every test can use: a real SQLite file (and PostgreSQL where reachable)."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy import Engine, create_engine, text

from bot.app import build_web_client, create_app
from bot.lifecycle import DrainingExecutor
from bot.posting import PromptPoster
from bot.server import create_http_server
from bot.services import Services
from bot.settings import Settings, load_settings
from storage import teams
from storage.engine import create_db_engine, session_scope
from storage.migrate import upgrade_to_head
from storage.models import Team
from tests.fakes.slack_api import PATIENCE_SECONDS, FakeSlack
from tests.helpers import payloads, signing

DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# A fixed moment in the past, so no test depends on the day it runs.
LINKED_SINCE = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def postgres_url() -> str:
    """Where the PostgreSQL tests look for a server."""
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_TEST_POSTGRES_URL)


def _postgres_unavailable_reason() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    engine = create_engine(postgres_url(), connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            return None
    except Exception as error:  # any failure to connect means: skip, with the reason
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return f"no PostgreSQL at TEST_POSTGRES_URL ({postgres_url()}): {first_line}"
    finally:
        engine.dispose()


_PG_REASON: list[str | None] = []


def postgres_skip_reason() -> str | None:
    """Checked once per run; None when the server answers."""
    if not _PG_REASON:
        _PG_REASON.append(_postgres_unavailable_reason())
    return _PG_REASON[0]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL for a fresh SQLite file in the test's own directory."""
    return f"sqlite:///{tmp_path / 'reflectiebot.db'}"


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a fresh, private schema; dropped afterwards."""
    reason = postgres_skip_reason()
    if reason:
        pytest.skip(reason)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres_url() else "?"
    try:
        yield f"{postgres_url()}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each storage test runs on SQLite and, where a server is reachable, on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database on either backend."""
    engine = create_db_engine(database_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """A migrated SQLite database, for tests where the backend is not the point."""
    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


# --- Slack: a fake Web API, the real Bolt app served over HTTP, signed requests ----------------

SIGNING_SECRET = "test-signing-secret-0123456789"
NOORD_MEMBERS = ["U0LEIDER", "U0LID", "U0ANONIEM9", "UBOT"]
BOT_TOKEN = "xoxb-test-0000-reflectiebot"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A local fake of Slack's Web API on a free loopback port, with team channels.

    Noord's members are the people most stories use (a private answer needs membership).
    """
    with FakeSlack() as fake:
        fake.add_channel("C0NOORD", name="wijkteam-noord", is_member=True, members=NOORD_MEMBERS)
        fake.add_channel("C0ZUID", name="wijkteam-zuid", is_member=True)
        fake.add_channel("C0WEG", name="oud-kanaal", is_member=True)
        yield fake


@pytest.fixture
def extra_env() -> dict[str, str]:
    """More settings for one story: `@pytest.mark.parametrize("extra_env", [{...}])`."""
    return {}


@pytest.fixture
def settings(fake_slack: FakeSlack, sqlite_url: str, extra_env: dict[str, str]) -> Settings:
    """Settings as an administrator would write them, pointing at the fake Slack."""
    return load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.base_url,
            "DATABASE_URL": sqlite_url,
            **extra_env,
        },
        env_file=None,
    )


@pytest.fixture
def services(settings: Settings, sqlite_engine: Engine) -> Services:
    """The app's shared dependencies on the test database."""
    return Services(settings=settings, engine=sqlite_engine)


@pytest.fixture
def poster(services: Services, settings: Settings) -> PromptPoster:
    """A prompt poster talking to the fake Slack (no retries' sleeps beyond Retry-After)."""
    return services.poster(build_web_client(settings))


@pytest.fixture
def bolt_app(settings: Settings, services: Services) -> App:
    """The real Bolt app with every listener."""
    return create_app(settings, engine=services.engine, services=services)


@pytest.fixture
def app_url(bolt_app: App) -> Iterator[str]:
    """The app served by the production WSGI server on a free port."""
    server = create_http_server(bolt_app, host="127.0.0.1", port=0)
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except (OSError, ValueError):
            if not stopping.is_set():  # closing the socket ends waitress's poll loop this way
                raise

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = server.effective_port  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/slack/events"
    stopping.set()
    server.close()
    thread.join(timeout=5)
    # Work Bolt runs after an ack (a Home tab refresh, say) ends while this test's fake Slack
    # still answers: else it fails later against a closed port and logs into another test.
    executor = bolt_app.listener_runner.listener_executor
    if isinstance(executor, DrainingExecutor):
        executor.drain(time.monotonic() + PATIENCE_SECONDS)


class Workspace:
    """Drives the app as Slack would: signed commands, events and interactions."""

    def __init__(self, url: str, fake: FakeSlack) -> None:
        self.url = url
        self.fake = fake

    def command(
        self,
        command: str,
        text: str = "",
        *,
        user: str = "U0LEIDER",
        channel: str = "C0NOORD",
        expect_reply: bool = True,
    ) -> dict[str, Any]:
        """Send a slash command; return what the app answered through response_url.

        With expect_reply=False (the command opens a modal) return {} once it is acknowledged.
        """
        response_url = self.fake.response_url("cmd")
        before = len(self.fake.calls("response_url"))
        fields = payloads.slash_command(
            command=command, text=text, user_id=user, channel_id=channel, response_url=response_url
        )
        status, _headers, _body = signing.post_command(self.url, SIGNING_SECRET, **fields)
        assert status == 200, f"{command} answered HTTP {status}"
        if not expect_reply:
            return {}
        # Wait for this command's own answer: a late answer to an earlier one may come first.
        deadline = time.monotonic() + PATIENCE_SECONDS
        count = before + 1
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no answer at {response_url}")
            calls = self.fake.wait_for("response_url", count=count, timeout=left)
            for call in calls:
                if response_url.endswith(str(call.args.get("path", "-"))):
                    return call.args
            count = len(calls) + 1

    def event(self, event: dict[str, Any], *, event_id: str, retry_num: int | None = None) -> int:
        """Deliver an Events API event (optionally as Slack's retry number n)."""
        body = payloads.event_callback(event, event_id=event_id)
        status, _headers, _text = signing.post_event(
            self.url,
            SIGNING_SECRET,
            body,
            retry_num=retry_num,
            retry_reason="http_timeout" if retry_num else None,
        )
        return status

    def interact(self, payload: dict[str, Any]) -> int:
        """A block action (button click)."""
        status, _headers, _body = signing.post_interaction(self.url, SIGNING_SECRET, payload)
        return status

    def submit_view(self, payload: dict[str, Any]) -> tuple[int, str]:
        """A view submission; returns status and the app's JSON answer."""
        status, _headers, body = signing.post_interaction(self.url, SIGNING_SECRET, payload)
        return status, body

    def wait_until(self, condition: Callable[[], bool], timeout: float = PATIENCE_SECONDS) -> None:
        """Wait for work Bolt does after acknowledging (events run after the ack)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("condition not met in time")
            time.sleep(0.02)

    def settle(self, seconds: float = 0.3) -> None:
        """Give acknowledged events time to be processed, to assert that nothing happened."""
        time.sleep(seconds)


@pytest.fixture
def workspace(app_url: str, fake_slack: FakeSlack) -> Workspace:
    """The Slack side of a conversation with the running app."""
    return Workspace(app_url, fake_slack)


def make_team(
    engine: Engine,
    *,
    channel_id: str = "C0NOORD",
    name: str = "Wijkteam Noord",
    leaders: tuple[str, ...] = ("U0LEIDER",),
    since: datetime = LINKED_SINCE,
    **settings: Any,
) -> Team:
    """A team linked (and led by its teamleiders) since `since`, with optional settings."""
    with session_scope(engine) as session:
        team = teams.create_team(
            session=session, channel_id=channel_id, name=name, leader_id=leaders[0], now=since
        )
        for leader in leaders[1:]:
            teams.add_teamleider(session=session, team=team, user_id=leader, now=since)
        if settings:
            teams.update_team(session=session, team=team, **settings)
        return team


@pytest.fixture
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack-sdk adds up to a second of random jitter to Retry-After; tests wait only the rest."""
    import random

    monkeypatch.setattr(random, "random", lambda: 0.0)


@pytest.fixture(autouse=True)
def fresh_pacers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no workspace pacer (bot/pacing.py): a Retry-After one test received
    must not hold another test's fake Slack that happens to get the same port."""
    from bot import slack_ops
    from bot.pacing import Pacers

    monkeypatch.setattr(slack_ops, "PACERS", Pacers())
