"""Local accounts: roles, argon2 password hashes, failed-login slow-down and lockout, idle expiry.

Many government networks have no identity provider, so accounts live in the
store. Passwords are hashed with argon2id (argon2-cffi) and never logged or
stored in clear. After :data:`SLOWDOWN_AFTER` failures each further attempt
waits longer; after :data:`LOCK_AFTER` failures the account is locked for
:data:`LOCK_FOR`. The role is checked by :func:`require_role`, which every
write function of the store calls, so no path lets a viewer write.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from geo.store.clock import utc_now
from geo.store.engine import Store
from geo.store.errors import LoginError, PermissionDeniedError, StoreInputError, vietnam_time
from geo.store.models import ROLES, User

__all__ = [
    "ROLES",
    "LOCK_AFTER",
    "LOCK_FOR",
    "SLOWDOWN_AFTER",
    "SESSION_IDLE_LIMIT",
    "add_user",
    "authenticate",
    "require_role",
    "list_users",
    "session_expired",
]

SLOWDOWN_AFTER = 3
SLOWDOWN_STEP_S = 0.5
SLOWDOWN_MAX_S = 4.0
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
SESSION_IDLE_LIMIT = timedelta(minutes=30)
MIN_PASSWORD_LENGTH = 8

_HASHER = PasswordHasher()
_RANK = {role: rank for rank, role in enumerate(ROLES)}


def require_role(session: Session, user_name: str, role: str) -> User:
    """The account ``user_name`` if its role is at least ``role``; else :class:`PermissionDeniedError`."""
    user = session.scalars(select(User).where(User.name == user_name)).first()
    if user is None:
        raise PermissionDeniedError(f"There is no account named '{user_name}'; an admin adds it with 'geo users add'.")
    if _RANK[user.role] < _RANK[role]:
        raise PermissionDeniedError(f"{user_name} is a {user.role}; this change needs the {role} role.")
    return user


def _check_name(name: str) -> str:
    import re

    name = name.strip()
    # Names appear in history and on pages: plain characters only, so they never carry markup.
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._@-]{1,79}", name):
        raise StoreInputError(f"'{name}' is not an account name (2 to 80 letters, digits or . _ @ -).")
    return name


def add_user(store: Store, name: str, *, role: str, password: str, by: str | None) -> None:
    """Create an account.

    ``by`` is the admin who adds it. ``None`` means the operator of the
    machine through the command line: whoever can run it can already open the
    store's file or database, so the command line is trusted to create the
    first admin (and further accounts) without a login.
    """
    name = _check_name(name)
    if role not in ROLES:
        raise StoreInputError(f"'{role}' is not a role; choose viewer, editor or admin.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreInputError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    with store.transaction() as session:
        if by is not None:
            require_role(session, by, "admin")
        if session.scalars(select(User).where(User.name == name)).first() is not None:
            raise StoreInputError(f"An account named '{name}' already exists.")
        session.add(
            User(name=name, role=role, password_hash=_HASHER.hash(password), failed_logins=0, created_at=utc_now())
        )


def list_users(store: Store) -> list[dict[str, object]]:
    """Name, role and lock state of every account (no hashes)."""
    with store.reading() as session:
        rows = session.scalars(select(User).order_by(User.name)).all()
        return [{"name": u.name, "role": u.role, "locked_until": u.locked_until} for u in rows]


def _delay(failures: int) -> float:
    if failures < SLOWDOWN_AFTER:
        return 0.0
    return float(min(SLOWDOWN_STEP_S * 2 ** (failures - SLOWDOWN_AFTER), SLOWDOWN_MAX_S))


def authenticate(store: Store, name: str, password: str, *, now: datetime | None = None, sleep: bool = True) -> str:
    """The account's role if ``password`` is right; else :class:`LoginError` (one sentence).

    The message never says whether the name or the password was wrong.
    """
    moment = now or utc_now()
    with store.transaction() as session:
        user = session.scalars(select(User).where(User.name == name.strip())).first()
        if user is not None and user.locked_until is not None and user.locked_until > moment:
            raise LoginError(
                f"This account is locked after repeated failed logins until {vietnam_time(user.locked_until)}."
            )
        ok = False
        if user is not None and user.password_hash:
            try:
                ok = _HASHER.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
        if ok and user is not None:
            user.failed_logins = 0
            user.locked_until = None
            if _HASHER.check_needs_rehash(user.password_hash or ""):
                user.password_hash = _HASHER.hash(password)
            return user.role
        failures = 0
        if user is not None:
            user.failed_logins = (user.failed_logins or 0) + 1
            failures = user.failed_logins
            if failures >= LOCK_AFTER:
                user.locked_until = moment + LOCK_FOR
                user.failed_logins = 0
    if sleep:
        time.sleep(_delay(failures))
    raise LoginError("The name or the password is wrong.")


def session_expired(
    last_activity: datetime | None, *, now: datetime | None = None, idle_limit: timedelta = SESSION_IDLE_LIMIT
) -> bool:
    """Whether a login whose last activity was ``last_activity`` (UTC) has expired."""
    if last_activity is None:
        return True
    return (now or utc_now()) - last_activity > idle_limit
