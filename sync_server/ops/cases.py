"""What an official does to a case: move it along the workflow (with a message to the applicant and an
internal note), forward it to another unit, assign it, write to the applicant, attach the final PDF,
extend its deadline once where the service allows it.

Each action is one transaction. Everything the capturing device needs (the new status with its due
date and message, messages, the final document) goes through :mod:`sync_server.storage.workflow`,
which appends it to the change log the device pulls; assignments and internal notes stay in the case
log, inside the institution.

Who may do what is :mod:`sync_server.ops.roles`; a case outside the user's units answers "not found",
so an official learns nothing about cases that are not theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import BinaryIO

from sqlalchemy import Connection

from shared import errors, statuses
from shared.errors import TamboError
from shared.i18n import pick
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.console_auth import actor_of
from sync_server.ops.deadlines import (
    check_extended_date,
    dmy,
    extension_refusal,
    local_date,
    suspended_days,
)
from sync_server.storage.accounts import officials_of_unit
from sync_server.storage.cases import (
    ASSIGN,
    NOTE,
    case_state,
    deadline_extension,
    list_documents,
    log_case,
    update_case,
)
from sync_server.storage.institutions import Institution, require_institution
from sync_server.storage.submissions import SubmissionRecord, get_submission
from sync_server.storage.users import User
from sync_server.storage.workflow import add_message, attach_document, change_status, extend_due_date

MAX_TEXT = 4000
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class UploadedFile:
    """A file from a form: its name as the user's computer called it, and its bytes."""

    name: str
    stream: BinaryIO


def visible_case(conn: Connection, user: User, submission_id: str) -> SubmissionRecord:
    """The case if this user may see it; SUBMISSION_NOT_FOUND otherwise (also when it exists)."""
    roles.require(user, roles.CASES_READ)
    found = get_submission(conn, user.institution_id, submission_id)
    if found is None or not roles.sees_unit(user, _unit_of(conn, found)):
        raise TamboError(errors.SUBMISSION_NOT_FOUND, params={"submission": submission_id})
    return found


def _unit_of(conn: Connection, submission: SubmissionRecord) -> str | None:
    state = case_state(conn, submission.institution_id, submission.id)
    return state.unit_code if state else None


def unit_name(institution: Institution, code: str | None, lang: str = "es") -> str:
    for unit in institution.units:
        if unit.get("code") == code:
            return pick(unit.get("name"), lang) or code or ""
    return code or ""


def _text(value: str | None, field: str) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise TamboError(
            errors.CONSOLE_INPUT, params={"field": field, "problem": f"máximo {MAX_TEXT} caracteres"}
        )
    return text or None


def _check_unit(institution: Institution, unit: str | None) -> str:
    codes = {u.get("code") for u in institution.units}
    if not unit or unit not in codes:
        raise TamboError(errors.CASE_UNIT_UNKNOWN, params={"unit": unit or "—"})
    return unit


def _assignee(conn: Connection, institution: Institution, unit: str, login: str | None) -> int | None:
    if not login:
        return None
    for official in officials_of_unit(conn, institution.id, unit):
        if official.login == login:
            return official.id
    raise TamboError(errors.CASE_ASSIGNEE_INVALID, params={"login": login, "unit": unit})


def _store_pdf(server: Server, document: UploadedFile) -> tuple[str, int]:
    head = document.stream.read(len(PDF_MAGIC))
    if head != PDF_MAGIC:
        raise TamboError(errors.CASE_DOCUMENT_NOT_PDF, params={"name": document.name})
    document.stream.seek(0)
    return server.blobs.store(document.stream, max_bytes=server.settings.max_attachment_bytes)


def _document_name(name: str) -> str:
    cleaned = "".join(ch for ch in name.replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable()).strip()
    return (cleaned or "documento.pdf")[:255]


