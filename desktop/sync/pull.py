"""Pull: the changes since the device's cursor, each page applied with its cursor in one transaction.

The server's cursor follows commit order, so storing it only together with the page it ends (in the
same local transaction, :func:`desktop.store.pulled.apply_pulled_page`) means a cut, a crash or a full
disk at any moment leaves the device either before the page or after it, never between: the next pull
asks again from the stored cursor, and applying a page twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.store import Store, pulled, settings
from desktop.sync.client import ServerClient
from desktop.sync.progress import SyncReport

PAGE_LIMIT = 200


def pull_all(
    store: Store,
    client: ServerClient,
    report: SyncReport,
    on_page: Callable[[int], None] | None = None,
    limit: int = PAGE_LIMIT,
) -> int:
    """Pull and apply pages until the server has no more; returns how many changes were applied."""
    applied = 0
    cursor = store.read(lambda db: settings.get_state(db, settings.PULL_CURSOR))
    while True:
        page = client.pull(cursor, limit)
        result = store.write(lambda db, page=page: pulled.apply_pulled_page(db, page.changes, page.cursor))
        applied += result.applied
        report.pulled_changes += len(page.changes)
        cursor = page.cursor
        if on_page:
            on_page(report.pulled_changes)
        if not page.has_more:
            return applied
