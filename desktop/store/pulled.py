"""Applying what a pull brings back: statuses, messages, documents, catalog versions, settings.

A page of changes and the cursor that follows it are applied in ONE transaction
(:func:`apply_pulled_page`), so the cursor never moves past a change that was not stored, and a page
applied twice (the ack of a pull lost, the page fetched again) changes nothing the second time: every
change has a natural key. A change of a kind this version does not know is kept as it came
(``unknown_changes``), for a later version of the app to read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.store import audit
from desktop.store.catalog import apply_catalog_change
from desktop.store.settings import LAST_SYNC_AT, PULL_CURSOR, set_setting, set_state
from desktop.store.sqlcipher import Database
from shared.protocol import (
    CatalogChange,
    Change,
    DocumentChange,
    MessageChange,
    SettingsChange,
    StatusChange,
    UnknownChange,
)


@dataclass(frozen=True, slots=True)
class PageResult:
    applied: int
    ignored: int  # already known (a page seen before)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _status(db: Database, change: StatusChange, now: str) -> bool:
    at = change.at.astimezone(UTC).isoformat()
    cursor = db.execute(
        "INSERT OR IGNORE INTO status_events (submission_id, status, at, note_public, received_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [change.submission_id, change.status, at, change.note_public, now],
    )
    if not cursor.rowcount:
        return False
    # The server owns the due date (pushed back after an observation, extended once): the newest
    # status carries it, and the list and the kiosk's status lookup read it from here. The receipt
    # keeps the date it was issued with.
    due = change.due_date.isoformat() if change.due_date else None
    db.execute(
        "UPDATE submissions SET last_status = ?, last_status_at = ?, due_date = COALESCE(?, due_date) "
        "WHERE id = ? AND (last_status_at IS NULL OR last_status_at <= ?)",
        [change.status, at, due, change.submission_id, at],
    )
    return True


def _message(db: Database, change: MessageChange, now: str) -> bool:
    cursor = db.execute(
        "INSERT OR IGNORE INTO messages (message_id, submission_id, at, from_unit, body, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            change.message_id,
            change.submission_id,
            change.at.astimezone(UTC).isoformat(),
            change.from_unit,
            change.body,
            now,
        ],
    )
    return bool(cursor.rowcount)


def _document(db: Database, change: DocumentChange, now: str) -> bool:
    cursor = db.execute(
        "INSERT OR IGNORE INTO documents (document_id, submission_id, name, media_type, sha256, size, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            change.document_id,
            change.submission_id,
            change.name,
            change.media_type,
            change.sha256,
            change.size,
            now,
        ],
    )
    return bool(cursor.rowcount)


def apply_change(db: Database, change: Change, now: str | None = None) -> bool:
    """Store one change (inside the caller's transaction); False when it was already known."""
    now = now or _now()
    if isinstance(change, StatusChange):
        return _status(db, change, now)
    if isinstance(change, MessageChange):
        return _message(db, change, now)
    if isinstance(change, DocumentChange):
        return _document(db, change, now)
    if isinstance(change, CatalogChange):
        return apply_catalog_change(db, change)
    if isinstance(change, SettingsChange):
        set_setting(db, change.key, change.value, source="server")
        return True
    raw = change.raw if isinstance(change, UnknownChange) else change.model_dump(mode="json")
    db.execute(
        "INSERT INTO unknown_changes (kind, raw, received_at) VALUES (?, ?, ?)",
        [raw.get("kind"), json.dumps(raw, ensure_ascii=False), now],
    )
    return True


def apply_pulled_page(db: Database, changes: Sequence[Change], cursor: str) -> PageResult:
    """Apply a page and advance the cursor (inside the caller's transaction: all of it or nothing)."""
    now = _now()
    applied = sum(1 for change in changes if apply_change(db, change, now))
    set_state(db, PULL_CURSOR, cursor)
    set_state(db, LAST_SYNC_AT, datetime.now(UTC).isoformat())
    if changes:
        audit.append(db, "sync.pulled", None, {"cursor": cursor, "changes": len(changes), "applied": applied})
    return PageResult(applied, len(changes) - applied)


def status_history(db: Database, submission_id: str) -> list[tuple[str, str, str | None]]:
    """(at, status code, public note), oldest first."""
    return [
        (at, status, note)
        for at, status, note in db.execute(
            "SELECT at, status, note_public FROM status_events WHERE submission_id = ? ORDER BY at",
            [submission_id],
        )
    ]


def messages_of(db: Database, submission_id: str) -> list[tuple[str, str, str]]:
    """(at, from unit, body), oldest first."""
    return [
        (at, unit, body)
        for at, unit, body in db.execute(
            "SELECT at, from_unit, body FROM messages WHERE submission_id = ? ORDER BY at", [submission_id]
        )
    ]
