"""``LocalBackend``: the real :class:`~desktop.ops.api.DesktopBackend`, over the encrypted store.

Every method may be called from any thread (the window calls them through ``run_op`` on a thread
pool; the CLI from its main thread); all database work runs on the store's one thread. Methods raise
``TamboError`` with stable codes for anything a person must be told.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.ops import views
from desktop.ops.api import DeviceInfo, Draft, NewSubmission, StatusLookup, SubmissionDetail, SubmissionRow
from desktop.ops.catalog_cache import CatalogCache
from desktop.ops.receipts import DEFAULT_OFFICE
from desktop.ops.saving import SavedSubmission, save_submission
from desktop.store import Store, audit, catalog, drafts, identity, pulled, settings, store_exists, submissions
from desktop.store.audit import AuditReport
from desktop.store.keyslots import KeySlot
from desktop.store.os_keyring import keyring_available
from shared import errors
from shared.crypto import KdfParams
from shared.errors import TamboError
from shared.forms import ServiceDefinition, load_service
from shared.protocol import EnrollmentTicket, decode
from shared.protocol.errors import ProtocolError
from shared.tracking import parse_tracking_code

__all__ = ["CatalogImport", "LocalBackend", "has_keyring_slot", "store_exists"]


def has_keyring_slot(home: Path) -> bool:
    """Whether the store in ``home`` can be opened from the OS keystore (an unattended kiosk)."""
    from desktop.store.keyslots import KeySlots

    if not store_exists(home):
        return False
    try:
        return bool(KeySlots.load(home).of_kind("keyring"))
    except TamboError:
        return False


@dataclass(frozen=True, slots=True)
class CatalogImport:
    service_id: str
    form_version: int
    added: bool  # False: the same version was already there


class LocalBackend:
    """The desktop's operations on an open :class:`~desktop.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        #: The device clock (the filing time); tests set a fixed one.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.catalog = CatalogCache(store.read)
        self._tz_lock = threading.Lock()
        self._tz: ZoneInfo | None = None

    # --- opening -------------------------------------------------------------------------------------
    @classmethod
    def open(cls, home: Path, passphrase: str, *, kdf: KdfParams | None = None) -> LocalBackend:
        """Open the store in ``home`` with the staff passphrase, creating it on first use."""
        if store_exists(home):
            return cls(Store.open_with_passphrase(home, passphrase))
        return cls(Store.create(home, passphrase, kdf=kdf))

    @classmethod
    def open_with_keyring(cls, home: Path) -> LocalBackend:
        return cls(Store.open_with_keyring(home))

    @classmethod
    def recover(
        cls,
        home: Path,
        institution_private: X25519PrivateKey,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
    ) -> LocalBackend:
        """Open through the recovery slot (the institution's key) and add a new staff passphrase."""
        backend = cls(Store.open_with_recovery(home, institution_private))
        backend.store.add_passphrase(new_passphrase, label="Clave nueva (recuperación)", kdf=kdf)
        return backend

    def close(self) -> None:
        self.store.close()

    @property
    def tz(self) -> ZoneInfo:
        with self._tz_lock:
            if self._tz is None:
                self._tz = ZoneInfo(self.store.read(settings.calendar).tz)
            return self._tz

    # --- catalog -------------------------------------------------------------------------------------
    def services(self, audience: str = "counter") -> list[ServiceDefinition]:
        return [service for service in self.catalog.current() if audience in service.audience]

    def import_catalog(self, paths: Iterable[Path]) -> list[CatalogImport]:
        """Check and store definition files, all or none (DefinitionError names every problem)."""
        services = [load_service(path) for path in paths]

        def store_all(db: Any) -> list[CatalogImport]:
            return [
                CatalogImport(s.id, s.form.version, catalog.import_definition(db, s, "file"))
                for s in services
            ]

        return self.store.write(store_all)

    # --- saving --------------------------------------------------------------------------------------
    def save_submission(self, new: NewSubmission) -> SubmissionDetail:
        service = self.catalog.version(new.service_id, new.form_version)
        device = self.store.read(identity.load_identity).require_provisioned()
        saved: SavedSubmission = save_submission(
            service,
            new,
            institution_public=device.institution_public,
            tz=self.tz.key,
            blobs=self.store.blobs,
            write=self.store.write,
            filed_at=self.clock(),
        )
        return self.submission(saved.row.id)

    def save_draft(
        self, draft_id: str | None, service_id: str, form_version: int, answers: dict[str, Any]
    ) -> str:
        return self.store.write(lambda db: drafts.save(db, draft_id, service_id, form_version, answers))

    def drafts(self) -> list[Draft]:
        return [
            Draft(draft_id, service_id, version, answers, datetime.fromisoformat(updated_at))
            for draft_id, service_id, version, answers, updated_at in self.store.read(drafts.all_drafts)
        ]

    def delete_draft(self, draft_id: str) -> None:
        self.store.write(lambda db: drafts.delete(db, draft_id))

    # --- the local list ------------------------------------------------------------------------------
    def search(self, text: str = "", limit: int = 200, offset: int = 0) -> list[SubmissionRow]:
        rows = self.store.read(lambda db: submissions.search(db, text, limit, offset))
        return [views.submission_row(row, self.tz) for row in rows]

    def count(self, text: str = "") -> int:
        return self.store.read(lambda db: submissions.count(db, text))

    def submission(self, id_or_code: str) -> SubmissionDetail:
        def load(db: Any) -> tuple[Any, ...]:
            stored = submissions.find(db, id_or_code)
            if stored is None:
                return (None, [], [], [])
            sid = stored.row.id
            return (
                stored,
                audit.entries_for(db, sid),
                pulled.status_history(db, sid),
                pulled.messages_of(db, sid),
            )

        stored, entries, statuses, messages = self.store.read(load)
        if stored is None:
            raise TamboError(errors.REQUEST_NOT_FOUND, details={"submission": id_or_code})
        service = self.catalog.version(stored.row.service_id, stored.row.form_version)
        return views.submission_detail(
            stored, service, self.tz, views.history(entries, statuses, messages, self.tz)
        )

    # --- the device ----------------------------------------------------------------------------------
    def device_info(self) -> DeviceInfo:
        def load(db: Any) -> tuple[Any, ...]:
            return (
                identity.load_identity(db),
                settings.get_setting(db, settings.OFFICE),
                settings.last_sync_at(db),
            )

        device, office, last_sync = self.store.read(load)
        return DeviceInfo(
            institution_name=device.institution_name or "",
            office=office or device.device_name or DEFAULT_OFFICE,
            device_name=device.device_name or "",
            device_id=device.device_id,
            provisioned=device.provisioned,
            registered=device.registered,
            server_url=device.server_url,
            last_sync_at=last_sync,
        )

    def lookup_status(self, tracking_code: str, id_last_digits: str) -> StatusLookup:
        code = str(parse_tracking_code(tracking_code))  # TrackingCodeError says what was mistyped

        def load(db: Any) -> tuple[Any, ...]:
            stored = submissions.find(db, code)
            messages = pulled.messages_of(db, stored.row.id) if stored else []
            return stored, messages, settings.last_sync_at(db)

        stored, messages, last_sync = self.store.read(load)
        return views.status_lookup(stored, id_last_digits, messages, last_sync, self.tz)

    def enroll(self, ticket: EnrollmentTicket | Path) -> bool:
        """Provision this device from an enrollment ticket (offline); True if anything changed.

        Adds the recovery slot sealed to the institution's key, so the institution can reopen this
        device's data if every staff passphrase is forgotten.
        """
        if isinstance(ticket, Path):
            ticket = read_ticket(ticket)
        changed = self.store.write(lambda db: identity.provision(db, ticket))
        device = self.store.read(identity.load_identity)
        assert device.institution_public is not None
        self.store.add_recovery(device.institution_id or "", device.institution_public)
        return changed

    def kiosk_pin_hash(self) -> str | None:
        return self.store.read(lambda db: settings.get_setting(db, settings.KIOSK_PIN_HASH))

    def set_kiosk_pin_hash(self, pin_hash: str) -> None:
        def store_pin(db: Any) -> None:
            settings.set_setting(db, settings.KIOSK_PIN_HASH, pin_hash)
            audit.append(db, "kiosk.pin_set", None, {})

        self.store.write(store_pin)

    def set_office(self, office: str) -> None:
        self.store.write(lambda db: settings.set_setting(db, settings.OFFICE, office))

    # --- integrity and keys --------------------------------------------------------------------------
    def verify_audit(self) -> AuditReport:
        return self.store.read(audit.verify_chain)

    def key_slots(self) -> tuple[KeySlot, ...]:
        return self.store.slots

    def add_passphrase(self, passphrase: str, *, label: str = "", kdf: KdfParams | None = None) -> str:
        return self.store.add_passphrase(passphrase, label=label, kdf=kdf)

    def change_passphrase(
        self, passphrase: str, slot_id: str | None = None, *, kdf: KdfParams | None = None
    ) -> str:
        """Replace the passphrase of ``slot_id`` (default: the slot this session was opened with)."""
        slot_id = slot_id or self.store.unlocked_by
        self.store.change_passphrase(slot_id, passphrase, kdf=kdf)
        return slot_id

    def add_keyring_slot(self) -> str:
        if not keyring_available():
            raise TamboError(errors.STORE_KEYRING_UNAVAILABLE)
        return self.store.add_keyring()

    def remove_slot(self, slot_id: str) -> None:
        self.store.remove_slot(slot_id)


def read_ticket(path: Path) -> EnrollmentTicket:
    """An enrollment ticket from its JSON file, with a clear error for anything else."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TamboError(
            errors.ENROLLMENT_TICKET_INVALID, params={"problem": exc.strerror or str(exc)}
        ) from None
    try:
        return decode(EnrollmentTicket, data)
    except ProtocolError as exc:
        raise TamboError(errors.ENROLLMENT_TICKET_INVALID, params={"problem": exc.message()}) from None
