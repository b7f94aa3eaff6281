"""The server's long-lived parts, built once per process: settings, database, blob store, keys, caches.

The Flask app keeps one in ``app.extensions["tambo"]``; the command line builds one for each command.
Nothing here knows about HTTP, so the same operations run from a request, a command or a test.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection

from shared import errors
from shared.business_days import national_holidays
from shared.crypto import CryptoError
from shared.errors import TamboError
from shared.forms import ServiceDefinition
from sync_server.blobs import BlobStore, FileBlobStore
from sync_server.config import Settings
from sync_server.keys import InstitutionKeyring, load_master_key
from sync_server.storage import Database, open_database
from sync_server.storage.catalog import get_form
from sync_server.storage.institutions import list_institutions


class FormCache:
    """Parsed form versions. A published version never changes, so entries never go stale."""

    def __init__(self, capacity: int = 512) -> None:
        self._capacity = capacity
        self._items: OrderedDict[tuple[str, str, int], ServiceDefinition] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, conn: Connection, institution_id: str, service_id: str, version: int
    ) -> ServiceDefinition | None:
        key = (institution_id, service_id, version)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        stored = get_form(conn, institution_id, service_id, version)
        if stored is None:
            return None
        service = stored.load()
        with self._lock:
            self._items[key] = service
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
        return service


@dataclass
class Server:
    settings: Settings
    db: Database
    blobs: BlobStore
    keyring: InstitutionKeyring
    forms: FormCache = field(default_factory=FormCache)

    @classmethod
    def open(cls, settings: Settings) -> Server:
        """Connect to the database and load the master key (TamboError when it is missing or unsafe)."""
        keyring = InstitutionKeyring(load_master_key(settings))
        db = open_database(
            settings.effective_database_url,
            pool_size=settings.database_pool_size,
            busy_seconds=settings.database_busy_seconds,
        )
        return cls(settings, db, FileBlobStore(settings.attachments_dir), keyring)

    def check_master_key(self) -> None:
        """Refuse to serve with a master key that does not open every institution's key (a key from
        another installation, or a backup restored under another key): TamboError
        ``server.master_key_wrong``. Served anyway, every valid push would fail."""
        with self.db.read() as conn:
            found = list_institutions(conn)
        for institution in found:
            try:
                self.keyring.private_key(institution.private_key_wrapped)
            except CryptoError:
                raise TamboError(
                    errors.SERVER_MASTER_KEY_WRONG,
                    params={"key_id": self.keyring.key_id, "institution": institution.id},
                ) from None

    def warm_up(self, today: date | None = None) -> None:
        """Load what the first push would otherwise wait for (the national holidays of this year and the
        next, which every due date needs), so a worker that has just started answers as fast as the rest."""
        year = (today or date.today()).year
        for each in (year, year + 1):
            national_holidays(each)

    def close(self) -> None:
        self.db.dispose()
