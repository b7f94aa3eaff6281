"""Opening the encrypted database: SQLCipher (``sqlcipher3``) used through ``sqlite-utils``.

``sqlite-utils`` imports ``pysqlite3`` when it can, else the standard ``sqlite3``. It must use the same
driver as the connection it is handed, or it catches the wrong exception classes (``RETURNING`` and
``drop(ignore=True)`` break). So ``pysqlite3`` is aliased to ``sqlcipher3`` before ``sqlite_utils`` is
first imported, and the alias is checked rather than trusted.

The connection is opened with a raw 32-byte key (``PRAGMA key = "x'..'"``): no SQLCipher KDF runs,
because the key already comes out of a key slot (see :mod:`desktop.store.keyslots`). The pragmas are
the durability and secrecy settings of the project: WAL, ``synchronous=FULL`` (a commit survives a
power cut), temporary tables in memory (no plaintext temp files), ``secure_delete`` (deleted drafts
are overwritten inside the encrypted pages), foreign keys on. ``isolation_level=None`` turns off the
driver's implicit transactions: every transaction is an explicit ``BEGIN IMMEDIATE`` of the store.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import sqlcipher3
import sqlcipher3.dbapi2

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlcipher3.dbapi2)

import sqlite_utils  # noqa: E402 - must come after the alias above
import sqlite_utils.utils  # noqa: E402

from shared import errors  # noqa: E402
from shared.errors import TamboError  # noqa: E402

if sqlite_utils.utils.sqlite3 is not sqlcipher3:  # pragma: no cover - an import-order bug
    raise ImportError(
        "sqlite_utils was imported before desktop.store.sqlcipher and does not use sqlcipher3; "
        "import desktop.store first"
    )

Database = sqlite_utils.Database
DatabaseError = sqlcipher3.dbapi2.DatabaseError
KEY_LENGTH = 32
BUSY_TIMEOUT_MS = 5000
AUTOCHECKPOINT_PAGES = 10000

_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    # checkpoints run when the store thread is idle (writer.py); this only bounds the WAL (~40 MB)
    f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}",
)


def connect(path: Path, key: bytes) -> sqlite_utils.Database:
    """Open (or create) the encrypted database at ``path`` with ``key``; check that the key fits.

    Raises TamboError(STORE_DAMAGED) when the file cannot be read with this key: the key comes from a
    slot that already proved itself, so a mismatch means a damaged or substituted file.
    """
    if len(key) != KEY_LENGTH:
        raise ValueError("the database key has 32 bytes")
    conn = sqlcipher3.dbapi2.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in _PRAGMAS:
            conn.execute(pragma)
    except DatabaseError as exc:
        conn.close()
        raise translate(exc) from None
    return sqlite_utils.Database(conn)


def error_name(exc: BaseException) -> str:
    """SQLite's error name (``SQLITE_FULL``...) of a driver exception, or ``""``."""
    return str(getattr(exc, "sqlite_errorname", "") or "")


def translate(exc: BaseException) -> BaseException:
    """The TamboError a person should see for a driver or OS error; other exceptions unchanged.

    Disk full (SQLite's SQLITE_FULL, or ENOSPC/EDQUOT while writing a sealed attachment) gets the
    stable STORAGE_DISK_FULL; a database another process holds too long gets STORE_BUSY; a file that
    is not a database under this key gets STORE_DAMAGED.
    """
    if isinstance(exc, TamboError):
        return exc
    name = error_name(exc)
    if name == "SQLITE_FULL" or (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)):
        return TamboError(errors.STORAGE_DISK_FULL, details={"problem": str(exc)})
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return TamboError(errors.STORE_BUSY, details={"problem": str(exc)})
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return TamboError(errors.STORE_DAMAGED, params={"problem": str(exc)})
    return exc
