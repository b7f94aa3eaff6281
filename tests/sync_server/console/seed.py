"""Synthetic cases written straight into the tables (no sealing, no HTTP): for inbox and dashboard tests
that need many rows with known dates, statuses and units, on both backends."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from shared.ids import new_ulid
from shared.tracking import make_tracking_code
from sync_server.storage import Database
from sync_server.storage.schema import devices, submissions

SERVICES = {
    "solicitud-general": "tramite-documentario",
    "constancia-domiciliaria": "registro-civil",
    "libro-reclamaciones": "atencion-reclamos",
}
STATUSES = ("received", "in_review", "observed", "assigned", "approved", "resolved", "rejected")
NAMES = ("Rosa Mamani", "Juan Quispe", "María Condori", "Pedro Huanca", "Lucía Apaza", "José Ticona")


@dataclass
class SeedDevice:
    device_id: str
    prefix: str
    serial: int = 0


def seed_device(db: Database, institution_id: str, prefix: str = "SEED") -> SeedDevice:
    device = SeedDevice(f"dev{prefix.lower()}{'0' * 16}"[:24], prefix)
    now = datetime.now(UTC)
    with db.write() as conn:
        conn.execute(
            insert(devices).values(
                institution_id=institution_id,
                name=f"Semilla {prefix}",
                prefix=prefix,
                device_id=device.device_id,
                public_key="x" * 43,
                status="active",
                created_at=now,
            )
        )
    return device


def case_row(
    institution_id: str, device: SeedDevice, rng: random.Random, day: date, **overrides: Any
) -> dict[str, Any]:
    device.serial += 1
    service = rng.choice(sorted(SERVICES))
    status = rng.choice(STATUSES)
    at = datetime(day.year, day.month, day.day, 15, tzinfo=UTC)
    row = {
        "id": new_ulid(),
        "institution_id": institution_id,
        "device_id": device.device_id,
        "pushed_by": device.device_id,
        "service_id": service,
        "form_version": 1,
        "tracking_code": make_tracking_code(device.prefix, device.serial),
        "created_at": at,
        "created_day": day,
        "device_seq": device.serial,
        "official_date": day,
        "due_date": day + timedelta(days=rng.choice((3, 7, 14))),
        "received_at": at,
        "status": status,
        "status_at": at,
        "unit_code": SERVICES[service],
        "applicant_name": rng.choice(NAMES),
        "applicant_id": f"{rng.randrange(10**7, 10**8)}",
        "answers": {"nombres": "x"},
        "details": {},
        "envelope": "{}",
        "envelope_sha256": "0" * 64,
        "closed_at": at + timedelta(days=2) if status in ("resolved", "rejected") else None,
    }
    row.update(overrides)
    return row


def seed_cases(
    db: Database,
    institution_id: str,
    device: SeedDevice,
    count: int,
    *,
    seed: int = 7,
    first_day: date = date(2026, 1, 5),
    **overrides: Any,
) -> list[dict[str, Any]]:
    """``count`` cases over consecutive days from ``first_day`` (a few per day), inserted in order."""
    rng = random.Random(seed)
    rows = [
        case_row(institution_id, device, rng, first_day + timedelta(days=i // 4), **overrides)
        for i in range(count)
    ]
    with db.write() as conn:
        for start in range(0, len(rows), 500):
            conn.execute(insert(submissions), rows[start : start + 500])
    return rows
