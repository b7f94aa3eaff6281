"""Wrapping a secret key (the database key) with a passphrase or with another key.

Passphrase slot layout (every field before the ciphertext is the AES-GCM associated data, so the KDF
parameters and salt cannot be swapped without detection)::

    b"TKW" | version | kdf id | memory KiB (u32) | iterations (u32) | lanes (u32) | salt (16) | nonce (12)
    | AES-256-GCM ciphertext + tag | checksum (first 8 bytes of SHA-256 of everything before it)

The trailing checksum is not a security measure (anyone can recompute it); it only lets us tell a
damaged slot (CRYPTO_BAD_FORMAT) from a wrong passphrase (CRYPTO_WRONG_PASSPHRASE), which AES-GCM alone
cannot, so a clerk is not told to retype a passphrase that was right.

Key slot layout (wrapping with a 32-byte key, e.g. the OS keystore or a server master key)::

    b"TKK" | version | nonce (12) | AES-256-GCM ciphertext + tag      (header is the associated data)

Passphrases are NFC-normalised first: the same passphrase typed on two keyboards (composed "é" or "e" +
combining accent) must open the same slot.
"""

from __future__ import annotations

import hashlib
import os
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from shared import errors
from shared.crypto.errors import CryptoError

PASSPHRASE_MAGIC = b"TKW"
KEY_MAGIC = b"TKK"
VERSION = 1
KDF_ARGON2ID = 1
SALT_LENGTH = 16
NONCE_LENGTH = 12
TAG_LENGTH = 16
CHECKSUM_LENGTH = 8
WRAPPING_KEY_LENGTH = 32
_PARAMS = struct.Struct(">III")
_PASSPHRASE_HEADER_LENGTH = len(PASSPHRASE_MAGIC) + 2 + _PARAMS.size + SALT_LENGTH + NONCE_LENGTH
_KEY_HEADER_LENGTH = len(KEY_MAGIC) + 1 + NONCE_LENGTH

# Bounds on parameters read from a slot: a damaged or hostile slot must not make us allocate 4 TiB.
_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_ITERATIONS = 64
_MAX_LANES = 64


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. The defaults (64 MiB, 3 passes, 4 lanes) take well under a second on a counter PC."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.lanes <= _MAX_LANES:
            raise ValueError(f"lanes must be between 1 and {_MAX_LANES}")
        if not 1 <= self.iterations <= _MAX_ITERATIONS:
            raise ValueError(f"iterations must be between 1 and {_MAX_ITERATIONS}")
        if not 8 * self.lanes <= self.memory_kib <= _MAX_MEMORY_KIB:
            raise ValueError(f"memory_kib must be between 8 * lanes and {_MAX_MEMORY_KIB}")


def _normalise(passphrase: str) -> bytes:
    if not isinstance(passphrase, str):
        raise TypeError("passphrase must be str")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(_normalise(passphrase))


def _checksum(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:CHECKSUM_LENGTH]


def _bad_format(reason: str) -> CryptoError:
    return CryptoError(errors.CRYPTO_BAD_FORMAT, details={"reason": reason})


def wrap_key(key: bytes, passphrase: str, *, params: KdfParams | None = None) -> bytes:
    """Encrypt ``key`` under a key derived from ``passphrase`` (Argon2id); layout in the module doc."""
    if not passphrase:
        raise ValueError("an empty passphrase protects nothing")
    params = params or KdfParams()
    salt = os.urandom(SALT_LENGTH)
    nonce = os.urandom(NONCE_LENGTH)
    header = (
        PASSPHRASE_MAGIC
        + bytes([VERSION, KDF_ARGON2ID])
        + _PARAMS.pack(params.memory_kib, params.iterations, params.lanes)
        + salt
        + nonce
    )
    body = header + AESGCM(_derive(passphrase, salt, params)).encrypt(nonce, bytes(key), header)
    return body + _checksum(body)


