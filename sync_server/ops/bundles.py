"""Receiving a sync bundle (from a relay device or the console's upload form) and answering it with
an acknowledgement file.

A bundle is checked whole before anything in it is used: the device that signed it must be enrolled
and not revoked, its manifest signed with the key the server registered, and every item must match
the manifest (one pass that stores nothing). A tampered or truncated bundle is refused with the item
that failed; nothing of it is kept.

Then its contents go through the same path as a push: the attachments are stored as complete uploads
of the device's institution (content-addressed, so an attachment that also arrived directly, or in
another bundle, is kept once), and the envelopes go to :func:`sync_server.ops.push.push` in batches,
as if the device had pushed them. Every check, the idempotency on the submission id and the answers
per item are therefore exactly a push's: the same bundle twice, overlapping bundles, or items that
also arrived directly leave one copy of each. The push marks the device "seen"; the device did not
talk to the server, so that stamp is put back (device health tells direct syncs and bundles apart).

The acknowledgement carries every item's result and the changes after the cursor the device wrote in
the manifest (read like a pull of the device), sealed to the device (:mod:`shared.protocol.bundle_acks`).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from shared import errors
from shared.errors import TamboError
from shared.protocol import PROTOCOL_VERSION, Envelope, ItemResult, PullRequest, PushRequest, decode
from shared.protocol.bundle_acks import AckBody, AckSummary, seal_ack
from shared.protocol.bundles import BlobReader, BundleBlob, BundleEnvelope, BundleManifest, BundleReader
from shared.protocol.changes import MAX_PULL_LIMIT
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.ops.pull import pull
from sync_server.ops.push import push
from sync_server.storage.audit import AuditRecord
from sync_server.storage.bundles import record_bundle, undo_last_seen
from sync_server.storage.devices import REVOKED, Device, device_by_device_id
from sync_server.storage.institutions import Institution, require_institution
from sync_server.storage.journal import record
from sync_server.storage.uploads import announce_upload, complete_upload, complete_uploads

log = logging.getLogger(__name__)

#: Envelopes per push call (a push request holds at most 500).
PUSH_BATCH = 250
#: Changes an acknowledgement carries at most; the rest travel with the next bundle or sync.
ACK_CHANGES = MAX_PULL_LIMIT


@dataclass(frozen=True, slots=True)
class Uploader:
    """Who brought the bundle: ``device:<id>`` of a relay or ``user:<institution>/<login>`` of the console.

    ``institutions`` limits whose bundles they may upload (a console user: their own and those they
    coordinate); None lets any enrolled device relay any bundle, since it can neither read nor alter it.
    """

    actor: str
    institutions: Collection[str] | None = None


@dataclass(frozen=True, slots=True)
class BundleReceipt:
    bundle_id: str
    device_id: str
    device_name: str
    institution_id: str
    first_upload: bool
    results: list[ItemResult]
    summary: AckSummary
    ack: bytes


def receive_bundle(
    server: Server, source: BinaryIO, *, name: str, uploader: Uploader, now: datetime | None = None
) -> BundleReceipt:
    """Check, apply and acknowledge the bundle readable (and seekable) from ``source``."""
    now = now or datetime.now(UTC)
    reader = BundleReader(source, name)
    manifest = reader.manifest
    device, institution = _signer(server, reader, uploader)
    _check_sizes(server, manifest)
    envelopes: list[tuple[BundleEnvelope, bytes]] = []
    reader.walk(on_envelope=lambda entry, data: envelopes.append((entry, data)))  # the whole check
    _store_blobs(server, reader, institution, now)
    auth = AuthContext(device, institution, PROTOCOL_VERSION)
    results = _push(server, auth, envelopes, now)
    body = _ack_body(server, auth, manifest, results)
    ack = seal_ack(
        body,
        institution_id=institution.id,
        institution_private=server.keyring.private_key(institution.private_key_wrapped),
        ack_key=manifest.ack_key,
        created_at=now,
    )
    summary = AckSummary.of(results, len(body.changes))
    with server.db.write() as conn:
        first = record_bundle(conn, _row_values(manifest, uploader, summary), ack, now)
        record(
            conn,
            institution.id,
            audit=[
                AuditRecord(
                    uploader.actor,
                    "bundle.receive",
                    manifest.bundle_id,
                    {
                        "device_id": manifest.device_id,
                        "items": len(results),
                        "accepted": summary.accepted,
                        "duplicate": summary.duplicate,
                        "rejected": summary.rejected + summary.conflict,
                        "first_upload": first,
                    },
                )
            ],
            at=now,
        )
    return BundleReceipt(
        manifest.bundle_id, device.device_id or "", device.name, institution.id, first, results, summary, ack
    )


def _signer(server: Server, reader: BundleReader, uploader: Uploader) -> tuple[Device, Institution]:
    """The enrolled, active device that signed the bundle, and its institution."""
    manifest = reader.manifest
    with server.db.read() as conn:
        device = device_by_device_id(conn, manifest.device_id)
        allowed = uploader.institutions is None or (device and device.institution_id in uploader.institutions)
        if device is None or device.public_key is None or not allowed:
            raise TamboError(errors.BUNDLE_DEVICE_UNKNOWN, params={"device_id": manifest.device_id})
        institution = require_institution(conn, device.institution_id)
    if device.public_key != manifest.device_public_key or device.institution_id != manifest.institution_id:
        raise TamboError(
            errors.BUNDLE_BAD_SIGNATURE, params={"name": reader.name, "device_id": manifest.device_id}
        )
    reader.verify_signature(manifest.public_key)
    if device.status == REVOKED:
        raise TamboError(
            errors.BUNDLE_DEVICE_REVOKED,
            params={"device": device.name, "device_id": manifest.device_id},
            details={"device_id": manifest.device_id},
        )
    return device, institution


def _check_sizes(server: Server, manifest: BundleManifest) -> None:
    limit = server.settings.max_attachment_bytes
    for blob in manifest.blobs:
        if blob.size > limit:
            raise TamboError(
                errors.ATTACHMENT_TOO_LARGE,
                params={"size": blob.size, "max_bytes": limit},
                details={"sha256": blob.sha256},
            )


def _store_blobs(server: Server, reader: BundleReader, institution: Institution, now: datetime) -> None:
    """The bundle's attachments as complete uploads of the institution (those it lacks)."""
    wanted = [blob.sha256 for blob in reader.manifest.blobs]
    if not wanted:
        return
    with server.db.read() as conn:
        held = complete_uploads(conn, institution.id, wanted)
    stored: list[BundleBlob] = []

    def store(blob: BundleBlob, data: BlobReader) -> None:
        if blob.sha256 in held:
            return
        if server.blobs.path(blob.sha256) is None:
            sha256, _size = server.blobs.store(data, blob.size)
            if sha256 != blob.sha256:  # the walk that follows raises the item's error
                return
        stored.append(blob)

    reader.walk(on_blob=store)
    if not stored:
        return
    with server.db.write() as conn:
        for blob in stored:
            upload, created = announce_upload(
                conn, institution.id, blob.sha256, blob.size, blob.media_type, complete=True, now=now
            )
            if not created and not upload.complete and upload.size == blob.size:
                complete_upload(conn, institution.id, blob.sha256, now)


