"""Handling a case in the console: what the case page shows, the workflow by role, messages and notes,
the final PDF, forwarding, the suspended deadline, and everything reaching the capturing device."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from shared import errors, statuses
from shared.errors import TamboError
from sync_server.ops import cases
from sync_server.ops.deadlines import deadline_info, suspended_days
from sync_server.storage.institutions import get_institution
from sync_server.storage.schema import submissions
from sync_server.storage.submissions import get_submission
from sync_server.storage.users import get_user
from tests.sync_server.console.cases_support import (
    CONSTANCIA,
    PDF,
    constancia_answers,
    file_cases,
    file_general,
    pulled,
)
from tests.sync_server.console.conftest import INSTITUTION, Console


def _user(console: Console, login: str):
    with console.server.db.read() as conn:
        return get_user(conn, INSTITUTION, login)


def test_the_case_page_shows_answers_receipt_and_route(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    page = console.client("rosa").get(f"/web/cases/{case_id}")
    assert page.status_code == 200
    html = page.text
    assert "Solicitud general (mesa de partes)" in html
    assert "Mamani Quispe" in html
    assert "Número de DNI" in html  # labels from the form version
    assert "Puno / El Collao / Ilave (210501)" in html  # the ubigeo by name
    assert "Datos del cargo de recepción" in html
    assert "Ana (mesa de partes)" in html
    assert "Mesa 1" in html  # the device that captured it
    assert "Recibido" in html
    assert "equipo de origen" in html  # the route starts with the filing


def test_an_official_sees_only_the_cases_of_their_units(console: Console) -> None:
    device = console.device()
    [general] = file_general(device)
    [constancia] = file_cases(device, constancia_answers(), service_id=CONSTANCIA)
    rosa, luis = console.client("rosa"), console.client("luis")
    assert general in rosa.get("/web/inbox").text
    assert constancia not in rosa.get("/web/inbox").text
    assert constancia in luis.get("/web/inbox").text
    assert general not in luis.get("/web/inbox").text
    denied = luis.get(f"/web/cases/{general}")
    assert denied.status_code == 404  # "not found", not "forbidden": nothing learnt about it
    assert console.client("admin").get(f"/web/cases/{general}").status_code == 200
    assert console.client("auditor").get(f"/web/cases/{constancia}").status_code == 200
    assert console.client("coord").get(f"/web/cases/{general}").status_code == 403


def test_received_to_resolved_reaches_the_device(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    rosa = console.client("rosa")
    moved = rosa.post(
        f"/web/cases/{case_id}/move",
        {"target": "in_review", "message": "Estamos revisando su pedido.", "note": "Pedir informe a archivo"},
    )
    assert moved.status_code == 302
    assert rosa.post(f"/web/cases/{case_id}/move", {"target": "approved"}).status_code == 302
    refused = rosa.post(f"/web/cases/{case_id}/move", {"target": "resolved", "message": "Listo"})
    assert refused.status_code == 422
    assert "adjunte el documento final (PDF)" in refused.text
    assert "Listo" in refused.text  # what was typed is shown again
    not_pdf = rosa.post(
        f"/web/cases/{case_id}/move",
        {"target": "resolved", "document": (io.BytesIO(b"hola"), "resolucion.txt")},
        content_type="multipart/form-data",
    )
    assert not_pdf.status_code == 422
    assert "debe ser un PDF" in not_pdf.text
    done = rosa.post(
        f"/web/cases/{case_id}/move",
        {
            "target": "resolved",
            "message": "Puede recoger su constancia.",
            "document": (io.BytesIO(PDF), "resolución 12.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    page = rosa.get(f"/web/cases/{case_id}").text
    assert "resolución 12.pdf" in page
    assert "Pedir informe a archivo" in page

    status_changes = [c for c in pulled(device, "status") if c["submission_id"] == case_id]
    assert [c["status"] for c in status_changes] == ["received", "in_review", "approved", "resolved"]
    assert status_changes[1]["note_public"] == "Estamos revisando su pedido."
    assert "Pedir informe" not in str(status_changes)  # internal notes never leave the server
    [document] = pulled(device, "document")
    assert document["name"] == "resolución 12.pdf"
    assert document["media_type"] == "application/pdf"
    fetched = device.request("GET", f"/documents/{document['document_id']}")
    assert fetched.status_code == 200
    assert fetched.content == PDF
    with console.server.db.read() as conn:
        row = conn.execute(select(submissions.c.closed_at).where(submissions.c.id == case_id)).one()
    assert row.closed_at is not None


def test_messages_go_to_the_device_and_notes_do_not(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    rosa = console.client("rosa")
    assert rosa.post(f"/web/cases/{case_id}/message", {"body": "Traiga su DNI original."}).status_code == 302
    assert rosa.post(f"/web/cases/{case_id}/note", {"body": "Llamó por teléfono"}).status_code == 302
    empty = rosa.post(f"/web/cases/{case_id}/message", {"body": "   "})
    assert empty.status_code == 422
    assert "Escriba el texto" in empty.text
    [message] = pulled(device, "message")
    assert message["body"] == "Traiga su DNI original."
    assert message["from_unit"] == "Trámite Documentario (mesa de partes)"
    changes, _ = device.pull_all()
    assert "Llamó por teléfono" not in str(changes)
    page = rosa.get(f"/web/cases/{case_id}").text
    assert "Traiga su DNI original." in page
    assert "Llamó por teléfono" in page


def test_roles_limit_the_transitions(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    auditor = console.client("auditor")
    assert auditor.post(f"/web/cases/{case_id}/move", {"target": "in_review"}).status_code == 403
    rosa = console.client("rosa")
    rosa.post(f"/web/cases/{case_id}/move", {"target": "rejected", "message": "No corresponde."})
    archive = rosa.post(f"/web/cases/{case_id}/move", {"target": "archived"})
    assert archive.status_code == 403
    assert "no puede pasar una solicitud" in archive.text
    assert (
        console.client("admin").post(f"/web/cases/{case_id}/move", {"target": "archived"}).status_code == 302
    )
    impossible = console.client("admin").post(f"/web/cases/{case_id}/move", {"target": "in_review"})
    assert impossible.status_code == 409
    assert "Archivado" in impossible.text


def test_forwarding_moves_the_case_to_another_unit(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    rosa = console.client("rosa")
    unknown = rosa.post(f"/web/cases/{case_id}/move", {"target": "assigned", "unit": "no-existe"})
    assert unknown.status_code == 422
    wrong_person = rosa.post(
        f"/web/cases/{case_id}/move", {"target": "assigned", "unit": "registro-civil", "assignee": "rosa"}
    )
    assert wrong_person.status_code == 422
    assert "no es un funcionario activo" in wrong_person.text
    moved = rosa.post(
        f"/web/cases/{case_id}/move", {"target": "assigned", "unit": "registro-civil", "assignee": "luis"}
    )
    assert moved.status_code == 302
    assert rosa.get(f"/web/cases/{case_id}").status_code == 404  # no longer rosa's unit
    luis = console.client("luis")
    page = luis.get(f"/web/cases/{case_id}").text
    assert "Registro Civil" in page
    assert "→ luis" in page
    assert case_id in luis.get("/web/inbox?assignee=me").text
    [status] = [c for c in pulled(device, "status") if c["status"] == "assigned"]
    assert status["submission_id"] == case_id


def test_assigning_inside_the_unit_does_not_change_the_status(console: Console) -> None:
    device = console.device()
    [case_id] = file_cases(device, constancia_answers(), service_id=CONSTANCIA)
    luis = console.client("luis")
    assert luis.post(f"/web/cases/{case_id}/assign", {"assignee": "luis"}).status_code == 302
    with console.server.db.read() as conn:
        assert get_submission(conn, INSTITUTION, case_id).status == statuses.RECEIVED
    assert case_id in luis.get("/web/inbox?assignee=me").text
    assert case_id in luis.get("/web/inbox?assignee=").text
    assert case_id not in luis.get("/web/inbox?assignee=none").text


def test_an_observation_suspends_the_deadline_and_pushes_the_due_date_back(console: Console) -> None:
    device = console.device()
    [case_id] = file_cases(device, constancia_answers(), service_id=CONSTANCIA)
    luis = _user(console, "luis")
    with console.server.db.read() as conn:
        before = get_submission(conn, INSTITUTION, case_id)
        calendar = get_institution(conn, INSTITUTION).business_calendar()
    monday = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 10:00 in Lima, a business day
    cases.move_case(
        console.server, luis, case_id, statuses.OBSERVED, message="Falta la copia del recibo", now=monday
    )
    page = console.client("luis").get(f"/web/cases/{case_id}").text
    assert "el plazo está suspendido" in page
    thursday = monday + timedelta(days=3)
    cases.move_case(console.server, luis, case_id, statuses.IN_REVIEW, now=thursday)
    with console.server.db.read() as conn:
        after = get_submission(conn, INSTITUTION, case_id)
    assert suspended_days(calendar, monday, thursday) == 3
    assert after.due_date == calendar.add_business_days(before.due_date, 3)
    [*_, last] = [c for c in pulled(device, "status") if c["submission_id"] == case_id]
    assert last["status"] == "in_review"
    assert last["due_date"] == after.due_date.isoformat()


def test_deadline_states() -> None:
    from shared.business_days import BusinessCalendar

    calendar = BusinessCalendar()
    at = datetime(2026, 3, 2, 15, tzinfo=UTC)
    due = date(2026, 3, 10)  # a Tuesday

    def state(today: date, status: str = "in_review", closed: datetime | None = None):
        return deadline_info(
            calendar, status=status, due_date=due, status_at=at, closed_at=closed, today=today
        )

    assert state(date(2026, 3, 3)).state == "on_time"
    assert state(date(2026, 3, 6)).state == "due_soon"  # Friday: two business days left
    assert state(date(2026, 3, 10)).days_left == 0
    late = state(date(2026, 3, 12))
    assert late.state == "overdue"
    assert late.days_left == -2
    observed = state(date(2026, 3, 5), "observed")
    assert observed.state == "suspended"
    assert observed.observation_due == date(2026, 3, 4)
    assert observed.observation_expired
    assert state(date(2026, 3, 20), "resolved", datetime(2026, 3, 11, 15, tzinfo=UTC)).closed_late
    assert (
        deadline_info(
            calendar, status="received", due_date=None, status_at=at, closed_at=None, today=due
        ).state
        == "none"
    )


def test_attachments_are_opened_for_the_official_only(console: Console) -> None:
    device = console.device()
    content = b"%PDF-1.4 copia del DNI"
    [case_id] = file_cases(
        device,
        __import__("tests.sync_server.device_client", fromlist=["x"]).valid_answers(),
        files=[(content, "application/pdf", "dni.pdf")],
    )
    rosa = console.client("rosa")
    page = rosa.get(f"/web/cases/{case_id}").text
    assert "dni.pdf" in page
    import re

    link = re.search(r'href="(/web/cases/[^"]+/attachments/[0-9a-f]{64})"', page).group(1)
    opened = rosa.get(link)
    assert opened.status_code == 200
    assert opened.data == content
    assert opened.headers["Content-Type"] == "application/pdf"
    download = rosa.get(link + "?download=1")
    assert "attachment" in download.headers["Content-Disposition"]
    assert console.client("luis").get(link).status_code == 404


def test_a_move_that_fails_changes_nothing(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    rosa = _user(console, "rosa")
    with pytest.raises(TamboError) as caught:
        cases.move_case(console.server, rosa, case_id, statuses.RESOLVED, message="x")
    assert caught.value.code == errors.SUBMISSION_STATUS_TRANSITION
    with pytest.raises(TamboError) as caught:
        cases.move_case(
            console.server, rosa, case_id, statuses.ASSIGNED, unit="registro-civil", assignee="nadie"
        )
    assert caught.value.code == errors.CASE_ASSIGNEE_INVALID
    with console.server.db.read() as conn:
        assert get_submission(conn, INSTITUTION, case_id).status == statuses.RECEIVED
    assert [c["status"] for c in pulled(device, "status")] == ["received"]


def test_a_stale_form_is_refused(console: Console) -> None:
    device = console.device()
    [case_id] = file_general(device)
    rosa = console.client("rosa")
    assert rosa.post(f"/web/cases/{case_id}/move", {"target": "in_review"}, csrf="robado").status_code == 403
    with console.server.db.write() as conn:
        conn.execute(update(submissions).where(submissions.c.id == case_id).values(status="in_review"))
    assert rosa.post(f"/web/cases/{case_id}/move", {"target": "in_review"}).status_code == 409


def test_the_inbox_says_when_the_time_to_complete_an_observation_ran_out(console: Console) -> None:
    device = console.device()
    [late, fresh] = file_cases(device, constancia_answers(), constancia_answers(), service_id=CONSTANCIA)
    luis = _user(console, "luis")
    cases.move_case(console.server, luis, late, statuses.OBSERVED, now=datetime.now(UTC) - timedelta(days=10))
    cases.move_case(console.server, luis, fresh, statuses.OBSERVED)
    page = console.client("luis").get("/web/inbox?status=observed").text
    rows = {case_id: page.split(case_id)[1].split("</tr>")[0] for case_id in (late, fresh)}
    assert "Venció el plazo para subsanar" in rows[late]
    assert "Venció el plazo para subsanar" not in rows[fresh]
