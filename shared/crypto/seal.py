"""Sealing payloads to an institution's X25519 key (HPKE, RFC 9180, base mode).

A device seals each submission's answers so that only the institution can read them, even if the
device, the transport or a sneakernet bundle falls into other hands. Blob layout::

    b"TMB" | version (1 byte) | suite id (1 byte) | key id (8 bytes) | HPKE enc + ciphertext + tag

The key id says which institution key a blob needs (useful after a key rotation) without trying every
key. The HPKE ``info`` binds the whole header and the caller's ``context`` (for example the submission
id), so a blob cannot be relabelled, re-targeted or moved to another submission: any such change makes
decryption fail. ``cryptography``'s HPKE has no separate AAD argument, so ``info`` carries everything.
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from shared import errors
from shared.crypto.errors import CryptoError
from shared.crypto.keys import public_key_bytes

MAGIC = b"TMB"
VERSION = 1
KEY_ID_LENGTH = 8
HEADER_LENGTH = len(MAGIC) + 1 + 1 + KEY_ID_LENGTH
_INFO_LABEL = b"tambo-seal-v1\x00"

# Suite ids are part of the format: never renumber, only add.
SUITE_X25519_SHA256_AES128GCM = 1
_SUITES = {
    SUITE_X25519_SHA256_AES128GCM: hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
}
DEFAULT_SUITE = SUITE_X25519_SHA256_AES128GCM
# X25519 encapsulated key (32) + AES-GCM tag (16): no valid HPKE output is shorter.
_MIN_HPKE_LENGTH = 32 + 16


def key_id(public: X25519PublicKey) -> bytes:
    """The first 8 bytes of SHA-256 of the raw public key: names the key a blob is sealed to."""
    return hashlib.sha256(public_key_bytes(public)).digest()[:KEY_ID_LENGTH]


def _info(header: bytes, context: bytes) -> bytes:
    # The header has a fixed length, so header + context splits only one way.
    return _INFO_LABEL + header + bytes(context)


def seal(plaintext: bytes, recipient: X25519PublicKey, *, context: bytes) -> bytes:
    """Encrypt ``plaintext`` so only the holder of ``recipient``'s private key can read it."""
    if not isinstance(context, bytes | bytearray):
        raise TypeError("context must be bytes")
    header = MAGIC + bytes([VERSION, DEFAULT_SUITE]) + key_id(recipient)
    sealed = _SUITES[DEFAULT_SUITE].encrypt(bytes(plaintext), recipient, info=_info(header, context))
    return header + sealed


def _bad_format(reason: str) -> CryptoError:
    return CryptoError(errors.CRYPTO_BAD_FORMAT, details={"reason": reason})


def _parse_header(blob: bytes) -> tuple[int, bytes]:
    """Check the header of ``blob``; return its suite id and key id."""
    if not isinstance(blob, bytes | bytearray):
        raise _bad_format("not_bytes")
    if len(blob) < len(MAGIC) + 1 or blob[: len(MAGIC)] != MAGIC:
        raise _bad_format("bad_magic" if len(blob) >= len(MAGIC) + 1 else "truncated")
    version = blob[len(MAGIC)]
    if version != VERSION:
        raise CryptoError(errors.CRYPTO_UNSUPPORTED_VERSION, params={"version": version})
    if len(blob) < HEADER_LENGTH:
        raise _bad_format("truncated")
    suite = blob[len(MAGIC) + 1]
    if suite not in _SUITES:
        raise CryptoError(
            errors.CRYPTO_UNSUPPORTED_VERSION,
            params={"version": f"{version} (suite {suite})"},
            details={"reason": "unknown_suite", "suite": suite},
        )
    return suite, bytes(blob[len(MAGIC) + 2 : HEADER_LENGTH])


def sealed_key_id(blob: bytes) -> bytes:
    """The key id a sealed blob names, read from its header without decrypting."""
    return _parse_header(blob)[1]


def open_sealed(blob: bytes, private: X25519PrivateKey, *, context: bytes) -> bytes:
    """Decrypt a blob made by :func:`seal` with the same ``context``.

    Raises CryptoError: CRYPTO_BAD_FORMAT (not a sealed blob, truncated), CRYPTO_UNSUPPORTED_VERSION
    (made by a newer app), CRYPTO_WRONG_KEY_OR_TAMPERED (another key, another context, or altered).
    """
    suite, blob_key_id = _parse_header(blob)
    if blob_key_id != key_id(private.public_key()):
        raise CryptoError(errors.CRYPTO_WRONG_KEY_OR_TAMPERED, details={"reason": "key_id_mismatch"})
    sealed = bytes(blob[HEADER_LENGTH:])
    if len(sealed) < _MIN_HPKE_LENGTH:
        raise _bad_format("truncated")
    header = bytes(blob[:HEADER_LENGTH])
    try:
        return _SUITES[suite].decrypt(sealed, private, info=_info(header, bytes(context)))
    except (InvalidTag, ValueError):
        raise CryptoError(
            errors.CRYPTO_WRONG_KEY_OR_TAMPERED, details={"reason": "decryption_failed"}
        ) from None
