"""Sealed attachment files under ``$TAMBO_HOME/blobs``, named by the SHA-256 of their sealed bytes.

Attachments are sealed (HPKE, to the institution) before they touch the disk, so these files hold no
plaintext. They live beside the database rather than in it so that a 10 MB scan does not pass through
the WAL twice, and so the sync engine can upload them in resumable chunks by offset.

Crash safety without a second transaction: a save writes each blob into ``blobs/incoming/`` and fsyncs
it (and the folder) *before* the database commit; after the commit the blob is renamed to its final
place ``blobs/ab/abcdef...``. If the process dies in between, the next open (:meth:`BlobStore.recover`)
promotes every incoming blob the database references and deletes the ones it does not (a save that
never committed), so a submission is always whole: its row, envelope, outbox entry, audit entry and
blobs, or none of them. Incoming files younger than a grace period are left alone, in case another
process (a script running ``tambo submit`` beside the window) is between its write and its commit.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from desktop.store.files import fsync_directory, write_file_synced
from shared.crypto import sha256_hex

INCOMING = "incoming"
#: Incoming blobs younger than this may belong to a save still in progress in another process.
DEFAULT_GRACE_SECONDS = 600.0


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.incoming = root / INCOMING

    def final_path(self, sealed_sha256: str) -> Path:
        return self.root / sealed_sha256[:2] / sealed_sha256

    def path(self, sealed_sha256: str) -> Path:
        """Where the blob is now (its final place, or still incoming right after a crash)."""
        final = self.final_path(sealed_sha256)
        return final if final.exists() else self.incoming / sealed_sha256

    def read(self, sealed_sha256: str) -> bytes:
        return self.path(sealed_sha256).read_bytes()

    def write_incoming(self, sealed: bytes) -> str:
        """Write one sealed blob durably into ``incoming/``; returns its SHA-256 (the name)."""
        self.incoming.mkdir(parents=True, exist_ok=True)
        digest = sha256_hex(sealed)
        try:
            write_file_synced(self.incoming / digest, sealed)
        except BaseException:
            self.discard([digest])  # a disk that filled up halfway leaves no partial file behind
            raise
        return digest

    def sync_incoming(self) -> None:
        """Make the new names in ``incoming/`` durable (once per save, before the commit)."""
        fsync_directory(self.incoming)

    def promote(self, digests: Iterable[str]) -> None:
        """Move committed blobs to their final place (after the commit).

        No fsync here: if a power cut undoes the rename, the blob is still durable in ``incoming/``
        and the next open promotes it again (:meth:`recover`), so the save does not wait for it.
        """
        for digest in digests:
            source = self.incoming / digest
            if not source.exists():
                continue
            target = self.final_path(digest)
            target.parent.mkdir(parents=True, exist_ok=True)
            source.replace(target)

    def discard(self, digests: Iterable[str]) -> None:
        """Delete incoming blobs of a save that did not commit."""
        for digest in digests:
            with contextlib.suppress(FileNotFoundError):
                (self.incoming / digest).unlink()

    def recover(
        self, referenced: Callable[[list[str]], set[str]], grace_seconds: float = DEFAULT_GRACE_SECONDS
    ) -> tuple[list[str], list[str]]:
        """Finish what a crash interrupted: promote referenced incoming blobs, delete old orphans.

        ``referenced(digests)`` returns the subset the database knows. Returns (promoted, deleted).
        """
        if not self.incoming.is_dir():
            return [], []
        now = time.time()
        files = [p for p in self.incoming.iterdir() if p.is_file() and not p.name.startswith(".")]
        known = referenced([p.name for p in files]) if files else set()
        promoted = [p.name for p in files if p.name in known]
        self.promote(promoted)
        deleted = []
        for path in files:
            if path.name in known:
                continue
            try:
                if now - path.stat().st_mtime >= grace_seconds:
                    path.unlink()
                    deleted.append(path.name)
            except FileNotFoundError:
                continue
        return promoted, deleted
