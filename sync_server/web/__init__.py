"""The officials' console (web), registered at ``/web``: server-rendered pages over the same
operations the command line and the tests call (``sync_server.ops``), so every change a console user
makes reaches the capturing device through the change log.

Modules: :mod:`.base` (the blueprint, sessions, CSRF, language, headers, errors), then one module of
views per area. See docs/console.md.
"""

from __future__ import annotations

from sync_server.web import (  # noqa: F401  (each module adds its routes to the blueprint)
    auth_views,
    case_views,
    catalog_views,
    coordination_views,
    dashboard_views,
    device_views,
    export_views,
    inbox_views,
    user_views,
)
from sync_server.web.base import blueprint

__all__ = ["blueprint"]
