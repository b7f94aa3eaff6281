"""SHA-256 helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.crypto import sha256_file, sha256_hex

# FIPS 180-2 test vectors.
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_known_vectors() -> None:
    assert sha256_hex(b"") == EMPTY
    assert sha256_hex(b"abc") == ABC


@pytest.mark.parametrize("chunk", [1, 2, 3, 1024 * 1024])
def test_file_hash_does_not_depend_on_chunk_size(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"abc")
    assert sha256_file(path, chunk=chunk) == ABC
    big = tmp_path / "big.bin"
    data = bytes(range(256)) * 5000
    big.write_bytes(data)
    assert sha256_file(str(big), chunk=chunk if chunk > 3 else 4093) == sha256_hex(data)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert sha256_file(path) == EMPTY


def test_chunk_must_be_positive(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x")
    with pytest.raises(ValueError, match="positive"):
        sha256_file(path, chunk=0)
