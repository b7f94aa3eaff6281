"""Typed messages of the sync protocol between the desktop app and the server (JSON over HTTPS).

See :mod:`shared.protocol.base` for the compatibility rules (requests strict, responses tolerant) and
:mod:`shared.protocol.codec` for decoding with actionable errors.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from shared.protocol import headers
from shared.protocol.base import PROTOCOL_VERSION, SUPPORTED_VERSIONS
from shared.protocol.changes import (
    CatalogChange,
    Change,
    DocumentChange,
    MessageChange,
    PullRequest,
    PullResponse,
    SettingsChange,
    StatusChange,
    UnknownChange,
    decode_changes,
)
from shared.protocol.codec import decode, encode
from shared.protocol.errors import ProtocolError
from shared.protocol.health import (
    AuditHead,
    AuditWitness,
    DayDigest,
    HealthRequest,
    HealthResponse,
    day_digest,
)
from shared.protocol.messages import (
    AttachmentCreate,
    AttachmentRef,
    AttachmentStatus,
    EnrollmentTicket,
    EnrollRequest,
    EnrollResponse,
    Envelope,
    ErrorBody,
    ErrorDetail,
    ItemResult,
    PushRequest,
    PushResponse,
    envelope_signing_bytes,
    sign_envelope,
    verify_envelope,
)

MESSAGE_TYPES: tuple[type[BaseModel], ...] = (
    EnrollRequest,
    EnrollResponse,
    EnrollmentTicket,
    Envelope,
    PushRequest,
    PushResponse,
    PullRequest,
    PullResponse,
    AttachmentCreate,
    AttachmentStatus,
    HealthRequest,
    HealthResponse,
    ErrorBody,
)


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every top-level message, by class name (for docs and other clients)."""
    return {model.__name__: model.model_json_schema() for model in MESSAGE_TYPES}


__all__ = [
    "MESSAGE_TYPES",
    "PROTOCOL_VERSION",
    "SUPPORTED_VERSIONS",
    "AttachmentCreate",
    "AttachmentRef",
    "AttachmentStatus",
    "AuditHead",
    "AuditWitness",
    "CatalogChange",
    "Change",
    "DayDigest",
    "DocumentChange",
    "EnrollRequest",
    "EnrollResponse",
    "EnrollmentTicket",
    "Envelope",
    "ErrorBody",
    "ErrorDetail",
    "HealthRequest",
    "HealthResponse",
    "ItemResult",
    "MessageChange",
    "ProtocolError",
    "PullRequest",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "SettingsChange",
    "StatusChange",
    "UnknownChange",
    "day_digest",
    "decode",
    "decode_changes",
    "encode",
    "envelope_signing_bytes",
    "headers",
    "json_schemas",
    "sign_envelope",
    "verify_envelope",
]
