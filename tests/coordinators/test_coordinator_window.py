"""``tambo --coordinator`` with real widgets, real stores and the real server: collect from a stick,
forward on its own, per-site counts and last visit, acknowledgements back, this device's own bundle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.bundles.coordinator import CoordinatorService, RelayState
from desktop.bundles.export import export_bundle
from desktop.bundles.relay import SiteSummary
from desktop.ui.coordinator_window import STALE_COLOR, CoordinatorWindow
from desktop.ui.tasks import ops_in_flight
from tests.sync_server.processes import free_port

WAIT = 30_000


def open_window(qtbot, desk, url):
    window = CoordinatorWindow(CoordinatorService(desk.backend, url))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None, timeout=WAIT)
    return window


def cell(window, row: int, column: int) -> str:
    item = window.sites.item(row, column)
    return item.text() if item else ""


def test_collect_forward_and_bring_back(qtbot, kiosk, relay, live_server, usb, tmp_path, artifacts_dir):
    kiosk.save()
    kiosk.save(files=1)
    export_bundle(kiosk.backend.store, usb)
    window = open_window(qtbot, relay, live_server.url)
    assert window.sites.rowCount() == 0
    assert not window.forward_button.isEnabled()
    assert window.status.text() == ""  # "Cargando…" is gone once the table is there

    window.collect_from(usb)  # collecting forwards at once when there is a link
    qtbot.waitUntil(lambda: "Enviados 1 paquete(s)" in window.status.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.sites.rowCount() == 1 and cell(window, 0, 3) == "2", timeout=WAIT)
    assert cell(window, 0, 0).startswith("Quiosco Ccochaccasa (")
    assert cell(window, 0, 1) != "—"  # the last visit: when the kiosk wrote the bundle
    assert (cell(window, 0, 2), cell(window, 0, 4)) == ("0", "1")
    assert window.deliver_button.isEnabled()
    window.grab().save(str(artifacts_dir / "coordinator-window.png"))

    back = tmp_path / "vuelta"
    window.deliver_to(back)
    qtbot.waitUntil(lambda: "1 acuse(s) copiados" in window.status.text(), timeout=WAIT)
    assert len(list(back.glob("*.acuse"))) == 1

    at_site = open_window(qtbot, kiosk, None)  # the site's own computer, opened in coordinator mode
    assert "2 solicitud(es) de este equipo" in at_site.own.text()
    at_site.apply_acks_from(back)
    qtbot.waitUntil(lambda: "2 solicitud(es) confirmadas" in at_site.status.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: "0 solicitud(es) de este equipo" in at_site.own.text(), timeout=WAIT)
    assert kiosk.counts() == {"pending": 0, "sent": 2, "rejected": 0}

    at_site.export_to(tmp_path)
    qtbot.waitUntil(lambda: "Paquete escrito en" in at_site.status.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: ops_in_flight() == 0, timeout=WAIT)


def test_a_damaged_copy_is_named_and_offline_keeps_the_bundle(qtbot, kiosk, relay, usb, tmp_path):
    kiosk.save()
    good = export_bundle(kiosk.backend.store, usb / "buena.tambo").path
    damaged = usb / "dañada.tambo"
    damaged.write_bytes(good.read_bytes()[:-40])
    window = open_window(qtbot, relay, f"http://127.0.0.1:{free_port()}")  # nothing listens: no link
    window.collect_from(usb)
    qtbot.waitUntil(lambda: "Lo demás se enviará después" in window.status.text(), timeout=WAIT)
    assert "dañada.tambo" in window.status.text()  # what collecting said stays in view
    qtbot.waitUntil(lambda: cell(window, 0, 2).startswith("1 en 1"), timeout=WAIT)
    assert window.forward_button.isEnabled()
    window.collect_from(usb)  # again: the good one is not taken twice, the damaged one named again
    qtbot.waitUntil(lambda: "1 ya se habían recogido" in window.status.text(), timeout=WAIT)
    assert "«dañada.tambo» está incompleto" in window.status.text()
    qtbot.waitUntil(lambda: ops_in_flight() == 0, timeout=WAIT)


def test_sites_not_visited_for_two_weeks_stand_out(qtbot, relay):
    window = open_window(qtbot, relay, None)
    now = datetime.now(UTC)
    window._show_state(
        RelayState(
            [
                SiteSummary("dev_a", "Quiosco Alto", "AAAA", now - timedelta(days=20)),
                SiteSummary("dev_b", "Quiosco Bajo", "BBBB", now - timedelta(days=2)),
            ],
            carrying=0,
            acks_to_deliver=0,
            own_pending=0,
        )
    )
    assert window.sites.item(0, 0).background().color() == STALE_COLOR
    assert window.sites.item(1, 0).background().color() != STALE_COLOR
    qtbot.waitUntil(lambda: ops_in_flight() == 0, timeout=WAIT)
