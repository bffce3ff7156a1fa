"""The monthly signalenrapport: once per beleidsadviseur and month, through restarts; the role."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.posting import PromptPoster
from bot.rapport import Month
from bot.rapport_sender import RapportSender, rapport_moment
from bot.scheduler import PromptScheduler
from bot.services import Services
from bot.settings import Settings, load_settings
from storage import audit
from storage import rapport as queries
from storage.engine import read_scope, session_scope
from tests.bot.test_charts import png_size
from tests.bot.weekspiegel_data import AMS, add_case, at
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, Workspace, make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers.payloads import block_actions

ADVISEURS = ("U0BELEID1", "U0BELEID2")
DECEMBER = Month(2026, 12)
# The rapport about December 2026 is due on Monday 4 January 2027 (1 January is a holiday).
DUE = rapport_moment(DECEMBER, AMS)


@pytest.fixture
def settings(fake_slack: FakeSlack, sqlite_url: str) -> Settings:
    return load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.base_url,
            "DATABASE_URL": sqlite_url,
            "BELEIDSADVISEURS": ",".join(ADVISEURS),
        },
        env_file=None,
    )


@pytest.fixture
def sender(services: Services, poster: PromptPoster) -> RapportSender:
    return services.rapport_sender(poster.client)


def dms(fake: FakeSlack, user: str) -> list[dict[str, Any]]:
    """The bot's direct messages to a user (files shared there too)."""
    channels = [c["id"] for c in fake.channels.values() if c.get("is_im") and c["user"] == user]
    return [message for channel in channels for message in fake.messages(channel)]


def sharing_teams(engine: Engine) -> None:
    """Three teams that share, with December cases."""
    for n, channel in enumerate(("C0NOORD", "C0ZUID", "C0WEG")):
        team = make_team(engine, channel_id=channel, name=f"Team {n}", leaders=(f"U0L{n}",))
        assert team.id is not None
        with session_scope(engine) as session:
            queries.set_sharing(
                session=session, team_id=team.id, on=True, now=at(date(2026, 12, 1))
            )
        for i in range(5):
            add_case(engine, team, at(date(2026, 12, 7 + i)), user=f"U0X{i}",
                     intake=("proactief", "hulpvraag")[i % 2])  # fmt: skip


def test_each_beleidsadviseur_gets_last_months_rapport_once_on_the_first_working_day(
    sender: RapportSender, sqlite_engine: Engine, workspace: Workspace
) -> None:
    sharing_teams(sqlite_engine)
    assert DUE.astimezone(AMS) == datetime(2027, 1, 4, 9, 0, tzinfo=AMS)
    assert sender.send_due(DUE - timedelta(minutes=1)) == []
    assert sender.send_due(datetime(2027, 1, 1, 9, 0, tzinfo=AMS)) == []  # Nieuwjaarsdag
    sent = sender.send_due(DUE)
    assert sorted((d.user_id, d.outcome, d.month) for d in sent) == [
        ("U0BELEID1", "sent", "2026-12"), ("U0BELEID2", "sent", "2026-12")
    ]  # fmt: skip
    message, files = dms(workspace.fake, "U0BELEID1")
    assert message["text"] == "Signalenrapport december 2026"
    shown = json.dumps(message["blocks"], ensure_ascii=False)
    assert "3 teams delen de maandcijfers" in shown and "Team 0" in shown
    names = [f["name"] for f in files["files"]]
    assert names == ["leefgebieden-2026-12.png", "binnenkomst-2026-12.png",
                     "signalenrapport-2026-12.html"]  # fmt: skip
    sizes = [png_size(workspace.fake.uploads[f["id"]]) for f in files["files"][:2]]
    assert sizes == [(720, 900), (720, 600)] and all(f["alt_txt"] for f in files["files"][:2])
    html = workspace.fake.uploads[files["files"][2]["id"]].decode("utf-8")
    assert "<h1>Signalenrapport december 2026</h1>" in html

    for later in (timedelta(minutes=1), timedelta(hours=5), timedelta(days=3)):
        assert sender.send_due(DUE + later) == []
    assert len(dms(workspace.fake, "U0BELEID2")) == 2  # one message, one with its files
    with read_scope(sqlite_engine) as session:
        entries = [
            e for e in audit.list_entries(session=session) if e.action == "rapport-ontvangen"
        ]
    assert sorted((e.actor, e.detail) for e in entries) == [
        ("U0BELEID1", "2026-12 maandelijks"), ("U0BELEID2", "2026-12 maandelijks")
    ]  # fmt: skip


