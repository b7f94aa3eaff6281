"""The desktop's sync engine: pushes the outbox, pulls changes, checks health, off the UI thread.

See docs/sync.md. Layers, bottom up: :mod:`~desktop.sync.client` (signed HTTP, errors by kind),
:mod:`~desktop.sync.uploads` (resumable chunks), :mod:`~desktop.sync.push`, :mod:`~desktop.sync.pull`,
:mod:`~desktop.sync.health` (the phases), :mod:`~desktop.sync.run` (one run with its retries),
:mod:`~desktop.sync.engine` (the thread and its triggers), :mod:`~desktop.sync.service` (what the
window and the CLI call), :mod:`~desktop.sync.enrollment` (joining a server).
"""

from desktop.sync.engine import SyncEngine, SyncEvent, SyncStatus
from desktop.sync.progress import Progress, SyncReport

__all__ = ["Progress", "SyncEngine", "SyncEvent", "SyncReport", "SyncStatus"]
