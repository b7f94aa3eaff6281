"""Reading a bundle or acknowledgement file a person named, with the Spanish reason when it cannot be."""

from __future__ import annotations

from pathlib import Path

from shared import errors
from shared.errors import TamboError


def read_input_file(path: Path) -> bytes:
    """The bytes of ``path``; INPUT_FILE_UNREADABLE naming it (and why) otherwise."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TamboError(
            errors.INPUT_FILE_UNREADABLE, params={"name": str(path), "problem": exc.strerror or str(exc)}
        ) from None
