"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from shared import errors
from sync_server.config import Settings

_HTTP_CODES = {
    404: errors.REQUEST_NOT_FOUND,
    405: errors.REQUEST_METHOD_NOT_ALLOWED,
    413: errors.REQUEST_TOO_LARGE,
}


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    """Build the server: ``create_app(Settings.load())`` in production, ``create_app(home=tmp)`` in tests."""
    settings = (settings or Settings()).with_values(overrides) if overrides else (settings or Settings())
    app = Flask(__name__)
    app.config["TAMBO_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes

    from sync_server.api.v1 import blueprint as api_v1
    from sync_server.health import blueprint as health

    app.register_blueprint(health)
    app.register_blueprint(api_v1, url_prefix="/api/v1")
    app.register_error_handler(HTTPException, _http_error)
    return app


def _http_error(exc: HTTPException):
    """Every HTTP error in the one JSON shape with a stable code."""
    status = exc.code or 500
    code = _HTTP_CODES.get(status, errors.SERVER_INTERNAL if status >= 500 else errors.PROTOCOL_MALFORMED)
    params = {"max_bytes": exc.description} if status == 413 else {"problem": exc.description}
    return jsonify(errors.error_body(code, **params)), status
