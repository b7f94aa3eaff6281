"""The inbox: the institution's submissions (an official's: those of their units), with filters, sorting
and keyset pages. The filters live in the URL, so a filtered view can be bookmarked, shared, reloaded
and exported exactly as shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from flask import request
from werkzeug.datastructures import MultiDict

from shared import statuses
from shared.i18n import pick
from shared.tracking import TrackingCodeError, normalize_tracking_input, parse_tracking_code
from sync_server.ops import roles
from sync_server.ops.cases import unit_name
from sync_server.ops.deadlines import deadline_info, local_date
from sync_server.storage.accounts import list_users, logins_by_id
from sync_server.storage.catalog import current_forms
from sync_server.storage.inbox import SORTS, Cursor, InboxFilter, inbox_page
from sync_server.storage.institutions import Institution, require_institution
from sync_server.storage.schema import services
from sync_server.storage.users import User
from sync_server.web.base import _, blueprint, current_user, lang, render, requires, server

FILTER_KEYS = ("q", "service", "status", "unit", "assignee", "overdue", "from", "to", "sort")
_ID_NUMBER = re.compile(r"^[A-Za-z0-9]{8,12}$")


@dataclass(frozen=True)
class ParsedFilters:
    """The inbox filter from the query string, plus what to show back in the form."""

    flt: InboxFilter
    sort: str
    values: dict[str, str]
    problems: list[str]


def _date(text: str | None, label: str, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(
            _("La fecha «{value}» de «{label}» no es válida (use AAAA-MM-DD).", value=text, label=label)
        )
        return None


def hidden_services(conn: Any, user: User, institution_id: str) -> tuple[str, ...]:
    """Restricted services (a child's data at DEMUNA) are invisible to auditors."""
    if user.role != roles.AUDITOR:
        return ()
    rows = conn.execute(
        services.select().where(services.c.institution_id == institution_id, services.c.restricted.is_(True))
    )
    return tuple(row.service_id for row in rows)


def parse_filters(
    args: MultiDict[str, str], user: User, today: date, hidden: tuple[str, ...]
) -> ParsedFilters:
    values = {key: args.get(key, "").strip() for key in FILTER_KEYS}
    problems: list[str] = []
    search = values["q"]
    tracking = applicant_id = name = None
    if search:
        try:
            tracking = str(parse_tracking_code(normalize_tracking_input(search)))
        except TrackingCodeError:
            if _ID_NUMBER.match(search) and any(ch.isdigit() for ch in search):
                applicant_id = search.upper()
            else:
                name = search[:100]
    assignee_id = None
    unassigned = values["assignee"] == "none"
    if values["assignee"] == "me":
        assignee_id = user.id
    elif values["assignee"].isdigit():
        assignee_id = int(values["assignee"])
    status = values["status"] if values["status"] in statuses.STATUSES else None
    sort = values["sort"] if values["sort"] in SORTS else "newest"
    flt = InboxFilter(
        institution_id=user.institution_id,
        units=roles.case_units(user),
        service_id=values["service"] or None,
        status=status,
        unit=values["unit"] or None,
        assignee_id=assignee_id,
        unassigned=unassigned,
        overdue=values["overdue"] == "1",
        filed_from=_date(values["from"], _("Desde"), problems),
        filed_to=_date(values["to"], _("Hasta"), problems),
        tracking_code=tracking,
        applicant_id=applicant_id,
        applicant_name=name,
        today=today,
        hidden_services=hidden,
    )
    return ParsedFilters(flt, sort, values, problems)


@dataclass(frozen=True)
class InboxRow:
    id: str
    tracking_code: str
    applicant: str
    applicant_id: str
    service: str
    unit: str
    status: str
    filed: date
    due: date | None
    deadline_state: str
    days_left: int | None
    assignee: str | None
    observation_expired: bool = False


def _rows(
    page_rows: list[Any], institution: Institution, titles: dict[str, str], names: dict[int, str], today: date
) -> list[InboxRow]:
    calendar = institution.business_calendar()
    out = []
    for row in page_rows:
        info = deadline_info(
            calendar,
            status=row.status,
            due_date=row.due_date,
            status_at=row.status_at,
            closed_at=row.closed_at,
            today=today,
        )
        out.append(
            InboxRow(
                id=row.id,
                tracking_code=row.tracking_code,
                applicant=row.applicant_name or "—",
                applicant_id=row.applicant_id or "",
                service=titles.get(row.service_id, row.service_id),
                unit=unit_name(institution, row.unit_code, lang()),
                status=row.status,
                filed=row.official_date,
                due=row.due_date,
                deadline_state=info.state,
                days_left=info.days_left,
                assignee=names.get(row.assignee_id) if row.assignee_id else None,
                observation_expired=info.observation_expired,
            )
        )
    return out


def filter_choices(conn: Any, user: User, institution: Institution) -> dict[str, Any]:
    """The options of the filter form (services, statuses, units, assignees) for this user."""
    titles = {
        form.service_id: pick(form.load().title, lang()) for form in current_forms(conn, institution.id)
    }
    units = [(str(u.get("code")), pick(u.get("name"), lang())) for u in institution.units]
    scope = roles.case_units(user)
    if scope is not None:
        units = [u for u in units if u[0] in scope]
    officials = [u for u in list_users(conn, institution.id) if u.role == roles.OFFICIAL and u.active]
    return {
        "titles": titles,
        "service_options": sorted(titles.items(), key=lambda item: item[1]),
        "unit_options": units,
        "status_options": [(code, statuses.status_label(code, lang())) for code in statuses.STATUSES],
        "assignee_options": [(str(u.id), u.login) for u in officials],
    }


@blueprint.get("/inbox")
@requires(roles.CASES_READ)
def inbox() -> Any:
    user = current_user()
    srv = server()
    with srv.db.read() as conn:
        institution = require_institution(conn, user.institution_id)
        today = local_date(datetime.now(UTC), institution.business_calendar())
        parsed = parse_filters(request.args, user, today, hidden_services(conn, user, institution.id))
        sort = parsed.sort  # type: ignore[assignment]
        page = inbox_page(
            conn,
            parsed.flt,
            sort=sort,  # type: ignore[arg-type]
            after=Cursor.decode(request.args.get("after"), sort),  # type: ignore[arg-type]
            before=Cursor.decode(request.args.get("before"), sort),  # type: ignore[arg-type]
        )
        choices = filter_choices(conn, user, institution)
        names = logins_by_id(conn, [row.assignee_id for row in page.rows])
    rows = _rows(page.rows, institution, choices["titles"], names, today)
    return render(
        "inbox.html",
        rows=rows,
        page=page,
        values=parsed.values,
        problems=parsed.problems,
        filters={k: v for k, v in parsed.values.items() if v},
        today=today,
        **choices,
    )
