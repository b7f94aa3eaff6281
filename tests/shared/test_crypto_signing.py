"""Signatures, canonical JSON, signed documents and base64url."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import errors
from shared.crypto import (
    CryptoError,
    b64d,
    b64e,
    canonical_json,
    ed25519_private_from_bytes,
    generate_device_keypair,
    sign,
    sign_document,
    verify,
    verify_document,
)

# RFC 8032 §7.1, test 1 (empty message).
RFC8032_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)
DEVICE = generate_device_keypair()

json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=10)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


def test_signature_matches_rfc8032_vector() -> None:
    private = ed25519_private_from_bytes(RFC8032_SECRET)
    assert sign(private, b"") == RFC8032_SIGNATURE
    verify(private.public_key(), RFC8032_SIGNATURE, b"")


def test_wrong_message_key_or_signature_fails() -> None:
    signature = sign(DEVICE, b"hola")
    other = generate_device_keypair()
    for public, sig, message in [
        (DEVICE.public_key(), signature, b"hola!"),
        (other.public_key(), signature, b"hola"),
        (DEVICE.public_key(), signature[:-1] + bytes([signature[-1] ^ 1]), b"hola"),
        (DEVICE.public_key(), b"", b"hola"),
        (DEVICE.public_key(), "text", b"hola"),
    ]:
        with pytest.raises(CryptoError) as caught:
            verify(public, sig, message)  # type: ignore[arg-type]
        assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


def test_canonical_json_has_one_spelling() -> None:
    value = {"b": [1, 2, {"d": None, "c": True}], "a": "ñandú", "á": 1}
    assert canonical_json(value) == '{"a":"ñandú","b":[1,2,{"c":true,"d":null}],"á":1}'.encode()


@given(st.dictionaries(st.text(max_size=6), json_values, max_size=8))
def test_canonical_json_ignores_key_order(value: dict[str, object]) -> None:
    reversed_order = dict(reversed(list(value.items())))
    assert canonical_json(reversed_order) == canonical_json(value)
    assert json.loads(canonical_json(value)) == value


@pytest.mark.parametrize("bad", [math.nan, math.inf, {"x": -math.inf}])
def test_canonical_json_refuses_non_finite_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="JSON"):
        canonical_json(bad)


def test_signed_document_verifies_and_the_signature_covers_everything_else() -> None:
    doc = {"id": "A1", "items": [1, 2], "nested": {"x": "y"}}
    signed = sign_document(DEVICE, doc)
    assert "signature" not in doc
    verify_document(DEVICE.public_key(), signed)
    verify_document(DEVICE.public_key(), dict(reversed(list(signed.items()))))
    for tampered in (
        {**signed, "id": "A2"},
        {**signed, "items": [1, 2, 3]},
        {**signed, "nested": {"x": "z"}},
        {**signed, "extra": 1},
        {key: value for key, value in signed.items() if key != "items"},
    ):
        with pytest.raises(CryptoError) as caught:
            verify_document(DEVICE.public_key(), tampered)
        assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


def test_signature_field_name_is_configurable_and_resigning_replaces_it() -> None:
    signed = sign_document(DEVICE, {"a": 1, "sig": "old"}, field="sig")
    verify_document(DEVICE.public_key(), signed, field="sig")
    assert signed["sig"] != "old"
    with pytest.raises(CryptoError):
        verify_document(DEVICE.public_key(), signed)


@pytest.mark.parametrize("signature", [None, 5, "", "***", b64e(b"x" * 64)])
def test_missing_or_garbage_document_signature_fails(signature: object) -> None:
    doc = {"a": 1} if signature is None else {"a": 1, "signature": signature}
    with pytest.raises(CryptoError) as caught:
        verify_document(DEVICE.public_key(), doc)
    assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


@given(st.binary(max_size=100))
def test_base64url_round_trip(data: bytes) -> None:
    text = b64e(data)
    assert "=" not in text
    assert "+" not in text
    assert "/" not in text
    assert b64d(text) == data


def test_base64url_known_values() -> None:
    assert b64e(b"\xfb\xff") == "-_8"
    assert b64d("-_8") == b"\xfb\xff"
    assert b64e(b"") == ""


@pytest.mark.parametrize("text", ["a", "ab=", "+/8", "a b", "AB", "-_9", 7])
def test_base64url_refuses_garbage_and_second_spellings(text: object) -> None:
    with pytest.raises(CryptoError) as caught:
        b64d(text)  # type: ignore[arg-type]
    assert caught.value.code == errors.CRYPTO_BAD_FORMAT
