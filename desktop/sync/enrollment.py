"""Enrolling this device with a server: with a one-time code, or finishing a ticket's registration.

``tambo enroll --server URL --code CODE`` (and the settings screen) sends the device's public key with
the code from ``tambo-server device add``; the answer (institution, its X25519 key, the reserved
tracking prefix) provisions the device and marks it registered in one local transaction. A device
provisioned offline from a ticket registers the same way on its first sync
(:func:`register_pending`). The server answers a repeated request from the same key with the same
answer, so a reply lost on the way is simply asked for again.
"""

from __future__ import annotations

import platform
import socket
import sys
from datetime import UTC, datetime, timedelta

from desktop import __version__
from desktop.ops.backend import LocalBackend
from desktop.store import Store, identity
from desktop.sync.client import ServerClient, normalise_server_url
from shared import errors
from shared.errors import TamboError
from shared.protocol import EnrollmentTicket, EnrollRequest, EnrollResponse


def default_device_name() -> str:
    return (socket.gethostname() or platform.node() or "Equipo Tambo")[:200]


def _request(device: identity.Identity, code: str, name: str) -> EnrollRequest:
    return EnrollRequest(
        code=code.strip()[:200] or "-",
        device_public_key=device.device_public_key,
        device_name=name[:200] or "Equipo Tambo",
        app_version=__version__,
        platform=(sys.platform or "desconocida")[:200],
    )


def _check_answer(device: identity.Identity, answer: EnrollResponse) -> None:
    if answer.device_id != device.device_id:
        raise TamboError(
            errors.ENROLLMENT_TICKET_INVALID,
            params={"problem": "la respuesta del servidor no corresponde a este equipo"},
        )


def enroll_with_code(
    backend: LocalBackend,
    server_url: str,
    code: str,
    *,
    device_name: str | None = None,
    client: ServerClient | None = None,
) -> EnrollResponse:
    """Register this device with ``code`` at ``server_url``; provisioned and registered on return."""
    url = normalise_server_url(server_url)
    device = backend.store.read(identity.load_identity)
    client = client or ServerClient(url)
    try:
        answer = client.enroll(_request(device, code, device_name or default_device_name()))
    finally:
        client.close()
    _check_answer(device, answer)
    ticket = EnrollmentTicket(
        server_url=url,
        code=code.strip() or "-",
        device_name=device_name or device.device_name or default_device_name(),
        device_prefix=answer.device_prefix,
        institution_id=answer.institution_id,
        institution_name=answer.institution_name,
        institution_public_key=answer.institution_public_key,
        institution_key_id=answer.institution_key_id,
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    backend.enroll(ticket)  # provisions (same checks as a ticket) and adds the recovery slot
    backend.store.write(
        lambda db: identity.mark_registered(db, answer.device_id, answer.institution_id, answer.device_prefix)
    )
    return answer


def register_pending(store: Store, client: ServerClient) -> bool:
    """Send a ticket-provisioned device's code with its key (first contact); True if it registered now."""
    due = store.read(identity.pending_registration)
    if due is None:
        return False
    device = store.read(identity.load_identity)
    answer = client.enroll(_request(device, due["code"], due["device_name"] or default_device_name()))
    _check_answer(device, answer)
    store.write(
        lambda db: identity.mark_registered(db, answer.device_id, answer.institution_id, answer.device_prefix)
    )
    return True
