"""Findings 4 and 5: erase means erased, and a team is never silently without a teamleider.

Erasing (and the retention purge) leaves no text or Slack id in any table or column (the audit
log's detail too), no old copy in SQLite's files, and edits the bot's own Slack messages that
quoted the person's text. The reply after erasing says what happened, including what not yet.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot import ids
from bot.posting import PromptPoster
from bot.scheduler import PromptScheduler
from bot.services import Services
from storage import casus, teams
from storage.engine import session_scope, sqlite_path
from storage.models import Casus
from tests.bot.weekspiegel_data import AMS, add_answer, at, sent_slot
from tests.conftest import Workspace, make_team
from tests.helpers.modal import answer_values
from tests.helpers.payloads import block_actions, view_submission

MONDAY_47 = date(2026, 11, 16)
DIGEST_TIME = datetime(2026, 11, 23, 8, 30, tzinfo=AMS)  # week 47's weekspiegel goes out
SECRET_ANSWER = "Mijn geheime zin over de werkdruk in het team"
SECRET_CASE = "Gezin met schulden en een zieke vader, vraag over huisvesting"
QUOTE = "Samen leren werkt, maar we maken er geen tijd voor."


def erase(workspace: Workspace, user: str) -> str:
    """Click 'Mijn gegevens wissen' (after Slack's confirmation) and return the reply."""
    before = len(workspace.fake.calls("response_url"))
    workspace.interact(block_actions(ids.ERASE_ACTION, value="wissen", user_id=user,
                                     response_url=workspace.fake.response_url("wis")))  # fmt: skip
    return str(workspace.fake.wait_for("response_url", count=before + 1)[-1].args["text"])


def bring_up_case(engine: Engine, team_id: int, when: datetime) -> int:
    """U0LID's case, marked to bring up in the team's next casuïstiek prompt."""
    with session_scope(engine) as session:
        saved = casus.save_casus(
            session=session,
            knelpunten=[],
            casus=Casus(
                team_id=team_id, user_id="U0LID", description=SECRET_CASE, domains="financien",
                intake="hulpvraag", decision="zelf", bring_up=True, created_at=when,
            ),
        )  # fmt: skip
        assert saved.id is not None
        return saved.id


def database_files(engine: Engine) -> bytes:
    path = sqlite_path(str(engine.url))
    assert path is not None
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_erasing_leaves_no_id_in_the_audit_log_and_no_text_in_the_sqlite_files(
    workspace: Workspace, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine)
    workspace.command("/wijkteam", "leider <@U0LID>")  # the audit log: leider +U0LID
    slot = sent_slot(sqlite_engine, team, MONDAY_47 + timedelta(days=1))
    _, body = workspace.submit_view(view_submission(
        ids.ANSWER_MODAL_CALLBACK, answer_values(SECRET_ANSWER), user_id="U0LID",
        private_metadata=str(slot.id)))  # fmt: skip
    assert json.loads(body)["response_action"] == "update"
    workspace.command("/knelpunt", "Wachtlijst schuldhulp weer veertien weken", user="U0LID")
    assert SECRET_ANSWER.encode() in database_files(sqlite_engine)  # the test can see it

    reply = erase(workspace, "U0LID")
    assert "Gewist: 1 antwoord, 0 casussen en 1 knelpuntsignaal" in reply
    assert "ook niet in het auditlog" in reply

    raw = database_files(sqlite_engine)
    for gone in (SECRET_ANSWER, "Wachtlijst schuldhulp weer veertien weken", "U0LID"):
        assert gone.encode() not in raw, gone  # not in a table, a free page or the -wal file
    path = sqlite_path(str(sqlite_engine.url))
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with sqlite_engine.connect() as connection:
        details = connection.execute(text("SELECT detail FROM audit_log")).scalars().all()
        assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1
    assert "+gewist" in details


def test_erasing_edits_the_bots_own_slack_copies_of_the_persons_texts(
    workspace: Workspace, services: Services, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine)
    assert team.id is not None
    bring_up_case(sqlite_engine, team.id, at(MONDAY_47))
    posted = poster.post_extra_prompt(team, at(MONDAY_47, 9), prompt_id="casuistiek-01")
    assert posted.outcome == "posted"
    slot = sent_slot(sqlite_engine, team, MONDAY_47 + timedelta(days=1))
    add_answer(sqlite_engine, slot, at(MONDAY_47 + timedelta(days=1)), QUOTE, user="U0LID",
               quotable=True)  # fmt: skip
    sender = services.weekspiegel_sender(poster.client)
    assert [d.outcome for d in sender.send_due(DIGEST_TIME.astimezone(UTC))] == ["sent"]
    [prompt] = [m for m in workspace.fake.messages("C0NOORD") if "Ingebracht" in json.dumps(m)]
    [dm_channel] = [c for c, info in workspace.fake.channels.items() if info.get("is_im")]
    assert SECRET_CASE in json.dumps(prompt, ensure_ascii=False)
    assert QUOTE in json.dumps(workspace.fake.messages(dm_channel), ensure_ascii=False)

    reply = erase(workspace, "U0LID")

    assert len(workspace.fake.calls("chat.update")) == 2
    channel = json.dumps(workspace.fake.messages("C0NOORD"), ensure_ascii=False)
    [digest] = workspace.fake.messages(dm_channel)
    assert SECRET_CASE not in channel and "Reflectievraag" in channel  # the prompt stays
    assert QUOTE not in json.dumps(digest, ensure_ascii=False)
    assert digest["text"] == "Weekspiegel Wijkteam Noord — week 47"  # the weekspiegel stays
    assert "2 berichten van Reflectiebot" in reply and "aangepast" in reply
    assert "Je eigen berichten in Slack" in reply  # what the bot cannot erase, said plainly
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM slack_cleanup")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM digest_quote")).scalar() == 0