def test_a_restart_on_the_morning_sends_nothing_twice(
    services: Services, poster: PromptPoster, sender: RapportSender, sqlite_engine: Engine,
    workspace: Workspace,
) -> None:  # fmt: skip
    for _ in range(2):  # two starts, e.g. a restart on the first working day
        scheduler = PromptScheduler(sqlite_engine, poster, rapport=sender,
                                    clock=lambda: DUE + timedelta(minutes=2))  # fmt: skip
        try:
            scheduler.start(paused=True)
        finally:
            scheduler.shutdown()
    for user in ADVISEURS:
        [message, _files] = dms(workspace.fake, user)
        assert message["text"] == "Signalenrapport december 2026"
    with read_scope(sqlite_engine) as session:
        assert queries.delivered_users(session=session, month="2026-12") == set(ADVISEURS)


def test_a_refusal_is_retried_a_lost_answer_is_not_and_a_week_late_is_too_late(
    sender: RapportSender, workspace: Workspace, no_jitter: None
) -> None:
    workspace.fake.fail("chat.postMessage", error="restricted_action", times=1)
    assert sorted(d.outcome for d in sender.send_due(DUE)) == ["failed", "sent"]
    assert [d.outcome for d in sender.send_due(DUE + timedelta(minutes=1))] == ["sent"]
    assert all(len(dms(workspace.fake, user)) == 2 for user in ADVISEURS)

    february = rapport_moment(Month(2027, 1), AMS)
    workspace.fake.server_error("chat.postMessage", status=503, times=10)
    assert {d.outcome for d in sender.send_due(february)} == {"unknown"}
    workspace.fake.clear_faults()
    assert sender.send_due(february + timedelta(minutes=1)) == []
    assert sender.send_due(rapport_moment(Month(2027, 2), AMS) + timedelta(days=8)) == []


def test_only_a_beleidsadviseur_can_ask_for_the_rapport(
    services: Services, sqlite_engine: Engine, workspace: Workspace
) -> None:
    services.clock = lambda: datetime(2026, 12, 15, 10, tzinfo=UTC)
    sharing_teams(sqlite_engine)
    refused = workspace.command("/wijkteam", "rapport", user="U0L0", channel="C0NOORD")
    assert "voor de beleidsadviseurs" in refused["text"]
    assert dms(workspace.fake, "U0L0") == []

    done = workspace.command("/wijkteam", "rapport", user="U0BELEID1", channel="D0PRIVE")
    assert "november 2026" in done["text"] and "privégesprek" in done["text"]
    so_far = workspace.command("/wijkteam", "rapport 2026-12", user="U0BELEID1", channel="D0P")
    assert "december 2026 (tot nu toe)" in so_far["text"]
    texts = [m["text"] for m in dms(workspace.fake, "U0BELEID1") if m.get("blocks")]
    assert texts == ["Signalenrapport november 2026", "Signalenrapport december 2026"]
    ahead = workspace.command("/wijkteam", "rapport 2027-02", user="U0BELEID1", channel="D0P")
    assert "toekomst" in ahead["text"]

    workspace.interact(block_actions("signalenrapport_sturen", value="2026-11", user_id="U0L1"))
    workspace.settle()
    assert dms(workspace.fake, "U0L1") == []  # the Home button checks the role too
    with read_scope(sqlite_engine) as session:
        actors = [e.actor for e in audit.list_entries(session=session)
                  if e.action == "rapport-ontvangen"]  # fmt: skip
    assert actors == ["U0BELEID1", "U0BELEID1"]


def test_the_home_tab_shows_the_rapport_section_only_to_a_beleidsadviseur(
    services: Services, workspace: Workspace
) -> None:
    from bot.app import build_web_client
    from bot.listeners.events.app_home import publish_home

    client = build_web_client(services.settings)
    publish_home(client, "U0BELEID1", services)
    publish_home(client, "U0LID", services)
    adviseur = json.dumps(workspace.fake.views["VHOMEU0BELEID1"], ensure_ascii=False)
    member = json.dumps(workspace.fake.views["VHOMEU0LID"], ensure_ascii=False)
    assert "Signalenrapport voor de gemeente" in adviseur and "signalenrapport_sturen" in adviseur
    assert "Signalenrapport" not in member
