"""Reading device requests and writing answers: body limits, gzip, signatures, protocol messages."""

from __future__ import annotations

import zlib
from typing import TypeVar

from flask import Response, current_app, g, request
from pydantic import BaseModel

from shared import errors
from shared.crypto import sha256_hex
from shared.errors import TamboError
from shared.protocol import decode, encode
from sync_server.context import Server
from sync_server.ops.auth import AuthContext, authenticate

M = TypeVar("M", bound=BaseModel)
JSON_TYPE = "application/json"


def server() -> Server:
    return current_app.extensions["tambo"]


def signed_path() -> str:
    """The path with its query, as the device signed it."""
    query = request.query_string.decode("latin-1")
    path = request.script_root + request.path
    return f"{path}?{query}" if query else path


def authenticate_request(body_sha256_hex: str) -> AuthContext:
    """Who sent this request (TamboError if nobody we trust); kept in ``g`` for the request log."""
    auth = authenticate(
        server(),
        method=request.method,
        path_with_query=signed_path(),
        request_headers=request.headers,
        body_sha256_hex=body_sha256_hex,
    )
    g.tambo_auth = auth
    return auth


def _raw_body() -> bytes:
    return request.get_data(cache=False)  # over MAX_CONTENT_LENGTH: 413 request.too_large


def _decompressed(raw: bytes) -> bytes:
    """The body without its ``Content-Encoding`` (gzip, bounded like an uncompressed body)."""
    encoding = request.headers.get("Content-Encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding != "gzip":
        raise TamboError(
            errors.REQUEST_UNSUPPORTED_MEDIA, params={"problem": f"Content-Encoding: {encoding}"}
        )
    limit = server().settings.max_request_bytes
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(raw, limit + 1)
    except zlib.error:
        raise TamboError(
            errors.PROTOCOL_MALFORMED, params={"problem": "the body is not valid gzip"}
        ) from None
    if len(body) > limit or inflater.unconsumed_tail:
        raise TamboError(errors.REQUEST_TOO_LARGE, params={"max_bytes": limit})
    if not inflater.eof:
        raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": "the gzip body is truncated"})
    return body


def _message(model: type[M], raw: bytes) -> M:
    if request.mimetype != JSON_TYPE:
        raise TamboError(
            errors.REQUEST_UNSUPPORTED_MEDIA, params={"problem": f"Content-Type debe ser {JSON_TYPE}"}
        )
    return decode(model, _decompressed(raw))


def public_message(model: type[M]) -> M:
    """A protocol message from a request that needs no signature (enrollment)."""
    return _message(model, _raw_body())


def signed_message(model: type[M]) -> tuple[AuthContext, M]:
    """Authenticate the request over its raw body, then decode the body as ``model``."""
    raw = _raw_body()
    auth = authenticate_request(sha256_hex(raw))
    return auth, _message(model, raw)


def signed_request_without_body() -> AuthContext:
    return authenticate_request(sha256_hex(_raw_body()))


def message_response(message: BaseModel, status: int = 200) -> Response:
    return Response(encode(message), status=status, mimetype=JSON_TYPE)
