"""The server's acknowledgement of a sync bundle: a file the coordinator carries back to the device.

It holds what a direct push and pull would have answered: the result of every envelope in the bundle
(``accepted``, ``duplicate``, ``rejected`` with its code...) and the changes after the device's cursor
(statuses, messages, catalog updates), so the device applies it exactly as it applies direct acks
and pulled pages.

Authenticated and confidential without a new server key: the device derives an X25519 key pair from
its Ed25519 key (HKDF, its own label) and names the public half in the bundle's signed manifest. The
server combines the institution's X25519 private key with it (static-static X25519), and the device
combines its derived private key with the institution's public key, which it has had since
enrollment: both reach the same secret, which nobody else can compute. A per-file random salt makes
an AES-256-GCM key from it (HKDF, bound to the bundle and the device), so a carrier can neither read
the messages in the file (they may quote a citizen) nor forge or alter an acknowledgement (GCM's tag
fails), and an acknowledgement made for one device cannot be applied by another.

Layout::

    b"TMBACK" | version (1 byte) | header length (4 bytes) | header (canonical JSON, in clear)
    | AES-256-GCM ciphertext of the body (canonical JSON), with everything before it as associated data

The clear header names the bundle and the device and counts the results, for a relay's listing: no
more than the bundle's own manifest showed.
"""

from __future__ import annotations

import os
import struct
from datetime import datetime
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import AwareDatetime, Field

from shared import errors
from shared.crypto import (
    CryptoError,
    b64d,
    b64e,
    canonical_json,
    private_key_to_bytes,
    public_key_to_text,
    x25519_public_from_text,
)
from shared.errors import TamboError
from shared.protocol.base import BASE64URL_PATTERN, PROTOCOL_VERSION, Response, ResponseModel
from shared.protocol.codec import decode
from shared.protocol.messages import ItemResult

ACK_MAGIC = b"TMBACK"
ACK_VERSION = 1
ACK_SUFFIX = ".acuse"
ACK_MEDIA_TYPE = "application/vnd.tambo.bundle-ack"
_HEADER_LENGTH = struct.Struct(">I")
MAX_HEADER_BYTES = 64 * 1024
_KEY_LABEL = b"tambo/bundle-ack-key/v1"
_CIPHER_LABEL = b"tambo/bundle-ack/v1\x00"
SALT_LENGTH = 32
NONCE_LENGTH = 12


class AckSummary(ResponseModel):
    """How the server answered the bundle's items, and how many changes travel back."""

    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    need_attachments: int = 0
    changes: int = 0

    @classmethod
    def of(cls, results: list[ItemResult], changes: int) -> AckSummary:
        counts = dict.fromkeys(("accepted", "duplicate", "rejected", "conflict", "need_attachments"), 0)
        for result in results:
            counts[result.status] += 1
        return cls(**counts, changes=changes)


class AckHeader(ResponseModel):
    """The clear part of an acknowledgement."""

    kind: Literal["tambo-bundle-ack"] = "tambo-bundle-ack"
    v: int = PROTOCOL_VERSION
    bundle_id: str
    device_id: str
    institution_id: str
    created_at: AwareDatetime
    salt: str
    nonce: str
    summary: AckSummary


class AckBody(Response):
    """The sealed part: per-item results and the changes after ``from_cursor`` up to ``cursor``."""

    bundle_id: str
    device_id: str
    results: list[ItemResult] = Field(default_factory=list)
    from_cursor: Annotated[str, Field(max_length=100)] | None = None
    cursor: Annotated[str, Field(max_length=100)] | None = None
    has_more: bool = False
    changes: list[dict[str, Any]] = Field(default_factory=list)


class BundleUploadResponse(Response):
    """What the server answers a relay that uploaded a bundle: whose it is, the counts, and the
    acknowledgement file (base64url) to carry back to that device."""

    bundle_id: str
    device_id: str
    device_name: str
    institution_id: str
    first_upload: bool
    summary: AckSummary
    ack: Annotated[str, Field(pattern=BASE64URL_PATTERN)]


# --- keys ---------------------------------------------------------------------------------------


def ack_private_key(device_key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The device's acknowledgement key, derived from its signing key (never stored, never sent)."""
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_LABEL).derive(
        private_key_to_bytes(device_key)
    )
    return X25519PrivateKey.from_private_bytes(seed)


def ack_public_text(device_key: Ed25519PrivateKey) -> str:
    """The public half, as the bundle manifest's ``ack_key``."""
    return public_key_to_text(ack_private_key(device_key).public_key())


