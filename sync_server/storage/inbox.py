"""The console's inbox query: an institution's submissions, filtered, sorted, one page at a time.

Pages are cut by *keyset*, never by OFFSET: the next page starts after the last row shown (its sort
key and its ``seq``), so page 2,000 costs what page 1 costs and a case arriving meanwhile does not shift
what the official reads. Each common filter has an index that ends in ``seq`` (schema.py), so
"newest first, status = observed" is a walk down one index that stops after a page. See
docs/console.md for the plans on a million rows.

The total is counted only up to :data:`COUNT_CAP`: an exact count of a million rows costs more than
the page itself and nobody reads past "more than 1,000".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, Select, and_, false, func, or_, select

from sync_server.storage.console_schema import RUNNING_STATUSES as RUNNING
from sync_server.storage.folding import SQL_FUNCTION, fold
from sync_server.storage.schema import submissions

COUNT_CAP = 1_000
#: Statuses in which the legal deadline runs (not suspended, not finished); the partial index
#: ``ix_submissions_open_due`` is defined on exactly this list.
RUNNING_STATUSES = RUNNING
SortKey = Literal["newest", "oldest", "due"]
SORTS: tuple[SortKey, ...] = ("newest", "oldest", "due")
_CURSOR = re.compile(r"^(?P<due>[0-9]{4}-[0-9]{2}-[0-9]{2}|-)?\.?(?P<seq>[0-9]{1,19})$")


@dataclass(frozen=True)
class InboxFilter:
    """What the official asked for, plus the scope their role allows (``units``)."""

    institution_id: str
    #: the units whose cases this user may see; None: every unit (admin, auditor)
    units: tuple[str, ...] | None = None
    service_id: str | None = None
    status: str | None = None
    unit: str | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    overdue: bool = False
    filed_from: date | None = None
    filed_to: date | None = None
    tracking_code: str | None = None
    applicant_id: str | None = None
    applicant_name: str | None = None
    today: date | None = None
    #: services whose cases this user may not see at all
    hidden_services: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ends: the sort key of its last row (the due date, for ``due``) and its seq."""

    seq: int
    due: date | None = None

    def encode(self, sort: SortKey) -> str:
        if sort == "due":
            return f"{self.due.isoformat() if self.due else '-'}.{self.seq}"
        return str(self.seq)

    @classmethod
    def decode(cls, text: str | None, sort: SortKey) -> Cursor | None:
        """A cursor from a link; None for a missing or mangled one (the first page is shown)."""
        if not text:
            return None
        match = _CURSOR.match(text)
        if match is None or (sort == "due") != (match.group("due") is not None):
            return None
        due_text = match.group("due")
        try:
            due = date.fromisoformat(due_text) if due_text and due_text != "-" else None
        except ValueError:
            return None
        return cls(int(match.group("seq")), due)


@dataclass(frozen=True)
class InboxPage:
    rows: list[Any]
    #: the cursor for the next page (None on the last page)
    next_cursor: str | None
    #: the cursor for the previous page (None on the first page)
    prev_cursor: str | None
    total: int
    total_capped: bool


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(flt: InboxFilter) -> list[Any]:
    c = submissions.c
    where: list[Any] = [c.institution_id == flt.institution_id]
    if flt.units is not None:
        where.append(c.unit_code.in_(flt.units) if flt.units else false())
    if flt.hidden_services:
        where.append(c.service_id.not_in(flt.hidden_services))
    if flt.service_id:
        where.append(c.service_id == flt.service_id)
    if flt.status:
        where.append(c.status == flt.status)
    if flt.unit:
        where.append(c.unit_code == flt.unit)
    if flt.assignee_id is not None:
        where.append(c.assignee_id == flt.assignee_id)
    if flt.unassigned:
        where.append(c.assignee_id.is_(None))
    if flt.overdue:
        where.append(and_(c.due_date < (flt.today or date.today()), c.status.in_(RUNNING_STATUSES)))
    if flt.filed_from:
        where.append(c.official_date >= flt.filed_from)
    if flt.filed_to:
        where.append(c.official_date <= flt.filed_to)
    if flt.tracking_code:
        where.append(c.tracking_code == flt.tracking_code)
    if flt.applicant_id:
        where.append(c.applicant_id == flt.applicant_id)
    if flt.applicant_name:
        pattern = f"%{escape_like(fold(flt.applicant_name) or '')}%"
        where.append(getattr(func, SQL_FUNCTION)(c.applicant_name).like(pattern, escape="\\"))
    return where


