"""Saved submissions: the row of the local list, its search index, its attachments; and finding them.

Search must stay fast on 100,000 rows, and accents and case must not matter:

* a text that reads as a tracking code (forgivingly: ``7k3q 00042 m``, O for 0...) is an indexed
  exact lookup;
* anything else goes to an FTS5 index (``unicode61 remove_diacritics 2``) over the code, the ID number
  and the applicant's name, each word as a prefix (``"quis"*``), newest first by rowid. The index is
  contentless (the text is already in ``submissions``), so it adds little to the file.

The plaintext name and ID are fine here: the whole database is encrypted.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.store.sqlcipher import Database
from shared.submission import AttachmentMeta
from shared.tracking import TrackingCodeError, parse_tracking_code

_SEPARATORS = re.compile(r"[\s.\-_/]+")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NewRow:
    """Everything the save transaction writes for one submission besides the outbox and audit."""

    id: str
    tracking_code: str
    tracking_serial: int
    device_seq: int
    service_id: str
    form_version: int
    service_title: str
    applicant_name: str
    applicant_id: str
    filed_at: str
    due_date: str | None
    channel: str
    answers: str
    receipt: str
    envelope: str
    payload_sha256: str
    attachments: tuple[AttachmentMeta, ...] = ()


@dataclass(frozen=True, slots=True)
class ListRow:
    """One line of the local list, as stored (dates as ISO text)."""

    seq: int
    id: str
    tracking_code: str
    service_id: str
    form_version: int
    service_title: str
    applicant_name: str
    applicant_id: str
    filed_at: str
    due_date: str | None
    last_status: str | None
    last_status_at: str | None
    sync_state: str
    sync_error: str | None


@dataclass(frozen=True, slots=True)
class StoredSubmission:
    row: ListRow
    answers: str
    receipt: str
    envelope: str
    payload_sha256: str
    channel: str
    attachments: tuple[AttachmentMeta, ...]


def fold(text: str) -> str:
    """Lower case without accents: "Ñuñoa Pérez" -> "nunoa perez"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def next_counter(db: Database, name: str) -> int:
    """The next value of a per-device counter (inside the caller's transaction, so never reused)."""
    row = db.execute("SELECT value FROM counters WHERE name = ?", [name]).fetchone()
    value = (row[0] if row else 0) + 1
    db.execute(
        "INSERT INTO counters (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [name, value],
    )
    return value


def counter(db: Database, name: str) -> int:
    row = db.execute("SELECT value FROM counters WHERE name = ?", [name]).fetchone()
    return row[0] if row else 0


def insert_submission(db: Database, new: NewRow) -> int:
    """Insert the row, its search entry and its attachments (inside the caller's transaction)."""
    cursor = db.execute(
        "INSERT INTO submissions (id, tracking_code, tracking_serial, device_seq, service_id, form_version, "
        "service_title, applicant_name, applicant_id, filed_at, due_date, channel, answers, receipt, "
        "envelope, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            new.id,
            new.tracking_code,
            new.tracking_serial,
            new.device_seq,
            new.service_id,
            new.form_version,
            new.service_title,
            new.applicant_name,
            new.applicant_id,
            new.filed_at,
            new.due_date,
            new.channel,
            new.answers,
            new.receipt,
            new.envelope,
            new.payload_sha256,
        ],
    )
    seq = int(cursor.lastrowid or 0)
    db.execute(
        "INSERT INTO submission_search (rowid, code, id_number, name) VALUES (?, ?, ?, ?)",
        [
            seq,
            f"{new.tracking_code} {new.tracking_code.replace('-', '')}",
            new.applicant_id,
            new.applicant_name,
        ],
    )
    for position, meta in enumerate(new.attachments):
        db.execute(
            "INSERT INTO submission_attachments (submission_id, position, field, name, media_type, size, "
            "sha256, sealed_sha256, sealed_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                new.id,
                position,
                meta.field,
                meta.name,
                meta.media_type,
                meta.size,
                meta.sha256,
                meta.sealed_sha256,
                meta.sealed_size,
            ],
        )
    return seq