def _cipher(
    own: X25519PrivateKey, other: X25519PublicKey, salt: bytes, bundle_id: str, device_id: str
) -> AESGCM:
    try:
        shared = own.exchange(other)
    except ValueError:  # a low-order point: no secret can come of it
        raise CryptoError(errors.CRYPTO_BAD_KEY, details={"reason": "low_order_point"}) from None
    info = _CIPHER_LABEL + bundle_id.encode("utf-8") + b"\x00" + device_id.encode("utf-8")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(shared)
    return AESGCM(key)


# --- the file -----------------------------------------------------------------------------------


def seal_ack(
    body: AckBody,
    *,
    institution_id: str,
    institution_private: X25519PrivateKey,
    ack_key: str,
    created_at: datetime,
) -> bytes:
    """The acknowledgement file for ``body`` (server side)."""
    salt, nonce = os.urandom(SALT_LENGTH), os.urandom(NONCE_LENGTH)
    header = AckHeader(
        bundle_id=body.bundle_id,
        device_id=body.device_id,
        institution_id=institution_id,
        created_at=created_at,
        salt=b64e(salt),
        nonce=b64e(nonce),
        summary=AckSummary.of(body.results, len(body.changes)),
    )
    header_bytes = canonical_json(header.model_dump(mode="json"))
    clear = ACK_MAGIC + bytes([ACK_VERSION]) + _HEADER_LENGTH.pack(len(header_bytes)) + header_bytes
    cipher = _cipher(
        institution_private, x25519_public_from_text(ack_key), salt, body.bundle_id, body.device_id
    )
    plaintext = canonical_json(body.model_dump(mode="json", exclude_none=True))
    return clear + cipher.encrypt(nonce, plaintext, clear)


def _invalid(name: str, problem: str) -> TamboError:
    return TamboError(errors.BUNDLE_ACK_INVALID, params={"name": name, "problem": problem})


def _split(data: bytes, name: str) -> tuple[AckHeader, bytes, bytes]:
    fixed = len(ACK_MAGIC) + 1 + _HEADER_LENGTH.size
    if data[: len(ACK_MAGIC)] != ACK_MAGIC:
        raise _invalid(name, "no empieza como un acuse")
    if len(data) < fixed:
        raise _invalid(name, "está cortado")
    if data[len(ACK_MAGIC)] != ACK_VERSION:
        raise _invalid(name, f"es de una versión más nueva ({data[len(ACK_MAGIC)]}); actualice Tambo")
    (length,) = _HEADER_LENGTH.unpack(data[len(ACK_MAGIC) + 1 : fixed])
    if length > MAX_HEADER_BYTES or len(data) < fixed + length:
        raise _invalid(name, "está cortado")
    try:
        header = decode(AckHeader, data[fixed : fixed + length])
    except TamboError:
        raise _invalid(name, "la cabecera es ilegible") from None
    return header, data[: fixed + length], data[fixed + length :]


def read_ack_header(data: bytes, name: str) -> AckHeader:
    """The clear header (for listings); says nothing about authenticity."""
    return _split(data, name)[0]


def open_ack(
    data: bytes, name: str, device_key: Ed25519PrivateKey, device_id: str, institution_public: X25519PublicKey
) -> tuple[AckHeader, AckBody]:
    """Check and open an acknowledgement on the device it is for.

    BUNDLE_ACK_INVALID when the file is not one (or cut), BUNDLE_ACK_OTHER_DEVICE when it is for another
    device, BUNDLE_ACK_TAMPERED when a byte was changed or the institution's server did not make it.
    """
    header, clear, sealed = _split(data, name)
    if header.device_id != device_id:
        raise TamboError(
            errors.BUNDLE_ACK_OTHER_DEVICE,
            params={"name": name, "device_id": header.device_id, "this_device": device_id},
        )
    try:
        salt, nonce = b64d(header.salt), b64d(header.nonce)
    except CryptoError:
        raise _invalid(name, "la cabecera es ilegible") from None
    if len(salt) != SALT_LENGTH or len(nonce) != NONCE_LENGTH:
        raise _invalid(name, "la cabecera es ilegible")
    cipher = _cipher(ack_private_key(device_key), institution_public, salt, header.bundle_id, device_id)
    try:
        plaintext = cipher.decrypt(nonce, sealed, clear)
    except InvalidTag:
        raise TamboError(errors.BUNDLE_ACK_TAMPERED, params={"name": name}) from None
    body = decode(AckBody, plaintext)
    if (body.bundle_id, body.device_id) != (header.bundle_id, header.device_id):
        raise TamboError(errors.BUNDLE_ACK_TAMPERED, params={"name": name})
    return header, body
