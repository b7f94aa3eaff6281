"""Everything the case page shows, as plain data: the answers rendered from the form version they were
captured with, the attachments, the receipt data, the route (status changes, assignments, messages,
documents, notes, with who and when), the deadline, and what this user may do next.

Also the two downloads of the page: an attachment (opened with the institution key here, never stored
in the clear) and a final document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from shared import errors
from shared.errors import TamboError
from shared.forms import Field, ServiceDefinition
from shared.forms.display import display_value, human_size
from shared.i18n import pick
from shared.submission import AttachmentMeta, open_attachment
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.cases import unit_name, visible_case
from sync_server.ops.deadlines import (
    DeadlineInfo,
    deadline_info,
    extension_notice_due,
    extension_refusal,
    local_date,
)
from sync_server.storage.accounts import logins_by_id, officials_of_unit
from sync_server.storage.cases import (
    ASSIGN,
    DeadlineExtension,
    case_log_entries,
    case_state,
    deadline_extension,
    list_documents,
)
from sync_server.storage.devices import device_by_device_id
from sync_server.storage.institutions import Institution, require_institution
from sync_server.storage.submissions import SubmissionRecord
from sync_server.storage.users import User
from sync_server.storage.workflow import Document, list_messages, status_history


@dataclass(frozen=True)
class FileLink:
    field: str
    name: str
    size: str
    media_type: str
    sealed_sha256: str


@dataclass
class AnswerItem:
    """One line of the answers: a value, a group heading with children, or a repeat's instances."""

    label: str
    text: str = ""
    kind: str = "value"  # value | group | instance | files | hidden
    children: list[AnswerItem] = field(default_factory=list)
    files: list[FileLink] = field(default_factory=list)


@dataclass(frozen=True)
class RouteEntry:
    """One step of the case's history; ``internal`` entries never reach the applicant."""

    at: datetime
    kind: str  # status | assign | message | document | note
    actor: str
    status: str | None = None
    note_public: str | None = None
    note_internal: str | None = None
    unit: str | None = None
    assignee: str | None = None
    body: str | None = None
    document: Document | None = None

    @property
    def internal(self) -> bool:
        return self.kind in ("assign", "note")


@dataclass
class CaseView:
    case: SubmissionRecord
    institution: Institution
    service: ServiceDefinition | None
    service_title: str
    unit_code: str | None
    unit_label: str
    assignee: str | None
    deadline: DeadlineInfo
    answers: list[AnswerItem]
    protected: bool
    attachments: list[FileLink]
    documents: list[Document]
    route: list[RouteEntry]
    device_name: str | None
    targets: list[str]
    can_act: bool
    units: list[tuple[str, str]]
    officials: list[str]
    officials_by_unit: dict[str, list[str]]
    filed_local: datetime | None = None
    fee: str = ""
    deadline_rule: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    extension: DeadlineExtension | None = None
    #: the extension of the deadline: whether this user may do it now, else why not (None when there is
    #: nothing to explain: a deadline that cannot be extended, a closed case), the earliest new date,
    #: and the last day to announce it
    can_extend: bool = False
    extension_refusal: TamboError | None = None
    extension_min: date | None = None
    extension_notice_due: date | None = None


def actor_label(actor: str) -> str:
    """``user:ana`` -> ``ana``; ``device:...`` -> the device (the filing itself)."""
    kind, _, name = actor.partition(":")
    if kind == "user":
        return name
    if kind == "device":
        return "equipo " + name[:8]
    return actor


