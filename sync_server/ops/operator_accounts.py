"""What an operator does for console users from the command line (``tambo-server user ...``) when the
console cannot help: the only admin forgot their password or is locked out, or a whole office behind one
router is refused by the per-address login throttle.

No console user is involved: the caller names the operator as ``actor`` and every change goes to the
audit chain of the institution it concerns. The throttles themselves are in
:mod:`sync_server.ops.console_auth`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection

from shared import errors
from shared.errors import TamboError
from sync_server.context import Server
from sync_server.ops.console_auth import client_address
from sync_server.storage.accounts import check_new_password, list_users, set_password
from sync_server.storage.audit import AuditRecord
from sync_server.storage.console_sessions import (
    Throttle,
    address_throttle,
    clear_address_failures,
    clear_failures,
    count_sessions,
    throttle_state,
    throttles_of,
)
from sync_server.storage.institutions import get_institution, require_institution
from sync_server.storage.journal import record
from sync_server.storage.users import User, get_user


@dataclass(frozen=True, slots=True)
class LoginUnlock:
    """A login's failure count that was cleared; ``locked_until`` when it was locked at the time."""

    user: User
    failures: int
    locked_until: datetime | None


@dataclass(frozen=True, slots=True)
class AddressUnlock:
    """The throttle key of an address (an IPv6 address's /64), its failures within the window and
    when it would have been heard again (None when it was not refused), before they were forgotten."""

    key: str
    failures: int
    refused_until: datetime | None


@dataclass(frozen=True, slots=True)
class PasswordReset:
    user: User
    sessions_ended: int
    unlock: LoginUnlock


@dataclass(frozen=True, slots=True)
class Account:
    user: User
    locked_until: datetime | None


def _require_user(conn: Connection, institution_id: str, login: str) -> User:
    require_institution(conn, institution_id)
    found = get_user(conn, institution_id, login)
    if found is None:
        raise TamboError(errors.USER_NOT_FOUND, params={"login": login})
    return found


def _locked_until(throttle: Throttle, now: datetime) -> datetime | None:
    return (
        throttle.locked_until if throttle.locked_until is not None and throttle.locked_until > now else None
    )


def _clear_login(conn: Connection, user: User, *, now: datetime) -> LoginUnlock:
    """Clear the user's failure count (audited by :func:`_audit_unlock`, after the other writes)."""
    before = throttle_state(conn, user.institution_id, user.login)
    clear_failures(conn, user.institution_id, user.login)
    return LoginUnlock(user, before.failures, _locked_until(before, now))


def _audit_unlock(conn: Connection, done: LoginUnlock, *, actor: str, now: datetime) -> None:
    if done.failures:
        details = {"failures": done.failures, "was_locked": done.locked_until is not None}
        audit = [AuditRecord(actor, "console.unlock", done.user.login, details)]
        record(conn, done.user.institution_id, audit=audit, at=now)


def unlock_login(
    server: Server, institution_id: str, login: str, *, actor: str, now: datetime | None = None
) -> LoginUnlock:
    """Lift a user's login lockout: their count of failed logins starts again from zero."""
    now = now or datetime.now(UTC)
    with server.db.write() as conn:
        user = _require_user(conn, institution_id, login)
        done = _clear_login(conn, user, now=now)
        _audit_unlock(conn, done, actor=actor, now=now)
    return done


def address_key(text: str) -> str:
    """The throttle's key for an address typed by an operator: an IPv4 or IPv6 address (grouped as the
    throttle groups it, :func:`client_address`), or the key itself as the server's warning prints it
    (``2001:db8:1:2::/64``)."""
    text = text.strip()
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
        return client_address(text)
    except ValueError:
        pass
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        network = None
    if network is not None:
        key = client_address(str(network.network_address))
        if network.num_addresses == 1 or key == str(network):
            return key
    raise TamboError(
        errors.CONSOLE_INPUT,
        params={"field": "--address", "problem": "no es una dirección IPv4 o IPv6 (ni un /64 de IPv6)"},
    )


def unlock_address(server: Server, address: str, *, actor: str, now: datetime | None = None) -> AddressUnlock:
    """Forget the failed logins counted against a client address, so it is heard again at once."""
    now = now or datetime.now(UTC)
    key = address_key(address)
    settings = server.settings
    with server.db.write() as conn:
        state = address_throttle(
            conn,
            key,
            now=now,
            window=timedelta(minutes=settings.console_address_minutes),
            max_failures=settings.console_address_failures,
        )
        cleared = clear_address_failures(conn, key)
        # in the chain of each institution tried from there (failures against unknown ones are counted too)
        for institution_id in sorted(cleared):
            if get_institution(conn, institution_id) is not None:
                details = {"failures": cleared[institution_id]}
                audit = [AuditRecord(actor, "console.address_unlock", key, details)]
                record(conn, institution_id, audit=audit, at=now)
    return AddressUnlock(key, state.failures, state.refused_until)


def reset_password(
    server: Server, institution_id: str, login: str, password: str, *, actor: str, now: datetime | None = None
) -> PasswordReset:
    """A new password (same rules and hash as ``user add``); the user's sessions end and their lockout
    is lifted."""
    check_new_password(password)
    now = now or datetime.now(UTC)
    with server.db.write() as conn:
        user = _require_user(conn, institution_id, login)
        sessions = count_sessions(conn, user.id, now)
        done = _clear_login(conn, user, now=now)
        set_password(conn, institution_id, login, password, actor=actor, now=now)  # ends the sessions
        _audit_unlock(conn, done, actor=actor, now=now)
    return PasswordReset(user, sessions, done)


def accounts_with_locks(server: Server, institution_id: str, *, now: datetime | None = None) -> list[Account]:
    """The institution's users, each with the end of its login lockout when it is locked now."""
    now = now or datetime.now(UTC)
    with server.db.read() as conn:
        require_institution(conn, institution_id)
        throttles = throttles_of(conn, institution_id)
        users = list_users(conn, institution_id)
    none = Throttle(0, None)
    return [Account(user, _locked_until(throttles.get(user.login, none), now)) for user in users]
