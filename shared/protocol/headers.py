"""HTTP header names of the sync protocol and the bytes a device signs for each request.

Every request carries the device id, a timestamp, a random nonce and an Ed25519 signature over
:func:`request_signing_bytes`; the server refuses stale timestamps and reused nonces (replay). The
signed text names the method, the path with its query and the body hash, so a captured signature
cannot be reused for another request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from shared import errors
from shared.protocol.errors import ProtocolError

UPLOAD_OFFSET = "Upload-Offset"
UPLOAD_CHECKSUM = "Upload-Checksum"  # "sha256 <standard base64 of the chunk's digest>" (tus checksum)
DEVICE = "X-Tambo-Device"
TIMESTAMP = "X-Tambo-Timestamp"
NONCE = "X-Tambo-Nonce"
SIGNATURE = "X-Tambo-Signature"
PROTOCOL = "X-Tambo-Protocol"

REQUEST_SIGNING_LABEL = "tambo-request-v1"


def request_signing_bytes(
    method: str, path_with_query: str, timestamp: str | int, nonce: str, body_sha256_hex: str
) -> bytes:
    """The canonical text of a request, one component per line, under a fixed label.

    A component containing a line break could shift the others and make two requests sign alike, so
    it is refused (ValueError): the caller builds these values, a device never sends the text itself.
    """
    parts = [REQUEST_SIGNING_LABEL, method.upper(), path_with_query, str(timestamp), nonce, body_sha256_hex]
    if any("\n" in part or "\r" in part for part in parts):
        raise ValueError("request signing components must not contain line breaks")
    return "\n".join(parts).encode("utf-8")


def upload_checksum(chunk: bytes) -> str:
    """The ``Upload-Checksum`` value for ``chunk``."""
    return "sha256 " + base64.b64encode(hashlib.sha256(chunk).digest()).decode("ascii")


def parse_upload_checksum(value: str) -> bytes:
    """The 32-byte digest in an ``Upload-Checksum`` value; PROTOCOL_MALFORMED if it is not one."""
    algorithm, _, encoded = value.strip().partition(" ")
    try:
        digest = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        digest = b""
    if algorithm.lower() != "sha256" or len(digest) != hashlib.sha256().digest_size:
        raise ProtocolError(errors.PROTOCOL_MALFORMED, params={"problem": f"bad {UPLOAD_CHECKSUM} header"})
    return digest
