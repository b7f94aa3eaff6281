"""Console users: a minimal table the officials' console extends (login, Argon2id hash, role, units)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, insert, select

from shared import errors
from shared.errors import TamboError
from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import record
from sync_server.storage.schema import users

ROLES = ("admin", "official", "coordinator", "auditor")
_HASHER = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    id: int
    institution_id: str
    login: str
    role: str
    units: tuple[str, ...]
    active: bool


def _from_row(row: Any) -> User:
    return User(row.id, row.institution_id, row.login, row.role, tuple(row.units or ()), row.active)


def add_user(
    conn: Connection,
    institution_id: str,
    login: str,
    password: str,
    *,
    role: str,
    units: Sequence[str] = (),
    actor: str,
    now: datetime,
) -> User:
    if role not in ROLES:
        raise TamboError(errors.USER_ROLE_INVALID, params={"role": role, "roles": ", ".join(ROLES)})
    if get_user(conn, institution_id, login) is not None:
        raise TamboError(errors.USER_EXISTS, params={"login": login, "institution": institution_id})
    user_id = conn.execute(
        insert(users)
        .values(
            institution_id=institution_id,
            login=login,
            password_hash=_HASHER.hash(password),
            role=role,
            units=list(units),
            active=True,
            created_at=now,
        )
        .returning(users.c.id)
    ).scalar_one()
    record(
        conn,
        institution_id,
        audit=[AuditRecord(actor, "user.add", login, {"role": role, "units": list(units)})],
        at=now,
    )
    return User(user_id, institution_id, login, role, tuple(units), True)


def get_user(conn: Connection, institution_id: str, login: str) -> User | None:
    row = conn.execute(
        select(users).where(users.c.institution_id == institution_id, users.c.login == login)
    ).first()
    return _from_row(row) if row else None


def check_password(conn: Connection, institution_id: str, login: str, password: str) -> User | None:
    """The active user when ``password`` is right; None otherwise (same answer for unknown logins)."""
    row = conn.execute(
        select(users).where(users.c.institution_id == institution_id, users.c.login == login)
    ).first()
    if row is None or not row.active:
        _HASHER.hash(password)  # the same time either way, so logins cannot be probed by timing
        return None
    try:
        _HASHER.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return _from_row(row)


def hash_password(password: str) -> str:
    """An Argon2id hash with this server's parameters (password changes made in the console)."""
    return _HASHER.hash(password)


def password_hash_outdated(stored_hash: str) -> bool:
    """Whether a hash was made with other parameters than today's (it is redone at the next login)."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
