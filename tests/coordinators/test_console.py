"""The console's coordination page over real HTTP: device health (last direct sync, last bundle, pending
reported, version, clock skew, silent sites), the bundle upload form and the acknowledgement download."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from desktop.bundles.acks import apply_ack
from desktop.bundles.export import export_bundle
from desktop.store.identity import load_identity
from sync_server.storage.devices import device_by_device_id
from sync_server.storage.schema import devices
from tests.coordinators.support import Browser, flip_byte
from tests.sync.support import INSTITUTION, assert_server_holds_exactly, sync_once


def row_of(html: str, prefix: str) -> str:
    match = re.search(r"<tr[^>]*>(?:(?!</tr>).)*" + re.escape(prefix) + r"(?:(?!</tr>).)*</tr>", html, re.S)
    assert match, f"no row for {prefix}"
    return re.sub(r"\s+", " ", match.group(0))


def test_health_upload_and_ack_download(people, kiosk, relay, usb):
    live_server = people
    prefix = kiosk.backend.store.read(load_identity).device_prefix
    skewed = sync_once(kiosk, live_server.url, clock=lambda: time.time() + 600)  # its clock: 10 min ahead
    assert skewed.complete, skewed.error
    kiosk.save()
    kiosk.save(files=1)
    bundle = export_bundle(kiosk.backend.store, usb).path
    device_id = kiosk.backend.device_info().device_id
    with live_server.server.db.read() as conn:
        seen_before = device_by_device_id(conn, device_id).last_seen_at

    coordinator = Browser(live_server.url, "coord")
    row = row_of(coordinator.get("/web/devices/health").text, prefix)
    assert "adelantada 600 s" in row
    assert "badge-warn" in row  # a clock that far off is pointed out
    assert "escrito" not in row  # no bundle yet

    page = coordinator.upload(bundle.name, bundle.read_bytes())
    assert page.status_code == 200, page.text[:500]
    assert "Quiosco Ccochaccasa»: 2 recibidas, 0 ya estaban, 0 rechazadas" in page.text
    link = re.search(r'href="(/web/devices/bundles/[0-9A-Z]{26}/ack)"', page.text).group(1)
    ack = coordinator.get(link)
    assert ack.status_code == 200
    assert f"tambo-{prefix}-" in ack.headers["Content-Disposition"]
    assert apply_ack(kiosk.backend.store, ack.content, "acuse").sent == 2
    assert_server_holds_exactly(live_server.server, kiosk, expect=2)

    again = coordinator.upload(bundle.name, bundle.read_bytes())  # the relay brought it too
    assert "0 recibidas, 2 ya estaban" in again.text
    with live_server.server.db.read() as conn:
        assert device_by_device_id(conn, device_id).last_seen_at == seen_before, "a bundle is no direct sync"

    row = row_of(coordinator.get("/web/devices/health").text, prefix)
    assert re.search(r"escrito .*recibido", row)  # the last bundle: when written, when received
    assert re.search(r'class="num">2<br>', row), "pending as the bundle reported it (newer than the sync)"
    assert "0.1.0" in row
    assert "Sin noticias" not in row


def test_silent_sites_are_highlighted_after_n_days(people, kiosk, relay):
    live_server = people
    old = datetime.now(UTC) - timedelta(days=10)
    with live_server.server.db.write() as conn:
        conn.execute(update(devices).where(devices.c.institution_id == INSTITUTION).values(last_seen_at=old))
    coordinator = Browser(live_server.url, "coord")
    page = coordinator.get("/web/devices/health").text
    assert page.count('class="silent"') == 2
    assert "Sin noticias hace 7 días o más" in page
    assert coordinator.get("/web/devices/health?dias=30").text.count('class="silent"') == 0


def test_refused_bundles_and_roles(people, kiosk, usb):
    live_server = people
    kiosk.save()
    bundle = export_bundle(kiosk.backend.store, usb).path
    flip_byte(bundle, bundle.read_bytes().rfind(b'"tracking_code"') + 5)
    coordinator = Browser(live_server.url, "coord")
    page = coordinator.upload("alterado.tambo", bundle.read_bytes())
    assert page.status_code == 422
    assert "No se aceptó «alterado.tambo»" in page.text
    assert f"la solicitud {kiosk.saved[0]}" in page.text
    empty = coordinator.upload("vacío.tambo", b"")
    assert empty.status_code == 400
    assert "está incompleto" in empty.text
    assert coordinator.get("/web/devices/health").text.count("Descargar") == 0, "nothing was kept"

    auditor = Browser(live_server.url, "auditor")
    health = auditor.get("/web/devices/health")
    assert health.status_code == 200
    assert 'name="bundle"' not in health.text  # reads device health, uploads nothing
    assert auditor.upload("p.tambo", b"x").status_code == 403


def test_the_way_to_the_page_and_the_page_in_english(people, kiosk):
    coordinator = Browser(people.url, "coord")
    assert 'href="/web/devices/health' in coordinator.get("/web/devices").text
    coordinator.get("/web/lang/en")
    html = coordinator.get("/web/devices/health").text
    for english in ("Device health of", "Upload a bundle", "Last direct sync", "Pending reported"):
        assert english in html
    assert "Subir paquete" not in html
