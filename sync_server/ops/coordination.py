"""What the console's coordination page calls: device health, bundle uploads, acknowledgement files.

Device health: per device, how the server last heard from it (a direct sync or a
bundle carried by hand), what it reported (pending items, app version, clock skew), and whether the
site has gone silent for too long.

A direct sync stamps ``devices.last_seen_at`` (pushes, health checks) and reports pending items and
version at its end; a bundle carries the same reports as of when the device wrote it. The newer of the
two wins for "pending" and "version". Bundles do not stamp ``last_seen_at`` (:mod:`.bundles` puts it
back), so "last direct sync" and "last bundle" stay apart. Clock skew comes only from direct syncs:
a bundle's date is the device's clock, and how long it travelled is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

from shared import errors
from shared.errors import TamboError
from shared.protocol.bundle_acks import ACK_SUFFIX
from shared.protocol.bundles import bundle_stem
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.bundles import BundleReceipt, Uploader, receive_bundle
from sync_server.ops.console_auth import actor_of
from sync_server.ops.device_admin import institutions_of
from sync_server.storage.bundles import (
    BundleRow,
    bundle_ack,
    clock_skews,
    get_bundle,
    latest_bundles,
    recent_bundles,
)
from sync_server.storage.devices import ACTIVE, Device, device_by_device_id, list_devices
from sync_server.storage.users import User

#: Sites not heard from (by any way) for this many days are highlighted, unless the page asks otherwise.
DEFAULT_SILENT_DAYS = 7
#: A clock further off than this is pointed out (receipts would print a wrong date and time).
CLOCK_WARNING_SECONDS = 120


@dataclass(frozen=True)
class DeviceHealth:
    device: Device
    last_bundle: BundleRow | None
    pending: int | None
    pending_as_of: datetime | None
    app_version: str | None
    clock_skew_seconds: int | None
    clock_checked_at: datetime | None
    last_heard: datetime | None
    silent_days: int | None  # whole days since last heard (None: never heard)
    silent: bool

    @property
    def last_direct_sync(self) -> datetime | None:
        return self.device.last_seen_at

    @property
    def clock_wrong(self) -> bool:
        return self.clock_skew_seconds is not None and abs(self.clock_skew_seconds) > CLOCK_WARNING_SECONDS


def _health(
    device: Device, bundle: BundleRow | None, clock: tuple[int, datetime] | None, now: datetime, days: int
) -> DeviceHealth:
    direct = device.last_seen_at
    carried = bundle.created_at if bundle else None
    bundle_newer = bundle is not None and (direct is None or bundle.created_at > direct)
    pending = bundle.pending_count if bundle_newer and bundle else device.pending_count
    version = bundle.app_version if bundle_newer and bundle else device.app_version
    heard = max((at for at in (direct, carried) if at is not None), default=None)
    silent_days = (now - heard).days if heard else None
    silent = device.status == ACTIVE and (heard is None or now - heard >= timedelta(days=days))
    return DeviceHealth(
        device=device,
        last_bundle=bundle,
        pending=pending,
        pending_as_of=carried if bundle_newer else direct,
        app_version=version,
        clock_skew_seconds=clock[0] if clock else None,
        clock_checked_at=clock[1] if clock else None,
        last_heard=heard,
        silent_days=silent_days,
        silent=silent,
    )


def device_health(
    server: Server,
    user: User,
    institution_id: str,
    *,
    silent_days: int = DEFAULT_SILENT_DAYS,
    now: datetime | None = None,
) -> list[DeviceHealth]:
    """The devices of one institution the user looks after (CONSOLE_ROLE for any other), silent first."""
    _check_scope(server, user, institution_id)
    now = now or datetime.now(UTC)
    with server.db.read() as conn:
        devices = list_devices(conn, institution_id)
        bundles = latest_bundles(conn, [institution_id])
        clocks = clock_skews(conn, [institution_id])
    rows = [
        _health(d, bundles.get(d.device_id or ""), clocks.get(d.device_id or ""), now, silent_days)
        for d in devices
    ]
    return sorted(rows, key=lambda r: (not r.silent, r.last_heard or datetime.min.replace(tzinfo=UTC)))


def bundle_history(server: Server, user: User, institution_id: str, limit: int = 30) -> list[BundleRow]:
    _check_scope(server, user, institution_id)
    with server.db.read() as conn:
        return recent_bundles(conn, [institution_id], limit)


def upload_bundle(server: Server, user: User, source: BinaryIO, name: str) -> BundleReceipt:
    """A bundle a coordinator brought (the upload form): only of devices of institutions they look after."""
    roles.require(user, roles.DEVICES_MANAGE)
    allowed = [institution.id for institution in institutions_of(server, user)]
    return receive_bundle(server, source, name=name, uploader=Uploader(actor_of(user), allowed))


def ack_file(server: Server, user: User, bundle_id: str) -> tuple[str, bytes]:
    """The latest acknowledgement of a bundle, and the file name it goes by (like the bundle's)."""
    allowed = [institution.id for institution in institutions_of(server, user)]
    with server.db.read() as conn:
        row = get_bundle(conn, allowed, bundle_id)
        ack = bundle_ack(conn, allowed, bundle_id)
        device = device_by_device_id(conn, row.device_id) if row else None
    if row is None or ack is None:
        raise TamboError(errors.REQUEST_NOT_FOUND)
    return bundle_stem(device.prefix if device else None, row.created_at) + ACK_SUFFIX, ack


def _check_scope(server: Server, user: User, institution_id: str) -> None:
    if institution_id not in {institution.id for institution in institutions_of(server, user)}:
        raise TamboError(errors.CONSOLE_ROLE, params={"role": user.role})