def _after(sort: SortKey, cursor: Cursor, forward: bool) -> Any:
    """Rows strictly after ``cursor`` in the page order (``forward``) or before it (backward)."""
    c = submissions.c
    ascending = (sort != "newest") == forward
    if sort in ("newest", "oldest"):
        return c.seq > cursor.seq if ascending else c.seq < cursor.seq
    # due: due_date ascending with the undated last, then seq ascending
    if ascending:
        if cursor.due is None:
            return and_(c.due_date.is_(None), c.seq > cursor.seq)
        return or_(
            c.due_date > cursor.due,
            and_(c.due_date == cursor.due, c.seq > cursor.seq),
            c.due_date.is_(None),
        )
    if cursor.due is None:
        return or_(c.due_date.is_not(None), c.seq < cursor.seq)
    return or_(c.due_date < cursor.due, and_(c.due_date == cursor.due, c.seq < cursor.seq))


def _ordered(query: Select[Any], sort: SortKey, forward: bool) -> Select[Any]:
    c = submissions.c
    ascending = (sort != "newest") == forward
    if sort in ("newest", "oldest"):
        return query.order_by(c.seq.asc() if ascending else c.seq.desc())
    if ascending:
        return query.order_by(c.due_date.asc().nulls_last(), c.seq.asc())
    return query.order_by(c.due_date.desc().nulls_first(), c.seq.desc())


INBOX_COLUMNS = (
    submissions.c.seq,
    submissions.c.id,
    submissions.c.tracking_code,
    submissions.c.service_id,
    submissions.c.form_version,
    submissions.c.status,
    submissions.c.status_at,
    submissions.c.unit_code,
    submissions.c.assignee_id,
    submissions.c.applicant_name,
    submissions.c.applicant_id,
    submissions.c.official_date,
    submissions.c.created_at,
    submissions.c.received_at,
    submissions.c.due_date,
    submissions.c.closed_at,
)


def inbox_page(
    conn: Connection,
    flt: InboxFilter,
    *,
    sort: SortKey = "newest",
    after: Cursor | None = None,
    before: Cursor | None = None,
    limit: int = 50,
) -> InboxPage:
    """One page after ``after`` (or the page before ``before``; the first page when neither)."""
    where = _conditions(flt) + _seq_window(conn, flt)
    forward = before is None
    query = select(*INBOX_COLUMNS).where(*where)
    anchor = after if forward else before
    if anchor is not None:
        query = query.where(_after(sort, anchor, forward))
    rows = list(conn.execute(_ordered(query, sort, forward).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    if not forward:
        rows.reverse()
    first_page = (forward and after is None) or (not forward and not more)
    last_page = forward and not more
    next_cursor = None if last_page or not rows else _cursor_of(rows[-1]).encode(sort)
    prev_cursor = None if first_page or not rows else _cursor_of(rows[0]).encode(sort)
    total, capped = count_capped(conn, where)
    return InboxPage(rows, next_cursor, prev_cursor, total, capped)


def _seq_window(conn: Connection, flt: InboxFilter) -> list[Any]:
    """For a closed date range, the seq range its cases lie in, as an extra (implied) condition.

    Seq follows arrival and official dates follow filing, so they go together, but a planner that
    assumes independent columns walks a newest-first index from today back to the range; bounding seq
    by the range's own smallest and largest seq (one read of the date index over the range) lets it
    start and stop there."""
    if flt.filed_from is None or flt.filed_to is None:
        return []
    c = submissions.c
    low, high = conn.execute(
        select(func.min(c.seq + 0), func.max(c.seq + 0)).where(  # "+ 0": not min() by the seq index
            c.institution_id == flt.institution_id, c.official_date.between(flt.filed_from, flt.filed_to)
        )
    ).one()
    return [false()] if low is None else [c.seq.between(low, high)]


def _cursor_of(row: Any) -> Cursor:
    return Cursor(row.seq, row.due_date)


def count_capped(conn: Connection, where: Sequence[Any]) -> tuple[int, bool]:
    """How many rows match, counting at most COUNT_CAP + 1 of them."""
    inner = select(submissions.c.seq).where(*where).limit(COUNT_CAP + 1).subquery()
    count = conn.execute(select(func.count()).select_from(inner)).scalar_one()
    return min(count, COUNT_CAP), count > COUNT_CAP


def iter_matching(conn: Connection, flt: InboxFilter, batch: int = 500) -> Iterator[Any]:
    """Every matching submission (whole rows, answers included), oldest first, read in batches:
    what an export streams, with memory bounded by one batch."""
    where = _conditions(flt) + _seq_window(conn, flt)
    after = 0
    while True:
        rows = conn.execute(
            select(submissions)
            .where(*where, submissions.c.seq > after)
            .order_by(submissions.c.seq)
            .limit(batch)
        ).all()
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].seq