def move_case(
    server: Server,
    user: User,
    submission_id: str,
    target: str,
    *,
    message: str | None = None,
    note: str | None = None,
    unit: str | None = None,
    assignee: str | None = None,
    document: UploadedFile | None = None,
    now: datetime | None = None,
) -> None:
    """Change the status; forwarding (``assigned``) names the unit and maybe the official; resolving
    needs a final PDF, here or attached before. Refused with a clear error, changing nothing."""
    now = now or datetime.now(UTC)
    roles.require(user, roles.CASES_ACT)
    message = _text(message, "mensaje")
    note = _text(note, "nota interna")
    if target not in roles.ROLE_TARGETS.get(user.role, frozenset()):
        raise TamboError(
            errors.CASE_TRANSITION_ROLE, params={"role": user.role, "target": statuses.status_label(target)}
        )
    stored = _store_pdf(server, document) if document is not None else None
    actor = actor_of(user)
    with server.db.write() as conn:
        case = visible_case(conn, user, submission_id)
        institution = require_institution(conn, user.institution_id)
        calendar = institution.business_calendar()
        if not statuses.can_move(case.status, target):
            raise TamboError(
                errors.SUBMISSION_STATUS_TRANSITION,
                params={
                    "current": statuses.status_label(case.status),
                    "target": statuses.status_label(target),
                },
            )
        if (
            target == statuses.RESOLVED
            and stored is None
            and not list_documents(conn, case.institution_id, case.id)
        ):
            raise TamboError(errors.CASE_DOCUMENT_REQUIRED)
        changes: dict[str, object] = {}
        if case.status == statuses.OBSERVED and case.due_date is not None:
            pause = suspended_days(calendar, case.status_at, now)
            changes["due_date"] = calendar.add_business_days(case.due_date, pause)
        if statuses.STATUSES[target].final:
            changes["closed_at"] = now
        if target == statuses.ASSIGNED:
            unit_code = _check_unit(institution, unit)
            assignee_id = _assignee(conn, institution, unit_code, assignee)
            changes.update(unit_code=unit_code, assignee_id=assignee_id)
        update_case(conn, case.institution_id, case.id, **changes)  # type: ignore[arg-type]
        change_status(
            conn,
            case.institution_id,
            case.id,
            target,
            actor=actor,
            now=now,
            note_public=message,
            note_internal=note,
        )
        if target == statuses.ASSIGNED:
            log_case(
                conn,
                case.institution_id,
                case.id,
                ASSIGN,
                actor=actor,
                now=now,
                unit_code=changes["unit_code"],  # type: ignore[arg-type]
                assignee_id=changes["assignee_id"],  # type: ignore[arg-type]
            )
        if stored is not None:
            attach_document(
                conn,
                case.institution_id,
                case.id,
                name=_document_name(document.name),  # type: ignore[union-attr]
                media_type="application/pdf",
                sha256=stored[0],
                size=stored[1],
                actor=actor,
                now=now,
            )


def assign_case(
    server: Server, user: User, submission_id: str, assignee: str | None, *, now: datetime | None = None
) -> None:
    """Give the case to an official of its unit (or to nobody), without changing its status."""
    now = now or datetime.now(UTC)
    roles.require(user, roles.CASES_ACT)
    with server.db.write() as conn:
        case = visible_case(conn, user, submission_id)
        institution = require_institution(conn, user.institution_id)
        unit = _unit_of(conn, case) or ""
        assignee_id = _assignee(conn, institution, unit, assignee)
        update_case(conn, case.institution_id, case.id, assignee_id=assignee_id)
        log_case(
            conn,
            case.institution_id,
            case.id,
            ASSIGN,
            actor=actor_of(user),
            now=now,
            unit_code=unit,
            assignee_id=assignee_id,
        )


def send_message(
    server: Server, user: User, submission_id: str, body: str, *, now: datetime | None = None
) -> None:
    """A message to the applicant, signed by the case's unit, delivered on the device's next pull."""
    now = now or datetime.now(UTC)
    roles.require(user, roles.CASES_ACT)
    text = _text(body, "mensaje")
    if text is None:
        raise TamboError(errors.CASE_EMPTY_TEXT)
    with server.db.write() as conn:
        case = visible_case(conn, user, submission_id)
        institution = require_institution(conn, user.institution_id)
        from_unit = unit_name(institution, _unit_of(conn, case)) or institution.name
        add_message(
            conn, case.institution_id, case.id, text, from_unit=from_unit, actor=actor_of(user), now=now
        )


