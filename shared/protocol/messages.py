"""Typed messages of the sync protocol: enrollment, push of envelopes, attachments, health, errors.

Pulled changes live in :mod:`shared.protocol.changes`. Identifier formats are checked here (ULIDs,
hashes, base64url) so a malformed message is refused at the edge with a JSON path, before any
business logic sees it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, Field, field_validator

from shared import ids
from shared.crypto import CryptoError, b64d, b64e, canonical_json, ed25519_public_from_text, sign, verify
from shared.errors import TamboError
from shared.protocol.base import (
    BASE64URL_PATTERN,
    DEVICE_ID_PATTERN,
    PROTOCOL_VERSION,
    SHA256_HEX_PATTERN,
    Request,
    RequestModel,
    Response,
    ResponseModel,
)

MAX_PUSH_ITEMS = 500

Sha256Hex = Annotated[str, Field(pattern=SHA256_HEX_PATTERN)]
Base64Url = Annotated[str, Field(pattern=BASE64URL_PATTERN)]
DeviceId = Annotated[str, Field(pattern=DEVICE_ID_PATTERN)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
MediaType = Annotated[str, Field(min_length=3, max_length=127, pattern=r"^[\w.+-]+/[\w.+-]+$")]


def _ulid(value: str) -> str:
    if not ids.is_ulid(value):
        raise ValueError("must be a ULID in canonical form (26 upper-case Crockford base-32 characters)")
    return value


# --- enrollment ---------------------------------------------------------------------------------


class EnrollRequest(Request):
    """A device asks to join an institution with a one-time code from the console."""

    code: ShortText
    device_public_key: str
    device_name: ShortText
    app_version: ShortText
    platform: ShortText

    @field_validator("device_public_key")
    @classmethod
    def _public_key(cls, value: str) -> str:
        try:
            ed25519_public_from_text(value)
        except CryptoError:
            raise ValueError("must be an Ed25519 public key as unpadded base64url") from None
        return value


class EnrollResponse(Response):
    """What a device needs to work offline: its identity and the key to seal submissions to."""

    device_id: str
    device_prefix: str
    institution_id: str
    institution_name: str
    institution_public_key: str
    institution_key_id: str
    server_time: AwareDatetime


class EnrollmentTicket(ResponseModel):
    """Everything a device needs to start capturing before it ever reaches the server.

    ``tambo-server device add`` writes it (a JSON file for a USB stick, and a QR image). A device
    provisioned from a ticket seals to the institution key and numbers its tracking codes with the
    reserved prefix at once, offline; on its first contact with ``server_url`` it enrolls with
    ``code`` and its public key (:class:`EnrollRequest`), which registers the key that signed what it
    captured meanwhile. The code works once and expires at ``expires_at``, so a ticket is as sensitive
    as the code it carries: it names no key of the device, and reveals no citizen's data.
    """

    v: int = PROTOCOL_VERSION
    kind: Literal["tambo-enrollment-ticket"] = "tambo-enrollment-ticket"
    server_url: str | None = None
    code: ShortText
    device_name: ShortText
    device_prefix: ShortText
    institution_id: ShortText
    institution_name: ShortText
    institution_public_key: str
    institution_key_id: str
    expires_at: AwareDatetime


# --- envelopes and push -------------------------------------------------------------------------


class AttachmentRef(RequestModel):
    """An attachment of a submission; ``sha256`` is the hash of the sealed blob as uploaded.

    ``name_sealed`` optionally carries the file's original name sealed to the institution (base64url),
    since a name such as "DNI de Juan Quispe.pdf" is personal data that a relay must not read.
    """

    sha256: Sha256Hex
    size: Annotated[int, Field(ge=0)]
    media_type: MediaType
    name_sealed: Base64Url | None = None


class Envelope(Request):
    """One submission as it travels: metadata in clear, answers sealed, everything signed by the device.

    ``payload`` is the base64url of the blob made by :func:`shared.crypto.seal`; ``payload_sha256`` is
    the SHA-256 of those sealed bytes (the server checks it before storing). ``device_seq`` increases by
    one per envelope on a device, so the server can notice gaps.
    """

    id: str
    institution_id: ShortText
    device_id: DeviceId
    service_id: ShortText
    form_version: Annotated[int, Field(ge=1)]
    tracking_code: ShortText
    created_at: AwareDatetime
    device_seq: Annotated[int, Field(ge=0)]
    payload: Base64Url
    payload_sha256: Sha256Hex
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=100)
    signature: Base64Url = ""

    _id = field_validator("id")(_ulid)


def envelope_signing_bytes(envelope: Envelope) -> bytes:
    """The bytes a device signs: canonical JSON of the envelope without its signature.

    Built from the model's JSON dump (not the bytes received), so key order, spacing and equivalent
    spellings on the wire do not matter; both ends compute it the same way.

    Members whose value is None are left out. That is what lets the envelope grow: a field added later
    must be optional with a None default, and then a server that knows it computes, for an envelope
    from a device that does not, the same bytes the device signed (without the omission it would add
    ``"new_field": null`` and every old device's signature would fail after the server upgrade).
    """
    return canonical_json(envelope.model_dump(mode="json", exclude={"signature"}, exclude_none=True))


def sign_envelope(envelope: Envelope, private: Ed25519PrivateKey) -> Envelope:
    """A copy of ``envelope`` carrying the device's signature."""
    return envelope.model_copy(update={"signature": b64e(sign(private, envelope_signing_bytes(envelope)))})


def verify_envelope(envelope: Envelope, public: Ed25519PublicKey) -> None:
    """Raise CryptoError(CRYPTO_BAD_SIGNATURE) unless the envelope was signed by ``public``'s device."""
    try:
        signature = b64d(envelope.signature)
    except CryptoError:
        signature = b""
    verify(public, signature, envelope_signing_bytes(envelope))


class PushRequest(Request):
    """A batch of envelopes; the server answers each one separately."""

    items: list[Envelope] = Field(min_length=1, max_length=MAX_PUSH_ITEMS)


class ItemResult(ResponseModel):
    """The small ack of one pushed envelope (never an echo of it).

    ``seq`` is the server sequence of an accepted or duplicate item; ``code`` an error code for a
    rejected or conflicting one; ``missing`` the attachment hashes still to upload; ``details`` what a
    person needs to fix a rejected item (for ``submission.invalid_answers``: ``{"errors": [{"path",
    "code", "message"}]}``), present only then, so an ack stays small.
    """

    id: str
    status: Literal["accepted", "duplicate", "rejected", "conflict", "need_attachments"]
    seq: int | None = None
    code: str | None = None
    missing: list[str] = Field(default_factory=list)
    details: dict[str, Any] | None = None


class PushResponse(Response):
    results: list[ItemResult]


# --- attachments (tus-style resumable upload) --------------------------------------------------


class AttachmentCreate(Request):
    """Announce an upload; the server answers with its :class:`AttachmentStatus` (offset to resume at)."""

    sha256: Sha256Hex
    size: Annotated[int, Field(ge=0)]
    media_type: MediaType


class AttachmentStatus(Response):
    """How much of an attachment the server holds; ``complete`` once every byte arrived and hashed right."""

    sha256: str
    size: int
    offset: int
    complete: bool


# --- errors -------------------------------------------------------------------------------------


class ErrorDetail(ResponseModel):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(ResponseModel):
    """The JSON error shape of :meth:`shared.errors.TamboError.to_dict`.

    It has no ``v``: the error shape is shared by every endpoint and every version, so a device can
    always read why it was refused, even when the refusal is about the protocol version.
    """

    error: ErrorDetail

    def to_error(self) -> TamboError:
        """The error as a TamboError, so a device handles a server refusal like a local one."""
        return TamboError(self.error.code, details=dict(self.error.details))
