"""A submission as it travels: the sealed payload inside a signed envelope, and its sealed attachments.

This is the one place that decides what a device seals and what a server opens, so both agree byte for
byte. The payload is canonical JSON sealed to the institution's X25519 key, bound to the submission id
(HPKE ``info``), so a relay can carry it but cannot read it, and a sealed payload cannot be moved into
another envelope. Each attachment is sealed on its own (bound to the submission id and the file's
plaintext hash) and uploaded by the hash of its *sealed* bytes, which is what the server can verify
before it opens anything. The envelope is signed by the device over everything else.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from shared import errors
from shared.crypto import (
    CryptoError,
    b64d,
    b64e,
    canonical_json,
    device_id_for,
    open_sealed,
    seal,
    sha256_hex,
    sign,
    verify,
)
from shared.protocol import AttachmentRef, Envelope, envelope_signing_bytes

PAYLOAD_CONTEXT = b"tambo/submission/v1:"
ATTACHMENT_CONTEXT = b"tambo/attachment/v1:"


@dataclass(frozen=True, slots=True)
class AttachmentMeta:
    """An attached file as the payload describes it (the plaintext hash, name and type)."""

    field: str
    sha256: str
    size: int
    media_type: str
    name: str
    sealed_sha256: str
    sealed_size: int


@dataclass(frozen=True)
class SubmissionPayload:
    """What is sealed: the cleaned answers and everything the receipt and the official need."""

    submission_id: str
    service_id: str
    form_version: int
    tracking_code: str
    filed_at: datetime
    answers: Mapping[str, Any]
    attachments: tuple[AttachmentMeta, ...] = ()
    pages: int | None = None
    channel: str = "counter"
    received_by: str = ""
    observations: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = asdict(self)
        data["filed_at"] = self.filed_at.isoformat()
        return canonical_json(data)

    @classmethod
    def from_bytes(cls, data: bytes) -> SubmissionPayload:
        try:
            raw = json.loads(data)
            raw["filed_at"] = datetime.fromisoformat(raw["filed_at"])
            raw["attachments"] = tuple(AttachmentMeta(**item) for item in raw["attachments"])
            return cls(**raw)
        except (ValueError, KeyError, TypeError) as exc:
            raise CryptoError(errors.CRYPTO_BAD_FORMAT, details={"problem": str(exc)}) from None


@dataclass(frozen=True)
class SealedSubmission:
    envelope: Envelope
    blobs: Mapping[str, bytes]  # sealed sha256 -> sealed bytes, to upload before the envelope


def attachment_context(submission_id: str, plaintext_sha256: str) -> bytes:
    return ATTACHMENT_CONTEXT + f"{submission_id}:{plaintext_sha256}".encode()


def seal_attachment(data: bytes, submission_id: str, recipient: X25519PublicKey) -> tuple[str, bytes]:
    """Seal one file; return its plaintext hash and the sealed bytes."""
    plain_sha = sha256_hex(data)
    return plain_sha, seal(data, recipient, context=attachment_context(submission_id, plain_sha))


def seal_submission(
    payload: SubmissionPayload,
    *,
    institution_id: str,
    institution_public: X25519PublicKey,
    device_key: Ed25519PrivateKey,
    device_seq: int,
    sealed_attachments: Mapping[str, bytes] | None = None,
) -> SealedSubmission:
    """Seal the payload, sign the envelope. ``sealed_attachments`` maps sealed sha256 to sealed bytes."""
    sealed = seal(
        payload.to_bytes(), institution_public, context=PAYLOAD_CONTEXT + payload.submission_id.encode()
    )
    blobs = dict(sealed_attachments or {})
    refs = [
        AttachmentRef(sha256=meta.sealed_sha256, size=meta.sealed_size, media_type=meta.media_type)
        for meta in payload.attachments
    ]
    unsigned = Envelope(
        id=payload.submission_id,
        institution_id=institution_id,
        device_id=device_id_for(device_key.public_key()),
        service_id=payload.service_id,
        form_version=payload.form_version,
        tracking_code=payload.tracking_code,
        created_at=payload.filed_at,
        device_seq=device_seq,
        payload=b64e(sealed),
        payload_sha256=sha256_hex(sealed),
        attachments=refs,
        signature="",
    )
    signature = b64e(sign(device_key, envelope_signing_bytes(unsigned)))
    return SealedSubmission(unsigned.model_copy(update={"signature": signature}), blobs)


def verify_envelope(envelope: Envelope, device_public: Ed25519PublicKey) -> None:
    """Check the device signature and the payload hash; raise CryptoError if either fails."""
    if device_id_for(device_public) != envelope.device_id:
        raise CryptoError(
            errors.CRYPTO_BAD_SIGNATURE, details={"problem": "device_id does not match the key"}
        )
    verify(device_public, b64d(envelope.signature), envelope_signing_bytes(envelope))
    if sha256_hex(b64d(envelope.payload)) != envelope.payload_sha256:
        raise CryptoError(errors.CRYPTO_WRONG_KEY_OR_TAMPERED, details={"problem": "payload hash"})


def open_submission(envelope: Envelope, institution_private: X25519PrivateKey) -> SubmissionPayload:
    """Open the sealed payload and check it agrees with the (already verified) envelope."""
    plaintext = open_sealed(
        b64d(envelope.payload), institution_private, context=PAYLOAD_CONTEXT + envelope.id.encode()
    )
    payload = SubmissionPayload.from_bytes(plaintext)
    outside = (envelope.id, envelope.service_id, envelope.form_version, envelope.tracking_code)
    inside = (payload.submission_id, payload.service_id, payload.form_version, payload.tracking_code)
    sealed_refs = sorted(ref.sha256 for ref in envelope.attachments)
    if outside != inside or sealed_refs != sorted(m.sealed_sha256 for m in payload.attachments):
        raise CryptoError(
            errors.CRYPTO_WRONG_KEY_OR_TAMPERED, details={"problem": "envelope and payload disagree"}
        )
    return payload


def open_attachment(
    sealed: bytes, meta: AttachmentMeta, submission_id: str, institution_private: X25519PrivateKey
) -> bytes:
    """Open one sealed file and check its plaintext hash."""
    data = open_sealed(sealed, institution_private, context=attachment_context(submission_id, meta.sha256))
    if sha256_hex(data) != meta.sha256:
        raise CryptoError(errors.CRYPTO_WRONG_KEY_OR_TAMPERED, details={"problem": "attachment hash"})
    return data
