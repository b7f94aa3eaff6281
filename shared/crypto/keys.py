"""Key pairs of devices and institutions, and their text forms.

A device signs with Ed25519; an institution receives sealed payloads with X25519. Public keys travel as
unpadded base64url of their 32 raw bytes (short, JSON-safe). A device id is derived from the device's
public key, so the device and the server name the device the same way without coordinating.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from shared import errors
from shared.crypto.encoding import b64d, b64e
from shared.crypto.errors import CryptoError

PublicKey = Ed25519PublicKey | X25519PublicKey
PrivateKey = Ed25519PrivateKey | X25519PrivateKey

RAW_KEY_LENGTH = 32
DEVICE_ID_PREFIX = "dev_"

_RAW = serialization.Encoding.Raw
_RAW_PUBLIC = serialization.PublicFormat.Raw
_RAW_PRIVATE = serialization.PrivateFormat.Raw


def generate_device_keypair() -> Ed25519PrivateKey:
    """A fresh device signing key (its public half is registered at enrollment)."""
    return Ed25519PrivateKey.generate()


def generate_institution_keypair() -> X25519PrivateKey:
    """A fresh institution key; devices seal payloads to its public half."""
    return X25519PrivateKey.generate()


def public_key_bytes(key: PublicKey) -> bytes:
    """The 32 raw bytes of a public key."""
    return key.public_bytes(_RAW, _RAW_PUBLIC)


def public_key_to_text(key: PublicKey) -> str:
    """A public key as unpadded base64url of its raw bytes (43 characters)."""
    return b64e(public_key_bytes(key))


def _raw_from_text(text: str, kind: str) -> bytes:
    try:
        raw = b64d(text)
    except CryptoError:
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "not_base64url", "kind": kind}) from None
    if len(raw) != RAW_KEY_LENGTH:
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "wrong_length", "kind": kind})
    return raw


def ed25519_public_from_text(text: str) -> Ed25519PublicKey:
    """Parse a device public key; raise CryptoError(CRYPTO_BAD_KEY) when the text is not one."""
    raw = _raw_from_text(text, "ed25519_public")
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "invalid_point"}) from None


def x25519_public_from_text(text: str) -> X25519PublicKey:
    """Parse an institution public key; raise CryptoError(CRYPTO_BAD_KEY) when the text is not one."""
    raw = _raw_from_text(text, "x25519_public")
    try:
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "invalid_point"}) from None


def private_key_to_bytes(key: PrivateKey) -> bytes:
    """The 32 raw bytes of a private key, for storage inside an already encrypted container."""
    return key.private_bytes(_RAW, _RAW_PRIVATE, serialization.NoEncryption())


def _check_private_length(raw: bytes, kind: str) -> None:
    if not isinstance(raw, bytes | bytearray) or len(raw) != RAW_KEY_LENGTH:
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "wrong_length", "kind": kind})


def ed25519_private_from_bytes(raw: bytes) -> Ed25519PrivateKey:
    """A device private key from its 32 raw bytes."""
    _check_private_length(raw, "ed25519_private")
    return Ed25519PrivateKey.from_private_bytes(bytes(raw))


def x25519_private_from_bytes(raw: bytes) -> X25519PrivateKey:
    """An institution private key from its 32 raw bytes."""
    _check_private_length(raw, "x25519_private")
    return X25519PrivateKey.from_private_bytes(bytes(raw))


def key_fingerprint(public: PublicKey) -> str:
    """A short form people compare by eye or read over the phone: ``"3f9a 01bc 77de 4410"``.

    64 bits of SHA-256 are plenty to notice a substituted key during enrollment; they are not an
    identifier (use the full key or :func:`device_id_for` for that).
    """
    short = hashlib.sha256(public_key_bytes(public)).hexdigest()[:16]
    return " ".join(short[i : i + 4] for i in range(0, 16, 4))


def device_id_for(public: Ed25519PublicKey) -> str:
    """The device id derived from its public key: ``"dev_"`` + 16 lower-case base32 characters.

    80 bits of SHA-256 make an accidental collision between devices negligible, and deriving the id
    means the device knows its id before the server answers (and cannot pick someone else's).
    """
    digest = hashlib.sha256(public_key_bytes(public)).digest()[:10]
    return DEVICE_ID_PREFIX + base64.b32encode(digest).decode("ascii").rstrip("=").lower()
