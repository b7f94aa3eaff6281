"""Días hábiles: which days count for filing dates and legal deadlines in Peru.

Legal basis, briefly:

* TUO de la Ley 27444 (D.S. 004-2019-JUS), arts. 142-145: administrative deadlines are counted in
  business days (días hábiles), starting the business day after the act, and exclude national holidays
  and the days the entity declares non-working. Art. 136: a filing with missing requirements is still
  received; the citizen has 2 business days to complete it, during which the deadline is suspended.
* D.S. 029-2021-PCM (modified by D.S. 075-2023-PCM): digital intake is open every day, all day; what
  arrives on a weekend or holiday counts as filed on the next business day.
* INDECOPI, Res. 0518-2024/SEL: an entity may not cut off digital intake early; anything filed up to
  23:59 of a business day counts that day. The cutoff is therefore a setting whose default is 23:59.

National holidays come from the ``holidays`` package; institution non-working days (regional holidays,
decreed non-working days) and exceptional working days are data an administrator edits.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

DeadlineState = Literal["on_time", "due_soon", "overdue"]
OBSERVATION_BUSINESS_DAYS = 2  # TUO Ley 27444, art. 136


@functools.cache
def national_holidays(year: int) -> frozenset[date]:
    """Peru's national holidays in ``year`` (computed once per year, then cached)."""
    return frozenset(holidays.country_holidays("PE", years=year))


def _require_date(value: object) -> date:
    # datetime is a subclass of date; mixing them would silently miss every holiday.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise TypeError(f"expected a date, not {type(value).__name__}")
    return value


@dataclass(frozen=True)
class BusinessCalendar:
    """An institution's calendar: weekends and national holidays off, plus its own exceptions.

    ``non_working_days`` are extra days off (regional holidays, decreed non-working days);
    ``extra_working_days`` are days the institution works although they would be off (an open
    Saturday). A date may not be in both. ``cutoff`` is the last minute of a business day that still
    counts as that day, in the time zone ``tz``.
    """

    non_working_days: frozenset[date] = frozenset()
    cutoff: time = time(23, 59)
    tz: str = "America/Lima"
    extra_working_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # Settings arrive as lists or sets from configuration; frozensets keep the calendar hashable.
        object.__setattr__(self, "non_working_days", frozenset(map(_require_date, self.non_working_days)))
        object.__setattr__(self, "extra_working_days", frozenset(map(_require_date, self.extra_working_days)))
        both = self.non_working_days & self.extra_working_days
        if both:
            raise ValueError(f"dates both working and non-working: {sorted(both)}")
        if self.cutoff.second or self.cutoff.microsecond or self.cutoff.tzinfo is not None:
            raise ValueError("cutoff is a whole minute without time zone, e.g. time(17, 0)")
        ZoneInfo(self.tz)  # fail now, not at the first filing, on an unknown zone

    def is_business_day(self, day: date) -> bool:
        """Whether ``day`` is a working day of the institution."""
        _require_date(day)
        if day in self.extra_working_days:
            return True
        if day in self.non_working_days or day.weekday() >= 5:
            return False
        return day not in national_holidays(day.year)

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after ``day``."""
        candidate = _require_date(day) + timedelta(days=1)
        while not self.is_business_day(candidate):
            candidate += timedelta(days=1)
        return candidate

    def official_filing_date(self, filed_at: datetime) -> date:
        """The date a filing legally counts as received (D.S. 029-2021-PCM; INDECOPI 0518-2024/SEL).

        ``filed_at`` is converted to the calendar's zone. On a business day, anything up to the end of
        the cutoff minute counts that day (23:59:59 with the default cutoff); later, or on a day off,
        it counts on the next business day. A naive datetime is refused: its zone would be a guess.
        """
        if filed_at.tzinfo is None or filed_at.utcoffset() is None:
            raise ValueError("filed_at must be an aware datetime")
        local = filed_at.astimezone(ZoneInfo(self.tz))
        day = local.date()
        if self.is_business_day(day) and local.time().replace(second=0, microsecond=0) <= self.cutoff:
            return day
        return self.next_business_day(day)

    def add_business_days(self, start: date, n: int) -> date:
        """The ``n``-th business day strictly after ``start`` (``start`` itself when ``n`` is 0)."""
        if n < 0:
            raise ValueError("n must be zero or positive")
        day = _require_date(start)
        for _ in range(n):
            day = self.next_business_day(day)
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """How many business days lie in ``(start, end]``; 0 when ``end`` is not after ``start``."""
        _require_date(start)
        _require_date(end)
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            count += self.is_business_day(day)
            day += timedelta(days=1)
        return count

    def due_date(self, filed_at: datetime, business_days: int, suspended_business_days: int = 0) -> date:
        """The last day to answer a filing (TUO Ley 27444, arts. 144-145).

        The term runs from the business day after the official filing date; business days during which
        the term was suspended (an observation awaiting the citizen, art. 136) push it back.
        """
        if business_days < 0 or suspended_business_days < 0:
            raise ValueError("business days must be zero or positive")
        official = self.official_filing_date(filed_at)
        return self.add_business_days(official, business_days + suspended_business_days)

    def observation_deadline(self, observed_on: date) -> date:
        """The last day the citizen has to complete an observed filing: 2 business days (art. 136)."""
        return self.add_business_days(observed_on, OBSERVATION_BUSINESS_DAYS)

    def deadline_state(self, due: date, today: date, soon_days: int = 2) -> DeadlineState:
        """``overdue`` after ``due``; ``due_soon`` when at most ``soon_days`` business days remain."""
        if today > due:
            return "overdue"
        if self.business_days_between(today, due) <= soon_days:
            return "due_soon"
        return "on_time"