# --- finding ----------------------------------------------------------------------------------------
_LIST_COLUMNS = (
    "s.seq, s.id, s.tracking_code, s.service_id, s.form_version, s.service_title, s.applicant_name, "
    "s.applicant_id, s.filed_at, s.due_date, s.last_status, s.last_status_at, "
    "coalesce(o.state, 'sent'), CASE o.state WHEN 'rejected' THEN coalesce(o.reason, o.reason_code) "
    "ELSE o.last_error END"
)
_FROM = "FROM submissions s LEFT JOIN outbox o ON o.submission_id = s.id"


def search_plan(text: str) -> tuple[str, str | None]:
    """How to find ``text``: ``("all", None)``, ``("code", canonical code)`` or ``("match", fts query)``."""
    text = text.strip()
    if not text:
        return "all", None
    try:
        return "code", str(parse_tracking_code(text))
    except TrackingCodeError:
        pass
    compact = _SEPARATORS.sub("", text)
    words = [compact] if compact.isdigit() else _WORDS.findall(fold(text))
    if not words:
        return "all", None
    return "match", " ".join(f'"{word}"*' for word in words)


def search(db: Database, text: str = "", limit: int = 200, offset: int = 0) -> list[ListRow]:
    """Rows matching ``text`` (tracking code, ID number or name), newest first."""
    kind, value = search_plan(text)
    if kind == "all":
        sql, params = f"SELECT {_LIST_COLUMNS} {_FROM} ORDER BY s.seq DESC LIMIT ? OFFSET ?", [limit, offset]
    elif kind == "code":
        sql, params = (
            f"SELECT {_LIST_COLUMNS} {_FROM} WHERE s.tracking_code = ? LIMIT ? OFFSET ?",
            [
                value,
                limit,
                offset,
            ],
        )
    else:
        sql = (
            f"SELECT {_LIST_COLUMNS} {_FROM} WHERE s.seq IN (SELECT rowid FROM submission_search "
            "WHERE submission_search MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?) ORDER BY s.seq DESC"
        )
        params = [value, limit, offset]
    return [ListRow(*row) for row in db.execute(sql, params)]


def count(db: Database, text: str = "") -> int:
    kind, value = search_plan(text)
    if kind == "all":
        return int(db.execute("SELECT count(*) FROM submissions").fetchone()[0])
    if kind == "code":
        return int(
            db.execute("SELECT count(*) FROM submissions WHERE tracking_code = ?", [value]).fetchone()[0]
        )
    return int(
        db.execute(
            "SELECT count(*) FROM submission_search WHERE submission_search MATCH ?", [value]
        ).fetchone()[0]
    )


def attachments_of(db: Database, submission_id: str) -> tuple[AttachmentMeta, ...]:
    return tuple(
        AttachmentMeta(*row)
        for row in db.execute(
            "SELECT field, sha256, size, media_type, name, sealed_sha256, sealed_size "
            "FROM submission_attachments WHERE submission_id = ? ORDER BY position",
            [submission_id],
        )
    )


def find(db: Database, id_or_code: str) -> StoredSubmission | None:
    """One submission by its ULID or its tracking code (as typed: case, spaces and O/0 forgiven)."""
    code = id_or_code
    with contextlib.suppress(TrackingCodeError):
        code = str(parse_tracking_code(id_or_code))
    row = db.execute(
        f"SELECT {_LIST_COLUMNS}, s.answers, s.receipt, s.envelope, s.payload_sha256, s.channel {_FROM} "
        "WHERE s.id = ? OR s.tracking_code = ?",
        [id_or_code, code],
    ).fetchone()
    if row is None:
        return None
    listed = ListRow(*row[:14])
    return StoredSubmission(listed, *row[14:], attachments=attachments_of(db, listed.id))


def referenced_blobs(db: Database, digests: Sequence[str]) -> set[str]:
    """Which of ``digests`` (sealed SHA-256) a committed submission references."""
    found: set[str] = set()
    for start in range(0, len(digests), 500):
        chunk = list(digests[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in db.execute(
                f"SELECT sealed_sha256 FROM submission_attachments WHERE sealed_sha256 IN ({marks})", chunk
            )
        )
    return found
