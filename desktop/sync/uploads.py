"""Resumable attachment uploads: announce, then append chunks from the server's offset.

The server keeps only whole, checksummed chunks (a chunk cut in the middle is dropped), so after a cut
the bytes of the chunk in flight are sent again. Chunks are therefore sized to the link: about
``target_seconds`` of transfer each (:class:`ChunkSizer`), big on a fast link (few requests, few round
trips) and small on EDGE or GPRS (little to resend after a cut). After any failure the next attempt
asks the server where it stands (announcing again returns the offset) instead of trusting what the
device sent: an answer lost after the server stored a chunk costs nothing.

Before the first byte leaves, the sealed file is hashed: a blob damaged on the device's disk is
reported (``sync.attachment_lost``) rather than uploaded and refused at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.sync.client import ServerClient
from desktop.sync.errors import ServerRefusal, TransientError
from shared import errors
from shared.crypto import sha256_file
from shared.errors import TamboError

KIB = 1024


@dataclass
class ChunkSizer:
    """Chunk sizes that take about ``target_seconds`` on the link as last measured."""

    size: int = 64 * KIB
    minimum: int = 16 * KIB
    maximum: int = 4 * 1024 * KIB
    target_seconds: float = 3.0

    def observe(self, nbytes: int, seconds: float) -> None:
        """A chunk of ``nbytes`` went through in ``seconds``: move toward the target (halfway, to damp)."""
        if nbytes <= 0:
            return
        rate = nbytes / max(seconds, 0.001)
        wanted = rate * self.target_seconds
        self.size = int(min(self.maximum, max(self.minimum, (self.size * wanted) ** 0.5)))

    def failed(self) -> None:
        """A chunk did not make it: smaller next time, so a flaky link wastes less."""
        self.size = max(self.minimum, self.size // 2)


def attachment_lost(sha256: str, problem: str) -> TamboError:
    return TamboError(errors.SYNC_ATTACHMENT_LOST, details={"sha256": sha256, "problem": problem})


def check_local_blob(path: Path, sha256: str, size: int) -> None:
    """The sealed file is on this device, whole: SYNC_ATTACHMENT_LOST otherwise."""
    try:
        actual_size = path.stat().st_size
    except OSError as exc:
        raise attachment_lost(sha256, exc.strerror or str(exc)) from None
    if actual_size != size:
        raise attachment_lost(sha256, f"tamaño {actual_size} en vez de {size}")
    if sha256_file(path) != sha256:
        raise attachment_lost(sha256, "el contenido no corresponde a su huella")


ByteSink = Callable[[int, int], None]  # (bytes of this file on the server now, file size)


def upload_file(
    client: ServerClient,
    path: Path,
    sha256: str,
    size: int,
    media_type: str,
    sizer: ChunkSizer,
    on_bytes: ByteSink | None = None,
    on_sent: Callable[[int], None] | None = None,
) -> int:
    """Get the file onto the server; returns the bytes this call sent (0 when it was already there).

    ``on_sent(n)`` is told of every chunk body put on the wire, also the ones a cut then lost (that is
    how retransmitted bytes are counted).

    Raises TransientError on a cut (call again: it resumes), ServerRefusal when the server refuses the
    file (too large...), and SYNC_ATTACHMENT_LOST when the local copy is missing or damaged.
    """
    check_local_blob(path, sha256, size)
    status = client.announce(sha256, size, media_type)
    offset = size if status.complete else status.offset
    if on_bytes:
        on_bytes(offset, size)
    sent = 0
    restarts = 0
    with path.open("rb") as handle:
        while offset < size:
            handle.seek(offset)
            chunk = handle.read(sizer.size)
            started = time.monotonic()
            if on_sent:
                on_sent(len(chunk))
            try:
                progress = client.append(sha256, offset, chunk)
            except TransientError:
                sizer.failed()
                raise
            except ServerRefusal as exc:
                sent += len(chunk)
                offset, restarts = _after_refusal(client, exc, sha256, offset, restarts)
                continue
            sent += len(chunk)
            sizer.observe(len(chunk), time.monotonic() - started)
            offset = size if progress.complete else progress.offset
            if on_bytes:
                on_bytes(offset, size)
    return sent


def _after_refusal(
    client: ServerClient, exc: ServerRefusal, sha256: str, offset: int, restarts: int
) -> tuple[int, int]:
    """Where to go on after a refused chunk: the server's offset, or from 0 after a damaged whole."""
    if exc.code == errors.ATTACHMENT_OFFSET_MISMATCH:
        server_offset = exc.details.get("offset")
        if isinstance(server_offset, int) and server_offset >= 0:
            return server_offset, restarts
        return client.upload_offset(sha256), restarts
    if exc.code == errors.ATTACHMENT_CHECKSUM_MISMATCH:
        if exc.details.get("whole_file"):  # every chunk arrived, yet the whole does not hash right
            if restarts >= 1:
                raise attachment_lost(sha256, "el servidor no pudo verificar el archivo") from None
            return 0, restarts + 1
        return client.upload_offset(sha256), restarts  # damaged on the way: send that chunk again
    raise exc
