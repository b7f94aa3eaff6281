"""Helpers for the store, ops and CLI tests: an institution key pair, enrollment tickets, a provisioned
backend on a temporary ``TAMBO_HOME``, and an in-memory OS keystore. (No tests here.)

Tests make their own institution, as the server would (``tambo-server device add``), so nothing here
needs a server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from desktop.ops.api import AttachmentInput, NewSubmission, SubmissionDetail
from desktop.ops.backend import LocalBackend
from shared.crypto import (
    KdfParams,
    b64e,
    generate_institution_keypair,
    key_id,
    private_key_to_bytes,
    public_key_to_text,
)
from shared.protocol import EnrollmentTicket, encode

PASSPHRASE = "clave-de-prueba-123"
#: Argon2id at its cheapest: the tests exercise the slots, not the KDF's cost.
CHEAP_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
VALID_DNI = "45781236"


class MemoryKeyring(KeyringBackend):
    """An OS keystore in memory, set explicitly with ``keyring.set_keyring`` by the tests that need one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    """The headless Linux case: keyring's "fail" backend, set explicitly."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


class Institution:
    """A key pair the way the server holds it, and the tickets it would hand out."""

    def __init__(self, institution_id: str = "muni-prueba", name: str = "Municipalidad Distrital de Prueba"):
        self.id, self.name = institution_id, name
        self.private = generate_institution_keypair()
        self.public = self.private.public_key()

    def ticket(self, prefix: str = "AB12", **changes: Any) -> EnrollmentTicket:
        values: dict[str, Any] = {
            "server_url": "http://127.0.0.1:9",
            "code": "K7P-2QX",
            "device_name": "Mesa de partes 1",
            "device_prefix": prefix,
            "institution_id": self.id,
            "institution_name": self.name,
            "institution_public_key": public_key_to_text(self.public),
            "institution_key_id": key_id(self.public).hex(),
            "expires_at": datetime.now(UTC) + timedelta(days=7),
        }
        values.update(changes)
        return EnrollmentTicket(**values)

    def write_ticket(self, path: Path, **changes: Any) -> Path:
        path.write_bytes(encode(self.ticket(**changes)))
        return path

    def write_private_key(self, path: Path) -> Path:
        path.write_text(b64e(private_key_to_bytes(self.private)))
        return path


@pytest.fixture
def institution() -> Institution:
    return Institution()


def open_backend(home: Path, institution: Institution | None = None) -> LocalBackend:
    """A store on ``home`` (created with the cheap KDF), provisioned when ``institution`` is given."""
    backend = LocalBackend.open(home, PASSPHRASE, kdf=CHEAP_KDF)
    if institution is not None:
        backend.enroll(institution.ticket())
    return backend


@pytest.fixture
def backend(tmp_path, institution):
    backend = open_backend(tmp_path / "home", institution)
    yield backend
    backend.close()


def complaint_answers(
    nombres: str = "Rosa", dni: str = VALID_DNI, apellidos: str = "Quispe Mamani"
) -> dict[str, Any]:
    """Valid answers of the demo "Libro de reclamaciones"."""
    return {
        "tipo_documento": "dni",
        "dni": dni,
        "nombres": nombres,
        "apellidos": apellidos,
        "celular": "987654321",
        "oficina": "rentas",
        "fecha_hecho": "2026-01-05",
        "descripcion": "Me atendieron tarde y sin explicaciones claras.",
        "pedido": "Una respuesta por escrito.",
    }


def save_complaint(
    backend: LocalBackend,
    nombres: str = "Rosa",
    dni: str = VALID_DNI,
    *,
    attachments: tuple[AttachmentInput, ...] = (),
    **changes: Any,
) -> SubmissionDetail:
    answers = {**complaint_answers(nombres, dni), **changes.pop("answers", {})}
    new = NewSubmission("libro-reclamaciones", 1, answers, attachments, received_by="Ana Torres", **changes)
    return backend.save_submission(new)


def pdf_attachment(path: Path, text: str = "documento de prueba", field: str = "adjuntos") -> AttachmentInput:
    path.write_bytes(b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n")
    return AttachmentInput(field, path, "application/pdf", path.name)
