"""Operators: arithmetic, comparison coercions, empties, dates and truth, with hand-worked answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from shared.expressions import MappingContext, parse

TODAY = date(2024, 5, 20)
NOW = datetime(2024, 5, 20, 14, 30, 15)


def ev(source: str, current: Any = None, **values: Any) -> Any:
    return parse(source).evaluate(MappingContext(values, current=current, today=TODAY, now=NOW))


def ev_bool(source: str, current: Any = None, **values: Any) -> bool:
    return parse(source).evaluate_bool(MappingContext(values, current=current, today=TODAY, now=NOW))


# --- arithmetic ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", 3),
        ("10 - 4 - 3", 3),  # (10 - 4) - 3, not 10 - (4 - 3) = 9
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("-2 * 3", -6),
        ("- -5", 5),
        ("6 div 3", 2),
        ("7 div 2", 3.5),
        ("-7 div 2", -3.5),
        ("1.5 + 1.5", 3.0),
        ("7 mod 3", 1),
        ("-7 mod 3", -1),  # sign of the dividend, as XPath; Python's % would give 2
        ("7 mod -3", 1),
        ("7.5 mod 2", 1.5),
        ("5 div 0", None),
        ("5 mod 0", None),
        ("0 div 0", None),
        ("'4' + 1", 5),
        ("' 2.5 ' * 2", 5.0),
        ("'abc' + 1", None),
        ("'1e3' + 0", None),  # XPath numbers have no exponent
        ("true() + 1", 2),
    ],
)
def test_arithmetic(source: str, expected: Any):
    result = ev(source)
    assert result == expected
    assert type(result) is type(expected)


def test_exact_int_division_stays_int_and_float_division_is_float():
    assert isinstance(ev("9 div 3"), int)
    assert isinstance(ev("9.0 div 3"), float)


def test_empty_operands_give_none():
    assert ev("${a} + 1") is None
    assert ev("${a} * 2", a="") is None
    assert ev("-${a}") is None
    assert ev("${a} - ${b}", a=3) is None
    assert ev("${a} + 1", a=[]) is None


def test_huge_results_give_none_not_errors():
    assert ev("${a} * ${a}", a=1e200) is None
    assert ev("${a} + 0.5", a=10**400) is None
    assert ev("${a} * 3", a=10**30) == 3 * 10**30  # ints do not overflow


def test_numbers_from_field_values():
    assert ev("${a} + ${b}", a=2, b=0.5) == 2.5
    assert ev("${a} div 4", a="10") == 2.5
    assert ev("${lista} + 1", lista=["4"]) == 5  # a one-item list is its item


# --- comparison ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 = 1", True),
        ("1 = 1.0", True),
        ("1 != 1", False),
        ("2 < 10", True),
        ("2 <= 2", True),
        ("3 > 3", False),
        ("3 >= 3", True),
        ("'a' = 'a'", True),
        ("'a' = 'A'", False),
        ("'abc' < 'abd'", True),
        ("'10' > '9'", True),  # two numeric texts compare as numbers
        ("'10' = '10.0'", False),  # but = on two texts is text equality
        ("'10' = 10.0", True),  # a number on one side makes both numbers
        ("'abc' = 1", False),
        ("'abc' != 1", True),
        ("'abc' < 1", False),
        ("'abc' > 1", False),
        ("1 < 2 < 3", True),  # (1 < 2) < 3 -> true < 3 -> 1 < 3
        ("3 > 2 > 1", False),  # (3 > 2) > 1 -> 1 > 1
    ],
)
def test_comparisons(source: str, expected: bool):
    assert ev(source) is expected


def test_empty_equals_empty_text_and_fails_relational():
    assert ev_bool("${x} = ''")
    assert ev_bool("${x} = ''", x="")
    assert not ev_bool("${x} = ''", x="algo")
    assert not ev_bool("${x} != ''")
    assert ev_bool("${x} != 'dni'")
    assert not ev_bool("${x} = 0")
    assert ev_bool("${x} != 0")
    assert not ev_bool("${x} < 5")
    assert not ev_bool("${x} >= 5")
    assert not ev_bool("${x} >= ${y}")
    assert ev_bool("${x} = ${y}")


def test_booleans_compare_with_booleans_and_common_words():
    assert ev_bool("${acepta} = true()", acepta=True)
    assert not ev_bool("${acepta} = true()", acepta=False)
    assert ev_bool("${acepta} = false()", acepta=False)
    assert ev_bool("${acepta} != true()", acepta=False)
    assert ev_bool("${acepta} = 'true'", acepta=True)
    assert ev_bool("${acepta} = 'si'", acepta=True)
    assert not ev_bool("${acepta} = 'false'", acepta=True)  # pure XPath would say true here
    assert not ev_bool("${acepta} = 'quizas'", acepta=True)
    assert ev_bool("${acepta} != 'quizas'", acepta=True)
    assert ev_bool("${acepta} = 1", acepta=True)
    assert ev_bool("${acepta} = 2", acepta=True)  # 2 is true
    assert ev_bool("${acepta} < 2", acepta=True)  # relational: true is 1


def test_and_or_give_booleans_and_short_circuit():
    assert ev("1 and 'x'") is True
    assert ev("0 or ''") is False
    assert ev("${a} or 5") is True
    calls: list[str] = []

    class Spy(MappingContext):
        def lookup(self, name: str) -> Any:
            calls.append(name)
            return super().lookup(name)

    ctx = Spy({"a": 0, "b": 1}, today=TODAY, now=NOW)
    assert parse("${a} and ${b}").evaluate(ctx) is False
    assert parse("${b} or ${a}").evaluate(ctx) is True
    assert calls == ["a", "b"]


def test_select_multiple_compares_as_its_space_joined_text():
    assert ev_bool("${docs} = 'dni'", docs=["dni"])
    assert not ev_bool("${docs} = 'dni'", docs=["dni", "ruc"])
    assert ev_bool("${docs} = 'dni ruc'", docs=["dni", "ruc"])
    assert ev_bool("${docs} = ''", docs=[])


# --- dates --------------------------------------------------------------------------------------


def test_date_comparisons_read_iso_text():
    assert ev_bool(". <= today()", current=date(2024, 5, 20))
    assert not ev_bool(". <= today()", current=date(2024, 5, 21))
    assert ev_bool("${f} = '2024-05-20'", f=TODAY)
    assert ev_bool("${f} > '2024-01-31'", f=TODAY)
    assert not ev_bool("${f} = 'mañana'", f=TODAY)
    assert ev_bool("${f} != 'mañana'", f=TODAY)
    assert not ev_bool("${f} < 'mañana'", f=TODAY)


def test_date_against_datetime_counts_the_date_as_midnight():
    assert ev_bool("today() < now()")
    assert ev_bool("date('2024-05-20') <= now()")
    assert not ev_bool("date('2024-05-21') <= now()")
    aware = datetime(2024, 5, 20, 14, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert ev_bool("${a} > today()", a=aware)
    assert ev_bool("${a} < now()", a=aware)  # naive now() read in the aware side's zone: 14:00 < 14:30


def test_date_arithmetic():
    assert ev("today() - ${f}", f=date(2024, 4, 20)) == 30
    assert ev("today() - '2024-05-01'") == 19
    assert ev("'2024-06-01' - today()") == 12
    assert ev("today() + 12") == date(2024, 6, 1)
    assert ev("12 + today()") == date(2024, 6, 1)
    assert ev("today() - 20") == date(2024, 4, 30)
    assert ev("today() + ${n}", n="1") == date(2024, 5, 21)
    assert ev("today() - ${f} <= 30", f=date(2024, 4, 20)) is True
    assert ev("today() - ${f} <= 30", f=date(2024, 4, 19)) is False
    assert ev("today() - ${f}", f=None) is None
    assert ev("today() + today()") is None
    assert ev("today() + 'x'") is None


def test_datetime_differences_are_fractional_days():
    assert ev("now() - today()") == pytest.approx((14 * 3600 + 30 * 60 + 15) / 86400)


def test_dates_as_numbers_count_days_since_1970():
    assert ev("number(date('1970-01-11'))") == 10
    assert ev("today() > 19000")  # 2024-05-20 is day 19863


def test_date_overflow_gives_none():
    assert ev("today() + 10000000") is None


# --- truth --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), (0, False), (0.0, False), (False, False), ([], False),
     ("0", True), ("false", True), (" ", True), (1, True), (-1, True), (["a"], True), (TODAY, True)],
)  # fmt: skip
def test_evaluate_bool_uses_xpath_truth(value: Any, expected: bool):
    assert ev_bool("${v}", v=value) is expected
