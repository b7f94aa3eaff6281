"""CSV and XLSX exports of the inbox as filtered (the same query-string filters), streamed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Response, request

from sync_server.ops import roles
from sync_server.ops.deadlines import local_date
from sync_server.ops.exports import export_rows, stream_csv, stream_export_xlsx
from sync_server.storage.institutions import require_institution
from sync_server.web.base import blueprint, current_user, lang, requires, server
from sync_server.web.inbox_views import hidden_services, parse_filters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows() -> tuple[list[str], Any, str]:
    user = current_user()
    with server().db.read() as conn:
        institution = require_institution(conn, user.institution_id)
        today = local_date(datetime.now(UTC), institution.business_calendar())
        parsed = parse_filters(request.args, user, today, hidden_services(conn, user, institution.id))
    header, rows = export_rows(server(), user, parsed.flt, lang=lang())
    return header, rows, f"solicitudes-{institution.id}-{today.isoformat()}"


def _download(body: Any, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response


@blueprint.get("/export.csv")
@requires(roles.EXPORTS)
def export_csv() -> Response:
    header, rows, name = _rows()
    return _download(stream_csv(header, rows), "text/csv; charset=utf-8", f"{name}.csv")


@blueprint.get("/export.xlsx")
@requires(roles.EXPORTS)
def export_xlsx() -> Response:
    header, rows, name = _rows()
    return _download(stream_export_xlsx(header, rows), XLSX, f"{name}.xlsx")
