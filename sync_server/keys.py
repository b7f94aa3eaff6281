"""The server master key and the institutions' X25519 keys it protects.

Each institution's private key is stored in the database wrapped (AES-256-GCM) under the master key,
so a copy of the database alone opens nothing. The master key comes from ``TAMBO_MASTER_KEY``
(base64url, for deployments whose secrets live in the environment) or from ``$home/master.key``, a
file ``tambo-server init`` creates with mode 0600; the server refuses to start when that file can be
read by other users, as ssh does with a private key.
"""

from __future__ import annotations

import os
import secrets
import stat
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from shared import errors
from shared.crypto import (
    CryptoError,
    b64d,
    b64e,
    generate_institution_keypair,
    key_id,
    private_key_to_bytes,
    public_key_to_text,
    sha256_hex,
    unwrap_key_with_key,
    wrap_key_with_key,
    x25519_private_from_bytes,
)
from shared.errors import TamboError
from sync_server.config import Settings

MASTER_KEY_LENGTH = 32


def create_master_key_file(path: Path) -> bool:
    """Write a fresh master key to ``path`` (mode 0600) unless one is there; True if it was created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(b64e(secrets.token_bytes(MASTER_KEY_LENGTH)) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return True


def master_key_id(key: bytes) -> str:
    """A short public fingerprint of a master key, to tell keys (and the backups made with them) apart."""
    return sha256_hex(b"tambo master key id\n" + key)[:16]


def load_master_key(settings: Settings) -> bytes:
    """The master key from the settings (environment) or the key file; TamboError if unusable."""
    if settings.master_key:
        return _decode(settings.master_key.strip())
    path = settings.master_key_file
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise TamboError(errors.SERVER_MASTER_KEY_MISSING, params={"path": path}) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise TamboError(errors.SERVER_MASTER_KEY_INSECURE, params={"path": path})
    return _decode(path.read_text(encoding="ascii").strip())


def _decode(text: str) -> bytes:
    try:
        key = b64d(text)
    except CryptoError:
        key = b""
    if len(key) != MASTER_KEY_LENGTH:
        raise TamboError(errors.SERVER_MASTER_KEY_INVALID)
    return key


class InstitutionKeyMaterial:
    """A new institution key pair: the public text, its id, and the private half wrapped for storage."""

    def __init__(self, master_key: bytes) -> None:
        private = generate_institution_keypair()
        self.public_key = public_key_to_text(private.public_key())
        self.key_id = key_id(private.public_key()).hex()
        self.private_key_wrapped = wrap_key_with_key(private_key_to_bytes(private), master_key)


class InstitutionKeyring:
    """Unwrapped institution keys, cached per process (unwrapping on every item would waste time)."""

    def __init__(self, master_key: bytes) -> None:
        self._master_key = master_key
        self._keys: dict[bytes, X25519PrivateKey] = {}
        self._lock = threading.Lock()

    def new_institution_key(self) -> InstitutionKeyMaterial:
        return InstitutionKeyMaterial(self._master_key)

    @property
    def key_id(self) -> str:
        """The master key's public fingerprint (:func:`master_key_id`)."""
        return master_key_id(self._master_key)

    def private_key(self, wrapped: bytes) -> X25519PrivateKey:
        with self._lock:
            key = self._keys.get(wrapped)
            if key is None:
                key = x25519_private_from_bytes(unwrap_key_with_key(wrapped, self._master_key))
                self._keys[wrapped] = key
            return key
