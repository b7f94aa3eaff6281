"""Where file bytes live: attachments (sealed by devices) and final documents, by SHA-256.

The interface is small so an object store can replace the filesystem later: :meth:`BlobStore.upload`
gives exclusive access to one partial upload (append a chunk, then promote the whole file into place),
:meth:`BlobStore.store` saves a whole file, and :meth:`BlobStore.path` finds a finished one.

On the filesystem every name is a hash: finished files are ``blobs/ab/cd/<sha256>``, partial uploads
``uploads/<sha256 of institution and file hash>.part``. No part of a path ever comes from a request, so
no file name can climb out of the data directory. Bytes are streamed in small pieces (memory does not
grow with the file), fsynced before the caller records a new offset, and a finished file is hashed and
renamed into place atomically, so a crash leaves either the old state or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from shared import errors
from shared.crypto import sha256_file, sha256_hex
from shared.errors import TamboError

PIECE = 64 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _check_hash(value: str) -> str:
    if not _SHA256.match(value):
        raise ValueError("not a SHA-256 hex digest")
    return value


class UploadFile(Protocol):
    """One partial upload, held exclusively while the caller appends to it."""

    def durable_size(self) -> int: ...

    def append(
        self, offset: int, stream: BinaryIO, length: int | None, digest: bytes, max_bytes: int
    ) -> int: ...

    def promote(self, sha256: str) -> bool: ...

    def discard(self) -> None: ...


class BlobStore(Protocol):
    def upload(self, institution_id: str, sha256: str) -> contextlib.AbstractContextManager[UploadFile]: ...

    def store(self, stream: BinaryIO, max_bytes: int) -> tuple[str, int]: ...

    def path(self, sha256: str) -> Path | None: ...


class FileBlobStore:
    """The filesystem implementation, under one root directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._blobs = root / "blobs"
        self._uploads = root / "uploads"
        self._tmp = root / "tmp"
        for folder in (self._blobs, self._uploads, self._tmp):
            folder.mkdir(parents=True, exist_ok=True)

    def _final_path(self, sha256: str) -> Path:
        _check_hash(sha256)
        return self._blobs / sha256[:2] / sha256[2:4] / sha256

    def path(self, sha256: str) -> Path | None:
        """The finished file with this hash, if the store has it."""
        final = self._final_path(sha256)
        return final if final.is_file() else None

    @contextlib.contextmanager
    def upload(self, institution_id: str, sha256: str) -> Iterator[_FileUpload]:
        """Exclusive access to the partial upload of ``sha256`` for ``institution_id``.

        Raises ATTACHMENT_BUSY when another request (maybe a retry whose first attempt is still
        being read) holds it: two writers must never interleave bytes of one file.
        """
        key = sha256_hex(f"{institution_id}\n{_check_hash(sha256)}".encode())
        path = self._uploads / f"{key}.part"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise TamboError(errors.ATTACHMENT_BUSY) from None
            yield _FileUpload(self, path, fd)
        finally:
            os.close(fd)

    def store(self, stream: BinaryIO, max_bytes: int) -> tuple[str, int]:
        """Save a whole file (a final document); its hash and size. Idempotent for the same bytes."""
        digest = hashlib.sha256()
        size = 0
        fd, name = tempfile.mkstemp(dir=self._tmp)
        try:
            with os.fdopen(fd, "wb") as handle:
                while piece := stream.read(PIECE):
                    size += len(piece)
                    if size > max_bytes:
                        raise TamboError(
                            errors.ATTACHMENT_TOO_LARGE, params={"size": size, "max_bytes": max_bytes}
                        )
                    digest.update(piece)
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            sha256 = digest.hexdigest()
            self._move_into_place(Path(name), sha256)
            return sha256, size
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(name).unlink()

    def _move_into_place(self, source: Path, sha256: str) -> None:
        final = self._final_path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        source.replace(final)
        _fsync_directory(final.parent)


class _FileUpload:
    def __init__(self, store: FileBlobStore, path: Path, fd: int) -> None:
        self._store = store
        self._path = path
        self._fd = fd

    def durable_size(self) -> int:
        return os.fstat(self._fd).st_size

    def append(self, offset: int, stream: BinaryIO, length: int | None, digest: bytes, max_bytes: int) -> int:
        """Write the chunk at ``offset``; return the new offset once it is on disk.

        Bytes past ``offset`` (left by a crash before their offset was recorded) are cut first. When
        the chunk's SHA-256 is not ``digest``, or the stream ends early or breaks, the file is cut back
        to ``offset`` and ATTACHMENT_CHECKSUM_MISMATCH (or the stream's error) is raised.
        """
        os.ftruncate(self._fd, offset)
        os.lseek(self._fd, offset, os.SEEK_SET)
        hasher = hashlib.sha256()
        written = 0
        try:
            while length is None or written < length:
                want = PIECE if length is None else min(PIECE, length - written)
                piece = stream.read(want)
                if not piece:
                    break
                written += len(piece)
                if written > max_bytes:
                    raise TamboError(
                        errors.ATTACHMENT_TOO_LARGE,
                        params={"size": offset + written, "max_bytes": offset + max_bytes},
                    )
                hasher.update(piece)
                view = memoryview(piece)
                while view:
                    view = view[os.write(self._fd, view) :]
            if (length is not None and written != length) or hasher.digest() != digest:
                raise TamboError(
                    errors.ATTACHMENT_CHECKSUM_MISMATCH, details={"offset": offset, "received": written}
                )
            os.fsync(self._fd)
        except BaseException:
            os.ftruncate(self._fd, offset)
            raise
        return offset + written

    def promote(self, sha256: str) -> bool:
        """Move the finished upload into place if its bytes hash to ``sha256``; else drop them."""
        if sha256_file(self._path) != sha256:
            self.discard()
            return False
        self._store._move_into_place(self._path, sha256)
        return True

    def discard(self) -> None:
        os.ftruncate(self._fd, 0)


def _fsync_directory(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
