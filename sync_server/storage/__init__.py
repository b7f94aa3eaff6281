"""The server's storage layer: SQLAlchemy Core on SQLite (embedded default) or PostgreSQL.

Modules hold plain functions that take a ``Connection`` inside a transaction opened by
:class:`Database` (``read()`` / ``write()``); none commits on its own, and every function that reads
or writes an institution's data takes its ``institution_id``. The contract test suite in
``tests/sync_server/storage_contract.py`` runs the same tests on both backends.
"""

from sync_server.storage import bundles, console_schema  # noqa: F401  (register their tables)
from sync_server.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
