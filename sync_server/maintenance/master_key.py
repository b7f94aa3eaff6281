"""Rotating the server master key: every institution's private key is re-wrapped under a new one.

The master key never encrypts submissions; it wraps each institution's X25519 private key in the
``institutions`` table (:mod:`sync_server.keys`). Rotating it therefore touches one row per institution,
in one transaction, and the devices notice nothing: the institutions' public keys stay the same.

Crash safety, with the key in ``$home/master.key``:

1. the new key is written to ``master.key.next`` (mode 0600, fsynced) before anything else;
2. one transaction re-wraps every institution key (and appends an audit entry to each chain);
3. the old key is kept as ``master.key.retired-<id>`` (older backups need it), then
   ``master.key.next`` replaces ``master.key``.

Running the command again after a crash at any point finishes the job: an institution key that the
current key no longer opens but ``master.key.next`` does was already re-wrapped. With the key in
``TAMBO_MASTER_KEY`` the new key goes to the file named by ``--new-key-file``, and the operator moves it
into the environment. Either way the servers must be restarted: a running one still holds the old key.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update

from shared import errors
from shared.crypto import CryptoError, b64e, unwrap_key_with_key, wrap_key_with_key
from shared.errors import TamboError
from sync_server.blobs import _fsync_directory
from sync_server.config import Settings
from sync_server.keys import MASTER_KEY_LENGTH, load_master_key, master_key_id
from sync_server.storage import Database
from sync_server.storage.audit import AuditRecord
from sync_server.storage.institutions import list_institutions
from sync_server.storage.journal import record
from sync_server.storage.schema import institutions

NEXT_SUFFIX = ".next"
RETIRED_SUFFIX = ".retired-"


def write_key_file(path: Path, key: bytes) -> None:
    """``key`` as base64url in a new file readable only by its owner, on disk before this returns."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(b64e(key) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    _fsync_directory(path.parent)


def read_key_file(path: Path) -> bytes:
    return load_master_key(Settings(home=path.parent, master_key=path.read_text(encoding="ascii").strip()))


@dataclass(frozen=True)
class Rotation:
    """What a rotation did: the key ids, how many institution keys it re-wrapped, where the key went."""

    old_id: str
    new_id: str
    rewrapped: int
    already_done: int
    key_file: Path
    retired_file: Path | None


def rotate_master_key(
    settings: Settings, db: Database, *, new_key_file: Path | None = None, actor: str = "admin:cli"
) -> Rotation:
    """Re-wrap every institution key under a new master key; see the module docstring for the steps."""
    old = load_master_key(settings)
    from_environment = bool(settings.master_key)
    if from_environment and new_key_file is None:
        raise TamboError(errors.SERVER_MASTER_KEY_IN_ENVIRONMENT)
    pending = new_key_file or settings.master_key_file.with_name(settings.master_key_file.name + NEXT_SUFFIX)
    if pending.exists():  # a rotation that stopped half-way: finish it with the key it had chosen
        new = read_key_file(pending)
    else:
        new = secrets.token_bytes(MASTER_KEY_LENGTH)
        write_key_file(pending, new)
    old_id, new_id = master_key_id(old), master_key_id(new)
    if new == old:  # TAMBO_MASTER_KEY already holds the new key: the rotation is over
        return Rotation(old_id, new_id, 0, check_master_key(settings, db)[1], pending, None)
    rewrapped = already_done = 0
    now = datetime.now(UTC)
    with db.write() as conn:
        for institution in list_institutions(conn):
            try:
                private = unwrap_key_with_key(institution.private_key_wrapped, old)
            except CryptoError:
                _check_opens(institution.private_key_wrapped, new, institution.id, new_id)
                already_done += 1
                continue
            conn.execute(
                update(institutions)
                .where(institutions.c.id == institution.id)
                .values(private_key_wrapped=wrap_key_with_key(private, new))
            )
            record(
                conn,
                institution.id,
                audit=[
                    AuditRecord(actor, "master_key.rotate", institution.id, {"from": old_id, "to": new_id})
                ],
                at=now,
            )
            rewrapped += 1
    if from_environment:
        return Rotation(old_id, new_id, rewrapped, already_done, pending, None)
    retired = swap_key_files(settings.master_key_file, pending, old)
    return Rotation(old_id, new_id, rewrapped, already_done, settings.master_key_file, retired)


def swap_key_files(current: Path, pending: Path, old: bytes) -> Path:
    """Keep the old key as ``master.key.retired-<id>``, then move the new one into ``master.key``."""
    retired = current.with_name(f"{current.name}{RETIRED_SUFFIX}{master_key_id(old)}")
    if not retired.exists():
        write_key_file(retired, old)
    pending.replace(current)
    _fsync_directory(current.parent)
    return retired


def check_master_key(settings: Settings, db: Database) -> tuple[str, int]:
    """The id of the configured master key and how many institution keys it opens (TamboError if not all)."""
    key = load_master_key(settings)
    key_id = master_key_id(key)
    with db.read() as conn:  # only the columns every schema revision has: a restore checks old ones too
        found = conn.execute(select(institutions.c.id, institutions.c.private_key_wrapped)).all()
    for institution_id, wrapped in found:
        _check_opens(bytes(wrapped), key, institution_id, key_id)
    return key_id, len(found)


def _check_opens(wrapped: bytes, key: bytes, institution_id: str, key_id: str) -> None:
    try:
        unwrap_key_with_key(wrapped, key)
    except CryptoError:
        raise TamboError(
            errors.SERVER_MASTER_KEY_WRONG, params={"key_id": key_id, "institution": institution_id}
        ) from None
