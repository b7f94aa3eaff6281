"""Console accounts beyond creation (:mod:`sync_server.storage.users`): listing, role and unit changes,
deactivation, password changes, the institutions a coordinator looks after.

Users are never deleted: the route of every case names who did what, so an account that leaves is
deactivated (it can no longer log in, and its sessions end) and keeps its name in the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from shared import errors
from shared.errors import TamboError
from sync_server.storage.audit import AuditRecord
from sync_server.storage.console_schema import console_sessions, user_institutions
from sync_server.storage.journal import record
from sync_server.storage.schema import users
from sync_server.storage.upsert import insert_ignoring_conflicts
from sync_server.storage.users import ROLES, User, get_user, hash_password, password_hash_outdated

MIN_PASSWORD_LENGTH = 10


def _user(row: object) -> User:
    return User(row.id, row.institution_id, row.login, row.role, tuple(row.units or ()), row.active)  # type: ignore[attr-defined]


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TamboError(errors.USER_PASSWORD_TOO_SHORT, params={"min": MIN_PASSWORD_LENGTH})


def user_by_id(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def list_users(conn: Connection, institution_id: str) -> list[User]:
    rows = conn.execute(select(users).where(users.c.institution_id == institution_id).order_by(users.c.login))
    return [_user(row) for row in rows]


def logins_by_id(conn: Connection, user_ids: Sequence[int]) -> dict[int, str]:
    """Login names for a page of cases (assignees), in one query."""
    wanted = sorted({i for i in user_ids if i is not None})
    if not wanted:
        return {}
    rows = conn.execute(select(users.c.id, users.c.login).where(users.c.id.in_(wanted)))
    return {row.id: row.login for row in rows}


def officials_of_unit(conn: Connection, institution_id: str, unit_code: str) -> list[User]:
    """Active officials who serve ``unit_code`` (whom a case of that unit may be assigned to)."""
    return [
        user
        for user in list_users(conn, institution_id)
        if user.active and user.role == "official" and unit_code in user.units
    ]


def _require(conn: Connection, institution_id: str, login: str) -> User:
    found = get_user(conn, institution_id, login)
    if found is None:
        raise TamboError(errors.USER_NOT_FOUND, params={"login": login})
    return found


def update_user(
    conn: Connection,
    institution_id: str,
    login: str,
    *,
    role: str,
    units: Sequence[str],
    active: bool,
    actor: str,
    now: datetime,
) -> User:
    """Change a user's role, units and whether it may log in (a deactivated user is logged out)."""
    if role not in ROLES:
        raise TamboError(errors.USER_ROLE_INVALID, params={"role": role, "roles": ", ".join(ROLES)})
    before = _require(conn, institution_id, login)
    conn.execute(
        update(users).where(users.c.id == before.id).values(role=role, units=list(units), active=active)
    )
    if not active or role != before.role:
        end_sessions(conn, before.id)
    record(
        conn,
        institution_id,
        audit=[
            AuditRecord(actor, "user.update", login, {"role": role, "units": list(units), "active": active})
        ],
        at=now,
    )
    return User(before.id, institution_id, login, role, tuple(units), active)


def set_password(
    conn: Connection, institution_id: str, login: str, password: str, *, actor: str, now: datetime
) -> None:
    """A new password (an administrator's reset or the user's own change); other sessions end."""
    check_new_password(password)
    user = _require(conn, institution_id, login)
    conn.execute(update(users).where(users.c.id == user.id).values(password_hash=hash_password(password)))
    end_sessions(conn, user.id)
    record(conn, institution_id, audit=[AuditRecord(actor, "user.password", login, {})], at=now)


def refresh_password_hash(conn: Connection, user_id: int, password: str) -> bool:
    """Re-hash a just verified password when the stored hash used older parameters."""
    stored = conn.execute(select(users.c.password_hash).where(users.c.id == user_id)).scalar_one()
    if not password_hash_outdated(stored):
        return False
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=hash_password(password)))
    return True


def end_sessions(conn: Connection, user_id: int) -> None:
    conn.execute(delete(console_sessions).where(console_sessions.c.user_id == user_id))


def coordinated_institutions(conn: Connection, user: User) -> list[str]:
    """The institutions whose devices a coordinator looks after: their own first, then the others."""
    rows = conn.execute(
        select(user_institutions.c.institution_id)
        .where(user_institutions.c.user_id == user.id)
        .order_by(user_institutions.c.institution_id)
    )
    others = [row.institution_id for row in rows if row.institution_id != user.institution_id]
    return [user.institution_id, *others]


def external_coordinators(conn: Connection, institution_id: str) -> list[User]:
    """Coordinators of other institutions whom this institution lets see its devices."""
    rows = conn.execute(
        select(users)
        .join(user_institutions, user_institutions.c.user_id == users.c.id)
        .where(user_institutions.c.institution_id == institution_id)
        .order_by(users.c.institution_id, users.c.login)
    )
    return [_user(row) for row in rows]


def grant_devices(
    conn: Connection, institution_id: str, coordinator: User, *, actor: str, now: datetime
) -> None:
    """Let a coordinator of another institution see and manage this institution's devices. Only this
    institution's admin grants it: no institution can reach into another's."""
    if coordinator.role != "coordinator":
        raise TamboError(errors.USER_ROLE_INVALID, params={"role": coordinator.role, "roles": "coordinator"})
    conn.execute(
        insert_ignoring_conflicts(conn, user_institutions).values(
            user_id=coordinator.id, institution_id=institution_id
        )
    )
    record(
        conn,
        institution_id,
        audit=[AuditRecord(actor, "devices.grant", f"{coordinator.institution_id}/{coordinator.login}", {})],
        at=now,
    )


def revoke_devices(conn: Connection, institution_id: str, user_id: int, *, actor: str, now: datetime) -> None:
    conn.execute(
        delete(user_institutions).where(
            user_institutions.c.institution_id == institution_id, user_institutions.c.user_id == user_id
        )
    )
    record(conn, institution_id, audit=[AuditRecord(actor, "devices.revoke_grant", str(user_id), {})], at=now)
