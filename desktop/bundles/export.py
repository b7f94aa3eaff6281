"""``tambo bundle export PATH``: everything the server has not acknowledged, in one signed file.

The bundle holds the signed envelopes of the outbox's pending submissions exactly as they were
stored at save, the sealed attachments the server does not have yet (those uploaded directly are left
out), the pull cursor (so the acknowledgement brings back what changed since) and the device's
counts. Nothing changes on the device: items stay pending until an acknowledgement (a direct sync or
``tambo bundle ack``) says the server has them, so exporting again is always safe, and a lost or
broken stick loses nothing. A submission whose attachment is missing or damaged on this disk is left
out and named (it needs a person, as in a direct sync).

The file is written beside its final name and renamed into place after an fsync, so a stick pulled
out halfway leaves no file that looks finished (and a cut one would be refused anyway).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.store import Store, audit, settings, syncing
from desktop.store.files import fsync_directory
from desktop.store.identity import Identity, load_identity
from desktop.store.syncing import QueuedItem
from desktop.sync.uploads import check_local_blob
from shared import errors
from shared.errors import TamboError
from shared.ids import new_ulid
from shared.protocol.bundle_acks import ack_public_text
from shared.protocol.bundles import (
    FILE_SUFFIX,
    BundleBlob,
    BundleManifest,
    bundle_stem,
    envelope_entry,
    write_bundle,
)

PAGE = 500


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    envelopes: int
    attachments: int
    size: int
    #: tracking codes left out: an attachment is missing or damaged on this device
    skipped: list[str] = field(default_factory=list)


def bundle_file_name(identity: Identity, now: datetime) -> str:
    """``tambo-ABCD-20260314-093000.tambo``: the site's prefix and when, so files sort by visit."""
    return bundle_stem(identity.device_prefix, now) + FILE_SUFFIX


def _pending(store: Store) -> list[QueuedItem]:
    items: list[QueuedItem] = []
    after = 0
    while page := store.read(lambda db, after=after: syncing.queue_page(db, after, PAGE)):
        items.extend(page)
        after = page[-1].seq
    return items


def _sendable(
    store: Store, items: list[QueuedItem]
) -> tuple[list[QueuedItem], dict[str, BundleBlob], list[str]]:
    """The items whose attachments are here and whole, the blobs to carry, the codes left out."""
    checked: dict[str, bool] = {}
    blobs: dict[str, BundleBlob] = {}
    ready: list[QueuedItem] = []
    skipped: list[str] = []
    for item in items:
        needed = [a for a in item.attachments if not a.uploaded]
        for attachment in needed:
            sha = attachment.sealed_sha256
            if sha not in checked:
                try:
                    check_local_blob(store.blobs.path(sha), sha, attachment.sealed_size)
                    checked[sha] = True
                except TamboError:
                    checked[sha] = False
        if not all(checked[a.sealed_sha256] for a in needed):
            skipped.append(item.tracking_code)
            continue
        ready.append(item)
        for attachment in needed:
            blobs.setdefault(
                attachment.sealed_sha256,
                BundleBlob(
                    sha256=attachment.sealed_sha256,
                    size=attachment.sealed_size,
                    media_type=attachment.media_type,
                    tracking_code=item.tracking_code,
                ),
            )
    return ready, blobs, skipped


def export_bundle(store: Store, target: Path, *, now: datetime | None = None) -> ExportResult:
    """Write this device's bundle to ``target`` (a file, or a folder to put a new file in)."""
    now = now or datetime.now(UTC)
    identity = store.read(load_identity).require_provisioned()
    cursor, office = store.read(
        lambda db: (settings.get_state(db, settings.PULL_CURSOR), settings.get_setting(db, settings.OFFICE))
    )
    items = _pending(store)
    ready, blobs, skipped = _sendable(store, items)
    envelopes = [item.envelope.encode("utf-8") for item in ready]
    manifest = BundleManifest(
        bundle_id=new_ulid(),
        created_at=now,
        institution_id=identity.institution_id or "",
        device_id=identity.device_id,
        device_public_key=identity.device_public_key,
        device_name=(identity.device_name or None) and identity.device_name[:200],
        device_prefix=identity.device_prefix,
        office=(office or None) and str(office)[:200],
        app_version=__version__,
        pending_count=len(items),
        pull_cursor=cursor,
        ack_key=ack_public_text(identity.device_key),
        envelopes=[
            envelope_entry(data, item.submission_id, item.tracking_code)
            for item, data in zip(ready, envelopes, strict=True)
        ],
        blobs=list(blobs.values()),
    )
    path = target / bundle_file_name(identity, now) if target.is_dir() else target
    size = _write(path, manifest, envelopes, [store.blobs.path(sha) for sha in blobs], identity)
    store.write(
        lambda db: audit.append(
            db,
            "bundle.exported",
            manifest.bundle_id,
            {"file": path.name, "envelopes": len(ready), "attachments": len(blobs), "skipped": skipped},
        )
    )
    return ExportResult(path, manifest.bundle_id, len(ready), len(blobs), size, skipped)


def _write(
    path: Path, manifest: BundleManifest, envelopes: list[bytes], blob_paths: list[Path], identity: Identity
) -> int:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with temporary.open("wb") as handle:
            size = write_bundle(handle, manifest, envelopes, blob_paths, identity.device_key)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
        fsync_directory(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise TamboError(
            errors.BUNDLE_WRITE_FAILED, params={"name": str(path), "problem": exc.strerror or str(exc)}
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return size
