"""Institutions (tenants): identity, key pair (private half wrapped), units and working calendar."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, insert, select, update

from shared import errors
from shared.business_days import BusinessCalendar
from shared.errors import TamboError
from shared.protocol import SettingsChange
from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import ChangeRecord, record
from sync_server.storage.schema import institutions

INSTITUTION_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])$")
INSTITUTION_KEY_SETTING = "institution_key"
#: device settings the institution decides (the desktop's ``device_settings`` keys), sent by pull
CALENDAR_SETTING = "calendar"
NOTICE_SETTING = "data_protection_notice"
MAX_NOTICE_CHARS = 4000
CALENDAR_KEYS = frozenset({"non_working_days", "extra_working_days", "cutoff", "tz"})


@dataclass(frozen=True, slots=True)
class Institution:
    id: str
    name: str
    public_key: str
    key_id: str
    private_key_wrapped: bytes
    units: tuple[Mapping[str, Any], ...] = ()
    calendar: Mapping[str, Any] = field(default_factory=dict)

    def business_calendar(self) -> BusinessCalendar:
        """The institution's días hábiles: national holidays plus its own days off and cutoff."""
        raw = self.calendar
        cutoff = time.fromisoformat(raw["cutoff"]) if raw.get("cutoff") else time(23, 59)
        return BusinessCalendar(
            non_working_days=frozenset(date.fromisoformat(d) for d in raw.get("non_working_days", ())),
            extra_working_days=frozenset(date.fromisoformat(d) for d in raw.get("extra_working_days", ())),
            cutoff=cutoff,
            tz=raw.get("tz", "America/Lima"),
        )


def check_institution_id(institution_id: str) -> str:
    if not isinstance(institution_id, str) or not INSTITUTION_ID.match(institution_id):
        raise TamboError(errors.INSTITUTION_ID_INVALID, details={"institution": str(institution_id)[:80]})
    return institution_id


def add_institution(
    conn: Connection,
    *,
    institution_id: str,
    name: str,
    public_key: str,
    key_id: str,
    private_key_wrapped: bytes,
    units: Sequence[Mapping[str, Any]] = (),
    calendar: Mapping[str, Any] | None = None,
    actor: str,
    now: datetime,
) -> Institution:
    """Create a tenant; its public key goes to every device through the change log."""
    check_institution_id(institution_id)
    if get_institution(conn, institution_id) is not None:
        raise TamboError(errors.INSTITUTION_EXISTS, params={"institution": institution_id})
    institution = Institution(
        institution_id, name, public_key, key_id, private_key_wrapped, tuple(units), dict(calendar or {})
    )
    institution.business_calendar()  # a bad calendar fails here, not at the first filing
    conn.execute(
        insert(institutions).values(
            id=institution_id,
            name=name,
            public_key=public_key,
            key_id=key_id,
            private_key_wrapped=private_key_wrapped,
            units=[dict(u) for u in units],
            calendar=dict(institution.calendar),
            created_at=now,
        )
    )
    key_change = SettingsChange(
        key=INSTITUTION_KEY_SETTING, value={"public_key": public_key, "key_id": key_id}
    )
    calendar_change = SettingsChange(key=CALENDAR_SETTING, value=dict(institution.calendar))
    record(
        conn,
        institution_id,
        changes_to_send=[ChangeRecord(None, key_change), ChangeRecord(None, calendar_change)],
        audit=[AuditRecord(actor, "institution.add", institution_id, {"name": name, "key_id": key_id})],
        at=now,
    )
    return institution


def _from_row(row: Any) -> Institution:
    return Institution(
        row.id,
        row.name,
        row.public_key,
        row.key_id,
        bytes(row.private_key_wrapped),
        tuple(row.units or ()),
        dict(row.calendar or {}),
    )


def get_institution(conn: Connection, institution_id: str) -> Institution | None:
    row = conn.execute(select(institutions).where(institutions.c.id == institution_id)).first()
    return _from_row(row) if row else None


def require_institution(conn: Connection, institution_id: str) -> Institution:
    found = get_institution(conn, institution_id)
    if found is None:
        raise TamboError(errors.INSTITUTION_UNKNOWN, params={"institution": institution_id})
    return found


def list_institutions(conn: Connection) -> list[Institution]:
    return [_from_row(row) for row in conn.execute(select(institutions).order_by(institutions.c.id))]


def change_institution_settings(
    conn: Connection,
    institution_id: str,
    *,
    calendar: Mapping[str, Any] | None = None,
    notice: str | None = None,
    actor: str,
    now: datetime,
) -> Institution:
    """Change what every device of the institution must know: its working calendar (the server's due
    dates follow it too) and the data-protection notice printed on receipts. Each change reaches the
    devices on their next pull; a new device gets them from the start of the log."""
    institution = require_institution(conn, institution_id)
    changes: list[ChangeRecord] = []
    audit: list[AuditRecord] = []
    if calendar is not None:
        updated = Institution(
            institution.id,
            institution.name,
            institution.public_key,
            institution.key_id,
            institution.private_key_wrapped,
            institution.units,
            dict(calendar),
        )
        try:
            unknown = sorted(set(calendar) - CALENDAR_KEYS)
            if unknown:
                raise ValueError(f"claves desconocidas {unknown}; se aceptan {sorted(CALENDAR_KEYS)}")
            updated.business_calendar()
        except (KeyError, TypeError, ValueError) as exc:
            raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": f"calendario: {exc}"}) from None
        conn.execute(
            update(institutions).where(institutions.c.id == institution_id).values(calendar=dict(calendar))
        )
        institution = updated
        changes.append(ChangeRecord(None, SettingsChange(key=CALENDAR_SETTING, value=dict(calendar))))
        audit.append(AuditRecord(actor, "institution.calendar", institution_id, {"calendar": dict(calendar)}))
    if notice is not None:
        notice = notice.strip()
        if not notice or len(notice) > MAX_NOTICE_CHARS:
            raise TamboError(
                errors.PROTOCOL_MALFORMED,
                params={"problem": f"el aviso debe tener entre 1 y {MAX_NOTICE_CHARS} caracteres"},
            )
        changes.append(ChangeRecord(None, SettingsChange(key=NOTICE_SETTING, value=notice)))
        audit.append(AuditRecord(actor, "institution.notice", institution_id, {"chars": len(notice)}))
    record(conn, institution_id, changes_to_send=changes, audit=audit, at=now)
    return institution
