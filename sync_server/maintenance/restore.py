"""``tambo-server restore``: put a backup back, after checking everything that can be checked first.

Before anything is written: the manifest, the database file's hash, every attachment's size and hash,
the schema revision (one this code knows), the backend (a SQLite backup goes to SQLite), and the
master key (the one the backup's institution keys are wrapped with; restoring with another would give
a server that cannot open a single submission). A target database that holds data is replaced only
with ``--replace``, and only after a safety copy of it is taken.

After: the row counts of every table match the manifest, every institution key opens with the master
key, and every attachment the database refers to is in place. A backup of an older schema is restored
as it is; ``tambo-server db upgrade`` then brings it forward (the command says so).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import select

from shared import errors
from shared.errors import TamboError
from sync_server.config import Settings
from sync_server.keys import load_master_key
from sync_server.maintenance import dumps
from sync_server.maintenance.backup import BLOBS
from sync_server.maintenance.backup_format import (
    ATTACHMENTS,
    Manifest,
    blob_path,
    check_file,
    copy_verified,
    invalid,
)
from sync_server.maintenance.master_key import check_master_key, master_key_id
from sync_server.storage import Database, migrate, open_database
from sync_server.storage.schema import documents, submission_attachments


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    safety_copy: Path | None
    files_copied: int
    files_present: int
    institutions: int
    needs_upgrade: bool
    seconds: float


def restore_backup(settings: Settings, backup: Path, *, replace: bool = False) -> RestoreResult:
    """Restore ``backup`` into the database and attachments directory of ``settings``."""
    start = time.monotonic()
    manifest = Manifest.read(backup)
    database_file = backup / manifest.database_file
    url = settings.effective_database_url
    dialect = dumps.dialect_of(url)
    _check_backup(backup, manifest, database_file, dialect)
    current_key = master_key_id(load_master_key(settings))
    if current_key != manifest.master_key_id:
        raise TamboError(
            errors.BACKUP_MASTER_KEY_MISMATCH,
            params={"expected": manifest.master_key_id, "current": current_key},
        )
    if dialect == "sqlite":
        dumps.sqlite_path(url).parent.mkdir(parents=True, exist_ok=True)
    db = open_database(url, pool_size=1)
    try:
        safety = _make_room(db, settings, url, dialect, replace)
        with tempfile.TemporaryDirectory(prefix="tambo-restore-") as workdir:
            if dialect == "sqlite":
                dumps.copy_sqlite(database_file, dumps.sqlite_path(url))
            else:
                dumps.restore_postgres(db, url, database_file, Path(workdir))
        db.dispose()  # connections opened before the restore may cache the old schema
        with db.engine.connect() as conn:
            counts = dumps.table_counts(conn)
        if counts != manifest.table_counts:
            differ = sorted(
                k for k in {*counts, *manifest.table_counts} if counts.get(k) != manifest.table_counts.get(k)
            )
            raise _restored_with_problems(
                backup, f"las tablas {', '.join(differ)} no tienen las filas de la copia"
            )
        copied, present = _restore_blobs(backup / ATTACHMENTS, settings.attachments_dir / BLOBS, manifest)
        _, institutions = check_master_key(settings, db)
        _check_referenced_files(db, settings.attachments_dir / BLOBS, backup)
        needs_upgrade = migrate.current_revision(db) != migrate.head_revision()
    finally:
        db.dispose()
    return RestoreResult(
        manifest, safety, copied, present, institutions, needs_upgrade, time.monotonic() - start
    )


def _check_backup(backup: Path, manifest: Manifest, database_file: Path, dialect: str) -> None:
    if manifest.dialect != dialect:
        raise invalid(
            backup,
            f"es de una base {manifest.dialect} y este servidor usa {dialect} "
            "(cambiar de motor no se hace restaurando una copia)",
        )
    if Path(manifest.database_file).name != manifest.database_file:
        raise invalid(backup, f"nombre de archivo inválido: {manifest.database_file!r}")
    problem = check_file(database_file, manifest.database_sha256, manifest.database_bytes)
    if problem:
        raise invalid(backup, problem)
    if dialect == "sqlite":
        problem = dumps.check_sqlite_file(database_file)
        if problem:
            raise invalid(backup, f"la base SQLite está dañada: {problem}")
    if manifest.schema_revision is not None:
        try:
            known = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(
                manifest.schema_revision
            )
        except CommandError:
            known = None
        if known is None:
            raise TamboError(errors.BACKUP_SCHEMA_UNKNOWN, params={"revision": manifest.schema_revision})
    for sha256, size in manifest.blobs:
        problem = check_file(blob_path(backup / ATTACHMENTS, sha256), sha256, int(size))
        if problem:
            raise invalid(backup, f"adjunto {sha256[:12]}…: {problem}")


def _make_room(db: Database, settings: Settings, url: str, dialect: str, replace: bool) -> Path | None:
    """Nothing when the target is empty; with ``--replace``, a safety copy of what it holds."""
    tables = dumps.existing_tables(db)
    if not tables:
        return None
    if not replace:
        shown = ", ".join(tables[:4]) + ("…" if len(tables) > 4 else "")
        raise TamboError(errors.BACKUP_TARGET_NOT_EMPTY, params={"what": f"tablas {shown}"})
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    settings.home.mkdir(parents=True, exist_ok=True)
    if dialect == "sqlite":
        safety = settings.home / f"before-restore-{stamp}.sqlite3"
        dumps.copy_sqlite(dumps.sqlite_path(url), safety)
    else:
        safety = settings.home / f"before-restore-{stamp}.pgdump"
        dumps.dump_postgres(url, safety)
    safety.chmod(0o600)  # the whole database: its owner's alone
    return safety


def _restore_blobs(source: Path, target: Path, manifest: Manifest) -> tuple[int, int]:
    """Copy the backup's files that the blob store lacks; files already there (same name) stay."""
    copied = present = 0
    for sha256, size in manifest.blobs:
        destination = blob_path(target, sha256)
        if destination.is_file() and destination.stat().st_size == int(size):
            present += 1
            continue
        copy_verified(blob_path(source, sha256), destination, sha256)
        copied += 1
    return copied, present


def _check_referenced_files(db: Database, blobs: Path, backup: Path) -> None:
    with db.read() as conn:
        wanted = {row[0] for row in conn.execute(select(submission_attachments.c.sha256))}
        wanted |= {row[0] for row in conn.execute(select(documents.c.sha256))}
    missing = sorted(sha for sha in wanted if not blob_path(blobs, sha).is_file())
    if missing:
        raise _restored_with_problems(
            backup, f"faltan {len(missing)} archivos a los que se refiere la base ({missing[0][:12]}…)"
        )


def _restored_with_problems(backup: Path, problem: str) -> TamboError:
    return TamboError(errors.BACKUP_RESTORED_WITH_PROBLEMS, params={"path": backup, "problem": problem})
