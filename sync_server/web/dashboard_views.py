"""The dashboard: charts drawn on the server, the same numbers as tables and as CSV."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, request

from sync_server.ops import roles
from sync_server.ops.dashboard import PERIODS, build_dashboard, dashboard_tables
from sync_server.ops.exports import stream_csv
from sync_server.web import charts
from sync_server.web.base import _, blueprint, current_user, lang, render, requires, server


def _days() -> int:
    value = request.args.get("days", "30")
    return int(value) if value.isdigit() and int(value) in PERIODS else 30


@blueprint.get("/dashboard")
@requires(roles.DASHBOARD)
def dashboard() -> Any:
    days = _days()
    board = build_dashboard(server(), current_user(), days=days, lang=lang())
    total = board.total
    per_day = charts.columns(
        board.per_day,
        title=_("Solicitudes por día"),
        desc=_(
            "{n} solicitudes del {start} al {end}.",
            n=total.received,
            start=f"{board.start:%d/%m/%Y}",
            end=f"{board.end:%d/%m/%Y}",
        ),
    )
    per_service = charts.bars(
        [(title, received) for _sid, title, received, _closed in board.per_service],
        title=_("Solicitudes por trámite"),
        desc=_("Barra azul: recibidas; línea naranja: cerradas."),
        highlight=[closed for *_rest, closed in board.per_service],
    )
    ratings = charts.bars(
        [(f"{r} ★", n) for r, n in board.ratings],
        title=_("Calificaciones de la encuesta de satisfacción"),
        desc=_("Cantidad de respuestas por calificación, de 1 (muy malo) a 5 (muy bueno)."),
        label_width=60,
    )
    return render(
        "dashboard.html",
        board=board,
        days=days,
        periods=PERIODS,
        per_day_chart=per_day,
        per_service_chart=per_service,
        ratings_chart=ratings,
    )


@blueprint.get("/dashboard/<name>.csv")
@requires(roles.DASHBOARD)
def dashboard_csv(name: str) -> Response:
    board = build_dashboard(server(), current_user(), days=_days(), lang=lang())
    tables = dashboard_tables(board)
    if name not in tables:
        abort(404)
    header, rows = tables[name]
    response = Response(stream_csv(header, rows), mimetype="text/csv; charset=utf-8")
    response.headers.set("Content-Disposition", "attachment", filename=f"{name}-{board.end.isoformat()}.csv")
    return response
