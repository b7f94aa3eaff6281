"""Días hábiles: filing dates, deadlines and holidays, checked against the 2026 Peruvian calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.business_days import BusinessCalendar, national_holidays

LIMA = ZoneInfo("America/Lima")
CAL = BusinessCalendar()


def lima(*args: int) -> datetime:
    return datetime(*args, tzinfo=LIMA)


@pytest.mark.parametrize(
    "holiday",
    [
        date(2026, 1, 1),  # Año Nuevo (Thursday)
        date(2026, 4, 2),  # Jueves Santo: Easter 2026 is 5 April
        date(2026, 4, 3),  # Viernes Santo
        date(2026, 5, 1),  # Día del Trabajo
        date(2026, 6, 29),  # San Pedro y San Pablo (Monday)
        date(2026, 7, 23),  # Día de la Fuerza Aérea del Perú (Thursday)
        date(2026, 7, 28),  # Fiestas Patrias
        date(2026, 7, 29),
        date(2026, 8, 6),  # Batalla de Junín
        date(2026, 10, 8),  # Combate de Angamos
        date(2026, 12, 8),  # Inmaculada Concepción
        date(2026, 12, 9),  # Batalla de Ayacucho
        date(2026, 12, 25),  # Navidad
    ],
)
def test_national_holidays_2026_are_not_business_days(holiday: date) -> None:
    assert holiday in national_holidays(2026)
    assert holiday.weekday() < 5  # a weekday, so only the holiday makes it a day off
    assert not CAL.is_business_day(holiday)


@pytest.mark.parametrize(
    "holiday",
    [
        date(2026, 6, 7),  # Batalla de Arica y Día de la Bandera
        date(2026, 8, 30),  # Santa Rosa de Lima
        date(2026, 11, 1),  # Todos los Santos
    ],
)
def test_national_holidays_2026_on_a_sunday_are_listed_and_off(holiday: date) -> None:
    assert holiday.weekday() == 6
    assert holiday in national_holidays(2026)
    assert not CAL.is_business_day(holiday)


def test_holidays_of_another_year_are_computed_too() -> None:
    # Easter 2027 is 28 March: Thursday 25 and Friday 26 are holidays; 2027-12-25 is a Saturday.
    assert {date(2027, 3, 25), date(2027, 3, 26), date(2027, 1, 1)} <= national_holidays(2027)
    assert not CAL.is_business_day(date(2027, 3, 25))
    assert CAL.is_business_day(date(2027, 3, 24))


def test_ordinary_days() -> None:
    assert CAL.is_business_day(date(2026, 3, 13))  # Friday
    assert not CAL.is_business_day(date(2026, 3, 14))  # Saturday
    assert not CAL.is_business_day(date(2026, 3, 15))  # Sunday


def test_is_business_day_refuses_datetimes() -> None:
    with pytest.raises(TypeError):
        CAL.is_business_day(lima(2026, 3, 13, 10, 0))


def test_friday_last_minute_counts_friday() -> None:
    assert CAL.official_filing_date(lima(2026, 3, 13, 23, 59, 30)) == date(2026, 3, 13)
    assert CAL.official_filing_date(lima(2026, 3, 13, 23, 59, 59, 999_999)) == date(2026, 3, 13)


def test_filing_time_is_converted_to_lima() -> None:
    # 04:59:30 UTC on Saturday is 23:59:30 on Friday in Lima (UTC−5, no daylight saving).
    assert CAL.official_filing_date(datetime(2026, 3, 14, 4, 59, 30, tzinfo=UTC)) == date(2026, 3, 13)
    # 05:00 UTC on Saturday is already Saturday in Lima: next business day is Monday.
    assert CAL.official_filing_date(datetime(2026, 3, 14, 5, 0, tzinfo=UTC)) == date(2026, 3, 16)


def test_custom_cutoff_counts_its_whole_minute() -> None:
    early = BusinessCalendar(cutoff=time(17, 0))
    assert early.official_filing_date(lima(2026, 3, 10, 17, 0, 30)) == date(2026, 3, 10)
    assert early.official_filing_date(lima(2026, 3, 10, 17, 1)) == date(2026, 3, 11)


def test_friday_after_cutoff_goes_to_monday() -> None:
    early = BusinessCalendar(cutoff=time(17, 0))
    assert early.official_filing_date(lima(2026, 3, 13, 18, 0)) == date(2026, 3, 16)


def test_saturday_goes_to_monday() -> None:
    assert CAL.official_filing_date(lima(2026, 3, 14, 10, 0)) == date(2026, 3, 16)


def test_saturday_before_monday_holiday_goes_to_tuesday() -> None:
    # Monday 29 June 2026 is San Pedro y San Pablo.
    assert CAL.official_filing_date(lima(2026, 6, 27, 9, 0)) == date(2026, 6, 30)


def test_holy_week() -> None:
    assert CAL.official_filing_date(lima(2026, 4, 1, 23, 59, 59)) == date(2026, 4, 1)
    # Thursday and Friday are holidays, then the weekend.
    assert CAL.official_filing_date(lima(2026, 4, 2, 0, 0)) == date(2026, 4, 6)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        CAL.official_filing_date(datetime(2026, 3, 13, 10, 0))


def test_span_over_christmas() -> None:
    # From Wed 23 Dec: Thu 24 (1), Fri 25 holiday, weekend, Mon 28 (2), Tue 29 (3).
    assert CAL.add_business_days(date(2026, 12, 23), 3) == date(2026, 12, 29)


def test_span_over_new_year() -> None:
    # Thu 31 Dec (1), Fri 1 Jan 2027 holiday, weekend, Mon 4 Jan (2).
    assert CAL.add_business_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_consecutive_holidays() -> None:
    # Tue 8 and Wed 9 December 2026 are both holidays.
    assert CAL.next_business_day(date(2026, 12, 7)) == date(2026, 12, 10)


def test_institution_non_working_days() -> None:
    cal = BusinessCalendar(non_working_days=frozenset({date(2026, 12, 24), date(2026, 12, 31)}))
    assert not cal.is_business_day(date(2026, 12, 24))
    # Mon 28 (1), Tue 29 (2), Wed 30 (3).
    assert cal.add_business_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    assert cal.official_filing_date(lima(2026, 12, 24, 9, 0)) == date(2026, 12, 28)


def test_settings_from_configuration_lists_become_frozensets() -> None:
    cal = BusinessCalendar(non_working_days=[date(2026, 3, 13)])  # type: ignore[arg-type]
    assert cal.non_working_days == frozenset({date(2026, 3, 13)})
    assert not cal.is_business_day(date(2026, 3, 13))
    assert hash(cal) == hash(BusinessCalendar(non_working_days=frozenset({date(2026, 3, 13)})))
    with pytest.raises(TypeError):
        BusinessCalendar(non_working_days=frozenset({"2026-03-13"}))  # type: ignore[arg-type]


def test_positional_settings_keep_their_order() -> None:
    cal = BusinessCalendar(frozenset(), time(17, 0), "America/Lima")
    assert cal.cutoff == time(17, 0)
    assert cal.extra_working_days == frozenset()


def test_extra_working_day() -> None:
    open_saturday = date(2026, 3, 14)
    cal = BusinessCalendar(extra_working_days=frozenset({open_saturday}))
    assert cal.is_business_day(open_saturday)
    assert cal.official_filing_date(lima(2026, 3, 14, 10, 0)) == open_saturday
    assert cal.next_business_day(date(2026, 3, 13)) == open_saturday


def test_calendar_settings_are_checked() -> None:
    day = date(2026, 3, 14)
    with pytest.raises(ValueError, match="both"):
        BusinessCalendar(non_working_days=frozenset({day}), extra_working_days=frozenset({day}))
    with pytest.raises(ValueError, match="minute"):
        BusinessCalendar(cutoff=time(17, 0, 30))
    with pytest.raises(KeyError):  # ZoneInfoNotFoundError
        BusinessCalendar(tz="America/Atlantis")


def test_add_zero_and_negative() -> None:
    assert CAL.add_business_days(date(2026, 3, 14), 0) == date(2026, 3, 14)
    with pytest.raises(ValueError, match="n must"):
        CAL.add_business_days(date(2026, 3, 14), -1)


def test_business_days_between() -> None:
    assert CAL.business_days_between(date(2026, 3, 13), date(2026, 3, 13)) == 0
    assert CAL.business_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1  # weekend in between
    assert CAL.business_days_between(date(2026, 3, 16), date(2026, 3, 13)) == 0
    # December 2026 after the 1st: 22 weekdays from the 2nd to the 31st, minus 8, 9 and 25.
    assert CAL.business_days_between(date(2026, 12, 1), date(2026, 12, 31)) == 19


def test_due_date_counts_from_the_day_after_filing() -> None:
    # Filed Fri 13 March: 16-20 (5), 23-27 (10).
    assert CAL.due_date(lima(2026, 3, 13, 10, 0), 10) == date(2026, 3, 27)
    assert CAL.due_date(lima(2026, 3, 13, 10, 0), 0) == date(2026, 3, 13)


def test_due_date_of_weekend_filing() -> None:
    # Filed Saturday 14 March counts Monday 16; term runs 17-20 (4), 23-27 (9), Mon 30 (10).
    assert CAL.due_date(lima(2026, 3, 14, 10, 0), 10) == date(2026, 3, 30)


def test_suspension_pushes_the_due_date() -> None:
    assert CAL.due_date(lima(2026, 3, 13, 10, 0), 10, suspended_business_days=2) == date(2026, 3, 31)
    with pytest.raises(ValueError, match="zero or positive"):
        CAL.due_date(lima(2026, 3, 13, 10, 0), 10, suspended_business_days=-1)


def test_observation_deadline_skips_fiestas_patrias() -> None:
    # Observed Mon 27 July: 28 and 29 are holidays, so Thu 30 (1) and Fri 31 (2).
    assert CAL.observation_deadline(date(2026, 7, 27)) == date(2026, 7, 31)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 3, 20), "on_time"),
        (date(2026, 3, 24), "on_time"),  # 25, 26, 27 left
        (date(2026, 3, 25), "due_soon"),  # 26, 27 left
        (date(2026, 3, 27), "due_soon"),  # due today
        (date(2026, 3, 28), "overdue"),
    ],
)
def test_deadline_state(today: date, state: str) -> None:
    assert CAL.deadline_state(date(2026, 3, 27), today) == state


def test_deadline_state_custom_window() -> None:
    assert CAL.deadline_state(date(2026, 3, 27), date(2026, 3, 20), soon_days=5) == "due_soon"
    assert CAL.deadline_state(date(2026, 3, 27), date(2026, 3, 25), soon_days=0) == "on_time"


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_add_then_count_round_trips(start: date, n: int) -> None:
    end = CAL.add_business_days(start, n)
    assert CAL.is_business_day(end)
    assert end > start
    assert CAL.business_days_between(start, end) == n


@given(day=dates, minutes=st.integers(min_value=0, max_value=24 * 60 - 1))
def test_official_filing_date_is_a_business_day_not_before_filing(day: date, minutes: int) -> None:
    filed = datetime.combine(day, time(0, 0), LIMA) + timedelta(minutes=minutes)
    official = CAL.official_filing_date(filed)
    assert CAL.is_business_day(official)
    assert official >= day
    assert (official == day) == CAL.is_business_day(day)
