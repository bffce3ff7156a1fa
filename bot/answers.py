"""Turning thread replies and modal submissions into stored answers. Knows nothing of Slack's API.

Every text passes the privacy guard first: text with client data is never stored. The text is
checked (length, client data, knelpunten: bot/textcheck.py) before the write transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session

from bot.anonymity import week_middle
from bot.textcheck import TextCheck, check_text
from bot.views.mrkdwn import unescape
from privacy.guard import PrivacyKind, refusal_message
from prompts.recogniser import Finding
from storage import answers, prompts
from storage.engine import read_connection, read_scope
from storage.models import ANSWER_TEXT_LENGTH

# The recogniser for the team a text belongs to: (text, team id) -> findings.
RecogniseFor = Callable[[str, int | None], Sequence[Finding]]

# Replies from people; other subtypes (joins, bot messages, channel topics) are not answers.
_PERSON_SUBTYPES = {None, "thread_broadcast", "file_share"}


@dataclass(frozen=True)
class ThreadOutcome:
    """What happened to a thread message, so the listener can give the light touch it needs."""

    action: str  # stored | updated | deleted | refused | too_long | busy | duplicate | ignored
    channel_id: str = ""
    message_ts: str = ""
    thread_ts: str = ""
    user_id: str = ""
    privacy: Sequence[PrivacyKind] = field(default_factory=tuple)


@dataclass(frozen=True)
class ThreadReply:
    """A person's reply in a thread, as a message event carries it."""

    channel_id: str
    ts: str
    thread_ts: str
    user_id: str
    text: str


def _person_reply(message: dict[str, Any], channel_id: str) -> ThreadReply | None:
    """The reply if this message is a person's reply in a thread, else None."""
    if message.get("bot_id") or message.get("subtype") not in _PERSON_SUBTYPES:
        return None
    ts, thread_ts, user = message.get("ts"), message.get("thread_ts"), message.get("user")
    if not ts or not thread_ts or not user or ts == thread_ts:
        return None
    return ThreadReply(
        channel_id, str(ts), str(thread_ts), str(user), unescape(message.get("text") or "")
    )


# What an edit's `message` may lack and its `previous_message` still names (Bolt's own
# message_changed fixture has neither ts nor thread_ts in `message`).
_KEPT_BY_AN_EDIT = ("ts", "thread_ts", "user")


def edited_message(event: dict[str, Any]) -> dict[str, Any]:
    """The message a message_changed event is about, its ids completed from previous_message."""
    message = event.get("message")
    message = dict(message) if isinstance(message, dict) else {}
    previous = event.get("previous_message")
    if isinstance(previous, dict):
        for key in _KEPT_BY_AN_EDIT:
            if not message.get(key) and previous.get(key):
                message[key] = previous[key]
    return message


def thread_reply(event: dict[str, Any]) -> ThreadReply | None:
    """The person's thread reply a new or edited message event is about, else None."""
    edited = event.get("subtype") == "message_changed"
    message = edited_message(event) if edited else event
    return _person_reply(message, str(event.get("channel") or ""))


def check_thread_reply(
    event: dict[str, Any], *, engine: Engine, recognise: RecogniseFor
) -> TextCheck | None:
    """The one look at a thread reply's text, taken before any write transaction.

    Reads (never writes) the prompt it answers, for its team's model; None when the event is
    no person's reply under a prompt of ours.
    """
    reply = thread_reply(event)
    if reply is None:
        return None
    with read_connection(engine) as connection:
        slot = prompts.slot_ref_for_message(
            connection=connection, channel_id=reply.channel_id, message_ts=reply.thread_ts
        )
    if slot is None:
        return None
    team_id = slot.team_id
    return check_text(
        reply.text, limit=ANSWER_TEXT_LENGTH, recognise=lambda text: recognise(text, team_id)
    )


