"""Base classes and the version of the sync protocol.

Compatibility rule: messages a device SENDS (requests) refuse unknown fields, so a device bug or a
typo is caught on the server at once instead of being silently dropped. Messages a device READS
(responses) ignore unknown fields, so a server upgrade can add fields without breaking devices still in
the field; new change kinds in a pull are likewise kept as :class:`UnknownChange` instead of failing.
A server must therefore only ever ADD optional fields to responses within a protocol version.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS: frozenset[int] = frozenset({1})

BASE64URL_PATTERN = r"^[A-Za-z0-9_-]*$"
SHA256_HEX_PATTERN = r"^[0-9a-f]{64}$"
DEVICE_ID_PATTERN = r"^dev_[a-z2-7]{16}$"


class RequestModel(BaseModel):
    """A part of a message sent by a device: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ResponseModel(BaseModel):
    """A part of a message read by a device: immutable, unknown fields ignored (forward compatible)."""

    model_config = ConfigDict(frozen=True, extra="ignore")


def _check_version(value: int) -> int:
    if value not in SUPPORTED_VERSIONS:
        raise ValueError(f"protocol version {value} is not supported")
    return value


class Request(RequestModel):
    """A top-level message sent by a device."""

    v: int = PROTOCOL_VERSION

    _version = field_validator("v")(_check_version)


class Response(ResponseModel):
    """A top-level message read by a device."""

    v: int = PROTOCOL_VERSION

    _version = field_validator("v")(_check_version)
