"""Comparison and arithmetic with ODK's coercions; every function here returns a value, never raises."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from shared.expressions.values import (
    align_dates,
    bool_for_comparison,
    is_empty,
    is_list,
    is_number,
    to_date,
    to_number,
    to_string,
)

COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
ARITHMETIC = frozenset({"+", "-", "*", "div", "mod"})
_RELATIONAL: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compare(op: str, left: Any, right: Any) -> bool:
    """``left op right`` for ``= != < <= > >=``, following the rules in the package docstring."""
    if is_list(left):
        left = to_string(left)
    if is_list(right):
        right = to_string(right)
    if is_empty(left) or is_empty(right):
        if op in ("=", "!="):
            return (to_string(left) == to_string(right)) == (op == "=")
        return False
    if op in ("=", "!=") and (isinstance(left, bool) or isinstance(right, bool)):
        a, b = bool_for_comparison(left), bool_for_comparison(right)
        return (a is not None and b is not None and a == b) == (op == "=")
    if isinstance(left, bool) or isinstance(right, bool) or is_number(left) or is_number(right):
        return _ordered(op, to_number(left), to_number(right))
    if isinstance(left, date) or isinstance(right, date):
        a, b = to_date(left), to_date(right)
        if a is None or b is None:
            return _ordered(op, None, None)
        return _ordered(op, *align_dates(a, b))
    a_text, b_text = to_string(left), to_string(right)
    if op not in ("=", "!="):
        a_number, b_number = to_number(a_text), to_number(b_text)
        if a_number is not None and b_number is not None:
            return _ordered(op, a_number, b_number)
    return _ordered(op, a_text, b_text)


def _ordered(op: str, a: Any, b: Any) -> bool:
    """Compare two values of one kind; a side that could not be converted (None) matches nothing."""
    if a is None or b is None:
        return op == "!="
    if op == "=":
        return bool(a == b)
    if op == "!=":
        return bool(a != b)
    return bool(_RELATIONAL[op](a, b))


def arithmetic(op: str, left: Any, right: Any) -> Any:
    """``left op right`` for ``+ - * div mod``; an empty or non-numeric operand gives None."""
    if is_empty(left) or is_empty(right):
        return None
    try:
        if op in ("+", "-") and (isinstance(left, date) or isinstance(right, date)):
            return _date_arithmetic(op, left, right)
        a, b = to_number(left), to_number(right)
        if a is None or b is None:
            return None
        return _finite(_numbers(op, a, b))
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


def negate(value: Any) -> int | float | None:
    number = to_number(value)
    return None if number is None else -number


def _numbers(op: str, a: int | float, b: int | float) -> int | float | None:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        return None
    both_int = isinstance(a, int) and isinstance(b, int)
    if op == "div":
        if both_int and a % b == 0:
            return a // b
        return a / b
    if both_int:
        remainder = abs(a) % abs(b)
        return remainder if a >= 0 else -remainder
    return math.fmod(a, b)


def _date_arithmetic(op: str, left: Any, right: Any) -> Any:
    """date - date = days; date ± number = date; number + date = date; number - date is a number."""
    if isinstance(left, date) and (isinstance(right, date) or (op == "-" and to_number(right) is None)):
        other = to_date(right)
        if op == "+" or other is None:
            return None
        a, b = align_dates(left, other)
        if isinstance(a, datetime):
            return (a - b).total_seconds() / 86400  # type: ignore[operator]
        return (a - b).days
    if isinstance(right, date) and op == "-":
        if isinstance(left, str) and to_date(left) is not None:
            return _date_arithmetic(op, to_date(left), right)
        a = to_number(left)
        return None if a is None else _finite(a - to_number(right))  # type: ignore[operator]
    day, shift = (left, right) if isinstance(left, date) else (right, left)
    days = to_number(shift)
    if days is None:
        return None
    return day + timedelta(days=-days if op == "-" else days)


def _finite(value: int | float | None) -> int | float | None:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
