"""Learning from the team: corrections shape that team's own model, never another team's."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import select

from bot import ids
from bot.learning import MIN_TEAM_EXAMPLES, next_refresh
from bot.posting import PromptPoster
from bot.rights import erase_user
from bot.services import Services
from prompts.recogniser import Finding
from storage import answers, learning
from storage import casus as store
from storage.digest import mentions
from storage.engine import _write_gate, read_scope, session_scope
from storage.knelpunten import KnelpuntLink
from storage.models import Answer
from tests.bot.listeners.test_answers import posted_prompt
from tests.conftest import LINKED_SINCE, Workspace, make_team
from tests.helpers.modal import submission
from tests.helpers.payloads import block_actions, message_event

SK = "samenwerking-ketenpartners"
# Team Noord calls its monthly meeting with the partners "de Zeskamp"; the corpus never does.
ZESKAMP = "De Zeskamp ging weer niet door: niemand van de corporatie kwam opdagen."
WHAT = [
    "weer afgezegd door de partners",
    "alleen wij zaten aan tafel",
    "de corporatie liet het afweten",
    "afspraken van vorige keer niet nagekomen",
    "niemand wist wie wat zou doen",
    "zonder de wijkagent en de school",
    "de huisarts belde af",
    "de jeugdhulp kwam niet",
    "de school wist van niks",
    "alleen een mailtje van de corporatie",
]


def _signal(engine: Engine, team_id: int, user: str, text: str, **kwargs: Any) -> int:
    """An earlier signal of the team (long enough ago that /knelpunt's rate limit ignores it)."""
    with session_scope(engine) as session:
        signal = store.record_signal(
            session=session, team_id=team_id, user_id=user, text=text, created_at=LINKED_SINCE,
            **kwargs,
        )  # fmt: skip
        assert signal.id is not None
        return signal.id


def test_corrections_change_that_teams_model_and_not_anothers(
    workspace: Workspace, services: Services, sqlite_engine: Engine
) -> None:
    noord = make_team(sqlite_engine, channel_id="C0NOORD")
    zuid = make_team(sqlite_engine, channel_id="C0ZUID", name="Wijkteam Zuid")
    assert noord.id is not None and zuid.id is not None
    assert SK not in services.tag(ZESKAMP, noord.id)
    # The team writes its Zeskamp lines; the recogniser does not see the knelpunt in them...
    for what in WHAT[: MIN_TEAM_EXAMPLES - 1]:
        _signal(sqlite_engine, noord.id, "U0LID", f"Zeskamp: {what}", knelpunten=[], confirmed=True)
    # ... and the last one is corrected the way a user does it: 'Knelpunten aanpassen'.
    reply = workspace.command("/knelpunt", f"Zeskamp: {WHAT[-1]}", user="U0LID")
    [button] = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    workspace.interact(block_actions(button["action_id"], value=button["value"], user_id="U0LID"))
    view = workspace.fake.wait_for("views.open")[-1].args["view"]
    workspace.submit_view(submission(view, {ids.KNELPUNTEN_BLOCK: [SK]}, user_id="U0LID"))
    with read_scope(sqlite_engine) as session:
        examples = learning.team_examples(session=session, team_id=noord.id)
    assert len(examples) == MIN_TEAM_EXAMPLES
    # Relabel the first ones too (a teamlid went through her list).
    with session_scope(sqlite_engine) as session:
        for signal_id in range(1, MIN_TEAM_EXAMPLES):
            signal = store.get_own_signal(session=session, signal_id=signal_id, user_id="U0LID")
            assert signal is not None
            store.correct_signal_knelpunten(session=session, signal=signal, knelpunten=[SK])

    assert services.models.refresh(sqlite_engine) == [noord.id]
    assert SK in services.tag(ZESKAMP, noord.id)
    assert SK not in services.tag(ZESKAMP, zuid.id)  # never across teams
    assert SK not in services.tag(ZESKAMP)  # nor in the corpus model
    assert services.models.refresh(sqlite_engine) == []  # nothing changed: nothing rebuilt


def test_erased_texts_leave_the_training_data_and_the_teams_model(
    services: Services, sqlite_engine: Engine
) -> None:
    noord = make_team(sqlite_engine, channel_id="C0NOORD")
    assert noord.id is not None
    for what in WHAT:
        _signal(
            sqlite_engine, noord.id, "U0LID", f"Zeskamp: {what}", knelpunten=[SK], confirmed=True
        )
    _signal(
        sqlite_engine, noord.id, "U0ANDER", "Zeskamp: wie komt er?", knelpunten=[SK], confirmed=True
    )
    services.models.refresh(sqlite_engine)
    assert services.models.adapted_teams() == [noord.id]

    erase_user(sqlite_engine, "U0LID", ZoneInfo("Europe/Amsterdam"), now=services.clock())
    with read_scope(sqlite_engine) as session:
        left = learning.team_examples(session=session, team_id=noord.id)
    assert [example.text for example in left] == ["Zeskamp: wie komt er?"]
    services.models.refresh(sqlite_engine)
    assert services.models.adapted_teams() == []  # too few left: back to the corpus model
    assert SK not in services.tag(ZESKAMP, noord.id)


def test_only_chosen_knelpunten_are_examples(services: Services, sqlite_engine: Engine) -> None:
    noord = make_team(sqlite_engine, channel_id="C0NOORD")
    assert noord.id is not None
    _signal(sqlite_engine, noord.id, "U0LID", "Wachtlijst ggz weer lang", knelpunten=["x"])
    chosen = _signal(
        sqlite_engine, noord.id, "U0LID", "Zeskamp zonder partners", knelpunten=[SK], confirmed=True
    )
    with read_scope(sqlite_engine) as session:
        examples = learning.team_examples(session=session, team_id=noord.id)
    assert [(e.text, set(e.knelpunten)) for e in examples] == [("Zeskamp zonder partners", {SK})]
    assert chosen == 2


def test_the_weekspiegel_counts_only_confident_knelpunten(sqlite_engine: Engine) -> None:
    noord = make_team(sqlite_engine, channel_id="C0NOORD")
    assert noord.id is not None
    _signal(
        sqlite_engine,
        noord.id,
        "U0LID",
        "De samenwerking met de school kan beter",
        knelpunten=[
            KnelpuntLink(SK, 0.3, confident=False),
            KnelpuntLink("risico-regelreflex", 0.9),
        ],
    )
    with read_scope(sqlite_engine) as session:
        found = mentions(
            session=session,
            team_id=noord.id,
            start=datetime(2000, 1, 1, tzinfo=UTC),
            end=datetime(2100, 1, 1, tzinfo=UTC),
        )
    assert [m.knelpunt_id for m in found] == ["risico-regelreflex"]


def test_a_thread_reply_is_recognised_outside_the_write_lock(
    workspace: Workspace, services: Services, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    held_while_recognising: list[bool] = []
    original = services.models.recognise

    def recognise(text: str, team_id: int | None) -> list[Finding]:
        gate = _write_gate(sqlite_engine)
        assert gate is not None
        free = threading.Event()

        def probe() -> None:  # another thread can take the writers' lock: nobody holds it
            if gate.acquire(timeout=0):
                gate.release()
                free.set()

        prober = threading.Thread(target=probe)
        prober.start()
        prober.join()
        held_while_recognising.append(not free.is_set())
        return original(text, team_id)

    services.models.recognise = recognise  # type: ignore[method-assign]
    event = message_event(
        channel="C0NOORD",
        user="U0LID",
        text="Weer geen tijd voor intervisie.",
        ts="1763974800.000200",
        thread_ts=parent,
    )
    assert workspace.event(event, event_id="Ev0LOCK") == 200
    workspace.fake.wait_for("reactions.add", count=1)
    assert held_while_recognising == [False]
    with read_scope(sqlite_engine) as session:
        [answer] = session.exec(select(Answer)).all()
        assert answers.answer_knelpunten(session=session, answer_id=answer.id or 0) == [
            "tijd-voor-reflectie"
        ]


def test_the_nightly_refresh_comes_after_the_retention_purge() -> None:
    amsterdam = ZoneInfo("Europe/Amsterdam")
    evening = datetime(2026, 3, 28, 22, 0, tzinfo=amsterdam)  # the night summer time begins
    moment = next_refresh(evening, amsterdam)
    assert (moment.date().isoformat(), moment.hour) == ("2026-03-29", 4)
    assert next_refresh(moment, amsterdam).date().isoformat() == "2026-03-30"
