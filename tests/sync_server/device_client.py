"""A small device for tests: it signs requests exactly like the desktop's sync engine will, and seals
submissions with the shared code, so the server is exercised through its real HTTP interface."""

from __future__ import annotations

import gzip as gzip_module
import hashlib
import json
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.crypto import (
    b64e,
    device_id_for,
    generate_device_keypair,
    public_key_to_text,
    sha256_hex,
    sign,
    x25519_public_from_text,
)
from shared.forms import demo_catalog_dir, load_service
from shared.ids import new_ulid
from shared.protocol import (
    PROTOCOL_VERSION,
    AttachmentCreate,
    EnrollmentTicket,
    EnrollRequest,
    Envelope,
    PushRequest,
    encode,
    headers,
)
from shared.submission import (
    AttachmentMeta,
    SealedSubmission,
    SubmissionPayload,
    seal_attachment,
    seal_submission,
)
from shared.tracking import make_tracking_code
from sync_server.context import Server
from sync_server.ops.enrollment import issue_device

SERVICE_ID = "solicitud-general"


def valid_answers(**overrides: Any) -> dict[str, Any]:
    """Answers to the demo "solicitud general" that pass validation."""
    office = load_service(demo_catalog_dir() / f"{SERVICE_ID}.json").form.field("oficina_destino").choices[0]
    answers = {
        "tipo_documento": "dni",
        "dni": "12345678",
        "nombres": "Rosa",
        "apellidos": "Mamani Quispe",
        "domicilio": "Jr. Lima 123",
        "distrito": "210501",
        "celular": "987654321",
        "oficina_destino": office.value,
        "asunto": "Pedido de constancia",
        "pedido": "Solicito una constancia de mi trámite anterior. " * 8,
    }
    answers.update(overrides)
    return answers


