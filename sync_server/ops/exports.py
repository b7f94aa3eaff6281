"""Exports of submissions as CSV or XLSX: the inbox's filters, one column per form field (repeats
flattened as ``testigos[1].testigo_dni``), streamed in batches so a large export keeps memory flat.

Columns come from the form versions of the services exported (a field that only an older version had
still gets its column). A repeat without ``max_repeat`` gets as many column groups as its largest
instance in the export, found by a first pass over that one answer. Values are written as people read
them (choice labels, Sí/No), with dates in ISO order so a spreadsheet sorts them; CSV cells that a
spreadsheet would run as a formula are defused with a leading apostrophe (OWASP "CSV injection").
What the user may not see (a restricted service, a sensitive field) is not exported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from shared import statuses
from shared.forms import Field, FormVersion, ServiceDefinition, load_service
from shared.forms.display import display_value
from shared.i18n import pick
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.cases import unit_name
from sync_server.ops.xlsx import stream_xlsx
from sync_server.storage.accounts import logins_by_id
from sync_server.storage.audit import AuditRecord
from sync_server.storage.inbox import InboxFilter, iter_matching
from sync_server.storage.institutions import require_institution
from sync_server.storage.journal import record
from sync_server.storage.schema import form_versions
from sync_server.storage.users import User

BATCH = 500
HIDDEN = "(reservado)"
BASE_COLUMNS = {
    "es": [
        "codigo_seguimiento",
        "id",
        "tramite",
        "version_formulario",
        "estado",
        "oficina",
        "asignado_a",
        "presentado_el",
        "fecha_oficial",
        "vence_el",
        "cerrado_el",
        "solicitante",
        "documento_solicitante",
        "canal",
        "folios",
        "recibido_por",
    ],
    "en": [
        "tracking_code",
        "id",
        "service",
        "form_version",
        "status",
        "unit",
        "assigned_to",
        "filed_at",
        "official_date",
        "due_date",
        "closed_at",
        "applicant",
        "applicant_id",
        "channel",
        "pages",
        "received_by",
    ],
}
_FORMULA_CHARS = frozenset("=+-@\t\r")


@dataclass(frozen=True)
class Column:
    """One exported answer: ``field`` at ``path`` (repeat name and instance number when inside one)."""

    header: str
    field: Field
    repeat: str | None = None
    instance: int = 0


def _forms(conn: Connection, institution_id: str, service_id: str | None) -> list[ServiceDefinition]:
    query = select(form_versions.c.definition).where(form_versions.c.institution_id == institution_id)
    if service_id:
        query = query.where(form_versions.c.service_id == service_id)
    query = query.order_by(form_versions.c.service_id, form_versions.c.version.desc())
    return [load_service(json.loads(text)) for text in conn.execute(query).scalars()]


def _repeat_sizes(conn: Connection, flt: InboxFilter, names: set[str]) -> dict[str, int]:
    """The largest number of instances of each unbounded repeat among the exported rows."""
    sizes = dict.fromkeys(names, 0)
    if not names:
        return sizes
    for row in iter_matching(conn, flt, batch=BATCH):
        for name in names:
            value = row.answers.get(name)
            if isinstance(value, list):
                sizes[name] = max(sizes[name], len(value))
    return sizes


def plan_columns(conn: Connection, flt: InboxFilter) -> list[Column]:
    forms = _forms(conn, flt.institution_id, flt.service_id)
    seen: dict[str, Field] = {}
    order: list[tuple[Field, str | None]] = []

    def visit(form: FormVersion) -> None:
        for f in form.walk():
            if f.name in seen or f.type in ("group", "note"):
                continue
            seen[f.name] = f
            chain = form.repeat_of.get(f.name, ())
            order.append((f, chain[-1] if chain else None))

    for service in forms:
        visit(service.form)
    repeats = {f.name: f for f, _ in order if f.type == "repeat"}
    unbounded = {name for name, f in repeats.items() if f.max_repeat is None}
    sizes = _repeat_sizes(conn, flt, unbounded)
    columns: list[Column] = []
    done: set[str] = set()
    for f, repeat in order:
        if f.type == "repeat":
            continue
        if repeat is None:
            columns.append(Column(f.name, f))
            continue
        if repeat in done:
            continue
        # The columns of one instance stay together: testigos[1].dni, testigos[1].nombres, testigos[2]...
        done.add(repeat)
        children = [g for g, r in order if r == repeat and g.type != "repeat"]
        count = repeats[repeat].max_repeat or sizes.get(repeat, 0)
        for i in range(1, count + 1):
            columns.extend(Column(f"{repeat}[{i}].{g.name}", g, repeat, i) for g in children)
    return columns


def _export_value(f: Field, value: Any, lang: str) -> Any:
    if value is None or value == "" or value == []:
        return ""
    if f.type in ("integer", "decimal") and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if f.type == "date":
        return str(value)
    return display_value(f, value, lang)


@dataclass
class _Context:
    user: User
    lang: str
    tz: ZoneInfo
    titles: dict[str, str]
    restricted: set[str]
    institution: Any


def _row(item: Any, columns: Sequence[Column], ctx: _Context, names: dict[int, str]) -> list[Any]:
    details = item.details or {}
    shown = roles.sees_protected_data(ctx.user, item.unit_code)
    hide_all = item.service_id in ctx.restricted and not shown
    base = [
        item.tracking_code,
        item.id,
        ctx.titles.get(item.service_id, item.service_id),
        item.form_version,
        statuses.status_label(item.status, ctx.lang),
        unit_name(ctx.institution, item.unit_code, ctx.lang),
        names.get(item.assignee_id, "") if item.assignee_id else "",
        item.created_at.astimezone(ctx.tz).strftime("%Y-%m-%d %H:%M"),
        item.official_date.isoformat(),
        item.due_date.isoformat() if item.due_date else "",
        item.closed_at.astimezone(ctx.tz).strftime("%Y-%m-%d %H:%M") if item.closed_at else "",
        HIDDEN if hide_all else (item.applicant_name or ""),
        HIDDEN if hide_all else (item.applicant_id or ""),
        details.get("channel") or "",
        details.get("pages") or "",
        details.get("received_by") or "",
    ]
    answers = item.answers or {}
    values: list[Any] = []
    append = values.append
    for column in columns:
        if column.repeat is None:
            raw = answers.get(column.field.name)
        else:
            instances = answers.get(column.repeat)
            instance = (
                instances[column.instance - 1]
                if isinstance(instances, list) and len(instances) >= column.instance
                else None
            )
            raw = instance.get(column.field.name) if isinstance(instance, dict) else None
        if raw is None or raw == "":
            append("")
        elif hide_all or (column.field.sensitive and not shown):
            append(HIDDEN)
        else:
            append(_export_value(column.field, raw, ctx.lang))
    return base + values


def export_rows(
    server: Server, user: User, flt: InboxFilter, *, lang: str = "es", now: datetime | None = None
) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and a lazy iterator of rows; the rows are read (in batches) as they are consumed."""
    roles.require(user, roles.EXPORTS)
    now = now or datetime.now(UTC)
    with server.db.read() as conn:
        institution = require_institution(conn, user.institution_id)
        columns = plan_columns(conn, flt)
        forms = _forms(conn, flt.institution_id, None)
    ctx = _Context(
        user=user,
        lang=lang,
        tz=ZoneInfo(institution.business_calendar().tz),
        titles={s.id: pick(s.title, lang) for s in reversed(forms)},
        restricted={s.id for s in forms if s.restricted},
        institution=institution,
    )
    with server.db.write() as conn:
        record(
            conn,
            institution.id,
            audit=[AuditRecord(f"user:{user.login}", "console.export", institution.id, _filter_details(flt))],
            at=now,
        )
    header = BASE_COLUMNS.get(lang, BASE_COLUMNS["es"]) + [c.header for c in columns]

    def rows() -> Iterator[list[Any]]:
        with server.db.read() as conn:
            batch: list[Any] = []
            for item in iter_matching(conn, flt, batch=BATCH):
                batch.append(item)
                if len(batch) == BATCH:
                    yield from _rows(conn, batch, columns, ctx)
                    batch = []
            yield from _rows(conn, batch, columns, ctx)

    return header, rows()


def _rows(
    conn: Connection, batch: list[Any], columns: Sequence[Column], ctx: _Context
) -> Iterator[list[Any]]:
    names = logins_by_id(conn, [item.assignee_id for item in batch if item.assignee_id])
    for item in batch:
        yield _row(item, columns, ctx, names)


def _filter_details(flt: InboxFilter) -> dict[str, Any]:
    """What was exported, for the audit log (no names: a search by name is personal data)."""
    return {
        "service": flt.service_id,
        "status": flt.status,
        "unit": flt.unit,
        "overdue": flt.overdue,
        "from": flt.filed_from.isoformat() if flt.filed_from else None,
        "to": flt.filed_to.isoformat() if flt.filed_to else None,
        "search": bool(flt.tracking_code or flt.applicant_id or flt.applicant_name),
    }


def csv_cell(value: Any) -> Any:
    if value.__class__ is str and value and value[0] in _FORMULA_CHARS:
        return "'" + value
    return value


def stream_csv(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, flush_rows: int = 200
) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (so Excel on Windows reads the accents), ``,``-separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    pending = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        pending += 1
        if pending >= flush_rows:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


def stream_export_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    return stream_xlsx(header, rows, sheet_name="Solicitudes")
