"""Enrollment and the connectivity probe: the only device routes without a signature."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import jsonify

from shared.protocol import PROTOCOL_VERSION, SUPPORTED_VERSIONS, EnrollRequest
from sync_server.api.v1 import blueprint
from sync_server.api.v1.wire import message_response, public_message, server
from sync_server.ops.enrollment import enroll


@blueprint.post("/enroll")
def enroll_device():
    """A device registers its public key with the one-time code from ``tambo-server device add``."""
    return message_response(enroll(server(), public_message(EnrollRequest)))


@blueprint.get("/ping")
def ping():
    """Tiny and database-free: a device testing its link learns only that the server answers."""
    response = jsonify(
        {
            "ok": True,
            "server_time": datetime.now(UTC).isoformat(),
            "protocol": PROTOCOL_VERSION,
            "supported": sorted(SUPPORTED_VERSIONS),
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response
