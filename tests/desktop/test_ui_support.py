"""Helpers for the UI tests: a backend fixture, demo files, and small waits. (No tests here.)

The backend is the real ``LocalBackend`` on a temporary ``TAMBO_HOME``, enrolled with a test
institution, so the widgets are tested against the encrypted store they run on.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

from desktop.ops.api import SubmissionDetail
from tests.desktop import test_store_support

VALID_DNI = "45781236"


def tiny_png(path: Path) -> Path:
    """A valid 1x1 PNG, so the MIME sniffing sees a real image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    raw += chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
    path.write_bytes(raw)
    return path


def tiny_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def make_backend(tmp_path: Path) -> Any:
    """The real LocalBackend on a temporary TAMBO_HOME, opened as ``tambo`` opens it.

    The first time, the store is created (with a cheap KDF) and enrolled with a test institution, as
    ``tambo enroll --ticket`` would do; a second call on the same ``tmp_path`` reopens it from disk.
    """
    from desktop.ops.backend import LocalBackend, store_exists
    from desktop.ui.app import open_backend

    home = tmp_path / "tambo-home"
    if not store_exists(home):
        first = LocalBackend.open(home, "clave-de-prueba-123", kdf=test_store_support.CHEAP_KDF)
        first.enroll(test_store_support.Institution().ticket())
        first.close()
    return open_backend(home, "clave-de-prueba-123")


def save_complaint(backend: Any, nombres: str, dni: str) -> SubmissionDetail:
    """Save a Libro de reclamaciones entry straight through the backend (no widgets)."""
    return test_store_support.save_complaint(backend, nombres, dni, answers={"apellidos": "Prueba"})


def reopen_backend(backend: Any, tmp_path: Path) -> Any:
    """The backend as the next start of ``tambo`` sees it: the same store opened again from disk."""
    backend.close()
    return make_backend(tmp_path)
