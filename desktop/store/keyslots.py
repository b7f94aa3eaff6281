"""Key slots: the random database key, wrapped in several ways, in ``keyslots.json`` beside the database.

The database key is 32 random bytes and never touches the disk in the clear. Each slot is one way to
recover it:

* ``passphrase``: the staff passphrase through Argon2id (:func:`shared.crypto.wrap_key`);
* ``keyring``: a random wrapping key kept in the OS keystore (:mod:`desktop.store.os_keyring`), for
  unattended kiosks; the slot itself is AES-GCM under that key (:func:`shared.crypto.wrap_key_with_key`);
* ``recovery``: the key sealed (HPKE) to the institution's public key, so the institution can reopen a
  device whose staff forgot every passphrase; nobody on the device can open it.

The file also holds a key check (an HMAC of a fixed text under the key), so an unwrapped key is known to
be this store's before the database is touched, and a slot pasted from another device is refused. The
file is written twice (``keyslots.json`` and ``keyslots.backup.json``), each atomically, because losing
it loses the data: with both gone nothing can open the database. A wrong passphrase changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.store import os_keyring
from desktop.store.files import replace_durably
from shared import errors
from shared.crypto import (
    CryptoError,
    KdfParams,
    b64d,
    b64e,
    key_id,
    open_sealed,
    seal,
    unwrap_key,
    unwrap_key_with_key,
    wrap_key,
    wrap_key_with_key,
)
from shared.errors import TamboError
from shared.ids import new_ulid

SLOTS_FILE = "keyslots.json"
BACKUP_FILE = "keyslots.backup.json"
FORMAT = "tambo-keyslots"
VERSION = 1
KEY_LENGTH = 32
MIN_PASSPHRASE_LENGTH = 8
_CHECK_LABEL = b"tambo/keyslots/key-check/v1:"
_RECOVERY_CONTEXT = b"tambo/keyslots/recovery/v1:"

SlotKind = Literal["passphrase", "keyring", "recovery"]
#: Kinds that can open the store on this device by themselves (a recovery slot needs the institution).
USABLE_KINDS = frozenset({"passphrase", "keyring"})


@dataclass(frozen=True, slots=True)
class KeySlot:
    id: str
    kind: SlotKind
    label: str
    created_at: str
    blob: bytes
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "created_at": self.created_at,
            "blob": b64e(self.blob),
            **({"extra": self.extra} if self.extra else {}),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> KeySlot:
        return cls(
            id=str(raw["id"]),
            kind=raw["kind"],
            label=str(raw.get("label", "")),
            created_at=str(raw.get("created_at", "")),
            blob=b64d(raw["blob"]),
            extra={str(k): str(v) for k, v in (raw.get("extra") or {}).items()},
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE_LENGTH:
        raise TamboError(errors.STORE_PASSPHRASE_TOO_SHORT, params={"min": MIN_PASSPHRASE_LENGTH})


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def slots_exist(home: Path) -> bool:
    return (home / SLOTS_FILE).exists() or (home / BACKUP_FILE).exists()


@dataclass(frozen=True)
class KeySlots:
    """The content of ``keyslots.json``: immutable; every change returns a new value and saves it."""

    home: Path
    store_id: str
    key_check: str
    slots: tuple[KeySlot, ...]

    # --- files ---------------------------------------------------------------------------------------
    def _to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "key_check": self.key_check,
            "slots": [slot.to_json() for slot in self.slots],
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")

    def save(self) -> KeySlots:
        data = self._to_bytes()
        self.home.mkdir(parents=True, exist_ok=True)
        replace_durably(self.home / SLOTS_FILE, data)
        replace_durably(self.home / BACKUP_FILE, data)
        return self

    @classmethod
    def _parse(cls, home: Path, data: bytes) -> KeySlots:
        raw = json.loads(data)
        if raw.get("format") != FORMAT:
            raise ValueError("not a key slot file")
        if raw.get("version") != VERSION:
            raise TamboError(errors.STORE_TOO_NEW, details={"keyslots_version": raw.get("version")})
        return cls(
            home,
            str(raw["store_id"]),
            str(raw["key_check"]),
            tuple(KeySlot.from_json(item) for item in raw["slots"]),
        )

    @classmethod
    def load(cls, home: Path) -> KeySlots:
        """Read the slots (the backup when the main file is missing or damaged, repairing the main)."""
        problems = []
        for name in (SLOTS_FILE, BACKUP_FILE):
            path = home / name
            try:
                data = path.read_bytes()
                slots = cls._parse(home, data)
            except FileNotFoundError:
                problems.append(f"{name}: no existe")
                continue
            except TamboError:
                raise
            except (ValueError, KeyError, TypeError, CryptoError) as exc:
                problems.append(f"{name}: {exc}")
                continue
            if name == BACKUP_FILE or _read_or_none(home / BACKUP_FILE) != data:
                slots.save()  # self-repair: both copies say the same again
            return slots
        if not slots_exist(home):
            raise TamboError(errors.STORE_NOT_FOUND, params={"home": str(home)})
        raise TamboError(errors.STORE_DAMAGED, params={"problem": "; ".join(problems)})

    # --- creation and checks -------------------------------------------------------------------------
    @staticmethod
    def _check_value(key: bytes, store_id: str) -> str:
        return b64e(hmac.new(key, _CHECK_LABEL + store_id.encode(), hashlib.sha256).digest()[:16])

    @classmethod
    def create(
        cls, home: Path, passphrase: str, *, label: str = "", params: KdfParams | None = None
    ) -> tuple[KeySlots, bytes]:
        """A fresh random key in a first passphrase slot; returns the saved slots and the key."""
        check_passphrase(passphrase)
        if slots_exist(home):
            raise FileExistsError(home / SLOTS_FILE)
        key = os.urandom(KEY_LENGTH)
        store_id = new_ulid()
        empty = cls(home, store_id, cls._check_value(key, store_id), ())
        return empty.add_passphrase(key, passphrase, label=label, params=params), key

    def verify_key(self, key: bytes) -> bytes:
        """``key`` if it is this store's key; STORE_DAMAGED otherwise (a slot from another device)."""
        if not hmac.compare_digest(self._check_value(key, self.store_id), self.key_check):
            raise TamboError(
                errors.STORE_DAMAGED, params={"problem": "la clave no corresponde a estos datos"}
            )
        return key

    def slot(self, slot_id: str) -> KeySlot:
        for slot in self.slots:
            if slot.id == slot_id:
                return slot
        raise TamboError(errors.STORE_SLOT_NOT_FOUND, params={"slot": slot_id})

    def of_kind(self, kind: SlotKind) -> list[KeySlot]:
        return [slot for slot in self.slots if slot.kind == kind]

    def _next_id(self, kind: SlotKind) -> str:
        numbers = [
            int(s.id.rsplit("-", 1)[1]) for s in self.of_kind(kind) if s.id.rsplit("-", 1)[1].isdigit()
        ]
        return f"{kind}-{max(numbers, default=0) + 1}"

    def _with(self, slots: tuple[KeySlot, ...]) -> KeySlots:
        return replace(self, slots=slots).save()

    # --- unlocking -----------------------------------------------------------------------------------
    def unlock_with_passphrase(self, passphrase: str) -> tuple[bytes, str]:
        """The key and the id of the passphrase slot it opened; CRYPTO_WRONG_PASSPHRASE otherwise."""
        for slot in self.of_kind("passphrase"):
            try:
                return self.verify_key(unwrap_key(slot.blob, passphrase)), slot.id
            except CryptoError as exc:
                if exc.code != errors.CRYPTO_WRONG_PASSPHRASE:
                    raise TamboError(errors.STORE_DAMAGED, params={"problem": f"{slot.id}: {exc}"}) from None
        raise CryptoError(errors.CRYPTO_WRONG_PASSPHRASE)

    def keyring_account(self) -> str:
        return f"store-{self.store_id}"

    def unlock_with_keyring(self) -> bytes:
        slots = self.of_kind("keyring")
        if not slots:
            raise TamboError(errors.STORE_SLOT_NOT_FOUND, params={"slot": "keyring"})
        wrapping = os_keyring.load_secret(slots[0].extra.get("account", self.keyring_account()))
        try:
            return self.verify_key(unwrap_key_with_key(slots[0].blob, wrapping))
        except CryptoError:
            raise TamboError(errors.STORE_KEYRING_SECRET_MISSING) from None

    def _recovery_context(self) -> bytes:
        return _RECOVERY_CONTEXT + self.store_id.encode()

    def unlock_with_recovery(self, institution_private: X25519PrivateKey) -> bytes:
        """The key through the recovery slot, with the institution's private key (kept on the server)."""
        slots = self.of_kind("recovery")
        if not slots:
            raise TamboError(errors.STORE_NO_RECOVERY_SLOT)
        last_error: CryptoError | None = None
        for slot in slots:
            try:
                return self.verify_key(
                    open_sealed(slot.blob, institution_private, context=self._recovery_context())
                )
            except CryptoError as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    # --- changing slots (each returns the new, saved, KeySlots) --------------------------------------
    def add_passphrase(
        self, key: bytes, passphrase: str, *, label: str = "", params: KdfParams | None = None
    ) -> KeySlots:
        check_passphrase(passphrase)
        slot = KeySlot(
            self._next_id("passphrase"),
            "passphrase",
            label or "Clave del personal",
            _now(),
            wrap_key(self.verify_key(key), passphrase, params=params),
        )
        return self._with((*self.slots, slot))

    def change_passphrase(
        self, key: bytes, slot_id: str, passphrase: str, *, params: KdfParams | None = None
    ) -> KeySlots:
        check_passphrase(passphrase)
        old = self.slot(slot_id)
        if old.kind != "passphrase":
            raise TamboError(errors.STORE_SLOT_NOT_FOUND, params={"slot": slot_id})
        new = replace(old, blob=wrap_key(self.verify_key(key), passphrase, params=params), created_at=_now())
        return self._with(tuple(new if s.id == slot_id else s for s in self.slots))

    def add_keyring(self, key: bytes, *, label: str = "") -> KeySlots:
        wrapping = os.urandom(KEY_LENGTH)
        account = self.keyring_account()
        os_keyring.store_secret(account, wrapping)
        slot = KeySlot(
            self._next_id("keyring"),
            "keyring",
            label or f"Almacén de claves del sistema ({os_keyring.keyring_description()})",
            _now(),
            wrap_key_with_key(self.verify_key(key), wrapping),
            {"account": account},
        )
        return self._with((*[s for s in self.slots if s.kind != "keyring"], slot))

    def add_recovery(self, key: bytes, institution_id: str, institution_public: X25519PublicKey) -> KeySlots:
        """Seal the key to the institution (one recovery slot per institution key; idempotent)."""
        kid = key_id(institution_public).hex()
        if any(s.extra.get("key_id") == kid for s in self.of_kind("recovery")):
            return self
        slot = KeySlot(
            self._next_id("recovery"),
            "recovery",
            f"Recuperación por la institución ({institution_id})",
            _now(),
            seal(self.verify_key(key), institution_public, context=self._recovery_context()),
            {"institution_id": institution_id, "key_id": kid},
        )
        return self._with((*self.slots, slot))

    def remove(self, slot_id: str) -> KeySlots:
        """Remove a slot, never the last one that can open the store on this device."""
        slot = self.slot(slot_id)
        remaining = tuple(s for s in self.slots if s.id != slot_id)
        if slot.kind in USABLE_KINDS and not any(s.kind in USABLE_KINDS for s in remaining):
            raise TamboError(errors.STORE_LAST_SLOT)
        saved = self._with(remaining)
        if slot.kind == "keyring":
            os_keyring.forget_secret(slot.extra.get("account", self.keyring_account()))
        return saved
