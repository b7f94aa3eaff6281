"""The one thread that owns the database connection, and explicit transactions on it.

Every store call is a callable queued to this thread; the caller waits on a future. Nothing else ever
touches the connection (it is even created on this thread, with ``check_same_thread``), so the UI thread
never blocks on SQLite's locks and there is no "database is locked" race between a view and a worker
(Vorta's issues #1081 and #1102). Datasette runs its writes the same way.

A write is one ``BEGIN IMMEDIATE ... COMMIT``: the write lock is taken at the start, so two processes
(the window and a ``tambo submit`` in a script) serialise cleanly instead of failing mid-transaction.
Store functions never commit; :meth:`StoreThread.write` commits when the callable returns and rolls
back when it raises.

Checkpoints (copying the WAL back into the database, with its fsyncs) would otherwise run inside
whichever commit crosses SQLite's threshold and make that one save slow; here they run when the queue
has been quiet for a moment after a write, and SQLite's own autocheckpoint stays as a far-off safety net.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from desktop.store.sqlcipher import Database, translate

T = TypeVar("T")
_STOP = object()
log = logging.getLogger(__name__)
#: After a write, this much quiet on the queue runs a WAL checkpoint off the callers' path.
IDLE_SECONDS = 0.2


@contextmanager
def transaction(db: Database, mode: str = "IMMEDIATE") -> Iterator[Database]:
    """``BEGIN <mode>`` ... ``COMMIT``; ``ROLLBACK`` when the body (or the commit itself) fails."""
    conn = db.conn
    if conn.in_transaction:
        raise RuntimeError("a store transaction is already open: store functions must not nest them")
    conn.execute(f"BEGIN {mode}")
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class StoreThread:
    """Runs callables ``fn(db)`` one at a time on a dedicated thread that owns the connection."""

    def __init__(self, connect: Callable[[], Database], name: str = "tambo-store") -> None:
        self._connect = connect
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._ready: Future[None] = Future()
        self._closed = False
        self._lock = threading.Lock()
        # Daemon: a process that exits without close() must not hang; SQLite's journal keeps the
        # database consistent whatever instant the thread dies at.
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        self._ready.result()

    def _run(self) -> None:
        try:
            db = self._connect()
        except BaseException as exc:
            self._ready.set_exception(translate(exc))
            return
        self._ready.set_result(None)
        dirty = False
        try:
            while True:
                try:
                    item = self._queue.get(timeout=IDLE_SECONDS if dirty else None)
                except queue.Empty:
                    dirty = False
                    self._checkpoint(db)
                    continue
                if item is _STOP:
                    break
                fn, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                dirty = dirty or getattr(fn, "writes", False)
                try:
                    future.set_result(fn(db))
                except BaseException as exc:
                    future.set_exception(translate(exc))
        finally:
            db.close()

    @staticmethod
    def _checkpoint(db: Database) -> None:
        """Copy the WAL back into the database while nobody waits (see ``connect``'s autocheckpoint)."""
        try:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception:  # a busy or full disk: the next idle moment (or the autocheckpoint) retries
            log.debug("idle checkpoint skipped", exc_info=True)

    def submit(self, fn: Callable[[Database], T]) -> Future[T]:
        """Queue ``fn(db)``; the future holds its result or its (translated) exception."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("a store call from the store thread would wait for itself")
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the store is closed")
            self._queue.put((fn, future))
        return future

    def call(self, fn: Callable[[Database], T]) -> T:
        """Run ``fn(db)`` on the store thread, outside any transaction, and wait for its result."""
        return self.submit(fn).result()

    def write(self, fn: Callable[[Database], T]) -> T:
        """Run ``fn(db)`` inside ``BEGIN IMMEDIATE ... COMMIT`` on the store thread."""

        def in_transaction(db: Database) -> T:
            with transaction(db, "IMMEDIATE"):
                return fn(db)

        in_transaction.writes = True  # type: ignore[attr-defined]
        return self.call(in_transaction)

    def read(self, fn: Callable[[Database], T]) -> T:
        """Run ``fn(db)`` inside a read transaction (one consistent snapshot for several queries)."""

        def in_transaction(db: Database) -> T:
            with transaction(db, "DEFERRED"):
                return fn(db)

        return self.call(in_transaction)

    def close(self) -> None:
        """Finish the queued calls, close the connection, stop the thread (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join()

    @property
    def closed(self) -> bool:
        return self._closed
