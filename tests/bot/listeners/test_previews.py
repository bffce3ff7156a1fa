"""Finding 1: no preview tells when an anonymous answer came in, nor what it was about.

The rule (stated in every preview's footer): a preview counts the week so far, but anonymous
answers of that week are held back until the week is closed; the weekspiegel of the closed
week counts them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from bot import ids
from bot.posting import PromptPoster
from bot.services import Services
from bot.weekspiegel import IsoWeek
from storage import teams
from storage.engine import session_scope
from tests.bot.weekspiegel_data import add_answer, sent_slot
from tests.conftest import Workspace, make_team
from tests.helpers.modal import answer_values
from tests.helpers.payloads import block_actions, view_submission

AMS = ZoneInfo("Europe/Amsterdam")
WEEK_48 = IsoWeek(2026, 48)
TUESDAY = datetime(2026, 11, 24, 10, 0, tzinfo=AMS)
AT_15_03 = datetime(2026, 11, 25, 15, 3, tzinfo=AMS)  # Wednesday of week 48
TIME = "tijd-voor-reflectie"
TIME_LABEL = "Te weinig tijd voor reflectie en leren"
ANONYMOUS = ("U0ANON1", "U0ANON2", "U0ANON3")


def preview_blocks(workspace: Workspace) -> list[dict[str, Any]]:
    reply = workspace.command("/wijkteam", "digest", user="U0LEIDER")
    return list(reply["blocks"])


def home_preview(workspace: Workspace, team_id: int, count: int) -> list[dict[str, Any]]:
    workspace.interact(block_actions(ids.PREVIEW_ACTION, value=str(team_id), user_id="U0LEIDER"))
    return list(workspace.fake.wait_for("views.open", count=count)[-1].args["view"]["blocks"])


def test_an_anonymous_answer_changes_no_preview_until_its_week_is_closed(
    workspace: Workspace, services: Services, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    workspace.fake.add_channel("C0NOORD", members=["U0LEIDER", "U0A", "U0B", "U0C", *ANONYMOUS])
    team = make_team(sqlite_engine)
    slot = sent_slot(sqlite_engine, team, TUESDAY.date())
    for user in ("U0A", "U0B", "U0C"):  # the week so far: three named answers
        add_answer(sqlite_engine, slot, TUESDAY, "De wachtlijst is lang", user=user,
                   knelpunten=["wachtlijsten-tweede-lijn"])  # fmt: skip
    services.clock = lambda: AT_15_03.astimezone(UTC)
    before = preview_blocks(workspace)
    home_before = home_preview(workspace, team.id or 0, count=1)

    for user in ANONYMOUS:  # three anonymous answers at 15:03, all about lack of time
        _, body = workspace.submit_view(view_submission(
            ids.ANSWER_MODAL_CALLBACK,
            answer_values("Ik kom nergens meer aan toe.", ids.OPTION_ANONYMOUS, knelpunten=[TIME]),
            user_id=user, private_metadata=str(slot.id),
        ))  # fmt: skip
        assert json.loads(body)["response_action"] == "update", body
    services.clock = lambda: (AT_15_03 + timedelta(minutes=1)).astimezone(UTC)
    after = preview_blocks(workspace)
    home_after = home_preview(workspace, team.id or 0, count=2)

    assert after == before and home_after == home_before  # nothing gives the minute away
    shown = json.dumps(after, ensure_ascii=False)
    assert TIME_LABEL not in shown  # nor the knelpunt, nor as the agenda's top item
    assert "3 antwoorden" in shown and "anonieme antwoorden" in shown
    assert "tellen pas mee als de week om is" in shown  # the rule, in the footer

    # The closed week counts them: its weekspiegel has all six answers.
    sender = services.weekspiegel_sender(poster.client)
    closed = sender.compute(team, WEEK_48, datetime(2026, 11, 30, 8, 30, tzinfo=AMS))
    assert closed.partial_until is None and closed.participation.answers == 6
    with sqlite_engine.connect() as connection:
        moments = (
            connection.execute(text("SELECT DISTINCT created_at FROM answer WHERE anonymous"))
            .scalars()
            .all()
        )
    assert [str(m)[:16] for m in moments] == ["2026-11-25 11:00"]  # Wednesday 12:00, not 15:03


def test_the_weekspiegel_of_a_week_not_over_yet_is_a_preview_for_the_cli_too(
    services: Services, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    slot = sent_slot(sqlite_engine, team, TUESDAY.date())
    add_answer(sqlite_engine, slot, TUESDAY, "Anoniem", user=None, knelpunten=[TIME])
    sender = services.weekspiegel_sender(poster.client)
    with session_scope(sqlite_engine) as session:
        [team] = teams.list_teams(session=session)
    during = sender.compute(team, WEEK_48, AT_15_03)  # e.g. `reflectiebot digest --week` now
    assert during.partial_until is not None and during.quiet
    assert not sender.compute(team, WEEK_48, AT_15_03 + timedelta(days=5)).quiet
