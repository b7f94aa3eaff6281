"""``tambo bundle upload PATH``: any enrolled device hands a bundle it carries to the server.

The relay first checks the file is whole and signed by the device its manifest names (it cannot
read it, but it can tell a damaged copy at once, while the origin site is still at hand), then sends
it in one signed request (``POST /api/v1/bundles``; the signature covers the file's SHA-256). The
server answers with the counts and the acknowledgement file for the origin device, which the relay
cannot open either and simply carries back.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from desktop.bundles.files import file_sha256
from desktop.store import Store
from desktop.store.identity import Identity, load_identity
from desktop.sync.client import ServerClient, normalise_server_url
from desktop.sync.errors import bad_response
from shared import errors
from shared.crypto import CryptoError, b64d
from shared.errors import TamboError
from shared.protocol import ProtocolError, decode, headers
from shared.protocol.bundle_acks import BundleUploadResponse
from shared.protocol.bundles import MEDIA_TYPE, BundleManifest, check_bundle_file

BUNDLE_NAME_HEADER = "X-Tambo-Bundle-Name"


@dataclass(frozen=True)
class UploadResult:
    manifest: BundleManifest
    response: BundleUploadResponse
    ack: bytes


def relay_client(store: Store, server_url: str | None = None, **options: object) -> ServerClient:
    """A signed client for this device, to the server named or the one it enrolled with."""
    identity: Identity = store.read(load_identity)
    url = server_url or identity.server_url
    if not url:
        raise TamboError(errors.SYNC_NO_SERVER)
    return ServerClient(normalise_server_url(url), identity.device_key, **options)  # type: ignore[arg-type]


def upload_bundle(client: ServerClient, path: Path) -> UploadResult:
    """Check the bundle at ``path`` locally, send it, and return the server's answer and the ack."""
    manifest = check_bundle_file(path)
    digest = file_sha256(path)
    client.ping()  # learn the server's clock before signing (a relay's clock may be hours off)
    response = client.request(
        "POST",
        "/bundles",
        path,  # streamed from the file: a bundle may be far larger than memory should hold
        content_type=MEDIA_TYPE,
        extra_headers={
            headers.UPLOAD_CHECKSUM: "sha256 " + base64.b64encode(digest).decode("ascii"),
            BUNDLE_NAME_HEADER: path.name.encode("ascii", "replace").decode("ascii"),
        },
        body_sha256_hex=digest.hex(),
    )
    try:
        answer = decode(BundleUploadResponse, response.content)
        ack = b64d(answer.ack)
    except (ProtocolError, CryptoError) as exc:
        raise bad_response(f"respuesta ilegible al subir el paquete: {exc.message()}") from None
    if answer.bundle_id != manifest.bundle_id:
        raise bad_response("el acuse no corresponde al paquete enviado")
    return UploadResult(manifest, answer, ack)