def _answers(
    fields: tuple[Field, ...], answers: dict[str, Any], lang: str, shown: bool, files: dict[str, FileLink]
) -> list[AnswerItem]:
    items: list[AnswerItem] = []
    for f in fields:
        label = pick(f.label, lang)
        if f.type == "note":
            continue
        if f.type == "group":
            children = _answers(f.fields, answers, lang, shown, files)
            if children:
                items.append(AnswerItem(label, kind="group", children=children))
        elif f.type == "repeat":
            instances = answers.get(f.name) or []
            group = AnswerItem(label, kind="group")
            for number, instance in enumerate(instances if isinstance(instances, list) else [], 1):
                inner = _answers(f.fields, instance if isinstance(instance, dict) else {}, lang, shown, files)
                group.children.append(AnswerItem(f"{label} {number}", kind="instance", children=inner))
            if group.children:
                items.append(group)
        elif f.name in answers:
            value = answers[f.name]
            if f.sensitive and not shown:
                items.append(AnswerItem(label, kind="hidden"))
            elif f.type == "attachment":
                listed = value if isinstance(value, list) else [value]
                links = [
                    files[i["sha256"]] for i in listed if isinstance(i, dict) and i.get("sha256") in files
                ]
                items.append(AnswerItem(label, display_value(f, value, lang), kind="files", files=links))
            else:
                items.append(AnswerItem(label, display_value(f, value, lang)))
    return items


def _file_links(case: SubmissionRecord) -> dict[str, FileLink]:
    links = {}
    for item in case.details.get("attachments", []):
        links[item["sha256"]] = FileLink(
            item.get("field", ""),
            item.get("name") or item["sha256"][:12],
            human_size(int(item.get("size", 0))),
            item.get("media_type", "application/octet-stream"),
            item["sealed_sha256"],
        )
    return links


def _route(conn: Connection, case: SubmissionRecord, institution: Institution) -> list[RouteEntry]:
    entries: list[tuple[datetime, int, RouteEntry]] = []
    for order, event in enumerate(status_history(conn, case.institution_id, case.id)):
        entry = RouteEntry(
            event.at,
            "status",
            event.actor,
            status=event.status,
            note_public=event.note_public,
            note_internal=event.note_internal,
        )
        entries.append((event.at, order, entry))
    logged = case_log_entries(conn, case.institution_id, case.id)
    names = logins_by_id(conn, [e.assignee_id for e in logged if e.assignee_id is not None])
    for item in logged:
        entry = RouteEntry(
            item.at,
            item.kind,
            item.actor,
            unit=unit_name(institution, item.unit_code) if item.kind == ASSIGN else None,
            assignee=names.get(item.assignee_id) if item.assignee_id is not None else None,
            body=item.body,
        )
        entries.append((item.at, 1000, entry))
    for message in list_messages(conn, case.institution_id, case.id):
        entries.append(
            (message.at, 2000, RouteEntry(message.at, "message", message.actor, body=message.body))
        )
    for document in list_documents(conn, case.institution_id, case.id):
        entries.append(
            (
                document.created_at,
                3000,
                RouteEntry(document.created_at, "document", document.actor, document=document),
            )
        )
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def case_view(
    server: Server, user: User, submission_id: str, *, lang: str = "es", today: date | None = None
) -> CaseView:
    with server.db.read() as conn:
        case = visible_case(conn, user, submission_id)
        institution = require_institution(conn, user.institution_id)
        calendar = institution.business_calendar()
        state = case_state(conn, case.institution_id, case.id)
        unit_code = state.unit_code if state else None
        service = server.forms.get(conn, case.institution_id, case.service_id, case.form_version)
        protected = bool(service and service.restricted) or any(
            f.sensitive for f in (service.form.walk() if service else ())
        )
        shown = roles.sees_protected_data(user, unit_code)
        files = _file_links(case)
        if service is not None and (shown or not service.restricted):
            answers = _answers(service.form.fields, dict(case.answers), lang, shown, files)
        else:
            answers = []
        sensitive_fields = {f.name for f in service.form.walk() if f.sensitive} if service else set()
        attachments = [
            link
            for link in files.values()
            if shown or (link.field not in sensitive_fields and not (service and service.restricted))
        ]
        names = logins_by_id(conn, [state.assignee_id] if state and state.assignee_id else [])
        device = device_by_device_id(conn, case.device_id)
        units = [(str(u.get("code")), pick(u.get("name"), lang)) for u in institution.units]
        officials_by_unit = {
            code: [o.login for o in officials_of_unit(conn, institution.id, code)] for code, _ in units
        }
        today = today or local_date(datetime.now(UTC), calendar)
        info = deadline_info(
            calendar,
            status=case.status,
            due_date=case.due_date,
            status_at=case.status_at,
            closed_at=state.closed_at if state else None,
            today=today,
        )
        extension = deadline_extension(conn, case.institution_id, case.id)
        refusal = extension_refusal(
            calendar,
            service.deadline if service else None,
            status=case.status,
            due_date=case.due_date,
            official_date=case.official_date,
            extended_to=extension.extended_due_date if extension else None,
            today=today,
        )
        notice_days = (
            service.deadline.notice_business_days if service and service.deadline.extendable else None
        )
        silent = (errors.CASE_DEADLINE_NOT_EXTENDABLE, errors.CASE_DEADLINE_CLOSED)  # nothing to offer
        explained = refusal if notice_days and refusal and refusal.code not in silent else None
        view = CaseView(
            case=case,
            institution=institution,
            service=service,
            service_title=pick(service.title, lang) if service else case.service_id,
            unit_code=unit_code,
            unit_label=unit_name(institution, unit_code, lang),
            assignee=names.get(state.assignee_id) if state and state.assignee_id else None,
            deadline=info,
            answers=answers,
            protected=protected and not shown,
            attachments=attachments,
            documents=list_documents(conn, case.institution_id, case.id),
            route=_route(conn, case, institution),
            device_name=device.name if device else None,
            targets=roles.allowed_targets(user, case.status),
            can_act=roles.can(user, roles.CASES_ACT),
            units=units,
            officials=officials_by_unit.get(unit_code or "", []),
            officials_by_unit=officials_by_unit,
            filed_local=case.created_at.astimezone(ZoneInfo(calendar.tz)),
            fee=service.fee.describe(lang) if service else "",
            deadline_rule=service.deadline.describe(lang) if service else "",
            details=dict(case.details),
            extension=extension,
            can_extend=refusal is None and roles.can(user, roles.CASES_ACT),
            extension_refusal=explained,
            extension_min=calendar.next_business_day(case.due_date) if case.due_date else None,
            extension_notice_due=(
                extension_notice_due(calendar, case.official_date, notice_days) if notice_days else None
            ),
        )
    return view


