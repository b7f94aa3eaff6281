"""The store's schema, as numbered migrations (see :mod:`desktop.store.migrations`).

Tables and who writes them:

* ``identity`` (one row): the device's Ed25519 key, made at first use, and its provisioning
  (institution, its X25519 key, the tracking prefix, the server and one-time code of the ticket).
* ``counters``: tracking serial and envelope ``device_seq``, taken inside the save transaction.
* ``catalog``: service definitions by (service id, form version); old versions stay for viewing.
* ``submissions`` (+ ``submission_search``, ``submission_attachments``): what was saved, the signed
  envelope, the receipt as printed, and the plaintext fields the local list searches. All of it is
  inside the encrypted database; the attachments' sealed bytes are files (:mod:`desktop.store.blobs`).
* ``outbox``: one row per submission until the server acknowledges it (the sync engine's queue).
* ``status_events``, ``messages``, ``documents``, ``unknown_changes``, ``sync_state``: what pulls
  bring back, applied in one transaction with the cursor.
* ``device_settings``: office, calendar, notices; local or pulled from the server.
* ``drafts``: captures in progress (saved every two seconds by the clerk window).
* ``audit_log``: the append-only hash chain (triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

from desktop.store.migrations import MIGRATIONS
from desktop.store.sqlcipher import Database

_INITIAL = (
    """CREATE TABLE identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        device_private_key BLOB NOT NULL,
        device_public_key TEXT NOT NULL,
        device_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        institution_id TEXT,
        institution_name TEXT,
        institution_public_key TEXT,
        institution_key_id TEXT,
        device_prefix TEXT,
        device_name TEXT,
        server_url TEXT,
        enrollment_code TEXT,
        enrollment_expires_at TEXT,
        provisioned_at TEXT,
        registered_at TEXT
    )""",
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    """CREATE TABLE catalog (
        service_id TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        definition_sha256 TEXT NOT NULL,
        title TEXT NOT NULL,
        audience TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('demo', 'file', 'server')),
        retired INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (service_id, form_version)
    )""",
    """CREATE TABLE submissions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        tracking_code TEXT NOT NULL UNIQUE,
        tracking_serial INTEGER NOT NULL UNIQUE,
        device_seq INTEGER NOT NULL UNIQUE,
        service_id TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        service_title TEXT NOT NULL,
        applicant_name TEXT NOT NULL,
        applicant_id TEXT NOT NULL,
        filed_at TEXT NOT NULL,
        due_date TEXT,
        channel TEXT NOT NULL,
        answers TEXT NOT NULL,
        receipt TEXT NOT NULL,
        envelope TEXT NOT NULL,
        payload_sha256 TEXT NOT NULL,
        last_status TEXT,
        last_status_at TEXT,
        FOREIGN KEY (service_id, form_version) REFERENCES catalog (service_id, form_version)
    )""",
    """CREATE VIRTUAL TABLE submission_search USING fts5(
        code, id_number, name,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    )""",
    """CREATE TABLE submission_attachments (
        submission_id TEXT NOT NULL REFERENCES submissions (id),
        position INTEGER NOT NULL,
        field TEXT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        sealed_sha256 TEXT NOT NULL UNIQUE,
        sealed_size INTEGER NOT NULL,
        uploaded_at TEXT,
        PRIMARY KEY (submission_id, position)
    )""",
    """CREATE TABLE outbox (
        submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_attempt_at TEXT,
        reason_code TEXT,
        reason TEXT,
        server_seq INTEGER,
        sent_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX outbox_pending ON outbox (created_at) WHERE state = 'pending'",
    """CREATE TABLE status_events (
        submission_id TEXT NOT NULL,
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        note_public TEXT,
        received_at TEXT NOT NULL,
        PRIMARY KEY (submission_id, at, status)
    )""",
    """CREATE TABLE messages (
        message_id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL,
        at TEXT NOT NULL,
        from_unit TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL
    )""",
    "CREATE INDEX messages_by_submission ON messages (submission_id, at)",
    """CREATE TABLE documents (
        document_id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        fetched_at TEXT
    )""",
    "CREATE INDEX documents_by_submission ON documents (submission_id)",
    """CREATE TABLE unknown_changes (
        seq INTEGER PRIMARY KEY,
        kind TEXT,
        raw TEXT NOT NULL,
        received_at TEXT NOT NULL
    )""",
    """CREATE TABLE sync_state (
        key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE device_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('local', 'server')),
        updated_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        service_id TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        answers TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        subject TEXT,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    "CREATE INDEX audit_log_by_subject ON audit_log (subject)",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
)


@MIGRATIONS(1, "initial schema")
def initial_schema(db: Database) -> None:
    for statement in _INITIAL:
        db.execute(statement)
