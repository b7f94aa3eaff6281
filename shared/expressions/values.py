"""Runtime values and their coercions: the rules that make ``${edad} >= 18`` mean what a designer means.

Runtime values are ``None`` (unanswered), ``bool``, ``int``, ``float``, ``str``, ``date``, ``datetime``
and ``list`` (a select-multiple answer, or the values of a field inside a repeat seen from outside).
Nothing here raises on bad data: a value that cannot be read as a number or a date gives ``None``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

EPOCH = date(1970, 1, 1)
_NUMBER = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE_WORDS = frozenset({"true", "1", "yes", "si", "sí"})
_FALSE_WORDS = frozenset({"false", "0", "no"})


def is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def is_number(value: Any) -> bool:
    """True for int, float and Decimal; a bool is not a number here although Python says it is."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def is_empty(value: Any) -> bool:
    """Unanswered: ``None``, the empty string, or a select-multiple with nothing chosen."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    return is_list(value) and len(value) == 0


def truthy(value: Any) -> bool:
    """XPath truth: None, '', 0, NaN, False and [] are false; everything else (even 'false') is true."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if is_number(value):
        return value == value and value != 0  # NaN is false
    if isinstance(value, str) or is_list(value):
        return len(value) > 0
    return True


def to_number(value: Any) -> int | float | None:
    """The number a value stands for, or None when it is empty or not numeric.

    Strings use XPath's number syntax (no exponent, no thousands separator); dates count days since
    1970-01-01, as ODK does; a list is read through its text (so a one-item list is its item).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value) if isinstance(value, Decimal) else value
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        return _parse_number(value)
    if isinstance(value, datetime):
        return _datetime_days(value)
    if isinstance(value, date):
        return (value - EPOCH).days
    if is_list(value):
        return _parse_number(to_string(value))
    return None


def _parse_number(text: str) -> int | float | None:
    if not _NUMBER.fullmatch(text):
        return None
    text = text.strip()
    try:
        if "." not in text:
            return int(text)
        number = float(text)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _datetime_days(value: datetime) -> float:
    start = datetime.combine(EPOCH, time(), tzinfo=value.tzinfo)
    return (value - start).total_seconds() / 86400


def to_string(value: Any) -> str:
    """XPath ``string()``: booleans as 'true'/'false', whole floats without '.0', lists space-joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if is_list(value):
        return " ".join(to_string(item) for item in value)
    return str(value)


def to_date(value: Any) -> date | None:
    """A date (or datetime) from a date, an ISO string, or a number of days since 1970-01-01."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.match(text):
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            return None
    if is_number(value):
        number = to_number(value)
        if number is None:
            return None
        try:
            return EPOCH + timedelta(days=math.floor(number))
        except (OverflowError, ValueError):
            return None
    return None


def align_dates(a: date, b: date) -> tuple[date, date]:
    """Make two dates comparable: a plain date meets a datetime at midnight, naive meets aware.

    Python refuses to compare a date with a datetime, or a naive datetime with an aware one; ODK treats
    a date as midnight in local time, which is what we do with the other side's time zone.
    """
    a_full, b_full = isinstance(a, datetime), isinstance(b, datetime)
    if a_full and not b_full:
        b = datetime.combine(b, time(), tzinfo=a.tzinfo)  # type: ignore[union-attr]
    elif b_full and not a_full:
        a = datetime.combine(a, time(), tzinfo=b.tzinfo)  # type: ignore[union-attr]
    if isinstance(a, datetime) and isinstance(b, datetime):
        if a.tzinfo is None and b.tzinfo is not None:
            a = a.replace(tzinfo=b.tzinfo)
        elif b.tzinfo is None and a.tzinfo is not None:
            b = b.replace(tzinfo=a.tzinfo)
    return a, b


def bool_for_comparison(value: Any) -> bool | None:
    """How a value compares with a boolean: 'true'/'si'/'1' and 'false'/'no'/'0' are read as words.

    Pure XPath would make ``${acepta} = 'false'`` true whenever acepta is true (any non-empty string is
    true); reading the common words avoids that trap. Other strings match neither (None).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        return None
    return truthy(value)


def items(value: Any) -> list[Any]:
    """A value as a list of items: lists as they are, an empty value as none, anything else as one."""
    if is_list(value):
        return list(value)
    return [] if is_empty(value) else [value]


def choices(value: Any) -> list[str]:
    """The options chosen in a select-multiple answer: a list, or ODK's space-separated text."""
    if is_list(value):
        return [to_string(item) for item in value if not is_empty(item)]
    return to_string(value).split()
