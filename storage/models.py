"""The tables: what Reflectiebot remembers. Slack ids only, never names of people."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import DateTime, Index, TypeDecorator, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

SLACK_ID_LENGTH = 32
TEAM_NAME_LENGTH = 80
ANSWER_TEXT_LENGTH = 4000
CASE_TEXT_LENGTH = 1500
CASE_NOTE_LENGTH = 300
SIGNAL_TEXT_LENGTH = 1000
CHOICE_LIST_LENGTH = 400  # comma-separated ids from prompts/casus.toml
ALL_THEMES = "leercultuur,casuistiek,doorverwijzing"
DEFAULT_PROMPT_WEEKDAY = 1  # dinsdag (maandag = 0)
DEFAULT_PROMPT_MINUTE = 9 * 60  # 09:00
DEFAULT_DIGEST_WEEKDAY = 0  # maandag
DEFAULT_DIGEST_MINUTE = 8 * 60 + 30  # 08:30


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC (portable across SQLite and PostgreSQL), returns aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Team(SQLModel, table=True):
    """A wijkteam, bound to one Slack channel."""

    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=SLACK_ID_LENGTH, unique=True)
    name: str = Field(max_length=TEAM_NAME_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    prompt_weekday: int = DEFAULT_PROMPT_WEEKDAY
    prompt_minute: int = DEFAULT_PROMPT_MINUTE
    paused: bool = False
    skip_holidays: bool = True
    themes: str = Field(default=ALL_THEMES, max_length=64)
    reminder_enabled: bool = False
    # Why the bot cannot reach the team's channel (e.g. "channel_not_found"); None when fine.
    attention_reason: str | None = Field(default=None, max_length=64)
    attention_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # When the teamleiders get the weekspiegel of the previous ISO week.
    digest_weekday: int = DEFAULT_DIGEST_WEEKDAY
    digest_minute: int = DEFAULT_DIGEST_MINUTE
    # Unlinked but kept: channel_id becomes a placeholder so the channel can be linked anew.
    unlinked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    former_channel_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH)


class Teamleider(SQLModel, table=True):
    """A Slack user who leads a team: may change its settings and receives its weekspiegel."""

    __tablename__ = "teamleider"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    user_id: str = Field(max_length=SLACK_ID_LENGTH, primary_key=True, index=True)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PromptSlot(SQLModel, table=True):
    """One reflection prompt for one team at one moment: recorded before it is posted.

    `slot_key` makes it exactly once: the scheduled prompt of a date is `"2026-11-24"`,
    an extra one `"extra:2026-11-24"`. Status goes pending → posting → sent (or failed).
    """

    __tablename__ = "prompt_slot"
    __table_args__ = (
        UniqueConstraint("team_id", "slot_key", name="uq_prompt_slot_team_key"),
        Index("ix_prompt_slot_message", "channel_id", "message_ts"),
        Index("ix_prompt_slot_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True, ondelete="CASCADE")
    slot_key: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    slot_date: date
    prompt_id: str = Field(max_length=64)
    theme: str = Field(max_length=32)
    channel_id: str = Field(max_length=SLACK_ID_LENGTH)
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_ts: str | None = Field(default=None, max_length=32)
    reminder_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminder_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Answer(SQLModel, table=True):
    """An answer to a prompt, from a thread reply or the private modal.

    Anonymous answers have no user id, no message ts and a created_at rounded to the middle of
    their ISO week. Ids are random (storage.answers), so no id, rowid or index puts an anonymous
    answer between the named answers before and after it.
    """

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("channel_id", "message_ts", name="uq_answer_message"),
        Index("ix_answer_team_created", "team_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slot_id: int = Field(foreign_key="prompt_slot.id", index=True, ondelete="CASCADE")
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    user_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH, index=True)
    anonymous: bool = False
    quotable: bool = False
    source: str = Field(max_length=8)
    text: str = Field(max_length=ANSWER_TEXT_LENGTH)
    channel_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH)
    message_ts: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The author chose these knelpunten: a labelled example for the team's own model.
    knelpunten_confirmed: bool = False


class AnswerKnelpunt(SQLModel, table=True):
    """A knelpunt an answer points at (chosen by its author or recognised in the text).

    On SQLite a table WITHOUT ROWID: its rows are kept in (answer_id, knelpunt_id) order, so no
    hidden rowid tells in which order answers arrived.
    """

    __tablename__ = "answer_knelpunt"
    __table_args__ = {"sqlite_with_rowid": False}

    answer_id: int = Field(foreign_key="answer.id", primary_key=True, ondelete="CASCADE")
    knelpunt_id: str = Field(max_length=64, primary_key=True)
    # The recogniser's probability (None: chosen by a person, or known to the lexicon only) and
    # whether it counts in the weekspiegel; a "mogelijk" knelpunt is stored but not counted.
    probability: float | None = None
    confident: bool = True


class Casus(SQLModel, table=True):
    """A logged case: the professional's choices, never the client.

    Multi-select fields hold comma-separated ids from `prompts/casus.toml`.
    """

    __tablename__ = "casus"
    __table_args__ = (
        Index("ix_casus_team_created", "team_id", "created_at"),
        Index("ix_casus_user_created", "user_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    user_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH)  # None once erased
    description: str = Field(max_length=CASE_TEXT_LENGTH)
    domains: str = Field(default="", max_length=CHOICE_LIST_LENGTH)  # leefgebieden
    intake: str = Field(max_length=32)  # hoe kwam de vraag binnen
    decision: str = Field(max_length=32)  # besluit
    destinations: str = Field(default="", max_length=CHOICE_LIST_LENGTH)  # doorverwezen naar
    reasons: str = Field(default="", max_length=CHOICE_LIST_LENGTH)  # waarom
    reason_note: str = Field(default="", max_length=CASE_NOTE_LENGTH)
    bring_up: bool = False  # inbrengen bij de volgende casuïstiekbespreking
    # The casuïstiek prompt that brought it up; then it counts as discussed.
    discussed_slot_id: int | None = Field(
        default=None, foreign_key="prompt_slot.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The author chose these knelpunten in the modal: a labelled example for the team's model.
    knelpunten_confirmed: bool = False


class CasusKnelpunt(SQLModel, table=True):
    """A knelpunt a case points at."""

    __tablename__ = "casus_knelpunt"

    casus_id: int = Field(foreign_key="casus.id", primary_key=True, ondelete="CASCADE")
    knelpunt_id: str = Field(max_length=64, primary_key=True)
    # The recogniser's probability (None: chosen by a person, or known to the lexicon only) and
    # whether it counts in the weekspiegel; a "mogelijk" knelpunt is stored but not counted.
    probability: float | None = None
    confident: bool = True


class KnelpuntSignal(SQLModel, table=True):
    """A bottleneck noted in one line with /knelpunt."""

    __tablename__ = "knelpunt_signal"
    __table_args__ = (
        Index("ix_knelpunt_signal_team_created", "team_id", "created_at"),
        Index("ix_knelpunt_signal_user_created", "user_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    user_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH)  # None once erased
    text: str = Field(max_length=SIGNAL_TEXT_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The author chose or corrected these knelpunten: a labelled example for the team's model.
    knelpunten_confirmed: bool = False


class SignalKnelpunt(SQLModel, table=True):
    """A knelpunt a signal points at."""

    __tablename__ = "signal_knelpunt"

    signal_id: int = Field(foreign_key="knelpunt_signal.id", primary_key=True, ondelete="CASCADE")
    knelpunt_id: str = Field(max_length=64, primary_key=True)
    # The recogniser's probability (None: chosen by a person, or known to the lexicon only) and
    # whether it counts in the weekspiegel; a "mogelijk" knelpunt is stored but not counted.
    probability: float | None = None
    confident: bool = True


class DigestDelivery(SQLModel, table=True):
    """One weekspiegel for one teamleider of one team for one ISO week: sent at most once.

    Status goes sending → sent, or failed (Slack refused; retried) or unknown (no answer from
    Slack: not retried, so a teamleider never gets it twice).
    """

    __tablename__ = "digest_delivery"
    __table_args__ = (UniqueConstraint("team_id", "week", "user_id", name="uq_digest_delivery"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    week: str = Field(max_length=8)  # ISO week, "2026-W47"
    user_id: str = Field(max_length=SLACK_ID_LENGTH, index=True)
    status: str = Field(default="sending", max_length=16)
    attempts: int = 1
    last_error: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Where the DM went and what it was built from: to edit it when a quoted text must go.
    channel_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH)
    message_ts: str | None = Field(default=None, max_length=32)
    agenda: str | None = Field(default=None, max_length=160)  # "knelpunt_id|prompt_id"


class DigestQuote(SQLModel, table=True):
    """An answer quoted in a weekspiegel DM, so that message can be edited when the text goes."""

    __tablename__ = "digest_quote"

    delivery_id: int = Field(foreign_key="digest_delivery.id", primary_key=True, ondelete="CASCADE")
    answer_id: int = Field(
        foreign_key="answer.id", primary_key=True, ondelete="CASCADE", index=True
    )


class SlackCleanup(SQLModel, table=True):
    """A message the bot posted that still shows a text that was erased: to be edited in Slack.

    `kind` is "prompt" (ref_id: the prompt slot whose message quotes cases) or "weekspiegel"
    (ref_id: the digest delivery whose DM quotes answers). No text and no person is kept here.
    """

    __tablename__ = "slack_cleanup"
    __table_args__ = (UniqueConstraint("kind", "ref_id", name="uq_slack_cleanup_target"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    ref_id: int
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    last_error: str | None = Field(default=None, max_length=64)


class AuditEntry(SQLModel, table=True):
    """Who changed, exported, erased or purged what, and when: never the content."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=64)  # a Slack user id, "cli" or "planner"
    action: str = Field(max_length=32)
    team_id: int | None = Field(default=None, index=True)  # kept after the team is gone
    detail: str = Field(default="", max_length=200)


