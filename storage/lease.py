"""A database lease: at most one scheduler runs against one database."""

from __future__ import annotations

from datetime import datetime, timedelta

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


def lease_holder(*, session: Session, name: str, now: datetime) -> str | None:
    """Who holds the unexpired lease now, or None."""
    lease = session.get(SchedulerLease, name)
    if lease is None:
        return None
    return lease.holder if _expires_at(lease, now) > now else None


def lease_ran_out_at(*, session: Session, name: str, now: datetime) -> datetime | None:
    """When the lease ran out, if its row is left and nobody renews it (a holder that died);
    None when it is held or there is no row (given back, or never taken)."""
    lease = session.get(SchedulerLease, name)
    if lease is None:
        return None
    expires_at = _expires_at(lease, now)
    return expires_at if expires_at <= now else None


def _expires_at(lease: SchedulerLease, now: datetime) -> datetime:
    expires_at = lease.expires_at
    if expires_at.tzinfo is None:  # SQLite gives naive UTC back
        expires_at = expires_at.replace(tzinfo=now.tzinfo)
    return expires_at
