"""The Flask application factory and the one JSON error shape of every answer."""

from __future__ import annotations

import errno
import logging
import sqlite3
from typing import Any

from flask import Flask, Response, current_app, g, jsonify
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from shared import errors
from shared.errors import TamboError
from sync_server import observability
from sync_server.config import Settings
from sync_server.context import Server

LOG = logging.getLogger("tambo.server")

_HTTP_CODES = {
    404: errors.REQUEST_NOT_FOUND,
    405: errors.REQUEST_METHOD_NOT_ALLOWED,
    413: errors.REQUEST_TOO_LARGE,
}


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    """Build the server: ``create_app(Settings.load())`` in production, ``create_app(settings, home=tmp)``
    in tests. The database must already be migrated (``tambo-server init``); the master key must be
    available and open every institution's key (TamboError otherwise, before any request is served)."""
    settings = settings or Settings()
    if overrides:
        settings = settings.with_values(overrides)
    app = Flask(__name__)
    app.config["TAMBO_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    server = Server.open(settings)
    try:
        server.check_master_key()
    except TamboError:
        server.close()
        raise
    server.warm_up()
    app.extensions["tambo"] = server

    from sync_server.api.v1 import blueprint as api_v1
    from sync_server.health import blueprint as health
    from sync_server.web import blueprint as web

    observability.init_app(app)
    app.register_blueprint(health)
    app.register_blueprint(api_v1, url_prefix="/api/v1")
    app.register_blueprint(web, url_prefix="/web")
    app.register_error_handler(TamboError, _tambo_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(Exception, _unexpected)
    if settings.trusted_proxies > 0:
        # the client address is the one the nearest trusted proxy appended to X-Forwarded-For (nginx's
        # $proxy_add_x_forwarded_for); what the client itself put before it is ignored
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)  # type: ignore[method-assign]
    return app


def server_of(app: Flask) -> Server:
    return app.extensions["tambo"]


def error_response(error: TamboError) -> tuple[Response, int]:
    g.tambo_error_code = error.code
    response = jsonify(error.to_dict())
    if error.code == errors.ATTACHMENT_OFFSET_MISMATCH and "offset" in error.details:
        response.headers["Upload-Offset"] = str(error.details["offset"])
    return response, error.http_status


def _tambo_error(exc: TamboError) -> tuple[Response, int]:
    return error_response(exc)


def _http_error(exc: HTTPException) -> tuple[Response, int]:
    """Every HTTP error in the one JSON shape with a stable code."""
    status = exc.code or 500
    code = _HTTP_CODES.get(status, errors.SERVER_INTERNAL if status >= 500 else errors.PROTOCOL_MALFORMED)
    if status == 413:
        error = TamboError(code, params={"max_bytes": current_app.config["MAX_CONTENT_LENGTH"]})
    else:
        error = TamboError(code, params={"problem": exc.description})
    response, _ = error_response(error)
    return response, status


def _database_unavailable(exc: OperationalError) -> tuple[Response, int]:
    """A locked or unreachable database is temporary: 503 with Retry-After, so devices back off. A
    full disk is said as such (507, logged as an error: an operator must act), still retried by devices."""
    if _disk_full(exc.orig):
        LOG.error("disk full: the database cannot grow: %s", exc.orig)
        return error_response(TamboError(errors.SERVER_DISK_FULL))
    LOG.warning("database unavailable: %s", exc.orig)
    return error_response(TamboError(errors.SERVER_UNAVAILABLE))


#: PostgreSQL's "disk full" (SQLSTATE class 53: insufficient resources).
_PG_DISK_FULL = "53100"


def _disk_full(exc: BaseException | None) -> bool:
    """ENOSPC, SQLite's SQLITE_FULL, or PostgreSQL's disk_full."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return True
    return getattr(exc, "sqlstate", None) == _PG_DISK_FULL


def _unexpected(exc: Exception) -> tuple[Response, int]:
    if _disk_full(exc) or (isinstance(exc, DBAPIError) and _disk_full(exc.orig)):
        LOG.error("disk full: %s", exc)
        return error_response(TamboError(errors.SERVER_DISK_FULL))
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return _database_unavailable(exc)  # type: ignore[arg-type]
    LOG.exception("unexpected error")
    return error_response(TamboError(errors.SERVER_INTERNAL))
