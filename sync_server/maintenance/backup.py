"""``tambo-server backup``: the database and every attachment, in one folder, while the server runs.

Order is what makes it consistent without stopping anything: the database is copied first, from one
snapshot (see :mod:`dumps`), and the attachment files after it. Files are only ever added to the blob
store, each before the row that refers to it is committed, so every file the copied database refers
to is already on disk when the files are copied; a few newer, unreferenced files are harmless.

Attachments do not change once stored and are named by their hash, so a file that the previous backup
in the same folder already holds is hard-linked from it instead of copied: a nightly backup costs the
database and the day's new files. The backup is built in a hidden ``.partial`` folder and renamed
when complete; ``--keep N`` then removes all but the newest N backups of the folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shared.crypto import sha256_file
from sync_server import __version__
from sync_server.context import Server
from sync_server.keys import load_master_key
from sync_server.maintenance import dumps
from sync_server.maintenance.backup_format import (
    ATTACHMENTS,
    MANIFEST,
    NAME_PREFIX,
    Manifest,
    blob_path,
    copy_verified,
    fsync_path,
    fsync_tree,
    iter_blobs,
)
from sync_server.maintenance.master_key import master_key_id
from sync_server.storage import migrate

BLOBS = "blobs"  # the blob store's folder of finished files, inside the attachments directory


@dataclass(frozen=True)
class BackupResult:
    path: Path
    database_bytes: int
    files: int
    files_bytes: int
    linked: int
    removed: tuple[Path, ...]
    seconds: float


def list_backups(folder: Path) -> list[Path]:
    """The complete backups in ``folder``, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir() if path.name.startswith(NAME_PREFIX) and (path / MANIFEST).is_file()
    )


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One backup at a time per folder (two overlapping timers must not prune each other's work)."""
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def make_backup(server: Server, folder: Path, *, keep: int | None = None) -> BackupResult:
    """Write a new backup into ``folder``; see the module docstring."""
    start = time.monotonic()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _folder_lock(folder):
        for stale in folder.glob(f".{NAME_PREFIX}*.partial"):  # left by a backup that was killed
            shutil.rmtree(stale)
        name = _new_name(folder)
        partial = folder / f".{name}.partial"
        partial.mkdir(mode=0o700)  # personal data: the folder is its owner's alone
        try:
            final = _fill(server, folder, partial, name)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        linked = _linked_count(final)
        removed = _prune(folder, keep) if keep else ()
    manifest = Manifest.read(final)
    return BackupResult(
        final,
        manifest.database_bytes,
        len(manifest.blobs),
        sum(int(size) for _, size in manifest.blobs),
        linked,
        removed,
        time.monotonic() - start,
    )


def _fill(server: Server, folder: Path, partial: Path, name: str) -> Path:
    previous = list_backups(folder)
    settings = server.settings
    url = settings.effective_database_url
    dialect = dumps.dialect_of(url)
    revision = migrate.current_revision(server.db)
    database = partial / dumps.DUMP_FILES[dialect]
    counts = dumps.snapshot(server.db, url, database)
    files = _copy_blobs(
        settings.attachments_dir / BLOBS,
        partial / ATTACHMENTS,
        previous[-1] / ATTACHMENTS if previous else None,
    )
    Manifest(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tambo_version=__version__,
        dialect=dialect,
        schema_revision=revision,
        master_key_id=master_key_id(load_master_key(settings)),
        database_file=database.name,
        database_sha256=sha256_file(database),
        database_bytes=database.stat().st_size,
        table_counts=counts,
        blobs=files,
    ).write(partial)
    fsync_tree(partial)
    final = folder / name
    partial.rename(final)
    fsync_path(folder)  # the rename itself (the backup's own folders were synced above)
    return final


def _linked_count(backup: Path) -> int:
    """How many attachment files this backup shares (hard links) with an earlier one."""
    return sum(1 for _, path in iter_blobs(backup / ATTACHMENTS) if path.stat().st_nlink > 1)


def _new_name(folder: Path) -> str:
    base = f"{NAME_PREFIX}{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    name, n = base, 1
    while (folder / name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _copy_blobs(source: Path, target: Path, previous: Path | None) -> list[list[object]]:
    """Every finished file of the blob store into ``target``, linked from ``previous`` when it has it."""
    files: list[list[object]] = []
    target.mkdir()
    for sha256, path in iter_blobs(source):
        destination = blob_path(target, sha256)
        size = path.stat().st_size
        earlier = blob_path(previous, sha256) if previous else None
        if earlier is not None and earlier.is_file() and earlier.stat().st_size == size:
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(earlier, destination)
            except OSError:  # another filesystem, or no hard links there: copy instead
                copy_verified(path, destination, sha256)
        else:
            copy_verified(path, destination, sha256)
        files.append([sha256, size])
    return files


def _prune(folder: Path, keep: int) -> tuple[Path, ...]:
    backups = list_backups(folder)
    old = backups[: max(len(backups) - keep, 0)]
    for path in old:
        shutil.rmtree(path)
    return tuple(old)
