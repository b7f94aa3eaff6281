"""The filesystem blob store: hash-only names, exclusive uploads, cut-back after a crash, atomic promote."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from shared import errors
from shared.errors import TamboError
from sync_server.blobs import FileBlobStore


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def test_chunks_append_and_the_whole_file_is_promoted(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    with store.upload("muni-a", sha) as upload:
        assert upload.append(0, io.BytesIO(data[:100_000]), 100_000, digest(data[:100_000]), 10**9) == 100_000
        assert (
            upload.append(100_000, io.BytesIO(data[100_000:]), None, digest(data[100_000:]), 10**9) == 300_000
        )
        assert upload.promote(sha)
    assert store.path(sha).read_bytes() == data
    assert store.path(sha).relative_to(tmp_path).parts == ("blobs", sha[:2], sha[2:4], sha)
    assert not list((tmp_path / "uploads").iterdir()) or all(
        p.stat().st_size == 0 for p in (tmp_path / "uploads").iterdir()
    )


def test_bytes_past_the_recorded_offset_are_cut_before_appending(tmp_path: Path) -> None:
    """After a crash between writing a chunk and recording its offset, the stray bytes go away."""
    store = FileBlobStore(tmp_path)
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    with store.upload("muni-a", sha) as upload:
        upload.append(0, io.BytesIO(data[:1000]), 1000, digest(data[:1000]), 10**9)
        upload.append(
            1000, io.BytesIO(b"garbage" * 50), None, digest(b"garbage" * 50), 10**9
        )  # never recorded
        assert upload.append(1000, io.BytesIO(data[1000:]), 1000, digest(data[1000:]), 10**9) == 2000
        assert upload.promote(sha)
    assert store.path(sha).read_bytes() == data


def test_a_damaged_or_short_chunk_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    with store.upload("muni-a", "ab" * 32) as upload:
        upload.append(0, io.BytesIO(b"hola"), 4, digest(b"hola"), 100)
        with pytest.raises(TamboError) as caught:
            upload.append(4, io.BytesIO(b"mundo"), 5, digest(b"otro"), 100)
        assert caught.value.code == errors.ATTACHMENT_CHECKSUM_MISMATCH
        with pytest.raises(TamboError):
            upload.append(4, io.BytesIO(b"mun"), 5, digest(b"mundo"), 100)  # the stream ended early
        assert upload.durable_size() == 4


def test_a_broken_stream_cuts_back_and_re_raises(tmp_path: Path) -> None:
    class Broken(io.RawIOBase):
        def __init__(self) -> None:
            self.sent = False

        def read(self, size: int = -1) -> bytes:
            if self.sent:
                raise ConnectionResetError("el enlace se cayó")
            self.sent = True
            return b"x" * 100

    store = FileBlobStore(tmp_path)
    with store.upload("muni-a", "cd" * 32) as upload:
        with pytest.raises(ConnectionResetError):
            upload.append(0, Broken(), 1000, digest(b"x" * 1000), 10**6)
        assert upload.durable_size() == 0


def test_one_upload_at_a_time(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    with (
        store.upload("muni-a", "ef" * 32),
        pytest.raises(TamboError) as caught,
        store.upload("muni-a", "ef" * 32),
    ):
        pass
    assert caught.value.code == errors.ATTACHMENT_BUSY
    with store.upload("muni-b", "ef" * 32):  # another institution's upload of the same hash is separate
        pass


def test_a_file_that_does_not_hash_right_is_not_promoted(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    with store.upload("muni-a", "12" * 32) as upload:
        upload.append(0, io.BytesIO(b"contenido"), 9, digest(b"contenido"), 100)
        assert not upload.promote("12" * 32)
        assert upload.durable_size() == 0
    assert store.path("12" * 32) is None


def test_store_saves_a_whole_file_once_and_refuses_oversize(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    first = store.store(io.BytesIO(b"%PDF resolucion"), 1000)
    again = store.store(io.BytesIO(b"%PDF resolucion"), 1000)
    assert first == again == (hashlib.sha256(b"%PDF resolucion").hexdigest(), 15)
    with pytest.raises(TamboError) as caught:
        store.store(io.BytesIO(b"x" * 2000), 1000)
    assert caught.value.code == errors.ATTACHMENT_TOO_LARGE
    assert not list((tmp_path / "tmp").iterdir())


@pytest.mark.parametrize("name", ["../x", "A" * 64, "0" * 65, "", "ab/" + "0" * 61])
def test_only_hashes_name_files(tmp_path: Path, name: str) -> None:
    store = FileBlobStore(tmp_path)
    with pytest.raises(ValueError, match="SHA-256"):
        store.path(name)
    with pytest.raises(ValueError, match="SHA-256"), store.upload("muni-a", name):
        pass
