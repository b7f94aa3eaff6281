"""Cryptography shared by the desktop app and the server: keys, sealing, signatures, key wrapping.

Everything here raises :class:`CryptoError` (a :class:`shared.errors.TamboError`) with a CRYPTO_* code
when input is unusable, never a bare ``cryptography`` exception, so callers handle one error type and
the user sees a stable message.
"""

from __future__ import annotations

from shared.crypto.encoding import b64d, b64e
from shared.crypto.errors import CryptoError
from shared.crypto.hashing import sha256_file, sha256_hex
from shared.crypto.keys import (
    device_id_for,
    ed25519_private_from_bytes,
    ed25519_public_from_text,
    generate_device_keypair,
    generate_institution_keypair,
    key_fingerprint,
    private_key_to_bytes,
    public_key_bytes,
    public_key_to_text,
    x25519_private_from_bytes,
    x25519_public_from_text,
)
from shared.crypto.passphrase import KdfParams, unwrap_key, unwrap_key_with_key, wrap_key, wrap_key_with_key
from shared.crypto.seal import key_id, open_sealed, seal, sealed_key_id
from shared.crypto.signing import canonical_json, sign, sign_document, verify, verify_document

__all__ = [
    "CryptoError",
    "KdfParams",
    "b64d",
    "b64e",
    "canonical_json",
    "device_id_for",
    "ed25519_private_from_bytes",
    "ed25519_public_from_text",
    "generate_device_keypair",
    "generate_institution_keypair",
    "key_fingerprint",
    "key_id",
    "open_sealed",
    "private_key_to_bytes",
    "public_key_bytes",
    "public_key_to_text",
    "seal",
    "sealed_key_id",
    "sha256_file",
    "sha256_hex",
    "sign",
    "sign_document",
    "unwrap_key",
    "unwrap_key_with_key",
    "verify",
    "verify_document",
    "wrap_key",
    "wrap_key_with_key",
    "x25519_private_from_bytes",
    "x25519_public_from_text",
]
