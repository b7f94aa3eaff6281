"""Devices: reserved at ``device add`` (with a one-time code and a tracking prefix), activated when
they enroll with their public key, revoked by an administrator. Also the nonces that stop replays.

A device row exists before the device has a key, so the prefix is reserved (and printed on the
ticket) at once; ``device_id`` is filled at enrollment, derived from the key the device sends.
Prefixes are unique across the whole server and never reused, because a tracking code must name one
filing forever.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, exc, insert, or_, select, update

from shared import errors
from shared.errors import TamboError
from shared.tracking import random_device_prefix
from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import record
from sync_server.storage.schema import devices, nonces
from sync_server.storage.upsert import insert_ignoring_conflicts

PENDING = "pending"
ACTIVE = "active"
REVOKED = "revoked"
_PREFIX_ATTEMPTS = 50


@dataclass(frozen=True, slots=True)
class Device:
    id: int
    institution_id: str
    name: str
    prefix: str
    device_id: str | None
    public_key: str | None
    status: str
    code_expires_at: datetime | None
    created_at: datetime
    enrolled_at: datetime | None = None
    revoked_at: datetime | None = None
    app_version: str | None = None
    platform: str | None = None
    last_seen_at: datetime | None = None
    pending_count: int | None = None


def _from_row(row: Any) -> Device:
    return Device(
        row.id,
        row.institution_id,
        row.name,
        row.prefix,
        row.device_id,
        row.public_key,
        row.status,
        row.code_expires_at,
        row.created_at,
        row.enrolled_at,
        row.revoked_at,
        row.app_version,
        row.platform,
        row.last_seen_at,
        row.pending_count,
    )


def reserve_device(
    conn: Connection,
    institution_id: str,
    name: str,
    *,
    code_hash: str,
    code_expires_at: datetime,
    actor: str,
    now: datetime,
    new_prefix: Callable[[], str] = random_device_prefix,
) -> Device:
    """A pending device with a fresh, never used tracking prefix and the hash of its one-time code."""
    for _ in range(_PREFIX_ATTEMPTS):
        prefix = new_prefix()
        if conn.execute(select(devices.c.id).where(devices.c.prefix == prefix)).first():
            continue
        try:
            with conn.begin_nested():  # another worker may take the same prefix between check and insert
                device_pk = conn.execute(
                    insert(devices)
                    .values(
                        institution_id=institution_id,
                        name=name,
                        prefix=prefix,
                        status=PENDING,
                        code_hash=code_hash,
                        code_expires_at=code_expires_at,
                        created_at=now,
                    )
                    .returning(devices.c.id)
                ).scalar_one()
        except exc.IntegrityError:
            continue
        record(
            conn,
            institution_id,
            audit=[
                AuditRecord(
                    actor, "device.add", prefix, {"name": name, "expires_at": code_expires_at.isoformat()}
                )
            ],
            at=now,
        )
        return get_device(conn, institution_id, device_pk)  # type: ignore[return-value]
    raise RuntimeError("no free tracking prefix found")  # 31**4 prefixes: only when nearly all are used


def get_device(conn: Connection, institution_id: str, device_pk: int) -> Device | None:
    row = conn.execute(
        select(devices).where(devices.c.id == device_pk, devices.c.institution_id == institution_id)
    ).first()
    return _from_row(row) if row else None


def find_device(conn: Connection, institution_id: str, reference: str) -> Device | None:
    """A device of the institution named by its device id, its prefix or its row number."""
    conditions = [devices.c.device_id == reference, devices.c.prefix == reference.upper()]
    if reference.isdigit():
        conditions.append(devices.c.id == int(reference))
    row = conn.execute(
        select(devices).where(devices.c.institution_id == institution_id, or_(*conditions))
    ).first()
    return _from_row(row) if row else None


def device_by_code_hash(conn: Connection, code_hash: str) -> Device | None:
    row = conn.execute(select(devices).where(devices.c.code_hash == code_hash)).first()
    return _from_row(row) if row else None


def device_by_device_id(conn: Connection, device_id: str) -> Device | None:
    """The enrolled device with this id, whatever its institution (authentication looks it up first)."""
    row = conn.execute(select(devices).where(devices.c.device_id == device_id)).first()
    return _from_row(row) if row else None


def list_devices(conn: Connection, institution_id: str) -> list[Device]:
    rows = conn.execute(
        select(devices).where(devices.c.institution_id == institution_id).order_by(devices.c.id)
    )
    return [_from_row(row) for row in rows]


def activate_device(
    conn: Connection,
    device: Device,
    *,
    device_id: str,
    public_key: str,
    app_version: str,
    platform: str,
    now: datetime,
) -> Device:
    """Register the key of a pending device (its code is then used up).

    The update only applies to a device still pending, so of two enrollments racing with one code
    exactly one wins; the other gets ENROLLMENT_CODE_USED.
    """
    activated = conn.execute(
        update(devices)
        .where(devices.c.id == device.id, devices.c.status == PENDING)
        .values(
            device_id=device_id,
            public_key=public_key,
            status=ACTIVE,
            enrolled_at=now,
            app_version=app_version,
            platform=platform,
            last_seen_at=now,
        )
    ).rowcount
    if activated != 1:
        raise TamboError(errors.ENROLLMENT_CODE_USED)
    record(
        conn,
        device.institution_id,
        audit=[AuditRecord(f"device:{device_id}", "device.enroll", device.prefix, {"device_id": device_id})],
        at=now,
    )
    return get_device(conn, device.institution_id, device.id)  # type: ignore[return-value]


def revoke_device(conn: Connection, device: Device, *, actor: str, now: datetime) -> Device:
    """Refuse every later request of the device; its prefix stays reserved forever."""
    if device.status != REVOKED:
        conn.execute(update(devices).where(devices.c.id == device.id).values(status=REVOKED, revoked_at=now))
        record(
            conn,
            device.institution_id,
            audit=[AuditRecord(actor, "device.revoke", device.prefix, {"device_id": device.device_id})],
            at=now,
        )
    return get_device(conn, device.institution_id, device.id)  # type: ignore[return-value]


def record_device_report(
    conn: Connection,
    device_id: str,
    *,
    now: datetime,
    pending_count: int | None = None,
    app_version: str | None = None,
) -> None:
    """What the device said about itself (for the coordinator's "who has not synced" view)."""
    values: dict[str, Any] = {"last_seen_at": now}
    if pending_count is not None:
        values["pending_count"] = pending_count
    if app_version is not None:
        values["app_version"] = app_version
    conn.execute(update(devices).where(devices.c.device_id == device_id).values(**values))


def remember_nonce(conn: Connection, device_id: str, nonce: str, expires_at: int) -> bool:
    """Store a request nonce until it expires; False if the device already used it (a replay)."""
    statement = insert_ignoring_conflicts(conn, nonces).values(
        device_id=device_id, nonce=nonce, expires_at=expires_at
    )
    return conn.execute(statement.returning(nonces.c.nonce)).first() is not None


def purge_nonces(conn: Connection, now_timestamp: int) -> int:
    """Forget nonces whose timestamps can no longer pass the clock check anyway."""
    return conn.execute(delete(nonces).where(nonces.c.expires_at < now_timestamp)).rowcount
