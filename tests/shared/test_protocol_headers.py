"""Request signing text and upload checksum headers."""

from __future__ import annotations

import base64
import hashlib

import pytest

from shared import errors
from shared.protocol import ProtocolError, headers

BODY_HASH = hashlib.sha256(b"{}").hexdigest()


def test_request_signing_bytes_layout() -> None:
    text = headers.request_signing_bytes("post", "/api/v1/push?x=1", "1741080000", "n0nce", BODY_HASH)
    assert text == f"tambo-request-v1\nPOST\n/api/v1/push?x=1\n1741080000\nn0nce\n{BODY_HASH}".encode()


def test_request_signing_bytes_depend_on_every_component() -> None:
    base = ("POST", "/api/v1/push", "1741080000", "n1", BODY_HASH)
    reference = headers.request_signing_bytes(*base)
    for index, replacement in enumerate(["GET", "/api/v1/pull", "1741080001", "n2", "0" * 64]):
        changed = list(base)
        changed[index] = replacement
        assert headers.request_signing_bytes(*changed) != reference
    assert headers.request_signing_bytes("POST", "/api/v1/push", 1741080000, "n1", BODY_HASH) == reference


@pytest.mark.parametrize("nonce", ["a\nb", "a\rb"])
def test_line_breaks_cannot_shift_components(nonce: str) -> None:
    with pytest.raises(ValueError, match="line breaks"):
        headers.request_signing_bytes("GET", "/", "1", nonce, BODY_HASH)


def test_header_names() -> None:
    assert headers.UPLOAD_OFFSET == "Upload-Offset"
    assert headers.UPLOAD_CHECKSUM == "Upload-Checksum"
    assert {headers.DEVICE, headers.TIMESTAMP, headers.NONCE, headers.SIGNATURE, headers.PROTOCOL} == {
        "X-Tambo-Device",
        "X-Tambo-Timestamp",
        "X-Tambo-Nonce",
        "X-Tambo-Signature",
        "X-Tambo-Protocol",
    }


def test_upload_checksum_round_trip() -> None:
    value = headers.upload_checksum(b"chunk")
    digest = hashlib.sha256(b"chunk").digest()
    assert value == "sha256 " + base64.b64encode(digest).decode()
    assert headers.parse_upload_checksum(value) == digest


@pytest.mark.parametrize(
    "value", ["", "sha256", "md5 AAAA", "sha256 !!!", "sha256 " + base64.b64encode(b"x").decode()]
)
def test_bad_upload_checksum_is_malformed(value: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        headers.parse_upload_checksum(value)
    assert caught.value.code == errors.PROTOCOL_MALFORMED