def open_case_attachment(
    server: Server, user: User, submission_id: str, sealed_sha256: str
) -> tuple[FileLink, bytes]:
    """The plaintext of one attachment of a case the user may see (and whose field they may see)."""
    with server.db.read() as conn:
        case = visible_case(conn, user, submission_id)
        state = case_state(conn, case.institution_id, case.id)
        service = server.forms.get(conn, case.institution_id, case.service_id, case.form_version)
        institution = require_institution(conn, case.institution_id)
    item = next(
        (a for a in case.details.get("attachments", []) if a.get("sealed_sha256") == sealed_sha256), None
    )
    if item is None:
        raise TamboError(errors.REQUEST_NOT_FOUND)
    sensitive = service is not None and (
        service.restricted or any(f.sensitive and f.name == item.get("field") for f in service.form.walk())
    )
    if sensitive and not roles.sees_protected_data(user, state.unit_code if state else None):
        raise TamboError(errors.REQUEST_NOT_FOUND)
    path = server.blobs.path(sealed_sha256)
    if path is None:
        raise TamboError(errors.REQUEST_NOT_FOUND)
    meta = AttachmentMeta(
        item.get("field", ""),
        item["sha256"],
        int(item.get("size", 0)),
        item.get("media_type", "application/octet-stream"),
        item.get("name") or "",
        sealed_sha256,
        path.stat().st_size,
    )
    private = server.keyring.private_key(institution.private_key_wrapped)
    data = open_attachment(path.read_bytes(), meta, case.id, private)
    return _file_links(case)[item["sha256"]], data


def case_document(server: Server, user: User, submission_id: str, document_id: str) -> tuple[Document, Path]:
    with server.db.read() as conn:
        case = visible_case(conn, user, submission_id)
        found = next(
            (d for d in list_documents(conn, case.institution_id, case.id) if d.id == document_id), None
        )
    path = server.blobs.path(found.sha256) if found else None
    if found is None or path is None:
        raise TamboError(errors.REQUEST_NOT_FOUND)
    return found, path
