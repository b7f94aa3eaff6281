"""Signed device routes that move submissions and changes: push, pull, health, catalog, documents."""

from __future__ import annotations

import json

from flask import current_app, jsonify, send_file

from shared.protocol import HealthRequest, PullRequest, PushRequest
from sync_server.api.v1 import blueprint
from sync_server.api.v1.wire import message_response, server, signed_message, signed_request_without_body
from sync_server.observability import metrics_of
from sync_server.ops.documents import document_for_device
from sync_server.ops.health import compare_days
from sync_server.ops.pull import pull
from sync_server.ops.push import push
from sync_server.storage.catalog import current_forms


@blueprint.post("/push")
def push_items():
    """A batch of envelopes (the body may be gzip); one small result per item, in order."""
    auth, request = signed_message(PushRequest)
    response = push(server(), auth, request)
    metrics_of(current_app).count_push_results(result.status for result in response.results)
    # Acks stay small: {"id", "status", "seq"}, plus code/missing/details only where they say something.
    results = [result.model_dump(mode="json", exclude_defaults=True) for result in response.results]
    return jsonify({"v": response.v, "results": results})


@blueprint.post("/pull")
def pull_changes():
    auth, request = signed_message(PullRequest)
    return jsonify(pull(server(), auth, request))


@blueprint.post("/health")
def sync_health():
    auth, request = signed_message(HealthRequest)
    return message_response(compare_days(server(), auth, request))


@blueprint.get("/catalog")
def catalog():
    """The current version of each service of the device's institution, with the institution key."""
    auth = signed_request_without_body()
    with server().db.read() as conn:
        forms = current_forms(conn, auth.institution.id)
    institution = auth.institution
    return jsonify(
        {
            "v": 1,
            "institution": {
                "id": institution.id,
                "name": institution.name,
                "public_key": institution.public_key,
                "key_id": institution.key_id,
            },
            "services": [json.loads(form.definition) for form in forms],
        }
    )


@blueprint.get("/documents/<ulid:document_id>")
def document(document_id: str):
    """A final document, streamed, to the device that captured its submission (404 for any other)."""
    auth = signed_request_without_body()
    found, path = document_for_device(server(), auth, document_id)
    response = send_file(
        path, mimetype=found.media_type, as_attachment=True, download_name=found.name, etag=found.sha256
    )
    response.headers["Digest"] = f"sha-256={found.sha256}"
    return response
