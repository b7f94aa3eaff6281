"""Sync bundles received (from relays and the console) and what devices report about their clocks:
the coordinator's view of sites that sync by USB stick, and of device health.

``bundles`` keeps one row per bundle (a bundle uploaded again updates its row: the newest
acknowledgement, who brought it last, how many times), with the acknowledgement file, so the console
can offer it for download again. ``device_clocks`` keeps the last clock skew each device reported in a
direct sync. Migration 0003 creates both; the migration test compares them like every other table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    and_,
    func,
    select,
    update,
)

from sync_server.storage.schema import INSTITUTION_FK, devices, metadata
from sync_server.storage.types import UTCDateTime
from sync_server.storage.upsert import insert_ignoring_conflicts

bundles = Table(
    "bundles",
    metadata,
    Column("bundle_id", String(26), primary_key=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    Column("device_id", String(24), nullable=False),
    #: when the device wrote it (the device's clock): the coordinator's visit
    Column("created_at", UTCDateTime, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("last_received_at", UTCDateTime, nullable=False),
    Column("uploads", Integer, nullable=False),
    Column("uploaded_by", String(100), nullable=False),
    Column("items", Integer, nullable=False),
    Column("accepted", Integer, nullable=False),
    Column("duplicates", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    Column("waiting", Integer, nullable=False),
    Column("pending_count", Integer, nullable=False),
    Column("app_version", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("ack", LargeBinary, nullable=False),
    Index(None, "institution_id", "device_id", "created_at"),
)

device_clocks = Table(
    "device_clocks",
    metadata,
    Column("device_id", String(24), primary_key=True),
    Column("institution_id", String(64), ForeignKey(INSTITUTION_FK), nullable=False),
    #: the device's clock minus the server's, in seconds, as the device measured it against /ping
    Column("skew_seconds", Integer, nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
)


@dataclass(frozen=True, slots=True)
class BundleRow:
    bundle_id: str
    institution_id: str
    device_id: str
    created_at: datetime
    received_at: datetime
    last_received_at: datetime
    uploads: int
    uploaded_by: str
    items: int
    accepted: int
    duplicates: int
    rejected: int
    waiting: int
    pending_count: int
    app_version: str
    size: int


_SUMMARY_COLUMNS = [c for c in bundles.c if c.name != "ack"]


def _row(row: object) -> BundleRow:
    return BundleRow(*(getattr(row, c.name) for c in _SUMMARY_COLUMNS))


def record_bundle(conn: Connection, values: dict[str, object], ack: bytes, now: datetime) -> bool:
    """Store a received bundle; the same bundle again keeps its first counts and takes the newest
    acknowledgement. True when it was new."""
    created = conn.execute(
        insert_ignoring_conflicts(conn, bundles)
        .values(**values, ack=ack, received_at=now, last_received_at=now, uploads=1)
        .returning(bundles.c.bundle_id)
    ).first()
    if created is None:
        conn.execute(
            update(bundles)
            .where(bundles.c.bundle_id == values["bundle_id"])
            .values(
                ack=ack,
                last_received_at=now,
                uploads=bundles.c.uploads + 1,
                uploaded_by=values["uploaded_by"],
            )
        )
    return created is not None


def get_bundle(conn: Connection, institution_ids: list[str], bundle_id: str) -> BundleRow | None:
    row = conn.execute(
        select(*_SUMMARY_COLUMNS).where(
            bundles.c.bundle_id == bundle_id, bundles.c.institution_id.in_(institution_ids)
        )
    ).first()
    return _row(row) if row else None


def bundle_ack(conn: Connection, institution_ids: list[str], bundle_id: str) -> bytes | None:
    """The latest acknowledgement of a bundle of one of these institutions."""
    row = conn.execute(
        select(bundles.c.ack).where(
            bundles.c.bundle_id == bundle_id, bundles.c.institution_id.in_(institution_ids)
        )
    ).first()
    return bytes(row.ack) if row else None


def recent_bundles(conn: Connection, institution_ids: list[str], limit: int = 50) -> list[BundleRow]:
    rows = conn.execute(
        select(*_SUMMARY_COLUMNS)
        .where(bundles.c.institution_id.in_(institution_ids))
        .order_by(bundles.c.last_received_at.desc())
        .limit(limit)
    )
    return [_row(row) for row in rows]


def latest_bundles(conn: Connection, institution_ids: list[str]) -> dict[str, BundleRow]:
    """Each device's most recent bundle (by the device's own date of writing it)."""
    newest = (
        select(bundles.c.device_id, func.max(bundles.c.created_at).label("created_at"))
        .where(bundles.c.institution_id.in_(institution_ids))
        .group_by(bundles.c.device_id)
        .subquery()
    )
    rows = conn.execute(
        select(*_SUMMARY_COLUMNS).join(
            newest,
            and_(bundles.c.device_id == newest.c.device_id, bundles.c.created_at == newest.c.created_at),
        )
    )
    return {row.device_id: _row(row) for row in rows}


def record_clock_skew(
    conn: Connection, institution_id: str, device_id: str, skew_seconds: int, now: datetime
) -> None:
    updated = conn.execute(
        update(device_clocks)
        .where(device_clocks.c.device_id == device_id)
        .values(skew_seconds=skew_seconds, checked_at=now)
    ).rowcount
    if not updated:
        conn.execute(
            insert_ignoring_conflicts(conn, device_clocks).values(
                device_id=device_id, institution_id=institution_id, skew_seconds=skew_seconds, checked_at=now
            )
        )


def clock_skews(conn: Connection, institution_ids: list[str]) -> dict[str, tuple[int, datetime]]:
    rows = conn.execute(select(device_clocks).where(device_clocks.c.institution_id.in_(institution_ids)))
    return {row.device_id: (row.skew_seconds, row.checked_at) for row in rows}


def undo_last_seen(conn: Connection, device_id: str, before: datetime | None, stamped: datetime) -> None:
    """Put back a device's ``last_seen_at`` that a push on its behalf (from a bundle) set to ``stamped``,
    unless the device itself synced meanwhile: "last direct sync" must stay what the device did."""
    conn.execute(
        update(devices)
        .where(devices.c.device_id == device_id, devices.c.last_seen_at == stamped)
        .values(last_seen_at=before)
    )
