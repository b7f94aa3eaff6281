"""Catalog (stub)."""

from __future__ import annotations

from typing import Any

from sync_server.ops import roles
from sync_server.web.base import blueprint, requires


@blueprint.get("/catalog")
@requires(roles.CATALOG_EDIT)
def catalog() -> Any:
    return "catalog"