def _push(
    server: Server, auth: AuthContext, envelopes: list[tuple[BundleEnvelope, bytes]], now: datetime
) -> list[ItemResult]:
    """Each envelope through the push, in batches; one result per envelope, in bundle order."""
    results: dict[str, ItemResult] = {}
    batch: list[Envelope] = []
    for entry, data in envelopes:
        try:
            envelope = decode(Envelope, data)
            if envelope.id != entry.id:
                raise TamboError(
                    errors.PROTOCOL_INVALID,
                    params={"path": "$.id", "problem": "does not match the bundle's manifest"},
                )
        except TamboError as exc:
            results[entry.id] = ItemResult(
                id=entry.id, status="rejected", code=exc.code, details=dict(exc.details) or None
            )
            continue
        batch.append(envelope)
    before = auth.device.last_seen_at
    pushed = False
    for start in range(0, len(batch), PUSH_BATCH):
        response = push(server, auth, PushRequest(items=batch[start : start + PUSH_BATCH]), now=now)
        results.update((result.id, result) for result in response.results)
        pushed = True
    if pushed:
        with server.db.write() as conn:
            undo_last_seen(conn, auth.device_id, before, now)
    return [results[entry.id] for entry, _data in envelopes]


def _ack_body(
    server: Server, auth: AuthContext, manifest: BundleManifest, results: list[ItemResult]
) -> AckBody:
    try:
        page = pull(server, auth, PullRequest(cursor=manifest.pull_cursor, limit=ACK_CHANGES))
    except TamboError:  # a cursor this server never gave: everything from the start (applying is idempotent)
        log.warning("bundle %s carries an unknown cursor; sending changes from the start", manifest.bundle_id)
        page = pull(server, auth, PullRequest(cursor=None, limit=ACK_CHANGES))
    return AckBody(
        bundle_id=manifest.bundle_id,
        device_id=manifest.device_id,
        results=results,
        from_cursor=manifest.pull_cursor,
        cursor=str(page["cursor"]),
        has_more=bool(page["has_more"]),
        changes=list(page["changes"]),  # type: ignore[call-overload]
    )


def _row_values(manifest: BundleManifest, uploader: Uploader, summary: AckSummary) -> dict[str, object]:
    return {
        "bundle_id": manifest.bundle_id,
        "institution_id": manifest.institution_id,
        "device_id": manifest.device_id,
        "created_at": manifest.created_at,
        "uploaded_by": uploader.actor[:100],
        "items": len(manifest.envelopes),
        "accepted": summary.accepted,
        "duplicates": summary.duplicate,
        "rejected": summary.rejected + summary.conflict,
        "waiting": summary.need_attachments,
        "pending_count": manifest.pending_count,
        "app_version": manifest.app_version,
        "size": manifest.total_bytes,
    }
