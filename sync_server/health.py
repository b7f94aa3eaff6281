"""Operator endpoints: ``/healthz`` (with a database check) and ``/metrics`` (Prometheus text)."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

import sync_server
from shared import errors
from shared.errors import TamboError
from sync_server.observability import metrics_of

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    """200 when this worker can query its database, 503 (with Retry-After) when it cannot."""
    server = current_app.extensions["tambo"]
    try:
        with server.db.read() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        body = {"status": "unavailable", "version": sync_server.__version__, "database": type(exc).__name__}
        return jsonify(body), 503
    return jsonify({"status": "ok", "version": sync_server.__version__, "database": server.db.dialect})


@blueprint.get("/metrics")
def metrics():
    """Prometheus text; with ``metrics_token`` set, only for ``Authorization: Bearer <token>``."""
    token = current_app.config["TAMBO_SETTINGS"].metrics_token
    if token:
        sent = request.headers.get("Authorization", "")
        expected = f"Bearer {token}"
        if not hmac.compare_digest(sent.encode("utf-8"), expected.encode("utf-8")):
            raise TamboError(errors.AUTH_METRICS_TOKEN)
    return Response(metrics_of(current_app).render(), mimetype="text/plain; version=0.0.4")
