"""A relay device uploads a sync bundle it carried (``POST /bundles``) and gets the acknowledgement.

The relay signs the request like any other (it must be enrolled and not revoked; its institution does
not matter: it can neither read nor alter what it carries). As for an attachment chunk, the signature
covers the body's SHA-256 sent in ``Upload-Checksum``, so the request is authenticated before its body
is read; the body is then streamed to a temporary file (bundles may be far larger than a push) and
checked against that hash. The answer is JSON: the bundle's origin, the counts of the results, and the
acknowledgement file (base64url), which only the origin device can open.
"""

from __future__ import annotations

import hashlib
import tempfile

from flask import request

from shared import errors
from shared.crypto import b64e
from shared.errors import TamboError
from shared.protocol import headers
from shared.protocol.bundle_acks import BundleUploadResponse
from shared.protocol.bundles import MEDIA_TYPE
from sync_server.api.v1 import blueprint
from sync_server.api.v1.wire import authenticate_request, message_response, server
from sync_server.ops.bundles import BundleReceipt, Uploader, receive_bundle

PIECE = 256 * 1024


def upload_response(receipt: BundleReceipt) -> BundleUploadResponse:
    return BundleUploadResponse(
        bundle_id=receipt.bundle_id,
        device_id=receipt.device_id,
        device_name=receipt.device_name,
        institution_id=receipt.institution_id,
        first_upload=receipt.first_upload,
        summary=receipt.summary,
        ack=b64e(receipt.ack),
    )


def spool_dir() -> str | None:
    """Where an uploaded bundle waits while it is checked: beside the attachments (same disk, sized for
    them) rather than in a /tmp that may be a small RAM disk."""
    folder = server().settings.attachments_dir / "tmp"
    return str(folder) if folder.is_dir() else None


@blueprint.post("/bundles")
def upload_bundle():
    digest = headers.parse_upload_checksum(request.headers.get(headers.UPLOAD_CHECKSUM, ""))
    if request.mimetype != MEDIA_TYPE:
        raise TamboError(
            errors.REQUEST_UNSUPPORTED_MEDIA, params={"problem": f"Content-Type debe ser {MEDIA_TYPE}"}
        )
    auth = authenticate_request(digest.hex())
    limit = server().settings.max_bundle_bytes
    if request.content_length is not None and request.content_length > limit:
        raise TamboError(errors.BUNDLE_TOO_LARGE, params={"size": request.content_length, "max_bytes": limit})
    request.max_content_length = limit
    with tempfile.TemporaryFile(dir=spool_dir()) as spool:
        hasher = hashlib.sha256()
        while piece := request.stream.read(PIECE):
            hasher.update(piece)
            spool.write(piece)
        if hasher.digest() != digest:
            raise TamboError(errors.ATTACHMENT_CHECKSUM_MISMATCH, details={"whole_file": True})
        spool.seek(0)
        receipt = receive_bundle(
            server(),
            spool,
            name=request.headers.get("X-Tambo-Bundle-Name", "paquete")[:200],
            uploader=Uploader(f"device:{auth.device_id}"),
        )
    return message_response(upload_response(receipt))
