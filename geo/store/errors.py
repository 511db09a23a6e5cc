"""The store's error classes; each names its command-line exit status.

``python -m geo`` exits with ``error.exit_status``: 2 for bad input, 3 for a
version conflict, 4 for a missing permission.
"""

from __future__ import annotations

from datetime import datetime

from geo.errors import InvalidInputError, PlanningAtlasError

__all__ = ["StoreError", "StoreInputError", "ConflictError", "PermissionDeniedError", "LoginError", "vietnam_time"]


def vietnam_time(moment: datetime) -> str:
    """``moment`` (UTC) as Vietnam time (UTC+7, no daylight saving), e.g. ``2026-12-02 21:47 (UTC+7)``."""
    from geo.store.clock import to_vietnam

    return to_vietnam(moment).strftime("%Y-%m-%d %H:%M (UTC+7)")


class StoreError(PlanningAtlasError):
    """Base class of the store's errors."""

    exit_status = 2


class StoreInputError(StoreError, InvalidInputError):
    """A value, file or geometry the store refuses."""

    exit_status = 2


class ConflictError(StoreError):
    """A save against a version that someone else has changed since."""

    exit_status = 3

    def __init__(self, record: str, *, expected: int | None, current: int, by: str, at: datetime) -> None:
        self.record, self.expected, self.current, self.by, self.at = record, expected, current, by, at
        started = f"version {expected}" if expected is not None else "an older version"
        super().__init__(
            f"{record} was changed by {by} at {vietnam_time(at)} (now version {current}); "
            f"your edit started from {started}, so it was not saved."
        )


class PermissionDeniedError(StoreError):
    """The user lacks the role a write needs, or does not exist."""

    exit_status = 4


class LoginError(StoreError):
    """Wrong name or password, or an account locked after repeated failures."""

    exit_status = 4
