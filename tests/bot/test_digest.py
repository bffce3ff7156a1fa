"""Sending the weekspiegel: once per team, week and teamleider, on time, through restarts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.digest import WeekspiegelSender
from bot.posting import PromptPoster
from bot.scheduler import PromptScheduler
from bot.services import Services
from storage import teams
from storage.engine import session_scope
from tests.bot.test_charts import png_size
from tests.bot.test_cli import env_for
from tests.bot.weekspiegel_data import AMS, add_signal, at
from tests.conftest import Workspace, make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers.cli import run_cli

MONDAY_47 = date(2026, 11, 16)
DIGEST_TIME = datetime(2026, 11, 23, 8, 30, tzinfo=AMS).astimezone(UTC)  # Monday of week 48
WAIT = "wachtlijsten-tweede-lijn"


@pytest.fixture
def sender(services: Services, poster: PromptPoster) -> WeekspiegelSender:
    return services.weekspiegel_sender(poster.client)


def dms(fake: FakeSlack, user: str) -> list[dict[str, Any]]:
    """The bot's direct messages to a user."""
    channels = [c["id"] for c in fake.channels.values() if c.get("is_im") and c["user"] == user]
    return [message for channel in channels for message in fake.messages(channel)]


def leaders_since(engine: Engine, moment: datetime) -> None:
    """Make every teamleider a teamleider since `moment`."""
    from sqlalchemy import text

    with engine.begin() as connection:
        connection.execute(
            text("UPDATE teamleider SET added_at = :moment"),
            {"moment": moment.astimezone(UTC).replace(tzinfo=None)},
        )


def test_each_teamleider_gets_last_weeks_weekspiegel_once_on_monday_morning(
    sender: WeekspiegelSender, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine, leaders=("U0LEIDER", "U0TWEEDE"))
    leaders_since(sqlite_engine, at(MONDAY_47 - timedelta(weeks=4)))
    team = make_team(sqlite_engine, channel_id="C0ZUID", name="Wijkteam Zuid", leaders=("U0ZUID",))
    leaders_since(sqlite_engine, at(MONDAY_47 - timedelta(weeks=4)))
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, at(MONDAY_47 + timedelta(days=2)), user=user,
                   knelpunten=[WAIT])  # fmt: skip

    assert sender.send_due(DIGEST_TIME - timedelta(minutes=1)) == []
    sent = sender.send_due(DIGEST_TIME)
    assert sorted(d.user_id for d in sent if d.outcome == "sent") == [
        "U0LEIDER", "U0TWEEDE", "U0ZUID"
    ]  # fmt: skip
    zuid, chart = dms(workspace.fake, "U0ZUID")
    assert zuid["text"] == "Weekspiegel Wijkteam Zuid — week 47"
    assert "Wachtlijsten in de tweede lijn" in json.dumps(zuid["blocks"], ensure_ascii=False)
    for user in ("U0A", "U0B", "U0C"):  # a mirror of the team, never of people
        assert user not in json.dumps(zuid["blocks"])
    # under it, the 8-week chart as an image with a text alternative; the sparkline stays
    assert "▁" in json.dumps(zuid["blocks"], ensure_ascii=False)
    [image] = chart["files"]
    assert image["name"] == "weekspiegel-2026-W47.png" and "Wachtlijsten" in image["alt_txt"]
    assert png_size(workspace.fake.uploads[image["id"]]) == (720, 600)
    signal = [b["accessory"] for b in zuid["blocks"] if "accessory" in b]
    assert [b["text"]["text"] for b in signal] == ["Signaleer bij de gemeente"]
    [noord] = dms(workspace.fake, "U0LEIDER")  # a quiet week: no chart
    assert "stille week" in json.dumps(noord["blocks"], ensure_ascii=False)

    # every minute after that: nothing more
    for minutes in (1, 60, 24 * 60):
        assert sender.send_due(DIGEST_TIME + timedelta(minutes=minutes)) == []
    assert len(dms(workspace.fake, "U0ZUID")) == 2  # the message and its chart, once


def test_a_teamleider_added_mid_week_gets_the_next_one(
    sender: WeekspiegelSender, sqlite_engine: Engine, workspace: Workspace
) -> None:
    team = make_team(sqlite_engine)
    leaders_since(sqlite_engine, at(MONDAY_47 - timedelta(weeks=1)))
    sender.send_due(DIGEST_TIME)
    with session_scope(sqlite_engine) as session:
        teams.add_teamleider(
            session=session, team=team, user_id="U0NIEUW", now=DIGEST_TIME + timedelta(hours=2)
        )
    assert sender.send_due(DIGEST_TIME + timedelta(hours=3)) == []
    assert dms(workspace.fake, "U0NIEUW") == []
    next_week = sender.send_due(DIGEST_TIME + timedelta(weeks=1))
    assert {d.user_id for d in next_week} == {"U0LEIDER", "U0NIEUW"}
    assert dms(workspace.fake, "U0NIEUW")[0]["text"].endswith("week 48")


def test_a_bot_that_was_down_sends_it_late_but_not_a_week_late(
    sender: WeekspiegelSender, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine)
    leaders_since(sqlite_engine, at(MONDAY_47))
    assert [d.outcome for d in sender.send_due(DIGEST_TIME + timedelta(hours=30))] == ["sent"]
    make_team(sqlite_engine, channel_id="C0LAAT", name="Laat", leaders=("U0LAAT",))
    leaders_since(sqlite_engine, at(MONDAY_47))
    assert sender.send_due(DIGEST_TIME + timedelta(days=3)) == []


