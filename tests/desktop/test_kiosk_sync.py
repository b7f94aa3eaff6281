"""The kiosk with its real sync engine and the real server (SQLite, on 127.0.0.1): what a citizen files
and the survey reach the server by themselves like any submission, an official's answer and a new
version of a procedure come back with the next sync, and the citizen looks the answer up at the kiosk
offline, with the time of that sync."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.i18n import translations
from desktop.sync.service import SyncService
from desktop.ui.kiosk.status_screen import StatusScreen
from desktop.ui.kiosk.syncing import KioskSync
from shared import statuses
from shared.forms import demo_catalog_dir
from shared.i18n import pick
from sync_server.ops.admin import load_catalog, read_definitions
from sync_server.storage.workflow import add_message, change_status
from tests.desktop.test_kiosk_support import open_kiosk, settle, touch
from tests.sync.support import (
    INSTITUTION,
    Desk,
    assert_server_holds_exactly,
    enroll_desk,
    quick_backoff,
    sync_once,
)
from tests.sync_server.conftest import (  # noqa: F401 - fixtures reused as they are
    database_url,
    live_server,
    postgres_url,
    settings,
    sqlite_template,
)

DNI = "41234567"
COMPLAINT = {
    "tipo_documento": "dni",
    "dni": DNI,
    "nombres": "Teodora",
    "apellidos": "Callasaya",
    "celular": "912345678",
    "oficina": "rentas",
    "fecha_hecho": "2026-01-05",
    "descripcion": "Me cobraron dos veces el mismo arbitrio.",
    "pedido": "Que devuelvan el cobro doble.",
}


@pytest.fixture
def kiosk(live_server, tmp_path: Path, qapp) -> Iterator[Desk]:  # noqa: F811 - fixture
    """A kiosk PC enrolled with the live server by a one-time code, after its first sync (the catalog)."""
    desk = enroll_desk(tmp_path / "kiosk", live_server.url, live_server.server, name="Quiosco del hall")
    first = sync_once(desk, live_server.url)
    assert first.complete, first.error
    yield desk
    desk.close()
    translations().set_language("es")


def demo_definitions() -> list[Path]:
    return sorted(demo_catalog_dir().glob("*.json"))


def file_a_complaint_and_rate(qtbot, window) -> str:
    """A citizen's visit: the complaints book, the notice, the cargo, then the survey; the code."""
    touch(qtbot, window.welcome.file_tile)
    flow = window.flow
    touch(qtbot, flow.services.tile("libro-reclamaciones"))
    touch(qtbot, flow.info.start_button)
    flow.questions.form_view.set_answers(COMPLAINT)
    while flow.review is None or window.current_screen() is not flow.review:
        touch(qtbot, flow.questions.next_button)
    touch(qtbot, flow.review.confirm_button)
    touch(qtbot, flow.consent.accept_box)
    touch(qtbot, flow.consent.save_button)
    qtbot.waitUntil(lambda: flow.receipt is not None and flow.receipt.detail is not None, timeout=20_000)
    code = flow.receipt.detail.row.tracking_code
    touch(qtbot, flow.receipt.finish_button)
    touch(qtbot, flow.survey.form_view.row("calificacion").editor.buttons[4][1])
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        touch(qtbot, flow.survey.send_button)
    return code


def server_holds(live_server, kiosk: Desk, count: int) -> None:  # noqa: F811 - fixture
    assert_server_holds_exactly(live_server.server, kiosk, expect=count)


def test_the_kiosk_engine_sends_what_citizens_file_and_brings_the_answer_back(
    qtbot,
    kiosk,
    live_server,  # noqa: F811 - fixture
):
    window = open_kiosk(qtbot, kiosk.backend)
    sync = KioskSync(
        window,
        service_factory=lambda backend: SyncService(
            backend, live_server.url, backoff=quick_backoff(), timeout=(3.0, 10.0)
        ),
    )
    sync.start()  # what kiosk_did_become_ready does in `tambo --kiosk`
    try:
        code = file_a_complaint_and_rate(qtbot, window)

        # each save told the engine: both reach the server by themselves, exactly once, byte-identical
        qtbot.waitUntil(lambda: server_holds(live_server, kiosk, 2), timeout=30_000)
        submission_id = kiosk.backend.submission(code).row.id

        # an official observes it in the console, writes to the citizen, and publishes a new version
        # of a procedure; the kiosk's next sync brings all of it down
        now = datetime.now(UTC)
        with live_server.server.db.write() as conn:
            change_status(
                conn, INSTITUTION, submission_id, statuses.OBSERVED, actor="user:ana", now=now,
                note_public="Falta la copia del recibo",
            )  # fmt: skip
            add_message(
                conn, INSTITUTION, submission_id, "Traiga la copia del recibo hasta el viernes.",
                from_unit="Oficina de Rentas", actor="user:ana", now=now,
            )  # fmt: skip
        definition = next(
            d for d in read_definitions(demo_definitions()) if d["id"] == "constancia-domiciliaria"
        )
        definition["title"] = {**definition["title"], "es": "Constancia de domicilio (nueva versión)"}
        load_catalog(live_server.server, INSTITUTION, [definition], actor="user:admin", as_new_version=True)
        sync.service.sync_now()
        qtbot.waitUntil(
            lambda: pick(window.context.service("constancia-domiciliaria").title, "es").endswith(
                "(nueva versión)"
            ),
            timeout=30_000,
        )
    finally:
        sync.stop()

    # days later, offline, the citizen scans the cargo at the kiosk
    touch(qtbot, window.welcome.status_tile)
    screen = window.current_screen()
    assert isinstance(screen, StatusScreen)
    screen.code_edit.setText(code)
    screen.digits_edit.setText(DNI[-4:])
    touch(qtbot, screen.lookup_button)
    settle(qtbot)
    shown = "\n".join(w.text() for w in screen.result_box.findChildren(type(screen.title)))
    assert f"Estado: {statuses.status_label(statuses.OBSERVED, 'es')}" in shown
    assert "Traiga la copia del recibo hasta el viernes." in shown
    assert "Oficina de Rentas" in shown
    assert "Información al" in shown  # as of the kiosk's last sync
    assert "aún no se ha enviado" not in shown
