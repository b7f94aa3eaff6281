"""Ed25519 signatures over bytes and over JSON documents.

Documents are signed over their canonical JSON (sorted keys, no spaces, UTF-8), so the signer and the
verifier agree on the bytes whatever order or spacing a JSON library produced in between. Both ends are
Python; floats are best kept out of signed documents all the same (other languages print them
differently).
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shared import errors
from shared.crypto.encoding import b64d, b64e
from shared.crypto.errors import CryptoError

__all__ = ["b64d", "b64e", "canonical_json", "sign", "sign_document", "verify", "verify_document"]


def sign(private: Ed25519PrivateKey, message: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``message``."""
    return private.sign(bytes(message))


def verify(public: Ed25519PublicKey, signature: bytes, message: bytes) -> None:
    """Return if ``signature`` is ``public``'s signature of ``message``; else CRYPTO_BAD_SIGNATURE."""
    if not isinstance(signature, bytes | bytearray):
        raise CryptoError(errors.CRYPTO_BAD_SIGNATURE, details={"reason": "not_bytes"})
    try:
        public.verify(bytes(signature), bytes(message))
    except InvalidSignature:
        raise CryptoError(errors.CRYPTO_BAD_SIGNATURE, details={"reason": "mismatch"}) from None


def canonical_json(obj: Any) -> bytes:
    """The one byte form of a JSON value that is signed and hashed.

    Raises ValueError for NaN/infinity (no JSON form) and TypeError for values JSON cannot hold.
    """
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def _unsigned_bytes(doc: dict[str, Any], field: str) -> bytes:
    return canonical_json({key: value for key, value in doc.items() if key != field})


def sign_document(
    private: Ed25519PrivateKey, doc: dict[str, Any], field: str = "signature"
) -> dict[str, Any]:
    """A copy of ``doc`` with ``field`` set to the base64url signature of the rest of it."""
    signature = sign(private, _unsigned_bytes(doc, field))
    return {**{key: value for key, value in doc.items() if key != field}, field: b64e(signature)}


def verify_document(public: Ed25519PublicKey, doc: dict[str, Any], field: str = "signature") -> None:
    """Check the signature in ``doc[field]`` over the rest of ``doc``; raise CRYPTO_BAD_SIGNATURE if wrong."""
    text = doc.get(field) if isinstance(doc, dict) else None
    if not isinstance(text, str):
        raise CryptoError(errors.CRYPTO_BAD_SIGNATURE, details={"reason": "missing"})
    try:
        signature = b64d(text)
    except CryptoError:
        raise CryptoError(errors.CRYPTO_BAD_SIGNATURE, details={"reason": "not_base64url"}) from None
    try:
        message = _unsigned_bytes(doc, field)
    except (TypeError, ValueError):
        raise CryptoError(errors.CRYPTO_BAD_FORMAT, details={"reason": "not_canonical_json"}) from None
    verify(public, signature, message)
