"""Device settings (office, business calendar, notices) and the sync engine's small key/value state.

Settings come from the operator (``source = 'local'``) or from the server in a pulled page
(``'server'``, which wins: the institution decides its calendar and notices). Values are JSON.
``sync_state`` holds the pull cursor and the time of the last successful sync.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any, Literal

from desktop.store.sqlcipher import Database
from shared.business_days import BusinessCalendar

SettingSource = Literal["local", "server"]

OFFICE = "office"
CALENDAR = "calendar"
DATA_PROTECTION_NOTICE = "data_protection_notice"
REVOKED = "revoked"
KIOSK_PIN_HASH = "kiosk_pin_hash"

PULL_CURSOR = "pull_cursor"
LAST_SYNC_AT = "last_sync_at"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM device_settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def all_settings(db: Database) -> dict[str, Any]:
    return {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM device_settings")}


def set_setting(db: Database, key: str, value: Any, source: SettingSource = "local") -> None:
    """Set one setting (inside the caller's transaction); a local value never overrides the server's."""
    if source == "local":
        row = db.execute("SELECT source FROM device_settings WHERE key = ?", [key]).fetchone()
        if row and row[0] == "server":
            return
    db.execute(
        "INSERT INTO device_settings (key, value, source, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, source = excluded.source, "
        "updated_at = excluded.updated_at",
        [key, json.dumps(value, ensure_ascii=False), source, _now()],
    )


def calendar(db: Database) -> BusinessCalendar:
    """The institution's business calendar (national holidays always; its own days from settings)."""
    raw = get_setting(db, CALENDAR) or {}
    cutoff = raw.get("cutoff")
    return BusinessCalendar(
        non_working_days=frozenset(date.fromisoformat(d) for d in raw.get("non_working_days", [])),
        extra_working_days=frozenset(date.fromisoformat(d) for d in raw.get("extra_working_days", [])),
        cutoff=time.fromisoformat(cutoff) if cutoff else time(23, 59),
        tz=raw.get("tz", "America/Lima"),
    )


def get_state(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_state(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [key, value, _now()],
    )


def delete_state(db: Database, key: str) -> bool:
    """Remove ``key``; whether it was there."""
    return db.execute("DELETE FROM sync_state WHERE key = ?", [key]).rowcount > 0


def last_sync_at(db: Database) -> datetime | None:
    value = get_state(db, LAST_SYNC_AT)
    return datetime.fromisoformat(value) if value else None
