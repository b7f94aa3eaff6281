"""Keys: text forms, raw bytes, fingerprints and device ids."""

from __future__ import annotations

import hashlib
import re

import pytest

from shared import errors
from shared.crypto import (
    CryptoError,
    b64e,
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

# RFC 8032 §7.1, test 1.
RFC8032_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")


def _base32_lower(data: bytes) -> str:
    """RFC 4648 base32 written out bit by bit, independent of the base64 module."""
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    bits = "".join(f"{byte:08b}" for byte in data)
    bits += "0" * (-len(bits) % 5)
    return "".join(alphabet[int(bits[i : i + 5], 2)] for i in range(0, len(bits), 5))


def test_ed25519_private_bytes_give_the_rfc8032_public_key() -> None:
    private = ed25519_private_from_bytes(RFC8032_SECRET)
    assert public_key_bytes(private.public_key()) == RFC8032_PUBLIC
    assert private_key_to_bytes(private) == RFC8032_SECRET


def test_public_key_text_round_trips_for_both_kinds() -> None:
    device = generate_device_keypair().public_key()
    institution = generate_institution_keypair().public_key()
    device_text = public_key_to_text(device)
    institution_text = public_key_to_text(institution)
    assert len(device_text) == 43
    assert "=" not in device_text
    assert public_key_bytes(ed25519_public_from_text(device_text)) == public_key_bytes(device)
    assert public_key_bytes(x25519_public_from_text(institution_text)) == public_key_bytes(institution)


def test_private_keys_round_trip_through_raw_bytes() -> None:
    device = generate_device_keypair()
    institution = generate_institution_keypair()
    again_device = ed25519_private_from_bytes(private_key_to_bytes(device))
    again_institution = x25519_private_from_bytes(private_key_to_bytes(institution))
    assert public_key_bytes(again_device.public_key()) == public_key_bytes(device.public_key())
    assert public_key_bytes(again_institution.public_key()) == public_key_bytes(institution.public_key())


@pytest.mark.parametrize(
    "text",
    ["", "not base64!", b64e(b"\x01" * 31), b64e(b"\x01" * 33), b64e(b"\x01" * 32) + "=", 123],
)
def test_bad_public_key_text_is_refused_with_bad_key(text: object) -> None:
    for parse in (ed25519_public_from_text, x25519_public_from_text):
        with pytest.raises(CryptoError) as caught:
            parse(text)  # type: ignore[arg-type]
        assert caught.value.code == errors.CRYPTO_BAD_KEY


@pytest.mark.parametrize("raw", [b"", b"\x00" * 31, b"\x00" * 33])
def test_private_key_of_wrong_length_is_refused(raw: bytes) -> None:
    for parse in (ed25519_private_from_bytes, x25519_private_from_bytes):
        with pytest.raises(CryptoError) as caught:
            parse(raw)
        assert caught.value.code == errors.CRYPTO_BAD_KEY


def test_fingerprint_is_grouped_sha256_prefix() -> None:
    public = ed25519_private_from_bytes(RFC8032_SECRET).public_key()
    expected_hex = hashlib.sha256(RFC8032_PUBLIC).hexdigest()[:16]
    fingerprint = key_fingerprint(public)
    assert re.fullmatch(r"[0-9a-f]{4}( [0-9a-f]{4}){3}", fingerprint)
    assert fingerprint.replace(" ", "") == expected_hex


def test_device_id_is_base32_of_the_key_hash() -> None:
    public = ed25519_private_from_bytes(RFC8032_SECRET).public_key()
    expected = "dev_" + _base32_lower(hashlib.sha256(RFC8032_PUBLIC).digest()[:10])
    assert device_id_for(public) == expected
    assert re.fullmatch(r"dev_[a-z2-7]{16}", expected)


def test_device_ids_of_different_keys_differ_and_are_stable() -> None:
    first = generate_device_keypair().public_key()
    second = generate_device_keypair().public_key()
    assert device_id_for(first) != device_id_for(second)
    assert device_id_for(first) == device_id_for(ed25519_public_from_text(public_key_to_text(first)))