def add_note(
    server: Server, user: User, submission_id: str, body: str, *, now: datetime | None = None
) -> None:
    """An internal note on the case's route; never sent to the device."""
    now = now or datetime.now(UTC)
    roles.require(user, roles.CASES_ACT)
    text = _text(body, "nota interna")
    if text is None:
        raise TamboError(errors.CASE_EMPTY_TEXT)
    with server.db.write() as conn:
        case = visible_case(conn, user, submission_id)
        log_case(conn, case.institution_id, case.id, NOTE, actor=actor_of(user), now=now, body=text)


def add_document(
    server: Server, user: User, submission_id: str, document: UploadedFile, *, now: datetime | None = None
) -> None:
    """Attach a PDF to the case (before resolving, or a corrected one after); the device receives it."""
    now = now or datetime.now(UTC)
    roles.require(user, roles.CASES_ACT)
    sha256, size = _store_pdf(server, document)
    with server.db.write() as conn:
        case = visible_case(conn, user, submission_id)
        attach_document(
            conn,
            case.institution_id,
            case.id,
            name=_document_name(document.name),
            media_type="application/pdf",
            sha256=sha256,
            size=size,
            actor=actor_of(user),
            now=now,
        )


def _new_due_date(value: str | date | None) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise TamboError(
            errors.CONSOLE_INPUT, params={"field": "nueva fecha", "problem": "use una fecha válida"}
        ) from None


def extension_note(new_due_date: date, reason: str) -> str:
    """What the route and the device's history show for an extension."""
    return f"Plazo ampliado hasta {dmy(new_due_date)}: {reason}"


def extension_message(new_due_date: date, reason: str) -> str:
    """What the applicant reads (also at the kiosk's status lookup)."""
    return (
        f"Necesitamos más tiempo para atender su solicitud. Le responderemos a más tardar el "
        f"{dmy(new_due_date)}. Motivo: {reason}"
    )


def extend_deadline(
    server: Server,
    user: User,
    submission_id: str,
    new_due_date: str | date | None,
    reason: str | None,
    *,
    now: datetime | None = None,
) -> None:
    """Extend the case's deadline once (Ley 27806, art. 11 b), for services whose deadline declares
    ``notice_business_days``; the rules are :func:`sync_server.ops.deadlines.extension_refusal` and
    :func:`~sync_server.ops.deadlines.check_extended_date`. One transaction: the new due date, the
    route entry "Plazo ampliado hasta dd/mm/aaaa: motivo", the status with the new due date and a
    message to the applicant for the capturing device, the audit entry."""
    now = now or datetime.now(UTC)
    roles.require(user, roles.CASES_ACT)
    reason = _text(reason, "motivo")
    if reason is None:
        raise TamboError(errors.CASE_DEADLINE_REASON_REQUIRED)
    new_date = _new_due_date(new_due_date)
    actor = actor_of(user)
    with server.db.write() as conn:
        for _attempt in range(2):  # a second look only if the case changed under us
            case = visible_case(conn, user, submission_id)
            institution = require_institution(conn, user.institution_id)
            calendar = institution.business_calendar()
            service = server.forms.get(conn, case.institution_id, case.service_id, case.form_version)
            earlier = deadline_extension(conn, case.institution_id, case.id)
            refusal = extension_refusal(
                calendar,
                service.deadline if service else None,
                status=case.status,
                due_date=case.due_date,
                official_date=case.official_date,
                extended_to=earlier.extended_due_date if earlier else None,
                today=local_date(now, calendar),
            )
            if refusal is not None:
                raise refusal
            assert case.due_date is not None  # extension_refusal refuses a case without one
            check_extended_date(calendar, case.due_date, new_date)
            if extend_due_date(
                conn,
                case.institution_id,
                case.id,
                new_date,
                reason=reason,
                note_public=extension_note(new_date, reason),
                message=extension_message(new_date, reason),
                from_unit=unit_name(institution, _unit_of(conn, case)) or institution.name,
                actor=actor,
                now=now,
            ):
                return
        raise TamboError(errors.CASE_DEADLINE_ALREADY_EXTENDED, params={"date": "—"})
