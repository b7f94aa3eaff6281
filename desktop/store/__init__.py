"""The desktop's encrypted local store: SQLCipher through sqlite-utils, one writer thread, key slots.

Import :class:`Store` from here; the submodules hold the store functions (each runs on the store
thread inside a transaction its caller opened with ``Store.write``/``Store.read``).
"""

from desktop.store.store import DB_FILE, Store, store_exists

__all__ = ["DB_FILE", "Store", "store_exists"]
