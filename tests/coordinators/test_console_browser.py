"""The coordination page in a real browser (Debian's Chromium driven by Playwright): a coordinator
uploads a site's bundle with the form, downloads the acknowledgement, and the kiosk applies it; a
silent site stands out. Every step waits for an element, never for a fixed time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.bundles.acks import apply_ack
from desktop.bundles.export import export_bundle
from sync_server.storage.schema import devices
from tests.coordinators.support import PASSWORD
from tests.sync_server.console.test_browser import CHROMIUM, browser, page, shot  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is installed by scripts/test.sh"),
]


def test_a_coordinator_uploads_a_bundle_and_takes_the_ack_back(
    people,
    kiosk,
    relay,
    usb,
    page,  # noqa: F811 - the console tests' browser page fixture
    artifacts_dir,
):
    kiosk.save()
    kiosk.save(files=1)
    bundle = export_bundle(kiosk.backend.store, usb).path
    with people.server.db.write() as conn:  # the coordinator's own laptop has not synced for weeks
        conn.execute(
            update(devices)
            .where(devices.c.name == "Laptop coordinadora")
            .values(last_seen_at=datetime.now(UTC) - timedelta(days=20))
        )

    page.goto(f"{people.url}/web/devices/health")
    page.wait_for_url("**/web/login**")
    page.get_by_label("Usuario").fill("coord")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.get_by_role("heading", name="Salud de los equipos de Municipalidad de Prueba").wait_for()
    assert page.locator("tr.silent").count() == 1
    assert "Laptop coordinadora" in page.locator("tr.silent").inner_text()

    page.get_by_label("Archivo del paquete (.tambo)").set_input_files(str(bundle))
    page.get_by_role("button", name="Subir paquete").click()
    result = page.get_by_role("status")
    result.filter(has_text="2 recibidas").wait_for()
    shot(page, artifacts_dir, "coordination")
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar el acuse").click()
    saved = download.value.path()
    assert download.value.suggested_filename == bundle.with_suffix(".acuse").name
    assert apply_ack(kiosk.backend.store, Path(saved).read_bytes(), "acuse").sent == 2
    assert kiosk.counts()["pending"] == 0
