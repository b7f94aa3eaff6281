"""The dashboard's numbers: submissions per day, per service and per unit, how fast and how often on time
they were resolved, what is open and overdue now, and the satisfaction survey's ratings.

Everything is aggregated by the database, so the work does not grow with the rows read into Python:
counts are ``GROUP BY`` on indexed columns; response times (in días hábiles of the institution's
calendar, which SQL does not know) come back as counts per (unit, filing day, closing day) and are
turned into business days by one pass over the calendar; the survey's ratings are grouped inside the
JSON answers. An official sees the numbers of their units; admins and auditors the institution's.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Date, and_, case, cast, false, func, select

from shared import statuses
from shared.business_days import BusinessCalendar
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
OPEN = tuple(code for code, s in statuses.STATUSES.items() if not s.final)


def weighted_median(histogram: Counter[int]) -> float | None:
    """The median of values given as value -> count (the mean of the two middle ones when even)."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = {(total - 1) // 2, total // 2}
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        found += [value for position in wanted if seen <= position < seen + count]
        seen += count
    return statistics.mean(found)


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
    #: business days from the official filing date to the closing day -> how many cases
    response_days: Counter[int] = field(default_factory=Counter)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.closed_with_due if self.closed_with_due else None

    @property
    def median_days(self) -> float | None:
        return weighted_median(self.response_days)

    def add(self, other: UnitStats) -> None:
        self.received += other.received
        self.closed += other.closed
        self.open_now += other.open_now
        self.overdue_now += other.overdue_now
        self.closed_with_due += other.closed_with_due
        self.on_time += other.on_time
        self.response_days.update(other.response_days)


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


class BusinessDays:
    """``business_days_between`` for many pairs of dates: ordinals computed once over a span."""

    def __init__(self, calendar: BusinessCalendar, first: date, last: date) -> None:
        self.calendar = calendar
        self.ordinal: dict[date, int] = {}
        running = 0
        day = first
        while day <= last:
            running += self.calendar.is_business_day(day)
            self.ordinal[day] = running
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        if start in self.ordinal and end in self.ordinal:
            return self.ordinal[end] - self.ordinal[start]
        return self.calendar.business_days_between(start, end)


def local_day(conn: Connection, column: Any, tz: str) -> Any:
    """SQL for the calendar day of a UTC timestamp in the institution's zone (on SQLite, by the zone's
    current UTC offset: Peru keeps one all year)."""
    if conn.dialect.name == "postgresql":
        return cast(func.timezone(tz, column), Date)
    offset = datetime.now(ZoneInfo(tz)).utcoffset() or timedelta()
    return func.date(column, f"{int(offset.total_seconds() // 3600):+d} hours")


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


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


def _period_query(conn: Connection, period: list[Any], survey_ids: list[str], tz: str) -> Any:
    """One pass over the period's submissions, grouped finely enough for every number of the page:
    filing day, service, unit, closing day (for response times; not for surveys, which are not cases
    to resolve) and, for surveys, the rating and the service rated."""
    c = submissions.c
    survey = c.service_id.in_(survey_ids) if survey_ids else false()
    closed_day = case((survey, None), else_=local_day(conn, c.closed_at, tz))
    rating = case((survey, c.answers[RATING_FIELD].as_string()), else_=None)
    rated = case((survey, c.answers[RATED_SERVICE_FIELD].as_string()), else_=None)
    closed = case((c.closed_at.is_not(None), 1), else_=0)
    with_due = case((and_(c.closed_at.is_not(None), c.due_date.is_not(None)), 1), else_=0)
    in_time = case((and_(c.due_date.is_not(None), closed_day <= c.due_date), 1), else_=0)
    keys = (c.official_date, c.service_id, c.unit_code, closed_day, rating, rated)
    return (
        select(*keys, func.count(), func.sum(closed), func.sum(with_due), func.sum(in_time))
        .where(*period)
        .group_by(*keys)
    )


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
        open_now = conn.execute(
            select(c.unit_code, func.count()).where(*scope, c.status.in_(OPEN)).group_by(c.unit_code)
        ).all()
        overdue_now = conn.execute(
            select(c.unit_code, func.count())
            .where(*scope, and_(c.due_date < today, c.status.in_(RUNNING_STATUSES)))
            .group_by(c.unit_code)
        ).all()
        survey_ids, titles = _survey_services(conn, institution.id)
        rows = conn.execute(_period_query(conn, period, survey_ids, calendar.tz)).all()
        service_titles = {
            s.service_id: pick(s.load().title, lang) for s in current_forms(conn, institution.id)
        }

    units: dict[str | None, UnitStats] = {}

    def unit(code: str | None) -> UnitStats:
        if code not in units:
            units[code] = UnitStats(code or "", unit_name(institution, code, lang) or "—")
        return units[code]

    by_day: Counter[date] = Counter()
    by_service: dict[str, list[int]] = {}
    rating_counts: Counter[str] = Counter()
    by_rated: dict[str, list[int]] = {}
    counter = BusinessDays(calendar, start, today + timedelta(days=1))
    for (
        official_date,
        service_id,
        code,
        closed_on,
        rating,
        rated_id,
        count,
        closed,
        with_due,
        in_time,
    ) in rows:
        stats = unit(code)
        stats.received += count
        stats.closed += closed
        by_day[official_date] += count
        per_service = by_service.setdefault(service_id, [0, 0])
        per_service[0] += count
        per_service[1] += closed
        if closed_on is not None and closed:
            stats.response_days[counter.between(official_date, _as_date(closed_on))] += closed
            stats.closed_with_due += int(with_due or 0)
            stats.on_time += int(in_time or 0)
        if rating in RATINGS:
            rating_counts[rating] += count
            sums = by_rated.setdefault(rated_id or "", [0, 0])
            sums[0] += int(rating) * count
            sums[1] += count
    for code, count in open_now:
        unit(code).open_now = count
    for code, count in overdue_now:
        unit(code).overdue_now = count

    total = UnitStats("", "Total")
    for stats in units.values():
        total.add(stats)
    rated_total = sum(rating_counts.values())
    return Dashboard(
        start=start,
        end=today,
        per_day=[(start + timedelta(days=i), by_day.get(start + timedelta(days=i), 0)) for i in range(days)],
        per_service=sorted(
            ((sid, service_titles.get(sid, sid), n[0], n[1]) for sid, n in by_service.items()),
            key=lambda row: (-row[2], row[1]),
        ),
        units=sorted(units.values(), key=lambda u: (-u.received, u.name)),
        total=total,
        ratings=[(r, rating_counts.get(r, 0)) for r in RATINGS],
        rating_average=(sum(int(r) * n for r, n in rating_counts.items()) / rated_total)
        if rated_total
        else None,
        ratings_by_service=sorted(
            ((titles.get(sid, sid or "—"), sums / count, count) for sid, (sums, count) in by_rated.items()),
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
