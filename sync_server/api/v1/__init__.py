"""Device API, version 1: enrollment, push, pull, attachments, documents, health, catalog.

Every route is described in the OpenAPI document served at ``/api/v1/openapi.json``
(:mod:`sync_server.api.v1.openapi`), and a test checks that none is missing.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState
from werkzeug.routing import BaseConverter


class Sha256Converter(BaseConverter):
    """A URL part that can only be a lower-case SHA-256 hex digest (anything else is a 404)."""

    regex = r"[0-9a-f]{64}"


class UlidConverter(BaseConverter):
    regex = r"[0-7][0-9A-HJKMNP-TV-Z]{25}"


blueprint = Blueprint("api_v1", __name__)


@blueprint.record_once
def _register_converters(state: BlueprintSetupState) -> None:
    state.app.url_map.converters["sha256"] = Sha256Converter
    state.app.url_map.converters["ulid"] = UlidConverter


from sync_server.api.v1 import attachments, bundles, devices, openapi, sync  # noqa: E402  (routes register on import)

__all__ = ["attachments", "blueprint", "bundles", "devices", "openapi", "sync"]
