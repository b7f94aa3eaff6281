"""A case's legal deadline as the console shows it, in días hábiles of the institution's calendar.

- ``on_time`` / ``due_soon`` (2 business days or fewer left) / ``overdue``: the term is running.
- ``suspended``: the case is observed (TUO Ley 27444, art. 136): the citizen has 2 business days to
  complete it and the term does not run meanwhile; when the case leaves ``observed`` the due date is
  pushed back by the business days it spent there (:func:`suspended_days`).
- ``closed``: a final status was reached (on time or late: :attr:`DeadlineInfo.closed_late`).
- ``none``: the service has no deadline.

A service whose deadline declares ``notice_business_days`` may have its deadline extended once (Ley
27806, art. 11 b; D.S. 007-2024-JUS): by an official who may act on the case, while it is open, within
that many business days of the official filing date, to a business day after the current due date,
with a justification. :func:`extension_refusal` and :func:`check_extended_date` are those rules, read
by the case page (to offer the form or say why not) and by the action (to refuse).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from shared import errors, statuses
from shared.business_days import BusinessCalendar
from shared.errors import TamboError
from shared.forms import Deadline

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


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def extension_notice_due(calendar: BusinessCalendar, official_date: date, notice_business_days: int) -> date:
    """The last day to announce an extension: ``notice_business_days`` after the official filing date."""
    return calendar.add_business_days(official_date, notice_business_days)


def extension_refusal(
    calendar: BusinessCalendar,
    deadline: Deadline | None,
    *,
    status: str,
    due_date: date | None,
    official_date: date,
    extended_to: date | None,
    today: date,
) -> TamboError | None:
    """Why this case's deadline cannot be extended today (None when it can); ``extended_to`` is the
    date of an earlier extension. The user's role and units are checked apart (``roles.CASES_ACT``)."""
    if deadline is None or not deadline.extendable or due_date is None:
        return TamboError(errors.CASE_DEADLINE_NOT_EXTENDABLE)
    spec = statuses.STATUSES.get(status)
    if spec is not None and spec.final:
        return TamboError(errors.CASE_DEADLINE_CLOSED, params={"status": statuses.status_label(status)})
    if extended_to is not None:
        return TamboError(errors.CASE_DEADLINE_ALREADY_EXTENDED, params={"date": dmy(extended_to)})
    notice = deadline.notice_business_days or 0
    last_day = extension_notice_due(calendar, official_date, notice)
    if today > last_day:
        return TamboError(errors.CASE_DEADLINE_NOTICE_PASSED, params={"days": notice, "date": dmy(last_day)})
    return None


def check_extended_date(calendar: BusinessCalendar, current: date, new: date) -> None:
    """The new due date must be a business day of the institution after the current one."""
    if new <= current:
        raise TamboError(errors.CASE_DEADLINE_DATE_NOT_LATER, params={"date": dmy(current)})
    if not calendar.is_business_day(new):
        raise TamboError(errors.CASE_DEADLINE_DATE_NOT_BUSINESS_DAY, params={"date": dmy(new)})
