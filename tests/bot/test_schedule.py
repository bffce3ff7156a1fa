"""When a team's prompt is due: day names, holidays, DST, grace after downtime."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import (
    Schedule,
    ScheduleError,
    add_working_days,
    due_occurrence,
    is_public_holiday,
    next_occurrence,
    parse_schedule,
    shifted_date,
)

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = Schedule(weekday=1, minute=9 * 60)


def at(text: str) -> datetime:
    """A local Amsterdam time as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=AMS).astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "weekday", "minute"),
    [
        ("dinsdag 09:00", 1, 540),
        ("di 9u", 1, 540),
        ("Woensdag 14:30", 2, 870),
        ("wo 9u30", 2, 570),
        ("vrijdag 8.15", 4, 495),
        ("ma 10 uur", 0, 600),
        ("zondag 0:05", 6, 5),
    ],
)
def test_dutch_schedules_are_understood(text: str, weekday: int, minute: int) -> None:
    schedule = parse_schedule(text)
    assert (schedule.weekday, schedule.minute) == (weekday, minute)


@pytest.mark.parametrize(
    "text", ["dinsdag", "tuesday 09:00", "dinsdag 25:00", "di 9:75", "di negen"]
)
def test_unclear_schedules_get_a_dutch_hint(text: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text)
    assert any(word in str(caught.value) for word in ("dag", "tijd", "bestaat"))


def test_schedule_reads_back_in_dutch() -> None:
    assert str(parse_schedule("di 9u")) == "dinsdag 09:00"


def test_due_from_the_minute_until_the_grace_period_ends() -> None:
    assert due_occurrence(TUESDAY_9, at("2026-11-24T08:59"), AMS) is None
    due = due_occurrence(TUESDAY_9, at("2026-11-24T09:00"), AMS)
    assert due is not None and due.slot_key == "2026-11-24"
    # the bot was down at 09:00 and came back at 14:59: still due, same slot
    late = due_occurrence(TUESDAY_9, at("2026-11-24T14:59"), AMS)
    assert late == due
    assert due_occurrence(TUESDAY_9, at("2026-11-24T15:00"), AMS) is None


def test_kings_day_on_tuesday_moves_the_prompt_to_wednesday() -> None:
    assert is_public_holiday(date(2027, 4, 27))  # Koningsdag 2027 is a Tuesday
    assert due_occurrence(TUESDAY_9, at("2027-04-27T10:00"), AMS) is None
    moved = due_occurrence(TUESDAY_9, at("2027-04-28T09:30"), AMS)
    assert moved is not None
    assert moved.slot_key == "2027-04-27"  # still the same weekly slot
    assert moved.slot_date == date(2027, 4, 28)


def test_a_team_can_choose_to_get_prompts_on_holidays() -> None:
    schedule = Schedule(weekday=1, minute=540, skip_holidays=False)
    due = due_occurrence(schedule, at("2027-04-27T09:00"), AMS)
    assert due is not None and due.slot_date == date(2027, 4, 27)


def test_christmas_and_boxing_day_skip_to_the_next_working_day() -> None:
    # 2025-12-25 (Thu) and 26 (Fri) are holidays: a Thursday prompt goes to Monday the 29th.
    assert shifted_date(date(2025, 12, 25), skip_holidays=True) == date(2025, 12, 29)


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [
        ("2026-03-24T09:00", 8),  # Tuesday before the spring change: CET, UTC+1
        ("2026-03-31T09:00", 7),  # Tuesday after: CEST, UTC+2
        ("2026-10-20T09:00", 7),  # before the autumn change: CEST
        ("2026-10-27T09:00", 8),  # after: CET
    ],
)
def test_nine_oclock_stays_nine_oclock_across_dst(local: str, utc_hour: int) -> None:
    due = due_occurrence(TUESDAY_9, at(local), AMS)
    assert due is not None
    assert due.due_at.astimezone(UTC).hour == utc_hour
    assert due.due_at.astimezone(AMS).hour == 9


@pytest.mark.parametrize("sunday", ["2026-03-29", "2026-10-25"])
def test_a_time_in_the_dst_gap_or_repeat_hour_yields_exactly_one_slot(sunday: str) -> None:
    # zondag 02:30 does not exist on the last Sunday of March and happens twice in October.
    schedule = Schedule(weekday=6, minute=2 * 60 + 30)
    start = datetime.fromisoformat(f"{sunday}T00:00").replace(tzinfo=AMS).astimezone(UTC)
    keys_when_due = set()
    for minute in range(0, 12 * 60):
        due = due_occurrence(schedule, start + timedelta(minutes=minute), AMS)
        if due is not None and due.nominal_date.isoformat() == sunday:
            keys_when_due.add((due.slot_key, due.due_at))
    assert len(keys_when_due) == 1


def test_next_occurrence_is_announced_with_the_holiday_shift() -> None:
    upcoming = next_occurrence(TUESDAY_9, at("2027-04-26T12:00"), AMS)
    assert upcoming.slot_date == date(2027, 4, 28)


def test_reminder_comes_two_working_days_later_skipping_the_weekend() -> None:
    friday = at("2026-11-27T09:00")
    assert add_working_days(friday, 2, AMS) == at("2026-12-01T09:00")
