"""The real server app behind a real, threaded HTTP server on 127.0.0.1 (an ephemeral port), for tests
that need the network between a client and the app but not a separate process."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server


@contextmanager
def serve_app(app: Flask, *, close: bool = True) -> Iterator[str]:
    """Serve ``app`` until the block ends; its base URL. With ``close`` the app's server context (its
    database connections) is closed afterwards too."""
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="test-http-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{http.server_port}"
    finally:
        http.shutdown()
        thread.join(10)
        if close:
            app.extensions["tambo"].close()
