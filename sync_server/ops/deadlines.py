"""A case's legal deadline as the console shows it, in días hábiles of the institution's calendar.

- ``on_time`` / ``due_soon`` (2 business days or fewer left) / ``overdue``: the term is running.
- ``suspended``: the case is observed (TUO Ley 27444, art. 136): the citizen has 2 business days to
  complete it and the term does not run meanwhile; when the case leaves ``observed`` the due date is
  pushed back by the business days it spent there (:func:`suspended_days`).
- ``closed``: a final status was reached (on time or late: :attr:`DeadlineInfo.closed_late`).
- ``none``: the service has no deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from shared import statuses
from shared.business_days import BusinessCalendar

DeadlineState = Literal["on_time", "due_soon", "overdue", "suspended", "closed", "none"]


@dataclass(frozen=True, slots=True)
class DeadlineInfo:
    state: DeadlineState
    due_date: date | None
    #: business days left (0 on the due date); for an overdue case, business days late (negative)
    days_left: int | None = None
    #: while observed: the last day the citizen has to complete the requirements
    observation_due: date | None = None
    observation_expired: bool = False
    closed_late: bool = False


def local_date(moment: datetime, calendar: BusinessCalendar) -> date:
    return moment.astimezone(ZoneInfo(calendar.tz)).date()


def deadline_info(
    calendar: BusinessCalendar,
    *,
    status: str,
    due_date: date | None,
    status_at: datetime,
    closed_at: datetime | None,
    today: date,
) -> DeadlineInfo:
    spec = statuses.STATUSES.get(status)
    if spec is not None and spec.final:
        late = bool(due_date and closed_at and local_date(closed_at, calendar) > due_date)
        return DeadlineInfo("closed", due_date, closed_late=late)
    if spec is not None and spec.suspends_deadline:
        observed_on = local_date(status_at, calendar)
        window = calendar.observation_deadline(observed_on)
        return DeadlineInfo("suspended", due_date, observation_due=window, observation_expired=today > window)
    if due_date is None:
        return DeadlineInfo("none", None)
    state = calendar.deadline_state(due_date, today)
    if state == "overdue":
        return DeadlineInfo(state, due_date, -calendar.business_days_between(due_date, today))
    return DeadlineInfo(state, due_date, calendar.business_days_between(today, due_date))


def suspended_days(calendar: BusinessCalendar, observed_at: datetime, resumed_at: datetime) -> int:
    """Business days a case spent observed: from the day after the observation to the day it resumed."""
    return calendar.business_days_between(local_date(observed_at, calendar), local_date(resumed_at, calendar))
