"""Console login sessions and the failed-login throttles (per user name and per client address), in the
database so that every worker behind a load balancer sees the same sessions, a logout ends a session
everywhere, and a lockout holds however many workers an attacker's requests are spread over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select, update

from sync_server.storage.console_schema import console_sessions, login_address_failures, login_throttle
from sync_server.storage.schema import users
from sync_server.storage.upsert import insert_ignoring_conflicts
from sync_server.storage.users import User


@dataclass(frozen=True, slots=True)
class StoredSession:
    id: str
    user: User
    csrf_token: str
    created_at: datetime
    expires_at: datetime


def create_session(
    conn: Connection, session_id: str, user: User, *, csrf_token: str, now: datetime, expires_at: datetime
) -> None:
    conn.execute(
        insert(console_sessions).values(
            id=session_id,
            user_id=user.id,
            institution_id=user.institution_id,
            csrf_token=csrf_token,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )


def get_session(conn: Connection, session_id: str, now: datetime) -> StoredSession | None:
    """The live session with this id and its (active) user; None when unknown, expired or disabled."""
    row = conn.execute(
        select(console_sessions, users)
        .join(users, users.c.id == console_sessions.c.user_id)
        .where(console_sessions.c.id == session_id)
    ).first()
    if row is None or row.expires_at <= now or not row.active:
        return None
    user = User(row.user_id, row.institution_id, row.login, row.role, tuple(row.units or ()), row.active)
    return StoredSession(row.id, user, row.csrf_token, row.created_at, row.expires_at)


def extend_session(conn: Connection, session_id: str, *, now: datetime, expires_at: datetime) -> None:
    conn.execute(
        update(console_sessions)
        .where(console_sessions.c.id == session_id)
        .values(last_seen_at=now, expires_at=expires_at)
    )


def delete_session(conn: Connection, session_id: str) -> None:
    conn.execute(delete(console_sessions).where(console_sessions.c.id == session_id))


def count_sessions(conn: Connection, user_id: int, now: datetime) -> int:
    """How many live sessions ``user_id`` has (what an operator's password reset ends)."""
    return conn.execute(
        select(func.count())
        .select_from(console_sessions)
        .where(console_sessions.c.user_id == user_id, console_sessions.c.expires_at > now)
    ).scalar_one()


def purge_sessions(conn: Connection, now: datetime) -> int:
    return conn.execute(delete(console_sessions).where(console_sessions.c.expires_at <= now)).rowcount


@dataclass(frozen=True, slots=True)
class Throttle:
    failures: int
    locked_until: datetime | None


def throttle_state(conn: Connection, institution_id: str, login: str) -> Throttle:
    row = conn.execute(
        select(login_throttle).where(
            login_throttle.c.institution_id == institution_id, login_throttle.c.login == login
        )
    ).first()
    return Throttle(row.failures, row.locked_until) if row else Throttle(0, None)


def throttles_of(conn: Connection, institution_id: str) -> dict[str, Throttle]:
    """The failure counts of an institution's logins that have any (existing user names or not)."""
    rows = conn.execute(select(login_throttle).where(login_throttle.c.institution_id == institution_id))
    return {row.login: Throttle(row.failures, row.locked_until) for row in rows}


def record_failure(
    conn: Connection,
    institution_id: str,
    login: str,
    *,
    now: datetime,
    max_failures: int,
    lock_for: timedelta,
    forget_after: timedelta,
) -> Throttle:
    """Count one failed login; the ``max_failures``-th within ``forget_after`` locks for ``lock_for``.

    The counter restarts after a lock has run out or when the last failure is older than
    ``forget_after``, so a typo a week ago does not bring a user closer to a lockout today.
    """
    conn.execute(
        insert_ignoring_conflicts(conn, login_throttle).values(
            institution_id=institution_id, login=login, failures=0, last_failure_at=now
        )
    )
    key = (login_throttle.c.institution_id == institution_id) & (login_throttle.c.login == login)
    row = conn.execute(select(login_throttle).where(key)).one()
    stale = row.last_failure_at < now - forget_after or (
        row.locked_until is not None and row.locked_until <= now
    )
    failures = 1 if stale else row.failures + 1
    locked_until = now + lock_for if failures >= max_failures else None
    conn.execute(
        update(login_throttle)
        .where(key)
        .values(failures=failures, last_failure_at=now, locked_until=locked_until)
    )
    return Throttle(failures, locked_until)


def clear_failures(conn: Connection, institution_id: str, login: str) -> None:
    conn.execute(
        delete(login_throttle).where(
            login_throttle.c.institution_id == institution_id, login_throttle.c.login == login
        )
    )


@dataclass(frozen=True, slots=True)
class AddressThrottle:
    """The failures counted against one client address; ``refused_until`` is set when they reach the
    limit, and is the moment enough of them age out of the window for the next attempt to be heard."""

    failures: int
    refused_until: datetime | None


def address_throttle(
    conn: Connection, address: str, *, now: datetime, window: timedelta, max_failures: int
) -> AddressThrottle:
    """The failed logins from ``address`` within ``window`` before ``now`` (a sliding window).

    Each (institution, login) row ages out whole ``window`` after its last failure; while the rows still
    inside the window add up to ``max_failures`` or more, the address is refused.
    """
    table = login_address_failures
    rows = conn.execute(
        select(table.c.failures, table.c.last_failure_at)
        .where(table.c.address == address, table.c.last_failure_at > now - window)
        .order_by(table.c.last_failure_at)
    ).all()
    total = sum(row.failures for row in rows)
    if total < max_failures:
        return AddressThrottle(total, None)
    to_age_out = total - max_failures + 1
    for row in rows:
        to_age_out -= row.failures
        if to_age_out <= 0:
            return AddressThrottle(total, row.last_failure_at + window)
    raise AssertionError("unreachable: the rows add up to the total")


def record_address_failure(
    conn: Connection, address: str, institution_id: str, login: str, *, now: datetime, window: timedelta
) -> None:
    """Count one failed login from ``address`` against (institution, login), existing or not.

    This address's rows older than ``window`` are forgotten first, so a row that comes back starts
    again from one. The increment is a single UPDATE, so concurrent workers never lose a failure.
    """
    table = login_address_failures
    conn.execute(delete(table).where(table.c.address == address, table.c.last_failure_at <= now - window))
    conn.execute(
        insert_ignoring_conflicts(conn, table).values(
            address=address, institution_id=institution_id, login=login, failures=0, last_failure_at=now
        )
    )
    conn.execute(
        update(table)
        .where(table.c.address == address, table.c.institution_id == institution_id, table.c.login == login)
        .values(failures=table.c.failures + 1, last_failure_at=now)
    )


def forgive_address_failures(conn: Connection, address: str, institution_id: str, login: str) -> None:
    """After a successful login: forget the failures from ``address`` against this login only.

    The failures from the same address against other user names stay, and so do those of every other
    address: see :func:`sync_server.ops.console_auth.log_in` for why.
    """
    table = login_address_failures
    conn.execute(
        delete(table).where(
            table.c.address == address, table.c.institution_id == institution_id, table.c.login == login
        )
    )


def clear_address_failures(conn: Connection, address: str) -> dict[str, int]:
    """Forget every failure counted against ``address`` (an operator lifting its throttle): how many
    were forgotten per institution that was tried from it."""
    table = login_address_failures
    rows = conn.execute(select(table.c.institution_id, table.c.failures).where(table.c.address == address))
    cleared: dict[str, int] = {}
    for row in rows:
        cleared[row.institution_id] = cleared.get(row.institution_id, 0) + row.failures
    conn.execute(delete(table).where(table.c.address == address))
    return cleared


def purge_address_failures(conn: Connection, before: datetime) -> int:
    """Forget every address's failures older than ``before`` (those of addresses that never came back)."""
    table = login_address_failures
    return conn.execute(delete(table).where(table.c.last_failure_at <= before)).rowcount
