"""Extending a case's deadline once (Ley 27806, art. 11 b; reglamento D.S. 007-2024-JUS): the service's
deadline declares ``notice_business_days``; an official who may act on the case extends it while it is
open, within that many business days of the official filing date, to a later business day, with a
justification. The new due date, a route entry, the audit entry and the status and message for the
capturing device go together; every refusal changes nothing. Checked over HTTP on SQLite and
PostgreSQL, with the rules one by one, and with a real desktop device that syncs and shows the new
date in its list and at the kiosk's status lookup."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from shared import errors, statuses
from shared.errors import TamboError
from sync_server.ops import cases
from sync_server.ops.case_view import case_view
from sync_server.storage.cases import deadline_extension
from sync_server.storage.institutions import get_institution
from sync_server.storage.schema import audit_log, institutions
from sync_server.storage.submissions import get_submission
from sync_server.storage.users import add_user, get_user
from tests.sync_server.console.cases_support import file_cases
from tests.sync_server.console.conftest import INSTITUTION, PASSWORD, Console
from tests.sync_server.device_client import DeviceClient

ACCESO = "acceso-informacion-publica"
UNIT = "secretaria-general"
#: a Monday, 10:00 in Lima: the official filing date is that day; the 2-day notice runs to Wednesday
MONDAY = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
REASON = "La información está en el archivo central y hay que digitalizar 300 folios."


def acceso_answers(**overrides: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "tipo_documento": "dni",
        "dni": "45678912",
        "nombres": "Juana",
        "apellidos": "Condori Apaza",
        "domicilio": "Av. Puno 456",
        "distrito": "210501",
        "pedido": "Copia de los contratos de obras de 2025.",
        "formato_entrega": "copia",
    }
    answers.update(overrides)
    return answers


def add_official(console: Console, login: str = "sofia") -> None:
    """An official of the unit that answers public-information requests."""
    with console.server.db.write() as conn:
        add_user(
            conn,
            INSTITUTION,
            login,
            PASSWORD,
            role="official",
            units=[UNIT],
            actor="test",
            now=datetime.now(UTC),
        )


def user(console: Console, login: str):
    with console.server.db.read() as conn:
        return get_user(conn, INSTITUTION, login)


def file_acceso(device: DeviceClient, filed_at: datetime | None = None) -> str:
    sealed = device.seal(acceso_answers(), service_id=ACCESO, filed_at=filed_at)
    response = device.push([sealed.envelope])
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "accepted", response.text
    return sealed.envelope.id


def calendar_of(console: Console):
    with console.server.db.read() as conn:
        return get_institution(conn, INSTITUTION).business_calendar()


def case_of(console: Console, case_id: str):
    with console.server.db.read() as conn:
        return get_submission(conn, INSTITUTION, case_id), deadline_extension(conn, INSTITUTION, case_id)


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def first_weekend_day_after(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() < 5:
        day += timedelta(days=1)
    return day


# --- the happy path over HTTP, on both backends --------------------------------------------------------


def extend_over_http(console: Console) -> None:
    add_official(console)
    device = console.device()
    case_id = file_acceso(device)
    calendar = calendar_of(console)
    before, _ = case_of(console, case_id)
    new_due = calendar.add_business_days(before.due_date, 5)
    sofia = console.client("sofia")

    page = sofia.get(f"/web/cases/{case_id}").text
    assert 'id="extend-form"' in page
    assert f'min="{calendar.next_business_day(before.due_date).isoformat()}"' in page
    assert 'id="deadline-extension"' not in page
    auditor_page = console.client("auditor").get(f"/web/cases/{case_id}").text
    assert 'id="extend-form"' not in auditor_page  # reads the case, changes nothing

    done = sofia.post(f"/web/cases/{case_id}/deadline", {"due_date": new_due.isoformat(), "reason": REASON})
    assert done.status_code == 302, done.text
    assert "done=extended" in done.headers["Location"]

    after, extension = case_of(console, case_id)
    assert after.due_date == new_due
    assert after.status == statuses.RECEIVED  # the status does not change
    assert extension is not None
    assert (extension.original_due_date, extension.extended_due_date) == (before.due_date, new_due)
    assert extension.reason == REASON

    page = sofia.get(f"/web/cases/{case_id}?done=extended").text
    assert "El plazo se amplió" in page
    box = page.split('id="deadline-extension"')[1].split("</p>")[0]
    assert dmy(before.due_date) in box
    assert dmy(new_due) in box
    assert REASON in box
    assert f"Plazo ampliado hasta {dmy(new_due)}: {REASON}" in page  # the route
    assert 'id="extend-form"' not in page
    assert "solo puede ampliarse una vez" in page  # the action is explained, not offered

    with console.server.db.read() as conn:
        [details] = conn.execute(
            select(audit_log.c.details).where(
                audit_log.c.action == "submission.deadline_extended", audit_log.c.subject == case_id
            )
        ).scalars()
    assert json.loads(details)["from"] == before.due_date.isoformat()
    assert json.loads(details)["to"] == new_due.isoformat()

    changes, _ = device.pull_all()
    mine = [c for c in changes if c.get("submission_id") == case_id]
    status_changes = [c for c in mine if c["kind"] == "status"]
    assert [c["status"] for c in status_changes] == ["received", "received"]
    assert status_changes[-1]["due_date"] == new_due.isoformat()
    assert status_changes[-1]["note_public"] == f"Plazo ampliado hasta {dmy(new_due)}: {REASON}"
    [message] = [c for c in mine if c["kind"] == "message"]
    assert dmy(new_due) in message["body"]
    assert REASON in message["body"]
    assert message["from_unit"] == "Secretaría General"

    again = sofia.post(
        f"/web/cases/{case_id}/deadline",
        {"due_date": calendar.next_business_day(new_due).isoformat(), "reason": "Otra vez"},
    )
    assert again.status_code == 409
    assert "solo puede ampliarse una vez" in again.text
    assert case_of(console, case_id)[0].due_date == new_due


def test_an_official_extends_the_deadline_once_on_sqlite(console: Console) -> None:
    extend_over_http(console)


def test_an_official_extends_the_deadline_once_on_postgresql(console_pg: Console) -> None:
    extend_over_http(console_pg)


# --- every refusal, each changing nothing ------------------------------------------------------------


def refused(console: Console, case_id: str, code: str, login: str = "sofia", **options: object) -> None:
    before, _ = case_of(console, case_id)
    arguments = {"new_due_date": before.due_date and before.due_date + timedelta(days=7), "reason": REASON}
    arguments.update(options)
    with pytest.raises(TamboError) as caught:
        cases.extend_deadline(console.server, user(console, login), case_id, **arguments)  # type: ignore[arg-type]
    assert caught.value.code == code, caught.value
    after, extension = case_of(console, case_id)
    assert (after.due_date, after.status, after.status_at) == (
        before.due_date,
        before.status,
        before.status_at,
    )
    if code != errors.CASE_DEADLINE_ALREADY_EXTENDED:
        assert extension is None


def test_a_service_whose_deadline_declares_no_extension_is_refused(console: Console) -> None:
    device = console.device()
    [case_id] = file_cases(device, acceso_answers(), service_id=ACCESO)
    [constancia] = file_cases(
        device,
        {
            "dni": "45678912",
            "nombres": "Juana",
            "apellidos": "Condori Apaza",
            "domicilio": "Av. Puno 456",
            "distrito": "210501",
            "referencia": "Frente a la plaza",
            "celular": "987654321",
            "finalidad": "trabajo",
        },
        service_id="constancia-domiciliaria",
    )
    refused(console, constancia, errors.CASE_DEADLINE_NOT_EXTENDABLE, login="luis")
    page = console.client("luis").get(f"/web/cases/{constancia}").text
    assert 'id="extend"' not in page  # nothing offered, nothing to explain
    assert 'id="extend-form"' in console.client("admin").get(f"/web/cases/{case_id}").text


def test_the_deadline_is_extended_only_once(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device(), MONDAY)
    calendar = calendar_of(console)
    due = case_of(console, case_id)[0].due_date
    cases.extend_deadline(
        console.server,
        user(console, "sofia"),
        case_id,
        calendar.add_business_days(due, 3),
        REASON,
        now=MONDAY,
    )
    refused(
        console,
        case_id,
        errors.CASE_DEADLINE_ALREADY_EXTENDED,
        new_due_date=calendar.add_business_days(due, 6),
        now=MONDAY + timedelta(hours=1),
    )


def test_the_extension_must_be_announced_within_the_notice_days(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device(), MONDAY)
    case, _ = case_of(console, case_id)
    assert case.official_date == date(2026, 3, 2)
    sofia = user(console, "sofia")
    wednesday_evening = datetime(2026, 3, 4, 23, 0, tzinfo=UTC)  # 18:00 in Lima: the last day
    thursday = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    refused(console, case_id, errors.CASE_DEADLINE_NOTICE_PASSED, now=thursday)
    view = case_view(console.server, sofia, case_id, today=date(2026, 3, 5))
    assert not view.can_extend
    assert view.extension_refusal is not None
    assert "hasta el 04/03/2026" in view.extension_refusal.message()
    assert case_view(console.server, sofia, case_id, today=date(2026, 3, 4)).can_extend
    new_due = calendar_of(console).add_business_days(case.due_date, 5)
    cases.extend_deadline(console.server, sofia, case_id, new_due, REASON, now=wednesday_evening)
    assert case_of(console, case_id)[1] is not None


def test_the_new_date_is_a_later_business_day(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device(), MONDAY)
    due = case_of(console, case_id)[0].due_date
    for new_due in (due, due - timedelta(days=1)):
        refused(console, case_id, errors.CASE_DEADLINE_DATE_NOT_LATER, new_due_date=new_due, now=MONDAY)
    weekend = first_weekend_day_after(due)
    refused(console, case_id, errors.CASE_DEADLINE_DATE_NOT_BUSINESS_DAY, new_due_date=weekend, now=MONDAY)
    holiday = date(2026, 3, 31)  # a day the institution declared non-working
    with console.server.db.write() as conn:
        institution = get_institution(conn, INSTITUTION)
        calendar = {**institution.calendar, "non_working_days": [holiday.isoformat()]}
        conn.execute(update(institutions).where(institutions.c.id == INSTITUTION).values(calendar=calendar))
    refused(console, case_id, errors.CASE_DEADLINE_DATE_NOT_BUSINESS_DAY, new_due_date=holiday, now=MONDAY)
    refused(console, case_id, errors.CONSOLE_INPUT, new_due_date="31/03/2026", now=MONDAY)
    refused(console, case_id, errors.CASE_DEADLINE_REASON_REQUIRED, reason="   ", now=MONDAY)


def test_a_closed_case_keeps_its_deadline(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device(), MONDAY)
    sofia = user(console, "sofia")
    cases.move_case(console.server, sofia, case_id, statuses.REJECTED, message="No existe", now=MONDAY)
    refused(console, case_id, errors.CASE_DEADLINE_CLOSED, now=MONDAY + timedelta(hours=1))
    page = console.client("sofia").get(f"/web/cases/{case_id}").text
    assert 'id="extend"' not in page


def test_only_who_may_act_on_the_case_extends_it(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device(), MONDAY)
    refused(console, case_id, errors.CONSOLE_ROLE, login="auditor", now=MONDAY)
    refused(console, case_id, errors.SUBMISSION_NOT_FOUND, login="rosa", now=MONDAY)  # another unit
    auditor = console.client("auditor")
    assert auditor.post(f"/web/cases/{case_id}/deadline", {"due_date": "2026-04-01"}).status_code == 403
    rosa = console.client("rosa")
    assert rosa.post(f"/web/cases/{case_id}/deadline", {"due_date": "2026-04-01"}).status_code == 404
    admin = console.client("admin")
    stolen = admin.post(
        f"/web/cases/{case_id}/deadline", {"due_date": "2026-04-01", "reason": REASON}, csrf="robado"
    )
    assert stolen.status_code == 403
    assert case_of(console, case_id)[1] is None


def test_a_refused_form_shows_the_reason_and_what_was_typed(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device())
    due = case_of(console, case_id)[0].due_date
    sofia = console.client("sofia")
    page = sofia.post(f"/web/cases/{case_id}/deadline", {"due_date": due.isoformat(), "reason": REASON})
    assert page.status_code == 422
    assert f"posterior al vencimiento actual ({dmy(due)})" in page.text
    assert REASON in page.text
    assert f'value="{due.isoformat()}"' in page.text
    english = console.client("sofia")
    english.get("/web/lang/en")
    html = english.get(f"/web/cases/{case_id}").text
    assert "Extend the deadline" in html
    assert "Ampliar plazo" not in html


# --- a real desktop device ----------------------------------------------------------------------------


def test_a_real_device_shows_the_new_due_date_in_its_list_and_at_the_kiosk(
    console: Console, tmp_path: Path
) -> None:
    from desktop.ops.api import NewSubmission
    from tests.sync.support import enroll_desk, sync_once

    add_official(console)
    desk = enroll_desk(tmp_path / "desk", console.url, console.server, "Kiosco 1")
    try:
        saved = desk.backend.save_submission(
            NewSubmission(ACCESO, 1, acceso_answers(), (), received_by="Ana Torres")
        )
        code = saved.row.tracking_code
        report = sync_once(desk, console.url)
        assert report.complete, report.error
        case, _ = case_of(console, saved.row.id)
        new_due = calendar_of(console).add_business_days(case.due_date, 10)
        cases.extend_deadline(console.server, user(console, "sofia"), saved.row.id, new_due, REASON)

        report = sync_once(desk, console.url)
        assert report.complete, report.error
        [row] = desk.backend.search(code)
        assert row.due_date == new_due  # the clerk's list
        lookup = desk.backend.lookup_status(code, "8912")  # the citizen at the kiosk
        assert lookup.due_date == new_due
        assert lookup.status == statuses.RECEIVED
        assert any(REASON in m.body and dmy(new_due) in m.body for m in lookup.messages)
        history = desk.backend.submission(code).history
        assert any(f"Plazo ampliado hasta {dmy(new_due)}" in item.get("status", "") for item in history)
        assert desk.backend.submission(code).receipt.due_date == saved.receipt.due_date  # as issued
    finally:
        desk.close()


def test_the_route_shows_the_extension_with_its_author(console: Console) -> None:
    add_official(console)
    case_id = file_acceso(console.device(), MONDAY)
    due = case_of(console, case_id)[0].due_date
    new_due = calendar_of(console).add_business_days(due, 2)
    cases.extend_deadline(console.server, user(console, "sofia"), case_id, new_due, REASON, now=MONDAY)
    page = console.client("admin").get(f"/web/cases/{case_id}").text
    route = page.split('id="route-title"')[1]
    entry = re.search(
        r"<li class=\"route-status\">(?:(?!</li>).)*Plazo ampliado(?:(?!</li>).)*</li>", route, re.S
    )
    assert entry is not None
    assert "sofia" in entry.group(0)
