"""The layout of a backup folder, its manifest, and copying attachment files with their hash checked.

A backup is one folder, named ``tambo-backup-<UTC time>``::

    manifest.json                what is inside, written last (a folder without it is not a backup)
    database.sqlite3             or database.pgdump (pg_dump's custom format)
    attachments/ab/cd/<sha256>   every attachment and final document, named by its SHA-256

The manifest records the schema revision, the row count of every table, the id of the master key
that wraps the institution keys (never the key), and the SHA-256 and size of every file, so a restore
can check all of it before it touches anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from shared import errors
from shared.crypto import sha256_file
from shared.errors import TamboError
from sync_server.blobs import _fsync_directory as fsync_path

FORMAT = "tambo-server-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ATTACHMENTS = "attachments"
NAME_PREFIX = "tambo-backup-"
PIECE = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Manifest:
    created_at: str
    tambo_version: str
    dialect: str
    schema_revision: str | None
    master_key_id: str
    database_file: str
    database_sha256: str
    database_bytes: int
    table_counts: dict[str, int]
    #: [sha256, size] of every attachment file
    blobs: list[list[Any]] = field(default_factory=list)
    format: str = FORMAT
    version: int = FORMAT_VERSION

    def write(self, folder: Path) -> None:
        path = folder / MANIFEST
        with path.open("w", encoding="utf-8") as handle:
            json.dump(asdict(self), handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The manifest of ``folder``; BACKUP_INVALID naming the problem when it is not a backup."""
        path = folder / MANIFEST
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise invalid(folder, f"falta {MANIFEST} (¿la copia quedó a medias?)") from None
        except (OSError, ValueError) as exc:
            raise invalid(folder, f"{MANIFEST} no se puede leer ({exc})") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise invalid(folder, f"{MANIFEST} no es de una copia de Tambo")
        if raw.get("version") != FORMAT_VERSION:
            raise invalid(folder, f"formato {raw.get('version')!r}; esta versión lee el {FORMAT_VERSION}")
        try:
            manifest = cls(**raw)
        except TypeError as exc:
            raise invalid(folder, f"{MANIFEST} incompleto ({exc})") from None
        for entry in manifest.blobs:
            if not (isinstance(entry, list) and len(entry) == 2 and _SHA256.match(str(entry[0]))):
                raise invalid(folder, f"entrada de archivo inválida en {MANIFEST}: {entry!r}"[:200])
        return manifest


def invalid(folder: Path, problem: str) -> TamboError:
    return TamboError(errors.BACKUP_INVALID, params={"path": folder, "problem": problem})


def blob_path(root: Path, sha256: str) -> Path:
    """Where the file ``sha256`` lives under ``root`` (the blob store's own ``ab/cd/<hash>`` layout)."""
    if not _SHA256.match(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return root / sha256[:2] / sha256[2:4] / sha256


def iter_blobs(root: Path) -> Iterator[tuple[str, Path]]:
    """``(sha256, path)`` of every finished file under ``root``, sorted; anything else there is skipped."""
    if not root.is_dir():
        return
    for path in sorted(root.glob("??/??/*")):
        name = path.name
        in_place = path.parent.parent.name == name[:2] and path.parent.name == name[2:4]
        if _SHA256.match(name) and in_place and path.is_file():
            yield name, path


def copy_verified(source: Path, target: Path, sha256: str) -> int:
    """Copy ``source`` to ``target`` (fsynced) checking on the way that its bytes hash to ``sha256``.

    A file whose content no longer matches its name is damaged (a bad disk, a hand edit); it is never
    copied on, so a backup or a restore does not carry the damage further: BACKUP_BLOB_DAMAGED.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as reader, partial.open("wb") as writer:
            while piece := reader.read(PIECE):
                digest.update(piece)
                writer.write(piece)
                size += len(piece)
            writer.flush()
            os.fsync(writer.fileno())
        if digest.hexdigest() != sha256:
            raise TamboError(errors.BACKUP_BLOB_DAMAGED, params={"path": source, "sha256": sha256})
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return size


def check_file(path: Path, sha256: str, size: int) -> str:
    """``""`` when ``path`` has this size and hash, else what is wrong (for the restore's checks)."""
    if not path.is_file():
        return f"falta {path.name}"
    if path.stat().st_size != size:
        return f"{path.name} mide {path.stat().st_size} bytes y debería medir {size}"
    if sha256_file(path) != sha256:
        return f"{path.name} está dañado (su huella no coincide)"
    return ""


def fsync_tree(root: Path) -> None:
    """fsync every directory under ``root`` (the files were synced as they were written)."""
    for folder in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        fsync_path(folder)
