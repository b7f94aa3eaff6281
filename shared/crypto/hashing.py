"""SHA-256 as lower-case hex, the one content hash of the project (payloads, attachments, digests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

ONE_MIB = 1024 * 1024


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lower-case hex characters."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path, chunk: int = ONE_MIB) -> str:
    """The SHA-256 of a file, read ``chunk`` bytes at a time so a scanned 50 MB PDF never sits in memory."""
    if chunk <= 0:
        raise ValueError("chunk must be positive")
    digest = hashlib.sha256()
    buffer = bytearray(chunk)
    view = memoryview(buffer)
    with Path(path).open("rb") as handle:
        while True:
            read = handle.readinto(buffer)
            if not read:
                break
            digest.update(view[:read])
    return digest.hexdigest()
