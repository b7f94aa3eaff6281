"""The server's tables (SQLAlchemy Core). Alembic migrations create them; a test checks both agree.

Tenancy rule: every table that holds an institution's data has ``institution_id``, and every storage
function filters on it. Identifiers that devices make (submission ULIDs, device ids) are unique across
the whole server, so a row can never be claimed by two institutions.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from sync_server.storage.types import BigId, Json, UTCDateTime

# Named constraints, so migrations can refer to them on both backends.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

INSTITUTION_FK = "institutions.id"

institutions = Table(
    "institutions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("key_id", String(16), nullable=False),
    Column("private_key_wrapped", LargeBinary, nullable=False),
    Column("units", Json, nullable=False),
    Column("calendar", Json, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("name", String(200), nullable=False),
    Column("prefix", String(4), nullable=False, unique=True),
    Column("device_id", String(24), unique=True),
    Column("public_key", String(64)),
    Column("status", String(16), nullable=False),
    Column("code_hash", String(64), unique=True),
    Column("code_expires_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("enrolled_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
    Column("app_version", String(64)),
    Column("platform", String(64)),
    Column("last_seen_at", UTCDateTime),
    Column("pending_count", Integer),
    Index(None, "institution_id", "status"),
)

nonces = Table(
    "nonces",
    metadata,
    Column("device_id", String(24), primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("expires_at", BigInteger, nullable=False),
    Index(None, "expires_at"),
)

services = Table(
    "services",
    metadata,
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), primary_key=True),
    Column("service_id", String(100), primary_key=True),
    Column("current_version", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("unit_code", String(100), nullable=False),
    Column("restricted", Boolean, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

form_versions = Table(
    "form_versions",
    metadata,
    Column("institution_id", String(64), primary_key=True),
    Column("service_id", String(100), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("definition", Text, nullable=False),
    Column("definition_sha256", String(64), nullable=False),
    Column("published_at", UTCDateTime, nullable=False),
    ForeignKeyConstraint(
        ["institution_id", "service_id"], ["services.institution_id", "services.service_id"]
    ),
)

submissions = Table(
    "submissions",
    metadata,
    Column("seq", BigId, primary_key=True, autoincrement=True),
    Column("id", String(26), nullable=False, unique=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("device_id", String(24), ForeignKey("devices.device_id"), nullable=False),
    Column("pushed_by", String(24), nullable=False),
    Column("service_id", String(100), nullable=False),
    Column("form_version", Integer, nullable=False),
    Column("tracking_code", String(16), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_day", Date, nullable=False),
    Column("device_seq", BigInteger, nullable=False),
    Column("official_date", Date, nullable=False),
    Column("due_date", Date),
    Column("received_at", UTCDateTime, nullable=False),
    Column("status", String(32), nullable=False),
    Column("status_at", UTCDateTime, nullable=False),
    Column("applicant_name", String(300)),
    Column("applicant_id", String(32)),
    Column("answers", Json, nullable=False),
    Column("details", Json, nullable=False),
    Column("envelope", Text, nullable=False),
    Column("envelope_sha256", String(64), nullable=False),
    # The console's case state (migration 0002): the unit handling the case (the service's unit until
    # it is forwarded), the official it is assigned to, and when it reached a final status.
    Column("unit_code", String(100)),
    Column("assignee_id", BigInteger),
    Column("closed_at", UTCDateTime),
    # A deadline extended once (migration 0009; Ley 27806, art. 11 b): when, the due date it replaced,
    # the date announced and the official's justification. NULL while never extended.
    Column("deadline_extended_at", UTCDateTime),
    Column("original_due_date", Date),
    Column("extended_due_date", Date),
    Column("deadline_extension_reason", Text),
    ForeignKeyConstraint(
        ["institution_id", "service_id", "form_version"],
        ["form_versions.institution_id", "form_versions.service_id", "form_versions.version"],
    ),
    Index(None, "institution_id", "status", "received_at"),
    Index(None, "institution_id", "applicant_id"),
    Index(None, "device_id", "created_day"),
    # The console's inbox pages by seq (keyset), one index per common filter: see docs/console.md.
    Index(None, "institution_id", "seq"),
    Index(None, "institution_id", "status", "seq"),
    Index(None, "institution_id", "service_id", "seq"),
    Index(None, "institution_id", "unit_code", "seq"),
    Index(None, "institution_id", "assignee_id", "seq"),
    Index(None, "institution_id", "due_date", "seq"),
    Index(None, "institution_id", "official_date", "seq"),
)

submission_attachments = Table(
    "submission_attachments",
    metadata,
    Column("submission_id", String(26), ForeignKey("submissions.id"), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("field", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(127), nullable=False),
)

uploads = Table(
    "uploads",
    metadata,
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(127), nullable=False),
    Column("upload_offset", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("completed_at", UTCDateTime),
)

status_events = Table(
    "status_events",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("submission_id", String(26), ForeignKey("submissions.id"), nullable=False),
    Column("status", String(32), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("note_public", Text),
    Column("note_internal", Text),
    Column("actor", String(100), nullable=False),
    Index(None, "submission_id"),
)

messages = Table(
    "messages",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("submission_id", String(26), ForeignKey("submissions.id"), nullable=False),
    Column("from_unit", String(100), nullable=False),
    Column("body", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Index(None, "submission_id"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("submission_id", String(26), ForeignKey("submissions.id"), nullable=False),
    Column("name", String(255), nullable=False),
    Column("media_type", String(127), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Index(None, "submission_id"),
)

changes = Table(
    "changes",
    metadata,
    Column("seq", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("device_id", String(24)),
    Column("kind", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "institution_id", "seq"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(100), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("institution_id", "position"),
)

# Changes and audit entries written by pushes, waiting for their place in the logs above. A push must
# not hold the institution's journal lock until its commit (the concurrent pushes of many devices would
# then commit one fsync at a time); it writes here instead, and a short
# serialised pass (``journal.flush_pending``) moves these rows into ``changes`` and ``audit_log`` in
# commit order. See sync_server/storage/journal.py.
pending_changes = Table(
    "pending_changes",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("device_id", String(24)),
    Column("kind", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "institution_id", "id"),
)

pending_audit = Table(
    "pending_audit",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(100), nullable=False),
    Column("details", Text, nullable=False),
    Index(None, "institution_id", "id"),
)

users = Table(
    "users",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("login", String(100), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("units", Json, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("institution_id", "login"),
)
