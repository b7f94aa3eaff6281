"""The sync engine in the clerk window, driven offscreen with real widgets, the real engine and the real
server behind the fault proxy: the indicator, the sync panel (progress bars, refused items in Spanish,
"Sincronizar ahora") and the enrollment screen. Screenshots go to the test artifacts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QThreadPool

from desktop.ops.api import NewSubmission
from desktop.sync.engine import SyncStatus
from desktop.sync.service import SyncService
from desktop.ui.clerk_window import ClerkWindow
from desktop.ui.sync import attach_sync
from desktop.ui.sync.texts import indicator_text
from desktop.ui.sync.wiring import SyncUi
from shared.forms import demo_catalog_dir
from sync_server.ops.enrollment import issue_device
from tests.netfault import FaultProxy
from tests.sync.support import INSTITUTION, Desk, quick_backoff
from tests.sync_server.device_client import valid_answers

WAIT_MS = 30_000


@pytest.fixture
def proxy(live_server) -> Iterator[FaultProxy]:
    with FaultProxy(int(live_server.url.rsplit(":", 1)[1]), seed=9) as running:
        yield running


def open_window(qtbot, desk: Desk, url: str | None) -> tuple[ClerkWindow, SyncUi]:
    window = ClerkWindow(desk.backend, "Ana Torres", server_url=url)
    qtbot.addWidget(window)
    service = SyncService(
        desk.backend,
        url,
        interval=3600,
        backoff=quick_backoff(),
        timeout=(3.0, 10.0),
        run_options={"backoff": quick_backoff()},
    )
    ui = attach_sync(window, service)
    window.show()
    return window, ui


def close(ui: SyncUi) -> None:
    ui.stop()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_the_indicator_follows_the_link_and_the_queue(qtbot, desk, proxy, artifacts_dir):
    window, ui = open_window(qtbot, desk, proxy.url)
    try:
        ui.service.start()
        qtbot.waitUntil(lambda: ui.indicator.text.startswith("En línea · 0 por enviar"), timeout=WAIT_MS)
        desk.save()
        window.submissions_did_change.emit()  # what a save from the form does
        qtbot.waitUntil(lambda: desk.counts()["sent"] == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: ui.indicator.text.startswith("En línea · 0 por enviar"), timeout=WAIT_MS)
        assert "Última sincronización: hoy" in ui.indicator.text
        window.grab().save(str(artifacts_dir / "sync-01-window-online.png"))
        proxy.go_offline("refuse")
        desk.save()
        window.submissions_did_change.emit()
        qtbot.waitUntil(lambda: ui.indicator.text.startswith("Sin conexión · 1 por enviar"), timeout=WAIT_MS)
        assert "Sin conexión con el servidor" in ui.indicator.toolTip()
        assert ui.indicator.button.accessibleName().startswith("Sincronización: Sin conexión")
        ui.indicator.grab().save(str(artifacts_dir / "sync-02-indicator-offline.png"))
        proxy.go_online()
        qtbot.waitUntil(lambda: ui.indicator.text.startswith("En línea · 0 por enviar"), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.list_view.model.rowCount() == 2, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: {row.sync_state for row in window.list_view.model.rows} == {"sent"}, timeout=WAIT_MS
        )
    finally:
        close(ui)


def test_the_panel_shows_progress_refusals_in_spanish_and_syncs_now(
    qtbot, desk, live_server, proxy, artifacts_dir, tmp_path
):
    local_only = json.loads((demo_catalog_dir() / "solicitud-general.json").read_text())
    local_only["id"] = "tramite-solo-local"
    (tmp_path / "local.json").write_text(json.dumps(local_only))
    desk.backend.import_catalog([tmp_path / "local.json"])
    refused = desk.backend.save_submission(
        NewSubmission("tramite-solo-local", 1, valid_answers(), pages=1, received_by="Ana Torres")
    )
    desk.save(files=1, file_size=1_500_000)
    proxy.update_profile(up_kbps=2_000)  # 250 KB/s: the attachment takes a few seconds
    _window, ui = open_window(qtbot, desk, proxy.url)
    try:
        proxy.go_offline("refuse")
        ui.service.start()  # the start trigger's run finds no link; the backoff would wait
        panel = ui.open_panel()
        qtbot.waitUntil(lambda: panel.connection.text() == "Sin conexión", timeout=WAIT_MS)
        assert panel.queue.text() == "2 por enviar"
        assert "Sin conexión con el servidor" in panel.error.text()
        proxy.go_online()
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)  # ...a person does not
        qtbot.waitUntil(lambda: panel.file_bar.isVisible() and panel.file_bar.value() > 100, timeout=WAIT_MS)
        assert panel.phase.text() == "Enviando archivos adjuntos"
        assert panel.file_label.text().startswith("Adjunto: ")
        panel.grab().save(str(artifacts_dir / "sync-03-panel-uploading.png"))
        qtbot.waitUntil(lambda: panel.problems.rowCount() == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not ui.service.status().running, timeout=WAIT_MS)
        assert panel.problems.item(0, 0).text() == refused.row.tracking_code
        assert panel.problems.item(0, 2).text() == "Rechazada por el servidor"
        reason = panel.problems.item(0, 3).text()
        assert reason.startswith("El trámite tramite-solo-local versión 1 no existe")
        assert panel.queue.text() == "0 por enviar · 1 rechazadas"
        assert panel.items_bar.value() == 2
        panel.grab().save(str(artifacts_dir / "sync-04-panel-refused.png"))
    finally:
        close(ui)


def test_enrolling_from_the_settings_screen(qtbot, live_server, tmp_path, artifacts_dir):
    desk = Desk.open(tmp_path / "nuevo")
    _window, ui = open_window(qtbot, desk, None)
    try:
        ui.service.start()
        qtbot.waitUntil(lambda: ui.indicator.text.startswith("Equipo sin registrar"), timeout=WAIT_MS)
        dialog = ui.open_enrollment()
        qtbot.keyClicks(dialog.server, live_server.url)
        qtbot.keyClicks(dialog.code, "AAAA-BBBB-CCCC")
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.message.text() == "Código de registro inválido.", timeout=WAIT_MS)
        assert dialog.isVisible()
        assert not desk.backend.device_info().provisioned  # nothing changed on the device
        dialog.grab().save(str(artifacts_dir / "sync-05-enroll-refused.png"))
        code = issue_device(live_server.server, INSTITUTION, "Mesa 9", actor="test").code
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, code)
        qtbot.keyClicks(dialog.office, "Sede central")
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        info = desk.backend.device_info()
        assert info.registered
        assert info.office == "Sede central"
        qtbot.waitUntil(lambda: ui.indicator.text.startswith("En línea"), timeout=WAIT_MS)
    finally:
        close(ui)
        desk.close()


def test_indicator_texts():
    now = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    status = SyncStatus(connection="revoked", pending=3, rejected=1, last_success_at=None)
    assert indicator_text(status, now) == (
        "Equipo dado de baja · 3 por enviar · 1 rechazadas · Última sincronización: nunca"
    )
    running = SyncStatus(connection="offline", running=True, last_success_at=now)
    text = indicator_text(running, now)
    assert text.startswith("Sincronizando… · 0 por enviar · Última sincronización: hoy")
