"""The devices page (codes with QR, last sync, revoke) and the users page (roles, units, passwords,
external coordinators)."""

from __future__ import annotations

import re

from shared.protocol import EnrollmentTicket
from sync_server.ops import admin
from sync_server.storage.devices import device_by_device_id
from tests.sync_server.console.conftest import INSTITUTION, PASSWORD, Console
from tests.sync_server.device_client import enroll


def test_a_coordinator_creates_a_code_that_enrolls_a_device(console: Console) -> None:
    coord = console.client("coord")
    empty = coord.post("/web/devices/enroll", {"name": "   "})
    assert empty.status_code == 422
    page = coord.post("/web/devices/enroll", {"name": "Kiosco plaza"})
    assert page.status_code == 200
    code = re.search(r'id="enrollment-code">([0-9A-Z-]+)<', page.text).group(1)
    assert "<svg" in page.text
    assert 'download="registro-' in page.text
    data_url = re.search(r'href="data:application/json;base64,([^"]+)"', page.text).group(1)
    import base64

    ticket = EnrollmentTicket.model_validate_json(base64.b64decode(data_url))
    assert ticket.code == code
    assert ticket.institution_id == INSTITUTION
    enrolled = enroll(console.url, code, "Kiosco plaza")
    assert enrolled.status_code == 200, enrolled.text
    listing = coord.get("/web/devices").text
    assert "Kiosco plaza" in listing
    assert "Activo" in listing


def test_revoking_a_device_stops_it(console: Console) -> None:
    device = console.device("Mesa 9")
    with console.server.db.read() as conn:
        pk = device_by_device_id(conn, device.device_id).id
    admin_client = console.client("admin")
    assert admin_client.post(f"/web/devices/{pk}/revoke").status_code == 302
    assert "Dado de baja" in admin_client.get("/web/devices").text
    assert device.pull().status_code == 403
    assert console.client("auditor").post(f"/web/devices/{pk}/revoke").status_code == 403


def test_the_last_sync_and_pending_count_are_shown(console: Console) -> None:
    device = console.device("Mesa 5")
    from shared.protocol import HealthRequest

    device.post_message("/health", HealthRequest(days=[], pending_count=7, app_version="0.9.1"))
    page = console.client("coord").get("/web/devices").text
    assert "Mesa 5" in page
    assert "0.9.1" in page
    assert ">7<" in page


def test_coordinators_of_other_institutions_see_only_what_they_were_given(console: Console) -> None:
    admin.create_institution(console.server, "muni-vecina", "Municipalidad Vecina", actor="test")
    from datetime import UTC, datetime

    from sync_server.storage.users import add_user

    with console.server.db.write() as conn:
        add_user(
            conn, "muni-vecina", "coord2", PASSWORD, role="coordinator", actor="t", now=datetime.now(UTC)
        )
    outsider = console.client()
    outsider.login("muni-vecina", "coord2", PASSWORD)
    assert "Municipalidad de Prueba" not in outsider.get("/web/devices").text
    assert outsider.get(f"/web/devices?institution={INSTITUTION}").status_code == 200
    assert "Municipalidad de Prueba" not in outsider.get(f"/web/devices?institution={INSTITUTION}").text
    console.device("Mesa 3")
    admin_client = console.client("admin")
    assert (
        admin_client.post(
            "/web/users/coordinators", {"institution": "muni-vecina", "login": "coord2"}
        ).status_code
        == 302
    )
    page = outsider.get(f"/web/devices?institution={INSTITUTION}").text
    assert "Mesa 3" in page
    assert "Municipalidad de Prueba" in page
    assert outsider.get("/web/inbox").status_code == 403


def test_an_admin_creates_and_changes_users(console: Console) -> None:
    admin_client = console.client("admin")
    bad = admin_client.post("/web/users", {"login": "Ana Q", "password": "x" * 12, "role": "official"})
    assert bad.status_code == 422
    assert 'value="Ana Q"' in bad.text
    short = admin_client.post("/web/users", {"login": "ana.q", "password": "corta", "role": "official"})
    assert short.status_code == 422
    assert "al menos 10" in short.text
    made = admin_client.post(
        "/web/users",
        {"login": "ana.q", "password": "una-clave-larga", "role": "official", "units": ["registro-civil"]},
    )
    assert made.status_code == 302
    ana = console.client()
    assert ana.login(INSTITUTION, "ana.q", "una-clave-larga").status_code == 302
    assert ana.get("/web/inbox").status_code == 200
    admin_client.post("/web/users/ana.q", {"role": "official", "units": ["registro-civil"], "active": ""})
    assert ana.get("/web/inbox").status_code == 302  # deactivated: logged out
    self_demote = admin_client.post("/web/users/admin", {"role": "official", "active": "1"})
    assert self_demote.status_code == 422
    assert admin_client.post("/web/users/rosa/password", {"password": "nueva-clave-rosa"}).status_code == 302
    rosa = console.client()
    assert rosa.login(INSTITUTION, "rosa", PASSWORD).status_code == 401
    assert rosa.login(INSTITUTION, "rosa", "nueva-clave-rosa").status_code == 302


def test_every_user_changes_their_own_password(console: Console) -> None:
    luis = console.client("luis")
    wrong = luis.post("/web/account", {"current": "no-es-esta-clave", "new": "otra-clave-larga"})
    assert wrong.status_code == 422
    assert luis.post("/web/account", {"current": PASSWORD, "new": "otra-clave-larga"}).status_code == 302
    assert console.client().login(INSTITUTION, "luis", "otra-clave-larga").status_code == 302
