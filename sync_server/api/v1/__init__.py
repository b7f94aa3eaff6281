"""Device API, version 1."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from sync_server.catalog import CatalogSource

blueprint = Blueprint("api_v1", __name__)


@blueprint.get("/catalog")
def catalog():
    """The published services with their current form version (public information)."""
    source = CatalogSource.for_settings(current_app.config["TAMBO_SETTINGS"])
    return jsonify({"services": [service.raw for service in source.services()]})
