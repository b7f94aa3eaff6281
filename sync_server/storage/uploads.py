"""Attachment uploads per institution: announced size and type, bytes received so far, completion.

The offset stored here is the truth a device resumes from: it only moves after the bytes it counts
were written and fsynced, so after any crash the file on disk holds at least this many good bytes
(anything beyond is cut off at the next append).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, select, update

from sync_server.storage.schema import uploads
from sync_server.storage.upsert import insert_ignoring_conflicts


@dataclass(frozen=True, slots=True)
class Upload:
    institution_id: str
    sha256: str
    size: int
    media_type: str
    offset: int
    complete: bool


def _where(institution_id: str, sha256: str) -> ColumnElement[bool]:
    return (uploads.c.institution_id == institution_id) & (uploads.c.sha256 == sha256)


def get_upload(conn: Connection, institution_id: str, sha256: str) -> Upload | None:
    row = conn.execute(select(uploads).where(_where(institution_id, sha256))).first()
    if row is None:
        return None
    return Upload(row.institution_id, row.sha256, row.size, row.media_type, row.upload_offset, row.complete)


def announce_upload(
    conn: Connection,
    institution_id: str,
    sha256: str,
    size: int,
    media_type: str,
    *,
    complete: bool,
    now: datetime,
) -> tuple[Upload, bool]:
    """The upload for this file, created if new (``complete`` when the server already holds the bytes);
    True as second value when it was created by this call."""
    created = conn.execute(
        insert_ignoring_conflicts(conn, uploads)
        .values(
            institution_id=institution_id,
            sha256=sha256,
            size=size,
            media_type=media_type,
            upload_offset=size if complete else 0,
            complete=complete,
            created_at=now,
            completed_at=now if complete else None,
        )
        .returning(uploads.c.sha256)
    ).first()
    return get_upload(conn, institution_id, sha256), created is not None  # type: ignore[return-value]


def set_upload_offset(conn: Connection, institution_id: str, sha256: str, offset: int) -> None:
    conn.execute(update(uploads).where(_where(institution_id, sha256)).values(upload_offset=offset))


def complete_upload(conn: Connection, institution_id: str, sha256: str, now: datetime) -> None:
    conn.execute(
        update(uploads)
        .where(_where(institution_id, sha256))
        .values(complete=True, completed_at=now, upload_offset=uploads.c.size)
    )


def complete_uploads(conn: Connection, institution_id: str, hashes: Iterable[str]) -> dict[str, int]:
    """Of ``hashes``, those this institution holds completely, with their sizes."""
    wanted = list(set(hashes))
    if not wanted:
        return {}
    rows = conn.execute(
        select(uploads.c.sha256, uploads.c.size).where(
            uploads.c.institution_id == institution_id,
            uploads.c.sha256.in_(wanted),
            uploads.c.complete.is_(True),
        )
    )
    return {row.sha256: row.size for row in rows}
