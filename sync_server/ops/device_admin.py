"""The devices page: which devices an institution has, when each last synced and what it still holds,
new enrollment codes (with their QR), and revocation.

Coordinators look after the devices of one or more institutions (``user_institutions``) and never see
citizens' data; admins manage their own institution's devices; auditors only read the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import segno

from shared import errors
from shared.errors import TamboError
from shared.protocol import EnrollmentTicket, encode
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.console_auth import actor_of
from sync_server.ops.enrollment import IssuedDevice, issue_device
from sync_server.storage.accounts import coordinated_institutions
from sync_server.storage.devices import Device, get_device, list_devices, revoke_device
from sync_server.storage.institutions import Institution, get_institution
from sync_server.storage.users import User

#: A device that has not synced for this long is pointed out to the coordinator.
STALE_AFTER = timedelta(days=3)
MAX_NAME = 200


@dataclass(frozen=True)
class DeviceRow:
    device: Device
    stale: bool
    never_synced: bool


def institutions_of(server: Server, user: User) -> list[Institution]:
    """The institutions whose devices this user may see (a coordinator's may be several)."""
    roles.require(user, roles.DEVICES_READ)
    with server.db.read() as conn:
        ids = (
            coordinated_institutions(conn, user) if user.role == roles.COORDINATOR else [user.institution_id]
        )
        found = [get_institution(conn, i) for i in ids]
    return [i for i in found if i is not None]


def _check_scope(server: Server, user: User, institution_id: str) -> None:
    if institution_id not in {i.id for i in institutions_of(server, user)}:
        raise TamboError(errors.CONSOLE_ROLE, params={"role": user.role})


def device_rows(
    server: Server, user: User, institution_id: str, *, now: datetime | None = None
) -> list[DeviceRow]:
    _check_scope(server, user, institution_id)
    now = now or datetime.now(UTC)
    with server.db.read() as conn:
        found = list_devices(conn, institution_id)
    rows = []
    for device in found:
        seen = device.last_seen_at
        active = device.status == "active"
        rows.append(DeviceRow(device, active and seen is not None and now - seen > STALE_AFTER, seen is None))
    return rows


def create_enrollment(server: Server, user: User, institution_id: str, name: str) -> IssuedDevice:
    roles.require(user, roles.DEVICES_MANAGE)
    _check_scope(server, user, institution_id)
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise TamboError(
            errors.CONSOLE_INPUT,
            params={"field": "nombre del equipo", "problem": f"de 1 a {MAX_NAME} caracteres"},
        )
    return issue_device(server, institution_id, name, actor=actor_of(user))


def revoke(server: Server, user: User, institution_id: str, device_pk: int) -> Device:
    roles.require(user, roles.DEVICES_MANAGE)
    _check_scope(server, user, institution_id)
    with server.db.write() as conn:
        device = get_device(conn, institution_id, device_pk)
        if device is None:
            raise TamboError(errors.DEVICE_NOT_FOUND, params={"device": str(device_pk)})
        return revoke_device(conn, device, actor=actor_of(user), now=datetime.now(UTC))


def ticket_qr_svg(ticket: EnrollmentTicket) -> str:
    """The enrollment ticket as an inline SVG QR code (the same content as ``device add --qr``)."""
    qr = segno.make(encode(ticket).decode("utf-8"), error="m", micro=False)
    return qr.svg_inline(scale=3, border=4, dark="#000", light="#fff", title="QR")


def ticket_json(ticket: EnrollmentTicket) -> str:
    return encode(ticket).decode("utf-8")
