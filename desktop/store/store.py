"""The encrypted store of one device: ``$TAMBO_HOME`` with its database, key slots and sealed blobs.

Layout::

    keyslots.json, keyslots.backup.json   the database key, wrapped (never in the clear)
    tambo.db, tambo.db-wal, tambo.db-shm  SQLCipher database (pages encrypted, WAL included)
    blobs/ab/abcd...                      sealed attachments, named by their sealed SHA-256
    blobs/incoming/                       sealed attachments of a save not yet committed

A store "exists" once its key slots exist: they are written first, so a first start killed halfway
is finished by the next one (migrations, device key and demo catalog are idempotent steps). Opening
runs the migrations, makes the device key at first use, loads the demo catalog into an empty cache,
and finishes blob moves a crash interrupted.

Every call on the database goes through the one store thread (:class:`~desktop.store.writer.StoreThread`):
``write(fn)`` for a ``BEGIN IMMEDIATE`` transaction, ``read(fn)`` for a consistent snapshot.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.store import audit, catalog, schema  # noqa: F401 - schema registers the migrations
from desktop.store.blobs import DEFAULT_GRACE_SECONDS, BlobStore
from desktop.store.identity import ensure_identity
from desktop.store.keyslots import KeySlot, KeySlots, slots_exist
from desktop.store.migrations import MIGRATIONS
from desktop.store.sqlcipher import Database, connect
from desktop.store.submissions import referenced_blobs
from desktop.store.writer import StoreThread
from shared.crypto import KdfParams
from shared.forms import demo_catalog_dir, load_services

DB_FILE = "tambo.db"
BLOBS_DIR = "blobs"

T = TypeVar("T")
log = logging.getLogger(__name__)


def store_exists(home: Path) -> bool:
    """Whether ``home`` holds a Tambo store (its key slots)."""
    return slots_exist(home)


class Store:
    """An open, unlocked store. Use :meth:`create` or one of the ``open_with_*`` constructors."""

    def __init__(
        self, home: Path, slots: KeySlots, key: bytes, unlocked_by: str, thread: StoreThread
    ) -> None:
        self.home = home
        self._slots = slots
        self._key = key
        self.unlocked_by = unlocked_by
        self.thread = thread
        self.blobs = BlobStore(home / BLOBS_DIR)
        self._slots_lock = threading.Lock()

    # --- opening -------------------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        home: Path,
        passphrase: str,
        *,
        label: str = "",
        kdf: KdfParams | None = None,
        load_demo_catalog: bool = True,
    ) -> Store:
        """A new store in ``home`` protected by ``passphrase`` (FileExistsError if one is there)."""
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        slots, key = KeySlots.create(home, passphrase, label=label, params=kdf)
        return cls._open(home, slots, key, slots.slots[0].id, load_demo_catalog=load_demo_catalog)

    @classmethod
    def open_with_passphrase(cls, home: Path, passphrase: str, **options: float) -> Store:
        slots = KeySlots.load(home)
        key, slot_id = slots.unlock_with_passphrase(passphrase)
        return cls._open(home, slots, key, slot_id, **options)

    @classmethod
    def open_with_keyring(cls, home: Path, **options: float) -> Store:
        slots = KeySlots.load(home)
        key = slots.unlock_with_keyring()
        return cls._open(home, slots, key, slots.of_kind("keyring")[0].id, **options)

    @classmethod
    def open_with_recovery(cls, home: Path, institution_private: X25519PrivateKey, **options: float) -> Store:
        slots = KeySlots.load(home)
        key = slots.unlock_with_recovery(institution_private)
        return cls._open(home, slots, key, slots.of_kind("recovery")[0].id, **options)

    @classmethod
    def _open(
        cls,
        home: Path,
        slots: KeySlots,
        key: bytes,
        unlocked_by: str,
        *,
        grace_seconds: float = DEFAULT_GRACE_SECONDS,
        load_demo_catalog: bool = True,
    ) -> Store:
        """Open the database with an already verified key: the part of opening without any KDF."""
        thread = StoreThread(lambda: connect(home / DB_FILE, key))
        store = cls(home, slots, key, unlocked_by, thread)
        try:
            thread.call(MIGRATIONS.apply)
            store.write(lambda db: store._first_use(db, load_demo_catalog))
            store.blobs.recover(
                lambda digests: store.call(lambda db: referenced_blobs(db, digests)), grace_seconds
            )
        except BaseException:
            thread.close()
            raise
        return store

    def _first_use(self, db: Database, load_demo_catalog: bool) -> None:
        if ensure_identity(db):
            audit.append(db, "store.created", self._slots.store_id, {"slot": self.unlocked_by})
        if load_demo_catalog and catalog.is_empty(db):
            for service in load_services(demo_catalog_dir()):
                catalog.import_definition(db, service, "demo")
        audit.append(db, "store.unlocked", self._slots.store_id, {"slot": self.unlocked_by})

    # --- database calls ------------------------------------------------------------------------------
    def write(self, fn: Callable[[Database], T]) -> T:
        """``fn(db)`` in one ``BEGIN IMMEDIATE`` transaction on the store thread."""
        return self.thread.write(fn)

    def read(self, fn: Callable[[Database], T]) -> T:
        """``fn(db)`` in one read transaction on the store thread."""
        return self.thread.read(fn)

    def call(self, fn: Callable[[Database], T]) -> T:
        """``fn(db)`` on the store thread with no transaction around it (pragmas, maintenance)."""
        return self.thread.call(fn)

    def close(self) -> None:
        if self.thread.closed:
            return
        try:
            self.thread.call(lambda db: db.execute("PRAGMA optimize"))
        except Exception:  # a full disk or a busy database must not stop the store from closing
            log.warning("PRAGMA optimize failed while closing the store", exc_info=True)
        finally:
            self.thread.close()

    @property
    def closed(self) -> bool:
        return self.thread.closed

    @property
    def store_id(self) -> str:
        return self._slots.store_id

    # --- key slots -----------------------------------------------------------------------------------
    @property
    def slots(self) -> tuple[KeySlot, ...]:
        return self._slots.slots

    def _change_slots(
        self, change: Callable[[KeySlots], KeySlots], event: str, data: dict[str, str]
    ) -> str | None:
        """Apply a slot change to the file as it is now (another process may have changed it), then
        audit it; returns the id of the slot added, if any."""
        with self._slots_lock:
            before = KeySlots.load(self.home)
            after = change(before)
            self._slots = after
        if after is before:
            return None
        known = {slot.id for slot in before.slots}
        added = next((slot.id for slot in after.slots if slot.id not in known), None)
        payload = {**data, **({"slot": added} if added else {})}
        self.write(lambda db: audit.append(db, event, after.store_id, payload))
        return added

    def add_passphrase(self, passphrase: str, *, label: str = "", kdf: KdfParams | None = None) -> str:
        added = self._change_slots(
            lambda s: s.add_passphrase(self._key, passphrase, label=label, params=kdf),
            "keys.slot_added",
            {"kind": "passphrase"},
        )
        assert added is not None
        return added

    def change_passphrase(self, slot_id: str, passphrase: str, *, kdf: KdfParams | None = None) -> None:
        self._change_slots(
            lambda s: s.change_passphrase(self._key, slot_id, passphrase, params=kdf),
            "keys.passphrase_changed",
            {"slot": slot_id},
        )

    def add_keyring(self) -> str:
        added = self._change_slots(lambda s: s.add_keyring(self._key), "keys.slot_added", {"kind": "keyring"})
        assert added is not None
        return added

    def add_recovery(self, institution_id: str, institution_public: X25519PublicKey) -> str | None:
        return self._change_slots(
            lambda s: s.add_recovery(self._key, institution_id, institution_public),
            "keys.slot_added",
            {"kind": "recovery", "institution_id": institution_id},
        )

    def remove_slot(self, slot_id: str) -> None:
        self._change_slots(lambda s: s.remove(slot_id), "keys.slot_removed", {"slot": slot_id})
