"""The kiosk with the real sync engine and the real server (SQLite, on 127.0.0.1): what a citizen files
and the survey reach the server like any submission, an official's answer comes back with the next
pull, and the next citizen looks it up at the kiosk offline, with the time of that sync."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.i18n import translations
from desktop.ui.kiosk.status_screen import StatusScreen
from shared import statuses
from sync_server.storage.workflow import add_message, change_status
from tests.desktop.test_kiosk_support import open_kiosk, settle, touch
from tests.sync.support import INSTITUTION, Desk, assert_server_holds_exactly, enroll_desk, sync_once
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


def test_filings_and_the_survey_reach_the_server_and_the_answer_comes_back(qtbot, kiosk, live_server):  # noqa: F811
    window = open_kiosk(qtbot, kiosk.backend)
    code = file_a_complaint_and_rate(qtbot, window)

    # the engine's next run pushes both, like any counter filing: exactly once, byte-identical
    pushed = sync_once(kiosk, live_server.url)
    assert pushed.complete, pushed.error
    assert_server_holds_exactly(live_server.server, kiosk, expect=2)
    submission_id = kiosk.backend.submission(code).row.id

    # an official observes it in the console and writes to the citizen; the kiosk pulls that
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
    pulled = sync_once(kiosk, live_server.url)
    assert pulled.complete, pulled.error

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
    assert "Información al" in shown  # as of the pull above
    assert "aún no se ha enviado" not in shown
