"""Console login, sessions and lockout, independent of HTTP (the web layer only moves cookies).

- Passwords are checked with Argon2id (:mod:`sync_server.storage.users`); a hash made with older
  parameters is redone at the next successful login.
- After ``console_lockout_failures`` failures in a row for one (institution, user name), that login is
  locked for ``console_lockout_minutes``, whether the user exists or not (so the lock does not reveal
  which accounts exist) and even for the right password (so guessing cannot continue meanwhile).
- After ``console_address_failures`` failures from one client address within
  ``console_address_minutes``, whatever the user names, that address is refused until enough of them
  age out (password spraying: one password tried against many user names). See :func:`log_in`.
- A session is a random token in a cookie; the database keeps only its SHA-256, the user, a CSRF token
  and the expiry (``console_idle_minutes`` after the last request, 12 hours after login at most).
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from shared import errors
from shared.errors import TamboError
from sync_server.context import Server
from sync_server.storage.accounts import refresh_password_hash
from sync_server.storage.audit import AuditRecord
from sync_server.storage.console_sessions import (
    StoredSession,
    address_throttle,
    clear_failures,
    create_session,
    delete_session,
    extend_session,
    forgive_address_failures,
    get_session,
    purge_address_failures,
    purge_sessions,
    record_address_failure,
    record_failure,
    throttle_state,
)
from sync_server.storage.institutions import get_institution
from sync_server.storage.journal import record
from sync_server.storage.users import User, check_password

SESSION_MAX_AGE = timedelta(hours=12)
FORGET_FAILURES_AFTER = timedelta(hours=1)
#: refresh the stored expiry at most this often (not one write per page view)
TOUCH_EVERY = timedelta(minutes=1)
_PURGE_ONE_IN = 100
#: the bucket of callers whose address is not known (never the case behind gunicorn or waitress)
UNKNOWN_ADDRESS = "unknown"
LOG = logging.getLogger("tambo.server.console")


@dataclass(frozen=True, slots=True)
class Session:
    """A live session: the cookie ``token`` (only when just created) and what it grants."""

    id: str
    user: User
    csrf_token: str
    token: str | None = None


def session_id_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _locked_error(until: datetime, minutes: int, tz: str, now: datetime) -> TamboError:
    local = until.astimezone(ZoneInfo(tz))
    return TamboError(
        errors.CONSOLE_LOCKED,
        params={"minutes": minutes, "until": f"{local:%H:%M}"},
        details={"retry_after": _seconds_until(until, now)},
    )


def _address_error(until: datetime, now: datetime, tz: str) -> TamboError:
    """CONSOLE_ADDRESS_THROTTLED, the same whatever user name was tried (it names no user)."""
    whole_minute = until.replace(second=0, microsecond=0)
    if whole_minute < until:
        whole_minute += timedelta(minutes=1)  # "a partir de las 10:16" must not be refused at 10:15:59
    local = whole_minute.astimezone(ZoneInfo(tz))
    return TamboError(
        errors.CONSOLE_ADDRESS_THROTTLED,
        params={"until": f"{local:%H:%M}"},
        details={"retry_after": _seconds_until(until, now)},
    )


def _seconds_until(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds()))


def client_address(address: str | None) -> str:
    """The key a client address is throttled by: an IPv4 address as it is; an IPv6 address by its /64,
    since one subscriber (or one cloud machine) gets a whole /64 and could otherwise take a fresh
    address for every attempt; an IPv4-mapped IPv6 address as its IPv4 address."""
    if not address:
        return UNKNOWN_ADDRESS
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def log_in(
    server: Server,
    institution_id: str,
    login: str,
    password: str,
    *,
    address: str | None = None,
    now: datetime | None = None,
) -> Session:
    """A new session for the right password; CONSOLE_LOGIN_FAILED, CONSOLE_LOCKED (this user name) or
    CONSOLE_ADDRESS_THROTTLED (this client ``address``, see :func:`client_address`) otherwise.

    Two throttles, both counting unknown user names like real ones so that neither tells an attacker
    which accounts exist:

    - per (institution, user name): ``console_lockout_failures`` in a row lock that login for
      ``console_lockout_minutes``, even for the right password; a success clears the count. This stops
      guessing one account's password, from however many addresses.
    - per client address: ``console_address_failures`` within ``console_address_minutes`` (a sliding
      window), whatever the user names, refuse that address, again even for the right password and
      before any password is checked (no Argon2 work is spent on it), until enough failures age out.
      This stops password spraying (one password against many user names), which never trips the
      first. Attempts refused by either throttle are not counted again.

    What a success forgives, following OWASP's authentication guidance (a success must not reset a
    counter that an attacker could reset by logging into an account of their own between guesses):
    it clears that login's own count, and from the address it came from only the failures against
    that same login (the official's own typos before getting it right, which would otherwise eat into
    the budget of everyone behind the same office router). The failures from that address against
    other user names stay, so an insider with a valid account cannot spray, log in to wipe the slate,
    and spray again; and other addresses' counts are never touched.
    """
    now = now or datetime.now(UTC)
    settings = server.settings
    institution_id = institution_id.strip().lower()[:64]
    login = login.strip()[:100]
    client = client_address(address)
    window = timedelta(minutes=settings.console_address_minutes)
    with server.db.read() as conn:
        institution = get_institution(conn, institution_id)
        tz = institution.business_calendar().tz if institution else "America/Lima"
        by_address = address_throttle(
            conn, client, now=now, window=window, max_failures=settings.console_address_failures
        )
        if by_address.refused_until is not None:
            raise _address_error(by_address.refused_until, now, tz)
        throttle = throttle_state(conn, institution_id, login)
        if throttle.locked_until is not None and throttle.locked_until > now:
            raise _locked_error(throttle.locked_until, settings.console_lockout_minutes, tz, now)
        user = check_password(conn, institution_id, login, password)
    if user is None:
        with server.db.write() as conn:
            throttle = record_failure(
                conn,
                institution_id,
                login,
                now=now,
                max_failures=settings.console_lockout_failures,
                lock_for=timedelta(minutes=settings.console_lockout_minutes),
                forget_after=FORGET_FAILURES_AFTER,
            )
            record_address_failure(conn, client, institution_id, login, now=now, window=window)
            by_address = address_throttle(
                conn, client, now=now, window=window, max_failures=settings.console_address_failures
            )
            if secrets.randbelow(_PURGE_ONE_IN) == 0:
                purge_address_failures(conn, now - window)
            if institution is not None:
                record(
                    conn,
                    institution_id,
                    audit=[AuditRecord(f"user:{login}", "console.login_failed", login, {})],
                    at=now,
                )
        if throttle.locked_until is not None:
            raise _locked_error(throttle.locked_until, settings.console_lockout_minutes, tz, now)
        if by_address.refused_until is not None:
            LOG.warning(
                "console logins from %s refused until %s: %d failed logins within %d minutes",
                client,
                by_address.refused_until.isoformat(),
                by_address.failures,
                settings.console_address_minutes,
            )
            raise _address_error(by_address.refused_until, now, tz)
        raise TamboError(errors.CONSOLE_LOGIN_FAILED)
    token = secrets.token_urlsafe(32)
    session = Session(session_id_of(token), user, secrets.token_urlsafe(32), token)
    with server.db.write() as conn:
        clear_failures(conn, institution_id, login)
        forgive_address_failures(conn, client, institution_id, login)
        refresh_password_hash(conn, user.id, password)
        create_session(
            conn,
            session.id,
            user,
            csrf_token=session.csrf_token,
            now=now,
            expires_at=now + _idle(server),
        )
        record(conn, institution_id, audit=[AuditRecord(actor_of(user), "console.login", login, {})], at=now)
        if secrets.randbelow(_PURGE_ONE_IN) == 0:
            purge_sessions(conn, now)
    return session


def _idle(server: Server) -> timedelta:
    return timedelta(minutes=server.settings.console_idle_minutes)


def resume(server: Server, token: str | None, *, now: datetime | None = None) -> Session | None:
    """The session a cookie names, extended by the idle time; None when it is gone or expired."""
    if not token or len(token) > 200:
        return None
    now = now or datetime.now(UTC)
    session_id = session_id_of(token)
    with server.db.read() as conn:
        stored: StoredSession | None = get_session(conn, session_id, now)
    if stored is None:
        return None
    expires_at = min(now + _idle(server), stored.created_at + SESSION_MAX_AGE)
    if expires_at <= now:
        return None
    if expires_at - stored.expires_at >= TOUCH_EVERY:
        with server.db.write() as conn:
            extend_session(conn, session_id, now=now, expires_at=expires_at)
    return Session(session_id, stored.user, stored.csrf_token)


def log_out(server: Server, session: Session, *, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    with server.db.write() as conn:
        delete_session(conn, session.id)
        record(
            conn,
            session.user.institution_id,
            audit=[AuditRecord(actor_of(session.user), "console.logout", session.user.login, {})],
            at=now,
        )


def actor_of(user: User) -> str:
    """How a console user is named in the route and the audit log."""
    return f"user:{user.login}"


def csrf_ok(session: Session, sent: str | None) -> bool:
    return bool(sent) and secrets.compare_digest(session.csrf_token, sent or "")
