"""What an institution admin does with console accounts: create them with a role and units, change
role, units or whether they may log in, reset passwords, and let coordinators of other institutions see
this institution's devices. ``tambo-server user add`` creates the first admin.

An admin cannot demote or deactivate their own account: an institution must never lose its last way in
through a slip in a form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from shared import errors
from shared.errors import TamboError
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.console_auth import actor_of
from sync_server.storage.accounts import (
    check_new_password,
    external_coordinators,
    grant_devices,
    list_users,
    revoke_devices,
    set_password,
    update_user,
)
from sync_server.storage.institutions import require_institution
from sync_server.storage.users import ROLES, User, add_user, check_password, get_user

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def accounts(server: Server, admin: User) -> tuple[list[User], list[User]]:
    """The institution's users, and the coordinators of other institutions who see its devices."""
    roles.require(admin, roles.USERS_MANAGE)
    with server.db.read() as conn:
        return list_users(conn, admin.institution_id), external_coordinators(conn, admin.institution_id)


def _check(server: Server, admin: User, role: str, units: Sequence[str]) -> list[str]:
    if role not in ROLES:
        raise TamboError(errors.USER_ROLE_INVALID, params={"role": role, "roles": ", ".join(ROLES)})
    with server.db.read() as conn:
        known = {u.get("code") for u in require_institution(conn, admin.institution_id).units}
    unknown = [u for u in units if u not in known]
    if unknown:
        raise TamboError(errors.CASE_UNIT_UNKNOWN, params={"unit": ", ".join(unknown)})
    return list(dict.fromkeys(units)) if role == roles.OFFICIAL else []


def create_account(
    server: Server, admin: User, login: str, password: str, *, role: str, units: Sequence[str]
) -> User:
    roles.require(admin, roles.USERS_MANAGE)
    login = login.strip().lower()
    if not LOGIN_PATTERN.match(login):
        raise TamboError(
            errors.CONSOLE_INPUT,
            params={"field": "usuario", "problem": "de 2 a 64 letras minúsculas, dígitos, puntos o guiones"},
        )
    check_new_password(password)
    units = _check(server, admin, role, units)
    with server.db.write() as conn:
        return add_user(
            conn,
            admin.institution_id,
            login,
            password,
            role=role,
            units=units,
            actor=actor_of(admin),
            now=datetime.now(UTC),
        )


def edit_account(
    server: Server, admin: User, login: str, *, role: str, units: Sequence[str], active: bool
) -> User:
    roles.require(admin, roles.USERS_MANAGE)
    if login == admin.login and (role != admin.role or not active):
        raise TamboError(
            errors.CONSOLE_INPUT,
            params={"field": "usuario", "problem": "no puede quitarse su propio rol ni desactivarse"},
        )
    units = _check(server, admin, role, units)
    with server.db.write() as conn:
        return update_user(
            conn,
            admin.institution_id,
            login,
            role=role,
            units=units,
            active=active,
            actor=actor_of(admin),
            now=datetime.now(UTC),
        )


def reset_password(server: Server, admin: User, login: str, password: str) -> None:
    roles.require(admin, roles.USERS_MANAGE)
    with server.db.write() as conn:
        set_password(
            conn, admin.institution_id, login, password, actor=actor_of(admin), now=datetime.now(UTC)
        )


def change_own_password(server: Server, user: User, current: str, new: str) -> None:
    """Any user's own change; the current password is asked again (a left-open session is not enough)."""
    with server.db.write() as conn:
        if check_password(conn, user.institution_id, user.login, current) is None:
            raise TamboError(errors.CONSOLE_LOGIN_FAILED)
        set_password(conn, user.institution_id, user.login, new, actor=actor_of(user), now=datetime.now(UTC))


def grant_external(server: Server, admin: User, other_institution: str, login: str) -> None:
    roles.require(admin, roles.USERS_MANAGE)
    with server.db.write() as conn:
        coordinator = get_user(conn, other_institution.strip(), login.strip())
        if coordinator is None or coordinator.institution_id == admin.institution_id:
            raise TamboError(errors.USER_NOT_FOUND, params={"login": f"{other_institution}/{login}"})
        grant_devices(conn, admin.institution_id, coordinator, actor=actor_of(admin), now=datetime.now(UTC))


def revoke_external(server: Server, admin: User, user_id: int) -> None:
    roles.require(admin, roles.USERS_MANAGE)
    with server.db.write() as conn:
        revoke_devices(conn, admin.institution_id, user_id, actor=actor_of(admin), now=datetime.now(UTC))
