"""Liveness for load balancers and the run script."""

from __future__ import annotations

from flask import Blueprint, jsonify

import sync_server

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "version": sync_server.__version__})