class ProcessedEvent(SQLModel, table=True):
    """Slack event ids already handled, so a retried event is stored once."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class SchedulerLease(SQLModel, table=True):
    """Who runs the scheduler: a lease renewed while alive, so two never run at once."""

    __tablename__ = "scheduler_lease"

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(max_length=128)
    expires_at: datetime = Field(sa_type=UTCDateTime)


# -- the signalenrapport (what the gemeente learns from its teams, chosen by the teams) --------

GEMEENTE_NOTE_LENGTH = 500


class TeamSharing(SQLModel, table=True):
    """A team whose teamleider chose to share its monthly aggregate figures with the gemeente.

    No row: nothing of the team's figures reaches the gemeente (the default). Who switched it
    on is in the audit log, not here.
    """

    __tablename__ = "team_sharing"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    since: datetime = Field(sa_type=UTCDateTime)


class GemeenteSignal(SQLModel, table=True):
    """A recurring knelpunt a teamleider sent to the gemeente: the team's figures and a note.

    The figures are those the teamleider saw when sending, already floored (None: too few).
    The sender's id is kept for their own data rights only; the rapport never shows it.
    """

    __tablename__ = "gemeente_signal"
    __table_args__ = (Index("ix_gemeente_signal_created", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True, ondelete="CASCADE")
    sender_id: str | None = Field(default=None, max_length=SLACK_ID_LENGTH, index=True)
    knelpunt_id: str = Field(max_length=64)
    note: str = Field(max_length=GEMEENTE_NOTE_LENGTH)
    weeks_raised: int  # in how many of the last eight weeks the knelpunt was raised
    mentions: int | None = None
    people: int | None = None
    cases: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RapportDelivery(SQLModel, table=True):
    """One monthly signalenrapport for one beleidsadviseur: sent at most once (like a digest)."""

    __tablename__ = "rapport_delivery"
    __table_args__ = (UniqueConstraint("month", "user_id", name="uq_rapport_delivery"),)

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7)  # "2026-11"
    user_id: str = Field(max_length=SLACK_ID_LENGTH, index=True)
    status: str = Field(default="sending", max_length=16)
    attempts: int = 1
    last_error: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
