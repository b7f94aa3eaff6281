"""Device request authentication: an Ed25519 signature over each request, with timestamp and nonce.

Why this scheme: TLS ends at nginx, so the application never sees a client certificate; a bearer
token or an HMAC key would be a secret the server must keep, and anyone who copied the server's
database could then act as every device. With a signature, the server holds only public keys: the
device's private key never leaves the device, and each signature binds the key to one request (method,
path with query, timestamp, nonce and the SHA-256 of the body exactly as sent, compressed or not), so
it cannot be reused for another request or body. The timestamp bounds how long a captured request
stays usable (±``clock_skew_seconds``) and the nonce, remembered in the database for that long, makes
it usable once, even across several workers.

Devices in the field have clocks hours off; a request outside the window gets ``auth.clock_skew``
with the server time in ``details``, so the device corrects its offset and retries at once.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from shared import errors
from shared.crypto import CryptoError, b64d, ed25519_public_from_text, verify
from shared.errors import TamboError
from shared.protocol import SUPPORTED_VERSIONS, headers
from sync_server.context import Server
from sync_server.storage.devices import REVOKED, Device, device_by_device_id, purge_nonces, remember_nonce
from sync_server.storage.institutions import Institution, require_institution

NONCE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
REQUIRED_HEADERS = (headers.DEVICE, headers.TIMESTAMP, headers.NONCE, headers.SIGNATURE, headers.PROTOCOL)
_PURGE_ONE_IN = 200


@dataclass(frozen=True, slots=True)
class AuthContext:
    """The device a request came from and its institution (every query is scoped by it)."""

    device: Device
    institution: Institution
    protocol: int

    @property
    def device_id(self) -> str:
        return self.device.device_id  # type: ignore[return-value]


def check_protocol_header(value: str | None) -> int:
    """The protocol version a device speaks; PROTOCOL_UNSUPPORTED_VERSION if this server does not."""
    try:
        version = int(value or "")
    except ValueError:
        version = -1
    if version not in SUPPORTED_VERSIONS:
        supported = sorted(SUPPORTED_VERSIONS)
        raise TamboError(
            errors.PROTOCOL_UNSUPPORTED_VERSION,
            params={"version": value, "supported": ", ".join(map(str, supported))},
            details={"version": value, "supported": supported},
        )
    return version


def authenticate(
    server: Server,
    *,
    method: str,
    path_with_query: str,
    request_headers: Mapping[str, str],
    body_sha256_hex: str,
    now: datetime | None = None,
) -> AuthContext:
    """Check a device request; return who sent it or raise the TamboError the device should see."""
    now = now or datetime.now(UTC)
    missing = [name for name in REQUIRED_HEADERS if not request_headers.get(name)]
    if missing:
        raise TamboError(errors.AUTH_MISSING, details={"missing": missing})
    protocol = check_protocol_header(request_headers[headers.PROTOCOL])
    device_id = request_headers[headers.DEVICE]
    timestamp_text = request_headers[headers.TIMESTAMP]
    nonce = request_headers[headers.NONCE]
    if not timestamp_text.isdigit() or len(timestamp_text) > 12:
        raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": f"bad {headers.TIMESTAMP} header"})
    if not NONCE_PATTERN.match(nonce):
        raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": f"bad {headers.NONCE} header"})

    with server.db.read() as conn:
        device = device_by_device_id(conn, device_id)
        if device is None or device.public_key is None:
            raise TamboError(errors.DEVICE_UNKNOWN, details={"device_id": device_id})
        institution = require_institution(conn, device.institution_id)
    signed = headers.request_signing_bytes(method, path_with_query, timestamp_text, nonce, body_sha256_hex)
    try:
        verify(ed25519_public_from_text(device.public_key), b64d(request_headers[headers.SIGNATURE]), signed)
    except CryptoError:
        raise TamboError(errors.AUTH_BAD_SIGNATURE) from None
    if device.status == REVOKED:  # said only to the holder of the key: nobody else learns it
        raise TamboError(errors.DEVICE_REVOKED, details={"device_id": device_id})
    skew = int(timestamp_text) - int(now.timestamp())
    window = server.settings.clock_skew_seconds
    if abs(skew) > window:
        raise TamboError(
            errors.AUTH_CLOCK_SKEW,
            params={"skew_seconds": skew},
            details={
                "server_time": now.isoformat(),
                "server_timestamp": int(now.timestamp()),
                "skew_seconds": skew,
                "allowed_seconds": window,
            },
        )
    with server.db.write() as conn:
        if not remember_nonce(conn, device_id, nonce, int(timestamp_text) + window + 1):
            raise TamboError(errors.AUTH_REPLAY)
        if random.randrange(_PURGE_ONE_IN) == 0:
            purge_nonces(conn, int(now.timestamp()))
    return AuthContext(device, institution, protocol)
