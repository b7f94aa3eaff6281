"""Drafts: captures in progress, saved every few seconds, so a power cut costs seconds, not a form.

A draft holds the raw answers as the form had them (possibly invalid) plus the UI's extras. It is
personal data like the rest, inside the encrypted database; ``secure_delete`` overwrites it within the
encrypted pages when the draft is deleted.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from desktop.store.sqlcipher import Database
from shared.ids import new_ulid


def save(
    db: Database, draft_id: str | None, service_id: str, form_version: int, answers: dict[str, Any]
) -> str:
    """Create or replace a draft (inside the caller's transaction); returns its id."""
    now = datetime.now(UTC).isoformat()
    draft_id = draft_id or new_ulid()
    db.execute(
        "INSERT INTO drafts (id, service_id, form_version, answers, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, "
        "form_version = excluded.form_version, answers = excluded.answers, updated_at = excluded.updated_at",
        [draft_id, service_id, form_version, json.dumps(answers, ensure_ascii=False, default=str), now, now],
    )
    return draft_id


def delete(db: Database, draft_id: str) -> None:
    db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])


def all_drafts(db: Database) -> list[tuple[str, str, int, dict[str, Any], str]]:
    """(id, service id, form version, answers, updated at), most recent first."""
    return [
        (draft_id, service_id, version, json.loads(answers), updated_at)
        for draft_id, service_id, version, answers, updated_at in db.execute(
            "SELECT id, service_id, form_version, answers, updated_at FROM drafts ORDER BY updated_at DESC"
        )
    ]
