"""The sync engine in the window: the indicator in the status bar, the sync panel, enrollment.

``attach_sync(window, service)`` (:mod:`desktop.ui.sync.wiring`) puts all of it on a clerk window.
"""

from desktop.ui.sync.wiring import attach_sync, start_sync

__all__ = ["attach_sync", "start_sync"]
