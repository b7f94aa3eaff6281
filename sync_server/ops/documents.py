"""Final documents: stored by the console, fetched by the device that captured the submission."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from shared import errors
from shared.errors import TamboError
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.workflow import Document, attach_document, get_document


def store_document(
    server: Server,
    institution_id: str,
    submission_id: str,
    source: BinaryIO,
    *,
    name: str,
    media_type: str,
    actor: str,
    now: datetime | None = None,
) -> Document:
    """Save the file (fsynced, content-addressed), then record it and tell the capturing device."""
    sha256, size = server.blobs.store(source, max_bytes=server.settings.max_attachment_bytes)
    with server.db.write() as conn:
        return attach_document(
            conn,
            institution_id,
            submission_id,
            name=name,
            media_type=media_type,
            sha256=sha256,
            size=size,
            actor=actor,
            now=now or datetime.now(UTC),
        )


def document_for_device(server: Server, auth: AuthContext, document_id: str) -> tuple[Document, Path]:
    """A document of a submission this device captured; "not found" for anything else (even when it
    exists for another device), so nobody learns what is not theirs."""
    with server.db.read() as conn:
        found = get_document(conn, auth.institution.id, document_id)
    if found is None or found[1] != auth.device_id:
        raise TamboError(errors.REQUEST_NOT_FOUND)
    document = found[0]
    path = server.blobs.path(document.sha256)
    if path is None:
        raise TamboError(errors.REQUEST_NOT_FOUND)
    return document, path
