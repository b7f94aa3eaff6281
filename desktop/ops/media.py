"""The media type of an attached file, from its first bytes (not its name) when it is a common kind.

The clerk window asks Qt's MIME database; the headless CLI has no Qt, so this reads the magic numbers
of the formats forms accept (PDF, images, office documents) and falls back to the file name. A renamed
``.exe`` called ``dni.pdf`` is then ``application/octet-stream`` and refused by a field that accepts
PDF only, as in the window.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

OCTET_STREAM = "application/octet-stream"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_ZIP = b"PK\x03\x04"
_TEXT_TYPES = ("text/plain", "text/csv")


def sniff_media_type(path: Path) -> str:
    """``application/pdf``, ``image/png``... from the content; the name decides only when it agrees."""
    with path.open("rb") as handle:
        head = handle.read(16)
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    guessed, _ = mimetypes.guess_type(path.name)
    if head.startswith(_ZIP) and guessed and ("officedocument" in guessed or "opendocument" in guessed):
        return guessed
    if guessed in _TEXT_TYPES and b"\x00" not in head:
        return guessed
    return OCTET_STREAM
