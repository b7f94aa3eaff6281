"""Who may do what in the console. One table, read by the views (to show or hide a button) and by the
operations (to refuse), so a hidden button and a refused request never disagree.

- **admin** (institution admin): everything in their institution: cases, catalog, users, devices.
- **official**: the cases of the units they serve; moves them through the workflow, writes to the
  applicant, attaches the final document. Cannot archive (records management is the admin's).
- **coordinator**: the devices of one or more institutions; never citizens' data (no inbox, no case,
  no export, no dashboard).
- **auditor**: reads everything of the institution (cases, dashboard, exports, devices), changes
  nothing; answers of restricted services and sensitive fields stay hidden from them.
"""

from __future__ import annotations

from shared import errors, statuses
from shared.errors import TamboError
from sync_server.storage.users import User

ADMIN = "admin"
OFFICIAL = "official"
COORDINATOR = "coordinator"
AUDITOR = "auditor"

CASES_READ = "cases.read"
CASES_ACT = "cases.act"
DASHBOARD = "dashboard.read"
EXPORTS = "exports.read"
CATALOG_EDIT = "catalog.edit"
USERS_MANAGE = "users.manage"
DEVICES_READ = "devices.read"
DEVICES_MANAGE = "devices.manage"

PERMISSIONS: dict[str, frozenset[str]] = {
    CASES_READ: frozenset({ADMIN, OFFICIAL, AUDITOR}),
    CASES_ACT: frozenset({ADMIN, OFFICIAL}),
    DASHBOARD: frozenset({ADMIN, OFFICIAL, AUDITOR}),
    EXPORTS: frozenset({ADMIN, OFFICIAL, AUDITOR}),
    CATALOG_EDIT: frozenset({ADMIN}),
    USERS_MANAGE: frozenset({ADMIN}),
    DEVICES_READ: frozenset({ADMIN, COORDINATOR, AUDITOR}),
    DEVICES_MANAGE: frozenset({ADMIN, COORDINATOR}),
}

#: The statuses each role may move a case to (on top of the workflow's own TRANSITIONS).
ROLE_TARGETS: dict[str, frozenset[str]] = {
    ADMIN: frozenset(statuses.STATUSES),
    OFFICIAL: frozenset(statuses.STATUSES) - {statuses.ARCHIVED},
    COORDINATOR: frozenset(),
    AUDITOR: frozenset(),
}


def can(user: User, permission: str) -> bool:
    return user.role in PERMISSIONS.get(permission, frozenset())


def require(user: User, permission: str) -> None:
    if not can(user, permission):
        raise TamboError(errors.CONSOLE_ROLE, params={"role": user.role})


def case_units(user: User) -> tuple[str, ...] | None:
    """The units whose cases the user sees: None for all of them (admin, auditor)."""
    return tuple(user.units) if user.role == OFFICIAL else None


def sees_unit(user: User, unit_code: str | None) -> bool:
    units = case_units(user)
    return units is None or unit_code in units


def sees_protected_data(user: User, unit_code: str | None) -> bool:
    """Sensitive fields and restricted services (a child's data at DEMUNA): the admin and the
    officials of the responsible unit only."""
    return user.role == ADMIN or (user.role == OFFICIAL and unit_code in user.units)


def allowed_targets(user: User, current: str) -> list[str]:
    """The statuses this user may move a case in ``current`` to, in the workflow's order."""
    possible = statuses.TRANSITIONS.get(current, frozenset()) & ROLE_TARGETS.get(user.role, frozenset())
    return [code for code in statuses.STATUSES if code in possible]
