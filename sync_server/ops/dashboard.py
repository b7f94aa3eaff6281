"""The dashboard's numbers: submissions per day, per service and per unit, how fast and how often on time
they were resolved, what is overdue now, and the satisfaction survey's ratings.

Counts are SQL aggregates over the indexed columns. Response times and the on-time share need each
closed case's dates in días hábiles of the institution's calendar, so those rows (only closed cases
of the period, three dates each) are read and counted here. An official sees the numbers of their
units; admins and auditors the whole institution's.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, false, func, select

from shared import statuses
from shared.i18n import pick
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.cases import unit_name
from sync_server.ops.deadlines import local_date
from sync_server.storage.catalog import current_forms
from sync_server.storage.inbox import RUNNING_STATUSES
from sync_server.storage.institutions import require_institution
from sync_server.storage.schema import submissions
from sync_server.storage.users import User

PERIODS = (7, 30, 90, 365)
RATING_FIELD = "calificacion"
RATED_SERVICE_FIELD = "servicio"
RATINGS = ("1", "2", "3", "4", "5")
FINAL = tuple(code for code, s in statuses.STATUSES.items() if s.final)


@dataclass
class UnitStats:
    code: str
    name: str
    received: int = 0
    closed: int = 0
    open_now: int = 0
    overdue_now: int = 0
    closed_with_due: int = 0
    on_time: int = 0
    response_days: list[int] = field(default_factory=list)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.closed_with_due if self.closed_with_due else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.response_days) if self.response_days else None


@dataclass
class Dashboard:
    start: date
    end: date
    per_day: list[tuple[date, int]]
    per_service: list[tuple[str, str, int, int]]  # id, title, received, closed
    units: list[UnitStats]
    total: UnitStats
    ratings: list[tuple[str, int]]
    rating_average: float | None
    ratings_by_service: list[tuple[str, float, int]]  # title, average, count


def _scope(user: User) -> list[Any]:
    units = roles.case_units(user)
    where = [submissions.c.institution_id == user.institution_id]
    if units is not None:
        where.append(submissions.c.unit_code.in_(units) if units else false())
    return where


def _survey_services(conn: Connection, institution_id: str) -> tuple[list[str], dict[str, str]]:
    """Services whose form asks a 1-5 ``calificacion``, and the titles of the services they rate."""
    survey_ids, titles = [], {}
    for stored in current_forms(conn, institution_id):
        service = stored.load()
        titles[service.id] = pick(service.title, "es")
        rating = service.form.fields_by_name.get(RATING_FIELD)
        if rating is not None and tuple(c.value for c in rating.choices) == RATINGS:
            survey_ids.append(service.id)
            rated = service.form.fields_by_name.get(RATED_SERVICE_FIELD)
            for choice in rated.choices if rated is not None else ():
                titles.setdefault(choice.value, pick(choice.label, "es"))
    return survey_ids, titles


def build_dashboard(
    server: Server, user: User, *, days: int = 30, lang: str = "es", now: datetime | None = None
) -> Dashboard:
    roles.require(user, roles.DASHBOARD)
    days = days if days in PERIODS else 30
    now = now or datetime.now(UTC)
    c = submissions.c
    with server.db.read() as conn:
        institution = require_institution(conn, user.institution_id)
        calendar = institution.business_calendar()
        today = local_date(now, calendar)
        start = today - timedelta(days=days - 1)
        scope = _scope(user)
        period = [*scope, c.official_date >= start, c.official_date <= today]
        by_day = dict(
            conn.execute(select(c.official_date, func.count()).where(*period).group_by(c.official_date)).all()
        )
        by_service = conn.execute(
            select(c.service_id, func.count(), func.count(c.closed_at)).where(*period).group_by(c.service_id)
        ).all()
        by_unit = conn.execute(
            select(c.unit_code, func.count(), func.count(c.closed_at)).where(*period).group_by(c.unit_code)
        ).all()
        open_now = conn.execute(
            select(c.unit_code, func.count()).where(*scope, c.status.not_in(FINAL)).group_by(c.unit_code)
        ).all()
        overdue_now = conn.execute(
            select(c.unit_code, func.count())
            .where(*scope, and_(c.due_date < today, c.status.in_(RUNNING_STATUSES)))
            .group_by(c.unit_code)
        ).all()
        closed_rows = conn.execute(
            select(c.unit_code, c.official_date, c.due_date, c.closed_at).where(
                *period, c.closed_at.is_not(None)
            )
        ).all()
        survey_ids, titles = _survey_services(conn, institution.id)
        ratings_rows = (
            conn.execute(
                select(c.answers[RATING_FIELD].as_string(), c.answers[RATED_SERVICE_FIELD].as_string()).where(
                    *period, c.service_id.in_(survey_ids)
                )
            ).all()
            if survey_ids
            else []
        )
        service_titles = {
            s.service_id: pick(s.load().title, lang) for s in current_forms(conn, institution.id)
        }

    units: dict[str | None, UnitStats] = {}

    def unit(code: str | None) -> UnitStats:
        if code not in units:
            units[code] = UnitStats(code or "", unit_name(institution, code, lang) or "—")
        return units[code]

    for code, received, closed in by_unit:
        unit(code).received, unit(code).closed = received, closed
    for code, count in open_now:
        unit(code).open_now = count
    for code, count in overdue_now:
        unit(code).overdue_now = count
    for code, official_date, due_date, closed_at in closed_rows:
        stats = unit(code)
        closed_on = local_date(closed_at, calendar)
        stats.response_days.append(calendar.business_days_between(official_date, closed_on))
        if due_date is not None:
            stats.closed_with_due += 1
            stats.on_time += closed_on <= due_date

    total = UnitStats("", "Total")
    for stats in units.values():
        total.received += stats.received
        total.closed += stats.closed
        total.open_now += stats.open_now
        total.overdue_now += stats.overdue_now
        total.closed_with_due += stats.closed_with_due
        total.on_time += stats.on_time
        total.response_days += stats.response_days

    rating_counts = Counter(rating for rating, _ in ratings_rows if rating in RATINGS)
    by_rated: dict[str, list[int]] = defaultdict(list)
    for rating, rated in ratings_rows:
        if rating in RATINGS:
            by_rated[rated or ""].append(int(rating))
    rated_total = sum(rating_counts.values())
    return Dashboard(
        start=start,
        end=today,
        per_day=[(start + timedelta(days=i), by_day.get(start + timedelta(days=i), 0)) for i in range(days)],
        per_service=sorted(
            ((sid, service_titles.get(sid, sid), received, closed) for sid, received, closed in by_service),
            key=lambda row: (-row[2], row[1]),
        ),
        units=sorted(units.values(), key=lambda u: (-u.received, u.name)),
        total=total,
        ratings=[(r, rating_counts.get(r, 0)) for r in RATINGS],
        rating_average=(sum(int(r) * n for r, n in rating_counts.items()) / rated_total)
        if rated_total
        else None,
        ratings_by_service=sorted(
            ((titles.get(sid, sid or "—"), sum(v) / len(v), len(v)) for sid, v in by_rated.items()),
            key=lambda row: (-row[2], row[0]),
        ),
    )


def dashboard_tables(board: Dashboard) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The numbers behind each chart, for the CSV downloads (header, rows)."""

    def share(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    def median(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return {
        "por-dia": (["fecha", "solicitudes"], [[d.isoformat(), n] for d, n in board.per_day]),
        "por-tramite": (
            ["tramite", "nombre", "recibidas", "cerradas"],
            [list(row) for row in board.per_service],
        ),
        "por-oficina": (
            [
                "oficina",
                "nombre",
                "recibidas",
                "cerradas",
                "abiertas_hoy",
                "vencidas_hoy",
                "proporcion_a_tiempo",
                "mediana_dias_habiles",
            ],
            [
                [
                    u.code,
                    u.name,
                    u.received,
                    u.closed,
                    u.open_now,
                    u.overdue_now,
                    share(u.on_time_share),
                    median(u.median_days),
                ]
                for u in [*board.units, board.total]
            ],
        ),
        "satisfaccion": (["calificacion", "respuestas"], [[r, n] for r, n in board.ratings]),
    }
