"""Time in the store: stored in UTC, shown in Vietnam time (UTC+7, no daylight saving)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

__all__ = ["VIETNAM", "utc_now", "to_vietnam"]

VIETNAM = timezone(timedelta(hours=7), "UTC+7")


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def to_vietnam(moment: datetime) -> datetime:
    """A UTC (or naive UTC) time as Vietnam local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM)
