"""The officials' console's own tables, on the same ``metadata`` as :mod:`sync_server.storage.schema`.

Kept apart from the device-facing tables because they have another life: sessions and login throttles
are security state that expires; the case log and catalog drafts are the console's working records.
Migration 0002 creates them; the migration test compares them like every other table.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Table, Text, func

from sync_server.storage.schema import INSTITUTION_FK, metadata, submissions
from sync_server.storage.types import BigId, UTCDateTime

#: The inbox's "name contains" search, without case or accents (``storage.folding``): on PostgreSQL a
#: trigram index (``pg_trgm``) over ``tambo_fold(applicant_name)``, so ``LIKE '%ramirez%'`` uses an index
#: on a million rows (migration 0007). PostgreSQL only: SQLite's function exists only in our connections.
applicant_name_search = Index(
    "ix_submissions_applicant_name_trgm",
    func.tambo_fold(submissions.c.applicant_name).label("applicant_name_folded"),
    postgresql_using="gin",
    postgresql_ops={"applicant_name_folded": "gin_trgm_ops"},
)

#: Open cases by due date (migration 0005): what "overdue" reads, without walking the closed history.
#: The statuses are those whose deadline runs (``storage.inbox.RUNNING_STATUSES``), in that order.
RUNNING_STATUSES = ("received", "in_review", "assigned", "approved")
open_cases_by_due_date = Index(
    "ix_submissions_open_due",
    submissions.c.institution_id,
    submissions.c.due_date,
    submissions.c.seq,
    postgresql_where=submissions.c.status.in_(RUNNING_STATUSES),
    sqlite_where=submissions.c.status.in_(RUNNING_STATUSES),
)

#: The dashboard's "open today, per unit": counted from this index alone (no table reads).
open_by_unit = Index(
    "ix_submissions_institution_id_status_unit_code",
    submissions.c.institution_id,
    submissions.c.status,
    submissions.c.unit_code,
)

#: A console login session. The cookie carries a random token; only its SHA-256 is stored, so a copy
#: of the database does not let anyone act as a logged-in official.
console_sessions = Table(
    "console_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", BigInteger, ForeignKey("users.id"), nullable=False),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index(None, "user_id"),
    Index(None, "expires_at"),
)

#: Failed logins per (institution, login), whether or not the login exists: an unknown login locks
#: like a real one, so the lockout message does not tell an attacker which accounts exist.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("institution_id", String(64), primary_key=True),
    Column("login", String(100), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", UTCDateTime, nullable=False),
    Column("locked_until", UTCDateTime),
)

#: Failed logins per client address (an IPv6 address by its /64), and within it per (institution,
#: login), so that a success can forgive that user's own typos and nothing else
#: (:func:`sync_server.storage.console_sessions.record_address_failure`). Rows older than the window
#: are deleted as new failures come in (migration 0008).
login_address_failures = Table(
    "login_address_failures",
    metadata,
    Column("address", String(64), primary_key=True),
    Column("institution_id", String(64), primary_key=True),
    Column("login", String(100), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", UTCDateTime, nullable=False),
    Index(None, "last_failure_at"),
)

#: The institutions a coordinator looks after besides their own (devices only, never citizens' data).
user_institutions = Table(
    "user_institutions",
    metadata,
    Column("user_id", BigInteger, ForeignKey("users.id"), primary_key=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), primary_key=True),
)

#: What happens to a case besides status changes and messages: assignments, forwarding to another
#: unit, internal notes. Part of the case's route.
case_log = Table(
    "case_log",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("submission_id", String(26), ForeignKey("submissions.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("unit_code", String(100)),
    Column("assignee_id", BigInteger),
    Column("body", Text),
    Index(None, "submission_id"),
)

#: A service definition being edited in the console; publishing turns it into an immutable version.
catalog_drafts = Table(
    "catalog_drafts",
    metadata,
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), primary_key=True),
    Column("service_id", String(100), primary_key=True),
    Column("definition", Text, nullable=False),
    Column("base_version", Integer),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("updated_by", String(100), nullable=False),
)
