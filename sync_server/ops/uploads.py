"""Resumable attachment uploads (tus-style): announce, ask the offset, append chunks with a checksum.

A device announces a file by the SHA-256 of its sealed bytes; the server answers how much it holds.
Chunks must start exactly at the server's offset (else ``attachment.offset_mismatch`` with the right
offset) and carry the SHA-256 of their bytes; a chunk that is cut or damaged is dropped whole, so the
offset only ever moves over verified bytes that are on disk. When the last byte arrives the whole file
is hashed and moved into place; only then does a push that references it get past
``need_attachments``. Uploads are per institution: a device never learns whether another institution
holds some file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import BinaryIO

from shared import errors
from shared.errors import TamboError
from shared.protocol import AttachmentCreate, AttachmentStatus
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.uploads import (
    Upload,
    announce_upload,
    complete_upload,
    get_upload,
    set_upload_offset,
)


def upload_status(upload: Upload) -> AttachmentStatus:
    return AttachmentStatus(
        sha256=upload.sha256, size=upload.size, offset=upload.offset, complete=upload.complete
    )


def announce(
    server: Server, auth: AuthContext, request: AttachmentCreate, now: datetime | None = None
) -> tuple[AttachmentStatus, bool]:
    """The upload's status, and True when this call created it (the API answers 201 then, else 200)."""
    limit = server.settings.max_attachment_bytes
    if request.size > limit:
        raise TamboError(errors.ATTACHMENT_TOO_LARGE, params={"size": request.size, "max_bytes": limit})
    with server.db.write() as conn:
        upload, created = announce_upload(
            conn,
            auth.institution.id,
            request.sha256,
            request.size,
            request.media_type,
            complete=False,
            now=now or datetime.now(UTC),
        )
    if upload.size != request.size:
        raise TamboError(errors.ATTACHMENT_SIZE_MISMATCH, params={"sha256": request.sha256})
    return upload_status(upload), created


def current_upload(server: Server, auth: AuthContext, sha256: str) -> Upload:
    with server.db.read() as conn:
        upload = get_upload(conn, auth.institution.id, sha256)
    if upload is None:
        raise TamboError(errors.ATTACHMENT_UNKNOWN, details={"sha256": sha256})
    return upload


def _offset_mismatch(offset: int) -> TamboError:
    return TamboError(
        errors.ATTACHMENT_OFFSET_MISMATCH, params={"offset": offset}, details={"offset": offset}
    )


def append_chunk(
    server: Server,
    auth: AuthContext,
    sha256: str,
    *,
    offset: int,
    digest: bytes,
    stream: BinaryIO,
    length: int | None,
    now: datetime | None = None,
) -> Upload:
    """Append one chunk at ``offset`` and return the upload as it now stands."""
    institution_id = auth.institution.id
    upload = current_upload(server, auth, sha256)
    if upload.complete:
        if offset == upload.size and (length or 0) == 0:
            return upload
        raise _offset_mismatch(upload.size)
    if offset != upload.offset:
        raise _offset_mismatch(upload.offset)
    remaining = upload.size - offset
    if length is not None and length > remaining:
        raise TamboError(
            errors.ATTACHMENT_TOO_LARGE, params={"size": offset + length, "max_bytes": upload.size}
        )
    with server.blobs.upload(institution_id, sha256) as partial:
        upload = current_upload(server, auth, sha256)  # again, now that no one else can append
        if upload.complete or offset != upload.offset:
            raise _offset_mismatch(upload.offset)
        if partial.durable_size() < offset:  # the partial file was lost: start again from what is there
            with server.db.write() as conn:
                set_upload_offset(conn, institution_id, sha256, partial.durable_size())
            raise _offset_mismatch(partial.durable_size())
        new_offset = partial.append(offset, stream, length, digest, max_bytes=remaining)
        if new_offset < upload.size:
            with server.db.write() as conn:
                set_upload_offset(conn, institution_id, sha256, new_offset)
            return Upload(institution_id, sha256, upload.size, upload.media_type, new_offset, False)
        if not partial.promote(sha256):
            with server.db.write() as conn:
                set_upload_offset(conn, institution_id, sha256, 0)
            raise TamboError(errors.ATTACHMENT_CHECKSUM_MISMATCH, details={"whole_file": True, "offset": 0})
        with server.db.write() as conn:
            complete_upload(conn, institution_id, sha256, now or datetime.now(UTC))
    return Upload(institution_id, sha256, upload.size, upload.media_type, upload.size, True)
