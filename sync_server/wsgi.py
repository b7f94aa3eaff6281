"""The WSGI entry point for production servers with several workers::

    gunicorn --workers 4 --bind 127.0.0.1:8765 'sync_server.wsgi:create()'

Settings come from ``TAMBO_SERVER_HOME``/``server.toml``/environment as for ``tambo-server run``; the
schema and the master key are checked before the first request.
"""

from __future__ import annotations

from flask import Flask

from sync_server.app import create_app
from sync_server.config import Settings
from sync_server.observability import configure_logging
from sync_server.storage import migrate


def create() -> Flask:
    settings = Settings.load()
    configure_logging()
    app = create_app(settings)
    migrate.check_schema(app.extensions["tambo"].db)
    return app
