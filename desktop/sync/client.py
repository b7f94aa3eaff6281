"""The device's HTTP client for the sync server: signed requests, compression, errors by kind.

Every request except ``/ping`` and ``/enroll`` is signed with the device's Ed25519 key over
:func:`shared.protocol.headers.request_signing_bytes` (method, path with query, timestamp, nonce and
the SHA-256 of the body exactly as sent, so a gzip body is signed compressed). The timestamp is the
device clock corrected by ``clock_offset``: clocks in the field are often hours off, so the offset is
learnt from ``/ping`` (the server's time) and from an ``auth.clock_skew`` refusal (which carries the
server's timestamp), and the refused request is signed again at once.

Failures come out as :class:`~desktop.sync.errors.TransientError` (network, 5xx, busy: retry later,
maybe after ``Retry-After``) or :class:`~desktop.sync.errors.ServerRefusal` (a stable 4xx code), never
as a ``requests`` exception. The client keeps counters of what it put on the wire (:class:`WireStats`),
which the engine reports and the benchmark uses for retransmitted bytes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from desktop.bundles.files import unreadable
from desktop.sync.errors import (
    RETRYABLE_CODES,
    ServerRefusal,
    TransientError,
    bad_response,
    offline,
    parse_retry_after,
)
from shared import errors
from shared.crypto import b64e, device_id_for, sha256_hex, sign
from shared.errors import TamboError
from shared.protocol import (
    PROTOCOL_VERSION,
    AttachmentCreate,
    AttachmentStatus,
    EnrollRequest,
    EnrollResponse,
    HealthRequest,
    HealthResponse,
    ProtocolError,
    PullResponse,
    PushResponse,
    decode,
    encode,
    headers,
)

M = TypeVar("M", bound=BaseModel)

API_PREFIX = "/api/v1"
JSON_TYPE = "application/json"
CHUNK_TYPE = "application/offset+octet-stream"
#: Bodies at least this big are sent gzip-compressed (the server accepts ``Content-Encoding: gzip``).
COMPRESS_MIN_BYTES = 1024
GZIP_LEVEL = 6
#: (connect, read) seconds. A read timeout counts between bytes, so a slow but moving link is fine.
DEFAULT_TIMEOUT = (10.0, 60.0)
#: An offset learnt from the server is applied only beyond this; smaller skews are inside its window.
MIN_OFFSET_SECONDS = 30.0


def normalise_server_url(url: str) -> str:
    """``https://host[:port][/prefix]`` without a trailing slash or ``/api/v1``; SYNC_SERVER_URL_INVALID
    with what is wrong otherwise."""
    text = (url or "").strip()
    if not text:
        raise TamboError(errors.SYNC_SERVER_URL_INVALID, params={"problem": "está vacía"})
    if "://" not in text:
        text = "http://" + text if text.startswith(("127.", "localhost")) else "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise TamboError(
            errors.SYNC_SERVER_URL_INVALID, params={"problem": f"el protocolo «{parts.scheme}» no sirve"}
        )
    if not parts.hostname:
        raise TamboError(errors.SYNC_SERVER_URL_INVALID, params={"problem": "falta el nombre del servidor"})
    if parts.query or parts.fragment:
        raise TamboError(errors.SYNC_SERVER_URL_INVALID, params={"problem": "no debe llevar «?» ni «#»"})
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise TamboError(
            errors.SYNC_SERVER_URL_INVALID, params={"problem": "el puerto no es válido"}
        ) from None
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return f"{parts.scheme}://{parts.netloc}{path}"


@dataclass
class WireStats:
    """What this client put on the wire and got back (bodies exact, headers estimated).

    ``by_route`` counts, per route ("push", "attachments", "pull"...): requests, request body bytes,
    the body bytes of requests that got no 2xx answer (cut, lost, refused: sent in vain), and the
    seconds spent waiting for answers (the network and the server, not the device).
    """

    requests: int = 0
    failed_requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    body_bytes_up: int = 0
    by_route: dict[str, list[float]] = field(default_factory=dict)  # [requests, body, failed, seconds]
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, route: str, up: int, down: int, body_up: int, failed: bool, seconds: float = 0.0) -> None:
        with self._lock:
            self.requests += 1
            self.failed_requests += int(failed)
            self.bytes_up += up
            self.bytes_down += down
            self.body_bytes_up += body_up
            counters = self.by_route.setdefault(route, [0, 0, 0, 0.0])
            counters[0] += 1
            counters[1] += body_up
            counters[2] += body_up if failed else 0
            counters[3] += seconds

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            return {
                "requests": self.requests,
                "failed_requests": self.failed_requests,
                "bytes_up": self.bytes_up,
                "bytes_down": self.bytes_down,
                "body_bytes_up": self.body_bytes_up,
                "by_route": {route: list(values) for route, values in self.by_route.items()},
            }


@dataclass(frozen=True, slots=True)
class UploadProgress:
    offset: int
    complete: bool


def _body_size(body: bytes | Path) -> int:
    if not isinstance(body, Path):
        return len(body)
    try:
        return body.stat().st_size
    except OSError as exc:
        raise unreadable(body, exc) from None


@contextmanager
def _opened(body: bytes | Path) -> Iterator[bytes | BinaryIO]:
    """The body as requests takes it: bytes as they are, a file opened for streaming (requests sends it
    in blocks with its Content-Length)."""
    if not isinstance(body, Path):
        yield body
        return
    with body.open("rb") as stream:
        yield stream


def _header_bytes(items: Mapping[str, str]) -> int:
    return sum(len(k) + len(v) + 4 for k, v in items.items()) + 2


class ServerClient:
    """One server, one device key, one keep-alive HTTP session. Safe to use from one thread at a time."""

    def __init__(
        self,
        base_url: str,
        device_key: Ed25519PrivateKey | None = None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
        user_agent: str = "tambo-desktop",
    ) -> None:
        self.base_url = normalise_server_url(base_url)
        self.path_prefix = urlsplit(self.base_url).path + API_PREFIX
        self.device_key = device_key
        self.device_id = device_id_for(device_key.public_key()) if device_key else None
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.clock = clock
        #: server time minus device time, in seconds, applied to signed timestamps
        self.clock_offset = 0.0
        self.wire = WireStats()
        #: the size of the last request body as sent (compressed): what it cost the link
        self.last_body_bytes = 0

    def close(self) -> None:
        self.session.close()

    # --- clock --------------------------------------------------------------------------------------
    def now(self) -> float:
        return self.clock() + self.clock_offset

    def learn_server_time(self, server_timestamp: float, sent_at: float | None = None) -> None:
        """Adopt the server's clock when the device's is off by more than a little."""
        local = self.clock() if sent_at is None else sent_at
        offset = server_timestamp - local
        self.clock_offset = offset if abs(offset) > MIN_OFFSET_SECONDS else 0.0

    # --- sending ------------------------------------------------------------------------------------
    def _signed_headers(self, method: str, signed_path: str, body_sha256_hex: str) -> dict[str, str]:
        if self.device_key is None or self.device_id is None:
            raise RuntimeError("a signed request needs the device key")
        timestamp = str(int(self.now()))
        nonce = b64e(secrets.token_bytes(18))
        text = headers.request_signing_bytes(method, signed_path, timestamp, nonce, body_sha256_hex)
        return {
            headers.DEVICE: self.device_id,
            headers.TIMESTAMP: timestamp,
            headers.NONCE: nonce,
            headers.SIGNATURE: b64e(sign(self.device_key, text)),
            headers.PROTOCOL: str(PROTOCOL_VERSION),
        }

    def request(
        self,
        method: str,
        path: str,
        body: bytes | Path = b"",
        *,
        content_type: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        signed: bool = True,
        body_sha256_hex: str | None = None,
        compress: bool = False,
    ) -> requests.Response:
        """Send one request; the response when it is 2xx, else the error of its kind.

        A request refused for the clock (``auth.clock_skew``) or a reused nonce is signed again and
        sent once more at once; everything else is the caller's to retry. A ``Path`` body (a bundle of
        up to hundreds of MB) is streamed from the file, never held in memory; its ``body_sha256_hex``
        must be given.
        """
        sent_headers: dict[str, str] = {}
        if isinstance(body, Path):
            if body_sha256_hex is None:
                raise ValueError("a file body needs its SHA-256")
        elif compress and len(body) >= COMPRESS_MIN_BYTES:
            body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            sent_headers["Content-Encoding"] = "gzip"
        self.last_body_bytes = _body_size(body)
        if self.last_body_bytes and content_type:
            sent_headers["Content-Type"] = content_type
        sent_headers.update(extra_headers or {})
        digest = body_sha256_hex or sha256_hex(body)  # type: ignore[arg-type]
        for attempt in range(3):
            all_headers = dict(sent_headers)
            if signed:
                all_headers.update(self._signed_headers(method, self.path_prefix + path, digest))
            response = self._send(method, path, body, all_headers)
            if response.ok:
                return response
            error = self._error(response)
            if attempt < 2 and self._retry_at_once(error):
                continue
            raise error
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(
        self, method: str, path: str, body: bytes | Path, sent_headers: dict[str, str]
    ) -> requests.Response:
        url = self.base_url + API_PREFIX + path
        route = path.strip("/").split("/", 1)[0]
        size = _body_size(body)
        up = len(method) + len(path) + len(API_PREFIX) + 12 + _header_bytes(sent_headers) + size + 120
        started = time.perf_counter()
        try:
            with _opened(body) as data:
                response = self.session.request(
                    method, url, data=data, headers=sent_headers, timeout=self.timeout
                )
        except requests.Timeout as exc:
            self.wire.count(route, up, 0, size, True, time.perf_counter() - started)
            raise offline(f"tiempo de espera agotado: {type(exc).__name__}") from None
        except requests.RequestException as exc:
            self.wire.count(route, up, 0, size, True, time.perf_counter() - started)
            raise offline(_network_problem(exc)) from None
        except OSError as exc:  # the file body (requests' own errors are OSErrors too: caught above)
            raise unreadable(body, exc) from None
        down = 17 + _header_bytes(response.headers) + len(response.content)
        self.wire.count(route, up, down, size, not response.ok, time.perf_counter() - started)
        return response

    def _retry_at_once(self, error: TamboError) -> bool:
        if isinstance(error, ServerRefusal) and error.code == errors.AUTH_CLOCK_SKEW:
            server_timestamp = error.details.get("server_timestamp")
            if isinstance(server_timestamp, int | float):
                self.clock_offset = float(server_timestamp) - self.clock()
                return True
        return isinstance(error, TransientError) and error.code == errors.AUTH_REPLAY

    @staticmethod
    def _error(response: requests.Response) -> TamboError:
        """The error a non-2xx answer stands for."""
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        body: dict[str, Any] = {}
        try:
            parsed = response.json()
            if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
                body = parsed["error"]
        except ValueError:
            pass
        code = body.get("code") if isinstance(body.get("code"), str) else None
        details = body.get("details") if isinstance(body.get("details"), dict) else {}
        if status >= 500 or status in (408, 429):
            if code is None:
                code = errors.SERVER_UNAVAILABLE if status in (502, 503, 504) else errors.SERVER_INTERNAL
            return TransientError(code, params=dict(details), details=dict(details), retry_after=retry_after)
        if code is None:
            return bad_response(f"HTTP {status}")
        if code in RETRYABLE_CODES:
            return TransientError(code, params=dict(details), details=dict(details), retry_after=retry_after)
        return ServerRefusal(
            code,
            params=dict(details),
            details=dict(details),
            server_message=str(body.get("message") or ""),
            http_status_received=status,
        )

    def _message(self, model: type[M], response: requests.Response) -> M:
        try:
            return decode(model, response.content)
        except ProtocolError as exc:
            raise bad_response(exc.message()) from None

    def _post_message(self, path: str, message: BaseModel, *, signed: bool = True) -> requests.Response:
        return self.request(
            "POST", path, encode(message), content_type=JSON_TYPE, signed=signed, compress=signed
        )

    # --- the protocol -------------------------------------------------------------------------------
    def ping(self) -> dict[str, Any]:
        """The cheap probe: no database, no signature. Learns the server's clock on the way."""
        sent_at = self.clock()
        response = self.request("GET", "/ping", signed=False)
        try:
            body = response.json()
            server_time = datetime.fromisoformat(body["server_time"])
        except (ValueError, KeyError, TypeError):
            raise bad_response("respuesta de /ping ilegible") from None
        if PROTOCOL_VERSION not in body.get("supported", [PROTOCOL_VERSION]):
            raise TamboError(
                errors.PROTOCOL_UNSUPPORTED_VERSION,
                params={"version": PROTOCOL_VERSION, "supported": body.get("supported")},
            )
        self.learn_server_time(server_time.timestamp(), sent_at)
        return body

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        response = self._post_message("/enroll", request, signed=False)
        answer = self._message(EnrollResponse, response)
        self.learn_server_time(answer.server_time.timestamp())
        return answer

    def push_raw(self, envelopes_json: list[bytes]) -> PushResponse:
        """Push envelopes already serialised (as stored): ``{"v":1,"items":[...]}`` built without
        parsing them again. The answer must name every item, in order."""
        body = b'{"v":%d,"items":[' % PROTOCOL_VERSION + b",".join(envelopes_json) + b"]}"
        response = self.request("POST", "/push", body, content_type=JSON_TYPE, compress=True)
        answer = self._message(PushResponse, response)
        if len(answer.results) != len(envelopes_json):
            raise bad_response(f"{len(answer.results)} resultados para {len(envelopes_json)} envíos")
        return answer

    def pull(self, cursor: str | None, limit: int) -> PullResponse:
        body = {"v": PROTOCOL_VERSION, "limit": limit} | ({"cursor": cursor} if cursor else {})
        data = json.dumps(body, separators=(",", ":")).encode()
        response = self.request("POST", "/pull", data, content_type=JSON_TYPE)
        return self._message(PullResponse, response)

    def health(self, request: HealthRequest) -> HealthResponse:
        return self._message(HealthResponse, self._post_message("/health", request))

    def announce(self, sha256: str, size: int, media_type: str) -> AttachmentStatus:
        message = AttachmentCreate(sha256=sha256, size=size, media_type=media_type)
        return self._message(AttachmentStatus, self._post_message("/attachments", message))

    def upload_offset(self, sha256: str) -> int:
        response = self.request("HEAD", f"/attachments/{sha256}")
        return _offset_of(response)

    def append(self, sha256: str, offset: int, chunk: bytes) -> UploadProgress:
        """PATCH one chunk at ``offset``; the signature covers the chunk's hash (``Upload-Checksum``)."""
        digest = hashlib.sha256(chunk).digest()
        response = self.request(
            "PATCH",
            f"/attachments/{sha256}",
            chunk,
            content_type=CHUNK_TYPE,
            extra_headers={
                headers.UPLOAD_OFFSET: str(offset),
                headers.UPLOAD_CHECKSUM: "sha256 " + base64.b64encode(digest).decode("ascii"),
            },
            body_sha256_hex=digest.hex(),
        )
        return UploadProgress(_offset_of(response), response.headers.get("Upload-Complete") == "?1")


def _offset_of(response: requests.Response) -> int:
    value = response.headers.get(headers.UPLOAD_OFFSET, "")
    if not value.isdigit():
        raise bad_response(f"falta {headers.UPLOAD_OFFSET}")
    return int(value)


def _network_problem(exc: requests.RequestException) -> str:
    """A short Spanish phrase for what the network did (shown in the indicator's tooltip)."""
    text = str(exc)
    if "Connection refused" in text or "ConnectionRefused" in text:
        return "el servidor no acepta conexiones"
    if "Name or service not known" in text or "NameResolution" in text or "getaddrinfo" in text:
        return "no se encuentra el servidor"
    if "reset" in text.lower() or "aborted" in text.lower() or "RemoteDisconnected" in text:
        return "la conexión se cortó"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "la respuesta llegó cortada"
    return "no hay red"
