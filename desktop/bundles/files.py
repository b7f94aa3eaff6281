"""Reading a bundle or acknowledgement file a person named, with the Spanish reason when it cannot be."""

from __future__ import annotations

import hashlib
from pathlib import Path

from shared import errors
from shared.errors import TamboError


def read_input_file(path: Path) -> bytes:
    """The bytes of ``path``; INPUT_FILE_UNREADABLE naming it (and why) otherwise."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None


def file_sha256(path: Path) -> bytes:
    """The SHA-256 of ``path``, read in blocks (a bundle may be larger than memory should hold)."""
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").digest()
    except OSError as exc:
        raise unreadable(path, exc) from None


def unreadable(path: Path | str, exc: OSError) -> TamboError:
    return TamboError(
        errors.INPUT_FILE_UNREADABLE, params={"name": str(path), "problem": exc.strerror or str(exc)}
    )
