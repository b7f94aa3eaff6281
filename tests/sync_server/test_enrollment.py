"""Enrollment: a one-time code from ``device add`` plus the device's public key, over the real API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from shared import errors
from shared.crypto import device_id_for, generate_device_keypair
from shared.protocol import EnrollmentTicket, encode
from sync_server.context import Server
from sync_server.ops import admin
from sync_server.ops.enrollment import code_hash, issue_device, new_enrollment_code
from sync_server.storage.devices import device_by_device_id
from sync_server.storage.schema import devices
from tests.sync_server.conftest import LiveServer
from tests.sync_server.device_client import DeviceClient
from tests.sync_server.device_client import enroll as enroll_with


def test_a_code_enrolls_a_device_once(live_server: LiveServer) -> None:
    issued = issue_device(live_server.server, "muni-demo", "Mesa de partes 2", actor="test")
    key = generate_device_keypair()
    response = enroll_with(live_server.url, issued.code, "Mesa de partes 2", key)
    assert response.status_code == 200
    body = response.json()
    assert body["device_id"] == device_id_for(key.public_key())
    assert body["device_prefix"] == issued.device.prefix
    assert body["institution_public_key"] == issued.ticket.institution_public_key
    with live_server.server.db.read() as conn:
        stored = device_by_device_id(conn, body["device_id"])
    assert stored.status == "active"
    assert stored.platform == "linux"
    assert stored.app_version == "0.1.0"

    again = enroll_with(live_server.url, issued.code, "Mesa de partes 2")  # someone else with the same code
    assert again.status_code == 409
    assert again.json()["error"]["code"] == errors.ENROLLMENT_CODE_USED


def test_the_same_device_retrying_after_a_lost_answer_gets_the_same_answer(live_server: LiveServer) -> None:
    issued = issue_device(live_server.server, "muni-demo", "Mesa", actor="test")
    key = generate_device_keypair()
    first = enroll_with(live_server.url, issued.code, "Mesa de partes 2", key)
    second = enroll_with(live_server.url, issued.code, "Mesa de partes 2", key)
    assert second.status_code == 200
    assert second.json()["device_id"] == first.json()["device_id"]


def test_codes_are_forgiving_about_how_people_type_them(live_server: LiveServer) -> None:
    issued = issue_device(live_server.server, "muni-demo", "Mesa", actor="test")
    typed = issued.code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert enroll_with(live_server.url, typed, "Mesa de partes 2").status_code == 200


def test_a_wrong_code_is_refused(live_server: LiveServer) -> None:
    response = enroll_with(live_server.url, new_enrollment_code(), "Mesa de partes 2")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": errors.ENROLLMENT_CODE_INVALID,
        "message": "Código de registro inválido.",
        "details": {},
    }


def test_an_expired_code_is_refused(live_server: LiveServer) -> None:
    issued = issue_device(
        live_server.server, "muni-demo", "Mesa", actor="test", now=datetime.now(UTC) - timedelta(days=31)
    )
    response = enroll_with(live_server.url, issued.code, "Mesa de partes 2")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == errors.ENROLLMENT_CODE_EXPIRED


def test_one_key_cannot_take_two_devices(live_server: LiveServer) -> None:
    key = generate_device_keypair()
    first = issue_device(live_server.server, "muni-demo", "Mesa A", actor="test")
    second = issue_device(live_server.server, "muni-demo", "Mesa B", actor="test")
    assert enroll_with(live_server.url, first.code, "Mesa de partes 2", key).status_code == 200
    response = enroll_with(live_server.url, second.code, "Mesa de partes 2", key)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == errors.ENROLLMENT_KEY_IN_USE


def test_the_ticket_carries_what_an_offline_device_needs(live_server: LiveServer) -> None:
    issued = issue_device(live_server.server, "muni-demo", "Mesa", actor="test")
    ticket = EnrollmentTicket.model_validate_json(encode(issued.ticket))
    assert ticket.code == issued.code
    assert ticket.server_url == "http://t"
    assert ticket.institution_id == "muni-demo"
    assert ticket.institution_name == "Municipalidad de Prueba"
    assert ticket.device_prefix == issued.device.prefix
    assert timedelta(days=29) < ticket.expires_at - datetime.now(UTC) <= timedelta(days=30)
    assert len(issued.code) == 14  # XXXX-XXXX-XXXX


def test_only_the_hash_of_a_code_is_stored(live_server: LiveServer) -> None:
    issued = issue_device(live_server.server, "muni-demo", "Mesa", actor="test")
    with live_server.server.db.read() as conn:
        dump = "\n".join(str(row) for row in conn.exec_driver_sql("SELECT * FROM devices"))
    assert issued.code.replace("-", "") not in dump.replace("-", "")
    assert code_hash(issued.code) in dump


def test_envelopes_sealed_before_enrollment_are_accepted_after_it(live_server: LiveServer) -> None:
    """A desktop provisioned from the ticket captures offline first and enrolls on first contact."""
    issued = issue_device(live_server.server, "muni-demo", "Mesa offline", actor="test")
    key = generate_device_keypair()
    offline = DeviceClient(
        live_server.url,
        key,
        issued.ticket.institution_id,
        issued.ticket.institution_public_key,
        issued.ticket.device_prefix,
    )
    captured = [offline.seal() for _ in range(3)]
    relay = live_server.device("muni-demo", "Laptop del coordinador")
    before = relay.push([c.envelope for c in captured]).json()["results"]
    assert {r["status"] for r in before} == {"rejected"}
    assert {r["code"] for r in before} == {errors.DEVICE_UNKNOWN}
    assert enroll_with(live_server.url, issued.code, "Mesa de partes 2", key).status_code == 200
    after = offline.push([c.envelope for c in captured]).json()["results"]
    assert [r["status"] for r in after] == ["accepted"] * 3


def test_the_demo_ticket_is_replaced_only_when_it_can_no_longer_enroll(server: Server) -> None:
    ticket_path = server.settings.home / admin.DEMO_TICKET
    _, _, first = admin.init_demo(server)
    assert first is not None
    assert admin.init_demo(server)[2] is None  # kept: its code still works
    with server.db.write() as conn:  # thirty days later, never used
        conn.execute(
            sa.update(devices)
            .where(devices.c.code_hash == code_hash(first.code))
            .values(code_expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    _, _, second = admin.init_demo(server)
    assert second is not None
    assert second.code != first.code
    assert EnrollmentTicket.model_validate_json(ticket_path.read_bytes()).code == second.code
    ticket_path.write_text("{not json", encoding="utf-8")  # damaged
    _, _, third = admin.init_demo(server)
    assert third is not None
    assert EnrollmentTicket.model_validate_json(ticket_path.read_bytes()).code == third.code
