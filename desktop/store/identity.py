"""Who this device is: its Ed25519 key (made at first use) and its provisioning with an institution.

The private key lives only inside the encrypted database. Provisioning comes from an
:class:`~shared.protocol.EnrollmentTicket` (offline: a file from ``tambo-server device add``): the
institution's id, name and X25519 key, and the tracking prefix the server reserved for this device.
From then on the device can seal and number submissions with no network at all. The ticket's server URL
and one-time code are kept so the sync engine can register the device's public key on first contact;
until then the identity is "provisioned, not yet registered".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from desktop.store import audit
from desktop.store.sqlcipher import Database
from shared import errors
from shared.crypto import (
    CryptoError,
    b64e,
    device_id_for,
    ed25519_private_from_bytes,
    generate_device_keypair,
    key_id,
    private_key_to_bytes,
    public_key_to_text,
    x25519_public_from_text,
)
from shared.errors import TamboError
from shared.protocol import EnrollmentTicket
from shared.tracking import make_tracking_code


@dataclass(frozen=True)
class Identity:
    device_key: Ed25519PrivateKey
    device_id: str
    created_at: str
    institution_id: str | None = None
    institution_name: str | None = None
    institution_public: X25519PublicKey | None = None
    institution_key_id: str | None = None
    device_prefix: str | None = None
    device_name: str | None = None
    server_url: str | None = None
    enrollment_code: str | None = None
    enrollment_expires_at: str | None = None
    provisioned_at: str | None = None
    registered_at: str | None = None

    @property
    def device_public_key(self) -> str:
        return public_key_to_text(self.device_key.public_key())

    @property
    def provisioned(self) -> bool:
        return self.institution_public is not None and bool(self.device_prefix)

    @property
    def registered(self) -> bool:
        return self.registered_at is not None

    def require_provisioned(self) -> Identity:
        if not self.provisioned:
            raise TamboError(errors.DEVICE_NOT_PROVISIONED)
        return self


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def ensure_identity(db: Database) -> bool:
    """Make the device key pair at first use (inside the caller's transaction); True if made now."""
    if db.execute("SELECT 1 FROM identity WHERE id = 1").fetchone():
        return False
    key = generate_device_keypair()
    device_id = device_id_for(key.public_key())
    db.execute(
        "INSERT INTO identity (id, device_private_key, device_public_key, device_id, created_at) "
        "VALUES (1, ?, ?, ?, ?)",
        [private_key_to_bytes(key), public_key_to_text(key.public_key()), device_id, _now()],
    )
    audit.append(db, "device.key_created", device_id, {"public_key": public_key_to_text(key.public_key())})
    return True


_COLUMNS = (
    "device_private_key, device_id, created_at, institution_id, institution_name, institution_public_key, "
    "institution_key_id, device_prefix, device_name, server_url, enrollment_code, enrollment_expires_at, "
    "provisioned_at, registered_at"
)


def load_identity(db: Database) -> Identity:
    row = db.execute(f"SELECT {_COLUMNS} FROM identity WHERE id = 1").fetchone()
    if row is None:
        raise TamboError(errors.STORE_DAMAGED, params={"problem": "falta la identidad del equipo"})
    private, device_id, created_at, institution_id, institution_name, public_text, *rest = row
    return Identity(
        ed25519_private_from_bytes(private),
        device_id,
        created_at,
        institution_id,
        institution_name,
        x25519_public_from_text(public_text) if public_text else None,
        *rest,
    )


def _invalid(problem: str) -> TamboError:
    return TamboError(errors.ENROLLMENT_TICKET_INVALID, params={"problem": problem})


def check_ticket(ticket: EnrollmentTicket, now: datetime | None = None) -> X25519PublicKey:
    """The institution key of a usable ticket; a clear error for a damaged, odd or expired one."""
    try:
        public = x25519_public_from_text(ticket.institution_public_key)
    except CryptoError:
        raise _invalid("la clave pública de la institución no es válida") from None
    kid = key_id(public)
    if ticket.institution_key_id not in (kid.hex(), b64e(kid)):
        raise _invalid("la huella de la clave de la institución no corresponde a la clave")
    try:
        make_tracking_code(ticket.device_prefix, 1)
    except ValueError:
        raise _invalid(f"el prefijo «{ticket.device_prefix}» no es un prefijo de códigos válido") from None
    if ticket.expires_at <= (now or datetime.now(UTC)):
        raise TamboError(errors.ENROLLMENT_CODE_EXPIRED)
    return public


def provision(db: Database, ticket: EnrollmentTicket) -> bool:
    """Provision the device from ``ticket`` (inside the caller's transaction); True if it changed.

    The same institution and prefix again (a ticket re-issued before the first sync) only refreshes the
    server URL and one-time code; another institution or prefix is refused, because codes already
    issued and envelopes already sealed belong to the first one.
    """
    check_ticket(ticket)
    current = load_identity(db)
    if current.provisioned and (current.institution_id, current.device_prefix) != (
        ticket.institution_id,
        ticket.device_prefix,
    ):
        raise TamboError(
            errors.ENROLLMENT_OTHER_INSTITUTION,
            params={"institution": current.institution_name, "prefix": current.device_prefix},
        )
    if current.provisioned and current.institution_public is not None:
        if public_key_to_text(current.institution_public) != ticket.institution_public_key:
            raise _invalid("la clave de la institución no coincide con la del registro anterior")
        if current.registered:
            return False
    db.execute(
        "UPDATE identity SET institution_id = ?, institution_name = ?, institution_public_key = ?, "
        "institution_key_id = ?, device_prefix = ?, device_name = ?, server_url = ?, enrollment_code = ?, "
        "enrollment_expires_at = ?, provisioned_at = coalesce(provisioned_at, ?) WHERE id = 1",
        [
            ticket.institution_id,
            ticket.institution_name,
            ticket.institution_public_key,
            ticket.institution_key_id,
            ticket.device_prefix,
            ticket.device_name,
            ticket.server_url,
            ticket.code,
            ticket.expires_at.isoformat(),
            _now(),
        ],
    )
    audit.append(
        db,
        "device.provisioned",
        current.device_id,
        {
            "institution_id": ticket.institution_id,
            "device_prefix": ticket.device_prefix,
            "institution_key_id": ticket.institution_key_id,
            "server_url": ticket.server_url,
        },
    )
    return True


def pending_registration(db: Database) -> dict[str, str] | None:
    """What the sync engine sends to register this device (EnrollRequest), or None when done/not due."""
    identity = load_identity(db)
    if not identity.provisioned or identity.registered or not identity.enrollment_code:
        return None
    return {
        "server_url": identity.server_url or "",
        "code": identity.enrollment_code,
        "device_public_key": identity.device_public_key,
        "device_name": identity.device_name or "",
    }


def mark_registered(db: Database, device_id: str, institution_id: str, device_prefix: str) -> None:
    """Record the server's EnrollResponse (inside the caller's transaction); it must match the ticket."""
    identity = load_identity(db)
    if (device_id, institution_id, device_prefix) != (
        identity.device_id,
        identity.institution_id,
        identity.device_prefix,
    ):
        raise _invalid("la respuesta del servidor no corresponde a este equipo")
    db.execute("UPDATE identity SET registered_at = ?, enrollment_code = NULL WHERE id = 1", [_now()])
    audit.append(db, "device.registered", device_id, {"institution_id": institution_id})