def _check_magic_and_version(blob: bytes, magic: bytes) -> None:
    if not isinstance(blob, bytes | bytearray):
        raise _bad_format("not_bytes")
    if len(blob) < len(magic) + 1:
        raise _bad_format("truncated")
    if blob[: len(magic)] != magic:
        raise _bad_format("bad_magic")
    if blob[len(magic)] != VERSION:
        raise CryptoError(errors.CRYPTO_UNSUPPORTED_VERSION, params={"version": blob[len(magic)]})


def unwrap_key(blob: bytes, passphrase: str) -> bytes:
    """The key inside a passphrase slot.

    Raises CryptoError: CRYPTO_WRONG_PASSPHRASE, CRYPTO_BAD_FORMAT (damaged or not a slot) or
    CRYPTO_UNSUPPORTED_VERSION (made by a newer app).
    """
    _check_magic_and_version(blob, PASSPHRASE_MAGIC)
    blob = bytes(blob)
    if len(blob) < _PASSPHRASE_HEADER_LENGTH + TAG_LENGTH + CHECKSUM_LENGTH:
        raise _bad_format("truncated")
    body, checksum = blob[:-CHECKSUM_LENGTH], blob[-CHECKSUM_LENGTH:]
    if _checksum(body) != checksum:
        raise _bad_format("checksum_mismatch")
    if body[len(PASSPHRASE_MAGIC) + 1] != KDF_ARGON2ID:
        raise _bad_format("unknown_kdf")
    offset = len(PASSPHRASE_MAGIC) + 2
    memory_kib, iterations, lanes = _PARAMS.unpack_from(body, offset)
    try:
        params = KdfParams(memory_kib=memory_kib, iterations=iterations, lanes=lanes)
    except ValueError:
        raise _bad_format("bad_kdf_params") from None
    offset += _PARAMS.size
    salt = body[offset : offset + SALT_LENGTH]
    nonce = body[offset + SALT_LENGTH : _PASSPHRASE_HEADER_LENGTH]
    header, ciphertext = body[:_PASSPHRASE_HEADER_LENGTH], body[_PASSPHRASE_HEADER_LENGTH:]
    try:
        return AESGCM(_derive(passphrase, salt, params)).decrypt(nonce, ciphertext, header)
    except InvalidTag:
        raise CryptoError(errors.CRYPTO_WRONG_PASSPHRASE, details={"reason": "decryption_failed"}) from None


def _check_wrapping_key(wrapping_key: bytes) -> None:
    if not isinstance(wrapping_key, bytes | bytearray) or len(wrapping_key) != WRAPPING_KEY_LENGTH:
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "wrong_length", "kind": "wrapping_key"})


def wrap_key_with_key(key: bytes, wrapping_key: bytes) -> bytes:
    """Encrypt ``key`` under a 32-byte ``wrapping_key`` (AES-256-GCM, header as associated data)."""
    _check_wrapping_key(wrapping_key)
    nonce = os.urandom(NONCE_LENGTH)
    header = KEY_MAGIC + bytes([VERSION]) + nonce
    return header + AESGCM(bytes(wrapping_key)).encrypt(nonce, bytes(key), header)


def unwrap_key_with_key(blob: bytes, wrapping_key: bytes) -> bytes:
    """The key inside a key slot; CRYPTO_WRONG_KEY_OR_TAMPERED when the key is wrong or the slot altered."""
    _check_wrapping_key(wrapping_key)
    _check_magic_and_version(blob, KEY_MAGIC)
    blob = bytes(blob)
    if len(blob) < _KEY_HEADER_LENGTH + TAG_LENGTH:
        raise _bad_format("truncated")
    header, ciphertext = blob[:_KEY_HEADER_LENGTH], blob[_KEY_HEADER_LENGTH:]
    try:
        return AESGCM(bytes(wrapping_key)).decrypt(header[-NONCE_LENGTH:], ciphertext, header)
    except InvalidTag:
        raise CryptoError(
            errors.CRYPTO_WRONG_KEY_OR_TAMPERED, details={"reason": "decryption_failed"}
        ) from None
