"""Operator endpoints: ``/healthz`` (with a database check) and ``/metrics`` (Prometheus text)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

import sync_server
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
    return Response(metrics_of(current_app).render(), mimetype="text/plain; version=0.0.4")
