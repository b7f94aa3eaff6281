"""The connection to the server database, and its explicit transactions.

SQLite (the embedded default) is opened in WAL mode with foreign keys, a busy timeout and
``synchronous=FULL`` (an ack is sent only after the commit is on disk, so it must really be there); a
write transaction starts with ``BEGIN IMMEDIATE`` so two writers never both read and then fail to
upgrade their lock. PostgreSQL runs at READ COMMITTED; what needs ordering takes its own locks (see
:mod:`sync_server.storage.journal`).

Storage functions take a ``Connection`` inside a transaction the caller opened with :meth:`read` or
:meth:`write`, and never commit on their own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from shared import errors
from shared.errors import TamboError
from sync_server.storage.folding import SQL_FUNCTION, fold

_WRITE_OPTION = "tambo_write"


class Database:
    """An engine plus the two kinds of transaction the server uses.

    On SQLite, write transactions of one process also take a process-wide lock first. SQLite has one
    writer at a time, and a writer that finds the file locked polls with growing sleeps (up to 100 ms
    each), so sixteen threads pushing at once spent most of their time asleep while the lock was free
    (264 submissions/s, duplicates at 190/s); queued on a lock they are woken in turn. Processes still
    meet at SQLite's own lock, which is why an SQLite server runs as one process with threads.
    """

    def __init__(self, engine: Engine, busy_seconds: float = 10) -> None:
        self.engine = engine
        self._busy_seconds = busy_seconds
        self._write_lock: threading.RLock | None = threading.RLock() if self.dialect == "sqlite" else None

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with self.transaction(conn):
                yield conn

    @contextmanager
    def transaction(self, conn: Connection) -> Iterator[Connection]:
        """One write transaction on a connection from :meth:`writer`."""
        with self._series_lock(), conn.begin():
            yield conn

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """One connection for a series of write transactions, each opened with :meth:`transaction`.

        A push stores its items in one transaction and then flushes the journal in another; taking a
        connection from the pool (and pinging it) for each would cost a round trip. On SQLite the
        process's write lock is held for the whole series: handing it to another thread in between
        would cost a GIL switch (up to 5 ms), while SQLite could not have run the other writer anyway.
        """
        with self._series_lock(), self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            yield conn

    @contextmanager
    def _series_lock(self) -> Iterator[None]:
        lock = self._write_lock
        if lock is None:
            yield
            return
        if not lock.acquire(timeout=self._busy_seconds):
            raise TamboError(errors.SERVER_UNAVAILABLE)
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (a consistent snapshot on SQLite)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str, *, pool_size: int = 10, busy_seconds: int = 10, **engine_options: Any
) -> Database:
    """Connect to ``url`` (``sqlite:///...`` or ``postgresql+psycopg://...``) with the project's settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Database(_sqlite_engine(url, busy_seconds, **engine_options), busy_seconds)
    options: dict[str, Any] = {"pool_size": pool_size, "max_overflow": pool_size, "pool_pre_ping": True}
    options.update(engine_options)
    return Database(create_engine(url, **options))


def _sqlite_engine(url: str, busy_seconds: int, **engine_options: Any) -> Engine:
    options: dict[str, Any] = {"connect_args": {"timeout": busy_seconds, "check_same_thread": False}}
    if make_url(url).database in (None, "", ":memory:"):
        raise ValueError("the server needs a SQLite file, not an in-memory database")
    options.update(engine_options)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event (below) issue BEGIN itself, so it can be BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        cursor.close()
        dbapi_connection.create_function(SQL_FUNCTION, 1, fold, deterministic=True)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
