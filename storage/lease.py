"""A database lease: at most one scheduler runs against one database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from storage.models import SchedulerLease


def acquire_lease(
    *, session: Session, name: str, holder: str, now: datetime, ttl: timedelta
) -> bool:
    """Take or renew the lease; False while someone else holds an unexpired one."""
    result = session.execute(
        update(SchedulerLease)
        .where(col(SchedulerLease.name) == name)
        .where((col(SchedulerLease.holder) == holder) | (col(SchedulerLease.expires_at) < now))
        .values(holder=holder, expires_at=now + ttl)
    )
    if getattr(result, "rowcount", 0) == 1:
        return True
    if session.get(SchedulerLease, name) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(SchedulerLease(name=name, holder=holder, expires_at=now + ttl))
    except IntegrityError:
        return False
    return True


def release_lease(*, session: Session, name: str, holder: str) -> None:
    """Give the lease up (only if we hold it)."""
    session.execute(
        delete(SchedulerLease)
        .where(col(SchedulerLease.name) == name)
        .where(col(SchedulerLease.holder) == holder)
    )


class LeaseState(NamedTuple):
    """Who holds the unexpired lease now (or None), and when a lease nobody renews ran out:
    its row is left behind by a holder that died (None when held, given back or never taken)."""

    holder: str | None
    ran_out_at: datetime | None


def lease_state(*, session: Session, name: str, now: datetime) -> LeaseState:
    """The lease as it stands at `now`."""
    lease = session.get(SchedulerLease, name)
    if lease is None:
        return LeaseState(None, None)
    expires_at = _expires_at(lease, now)
    if expires_at > now:
        return LeaseState(lease.holder, None)
    return LeaseState(None, expires_at)


def _expires_at(lease: SchedulerLease, now: datetime) -> datetime:
    expires_at = lease.expires_at
    if expires_at.tzinfo is None:  # SQLite gives naive UTC back
        expires_at = expires_at.replace(tzinfo=now.tzinfo)
    return expires_at
