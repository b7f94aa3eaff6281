"""What an administrator does from the command line: institutions, catalog, the demo set-up, exports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from shared.forms import demo_catalog_dir, load_service
from shared.protocol import EnrollmentTicket
from sync_server.context import Server
from sync_server.ops.enrollment import IssuedDevice, code_hash, issue_device, write_ticket
from sync_server.storage.catalog import PublishResult, publish_service
from sync_server.storage.devices import PENDING, device_by_code_hash
from sync_server.storage.institutions import Institution, add_institution, get_institution
from sync_server.storage.submissions import iter_submissions
from sync_server.storage.workflow import list_messages, status_history

DEMO_INSTITUTION_ID = "muni-ilave"
DEMO_INSTITUTION_NAME = "Municipalidad Distrital de Ilave"
DEMO_DEVICE_NAME = "Mesa de partes 1"
DEMO_TICKET = "demo-ticket.json"


def create_institution(
    server: Server,
    institution_id: str,
    name: str,
    *,
    units: Sequence[Mapping[str, Any]] = (),
    calendar: Mapping[str, Any] | None = None,
    actor: str,
    now: datetime | None = None,
) -> Institution:
    """A new tenant with its own X25519 key pair (the private half wrapped under the master key)."""
    keys = server.keyring.new_institution_key()
    with server.db.write() as conn:
        return add_institution(
            conn,
            institution_id=institution_id,
            name=name,
            public_key=keys.public_key,
            key_id=keys.key_id,
            private_key_wrapped=keys.private_key_wrapped,
            units=units,
            calendar=calendar,
            actor=actor,
            now=now or datetime.now(UTC),
        )


def read_definitions(files: Iterable[Path]) -> list[dict[str, Any]]:
    """Definition files as JSON, each checked (DefinitionError names the file and every problem)."""
    return [dict(load_service(path).raw) for path in files]


def load_catalog(
    server: Server,
    institution_id: str,
    definitions: Sequence[Mapping[str, Any]],
    *,
    actor: str,
    as_new_version: bool = False,
    now: datetime | None = None,
) -> list[PublishResult]:
    """Publish definitions in one transaction: all of them, or (on any refusal) none."""
    now = now or datetime.now(UTC)
    with server.db.write() as conn:
        return [
            publish_service(conn, institution_id, raw, actor=actor, now=now, as_new_version=as_new_version)
            for raw in definitions
        ]


def demo_units() -> list[dict[str, Any]]:
    """The units (offices) named by the demo catalog's services, once each."""
    units: dict[str, dict[str, Any]] = {}
    for path in sorted(demo_catalog_dir().glob("*.json")):
        unit = load_service(path).raw["unit"]
        units.setdefault(unit["code"], {"code": unit["code"], "name": unit["name"]})
    return list(units.values())


def init_demo(
    server: Server, *, actor: str = "tambo-server init"
) -> tuple[Institution, list[PublishResult], IssuedDevice | None]:
    """The demo institution, its catalog, and one desktop's enrollment ticket, idempotently.

    The ticket is written to ``$home/demo-ticket.json``; later runs keep it (its code may already have
    been used by the desktop that ``scripts/run.sh`` started), unless it can no longer enroll anyone:
    its code unknown to this database (the database was reset) or expired unused. Then a new one is
    issued in its place.
    """
    with server.db.read() as conn:
        institution = get_institution(conn, DEMO_INSTITUTION_ID)
    if institution is None:
        institution = create_institution(
            server, DEMO_INSTITUTION_ID, DEMO_INSTITUTION_NAME, units=demo_units(), actor=actor
        )
    results = load_catalog(
        server, DEMO_INSTITUTION_ID, read_definitions(sorted(demo_catalog_dir().glob("*.json"))), actor=actor
    )
    ticket_path = server.settings.home / DEMO_TICKET
    issued = None
    if not _ticket_still_good(server, ticket_path):
        issued = issue_device(server, DEMO_INSTITUTION_ID, DEMO_DEVICE_NAME, actor=actor)
        write_ticket(issued.ticket, ticket_path)
    return institution, results, issued


def _ticket_still_good(server: Server, path: Path) -> bool:
    """Whether the ticket at ``path`` names a device of this database that is enrolled, or can be."""
    try:
        ticket = EnrollmentTicket.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return False
    with server.db.read() as conn:
        device = device_by_code_hash(conn, code_hash(ticket.code))
    if device is None or device.institution_id != ticket.institution_id:
        return False
    expired = device.code_expires_at is not None and device.code_expires_at < datetime.now(UTC)
    return device.status != PENDING or not expired


def export_submissions(server: Server, institution_id: str, out: TextIO) -> int:
    """Every submission of the institution as JSON lines (answers, status history, messages)."""
    count = 0
    with server.db.read() as conn:
        for item in iter_submissions(conn, institution_id):
            line = {
                "id": item.id,
                "tracking_code": item.tracking_code,
                "service_id": item.service_id,
                "form_version": item.form_version,
                "device_id": item.device_id,
                "created_at": item.created_at.isoformat(),
                "official_date": item.official_date.isoformat(),
                "due_date": item.due_date.isoformat() if item.due_date else None,
                "received_at": item.received_at.isoformat(),
                "status": item.status,
                "applicant_name": item.applicant_name,
                "applicant_id": item.applicant_id,
                "answers": item.answers,
                "details": item.details,
                "history": [
                    {
                        "status": e.status,
                        "at": e.at.isoformat(),
                        "actor": e.actor,
                        "note_public": e.note_public,
                    }
                    for e in status_history(conn, institution_id, item.id)
                ],
                "messages": [
                    {"from_unit": m.from_unit, "body": m.body, "at": m.at.isoformat()}
                    for m in list_messages(conn, institution_id, item.id)
                ],
                "envelope_sha256": item.envelope_sha256,
            }
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