def process_thread_event(
    event: dict[str, Any], *, session: Session, event_id: str | None, check: TextCheck | None
) -> ThreadOutcome:
    """Store, update or delete the answer a message event is about; exactly once per event.

    `check` is check_thread_reply's look at the text (done before this transaction began).
    """
    channel_id = str(event.get("channel") or "")
    subtype = event.get("subtype")
    if subtype == "message_deleted":
        previous = event.get("previous_message") or {}
        deleted_ts = str(event.get("deleted_ts") or previous.get("ts") or "")
        if not deleted_ts:
            return ThreadOutcome("ignored")
        if event_id and not answers.mark_event_processed(session=session, event_id=event_id):
            return ThreadOutcome("duplicate")
        gone = answers.delete_answer_for_message(
            session=session, channel_id=channel_id, message_ts=deleted_ts
        )
        return ThreadOutcome("deleted" if gone else "ignored", channel_id, deleted_ts)

    edited = subtype == "message_changed"
    reply = thread_reply(event)
    if reply is None:
        return ThreadOutcome("ignored")
    slot = prompts.slot_ref_for_message(
        connection=session.connection(), channel_id=channel_id, message_ts=reply.thread_ts
    )
    if slot is None:
        return ThreadOutcome("ignored")  # a thread under some other message
    if event_id and not answers.mark_event_processed(session=session, event_id=event_id):
        return ThreadOutcome("duplicate")

    outcome: dict[str, Any] = dict(
        channel_id=channel_id, message_ts=reply.ts, thread_ts=reply.thread_ts, user_id=reply.user_id
    )
    existing = answers.answer_for_message(
        session=session, channel_id=channel_id, message_ts=reply.ts
    )
    if existing is not None and not edited:
        # The original message arriving after its edit (Slack does not promise the order):
        # what is stored is newer.
        return ThreadOutcome("duplicate")
    if check is None or check.text != reply.text:  # no look was taken: take it now
        check = check_text(reply.text, limit=ANSWER_TEXT_LENGTH)
    if not check.storable:
        if existing is not None:  # an edit added client data (or emptied it): keep nothing
            session.delete(existing)
            session.flush()
        if check.privacy:
            return ThreadOutcome("refused", privacy=check.privacy, **outcome)
        return ThreadOutcome("too_long" if check.too_long else "ignored", **outcome)

    answers.record_thread_answer(
        session=session,
        slot=slot,
        user_id=reply.user_id,
        text=reply.text,
        message_ts=reply.ts,
        knelpunten=check.links(),
        existing=existing,
    )
    return ThreadOutcome("updated" if existing is not None else "stored", **outcome)


@dataclass(frozen=True)
class ModalAnswer:
    """The private-answer modal's values."""

    slot_id: int
    text: str
    anonymous: bool
    quotable: bool
    knelpunten: tuple[str, ...]


def modal_answer_problem(check: TextCheck) -> str | None:
    """A Dutch field error for the checked answer, or None when it may be stored."""
    if check.empty:
        return "Schrijf een antwoord, of sluit het venster met Annuleren."
    if check.too_long:
        return f"Je antwoord is te lang: hoogstens {ANSWER_TEXT_LENGTH} tekens."
    return refusal_message(list(check.privacy)) if check.privacy else None


def check_modal_text(answer: ModalAnswer, *, engine: Engine, recognise: RecogniseFor) -> TextCheck:
    """The one look at a modal answer, before the write transaction (knelpunten only when the
    author chose none: then its prompt's team model recognises them)."""
    team_id: int | None = None
    if not answer.knelpunten:
        with read_scope(engine) as session:
            slot = prompts.get_slot(session=session, slot_id=answer.slot_id)
            team_id = slot.team_id if slot is not None else None
    return check_text(
        answer.text,
        limit=ANSWER_TEXT_LENGTH,
        recognise=None if answer.knelpunten else lambda text: recognise(text, team_id),
    )


def store_modal_answer(
    answer: ModalAnswer,
    *,
    session: Session,
    user_id: str,
    check: TextCheck,
    known_knelpunten: frozenset[str],
    now: datetime,
    timezone: ZoneInfo,
) -> bool:
    """Store a checked modal answer; False when its prompt no longer exists.

    Knelpunten the author chose make the answer a confirmed example for the team's model;
    otherwise those `check` recognised are stored (with their confidence).
    Anonymous: no user id, and the time is rounded to the middle of its week (a random id,
    too), so not even the database can link the answer to a Slack message, a moment someone
    was online, or the named answers around it.
    """
    slot = prompts.get_slot(session=session, slot_id=answer.slot_id)
    if slot is None:
        return False
    chosen = [k for k in answer.knelpunten if k in known_knelpunten]
    created_at = week_middle(now, timezone) if answer.anonymous else now
    answers.record_modal_answer(
        session=session,
        slot=slot,
        user_id=None if answer.anonymous else user_id,
        text=answer.text,
        quotable=answer.quotable,
        knelpunten=chosen or check.links(known_knelpunten),
        created_at=created_at,
        confirmed=bool(chosen),
    )
    return True