@dataclass
class DeviceClient:
    """One enrolled device talking to a live server."""

    base_url: str
    key: Ed25519PrivateKey
    institution_id: str
    institution_public_key: str
    prefix: str
    session: requests.Session = field(default_factory=requests.Session)
    clock_offset: int = 0
    serial: int = 0
    device_seq: int = 0

    @property
    def device_id(self) -> str:
        return device_id_for(self.key.public_key())

    # --- signed HTTP ------------------------------------------------------------------------------

    def signed_headers(
        self,
        method: str,
        path: str,
        body_sha256_hex: str,
        *,
        timestamp: int | None = None,
        nonce: str | None = None,
        protocol: str = str(PROTOCOL_VERSION),
    ) -> dict[str, str]:
        timestamp = int(time.time()) + self.clock_offset if timestamp is None else timestamp
        nonce = nonce or b64e(secrets.token_bytes(18))
        text = headers.request_signing_bytes(method, path, str(timestamp), nonce, body_sha256_hex)
        return {
            headers.DEVICE: self.device_id,
            headers.TIMESTAMP: str(timestamp),
            headers.NONCE: nonce,
            headers.SIGNATURE: b64e(sign(self.key, text)),
            headers.PROTOCOL: protocol,
        }

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        content_type: str | None = "application/json",
        extra_headers: Mapping[str, str] | None = None,
        gzip: bool = False,
        **sign_options: Any,
    ) -> requests.Response:
        if gzip:
            body = gzip_module.compress(body)
        sent_headers = self.signed_headers(method, f"/api/v1{path}", sha256_hex(body), **sign_options)
        if body and content_type:
            sent_headers["Content-Type"] = content_type
        if gzip:
            sent_headers["Content-Encoding"] = "gzip"
        sent_headers.update(extra_headers or {})
        return self.session.request(
            method, f"{self.base_url}/api/v1{path}", data=body, headers=sent_headers, timeout=60
        )

    def post_message(self, path: str, message: Any, **options: Any) -> requests.Response:
        return self.request("POST", path, encode(message), **options)

    # --- protocol operations ----------------------------------------------------------------------

    def push(self, envelopes: Sequence[Envelope], **options: Any) -> requests.Response:
        return self.post_message("/push", PushRequest(items=list(envelopes)), **options)

    def pull(self, cursor: str | None = None, limit: int = 200) -> requests.Response:
        body = {"v": 1, "limit": limit} | ({"cursor": cursor} if cursor else {})
        return self.request("POST", "/pull", _json(body))

    def pull_all(self) -> tuple[list[dict[str, Any]], str | None]:
        changes: list[dict[str, Any]] = []
        cursor = None
        while True:
            page = self.pull(cursor).json()
            changes += page["changes"]
            cursor = page["cursor"]
            if not page["has_more"]:
                return changes, cursor

    def announce(self, blob: bytes, media_type: str = "application/pdf") -> requests.Response:
        message = AttachmentCreate(sha256=sha256_hex(blob), size=len(blob), media_type=media_type)
        return self.post_message("/attachments", message)

    def upload_offset(self, sha256: str) -> requests.Response:
        return self.request("HEAD", f"/attachments/{sha256}")

    def append(
        self, sha256: str, offset: int, chunk: bytes, *, checksum_of: bytes | None = None
    ) -> requests.Response:
        """PATCH a chunk; ``checksum_of`` sends the checksum of other bytes (a damaged chunk)."""
        digest = hashlib.sha256(chunk if checksum_of is None else checksum_of).digest()
        sent = self.signed_headers("PATCH", f"/api/v1/attachments/{sha256}", digest.hex())
        sent.update(
            {
                "Content-Type": "application/offset+octet-stream",
                headers.UPLOAD_OFFSET: str(offset),
                headers.UPLOAD_CHECKSUM: headers.upload_checksum(
                    chunk if checksum_of is None else checksum_of
                ),
            }
        )
        return self.session.patch(
            f"{self.base_url}/api/v1/attachments/{sha256}", data=chunk, headers=sent, timeout=120
        )

    def upload(self, blob: bytes, chunk_size: int = 64 * 1024, media_type: str = "application/pdf") -> None:
        status = self.announce(blob, media_type).json()
        offset = status["offset"]
        while not status["complete"] and offset < len(blob):
            response = self.append(status["sha256"], offset, blob[offset : offset + chunk_size])
            assert response.status_code == 204, response.text
            offset = int(response.headers[headers.UPLOAD_OFFSET])
            status["complete"] = offset == len(blob)

    # --- sealing ----------------------------------------------------------------------------------

    def seal(
        self,
        answers: Mapping[str, Any] | None = None,
        *,
        files: Sequence[tuple[bytes, str, str]] = (),
        service_id: str = SERVICE_ID,
        form_version: int = 1,
        filed_at: datetime | None = None,
        institution_id: str | None = None,
        tracking_code: str | None = None,
        declare_in_answers: bool = True,
    ) -> SealedSubmission:
        """A submission as the desktop would save it; ``files`` are (bytes, media type, name)."""
        submission_id = new_ulid()
        recipient = x25519_public_from_text(self.institution_public_key)
        metas, blobs = [], {}
        for data, media_type, name in files:
            plain_sha, blob = seal_attachment(data, submission_id, recipient)
            metas.append(
                AttachmentMeta(
                    "adjuntos", plain_sha, len(data), media_type, name, sha256_hex(blob), len(blob)
                )
            )
            blobs[sha256_hex(blob)] = blob
        answers = dict(answers if answers is not None else valid_answers())
        if metas and declare_in_answers:
            answers["adjuntos"] = [
                {"sha256": m.sha256, "size": m.size, "media_type": m.media_type, "name": m.name}
                for m in metas
            ]
        self.serial += 1
        self.device_seq += 1
        payload = SubmissionPayload(
            submission_id=submission_id,
            service_id=service_id,
            form_version=form_version,
            tracking_code=tracking_code or make_tracking_code(self.prefix, self.serial),
            filed_at=filed_at or datetime.now(UTC),
            answers=answers,
            attachments=tuple(metas),
            pages=2,
            received_by="Ana (mesa de partes)",
        )
        return seal_submission(
            payload,
            institution_id=institution_id or self.institution_id,
            institution_public=recipient,
            device_key=self.key,
            device_seq=self.device_seq,
            sealed_attachments=blobs,
        )


def _json(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body).encode("utf-8")


def enroll(base_url: str, code: str, name: str, key: Ed25519PrivateKey | None = None) -> requests.Response:
    """The real ``POST /enroll`` for a (fresh) key, as the desktop sends it."""
    key = key or generate_device_keypair()
    request = EnrollRequest(
        code=code,
        device_public_key=public_key_to_text(key.public_key()),
        device_name=name,
        app_version="0.1.0",
        platform="linux",
    )
    return requests.post(
        f"{base_url}/api/v1/enroll",
        data=encode(request),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )


def _enrolled(base_url: str, code: str, name: str) -> DeviceClient:
    key = generate_device_keypair()
    response = enroll(base_url, code, name, key)
    assert response.status_code == 200, response.text
    body = response.json()
    return DeviceClient(
        base_url, key, body["institution_id"], body["institution_public_key"], body["device_prefix"]
    )


def enroll_new_device(base_url: str, server: Server, institution_id: str, name: str) -> DeviceClient:
    """``device add`` (through the ops layer), then the real ``POST /enroll`` with a fresh key."""
    return _enrolled(base_url, issue_device(server, institution_id, name, actor="test").code, name)


def enroll_with_ticket(base_url: str, ticket_path: Path) -> DeviceClient:
    """Enroll a fresh key with the code of an enrollment ticket file (as ``tambo enroll --ticket``)."""
    ticket = EnrollmentTicket.model_validate_json(ticket_path.read_bytes())
    return _enrolled(base_url, ticket.code, ticket.device_name)
