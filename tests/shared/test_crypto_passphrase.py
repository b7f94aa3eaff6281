"""Key wrapping with a passphrase (Argon2id) and with another key."""

from __future__ import annotations

import hashlib
import os
import struct
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared import errors
from shared.crypto import CryptoError, KdfParams, unwrap_key, unwrap_key_with_key, wrap_key, wrap_key_with_key
from shared.errors import TamboError

CHEAP = KdfParams(memory_kib=64, iterations=1, lanes=1)
KEY = bytes(range(32))
PARAMS_OFFSET = 5  # b"TKW" + version + kdf id
CRYPTO_CODES = {errors.CRYPTO_BAD_FORMAT, errors.CRYPTO_UNSUPPORTED_VERSION}


def _with_checksum(body: bytes) -> bytes:
    return body + hashlib.sha256(body).digest()[:8]


@settings(max_examples=25, deadline=None)
@given(key=st.binary(max_size=64), passphrase=st.text(min_size=1, max_size=30))
def test_round_trip(key: bytes, passphrase: str) -> None:
    assert unwrap_key(wrap_key(key, passphrase, params=CHEAP), passphrase) == key


def test_default_parameters_are_written_into_the_slot_and_work() -> None:
    assert KdfParams() == KdfParams(memory_kib=65536, iterations=3, lanes=4)
    blob = wrap_key(KEY, "clave del personal")
    assert blob[:3] == b"TKW"
    assert struct.unpack(">III", blob[PARAMS_OFFSET : PARAMS_OFFSET + 12]) == (65536, 3, 4)
    assert unwrap_key(blob, "clave del personal") == KEY


def test_wrong_passphrase_is_reported_as_such() -> None:
    blob = wrap_key(KEY, "correcta", params=CHEAP)
    for wrong in ("Correcta", "correcta ", ""):
        with pytest.raises(CryptoError) as caught:
            unwrap_key(blob, wrong)
        assert caught.value.code == errors.CRYPTO_WRONG_PASSPHRASE


def test_composed_and_decomposed_passphrases_are_the_same() -> None:
    composed = unicodedata.normalize("NFC", "Año Señor café")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert unwrap_key(wrap_key(KEY, decomposed, params=CHEAP), composed) == KEY
    assert unwrap_key(wrap_key(KEY, composed, params=CHEAP), decomposed) == KEY


def test_every_damaged_byte_is_bad_format_not_wrong_passphrase() -> None:
    blob = wrap_key(KEY, "correcta", params=CHEAP)
    for index in range(len(blob)):
        damaged = bytearray(blob)
        damaged[index] ^= 0x10
        with pytest.raises(TamboError) as caught:
            unwrap_key(bytes(damaged), "correcta")
        expected = errors.CRYPTO_UNSUPPORTED_VERSION if index == 3 else errors.CRYPTO_BAD_FORMAT
        assert caught.value.code == expected, index


def test_truncation_at_every_length_is_a_clean_crypto_error() -> None:
    blob = wrap_key(KEY, "correcta", params=CHEAP)
    for length in range(len(blob)):
        with pytest.raises(CryptoError) as caught:
            unwrap_key(blob[:length], "correcta")
        assert caught.value.code in CRYPTO_CODES, length


def test_header_is_authenticated_even_with_a_recomputed_checksum() -> None:
    blob = wrap_key(KEY, "correcta", params=CHEAP)
    body = bytearray(blob[:-8])
    body[PARAMS_OFFSET : PARAMS_OFFSET + 12] = struct.pack(">III", 64, 2, 1)
    with pytest.raises(CryptoError) as caught:
        unwrap_key(_with_checksum(bytes(body)), "correcta")
    assert caught.value.code == errors.CRYPTO_WRONG_PASSPHRASE


def test_absurd_kdf_parameters_are_refused_before_deriving() -> None:
    blob = wrap_key(KEY, "correcta", params=CHEAP)
    body = bytearray(blob[:-8])
    body[PARAMS_OFFSET : PARAMS_OFFSET + 12] = struct.pack(">III", 0xFFFFFFFF, 0xFFFFFFFF, 1)
    with pytest.raises(CryptoError) as caught:
        unwrap_key(_with_checksum(bytes(body)), "correcta")
    assert caught.value.code == errors.CRYPTO_BAD_FORMAT


def test_empty_passphrase_cannot_wrap() -> None:
    with pytest.raises(ValueError, match="empty"):
        wrap_key(KEY, "", params=CHEAP)


@pytest.mark.parametrize(
    ("memory_kib", "iterations", "lanes"), [(7, 1, 1), (64, 0, 1), (64, 1, 0), (64, 1, 9)]
)
def test_invalid_kdf_params_are_refused(memory_kib: int, iterations: int, lanes: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        KdfParams(memory_kib=memory_kib, iterations=iterations, lanes=lanes)


def test_wrap_with_key_round_trip_and_wrong_key() -> None:
    wrapping = os.urandom(32)
    blob = wrap_key_with_key(KEY, wrapping)
    assert blob[:3] == b"TKK"
    assert unwrap_key_with_key(blob, wrapping) == KEY
    with pytest.raises(CryptoError) as caught:
        unwrap_key_with_key(blob, os.urandom(32))
    assert caught.value.code == errors.CRYPTO_WRONG_KEY_OR_TAMPERED


def test_wrap_with_key_detects_every_bit_flip_and_truncation() -> None:
    wrapping = os.urandom(32)
    blob = wrap_key_with_key(KEY, wrapping)
    codes = CRYPTO_CODES | {errors.CRYPTO_WRONG_KEY_OR_TAMPERED}
    for index in range(len(blob)):
        damaged = bytearray(blob)
        damaged[index] ^= 1 << (index % 8)
        with pytest.raises(CryptoError) as caught:
            unwrap_key_with_key(bytes(damaged), wrapping)
        assert caught.value.code in codes, index
    for length in range(len(blob)):
        with pytest.raises(CryptoError) as caught:
            unwrap_key_with_key(blob[:length], wrapping)
        assert caught.value.code in codes, length


@pytest.mark.parametrize("wrapping", [b"", b"\x00" * 16, b"\x00" * 33])
def test_wrapping_key_must_be_32_bytes(wrapping: bytes) -> None:
    with pytest.raises(CryptoError) as caught:
        wrap_key_with_key(KEY, wrapping)
    assert caught.value.code == errors.CRYPTO_BAD_KEY
