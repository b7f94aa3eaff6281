"""Sealing to the institution key: round trips, tampering, truncation, wrong key, wrong context."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared import errors
from shared.crypto import (
    CryptoError,
    generate_institution_keypair,
    key_id,
    open_sealed,
    public_key_bytes,
    seal,
    sealed_key_id,
)
from shared.errors import TamboError

CRYPTO_CODES = {
    errors.CRYPTO_BAD_FORMAT,
    errors.CRYPTO_UNSUPPORTED_VERSION,
    errors.CRYPTO_WRONG_KEY_OR_TAMPERED,
}
INSTITUTION = generate_institution_keypair()
CONTEXT = b"submission:01J0000000000000000000000A"


def test_round_trip_of_empty_and_one_megabyte() -> None:
    for plaintext in (b"", bytes(range(256)) * 4096):
        blob = seal(plaintext, INSTITUTION.public_key(), context=CONTEXT)
        assert open_sealed(blob, INSTITUTION, context=CONTEXT) == plaintext


@settings(max_examples=50, deadline=None)
@given(plaintext=st.binary(max_size=4096), context=st.binary(max_size=64))
def test_round_trip(plaintext: bytes, context: bytes) -> None:
    blob = seal(plaintext, INSTITUTION.public_key(), context=context)
    assert open_sealed(blob, INSTITUTION, context=context) == plaintext


def test_blob_starts_with_the_documented_header() -> None:
    blob = seal(b"hola", INSTITUTION.public_key(), context=CONTEXT)
    assert blob[:3] == b"TMB"
    assert blob[3] == 1
    assert blob[5:13] == hashlib.sha256(public_key_bytes(INSTITUTION.public_key())).digest()[:8]
    assert sealed_key_id(blob) == key_id(INSTITUTION.public_key()) == blob[5:13]


def test_sealing_twice_gives_different_blobs() -> None:
    first = seal(b"hola", INSTITUTION.public_key(), context=CONTEXT)
    second = seal(b"hola", INSTITUTION.public_key(), context=CONTEXT)
    assert first != second


def test_every_single_bit_flip_is_detected() -> None:
    plaintext = b"DNI 12345678"
    blob = seal(plaintext, INSTITUTION.public_key(), context=CONTEXT)
    for index in range(len(blob)):
        for bit in range(8):
            damaged = bytearray(blob)
            damaged[index] ^= 1 << bit
            with pytest.raises(TamboError) as caught:
                open_sealed(bytes(damaged), INSTITUTION, context=CONTEXT)
            assert caught.value.code in CRYPTO_CODES, (index, bit)


def test_truncation_at_every_length_gives_a_clean_crypto_error() -> None:
    blob = seal(b"hola", INSTITUTION.public_key(), context=CONTEXT)
    for length in range(len(blob)):
        with pytest.raises(CryptoError) as caught:
            open_sealed(blob[:length], INSTITUTION, context=CONTEXT)
        assert caught.value.code in CRYPTO_CODES, length
    with pytest.raises(CryptoError) as short:
        open_sealed(blob[:12], INSTITUTION, context=CONTEXT)
    assert short.value.code == errors.CRYPTO_BAD_FORMAT


def test_wrong_private_key_is_refused() -> None:
    other = generate_institution_keypair()
    blob = seal(b"hola", INSTITUTION.public_key(), context=CONTEXT)
    with pytest.raises(CryptoError) as caught:
        open_sealed(blob, other, context=CONTEXT)
    assert caught.value.code == errors.CRYPTO_WRONG_KEY_OR_TAMPERED


def test_wrong_key_with_forged_key_id_still_fails() -> None:
    other = generate_institution_keypair()
    blob = bytearray(seal(b"hola", INSTITUTION.public_key(), context=CONTEXT))
    blob[5:13] = key_id(other.public_key())
    with pytest.raises(CryptoError) as caught:
        open_sealed(bytes(blob), other, context=CONTEXT)
    assert caught.value.code == errors.CRYPTO_WRONG_KEY_OR_TAMPERED


def test_payload_cannot_be_moved_to_another_context() -> None:
    blob = seal(b"hola", INSTITUTION.public_key(), context=CONTEXT)
    with pytest.raises(CryptoError) as caught:
        open_sealed(blob, INSTITUTION, context=CONTEXT + b"B")
    assert caught.value.code == errors.CRYPTO_WRONG_KEY_OR_TAMPERED


@pytest.mark.parametrize("version", [0, 2, 255])
def test_unknown_version_is_reported_as_such(version: int) -> None:
    blob = bytearray(seal(b"hola", INSTITUTION.public_key(), context=CONTEXT))
    blob[3] = version
    with pytest.raises(CryptoError) as caught:
        open_sealed(bytes(blob), INSTITUTION, context=CONTEXT)
    assert caught.value.code == errors.CRYPTO_UNSUPPORTED_VERSION
    assert caught.value.params["version"] == version


def test_unknown_suite_is_unsupported() -> None:
    blob = bytearray(seal(b"hola", INSTITUTION.public_key(), context=CONTEXT))
    blob[4] = 200
    with pytest.raises(CryptoError) as caught:
        open_sealed(bytes(blob), INSTITUTION, context=CONTEXT)
    assert caught.value.code == errors.CRYPTO_UNSUPPORTED_VERSION


@pytest.mark.parametrize("blob", [b"", b"XYZ\x01", b"not a sealed blob at all, really", "TMB"])
def test_non_blobs_are_bad_format(blob: object) -> None:
    with pytest.raises(CryptoError) as caught:
        open_sealed(blob, INSTITUTION, context=CONTEXT)  # type: ignore[arg-type]
    assert caught.value.code == errors.CRYPTO_BAD_FORMAT
    with pytest.raises(CryptoError):
        sealed_key_id(blob)  # type: ignore[arg-type]
