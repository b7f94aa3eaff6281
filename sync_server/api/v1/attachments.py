"""Resumable uploads, tus-style: announce (POST), ask the offset (HEAD), append a chunk (PATCH)."""

from __future__ import annotations

from flask import Response, current_app, request

from shared import errors
from shared.errors import TamboError
from shared.protocol import AttachmentCreate, headers
from sync_server.api.v1 import blueprint
from sync_server.api.v1.wire import (
    authenticate_request,
    message_response,
    server,
    signed_message,
    signed_request_without_body,
)
from sync_server.observability import metrics_of
from sync_server.ops.uploads import announce, append_chunk, current_upload

CHUNK_TYPE = "application/offset+octet-stream"


@blueprint.post("/attachments")
def create_attachment():
    """201 for a new upload, 200 for a known one; ``complete: true`` means: do not send it again."""
    auth, message = signed_message(AttachmentCreate)
    status, created = announce(server(), auth, message)
    response = message_response(status, 201 if created else 200)
    response.headers[headers.UPLOAD_OFFSET] = str(status.offset)
    return response


@blueprint.route("/attachments/<sha256:sha256>", methods=["HEAD"])
def attachment_offset(sha256: str):
    auth = signed_request_without_body()
    upload = current_upload(server(), auth, sha256)
    response = Response(status=200)
    response.headers[headers.UPLOAD_OFFSET] = str(upload.offset)
    response.headers["Upload-Length"] = str(upload.size)
    response.headers["Cache-Control"] = "no-store"
    return response


def _offset_header() -> int:
    value = request.headers.get(headers.UPLOAD_OFFSET, "")
    if not value.isdigit() or len(value) > 18:
        raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": f"bad {headers.UPLOAD_OFFSET} header"})
    return int(value)


@blueprint.patch("/attachments/<sha256:sha256>")
def append_attachment(sha256: str):
    """Append the body at ``Upload-Offset``. The signature covers the chunk's SHA-256 (the
    ``Upload-Checksum``), so the request is authenticated before its body is read, and the body is
    then streamed to disk and checked against that hash."""
    offset = _offset_header()
    digest = headers.parse_upload_checksum(request.headers.get(headers.UPLOAD_CHECKSUM, ""))
    if request.mimetype != CHUNK_TYPE:
        raise TamboError(
            errors.REQUEST_UNSUPPORTED_MEDIA, params={"problem": f"Content-Type debe ser {CHUNK_TYPE}"}
        )
    auth = authenticate_request(digest.hex())
    request.max_content_length = server().settings.max_attachment_bytes
    upload = append_chunk(
        server(),
        auth,
        sha256,
        offset=offset,
        digest=digest,
        stream=request.stream,
        length=request.content_length,
    )
    metrics_of(current_app).count_upload_bytes(upload.offset - offset)
    response = Response(status=204)
    response.headers[headers.UPLOAD_OFFSET] = str(upload.offset)
    response.headers["Upload-Complete"] = "?1" if upload.complete else "?0"
    return response