def test_a_refusal_is_retried_but_a_lost_answer_is_not_sent_twice(
    sender: WeekspiegelSender, sqlite_engine: Engine, workspace: Workspace, no_jitter: None
) -> None:
    make_team(sqlite_engine, leaders=("U0LEIDER", "U0TWEEDE"))
    leaders_since(sqlite_engine, at(MONDAY_47))
    workspace.fake.fail("chat.postMessage", error="restricted_action", times=1)
    first = sender.send_due(DIGEST_TIME)
    assert sorted(d.outcome for d in first) == ["failed", "sent"]
    retried = sender.send_due(DIGEST_TIME + timedelta(minutes=1))
    assert [d.outcome for d in retried] == ["sent"]
    assert len(dms(workspace.fake, "U0LEIDER")) == len(dms(workspace.fake, "U0TWEEDE")) == 1

    workspace.fake.server_error("chat.postMessage", status=503, times=10)
    later = sender.send_due(DIGEST_TIME + timedelta(weeks=1))
    assert {d.outcome for d in later} == {"unknown"}
    workspace.fake.clear_faults()
    assert sender.send_due(DIGEST_TIME + timedelta(weeks=1, minutes=1)) == []


def test_the_scheduler_sends_it_from_housekeeping_and_a_restart_sends_nothing_twice(
    sqlite_engine: Engine,
    poster: PromptPoster,
    sender: WeekspiegelSender,
    workspace: Workspace,
) -> None:
    make_team(sqlite_engine)
    leaders_since(sqlite_engine, at(MONDAY_47))
    for _ in range(2):  # two starts, e.g. a restart on Monday morning
        scheduler = PromptScheduler(
            sqlite_engine, poster, sender, clock=lambda: DIGEST_TIME + timedelta(minutes=2)
        )
        try:
            scheduler.start(paused=True)
        finally:
            scheduler.shutdown()
    assert len(dms(workspace.fake, "U0LEIDER")) == 1


def test_cli_prints_a_weekspiegel_without_slack_and_sends_it_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = env_for(fake_slack, tmp_path)
    # The command reads the real clock (a week not over yet is only a preview): last week, then.
    today = date.today()
    monday = today - timedelta(days=today.weekday() + 7)
    year, week, _ = monday.isocalendar()
    label = f"{year}-W{week:02d}"
    from storage.engine import create_db_engine
    from storage.migrate import upgrade_to_head

    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    team = make_team(engine, channel_id="C0NOORD")
    for user in ("U0A", "U0B", "U0C"):
        add_signal(engine, team, at(monday + timedelta(days=1)), user=user, knelpunten=[WAIT])
    engine.dispose()

    offline = {"DATABASE_URL": env["DATABASE_URL"]}
    printed = run_cli("digest", "--team", "C0NOORD", "--week", label, "--print",
                      cwd=tmp_path, env=offline)  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert f"Weekspiegel Wijkteam Noord — week {week}" in printed.stdout
    assert "Wachtlijsten in de tweede lijn — 3 mensen deze week" in printed.stdout
    assert fake_slack.calls("chat.postMessage") == []

    for _ in range(2):
        sent = run_cli("digest", "--week", label, cwd=tmp_path, env=env)
        assert sent.returncode == 0, sent.stderr
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert "alle teamleiders hadden hem al" in sent.stdout

    bad = run_cli("digest", "--week", "week 47", "--print", cwd=tmp_path, env=offline)
    assert bad.returncode == 2 and "2026-W47" in bad.stderr


def test_make_demo_prints_a_weekspiegel_and_block_kit_json(tmp_path: Path) -> None:
    result = run_cli("demo", cwd=tmp_path, env={})
    assert result.returncode == 0, result.stderr
    assert "Weekspiegel Wijkteam Noord — week" in result.stdout
    for part in ("1. Terugkerende knelpunten", "4. Deelname", "6. Voor het teamoverleg"):
        assert part in result.stdout
    assert "Minder gehoord" in result.stdout  # one knelpunt fades in the demo's story
    [line] = [line for line in result.stdout.splitlines() if line.startswith("Block Kit")]
    path = Path(line.rsplit(" ", 1)[1])
    blocks = json.loads(path.read_text(encoding="utf-8"))["blocks"]
    assert 10 < len(blocks) <= 50
    again = run_cli("demo", cwd=tmp_path, env={})
    assert again.stdout.split("─" * 72)[1] == result.stdout.split("─" * 72)[1]  # deterministic
    assert again.stdout.split("═" * 72)[1] == result.stdout.split("═" * 72)[1]
    rapport = result.stdout.split("═" * 72)[1]
    assert "Signalenrapport" in rapport and "Knelpunten in meerdere teams" in rapport
    assert "Wijkteam Centrum" in rapport.split("2. Knelpunten")[0]  # it signalled …
    assert "Wijkteam Centrum" not in rapport.split("2. Knelpunten")[1]  # … but does not share
    paths = {line.split(": ")[0]: Path(line.rsplit(" ", 1)[1])
             for line in result.stdout.splitlines() if ": /" in line}  # fmt: skip
    [html] = [p for label, p in paths.items() if label.startswith("Signalenrapport als HTML")]
    assert html.read_text(encoding="utf-8").count("data:image/png;base64,") == 3
    pngs = [p for label, p in paths.items() if label.startswith("Grafiek (PNG)")]
    assert pngs and all(png_size(p.read_bytes())[0] == 720 for p in pngs)
