"""The OpenAPI 3.1 document of the device API, served at ``/api/v1/openapi.json``.

Message schemas come from the pydantic models in :mod:`shared.protocol` (the same ones that validate
requests), so the document cannot drift from what the server accepts. The list of operations below is
written by hand; ``tests/sync_server/test_openapi.py`` fails when a route of the blueprint is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from flask import jsonify
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

import sync_server
from shared.protocol import (
    AttachmentCreate,
    AttachmentStatus,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    HealthRequest,
    HealthResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    headers,
)
from shared.protocol.bundle_acks import BundleUploadResponse
from shared.protocol.bundles import MEDIA_TYPE as BUNDLE_MEDIA_TYPE
from sync_server.api.v1 import blueprint

REF = "#/components/schemas/{model}"
SIGNED = [{"deviceSignature": []}]


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    summary: str
    description: str = ""
    request: type[BaseModel] | None = None
    responses: dict[int, type[BaseModel] | str | None] = field(default_factory=dict)
    signed: bool = True
    parameters: tuple[dict[str, Any], ...] = ()
    #: the media type of a binary request body (an attachment chunk, a bundle)
    binary_body: str | None = None


def _header(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": True,
        "description": description,
        "schema": schema or {"type": "string"},
    }


SHA256_PARAMETER = {
    "name": "sha256",
    "in": "path",
    "required": True,
    "description": "SHA-256 (lower-case hex) of the sealed file",
    "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
}

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "/enroll",
        "post",
        "Enroll a device with its one-time code",
        "Unsigned. The code comes from `tambo-server device add`; it works once and expires. A retry by "
        "the same key after a lost answer gets the same answer.",
        EnrollRequest,
        {200: EnrollResponse},
        signed=False,
    ),
    Operation(
        "/ping",
        "get",
        "Connectivity probe (no database, no signature)",
        responses={200: "object"},
        signed=False,
    ),
    Operation(
        "/push",
        "post",
        "Push a batch of signed, sealed envelopes",
        "The body may be sent with `Content-Encoding: gzip`; the signature covers the bytes as sent. "
        "One result per item, in order: accepted, duplicate, rejected (with a stable code), conflict, "
        "need_attachments (with the missing hashes).",
        PushRequest,
        {200: PushResponse},
    ),
    Operation(
        "/pull",
        "post",
        "Changes since a cursor, in commit order, in bounded pages",
        request=PullRequest,
        responses={200: PullResponse},
    ),
    Operation(
        "/health",
        "post",
        "Compare per-day digests of the device's submissions",
        request=HealthRequest,
        responses={200: HealthResponse},
    ),
    Operation(
        "/catalog",
        "get",
        "The current services of the device's institution, with the institution key",
        responses={200: "object"},
    ),
    Operation(
        "/attachments",
        "post",
        "Announce an upload; 201 when new, 200 when known (`complete: true`: do not send it again)",
        request=AttachmentCreate,
        responses={200: AttachmentStatus, 201: AttachmentStatus},
    ),
    Operation(
        "/attachments/{sha256}",
        "head",
        "How many bytes of the file the server holds (`Upload-Offset` header)",
        responses={200: None},
        parameters=(SHA256_PARAMETER,),
    ),
    Operation(
        "/attachments/{sha256}",
        "patch",
        "Append a chunk at `Upload-Offset`",
        "Body `application/offset+octet-stream`. The signature's body hash is the chunk's SHA-256 from "
        "`Upload-Checksum` (`sha256 <base64>`). 204 with the new `Upload-Offset`; 409 "
        "`attachment.offset_mismatch` with the server's offset; 409 `attachment.checksum_mismatch` when "
        "the chunk (or, at the end, the whole file) does not match its hash.",
        responses={204: None},
        parameters=(
            SHA256_PARAMETER,
            _header(headers.UPLOAD_OFFSET, "Where this chunk starts", {"type": "integer", "minimum": 0}),
            _header(headers.UPLOAD_CHECKSUM, "`sha256 ` + standard base64 of the chunk's SHA-256"),
        ),
    ),
    Operation(
        "/bundles",
        "post",
        "Relay a sync bundle another device wrote; get its acknowledgement file",
        "Body: the bundle file (`application/vnd.tambo.bundle`, see docs/coordinators.md). The signature's "
        "body hash is the file's SHA-256 from `Upload-Checksum` (`sha256 <base64>`). The server checks "
        "the bundle whole (signed by an enrolled, not revoked device; every item as signed), then treats "
        "its envelopes exactly like a push. The answer names the origin device, counts the results and "
        "carries the acknowledgement (base64url) that only the origin device can open.",
        responses={200: BundleUploadResponse},
        parameters=(_header(headers.UPLOAD_CHECKSUM, "`sha256 ` + standard base64 of the file's SHA-256"),),
        binary_body=BUNDLE_MEDIA_TYPE,
    ),
    Operation(
        "/documents/{document_id}",
        "get",
        "Download a final document of a submission this device captured",
        responses={200: "binary"},
        parameters=(
            {
                "name": "document_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": "^[0-7][0-9A-HJKMNP-TV-Z]{25}$"},
            },
        ),
    ),
    Operation(
        "/openapi.json",
        "get",
        "This document",
        responses={200: "object"},
        signed=False,
    ),
)

SIGNATURE_DESCRIPTION = (
    "Every signed request carries `X-Tambo-Device` (device id), `X-Tambo-Timestamp` (unix seconds), "
    "`X-Tambo-Nonce` (random base64url, 16 to 64 characters), `X-Tambo-Protocol` (version) and "
    "`X-Tambo-Signature`: the base64url Ed25519 signature of the lines `tambo-request-v1`, METHOD, "
    "path with query, timestamp, nonce, and the SHA-256 hex of the body exactly as sent. Timestamps "
    "more than 300 s off get `auth.clock_skew` with the server time in `details`; a reused nonce gets "
    "`auth.replay`."
)


def _schema_components() -> dict[str, Any]:
    models = {ErrorBody}
    for operation in OPERATIONS:
        if operation.request is not None:
            models.add(operation.request)
        models.update(m for m in operation.responses.values() if isinstance(m, type))
    pairs = [(model, "validation") for model in sorted(models, key=lambda m: m.__name__)]
    _, definitions = models_json_schema(pairs, ref_template=REF)
    return definitions.get("$defs", {})


def _content(model: type[BaseModel] | str | None) -> dict[str, Any] | None:
    if model is None:
        return None
    if model == "binary":
        return {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    if isinstance(model, str):
        return {"application/json": {"schema": {"type": model}}}
    return {"application/json": {"schema": {"$ref": REF.format(model=model.__name__)}}}


def _operation(operation: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, model in operation.responses.items():
        response: dict[str, Any] = {"description": "OK" if status < 300 else ""}
        content = _content(model)
        if content:
            response["content"] = content
        responses[str(status)] = response
    responses["4XX"] = {
        "description": "Refused: the standard error shape with a stable code",
        "content": _content(ErrorBody),
    }
    responses["5XX"] = {
        "description": "Try again later (503 carries Retry-After)",
        "content": _content(ErrorBody),
    }
    body: dict[str, Any] = {
        "summary": operation.summary,
        "operationId": operation.method + "_" + re.sub(r"[^a-z0-9]+", "_", operation.path).strip("_"),
        "responses": responses,
        "security": SIGNED if operation.signed else [],
    }
    if operation.description:
        body["description"] = operation.description
    if operation.parameters:
        body["parameters"] = list(operation.parameters)
    if operation.request is not None:
        body["requestBody"] = {"required": True, "content": _content(operation.request)}
    elif operation.method == "patch" or operation.binary_body:
        media_type = operation.binary_body or "application/offset+octet-stream"
        body["requestBody"] = {
            "required": True,
            "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    return body


@cache
def openapi_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for operation in OPERATIONS:
        paths.setdefault(operation.path, {})[operation.method] = _operation(operation)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tambo device API",
            "version": f"1 (server {sync_server.__version__})",
            "description": "How desktop devices enroll, push submissions and attachments, and pull changes.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": _schema_components(),
            "securitySchemes": {
                "deviceSignature": {
                    "type": "apiKey",
                    "in": "header",
                    "name": headers.SIGNATURE,
                    "description": SIGNATURE_DESCRIPTION,
                }
            },
        },
    }


@blueprint.get("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())
