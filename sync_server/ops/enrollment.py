"""Enrolling devices: ``device add`` reserves a device and prints a one-time code (and writes a
ticket and a QR image); the device later sends the code with its public key.

The code is read over the phone, so it uses the tracking-code alphabet (no I, L, O, U, V) in groups
of four, and what people mistype (O for 0, lower case, missing dashes) is forgiven. It carries 59
random bits and works once, so guessing is hopeless; only its SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import segno

from shared import errors
from shared.crypto import device_id_for, ed25519_public_from_text
from shared.errors import TamboError
from shared.protocol import EnrollmentTicket, EnrollRequest, EnrollResponse, encode
from shared.tracking import ALPHABET, normalize_tracking_input
from sync_server.context import Server
from sync_server.storage.devices import (
    PENDING,
    Device,
    activate_device,
    device_by_code_hash,
    device_by_device_id,
    reserve_device,
)
from sync_server.storage.institutions import Institution, require_institution

CODE_GROUPS = 3
GROUP_LENGTH = 4


def new_enrollment_code() -> str:
    """``XXXX-XXXX-XXXX`` from the tracking alphabet (31**12, about 2**59 codes)."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(CODE_GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def code_hash(code: str) -> str:
    """What is stored for a code: the hash of its normalised form (so "k7m2 9qxa..." matches)."""
    return hashlib.sha256(normalize_tracking_input(code).encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True)
class IssuedDevice:
    device: Device
    code: str
    ticket: EnrollmentTicket


def issue_device(
    server: Server, institution_id: str, name: str, *, actor: str, now: datetime | None = None
) -> IssuedDevice:
    """Reserve a device with a tracking prefix and a one-time code that expires after the setting's days."""
    now = now or datetime.now(UTC)
    code = new_enrollment_code()
    expires_at = now + timedelta(days=server.settings.enrollment_code_days)
    with server.db.write() as conn:
        institution = require_institution(conn, institution_id)
        device = reserve_device(
            conn,
            institution_id,
            name,
            code_hash=code_hash(code),
            code_expires_at=expires_at,
            actor=actor,
            now=now,
        )
    ticket = EnrollmentTicket(
        server_url=server.settings.public_url,
        code=code,
        device_name=name,
        device_prefix=device.prefix,
        institution_id=institution.id,
        institution_name=institution.name,
        institution_public_key=institution.public_key,
        institution_key_id=institution.key_id,
        expires_at=expires_at,
    )
    return IssuedDevice(device, code, ticket)


def write_ticket(ticket: EnrollmentTicket, path: Path) -> None:
    """The ticket as JSON, readable only by its owner (it carries a live code)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.write_bytes(encode(ticket) + b"\n")


def write_ticket_qr(ticket: EnrollmentTicket, path: Path) -> None:
    """A QR image carrying the ticket JSON, for a device with a camera or a scanner; readable only by its
    owner, like the ticket (it carries the same live code)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    segno.make(encode(ticket).decode("utf-8"), error="m", micro=False).save(str(path), scale=4, border=4)


def _response(device: Device, institution: Institution, now: datetime) -> EnrollResponse:
    return EnrollResponse(
        device_id=device.device_id,
        device_prefix=device.prefix,
        institution_id=institution.id,
        institution_name=institution.name,
        institution_public_key=institution.public_key,
        institution_key_id=institution.key_id,
        server_time=now,
    )


def enroll(server: Server, request: EnrollRequest, now: datetime | None = None) -> EnrollResponse:
    """Register the device's key with its one-time code.

    A retry by the same key after a lost answer gets the same answer again; anyone else presenting a
    used code gets ``enrollment.code_used``.
    """
    now = now or datetime.now(UTC)
    public = ed25519_public_from_text(request.device_public_key)
    device_id = device_id_for(public)
    with server.db.write() as conn:
        device = device_by_code_hash(conn, code_hash(request.code))
        if device is None:
            raise TamboError(errors.ENROLLMENT_CODE_INVALID)
        institution = require_institution(conn, device.institution_id)
        if device.status != PENDING:
            if device.public_key == request.device_public_key and device.status != "revoked":
                return _response(device, institution, now)
            raise TamboError(errors.ENROLLMENT_CODE_USED)
        if device.code_expires_at is not None and device.code_expires_at < now:
            raise TamboError(
                errors.ENROLLMENT_CODE_EXPIRED, details={"expired_at": device.code_expires_at.isoformat()}
            )
        if device_by_device_id(conn, device_id) is not None:
            raise TamboError(errors.ENROLLMENT_KEY_IN_USE)
        device = activate_device(
            conn,
            device,
            device_id=device_id,
            public_key=request.device_public_key,
            app_version=request.app_version,
            platform=request.platform,
            now=now,
        )
    return _response(device, institution, now)
