"""Resumable attachment uploads (tus-style): announce, ask the offset, append chunks with a checksum.

A device announces a file by the SHA-256 of its sealed bytes; the server answers how much it holds.
Chunks must start exactly at the server's offset (else ``attachment.offset_mismatch`` with the right
offset) and carry the SHA-256 of their bytes; a chunk that is cut or damaged is dropped whole, so the
offset only ever moves over verified bytes that are on disk. When the last byte arrives the whole file
is hashed and moved into place; only then does a push that references it get past
``need_attachments``. Uploads are per institution: a device never learns whether another institution
holds some file. A file of a type, or of a size, that no attachment field of the institution's forms
accepts is refused at the announcement, before any byte travels (the exact field is judged at push).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from sqlalchemy import Connection

from shared import errors
from shared.errors import TamboError
from shared.protocol import AttachmentCreate, AttachmentStatus
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.catalog import published_versions
from sync_server.storage.uploads import (
    Upload,
    announce_upload,
    complete_upload,
    get_upload,
    set_upload_offset,
)

MIB = 1024 * 1024
#: what sealing adds to a file (header, HPKE key and tag: 61 bytes today), with room for later formats
SEALING_OVERHEAD = 1024


def upload_status(upload: Upload) -> AttachmentStatus:
    return AttachmentStatus(
        sha256=upload.sha256, size=upload.size, offset=upload.offset, complete=upload.complete
    )


@dataclass(frozen=True, slots=True)
class FormLimits:
    """What some attachment field of the institution's forms accepts: the media types (None: any) and
    the largest sealed size in bytes."""

    media_types: frozenset[str] | None
    max_bytes: int


def form_limits(server: Server, conn: Connection, institution_id: str) -> FormLimits:
    """The widest limits of all attachment fields in the institution's published forms.

    An upload comes before the envelope that names its field, so the exact field is judged at push
    (``field.attachment_type``, ``field.attachment_too_large``); here a file that NO form would take is
    refused before a byte of it is sent or stored.
    """
    ceiling = server.settings.max_attachment_bytes
    types: set[str] | None = set()
    largest = 0
    for service_id, version in published_versions(conn, institution_id):
        service = server.forms.get(conn, institution_id, service_id, version)
        for field in service.form.walk() if service else ():
            if field.type != "attachment":
                continue
            if not field.accept:
                types = None
            elif types is not None:
                types.update(field.accept)
            sealed = ceiling if field.max_size_mb is None else int(field.max_size_mb * MIB) + SEALING_OVERHEAD
            largest = max(largest, sealed)
    return FormLimits(None if types is None else frozenset(types), min(largest, ceiling))


def announce(
    server: Server, auth: AuthContext, request: AttachmentCreate, now: datetime | None = None
) -> tuple[AttachmentStatus, bool]:
    """The upload's status, and True when this call created it (the API answers 201 then, else 200)."""
    with server.db.read() as conn:
        limits = form_limits(server, conn, auth.institution.id)
    if limits.media_types is not None and request.media_type not in limits.media_types:
        allowed = ", ".join(sorted(limits.media_types)) or "ninguno"
        raise TamboError(
            errors.FIELD_ATTACHMENT_TYPE,
            params={"media_type": request.media_type, "allowed": allowed},
            details={"media_type": request.media_type, "allowed": sorted(limits.media_types)},
        )
    if request.size > limits.max_bytes:
        raise TamboError(
            errors.ATTACHMENT_TOO_LARGE,
            params={"size": request.size, "max_bytes": limits.max_bytes},
            details={"size": request.size, "max_bytes": limits.max_bytes},
        )
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