def test_an_edit_slack_refuses_is_reported_and_retried_by_the_scheduler(
    workspace: Workspace, services: Services, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine)
    assert team.id is not None
    bring_up_case(sqlite_engine, team.id, at(MONDAY_47))
    poster.post_extra_prompt(team, at(MONDAY_47, 9), prompt_id="casuistiek-01")
    workspace.fake.fail("chat.update", error="ratelimited", times=1)

    reply = erase(workspace, "U0LID")
    assert "1 bericht van Reflectiebot met je tekst kon ik nog niet aanpassen" in reply
    assert SECRET_CASE in json.dumps(workspace.fake.messages("C0NOORD"), ensure_ascii=False)

    later = datetime.now(UTC) + timedelta(minutes=5)
    done = services.copy_editor(poster.client).run(later)  # what housekeeping does each minute
    assert (done.edited, done.pending) == (1, 0)
    assert SECRET_CASE not in json.dumps(workspace.fake.messages("C0NOORD"), ensure_ascii=False)


def test_the_retention_purge_edits_the_copies_too(
    workspace: Workspace, services: Services, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine)
    assert team.id is not None
    long_ago = at(date(2025, 10, 6))
    bring_up_case(sqlite_engine, team.id, long_ago)
    poster.post_extra_prompt(team, long_ago + timedelta(days=1), prompt_id="casuistiek-01")
    scheduler = PromptScheduler(
        sqlite_engine,
        poster,
        services.weekspiegel_sender(poster.client),
        retention_days=365,
        clock=lambda: DIGEST_TIME.astimezone(UTC),
    )
    result = scheduler.purge()
    assert result.counts["casussen"] == 1 and len(result.cleanups) == 1
    assert SECRET_CASE not in json.dumps(workspace.fake.messages("C0NOORD"), ensure_ascii=False)
    assert SECRET_CASE.encode() not in database_files(sqlite_engine)


def test_deleting_your_own_case_edits_the_prompt_that_quoted_it(
    workspace: Workspace, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine)
    assert team.id is not None
    casus_id = bring_up_case(sqlite_engine, team.id, at(MONDAY_47))
    poster.post_extra_prompt(team, at(MONDAY_47, 9), prompt_id="casuistiek-01")
    workspace.interact(block_actions(ids.CASE_DELETE_ACTION, value=str(casus_id), user_id="U0LID",
                                     response_url=workspace.fake.response_url("del")))  # fmt: skip
    workspace.fake.wait_for("chat.update")
    assert SECRET_CASE not in json.dumps(workspace.fake.messages("C0NOORD"), ensure_ascii=False)


def test_erasing_the_last_teamleider_is_allowed_and_the_channel_hears_how_to_appoint_one(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, leaders=("U0LEIDER",))
    reply = erase(workspace, "U0LEIDER")
    assert "Je was de laatste teamleider van *Wijkteam Noord*" in reply
    [notice] = [m for m in workspace.fake.messages("C0NOORD")]
    assert "geen teamleider meer" in notice["text"]
    assert "/wijkteam leider @collega" in notice["text"]
    with session_scope(sqlite_engine) as session:
        [team] = teams.list_teams(session=session)
        assert teams.list_teamleiders(session=session, team=team) == []

    appointed = workspace.command("/wijkteam", "leider <@U0LID>", user="U0LID")
    assert "is nu teamleider" in appointed["text"]
    with session_scope(sqlite_engine) as session:
        assert teams.list_teamleiders(session=session, team=team) == ["U0LID"]


@pytest.mark.parametrize("extra_env", [{"FUNCTIONEEL_BEHEERDERS": "U0BEHEER"}])
def test_with_functioneel_beheerders_the_channel_hears_who_appoints_the_next_teamleider(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, leaders=("U0LEIDER",))
    erase(workspace, "U0LEIDER")
    [notice] = workspace.fake.messages("C0NOORD")
    assert "geen teamleider meer" in notice["text"] and "<@U0BEHEER>" in notice["text"]
